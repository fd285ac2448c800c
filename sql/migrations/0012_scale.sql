-- Scale (make bench, scale): what the public pages read, kept on write or
-- in an index, so that no page reads every letter, visit or
-- recommendation (measured at 100,000 letters, 20,000 visits, 50,000
-- recommendations).
--
--   communication_state_years     letters to a State by year sent and type
--   communication_state_outcomes  the same by category (the latest
--                                 reply's) and confidentiality
--   communication_reply_days      a State's answered letters by days from
--                                 sending to the first reply (the State
--                                 page's median, read as a histogram)
--   feed_state_entries            each reply and recommendation update
--                                 by the State it concerns (a State's
--                                 feed: its newest, an index range)
--   recommendation_themes         every theme a recommendation has
--                                 (recommendations are append-only, so a
--                                 theme, once there, stays)
--
-- The counts, as 0007's, include every letter to a State; the pages
-- subtract communications_pending (the few not yet public), since
-- "public" changes with the clock, not on a write. Their size is bounded
-- by States x years x types, States x categories, States x days.
-- Triggers are SECURITY DEFINER: the application only reads these.

-- The lists' orders (trackers, newest first), walked instead of sorted.
CREATE INDEX visits_requested ON visits (requested_on DESC, id DESC);
CREATE INDEX recommendations_issued ON recommendations (issued_on DESC,
	id DESC);
-- A State's feed: its letters newest public first.
CREATE INDEX communications_state_public ON communications (state,
	public_after DESC, id DESC);

CREATE TABLE communication_state_years (
	state		char(3) NOT NULL REFERENCES states (iso3),
	year		smallint NOT NULL,
	type		text NOT NULL,
	n		integer NOT NULL,
	PRIMARY KEY (state, year, type)
);

CREATE TABLE communication_state_outcomes (
	state		char(3) NOT NULL REFERENCES states (iso3),
	category	text NOT NULL,
	confidential	boolean NOT NULL,
	n		integer NOT NULL,
	PRIMARY KEY (state, category, confidential)
);

CREATE TABLE communication_reply_days (
	state		char(3) NOT NULL REFERENCES states (iso3),
	days		integer NOT NULL,
	n		integer NOT NULL,
	PRIMARY KEY (state, days)
);

CREATE TABLE recommendation_themes (
	theme		text PRIMARY KEY
);

-- kind: 'r' a reply (replies.id), 'u' an update (recommendation_updates.id);
-- both are append-only, so a row, once there, stays right.
CREATE TABLE feed_state_entries (
	state		char(3) NOT NULL REFERENCES states (iso3),
	kind		char(1) NOT NULL CHECK (kind IN ('r', 'u')),
	id		bigint NOT NULL,
	PRIMARY KEY (state, kind, id)
);

CREATE FUNCTION communication_state_years_counted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	IF NEW.state IS NOT NULL THEN
		INSERT INTO communication_state_years AS t VALUES (NEW.state,
		    extract(year FROM NEW.sent_on), NEW.type, 1)
		ON CONFLICT (state, year, type) DO UPDATE SET n = t.n + 1;
	END IF;
	RETURN NULL;
END;
$$;

CREATE FUNCTION communication_state_outcome_add(st char(3), cat text,
    conf boolean, delta integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	INSERT INTO communication_state_outcomes AS t
	VALUES (st, cat, conf, delta)
	ON CONFLICT (state, category, confidential)
	DO UPDATE SET n = t.n + delta;
END;
$$;

CREATE FUNCTION communication_reply_days_add(st char(3), d integer,
    delta integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	IF d IS NOT NULL THEN
		INSERT INTO communication_reply_days AS t VALUES (st, d, delta)
		ON CONFLICT (state, days) DO UPDATE SET n = t.n + delta;
	END IF;
END;
$$;

-- A letter's outcome made (no_response) or changed by a reply.
CREATE FUNCTION communication_state_outcomes_counted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
	c	communications;
BEGIN
	SELECT * INTO STRICT c FROM communications
	    WHERE id = NEW.communication_id;
	IF c.state IS NULL THEN
		RETURN NULL;
	END IF;
	IF TG_OP = 'INSERT' OR (NEW.category, NEW.confidential) IS DISTINCT
	    FROM (OLD.category, OLD.confidential) THEN
		IF TG_OP = 'UPDATE' THEN
			PERFORM communication_state_outcome_add(c.state,
			    OLD.category, OLD.confidential, -1);
		END IF;
		PERFORM communication_state_outcome_add(c.state, NEW.category,
		    NEW.confidential, 1);
	END IF;
	IF TG_OP = 'INSERT' OR NEW.first_reply_on IS DISTINCT FROM
	    OLD.first_reply_on THEN
		IF TG_OP = 'UPDATE' THEN
			PERFORM communication_reply_days_add(c.state,
			    OLD.first_reply_on - c.sent_on, -1);
		END IF;
		PERFORM communication_reply_days_add(c.state,
		    NEW.first_reply_on - c.sent_on, 1);
	END IF;
	RETURN NULL;
END;
$$;

CREATE FUNCTION recommendation_themes_counted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	INSERT INTO recommendation_themes SELECT DISTINCT unnest(NEW.themes)
	ON CONFLICT DO NOTHING;
	RETURN NULL;
END;
$$;

CREATE FUNCTION feed_state_replies() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	INSERT INTO feed_state_entries SELECT c.state, 'r', NEW.id
	FROM communications c WHERE c.id = NEW.communication_id
	AND c.state IS NOT NULL;
	RETURN NULL;
END;
$$;

CREATE FUNCTION feed_state_updates() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	INSERT INTO feed_state_entries SELECT r.state, 'u', NEW.id
	FROM recommendations r WHERE r.id = NEW.recommendation_id;
	RETURN NULL;
END;
$$;

CREATE TRIGGER feed_state_replies AFTER INSERT ON replies
	FOR EACH ROW EXECUTE FUNCTION feed_state_replies();
CREATE TRIGGER feed_state_updates AFTER INSERT ON recommendation_updates
	FOR EACH ROW EXECUTE FUNCTION feed_state_updates();
CREATE TRIGGER communication_state_years_counted AFTER INSERT
	ON communications FOR EACH ROW
	EXECUTE FUNCTION communication_state_years_counted();
CREATE TRIGGER communication_state_outcomes_counted AFTER INSERT OR UPDATE
	ON communication_outcomes FOR EACH ROW
	EXECUTE FUNCTION communication_state_outcomes_counted();
CREATE TRIGGER recommendation_themes_counted AFTER INSERT
	ON recommendations FOR EACH ROW
	EXECUTE FUNCTION recommendation_themes_counted();

-- The backfill: the summaries of the rows already there.
INSERT INTO communication_state_years (state, year, type, n)
SELECT state, extract(year FROM sent_on), type, count(*)
FROM communications WHERE state IS NOT NULL GROUP BY 1, 2, 3;

INSERT INTO communication_state_outcomes (state, category, confidential, n)
SELECT c.state, o.category, o.confidential, count(*)
FROM communications c JOIN communication_outcomes o ON o.communication_id = c.id
WHERE c.state IS NOT NULL GROUP BY 1, 2, 3;

INSERT INTO communication_reply_days (state, days, n)
SELECT c.state, o.first_reply_on - c.sent_on, count(*)
FROM communications c JOIN communication_outcomes o ON o.communication_id = c.id
WHERE c.state IS NOT NULL AND o.first_reply_on IS NOT NULL GROUP BY 1, 2;

INSERT INTO recommendation_themes (theme)
SELECT DISTINCT unnest(themes) FROM recommendations;

INSERT INTO feed_state_entries (state, kind, id)
SELECT c.state, 'r', r.id FROM replies r
JOIN communications c ON c.id = r.communication_id WHERE c.state IS NOT NULL
UNION ALL
SELECT r.state, 'u', u.id FROM recommendation_updates u
JOIN recommendations r ON r.id = u.recommendation_id;

REVOKE EXECUTE ON FUNCTION communication_state_outcome_add(char(3), text,
	boolean, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION communication_reply_days_add(char(3), integer,
	integer) FROM PUBLIC;

GRANT SELECT ON communication_state_years, communication_state_outcomes,
	communication_reply_days, recommendation_themes, feed_state_entries
	TO portal_app;
