-- Key rotations and revocations: this node's own, and those of other origins that verified
-- against the chain of their pinned keys. A rotation is keyed by the key it retires (a key
-- gives way once); a revocation by the key it revokes.
CREATE TABLE key_statements (
    origin TEXT NOT NULL,
    kind TEXT NOT NULL,
    kid TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    body TEXT NOT NULL,
    received_from TEXT NOT NULL,
    PRIMARY KEY (origin, kind, kid)
);
