-- Back to one record per id: fails if two origins hold the same id.
DROP INDEX records_id;
ALTER TABLE records DROP CONSTRAINT records_pkey;
ALTER TABLE records ADD PRIMARY KEY (id);
