/*
 * The statements of the open data and the feeds (data/export.c,
 * data/feeds.c), included into the statement table of data/stmt.c.
 *
 * Exports: $1 the last key written ("0" or "" to start), $2 how many rows;
 * the first column is the key, in "C" order for text keys. A confidential
 * reply's text is never selected; a letter and its replies appear once its
 * public date has passed; an update once published.
 */
#define EX_PUBLIC "c.public_after <= current_date"
#define EX_NAMES(tbl, col, key) \
	"(SELECT " col " FROM " tbl " x WHERE x." key " = k." key \
	" AND x.lang = 'ar'), (SELECT " col " FROM " tbl " x WHERE x." key \
	" = k." key " AND x.lang = 'en'), (SELECT " col " FROM " tbl " x " \
	"WHERE x." key " = k." key " AND x.lang = 'es'), (SELECT " col \
	" FROM " tbl " x WHERE x." key " = k." key " AND x.lang = 'fr'), " \
	"(SELECT " col " FROM " tbl " x WHERE x." key " = k." key \
	" AND x.lang = 'ru'), (SELECT " col " FROM " tbl " x WHERE x." key \
	" = k." key " AND x.lang = 'zh')"

	[STMT_EX_STATES] = { "ex_states",
	    "SELECT k.iso3, k.iso2, k.m49::text, k.status, "
	    "coalesce(k.regional_group, ''), k.m49_region, k.m49_subregion, "
	    "coalesce(k.m49_intermediate_region, ''), k.ldc::text, "
	    "k.lldc::text, k.sids::text, coalesce(i.since::text, ''), "
	    EX_NAMES("state_names", "short_name", "iso3") ", "
	    EX_NAMES("state_names", "formal_name", "iso3")
	    " FROM states k LEFT JOIN standing_invitations i ON i.state = "
	    "k.iso3 WHERE k.iso3::text COLLATE \"C\" > $1::text "
	    "ORDER BY k.iso3::text COLLATE \"C\" LIMIT $2::int", 2 },
	[STMT_EX_MANDATES] = { "ex_mandates",
	    "SELECT k.slug, k.kind, k.holder, k.established::text, "
	    "coalesce(k.country_iso3, ''), k.short_name, k.active::text, "
	    EX_NAMES("mandate_names", "name", "slug")
	    " FROM mandates k WHERE k.slug COLLATE \"C\" > $1::text "
	    "ORDER BY k.slug COLLATE \"C\" LIMIT $2::int", 2 },
	[STMT_EX_COMMS] = { "ex_comms",
	    "SELECT c.id::text, c.reference, c.type, c.sent_on::text, "
	    "coalesce(c.state, ''), coalesce(c.addressee, ''), "
	    "coalesce((SELECT string_agg(m.mandate, ';' ORDER BY m.mandate "
	    "COLLATE \"C\") FROM communication_mandates m "
	    "WHERE m.communication_id = c.id), ''), c.public_after::text, "
	    "c.summary_lang, c.summary, o.category, o.replies::text, "
	    "(SELECT count(*) FROM replies r WHERE r.communication_id = c.id "
	    "AND r.confidential)::text "
	    "FROM communications c JOIN communication_outcomes o "
	    "ON o.communication_id = c.id WHERE c.id > $1::bigint AND "
	    EX_PUBLIC " ORDER BY c.id LIMIT $2::int", 2 },
	[STMT_EX_REPLIES] = { "ex_replies",
	    "SELECT r.id::text, c.id::text, c.reference, r.received_on::text, "
	    "r.classification, r.confidential::text, "
	    "CASE WHEN r.confidential THEN '' ELSE r.summary END "
	    "FROM replies r JOIN communications c ON c.id = r.communication_id "
	    "WHERE r.id > $1::bigint AND " EX_PUBLIC " ORDER BY r.id "
	    "LIMIT $2::int", 2 },
	[STMT_EX_VISITS] = { "ex_visits",
	    "SELECT id::text, mandate, state, requested_on::text, status, "
	    "coalesce(visit_start::text, ''), coalesce(visit_end::text, ''), "
	    "coalesce(report_symbol, '') FROM visits WHERE id > $1::bigint "
	    /* visits.id: a bare "id" would be the text output column. */
	    "ORDER BY visits.id LIMIT $2::int", 2 },
	/* The status is the latest published update's, by date then id. */
	[STMT_EX_RECS] = { "ex_recs",
	    "SELECT r.id::text, r.document_symbol, r.paragraph, "
	    "coalesce(r.visit_id::text, ''), r.state, r.mandate, "
	    "r.issued_on::text, r.text_lang, r.text, "
	    "array_to_string(r.themes, ';'), "
	    "array_to_string(r.affected_groups, ';'), "
	    "coalesce((SELECT u.status FROM recommendation_updates u WHERE "
	    "u.recommendation_id = r.id AND u.published ORDER BY "
	    "u.reported_on DESC, u.id DESC LIMIT 1), '') "
	    "FROM recommendations r WHERE r.id > $1::bigint ORDER BY r.id "
	    "LIMIT $2::int", 2 },
	[STMT_EX_UPDATES] = { "ex_updates",
	    "SELECT u.id::text, r.id::text, r.document_symbol, r.paragraph, "
	    "u.reported_on::text, u.status, u.source, u.explanation "
	    "FROM recommendation_updates u JOIN recommendations r "
	    "ON r.id = u.recommendation_id WHERE u.id > $1::bigint AND "
	    "u.published ORDER BY u.id LIMIT $2::int", 2 },
	/*
	 * Validators: a digest of the whole reference table (a few hundred
	 * rows), and for recommendations the newest ids and the number of
	 * published updates (publishing changes no id). No time is recorded
	 * for either change: they have no Last-Modified.
	 */
	[STMT_EX_STATES_VERSION] = { "ex_states_version",
	    "SELECT md5(concat((SELECT string_agg(s::text, ',' ORDER BY iso3) "
	    "FROM states s), (SELECT string_agg(n::text, ',' ORDER BY iso3, "
	    "lang) FROM state_names n), (SELECT string_agg(i::text, ',' "
	    "ORDER BY state) FROM standing_invitations i)))", 0 },
	[STMT_EX_MANDATES_VERSION] = { "ex_mandates_version",
	    "SELECT md5(concat((SELECT string_agg(m::text, ',' ORDER BY slug) "
	    "FROM mandates m), (SELECT string_agg(n::text, ',' ORDER BY slug, "
	    "lang) FROM mandate_names n)))", 0 },
	[STMT_EX_RECS_VERSION] = { "ex_recs_version",
	    "SELECT concat(coalesce((SELECT max(id) FROM recommendations), 0), "
	    "'-', (SELECT count(*) FROM recommendation_updates WHERE published), "
	    "'-', coalesce((SELECT max(id) FROM recommendation_updates), 0))", 0 },
	/*
	 * Feeds: the newest $4 entries of each kind asked for ($1: a set of
	 * letters among c, r, u), of one State ($2) or mandate ($3) or all
	 * (""), newest first. Columns: kind, id, letter or recommendation id,
	 * title, updated (RFC 3339), updated (HTTP date), summary ("" for a
	 * confidential reply).
	 * A mandate's letters are tested one by one as the newest are
	 * walked ("OFFSET 0" keeps the planner from hashing every letter
	 * of the mandate first: that grows with the letters); a State's
	 * are read in order from communications_state_public, its replies
	 * and updates from feed_state_entries (0012), in branches of their
	 * own (the others then are for no State).
	 */
