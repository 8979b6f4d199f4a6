-- A record's identity is its origin plus its id (docs/protocol.md, section 14): a record
-- another origin publishes under an id already held here is held beside it, not refused,
-- so no origin can shadow another's record by taking its id first.
ALTER TABLE records DROP CONSTRAINT records_pkey;
ALTER TABLE records ADD PRIMARY KEY (origin, id);
-- A link names an id alone: every origin's record of that id is found by it.
CREATE INDEX records_id ON records (id);
