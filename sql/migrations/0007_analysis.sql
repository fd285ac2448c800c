-- The analysis page (/{lang}/analysis) and the charts: summaries kept on
-- write, whose size does not grow with the number of letters, so that no
-- aggregate ever scans the base tables.
--
--   communication_year_totals    letters to States by year sent, category
--                                (the latest reply's) and confidentiality
--   communication_state_totals   the same by State and category
--   communication_regime_totals  the same by regime type (analysis_regime:
--                                the State's in the year sent), rebuilt
--                                when the regimes reference changes
--   communication_mandate_totals the same by mandate and category (a
--                                joint letter counts for each mandate)
--   communications_pending       (a view) the letters to States not yet
--                                public, read through the index on
--                                public_after: the page subtracts them,
--                                since "public" changes with the clock,
--                                not on a write
--   status_stats                 visit requests ('visit') and
--                                recommendations ('recommendation')
--                                per State and status
--   recommendation_outcomes      each recommendation's status: that of
--                                its latest published update
--                                (reported_on, then id), or
--                                'no_information'
--
-- The triggers are SECURITY DEFINER: the application reads these tables
-- and never writes them. A count only ever goes down on the row it was
-- added to, so it stays >= 0 (no CHECK: one would be tested on the row
-- proposed for insertion, before ON CONFLICT turns it into an update).
-- Each summary is filled from the existing rows at the end (the backfill).

CREATE TABLE communication_year_totals (
	year		smallint NOT NULL,
	category	text NOT NULL,
	confidential	boolean NOT NULL,
	n		integer NOT NULL,
	PRIMARY KEY (year, category, confidential)
);

CREATE TABLE communication_state_totals (
	state		char(3) NOT NULL REFERENCES states (iso3),
	category	text NOT NULL,
	n		integer NOT NULL,
	PRIMARY KEY (state, category)
);

-- regime: 0..3 (0002_reference.sql), -1 where the letter is not coded.
CREATE TABLE communication_regime_totals (
	regime		smallint NOT NULL,
	category	text NOT NULL,
	n		integer NOT NULL,
	PRIMARY KEY (regime, category)
);

-- A State's regime type in a year: that year's Regimes of the World
-- code, or after the last year of the data (2021 for v12) that year's;
-- -1 if not coded.
CREATE FUNCTION analysis_regime(st char(3), yr integer) RETURNS smallint
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
	SELECT coalesce((SELECT g.regime FROM regimes g WHERE g.iso3 = st
	    AND g.year = least(yr, (SELECT max(year) FROM regimes))), -1)
$$;

CREATE TABLE communication_mandate_totals (
	mandate		text NOT NULL REFERENCES mandates (slug),
	category	text NOT NULL,
	n		integer NOT NULL,
	PRIMARY KEY (mandate, category)
);

CREATE VIEW communications_pending AS
SELECT c.id, c.state, extract(year FROM c.sent_on)::smallint AS year,
    o.category, o.confidential
FROM communications c
JOIN communication_outcomes o ON o.communication_id = c.id
WHERE c.state IS NOT NULL AND c.public_after > current_date;

CREATE TABLE status_stats (
	subject		text NOT NULL CHECK (subject IN ('visit',
			    'recommendation')),
	state		char(3) NOT NULL REFERENCES states (iso3),
	status		text NOT NULL,
	n		integer NOT NULL,
	PRIMARY KEY (subject, state, status)
);

CREATE TABLE recommendation_outcomes (
	recommendation_id bigint PRIMARY KEY REFERENCES recommendations (id),
	status		text NOT NULL
);

-- Changes wait in communication_totals_delta (only ever inserted into
-- by the row triggers) and are folded into the totals once, at commit,
-- one upsert per key: a bulk load of N letters updating the same few
-- total rows N times in one transaction would make each update walk a
-- chain of every version before it (quadratic).
CREATE TABLE communication_totals_delta (
	year		smallint NOT NULL,
	state		char(3) NOT NULL,
	category	text NOT NULL,
	confidential	boolean NOT NULL,
	mandate		text,		-- NULL: the letter; else one mandate
	n		integer NOT NULL
);

-- Add delta for letter c with (cat, conf): the letter, and its mandates
-- if it has any yet (m: only that one, as it joins the letter).
CREATE FUNCTION communication_totals_add(c communications, cat text,
    conf boolean, delta integer, m text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	IF c.state IS NULL THEN
		RETURN;		-- as communication_stats: letters to States
	END IF;
	INSERT INTO communication_totals_delta
	SELECT extract(year FROM c.sent_on), c.state, cat, conf, x.mandate,
	    delta
	FROM (SELECT NULL::text AS mandate WHERE m IS NULL
	    UNION ALL SELECT cm.mandate FROM communication_mandates cm
	    WHERE cm.communication_id = c.id AND m IS NULL
	    UNION ALL SELECT m WHERE m IS NOT NULL) x;
END;
$$;

-- A letter's outcome: counted when made, moved when a reply changes it.
CREATE FUNCTION communication_outcomes_counted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
	c	communications;
BEGIN
	IF TG_OP = 'UPDATE' AND (NEW.category, NEW.confidential) IS NOT
	    DISTINCT FROM (OLD.category, OLD.confidential) THEN
		RETURN NULL;
	END IF;
	SELECT * INTO STRICT c FROM communications
	    WHERE id = NEW.communication_id;
	IF TG_OP = 'UPDATE' THEN
		PERFORM communication_totals_add(c, OLD.category,
		    OLD.confidential, -1, NULL);
	END IF;
	PERFORM communication_totals_add(c, NEW.category, NEW.confidential, 1,
	    NULL);
	RETURN NULL;
END;
$$;

-- A mandate joins a letter: count the letter's present outcome for it.
CREATE FUNCTION communication_mandates_counted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
	c	communications;
	o	communication_outcomes;
BEGIN
	SELECT * INTO STRICT c FROM communications
	    WHERE id = NEW.communication_id;
	SELECT * INTO STRICT o FROM communication_outcomes
	    WHERE communication_id = NEW.communication_id;
	PERFORM communication_totals_add(c, o.category, o.confidential, 1,
	    NEW.mandate);
	RETURN NULL;
END;
$$;

-- At commit (deferred, once per delta row): the first call folds every
-- delta of the transaction; the others see that it is done.
CREATE FUNCTION communication_totals_fold() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
	k	bigint;
BEGIN
	IF current_setting('portal.totals_folded', true) =
	    txid_current()::text THEN
		RETURN NULL;
	END IF;
	PERFORM set_config('portal.totals_folded', txid_current()::text, true);
	WITH d AS (DELETE FROM communication_totals_delta RETURNING *),
	y AS (INSERT INTO communication_year_totals AS t
	    SELECT year, category, confidential, sum(n) FROM d
	    WHERE mandate IS NULL GROUP BY 1, 2, 3
	    ON CONFLICT (year, category, confidential)
	    DO UPDATE SET n = t.n + EXCLUDED.n),
	s AS (INSERT INTO communication_state_totals AS t
	    SELECT state, category, sum(n) FROM d
	    WHERE mandate IS NULL GROUP BY 1, 2
	    ON CONFLICT (state, category) DO UPDATE SET n = t.n + EXCLUDED.n),
	r AS (INSERT INTO communication_regime_totals AS t
	    SELECT analysis_regime(state, year), category, sum(n)
	    FROM (SELECT state, year, category, sum(n) AS n FROM d
	    WHERE mandate IS NULL GROUP BY 1, 2, 3) sy GROUP BY 1, 2
	    ON CONFLICT (regime, category) DO UPDATE SET n = t.n + EXCLUDED.n),
	m AS (INSERT INTO communication_mandate_totals AS t
	    SELECT mandate, category, sum(n) FROM d
	    WHERE mandate IS NOT NULL GROUP BY 1, 2
	    ON CONFLICT (mandate, category) DO UPDATE SET n = t.n + EXCLUDED.n)
	SELECT count(*) INTO k FROM d;
	RETURN NULL;
END;
$$;

CREATE FUNCTION status_stats_add(subj text, st char(3), stat text,
    delta integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	INSERT INTO status_stats AS s (subject, state, status, n)
	VALUES (subj, st, stat, delta)
	ON CONFLICT (subject, state, status) DO UPDATE SET n = s.n + delta;
END;
$$;

CREATE FUNCTION visits_counted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		IF NEW.status = OLD.status THEN
			RETURN NULL;
		END IF;
		PERFORM status_stats_add('visit', OLD.state, OLD.status, -1);
	END IF;
	PERFORM status_stats_add('visit', NEW.state, NEW.status, 1);
	RETURN NULL;
END;
$$;

CREATE FUNCTION recommendations_counted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	INSERT INTO recommendation_outcomes (recommendation_id, status)
	VALUES (NEW.id, 'no_information');
	PERFORM status_stats_add('recommendation', NEW.state,
	    'no_information', 1);
	RETURN NULL;
END;
$$;

-- An update published (or inserted published): the status becomes the
-- latest published update's, which may be an older one's.
CREATE FUNCTION recommendation_updates_counted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
	o	recommendation_outcomes;
	st	char(3);
	latest	text;
BEGIN
	IF NOT NEW.published OR (TG_OP = 'UPDATE' AND OLD.published) THEN
		RETURN NULL;
	END IF;
	SELECT * INTO STRICT o FROM recommendation_outcomes
	    WHERE recommendation_id = NEW.recommendation_id FOR UPDATE;
	SELECT u.status INTO latest FROM recommendation_updates u
	    WHERE u.recommendation_id = NEW.recommendation_id AND u.published
	    ORDER BY u.reported_on DESC, u.id DESC LIMIT 1;
	IF latest = o.status THEN
		RETURN NULL;
	END IF;
	SELECT state INTO STRICT st FROM recommendations
	    WHERE id = NEW.recommendation_id;
	UPDATE recommendation_outcomes SET status = latest
	    WHERE recommendation_id = NEW.recommendation_id;
	PERFORM status_stats_add('recommendation', st, o.status, -1);
	PERFORM status_stats_add('recommendation', st, latest, 1);
	RETURN NULL;
END;
$$;

-- The regimes reference changed (a new release, loaded at start): count
-- every letter again by regime. Rare, so it may read the base tables.
CREATE FUNCTION communication_regime_totals_rebuild() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM changed) THEN
		RETURN NULL;
	END IF;
	DELETE FROM communication_regime_totals;
	INSERT INTO communication_regime_totals (regime, category, n)
	SELECT analysis_regime(c.state, extract(year FROM c.sent_on)::int),
	    o.category, count(*)
	FROM communications c
	JOIN communication_outcomes o ON o.communication_id = c.id
	WHERE c.state IS NOT NULL GROUP BY 1, 2;
	RETURN NULL;
END;
$$;

CREATE TRIGGER regimes_inserted AFTER INSERT ON regimes
	REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
	EXECUTE FUNCTION communication_regime_totals_rebuild();
CREATE TRIGGER regimes_updated AFTER UPDATE ON regimes
	REFERENCING NEW TABLE AS changed FOR EACH STATEMENT
	EXECUTE FUNCTION communication_regime_totals_rebuild();
CREATE TRIGGER regimes_deleted AFTER DELETE ON regimes
	REFERENCING OLD TABLE AS changed FOR EACH STATEMENT
	EXECUTE FUNCTION communication_regime_totals_rebuild();
CREATE CONSTRAINT TRIGGER communication_totals_fold AFTER INSERT
	ON communication_totals_delta DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION communication_totals_fold();
CREATE TRIGGER communication_mandates_counted AFTER INSERT
	ON communication_mandates FOR EACH ROW
	EXECUTE FUNCTION communication_mandates_counted();
CREATE TRIGGER communication_outcomes_counted AFTER INSERT OR UPDATE
	ON communication_outcomes FOR EACH ROW
	EXECUTE FUNCTION communication_outcomes_counted();
CREATE TRIGGER visits_counted AFTER INSERT OR UPDATE OF status ON visits
	FOR EACH ROW EXECUTE FUNCTION visits_counted();
CREATE TRIGGER recommendations_counted AFTER INSERT ON recommendations
	FOR EACH ROW EXECUTE FUNCTION recommendations_counted();
CREATE TRIGGER recommendation_updates_counted AFTER INSERT OR UPDATE OF
	published ON recommendation_updates FOR EACH ROW
	EXECUTE FUNCTION recommendation_updates_counted();

-- The backfill: the summaries of the rows already there.
INSERT INTO communication_year_totals (year, category, confidential, n)
SELECT extract(year FROM c.sent_on), o.category, o.confidential, count(*)
FROM communications c JOIN communication_outcomes o ON o.communication_id = c.id
WHERE c.state IS NOT NULL GROUP BY 1, 2, 3;

INSERT INTO communication_state_totals (state, category, n)
SELECT c.state, o.category, count(*)
FROM communications c JOIN communication_outcomes o ON o.communication_id = c.id
WHERE c.state IS NOT NULL GROUP BY 1, 2;

INSERT INTO communication_regime_totals (regime, category, n)
SELECT analysis_regime(c.state, extract(year FROM c.sent_on)::int),
    o.category, count(*)
FROM communications c JOIN communication_outcomes o ON o.communication_id = c.id
WHERE c.state IS NOT NULL GROUP BY 1, 2;

INSERT INTO communication_mandate_totals (mandate, category, n)
SELECT m.mandate, o.category, count(*) FROM communication_mandates m
JOIN communications c ON c.id = m.communication_id
JOIN communication_outcomes o ON o.communication_id = c.id
WHERE c.state IS NOT NULL GROUP BY 1, 2;

INSERT INTO status_stats (subject, state, status, n)
SELECT 'visit', state, status, count(*) FROM visits GROUP BY 2, 3;

INSERT INTO recommendation_outcomes (recommendation_id, status)
SELECT r.id, coalesce((SELECT u.status FROM recommendation_updates u
    WHERE u.recommendation_id = r.id AND u.published
    ORDER BY u.reported_on DESC, u.id DESC LIMIT 1), 'no_information')
FROM recommendations r;

INSERT INTO status_stats (subject, state, status, n)
SELECT 'recommendation', r.state, o.status, count(*) FROM recommendations r
JOIN recommendation_outcomes o ON o.recommendation_id = r.id
GROUP BY 2, 3;

REVOKE EXECUTE ON FUNCTION communication_totals_add(communications, text,
	boolean, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION status_stats_add(text, char(3), text, integer)
	FROM PUBLIC;

GRANT SELECT ON communication_year_totals, communication_state_totals,
	communication_regime_totals, communication_mandate_totals,
	communications_pending, status_stats, recommendation_outcomes
	TO portal_app;
