-- Submissions: allegations and follow-ups, sealed to the secretariat.
--
-- In clear: the State, the mandates, the kind, the time, the consent
-- answers, and hashes. Everything else (victims, submitter, description,
-- file names, file contents, even the SHA-256 of each file, which a State
-- holding a copy of a video could look for) is sealed: a per-submission
-- key sealed to the secretariat's public key (crypto_box_seal) encrypts
-- the body (crypto_secretbox); a per-file key sealed the same way encrypts
-- the file (crypto_secretstream) and its metadata. The server holds only
-- the public key: it can store, never read.

CREATE SEQUENCE submission_ref_seq;
CREATE SEQUENCE submission_id_seq;

CREATE TABLE submissions (
	id		bigint PRIMARY KEY,
	ref		text NOT NULL UNIQUE CHECK (ref ~ '^[AF]-[0-9]{4}-[0-9]{6,}$'),
	kind		text NOT NULL CHECK (kind IN ('allegation', 'followup')),
	parent_id	bigint REFERENCES submissions (id),
	state		char(3) REFERENCES states (iso3),
	received_at	timestamptz NOT NULL,
	consent_names_to_government boolean,
	consent_names_public boolean,
	sealed_key	bytea NOT NULL CHECK (length(sealed_key) = 80),
	body_nonce	bytea NOT NULL CHECK (length(body_nonce) = 24),
	sealed_body	bytea NOT NULL,
	sealed_receipt	bytea NOT NULL,		-- the receipt, under the body key
	receipt_hash	bytea NOT NULL UNIQUE CHECK (length(receipt_hash) = 32),
	-- argon2id of the return code, salted with a keyed hash of the code
	-- itself, so that the slow hash is also the lookup key.
	code_hash	bytea NOT NULL UNIQUE CHECK (length(code_hash) = 32),
	CHECK ((kind = 'followup') = (parent_id IS NOT NULL))
);
CREATE INDEX submissions_received ON submissions (received_at);
CREATE INDEX submissions_state ON submissions (state, received_at);
CREATE INDEX submissions_parent ON submissions (parent_id);

CREATE TABLE submission_mandates (
	submission_id	bigint NOT NULL REFERENCES submissions (id),
	mandate		text NOT NULL REFERENCES mandates (slug),
	PRIMARY KEY (submission_id, mandate)
);

-- A file's row is written before its submission's (files stream in
-- first), hence the deferred foreign key: both commit together or not
-- at all.
CREATE TABLE submission_files (
	id		bigserial PRIMARY KEY,
	submission_id	bigint NOT NULL REFERENCES submissions (id)
			    DEFERRABLE INITIALLY DEFERRED,
	position	int NOT NULL CHECK (position >= 0),
	size		bigint NOT NULL CHECK (size >= 0),
	sealed_key	bytea NOT NULL CHECK (length(sealed_key) = 80),
	stream_header	bytea NOT NULL CHECK (length(stream_header) = 24),
	meta_nonce	bytea NOT NULL CHECK (length(meta_nonce) = 24),
	sealed_meta	bytea NOT NULL,		-- name, type, SHA-256
	received_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (submission_id, position)
);

CREATE TABLE file_chunks (
	file_id		bigint NOT NULL REFERENCES submission_files (id)
			    DEFERRABLE INITIALLY DEFERRED,
	seq		int NOT NULL CHECK (seq >= 0),
	data		bytea NOT NULL,
	PRIMARY KEY (file_id, seq)
);

-- One-time form tokens. The first request that claims a token makes the
-- submission; every later one (a double click, a reload, 50 parallel
-- posts) waits on the claim, then gets the same receipt and return code
-- from the replay box, which only the holder of the token can open. The
-- box is wiped after a day; the claim itself stays, so a token is never
-- used twice.
CREATE TABLE form_claims (
	token_hash	bytea PRIMARY KEY CHECK (length(token_hash) = 32),
	submission_id	bigint NOT NULL REFERENCES submissions (id)
			    DEFERRABLE INITIALLY DEFERRED,
	claimed_at	timestamptz NOT NULL DEFAULT now(),
	replay_nonce	bytea,
	replay_box	bytea
);

-- History cannot be rewritten by the application.
CREATE TRIGGER submissions_append_only BEFORE UPDATE OR DELETE ON submissions
	FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER submission_mandates_append_only BEFORE UPDATE OR DELETE
	ON submission_mandates FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER submission_files_append_only BEFORE UPDATE OR DELETE
	ON submission_files FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER file_chunks_append_only BEFORE UPDATE OR DELETE ON file_chunks
	FOR EACH ROW EXECUTE FUNCTION forbid_change();

GRANT SELECT, INSERT ON submissions, submission_mandates, submission_files,
	file_chunks TO portal_app;
GRANT SELECT, INSERT ON form_claims TO portal_app;
GRANT UPDATE (replay_nonce, replay_box) ON form_claims TO portal_app;
GRANT USAGE ON SEQUENCE submission_ref_seq, submission_id_seq,
	submission_files_id_seq
	TO portal_app;