#define FEED_REPLY "(SELECT 'r', r.id, c.id, 'Reply to ' || c.reference || " \
	"' (' || r.received_on || ', ' || r.classification || CASE WHEN " \
	"r.confidential THEN ', confidential' ELSE '' END || ')', " \
	"greatest(r.recorded_at, c.public_after::timestamptz), " \
	"CASE WHEN r.confidential THEN '' ELSE left(r.summary, 2000) END "
#define FEED_REPLY_WHERE "strpos($1::text, 'r') > 0 AND " EX_PUBLIC \
	" AND ($3::text = '' OR EXISTS (SELECT 1 FROM communication_mandates " \
	"m WHERE m.communication_id = c.id AND m.mandate = $3::text " \
	"OFFSET 0)) "
#define FEED_UPDATE "(SELECT 'u', u.id, r.id, 'Update on ' || " \
	"r.document_symbol || ' para. ' || r.paragraph || ' (' || " \
	"u.reported_on || ', ' || u.status || ', ' || u.source || ')', " \
	"u.recorded_at, left(u.explanation, 2000) "
#define FEED_UPDATE_WHERE "strpos($1::text, 'u') > 0 AND u.published " \
	"AND ($3::text = '' OR r.mandate = $3::text) "
	[STMT_FEED_ENTRIES] = { "feed_entries",
	    "SELECT kind, id, parent, title, to_char(t AT TIME ZONE 'UTC', "
	    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), to_char(t AT TIME ZONE 'UTC', "
	    "'Dy, DD Mon YYYY HH24:MI:SS \"GMT\"'), summary FROM ("
	    "(SELECT 'c', c.id, c.id, c.reference || ' (' || c.type || ', ' || "
	    "coalesce(c.state, c.addressee) || ', ' || c.sent_on || ')', "
	    "greatest(c.recorded_at, c.public_after::timestamptz) AS t, "
	    "left(c.summary, 2000) FROM communications c "
	    "WHERE strpos($1::text, 'c') > 0 AND " EX_PUBLIC
	    " AND ($2::text = '' OR c.state = $2::bpchar) AND ($3::text = '' OR "
	    "EXISTS (SELECT 1 FROM communication_mandates m WHERE "
	    "m.communication_id = c.id AND m.mandate = $3::text OFFSET 0)) "
	    "ORDER BY c.public_after DESC, c.id DESC LIMIT $4::int) "
	    "UNION ALL " FEED_REPLY "FROM replies r JOIN communications c "
	    "ON c.id = r.communication_id WHERE $2::text = '' AND "
	    FEED_REPLY_WHERE "ORDER BY r.id DESC LIMIT $4::int) "
	    "UNION ALL " FEED_REPLY "FROM feed_state_entries f JOIN replies r "
	    "ON r.id = f.id JOIN communications c ON c.id = r.communication_id "
	    "WHERE f.state = $2::bpchar AND f.kind = 'r' AND "
	    FEED_REPLY_WHERE "ORDER BY f.id DESC LIMIT $4::int) "
	    "UNION ALL " FEED_UPDATE "FROM recommendation_updates u "
	    "JOIN recommendations r ON r.id = u.recommendation_id "
	    "WHERE $2::text = '' AND " FEED_UPDATE_WHERE
	    "ORDER BY u.id DESC LIMIT $4::int) "
	    "UNION ALL " FEED_UPDATE "FROM feed_state_entries f "
	    "JOIN recommendation_updates u ON u.id = f.id "
	    "JOIN recommendations r ON r.id = u.recommendation_id "
	    "WHERE f.state = $2::bpchar AND f.kind = 'u' AND " FEED_UPDATE_WHERE
	    "ORDER BY f.id DESC LIMIT $4::int)) e (kind, id, parent, title, t, "
	    "summary) ORDER BY t DESC, kind, id DESC LIMIT $4::int", 4 },
#undef FEED_REPLY
#undef FEED_REPLY_WHERE
#undef FEED_UPDATE
#undef FEED_UPDATE_WHERE
	/* A feed's State ($1) or mandate ($2), ended mandates included. */
	[STMT_FEED_SCOPE] = { "feed_scope",
	    "SELECT 1 WHERE EXISTS (SELECT 1 FROM states WHERE iso3 = $1::text) "
	    "OR EXISTS (SELECT 1 FROM mandates WHERE slug = $2::text)", 2 },
#undef EX_NAMES
#undef EX_PUBLIC
