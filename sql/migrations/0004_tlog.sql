-- 0004_tlog: the transparency log (DESIGN.md section 3, README.md
-- "Transparency log"). Every receipt's entry, the SHA-256 of its signed
-- text, is queued by the submission's own transaction and later appended
-- to an RFC 6962 Merkle tree by the one integrator (cgi/server/integrator.c)
-- holding the advisory lock, which signs a checkpoint for each batch.
--
-- Only hashes live here: no receipt text, no file hash.

-- Entries waiting for the integrator. Rows are deleted once integrated,
-- in the integrator's transaction; nothing else changes them.
CREATE TABLE tlog_queue (
	id		bigserial PRIMARY KEY,
	entry		bytea NOT NULL CHECK (length(entry) = 32),
	queued_at	timestamptz NOT NULL DEFAULT now()
);

-- The log's entries, in order, with no gaps (idx 0, 1, 2, ...).
CREATE TABLE tlog_leaves (
	idx		bigint PRIMARY KEY CHECK (idx >= 0),
	entry		bytea NOT NULL CHECK (length(entry) = 32)
);
-- tlog_lookup: where is this receipt? Not unique: a receipt queued twice
-- is logged twice, and its first index is its index.
CREATE INDEX tlog_leaves_entry ON tlog_leaves (entry);

-- Every complete subtree hash: (level, idx) is MTH of leaves
-- [idx * 2^level, (idx + 1) * 2^level); level 0 holds the leaf hashes.
-- Tiles are ranges of one level and a proof is O(log n) key lookups.
CREATE TABLE tlog_hashes (
	level		smallint NOT NULL CHECK (level BETWEEN 0 AND 63),
	idx		bigint NOT NULL CHECK (idx >= 0),
	hash		bytea NOT NULL CHECK (length(hash) = 32),
	PRIMARY KEY (level, idx)
);

-- Every signed checkpoint (c2sp.org/tlog-checkpoint). The root is also
-- inside the signed note; the integrator trusts only the note's.
CREATE TABLE tlog_checkpoints (
	size		bigint PRIMARY KEY CHECK (size >= 0),
	root		bytea NOT NULL CHECK (length(root) = 32),
	note		text NOT NULL,
	signed_at	timestamptz NOT NULL DEFAULT now()
);

-- History cannot be rewritten by the application.
CREATE TRIGGER tlog_leaves_append_only BEFORE UPDATE OR DELETE ON tlog_leaves
	FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER tlog_hashes_append_only BEFORE UPDATE OR DELETE ON tlog_hashes
	FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER tlog_checkpoints_append_only BEFORE UPDATE OR DELETE
	ON tlog_checkpoints FOR EACH ROW EXECUTE FUNCTION forbid_change();
-- A queued entry is never edited: it is integrated as it was queued.
CREATE TRIGGER tlog_queue_no_update BEFORE UPDATE ON tlog_queue
	FOR EACH ROW EXECUTE FUNCTION forbid_change();

GRANT SELECT, INSERT, DELETE ON tlog_queue TO portal_app;
GRANT USAGE ON SEQUENCE tlog_queue_id_seq TO portal_app;
GRANT SELECT, INSERT ON tlog_leaves, tlog_hashes, tlog_checkpoints
	TO portal_app;
