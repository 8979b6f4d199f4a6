DROP TABLE retired_keys;
DROP TABLE seen_tokens;
DROP TABLE peer_rejections;
DROP TABLE peers;
