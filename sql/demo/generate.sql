-- sql/demo/generate.sql: the generator of demonstration data, loaded by
-- `portal demo-data` (cgi/data/demo.c) into its own session, as the owner
-- role. Each range of rows is added in a transaction that also records
-- it in the demo_data row (migration 0011). Everything here lives in
-- pg_temp and goes away with the session: the schema is not changed.
--
-- Deterministic: row i of each kind is a function of (seed, i) alone,
-- through demo_u(), a uniform number in [0, 1) from PostgreSQL's 64-bit
-- integer hash. Runs with larger counts therefore add rows i+1..N and
-- give the same rows as one run with those counts. Set-based: each call
-- inserts a range of rows with generate_series; the caller draws progress
-- between calls. Only synthetic text, composed from the fragments below;
-- no name of any person.
--
-- Distribution of the communications' outcome (the category of the
-- latest reply), after the study quoted in DESIGN.md (58% no or
-- immaterial reply, 21% rejection, 18% with steps):
--   no_response 52%, immaterial 6%, rejected_unsubstantiated 21%,
--   responsive_incomplete 8%, investigation_or_steps_announced 9%,
--   steps_taken 4%.

-- The SQL functions below name tables that demo_prepare() makes.
SET LOCAL check_function_bodies = off;

CREATE FUNCTION pg_temp.demo_u(seed bigint, i bigint, salt int)
RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
	SELECT ((hashint8extended(i * 64 + salt, seed) >> 11)
	    & 9007199254740991)::float8 / 9007199254740992.0
$$;

-- One element of a text array, chosen by u in [0, 1).
CREATE FUNCTION pg_temp.demo_pick(a text[], u float8)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT a[1 + floor(u * array_length(a, 1))::int]
$$;

-- Synthetic bytes standing for sealed data: n SHA-512 blocks.
CREATE FUNCTION pg_temp.demo_bytes(seed bigint, i bigint, tag text, n int)
RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
	SELECT string_agg(sha512(int8send(seed) || int8send(i) ||
	    convert_to(tag, 'UTF8') || int4send(k)), ''::bytea ORDER BY k)
	FROM generate_series(1, n) k
$$;

