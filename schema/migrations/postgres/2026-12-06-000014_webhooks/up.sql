-- Partner systems' webhook subscriptions: each a reader of the change sequence with its own
-- cursor (the last change acknowledged with a 2xx, or passed over by its filter).
CREATE TABLE webhooks (
    id TEXT PRIMARY KEY NOT NULL,
    url TEXT NOT NULL,
    description TEXT NOT NULL,
    filter TEXT NOT NULL,
    secret TEXT NOT NULL,
    cursor BIGINT NOT NULL,
    active BOOLEAN NOT NULL,
    disabled_reason TEXT,
    failing_since TEXT,
    next_attempt_at TEXT,
    failures BIGINT NOT NULL,
    -- 1 on registration, +1 on every change its owner makes: its entity tag.
    version BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- The latest delivery attempts of each subscription, for its operators.
CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    webhook_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    event TEXT NOT NULL,
    seq BIGINT NOT NULL,
    attempt BIGINT NOT NULL,
    at TEXT NOT NULL,
    status_code BIGINT,
    error TEXT,
    latency_ms BIGINT NOT NULL
);
CREATE INDEX webhook_deliveries_by_hook ON webhook_deliveries (webhook_id, at);
