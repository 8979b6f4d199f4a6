-- The operator's opt-in to pull a peer over plain http (loopback needs none).
ALTER TABLE peers ADD COLUMN insecure_http BOOLEAN NOT NULL DEFAULT FALSE;
