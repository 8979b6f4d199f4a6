-- The highest sequence position of a record row removed from the feed (a tombstone compacted
-- past the retention horizon, or a record its origin no longer publishes): a puller whose
-- cursor is below it may have missed a removal, and is sent to the snapshot.
ALTER TABLE node_state ADD COLUMN feed_horizon BIGINT NOT NULL DEFAULT 0;
