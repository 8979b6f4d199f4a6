-- Each origin's state commitment over the records it has published (docs/protocol.md): kept
-- up to date by every write, rebuilt from the records when empty.
CREATE TABLE origin_states (
    origin TEXT PRIMARY KEY NOT NULL,
    count BIGINT NOT NULL,
    state BLOB NOT NULL
);
-- The newest checkpoint received of each other origin, as its origin signed it.
CREATE TABLE checkpoints (
    origin TEXT PRIMARY KEY NOT NULL,
    count BIGINT NOT NULL,
    digest TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    kid TEXT NOT NULL,
    signature TEXT NOT NULL,
    received_from TEXT NOT NULL,
    received_at TEXT NOT NULL
);
