-- A record's identity is its origin plus its id (docs/protocol.md, section 14): a record
-- another origin publishes under an id already held here is held beside it, not refused,
-- so no origin can shadow another's record by taking its id first. SQLite cannot change a
-- primary key in place: the table is rebuilt, rows and sequence numbers unchanged.
CREATE TABLE records_by_origin (
    origin TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    version BIGINT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    content TEXT NOT NULL,
    private TEXT,
    themes TEXT NOT NULL,
    seq BIGINT NOT NULL UNIQUE,
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    published_ever BOOLEAN NOT NULL DEFAULT FALSE,
    hash TEXT,
    signature TEXT,
    received_at TEXT,
    PRIMARY KEY (origin, id)
);
INSERT INTO records_by_origin
    (origin, id, kind, version, status, created_at, updated_at, content, private, themes, seq,
     deleted, published_ever, hash, signature, received_at)
SELECT origin, id, kind, version, status, created_at, updated_at, content, private, themes, seq,
       deleted, published_ever, hash, signature, received_at
FROM records;
DROP TABLE records;
ALTER TABLE records_by_origin RENAME TO records;
CREATE INDEX records_kind_id ON records (kind, id);
CREATE INDEX records_origin_set ON records (origin, published_ever, id, version, hash);
-- A link names an id alone: every origin's record of that id is found by it.
CREATE INDEX records_id ON records (id);
