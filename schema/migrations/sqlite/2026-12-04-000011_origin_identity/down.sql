-- Back to one record per id: fails if two origins hold the same id.
CREATE TABLE records_by_id (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    origin TEXT NOT NULL,
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
    received_at TEXT
);
INSERT INTO records_by_id
    (id, kind, origin, version, status, created_at, updated_at, content, private, themes, seq,
     deleted, published_ever, hash, signature, received_at)
SELECT id, kind, origin, version, status, created_at, updated_at, content, private, themes, seq,
       deleted, published_ever, hash, signature, received_at
FROM records;
DROP TABLE records;
ALTER TABLE records_by_id RENAME TO records;
CREATE INDEX records_kind_id ON records (kind, id);
CREATE INDEX records_origin_set ON records (origin, published_ever, id, version, hash);
