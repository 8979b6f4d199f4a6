DROP TABLE checkpoints;
DROP TABLE origin_states;
