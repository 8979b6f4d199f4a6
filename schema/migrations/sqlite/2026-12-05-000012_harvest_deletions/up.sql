-- What OAI-PMH harvesters are told of a record that left the records table (a compacted
-- tombstone, a record its origin retracted): its deleted header stays, so deletions are
-- persistent (OAI-PMH 2.0, section 2.5.1). `seq` is its place in the change sequence,
-- `changed_at` its datestamp.
CREATE TABLE harvest_deletions (
    origin TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    version BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (origin, id)
);
CREATE INDEX harvest_deletions_seq ON harvest_deletions (seq);
