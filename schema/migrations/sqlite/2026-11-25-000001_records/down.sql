DROP TABLE api_tokens;
DROP TABLE records;
DROP TABLE node_state;
