-- When a record last changed on this node, stamped inside the write's transaction, after
-- its sequence number is taken: the OAI-PMH datestamp. A local record's `updated_at` is taken
-- before the write waits for the store, so a harvest that ran meanwhile could miss it for
-- good; `received_at` is a peer's record's arrival only.
ALTER TABLE records ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';
UPDATE records SET changed_at = COALESCE(received_at, updated_at);
