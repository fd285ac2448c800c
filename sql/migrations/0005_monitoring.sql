-- 0005_monitoring: the public record of cooperation (issue 7), filled by
-- the secretariat (issue 6's desk) or by `portal import` (README.md,
-- "Importing data").
--
--   communications        one row per letter sent (natural key: reference)
--   communication_mandates  the mandates that sent it (joint letters: many)
--   communication_submissions  the submissions it came from (never public)
--   replies               what the addressee answered, classified
--   communication_outcomes  derived: the current category of each letter
--   communication_stats   derived: counts per State and public date, for
--                         the State page and the analysis (index reads)
--   visits, visit_status_changes  visit requests and their history
--   standing_invitations  one row per State that has issued one
--   recommendations, recommendation_updates  what the experts asked and
--                         what became of it
--
-- History matters here: a letter, a reply, a recommendation and an
-- implementation update are never rewritten, only added to (the triggers
-- below refuse UPDATE and DELETE, whatever the role's privileges). A
-- visit request's status does change: its row is updated and every change
-- is kept, append-only, in visit_status_changes.
--
-- Publication: a communication and its replies are public once
-- public_after has passed (current_date >= public_after). By default it
-- is sent_on + monitoring_config.publication_delay (60 days). A reply the
-- State asked to keep confidential is counted (and classified) in every
-- aggregate, but its text is never shown or exported.

-- One row: settings of the monitoring data.
CREATE TABLE monitoring_config (
	one			boolean PRIMARY KEY DEFAULT true CHECK (one),
	publication_delay	interval NOT NULL DEFAULT '60 days'
				    CHECK (publication_delay >= '0 days')
);
INSERT INTO monitoring_config DEFAULT VALUES;

-- Communications. The reference is OHCHR's: type, the addressee's ISO
-- code (OTH for a company or other non-State addressee), number/year, e.g.
-- 'AL IRN 12/2024'. Joint letters (JAL, JUA, JOL) carry the reference of
-- their simple type ('AL ...') or the joint one ('JAL ...').
CREATE TABLE communications (
	id		bigserial PRIMARY KEY,
	reference	text NOT NULL UNIQUE
			    CHECK (reference ~ '^J?(AL|UA|OL) [A-Z]{3} [0-9]{1,5}/[0-9]{4}$'),
	type		text NOT NULL
			    CHECK (type IN ('AL', 'UA', 'OL', 'JAL', 'JUA', 'JOL')),
	sent_on		date NOT NULL CHECK (sent_on >= '1980-01-01'),
	-- A State, or else the name of a non-State addressee (a company, an
	-- armed group, an intergovernmental body): exactly one of the two.
	state		char(3) REFERENCES states (iso3),
	addressee	text CHECK (addressee <> '' AND length(addressee) <= 300),
	-- The public summary, in the language it was written in.
	summary		text NOT NULL DEFAULT '' CHECK (length(summary) <= 20000),
	summary_lang	text NOT NULL DEFAULT 'en' REFERENCES languages (code),
	public_after	date NOT NULL,
	recorded_at	timestamptz NOT NULL DEFAULT now(),
	CHECK ((state IS NULL) <> (addressee IS NULL)),
	CHECK (split_part(reference, ' ', 1) IN (type, ltrim(type, 'J'))),
	CHECK (public_after >= sent_on)
);
-- The public list: newest first, with a stable tie-break on id.
CREATE INDEX communications_sent ON communications (sent_on DESC, id DESC);
CREATE INDEX communications_state ON communications (state, sent_on DESC,
	id DESC);
CREATE INDEX communications_public ON communications (public_after);

CREATE TABLE communication_mandates (
	communication_id bigint NOT NULL REFERENCES communications (id),
	mandate		text NOT NULL REFERENCES mandates (slug),
	PRIMARY KEY (communication_id, mandate)
);
CREATE INDEX communication_mandates_mandate ON communication_mandates
	(mandate, communication_id);

-- Where a communication came from. Never shown: it would tie a public
-- letter to a submitter's case.
CREATE TABLE communication_submissions (
	communication_id bigint NOT NULL REFERENCES communications (id),
	submission_id	bigint NOT NULL REFERENCES submissions (id),
	PRIMARY KEY (communication_id, submission_id)
);

-- Replies, classified in the study's categories ("no_response" is not
-- a reply: it is what a communication without any reply counts as).
-- Natural key: (communication, date received).
CREATE TABLE replies (
	id		bigserial PRIMARY KEY,
	communication_id bigint NOT NULL REFERENCES communications (id),
	received_on	date NOT NULL,
	-- The State asked that it stay confidential: counted, never shown.
	confidential	boolean NOT NULL DEFAULT false,
	classification	text NOT NULL CHECK (classification IN ('immaterial',
			    'rejected_unsubstantiated', 'responsive_incomplete',
			    'investigation_or_steps_announced', 'steps_taken')),
	summary		text NOT NULL DEFAULT '' CHECK (length(summary) <= 20000),
	recorded_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (communication_id, received_on)
);

