-- Copies a peer relays that are older than, or the same as, what this node holds, and this
-- node's own records coming back: counted apart from refusals, which they are not.
ALTER TABLE peers ADD COLUMN records_stale BIGINT NOT NULL DEFAULT 0;
ALTER TABLE peers ADD COLUMN records_own BIGINT NOT NULL DEFAULT 0;
