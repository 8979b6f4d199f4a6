-- Whether this node pulls the peer's feed; a peer with a URL that is not pulled is still asked
-- for records it holds that this node lacks (repair against the origins' checkpoints).
ALTER TABLE peers ADD COLUMN pull BOOLEAN NOT NULL DEFAULT TRUE;
