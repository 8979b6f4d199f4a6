DROP INDEX records_origin_set;
