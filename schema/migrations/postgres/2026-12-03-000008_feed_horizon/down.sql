ALTER TABLE node_state DROP COLUMN feed_horizon;
