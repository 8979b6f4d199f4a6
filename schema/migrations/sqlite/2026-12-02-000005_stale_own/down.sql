ALTER TABLE peers DROP COLUMN records_own;
ALTER TABLE peers DROP COLUMN records_stale;
