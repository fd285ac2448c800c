-- The secretariat's desk and the submitter's return: staff accounts,
-- sessions, login rate limits, the audit chain, triage status, messages
-- to submitters and the per-submission submitter key.
--
-- Nothing here holds confidential content in clear. A staff member's
-- copy of the secretariat's private key is wrapped under a key derived
-- from their password; a session's copy is wrapped under a key that
-- only the session cookie holds; messages to a submitter are sealed
-- under a per-submission key that only the secretariat and the holder of
-- the return code can open.

-- Accounts are created by `portal user add`, connected as the owner
-- role: the application can read them, never create or change them.
CREATE TABLE staff (
	id		bigserial PRIMARY KEY,
	login		text NOT NULL UNIQUE
			    CHECK (login ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
	role		text NOT NULL
			    CHECK (role IN ('reviewer', 'editor', 'admin',
			    'focal_point')),
	state		char(3) REFERENCES states (iso3),
	password_hash	text NOT NULL,		-- crypto_pwhash_str (argon2id)
	-- The secretariat's private key under argon2id(password, key_salt).
	key_salt	bytea NOT NULL CHECK (length(key_salt) = 16),
	key_ops		bigint NOT NULL CHECK (key_ops > 0),
	key_mem		bigint NOT NULL CHECK (key_mem > 0),
	key_nonce	bytea NOT NULL CHECK (length(key_nonce) = 24),
	key_box		bytea NOT NULL CHECK (length(key_box) = 48),
	disabled	boolean NOT NULL DEFAULT false,
	created_at	timestamptz NOT NULL DEFAULT now(),
	CHECK ((role = 'focal_point') = (state IS NOT NULL))
);

-- Sessions: only SHA-256 of the token is stored. sk_box is the
-- secretariat's private key under the key that follows the token in the
-- cookie: this row alone cannot decrypt anything, nor can the cookie.
CREATE TABLE staff_sessions (
	token_hash	bytea PRIMARY KEY CHECK (length(token_hash) = 32),
	staff_id	bigint NOT NULL REFERENCES staff (id),
	created_at	timestamptz NOT NULL DEFAULT now(),
	last_seen	timestamptz NOT NULL DEFAULT now(),
	sk_nonce	bytea NOT NULL CHECK (length(sk_nonce) = 24),
	sk_box		bytea NOT NULL CHECK (length(sk_box) = 48)
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

-- Failed logins per (account, address), both as keyed hashes: the login
-- typed need not exist, and no address is kept in clear. See README,
-- "The secretariat's desk", for the policy.
CREATE TABLE login_attempts (
	login_hash	bytea NOT NULL CHECK (length(login_hash) = 32),
	addr_hash	bytea NOT NULL CHECK (length(addr_hash) = 32),
	failures	int NOT NULL DEFAULT 0,
	last_failure	timestamptz,
	last_success	timestamptz,
	PRIMARY KEY (login_hash, addr_hash)
);

-- Wrong return codes per address (keyed hash).
CREATE TABLE code_attempts (
	addr_hash	bytea PRIMARY KEY CHECK (length(addr_hash) = 32),
	failures	int NOT NULL DEFAULT 0,
	last_failure	timestamptz NOT NULL DEFAULT now()
);

-- The audit chain: every staff action, never content. Each row's hash
-- covers its fields and the previous row's hash (see cgi/data/audit.c);
-- `portal audit verify` recomputes it.
CREATE TABLE audit (
	id		bigint PRIMARY KEY CHECK (id >= 1),
	prev_hash	bytea NOT NULL CHECK (length(prev_hash) = 32),
	hash		bytea NOT NULL UNIQUE CHECK (length(hash) = 32),
	action		text NOT NULL CHECK (action ~ '^[a-z][a-z._-]{0,63}$'),
	object		text NOT NULL CHECK (length(object) <= 128 AND
			    object !~ '[[:cntrl:]]'),
	staff_id	bigint REFERENCES staff (id),
	at		timestamptz NOT NULL
);
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
	FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- A key per submission for what the secretariat writes to its
-- submitter: sealed to the secretariat, and boxed under a key derived
-- from the return code (which the database never holds).
CREATE TABLE submitter_keys (
	submission_id	bigint PRIMARY KEY REFERENCES submissions (id)
			    DEFERRABLE INITIALLY DEFERRED,
	sealed_key	bytea NOT NULL CHECK (length(sealed_key) = 80),
	code_nonce	bytea NOT NULL CHECK (length(code_nonce) = 24),
	code_box	bytea NOT NULL CHECK (length(code_box) = 48)
);
CREATE TRIGGER submitter_keys_append_only BEFORE UPDATE OR DELETE
	ON submitter_keys FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Triage: a status is an event; the latest one is the current status.
CREATE TABLE submission_status (
	id		bigserial PRIMARY KEY,
	submission_id	bigint NOT NULL REFERENCES submissions (id),
	status		text NOT NULL CHECK (status IN ('admissible',
			    'more_information', 'not_admissible', 'duplicate')),
	staff_id	bigint NOT NULL REFERENCES staff (id),
	at		timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX submission_status_sub ON submission_status (submission_id, id);
CREATE TRIGGER submission_status_append_only BEFORE UPDATE OR DELETE
	ON submission_status FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Messages from the secretariat to a submitter, under the submitter key.
CREATE TABLE submission_messages (
	id		bigserial PRIMARY KEY,
	submission_id	bigint NOT NULL REFERENCES submissions (id),
	staff_id	bigint NOT NULL REFERENCES staff (id),
	at		timestamptz NOT NULL DEFAULT now(),
	nonce		bytea NOT NULL CHECK (length(nonce) = 24),
	box		bytea NOT NULL
);
CREATE INDEX submission_messages_sub ON submission_messages (submission_id, id);
CREATE TRIGGER submission_messages_append_only BEFORE UPDATE OR DELETE
	ON submission_messages FOR EACH ROW EXECUTE FUNCTION forbid_change();

GRANT SELECT ON staff TO portal_app;
GRANT SELECT, INSERT, DELETE ON staff_sessions TO portal_app;
GRANT UPDATE (last_seen) ON staff_sessions TO portal_app;
GRANT SELECT, INSERT ON login_attempts TO portal_app;
GRANT UPDATE (failures, last_failure, last_success) ON login_attempts
	TO portal_app;
GRANT SELECT, INSERT, DELETE ON code_attempts TO portal_app;
GRANT UPDATE (failures, last_failure) ON code_attempts TO portal_app;
GRANT SELECT, INSERT ON audit, submitter_keys, submission_status,
	submission_messages TO portal_app;
GRANT USAGE ON SEQUENCE submission_status_id_seq, submission_messages_id_seq
	TO portal_app;
