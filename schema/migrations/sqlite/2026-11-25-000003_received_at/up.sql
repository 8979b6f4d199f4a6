-- When a peer's copy of a record was last applied here (null for this node's own records).
ALTER TABLE records ADD COLUMN received_at TEXT;
