-- Implementation updates received through the portal (issue 6, items
-- 8-10): a State focal point's progress report and a civil-society
-- assessment each get a signed receipt (kind progress-report, its ref
-- U-YYYY-NNNNNN, its parent line R-<recommendation id>), enter the
-- transparency log, and may carry evidence files.
--
-- Evidence on an update is public evidence: it is sent to be published
-- next to the claim it supports. It is therefore stored in clear (not
-- sealed to the secretariat, which would make it unservable to the
-- public), hashed with SHA-256 as received, typed by its content, and
-- served only once its update is published. The name a file had on the
-- sender's disk is not kept at all (it may name its author).
--
-- Chain of custody: an update, its files and their bytes are
-- append-only; the first copy stays as received, with its hash, time and
-- who added it (a staff member, or 'public'). Only `published` changes,
-- false to true (0005's trigger, which covers the columns added here).
-- A secretariat decision on an assessment is a row of update_reviews,
-- one per update, never changed.

ALTER TABLE recommendation_updates
	ADD COLUMN ref		text UNIQUE CHECK (ref ~ '^U-[0-9]{4}-[0-9]{6,}$'),
	-- The signed note in full: it holds hashes only, no text and no name.
	ADD COLUMN receipt	text CHECK (length(receipt) <= 8192),
	ADD COLUMN receipt_hash	bytea UNIQUE CHECK (length(receipt_hash) = 32),
	ADD COLUMN added_by	text CHECK (added_by IN ('staff', 'public')),
	ADD COLUMN staff_id	bigint REFERENCES staff (id),
	ADD COLUMN organisation	text CHECK (organisation <> '' AND
				    length(organisation) <= 300),
	-- SHA-256 of the form's one-time token: a double post gives one update.
	ADD COLUMN token_hash	bytea UNIQUE CHECK (length(token_hash) = 32),
	ADD CHECK ((ref IS NULL) = (receipt IS NULL) AND
	    (ref IS NULL) = (receipt_hash IS NULL) AND
	    (ref IS NULL) = (added_by IS NULL)),
	ADD CHECK ((added_by = 'staff') = (staff_id IS NOT NULL));

-- The natural key of 0005 holds for imported rows only: many people may
-- assess one recommendation on one day.
ALTER TABLE recommendation_updates
	DROP CONSTRAINT recommendation_updates_recommendation_id_reported_on_source_key;
CREATE UNIQUE INDEX recommendation_updates_imported_key
	ON recommendation_updates (recommendation_id, reported_on, source)
	WHERE ref IS NULL;
CREATE INDEX recommendation_updates_rec
	ON recommendation_updates (recommendation_id, id);
CREATE INDEX recommendation_updates_pending ON recommendation_updates (id)
	WHERE source = 'civil_society' AND NOT published AND ref IS NOT NULL;

CREATE SEQUENCE update_ref_seq;

CREATE TABLE update_files (
	id		bigserial PRIMARY KEY,
	update_id	bigint NOT NULL REFERENCES recommendation_updates (id)
			    DEFERRABLE INITIALLY DEFERRED,
	position	int NOT NULL CHECK (position >= 0 AND position < 20),
	size		bigint NOT NULL CHECK (size > 0),
	sha256		bytea NOT NULL CHECK (length(sha256) = 32),
	media_type	text NOT NULL CHECK (media_type ~ '^[a-z]+/[a-z0-9.+-]+$'),
	added_by	text NOT NULL CHECK (added_by IN ('staff', 'public')),
	staff_id	bigint REFERENCES staff (id),
	added_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (update_id, position),
	CHECK ((added_by = 'staff') = (staff_id IS NOT NULL))
);

-- The bytes as received, 256 KiB a row, written before their file row.
CREATE TABLE update_file_chunks (
	file_id		bigint NOT NULL REFERENCES update_files (id)
			    DEFERRABLE INITIALLY DEFERRED,
	seq		int NOT NULL CHECK (seq >= 0),
	data		bytea NOT NULL CHECK (length(data) <= 262144),
	PRIMARY KEY (file_id, seq)
);

CREATE TABLE update_reviews (
	update_id	bigint PRIMARY KEY REFERENCES recommendation_updates (id),
	decision	text NOT NULL CHECK (decision IN ('published', 'rejected')),
	staff_id	bigint NOT NULL REFERENCES staff (id),
	at		timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER update_files_append_only BEFORE UPDATE OR DELETE
	ON update_files FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER update_file_chunks_append_only BEFORE UPDATE OR DELETE
	ON update_file_chunks FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER update_reviews_append_only BEFORE UPDATE OR DELETE
	ON update_reviews FOR EACH ROW EXECUTE FUNCTION forbid_change();

GRANT SELECT, INSERT ON update_files, update_file_chunks, update_reviews
	TO portal_app;
GRANT USAGE ON SEQUENCE update_ref_seq, update_files_id_seq TO portal_app;
