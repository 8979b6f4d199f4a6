DROP TABLE harvest_deletions;
