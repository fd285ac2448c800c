-- 0011_demo: the mark of demonstration data (issue 7, item 9).
--
-- `portal demo-data` fills a database with synthetic States' records
-- (sql/demo/generate.sql) and writes this one row in the same
-- transaction. While the row exists, every public page carries the banner
-- "Demonstration data — not real communications" (cgi/view/demo_flag.c),
-- so that no screenshot of a demo can pass for the real record.
--
-- The counts are those generated so far: row i of each kind is a function
-- of (seed, i) alone, so a run with larger counts adds the missing rows
-- and gives the same database as one run with those counts.
CREATE TABLE demo_data (
	one		boolean PRIMARY KEY DEFAULT true CHECK (one),
	seed		bigint NOT NULL,
	communications	integer NOT NULL CHECK (communications >= 0),
	visits		integer NOT NULL CHECK (visits >= 0),
	recommendations	integer NOT NULL CHECK (recommendations >= 0),
	-- Synthetic submissions rows, for scale tests only: random bytes
	-- where sealed data would be, no receipt in the transparency log,
	-- ids 10^12 + i (never reached by submission_id_seq).
	submissions	integer NOT NULL CHECK (submissions >= 0),
	loaded_at	timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT ON demo_data TO portal_app;
