ALTER TABLE records DROP COLUMN changed_at;
