-- What an origin's set holds, in id order, read from the index alone: range digests and the
-- repair's bisection read (id, version, hash) of many records and none of their content.
CREATE INDEX records_origin_set ON records (origin, published_ever, id, version, hash);
