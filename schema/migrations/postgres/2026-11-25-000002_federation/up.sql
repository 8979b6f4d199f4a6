-- Peers: pinned public keys of other regions, and for those we pull from, the URL, the
-- cursor in their feed and the health of the last sync rounds.
CREATE TABLE peers (
    region TEXT PRIMARY KEY NOT NULL,
    url TEXT,
    jwks TEXT NOT NULL,
    added_at TEXT NOT NULL,
    cursor TEXT,
    last_attempt_at TEXT,
    last_success_at TEXT,
    last_error TEXT,
    consecutive_failures BIGINT NOT NULL DEFAULT 0,
    records_received BIGINT NOT NULL DEFAULT 0,
    records_rejected BIGINT NOT NULL DEFAULT 0
);

-- The latest rejected records per peer, for operators.
CREATE TABLE peer_rejections (
    id TEXT PRIMARY KEY NOT NULL,
    region TEXT NOT NULL,
    at TEXT NOT NULL,
    record_id TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX peer_rejections_region_at ON peer_rejections (region, at);

-- Token ids seen, kept until the token could no longer be accepted: replay protection that
-- survives a restart.
CREATE TABLE seen_tokens (
    jti TEXT PRIMARY KEY NOT NULL,
    issuer TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX seen_tokens_expires_at ON seen_tokens (expires_at);

-- This node's previous public keys, still published (verify-only) until they expire.
CREATE TABLE retired_keys (
    kid TEXT PRIMARY KEY NOT NULL,
    public_key TEXT NOT NULL,
    retired_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
