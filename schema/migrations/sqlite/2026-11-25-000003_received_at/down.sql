ALTER TABLE records DROP COLUMN received_at;
