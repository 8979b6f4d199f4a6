-- One row: the node's local change sequence. Every write bumps it first, which also
-- serialises writers, so sequence order is commit order and no reader skips a change.
CREATE TABLE node_state (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    last_seq BIGINT NOT NULL
);
INSERT INTO node_state (id, last_seq) VALUES (1, 0);

-- Every record this node holds, its own and its peers', at its latest version.
CREATE TABLE records (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    origin TEXT NOT NULL,
    version BIGINT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- public content as JSON; personal data lives apart in private, never served publicly
    content TEXT NOT NULL,
    private TEXT,
    -- theme codes as '|a|b|', for filtering without a join
    themes TEXT NOT NULL,
    seq BIGINT NOT NULL UNIQUE,
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    -- once published, a later withdrawal or deletion must reach peers as a tombstone
    published_ever BOOLEAN NOT NULL DEFAULT FALSE,
    hash TEXT,
    signature TEXT
);
CREATE INDEX records_kind_id ON records (kind, id);

CREATE TABLE api_tokens (
    name TEXT PRIMARY KEY NOT NULL,
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