-- Lookup tables of the session: States and mandates weighted so that a
-- few receive most letters (as in reality), and every State some.
CREATE FUNCTION pg_temp.demo_prepare(seed bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	CREATE TEMP TABLE demo_state_slots AS
	WITH w AS (
		SELECT iso3, 0.3 + 10 * power(pg_temp.demo_u(seed,
		    hashtext(iso3), 1), 3) AS w FROM states),
	c AS (
		SELECT iso3, sum(w) OVER (ORDER BY iso3) - w AS lo,
		    sum(w) OVER (ORDER BY iso3) AS hi, sum(w) OVER () AS total
		FROM w)
	SELECT s AS slot, c.iso3 FROM generate_series(0, 3999) s
	JOIN c ON (s + 0.5) * c.total / 4000 >= c.lo
	    AND (s + 0.5) * c.total / 4000 < c.hi;
	CREATE UNIQUE INDEX ON demo_state_slots (slot);

	CREATE TEMP TABLE demo_thematic AS
	SELECT (row_number() OVER (ORDER BY slug))::int - 1 AS k, slug
	FROM mandates WHERE kind = 'thematic' AND active;
	CREATE UNIQUE INDEX ON demo_thematic (k);

	CREATE TEMP TABLE demo_mandate_slots AS
	WITH w AS (
		SELECT slug, (0.2 + power(pg_temp.demo_u(seed, hashtext(slug),
		    2), 2)) * CASE WHEN slug IN ('human-rights-defenders',
		    'arbitrary-detention', 'freedom-of-expression', 'torture',
		    'assembly-and-association', 'extrajudicial-executions')
		    THEN 4 ELSE 1 END AS w
		FROM demo_thematic),
	c AS (
		SELECT slug, sum(w) OVER (ORDER BY slug) - w AS lo,
		    sum(w) OVER (ORDER BY slug) AS hi, sum(w) OVER () AS total
		FROM w)
	SELECT s AS slot, c.slug AS mandate FROM generate_series(0, 999) s
	JOIN c ON (s + 0.5) * c.total / 1000 >= c.lo
	    AND (s + 0.5) * c.total / 1000 < c.hi;
	CREATE UNIQUE INDEX ON demo_mandate_slots (slot);
END;
$$;

-- Communications a..b, with their mandates and replies.
CREATE FUNCTION pg_temp.demo_communications(seed bigint, a bigint, b bigint)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	CREATE TEMP TABLE demo_c ON COMMIT DROP AS
	SELECT g.i, t.type, t.yr, t.sent, s.iso3,
	    CASE WHEN s.iso3 IS NULL THEN pg_temp.demo_pick(ARRAY[
		'A mining company', 'A private security company',
		'A technology company', 'An agribusiness company',
		'A development finance institution', 'A garment manufacturer'],
		pg_temp.demo_u(seed, g.i, 9)) END AS addressee,
	    t.type || ' ' || coalesce(s.iso3, 'OTH') || ' ' || (g.i / 16 + 1) ||
		'/' || t.yr AS reference,
	    CASE WHEN t.c < 0.52 THEN 'no_response'
		WHEN t.c < 0.58 THEN 'immaterial'
		WHEN t.c < 0.79 THEN 'rejected_unsubstantiated'
		WHEN t.c < 0.87 THEN 'responsive_incomplete'
		WHEN t.c < 0.96 THEN 'investigation_or_steps_announced'
		ELSE 'steps_taken' END AS category,
	    least(t.sent + 20 + floor(power(pg_temp.demo_u(seed, g.i, 6), 2)
		* 340)::int, date '2026-03-31') AS replied,
	    pg_temp.demo_u(seed, g.i, 7) < 0.15 AS two_replies,
	    pg_temp.demo_u(seed, g.i, 8) < 0.06 AS confidential
	FROM generate_series(a, b) AS g (i)
	CROSS JOIN LATERAL (
		SELECT CASE WHEN u < 0.30 THEN 'AL' WHEN u < 0.42 THEN 'UA'
		    WHEN u < 0.47 THEN 'OL' WHEN u < 0.77 THEN 'JAL'
		    WHEN u < 0.95 THEN 'JUA' ELSE 'JOL' END AS type,
		    (2010 + g.i % 16)::int AS yr,
		    make_date((2010 + g.i % 16)::int, 1, 1) +
			floor(pg_temp.demo_u(seed, g.i, 4) * 365)::int AS sent,
		    pg_temp.demo_u(seed, g.i, 5) AS c
		FROM (SELECT pg_temp.demo_u(seed, g.i, 2) AS u) x) t
	LEFT JOIN demo_state_slots s ON pg_temp.demo_u(seed, g.i, 3) >= 0.03
	    AND s.slot = floor(pg_temp.demo_u(seed, g.i, 10) * 4000)::int;

	INSERT INTO communications (reference, type, sent_on, state, addressee,
	    summary, summary_lang)
	SELECT reference, type, sent, iso3, addressee,
	    'Alleged ' || pg_temp.demo_pick(ARRAY['arbitrary detention',
		'torture and ill-treatment', 'enforced disappearance',
		'extrajudicial killing', 'judicial harassment',
		'threats and intimidation', 'forced eviction',
		'surveillance and reprisals', 'travel ban',
		'denial of medical care in detention',
		'criminalization',
		'prosecution under counter-terrorism legislation'],
		pg_temp.demo_u(seed, i, 11)) ||
	    ' of ' || pg_temp.demo_pick(ARRAY['a human rights defender',
		'a woman human rights defender', 'a journalist', 'a lawyer',
		'members of an Indigenous community', 'trade union leaders',
		'student activists', 'members of a religious minority',
		'an environmental defender', 'relatives of a victim',
		'a blogger', 'members of a non-governmental organization'],
		pg_temp.demo_u(seed, i, 12)) ||
	    ' ' || pg_temp.demo_pick(ARRAY['in connection with their work',
		'following a peaceful protest',
		'after cooperation with the United Nations',
		'in the context of a land dispute',
		'after reporting on corruption',
		'during a state of emergency'],
		pg_temp.demo_u(seed, i, 13)) || '.',
	    'en'
	FROM demo_c ORDER BY i;

	-- One mandate for a simple letter, two to four for a joint one,
	-- plus the country mandate of the State, if any, for half of them.
	INSERT INTO communication_mandates (communication_id, mandate)
	SELECT DISTINCT c.id, m.mandate
	FROM demo_c d JOIN communications c ON c.reference = d.reference
	CROSS JOIN LATERAL generate_series(1, CASE WHEN d.type LIKE 'J%'
	    THEN 2 + floor(pg_temp.demo_u(seed, d.i, 14) * 3)::int ELSE 1 END) k
	JOIN demo_mandate_slots m
	    ON m.slot = floor(pg_temp.demo_u(seed, d.i, 14 + k) * 1000)::int
	UNION
	SELECT c.id, m.slug
	FROM demo_c d JOIN communications c ON c.reference = d.reference
	JOIN mandates m ON m.country_iso3 = d.iso3 AND m.active
	WHERE pg_temp.demo_u(seed, d.i, 19) < 0.5
	ORDER BY 1, 2;

	-- For some an acknowledgement first, then the final reply: one reply
	-- per letter per statement, as replies arrive (the summaries' row
	-- triggers expect no two replies of one letter in one statement).
	INSERT INTO replies (communication_id, received_on, confidential,
	    classification, summary)
	SELECT c.id, d.sent + (d.replied - d.sent) / 3, d.confidential,
	    'immaterial', 'The Government acknowledged receipt of the ' ||
	    'communication and said that it would reply in due course.'
	FROM demo_c d JOIN communications c ON c.reference = d.reference
	WHERE d.two_replies AND d.category NOT IN ('no_response', 'immaterial')
	ORDER BY c.id;

	INSERT INTO replies (communication_id, received_on, confidential,
	    classification, summary)
	SELECT c.id, d.replied, d.confidential, d.category,
	    CASE d.category
	    WHEN 'immaterial' THEN
		'The Government acknowledged receipt of the communication.'
	    WHEN 'rejected_unsubstantiated' THEN
		'The Government rejected the allegations as unfounded and ' ||
		'gave no information on any investigation.'
	    WHEN 'responsive_incomplete' THEN
		'The Government answered some of the questions raised; ' ||
		'others remain without reply.'
	    WHEN 'investigation_or_steps_announced' THEN
		'The Government reported that an investigation had been ' ||
		'opened and that measures were being considered.'
	    ELSE 'The Government reported the release of the persons ' ||
		'concerned and the steps taken to provide redress.' END
	FROM demo_c d JOIN communications c ON c.reference = d.reference
	WHERE d.category <> 'no_response'
	ORDER BY c.id;

	DROP TABLE demo_c;
END;
$$;

-- Visit requests a..b. Row i asks on day i % 5800 from 2010-01-01; the
-- rows of one day have distinct mandates, so the natural key holds.
CREATE FUNCTION pg_temp.demo_visits(seed bigint, a bigint, b bigint)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	nm	int := (SELECT count(*) FROM demo_thematic);
BEGIN
	INSERT INTO visits (mandate, state, requested_on, status, visit_start,
	    visit_end, report_symbol)
	SELECT m.slug, s.iso3, v.requested, v.status,
	    CASE WHEN v.status = 'completed' THEN v.start END,
	    CASE WHEN v.status = 'completed' THEN v.start + v.days END,
	    CASE WHEN v.status = 'completed' THEN 'A/HRC/' ||
		(13 + 3 * (extract(year FROM v.start)::int - 2010) +
		extract(month FROM v.start)::int / 5) || '/' ||
		(20 + g.i % 60) || '/Add.' || (1 + g.i % 3) END
	FROM generate_series(a, b) AS g (i)
	CROSS JOIN LATERAL (
		SELECT date '2010-01-01' + (g.i % 5800)::int AS requested,
		    least(date '2010-01-01' + (g.i % 5800)::int + 180 +
			floor(pg_temp.demo_u(seed, g.i, 23) * 500)::int,
			date '2026-03-01') AS start,
		    7 + floor(pg_temp.demo_u(seed, g.i, 24) * 8)::int AS days,
		    CASE WHEN u < 0.18 THEN 'requested'
			WHEN u < 0.30 THEN 'reminder_sent'
			WHEN u < 0.36 THEN 'acknowledged'
			WHEN u < 0.41 THEN 'dates_proposed'
			WHEN u < 0.45 THEN 'invited'
			WHEN u < 0.55 THEN 'accepted'
			WHEN u < 0.65 THEN 'declined'
			WHEN g.i % 5800 < 5113 THEN 'completed'
			ELSE 'accepted' END AS status
		FROM (SELECT pg_temp.demo_u(seed, g.i, 22) AS u) x) v
	JOIN demo_state_slots s
	    ON s.slot = floor(pg_temp.demo_u(seed, g.i, 20) * 4000)::int
	JOIN demo_thematic m ON m.k = (floor(pg_temp.demo_u(seed, g.i % 5800,
	    21) * nm)::int + (g.i / 5800)::int) % nm
	ORDER BY g.i;
END;
$$;

-- Standing invitations: about 60% of States, each since a day of
-- 1999-2018. The same for every count: added once.
CREATE FUNCTION pg_temp.demo_invitations(seed bigint) RETURNS void
LANGUAGE sql AS $$
	INSERT INTO standing_invitations (state, since)
	SELECT iso3, date '1999-01-01' +
	    floor(pg_temp.demo_u(seed, hashtext(iso3), 31) * 7300)::int
	FROM states WHERE pg_temp.demo_u(seed, hashtext(iso3), 30) < 0.6
	ORDER BY iso3
	ON CONFLICT (state) DO NOTHING
$$;

-- Recommendations a..b with zero to three implementation updates each.
-- Recommendation i is paragraph i % 25 of report i / 25: one State and
-- one mandate per report, as for a visit report.
CREATE FUNCTION pg_temp.demo_recommendations(seed bigint, a bigint, b bigint)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	CREATE TEMP TABLE demo_r ON COMMIT DROP AS
	SELECT g.i, d.doc, d.session,
	    'A/HRC/' || d.session || '/' || (20 + (d.doc / 45) % 60) ||
		'/Add.' || (1 + d.doc / 2700) AS symbol,
	    (70 + (g.i % 25) / 3) || '(' || chr(97 + (g.i % 25)::int % 3) ||
		')' AS paragraph,
	    make_date(2010 + (d.session - 13) / 3,
		3 + 3 * ((d.session - 13) % 3), 1) AS issued
	FROM generate_series(a, b) AS g (i)
	CROSS JOIN LATERAL (SELECT g.i / 25 AS doc,
	    (13 + (g.i / 25) % 45)::int AS session) d;

	INSERT INTO recommendations (document_symbol, paragraph, state, mandate,
	    issued_on, text, text_lang, themes, affected_groups)
	SELECT r.symbol, r.paragraph, s.iso3, m.mandate, r.issued,
	    'The Government should ' || pg_temp.demo_pick(ARRAY['adopt',
		'review', 'repeal or amend', 'implement', 'strengthen',
		'establish'], pg_temp.demo_u(seed, r.i, 44)) || ' ' ||
	    pg_temp.demo_pick(ARRAY[
		'legislation criminalizing torture in line with international standards',
		'the provisions of the criminal code restricting freedom of expression',
		'an independent mechanism to investigate allegations against the police',
		'measures to protect human rights defenders from reprisals',
		'a national plan of action on gender equality',
		'the free, prior and informed consent of Indigenous Peoples',
		'safeguards against forced evictions',
		'access to legal counsel from the moment of arrest'],
		pg_temp.demo_u(seed, r.i, 45)) || '.',
	    'en',
	    array_remove(ARRAY[pg_temp.demo_pick(ARRAY['detention', 'torture',
		'freedom of expression', 'civic space', 'gender equality',
		'housing', 'indigenous peoples', 'justice', 'legislation',
		'environment', 'health', 'education'],
		pg_temp.demo_u(seed, r.i, 46)),
		CASE WHEN pg_temp.demo_u(seed, r.i, 47) < 0.4 THEN
		pg_temp.demo_pick(ARRAY['accountability', 'legislation',
		'business', 'migration'], pg_temp.demo_u(seed, r.i, 48)) END],
		NULL),
	    CASE WHEN pg_temp.demo_u(seed, r.i, 49) < 0.5 THEN
		ARRAY[pg_temp.demo_pick(ARRAY['women', 'children', 'detainees',
		'minorities', 'migrants', 'persons with disabilities'],
		pg_temp.demo_u(seed, r.i, 50))] ELSE '{}' END
	FROM demo_r r
	JOIN demo_state_slots s
	    ON s.slot = floor(pg_temp.demo_u(seed, r.doc, 40) * 4000)::int
	JOIN demo_mandate_slots m
	    ON m.slot = floor(pg_temp.demo_u(seed, r.doc, 41) * 1000)::int
	ORDER BY r.i;

	INSERT INTO recommendation_updates (recommendation_id, reported_on,
	    status, source, explanation, published)
	SELECT c.id, u.reported, u.status, u.source,
	    CASE u.source WHEN 'state' THEN
		'The Government reported on the measures adopted.'
	    WHEN 'civil_society' THEN
		'Civil society organizations assessed the measures reported.'
	    WHEN 'secretariat' THEN 'Follow-up information compiled by the ' ||
		'secretariat.'
	    ELSE 'Assessment by the mandate holder in a follow-up report.' END,
	    u.source <> 'civil_society' OR pg_temp.demo_u(seed, r.i, 60 + k) < 0.8
	FROM demo_r r
	JOIN recommendations c ON c.document_symbol = r.symbol
	    AND c.paragraph = r.paragraph
	CROSS JOIN LATERAL generate_series(1,
	    floor(pg_temp.demo_u(seed, r.i, 51) * 4)::int) k
	CROSS JOIN LATERAL (
		SELECT r.issued + 180 * k +
		    floor(pg_temp.demo_u(seed, r.i, 52 + k) * 60)::int AS reported,
		    src AS source,
		    CASE WHEN src = 'state' THEN CASE WHEN s < 0.30 THEN
			'implemented' WHEN s < 0.75 THEN 'partially_implemented'
			WHEN s < 0.90 THEN 'not_implemented' ELSE 'no_information' END
		    WHEN src = 'civil_society' THEN CASE WHEN s < 0.08 THEN
			'implemented' WHEN s < 0.38 THEN 'partially_implemented'
			WHEN s < 0.88 THEN 'not_implemented' ELSE 'no_information' END
		    ELSE CASE WHEN s < 0.15 THEN 'implemented' WHEN s < 0.55
			THEN 'partially_implemented' WHEN s < 0.85 THEN
			'not_implemented' ELSE 'no_information' END END AS status
		FROM (SELECT pg_temp.demo_u(seed, r.i, 56 + k) AS s,
		    CASE WHEN q < 0.5 THEN 'state' WHEN q < 0.8 THEN
			'civil_society' WHEN q < 0.9 THEN 'secretariat'
			ELSE 'mandate_holder' END AS src
		    FROM (SELECT pg_temp.demo_u(seed, r.i, 33 + k) AS q) y) x) u
	WHERE u.reported <= date '2026-06-30'
	ORDER BY c.id, u.reported;

	DROP TABLE demo_r;
END;
$$;

-- Submissions a..b for scale tests: ids 10^12 + i, references
-- A-YYYY-9NNNNNNNN, random-looking bytes where the sealed parts would be.
-- They satisfy every constraint but open with no key, and no receipt of
-- theirs is in the transparency log.
CREATE FUNCTION pg_temp.demo_submissions(seed bigint, a bigint, b bigint)
RETURNS void LANGUAGE sql AS $$
	INSERT INTO submissions (id, ref, kind, state, received_at,
	    consent_names_to_government, consent_names_public, sealed_key,
	    body_nonce, sealed_body, sealed_receipt, receipt_hash, code_hash)
	SELECT 1000000000000 + g.i,
	    'A-' || extract(year FROM t.at AT TIME ZONE 'UTC') || '-' ||
		(900000000 + g.i),
	    'allegation', s.iso3, t.at,
	    pg_temp.demo_u(seed, g.i, 41) < 0.7,
	    pg_temp.demo_u(seed, g.i, 42) < 0.3,
	    substr(pg_temp.demo_bytes(seed, g.i, 'key', 2), 1, 80),
	    substr(pg_temp.demo_bytes(seed, g.i, 'nonce', 1), 1, 24),
	    pg_temp.demo_bytes(seed, g.i, 'body',
		1 + floor(pg_temp.demo_u(seed, g.i, 43) * 3)::int),
	    substr(pg_temp.demo_bytes(seed, g.i, 'receipt', 2), 1, 100),
	    sha256(int8send(seed) || int8send(g.i) || '\x72'::bytea),
	    sha256(int8send(seed) || int8send(g.i) || '\x63'::bytea)
	FROM generate_series(a, b) AS g (i)
	CROSS JOIN LATERAL (SELECT timestamptz '2016-01-01 00:00:00+00' +
	    pg_temp.demo_u(seed, g.i, 40) * interval '3650 days' AS at) t
	JOIN demo_state_slots s
	    ON s.slot = floor(pg_temp.demo_u(seed, g.i, 44) * 4000)::int
	ORDER BY g.i
$$;