-- Derived, one row per communication, kept by the triggers below: the
-- classification of its latest reply (by date received, then id), or
-- 'no_response'; whether any reply is confidential; the first reply's
-- date. The application only reads it.
CREATE TABLE communication_outcomes (
	communication_id bigint PRIMARY KEY REFERENCES communications (id),
	category	text NOT NULL CHECK (category IN ('no_response',
			    'immaterial', 'rejected_unsubstantiated',
			    'responsive_incomplete',
			    'investigation_or_steps_announced', 'steps_taken')),
	confidential	boolean NOT NULL DEFAULT false,
	first_reply_on	date,
	replies		integer NOT NULL DEFAULT 0
);
CREATE INDEX communication_outcomes_category ON communication_outcomes
	(category, communication_id);

-- Derived: communications to States, counted per State, public date,
-- year sent, type, category and confidentiality. The State page sums the
-- rows of one State whose public_after has passed: one index range, whose
-- size grows with the number of distinct dates, not of letters. (A
-- publication date is part of the key because "public" changes with the
-- clock, not on a write.)
CREATE TABLE communication_stats (
	state		char(3) NOT NULL REFERENCES states (iso3),
	public_after	date NOT NULL,
	year		smallint NOT NULL,
	type		text NOT NULL,
	category	text NOT NULL,
	confidential	boolean NOT NULL,
	n		integer NOT NULL CHECK (n >= 0),
	PRIMARY KEY (state, public_after, year, type, category, confidential)
);
CREATE INDEX communication_stats_year ON communication_stats
	(year, state);

-- Country visits. Natural key: (mandate, State, date requested). The
-- status follows OHCHR's vocabulary; every change is kept below.
CREATE TABLE visits (
	id		bigserial PRIMARY KEY,
	mandate		text NOT NULL REFERENCES mandates (slug),
	state		char(3) NOT NULL REFERENCES states (iso3),
	requested_on	date NOT NULL,
	status		text NOT NULL CHECK (status IN ('requested',
			    'reminder_sent', 'accepted', 'declined',
			    'acknowledged', 'invited', 'dates_proposed',
			    'completed')),
	visit_start	date,
	visit_end	date,
	report_symbol	text CHECK (report_symbol <> '' AND
			    length(report_symbol) <= 100),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (mandate, state, requested_on),
	CHECK (visit_end IS NULL OR visit_start IS NULL OR
	    visit_end >= visit_start)
);
CREATE INDEX visits_state ON visits (state, requested_on DESC);

