ALTER TABLE peers DROP COLUMN insecure_http;