CREATE TABLE visit_status_changes (
	id		bigserial PRIMARY KEY,
	visit_id	bigint NOT NULL REFERENCES visits (id),
	status		text NOT NULL,
	visit_start	date,
	visit_end	date,
	report_symbol	text,
	changed_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visit_status_changes_visit ON visit_status_changes
	(visit_id, id);

CREATE TABLE standing_invitations (
	state		char(3) PRIMARY KEY REFERENCES states (iso3),
	since		date NOT NULL
);

-- Recommendations. Natural key: (document symbol, paragraph), e.g.
-- ('A/HRC/55/52/Add.1', '87(b)').
CREATE TABLE recommendations (
	id		bigserial PRIMARY KEY,
	document_symbol	text NOT NULL CHECK (document_symbol ~ '^[A-Z][A-Za-z0-9./()-]{2,99}$'),
	paragraph	text NOT NULL CHECK (paragraph ~ '^[0-9A-Za-z.()-]{1,20}$'),
	visit_id	bigint REFERENCES visits (id),
	state		char(3) NOT NULL REFERENCES states (iso3),
	mandate		text NOT NULL REFERENCES mandates (slug),
	issued_on	date NOT NULL,
	text		text NOT NULL CHECK (text <> '' AND length(text) <= 20000),
	text_lang	text NOT NULL DEFAULT 'en' REFERENCES languages (code),
	themes		text[] NOT NULL DEFAULT '{}',
	affected_groups	text[] NOT NULL DEFAULT '{}',
	recorded_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (document_symbol, paragraph)
);
CREATE INDEX recommendations_state ON recommendations (state, issued_on DESC);
CREATE INDEX recommendations_mandate ON recommendations (mandate, issued_on DESC);

-- Implementation updates. Natural key: (recommendation, date, source).
-- Only `published` may change, and only from false to true (after the
-- secretariat's check of a civil-society assessment).
CREATE TABLE recommendation_updates (
	id		bigserial PRIMARY KEY,
	recommendation_id bigint NOT NULL REFERENCES recommendations (id),
	reported_on	date NOT NULL,
	status		text NOT NULL CHECK (status IN ('not_implemented',
			    'partially_implemented', 'implemented',
			    'no_information')),
	source		text NOT NULL CHECK (source IN ('state',
			    'civil_society', 'secretariat', 'mandate_holder')),
	explanation	text NOT NULL DEFAULT '' CHECK (length(explanation) <= 20000),
	published	boolean NOT NULL DEFAULT false,
	recorded_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (recommendation_id, reported_on, source)
);

-- The summaries, kept on write. SECURITY DEFINER: the application may
-- read the derived tables but never write them itself.
CREATE FUNCTION communication_stats_add(c communications, cat text,
    conf boolean, delta integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	IF c.state IS NULL THEN
		RETURN;
	END IF;
	IF delta < 0 THEN
		UPDATE communication_stats SET n = n + delta
		    WHERE state = c.state AND public_after = c.public_after
		    AND year = extract(year FROM c.sent_on) AND type = c.type
		    AND category = cat AND confidential = conf;
		RETURN;
	END IF;
	INSERT INTO communication_stats AS s (state, public_after, year, type,
	    category, confidential, n)
	VALUES (c.state, c.public_after, extract(year FROM c.sent_on),
	    c.type, cat, conf, delta)
	ON CONFLICT (state, public_after, year, type, category, confidential)
	DO UPDATE SET n = s.n + delta;
END;
$$;

-- Before insert: the default publication date.
CREATE FUNCTION communications_defaults() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	IF NEW.public_after IS NULL THEN
		NEW.public_after := (NEW.sent_on +
		    (SELECT publication_delay FROM monitoring_config))::date;
	END IF;
	RETURN NEW;
END;
$$;

CREATE FUNCTION communications_counted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	INSERT INTO communication_outcomes (communication_id, category)
	VALUES (NEW.id, 'no_response');
	PERFORM communication_stats_add(NEW, 'no_response', false, 1);
	RETURN NULL;
END;
$$;

-- A new reply: the communication's category becomes its latest reply's.
CREATE FUNCTION replies_counted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
	c	communications;
	o	communication_outcomes;
	cat	text;
	conf	boolean;
BEGIN
	SELECT * INTO STRICT c FROM communications WHERE id = NEW.communication_id;
	SELECT * INTO STRICT o FROM communication_outcomes
	    WHERE communication_id = NEW.communication_id FOR UPDATE;
	SELECT r.classification INTO cat FROM replies r
	    WHERE r.communication_id = c.id
	    ORDER BY r.received_on DESC, r.id DESC LIMIT 1;
	conf := o.confidential OR NEW.confidential;
	UPDATE communication_outcomes SET category = cat, confidential = conf,
	    first_reply_on = least(first_reply_on, NEW.received_on),
	    replies = replies + 1
	    WHERE communication_id = c.id;
	IF cat <> o.category OR conf <> o.confidential THEN
		PERFORM communication_stats_add(c, o.category, o.confidential, -1);
		PERFORM communication_stats_add(c, cat, conf, 1);
	END IF;
	RETURN NULL;
END;
$$;

CREATE FUNCTION visits_history() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		RAISE EXCEPTION 'visits are never deleted'
		    USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF TG_OP = 'UPDATE' AND (NEW.id <> OLD.id OR NEW.mandate <> OLD.mandate
	    OR NEW.state <> OLD.state OR NEW.requested_on <> OLD.requested_on) THEN
		RAISE EXCEPTION 'a visit request keeps its key'
		    USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF TG_OP = 'INSERT' OR (NEW.status, NEW.visit_start, NEW.visit_end,
	    NEW.report_symbol) IS DISTINCT FROM (OLD.status, OLD.visit_start,
	    OLD.visit_end, OLD.report_symbol) THEN
		INSERT INTO visit_status_changes (visit_id, status, visit_start,
		    visit_end, report_symbol)
		VALUES (NEW.id, NEW.status, NEW.visit_start, NEW.visit_end,
		    NEW.report_symbol);
	END IF;
	RETURN NULL;
END;
$$;

CREATE FUNCTION recommendation_updates_publish_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' OR (to_jsonb(NEW) - 'published') <>
	    (to_jsonb(OLD) - 'published') OR (OLD.published AND NOT NEW.published) THEN
		RAISE EXCEPTION 'recommendation_updates is append-only'
		    USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN NEW;
END;
$$;

CREATE TRIGGER communications_defaults BEFORE INSERT ON communications
	FOR EACH ROW EXECUTE FUNCTION communications_defaults();
CREATE TRIGGER communications_counted AFTER INSERT ON communications
	FOR EACH ROW EXECUTE FUNCTION communications_counted();
CREATE TRIGGER replies_counted AFTER INSERT ON replies
	FOR EACH ROW EXECUTE FUNCTION replies_counted();
CREATE TRIGGER visits_history AFTER INSERT OR UPDATE ON visits
	FOR EACH ROW EXECUTE FUNCTION visits_history();
CREATE TRIGGER visits_never_deleted BEFORE DELETE ON visits
	FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER recommendation_updates_publish_only BEFORE UPDATE OR DELETE
	ON recommendation_updates FOR EACH ROW
	EXECUTE FUNCTION recommendation_updates_publish_only();

-- History cannot be rewritten by the application.
CREATE TRIGGER communications_append_only BEFORE UPDATE OR DELETE
	ON communications FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER communication_mandates_append_only BEFORE UPDATE OR DELETE
	ON communication_mandates FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER communication_submissions_append_only BEFORE UPDATE OR DELETE
	ON communication_submissions FOR EACH ROW
	EXECUTE FUNCTION forbid_change();
CREATE TRIGGER replies_append_only BEFORE UPDATE OR DELETE ON replies
	FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER visit_status_changes_append_only BEFORE UPDATE OR DELETE
	ON visit_status_changes FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER recommendations_append_only BEFORE UPDATE OR DELETE
	ON recommendations FOR EACH ROW EXECUTE FUNCTION forbid_change();

REVOKE EXECUTE ON FUNCTION communication_stats_add(communications, text,
	boolean, integer) FROM PUBLIC;

GRANT SELECT ON monitoring_config, communication_outcomes,
	communication_stats, visit_status_changes TO portal_app;
GRANT SELECT, INSERT ON communications, communication_mandates,
	communication_submissions, replies, visits, recommendations,
	recommendation_updates TO portal_app;
GRANT SELECT, INSERT, UPDATE ON standing_invitations TO portal_app;
GRANT UPDATE (status, visit_start, visit_end, report_symbol, updated_at)
	ON visits TO portal_app;
GRANT UPDATE (published) ON recommendation_updates TO portal_app;
GRANT USAGE ON SEQUENCE communications_id_seq, replies_id_seq, visits_id_seq,
	recommendations_id_seq, recommendation_updates_id_seq TO portal_app;
