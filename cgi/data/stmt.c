/*
 * The statement table. Keep each statement next to its siblings by topic;
 * the enum in stmt.h names them in the same order.
 */
#include "data/stmt.h"

const struct stmt_def stmt_defs[STMT__MAX] = {
	[STMT_BEGIN] = { "begin", "BEGIN", 0 },
	[STMT_COMMIT] = { "commit", "COMMIT", 0 },
	[STMT_ROLLBACK] = { "rollback", "ROLLBACK", 0 },
	[STMT_PING] = { "ping", "SELECT 1", 0 },
	[STMT_SETTING] = { "setting",
	    "SELECT setting FROM pg_settings WHERE name = $1", 1 },

	/* reference data */
	[STMT_STATE_EXISTS] = { "state_exists",
	    "SELECT 1 FROM states WHERE iso3 = $1", 1 },
	[STMT_MANDATE_EXISTS] = { "mandate_exists",
	    "SELECT 1 FROM mandates WHERE slug = $1 AND active", 1 },
	/* Names sorted by the Unicode collation, not by bytes. */
	[STMT_REF_STATES] = { "ref_states",
	    "SELECT s.iso3, n.short_name, coalesce(s.regional_group, '') "
	    "FROM states s JOIN state_names n ON n.iso3 = s.iso3 AND n.lang = $1 "
	    "ORDER BY n.short_name COLLATE \"und-x-icu\"", 1 },
	[STMT_REF_MANDATES] = { "ref_mandates",
	    "SELECT m.slug, n.name, m.kind FROM mandates m "
	    "JOIN mandate_names n ON n.slug = m.slug AND n.lang = $1 "
	    "WHERE m.active ORDER BY m.kind DESC, n.name COLLATE \"und-x-icu\"",
	    1 },

	/* submissions */
	[STMT_SUB_NEXT_ID] = { "sub_next_id",
	    "SELECT nextval('submission_id_seq')", 0 },
	[STMT_SUB_NEXT_REF] = { "sub_next_ref",
	    "SELECT nextval('submission_ref_seq')", 0 },
	[STMT_SUB_FILE_NEXT_ID] = { "sub_file_next_id",
	    "SELECT nextval('submission_files_id_seq')", 0 },
	/* Waits for a concurrent claim of the same token to commit or abort. */
	[STMT_SUB_CLAIM] = { "sub_claim",
	    "INSERT INTO form_claims (token_hash, submission_id) VALUES ($1, $2) "
	    "ON CONFLICT (token_hash) DO NOTHING RETURNING 1", 2 },
	[STMT_SUB_REPLAY] = { "sub_replay",
	    "SELECT replay_nonce, replay_box FROM form_claims "
	    "WHERE token_hash = $1 AND claimed_at > now() - interval '1 day'", 1 },
	[STMT_SUB_SET_REPLAY] = { "sub_set_replay",
	    "UPDATE form_claims SET replay_nonce = $2, replay_box = $3 "
	    "WHERE token_hash = $1", 3 },
	[STMT_SUB_CHUNK_INSERT] = { "sub_chunk_insert",
	    "INSERT INTO file_chunks (file_id, seq, data) VALUES ($1, $2, $3)", 3 },
	[STMT_SUB_FILE_INSERT] = { "sub_file_insert",
	    "INSERT INTO submission_files (id, submission_id, position, size, "
	    "sealed_key, stream_header, meta_nonce, sealed_meta) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", 8 },
	[STMT_SUB_INSERT] = { "sub_insert",
	    "INSERT INTO submissions (id, ref, kind, parent_id, state, "
	    "received_at, consent_names_to_government, consent_names_public, "
	    "sealed_key, body_nonce, sealed_body, sealed_receipt, receipt_hash, "
	    "code_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
	    "$12, $13, $14)", 14 },
	[STMT_SUB_MANDATE_INSERT] = { "sub_mandate_insert",
	    "INSERT INTO submission_mandates (submission_id, mandate) "
	    "VALUES ($1, $2)", 2 },

	/* the demonstration data banner (data/demo.c) */
	[STMT_DEMO_FLAG] = { "demo_flag",
	    "SELECT EXISTS (SELECT FROM demo_data)", 0 },
	/* public reference pages */
	[STMT_PUB_COUNTS] = { "pub_counts",
	    "SELECT (SELECT count(*) FROM states), "
	    "(SELECT count(*) FROM mandates WHERE active AND kind = 'thematic'), "
	    "(SELECT count(*) FROM mandates WHERE active AND kind = 'country'), "
	    "coalesce((SELECT value FROM reference_meta "
	    "WHERE key = 'mandates_as_of'), '')", 0 },
	[STMT_PUB_GROUPS] = { "pub_groups",
	    "SELECT g.code, n.name FROM regional_groups g "
	    "JOIN regional_group_names n ON n.code = g.code AND n.lang = $1 "
	    "ORDER BY g.sort", 1 },
	/*
	 * The states index and its filter: $2 a group code ('' for all,
	 * 'observer' for the two observer States), $3 words to find in the
	 * name in this language or in English, or the ISO code ('' for
	 * all). strpos, not LIKE: the words are data, never a pattern.
	 */
	[STMT_PUB_STATES] = { "pub_states",
	    "SELECT s.iso3, n.short_name, coalesce(s.regional_group, ''), "
	    "s.status FROM states s "
	    "JOIN state_names n ON n.iso3 = s.iso3 AND n.lang = $1 "
	    "JOIN state_names e ON e.iso3 = s.iso3 AND e.lang = 'en' "
	    "LEFT JOIN regional_groups g ON g.code = s.regional_group "
	    "WHERE ($2 = '' OR s.regional_group = $2 "
	    "OR ($2 = 'observer' AND s.status = 'observer')) "
	    "AND ($3 = '' OR strpos(lower(n.short_name), lower($3)) > 0 "
	    "OR strpos(lower(n.formal_name), lower($3)) > 0 "
	    "OR strpos(lower(e.short_name), lower($3)) > 0 "
	    "OR s.iso3 = upper($3)) "
	    "ORDER BY g.sort NULLS LAST, n.short_name COLLATE \"und-x-icu\"",
	    3 },
	[STMT_PUB_STATE] = { "pub_state",
	    "SELECT s.iso3, n.short_name, n.formal_name, s.status, "
	    "coalesce(s.regional_group, ''), coalesce(gn.name, ''), "
	    "s.m49_region, s.m49_subregion, "
	    "coalesce(s.m49_intermediate_region, ''), s.ldc, s.lldc, s.sids, "
	    "s.rotw_covered FROM states s "
	    "JOIN state_names n ON n.iso3 = s.iso3 AND n.lang = $2 "
	    "LEFT JOIN regional_group_names gn "
	    "ON gn.code = s.regional_group AND gn.lang = $2 "
	    "WHERE s.iso3 = $1", 2 },
	[STMT_PUB_STATE_NAMES] = { "pub_state_names",
	    "SELECT n.lang, n.short_name, n.formal_name FROM state_names n "
	    "JOIN languages l ON l.code = n.lang WHERE n.iso3 = $1 "
	    "ORDER BY l.sort", 1 },
	/* The latest year, and the first year of the run that ends there. */
	[STMT_PUB_STATE_REGIME] = { "pub_state_regime",
	    "WITH l AS (SELECT year, regime FROM regimes WHERE iso3 = $1 "
	    "ORDER BY year DESC LIMIT 1) "
	    "SELECT l.year, l.regime, coalesce((SELECT max(r.year) + 1 "
	    "FROM regimes r WHERE r.iso3 = $1 AND r.regime <> l.regime), "
	    "(SELECT min(r.year) FROM regimes r WHERE r.iso3 = $1)) FROM l", 1 },
	[STMT_PUB_STATE_MANDATES] = { "pub_state_mandates",
	    "SELECT m.slug, n.name FROM mandates m "
	    "JOIN mandate_names n ON n.slug = m.slug AND n.lang = $2 "
	    "WHERE m.country_iso3 = $1 AND m.active "
	    "ORDER BY n.name COLLATE \"und-x-icu\"", 2 },
	[STMT_PUB_MANDATES] = { "pub_mandates",
	    "SELECT m.slug, n.name, m.kind, m.holder, m.established, "
	    "coalesce(m.country_iso3, ''), coalesce(sn.short_name, '') "
	    "FROM mandates m "
	    "JOIN mandate_names n ON n.slug = m.slug AND n.lang = $1 "
	    "LEFT JOIN state_names sn ON sn.iso3 = m.country_iso3 "
	    "AND sn.lang = $1 WHERE m.active "
	    "ORDER BY m.kind DESC, n.name COLLATE \"und-x-icu\"", 1 },
	[STMT_PUB_MANDATE] = { "pub_mandate",
	    "SELECT m.slug, n.name, m.kind, m.holder, m.established, "
	    "coalesce(m.country_iso3, ''), coalesce(sn.short_name, ''), "
	    "m.active FROM mandates m "
	    "JOIN mandate_names n ON n.slug = m.slug AND n.lang = $2 "
	    "LEFT JOIN state_names sn ON sn.iso3 = m.country_iso3 "
	    "AND sn.lang = $2 WHERE m.slug = $1", 2 },
	[STMT_PUB_MANDATE_NAMES] = { "pub_mandate_names",
	    "SELECT n.lang, n.name FROM mandate_names n "
	    "JOIN languages l ON l.code = n.lang WHERE n.slug = $1 "
	    "ORDER BY l.sort", 1 },

	/* desk */
#define DESK_UTC(col) "to_char(" col " AT TIME ZONE 'UTC', " \
	"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
	[STMT_STAFF_BY_LOGIN] = { "staff_by_login",
	    "SELECT id, role, coalesce(state, ''), password_hash, key_salt, "
	    "key_ops, key_mem, key_nonce, key_box, disabled FROM staff "
	    "WHERE login = $1", 1 },
	/* `portal user add`, as the owner role: the app cannot insert. */
	[STMT_STAFF_INSERT] = { "staff_insert",
	    "INSERT INTO staff (login, role, state, password_hash, key_salt, "
	    "key_ops, key_mem, key_nonce, key_box) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id", 9 },
	[STMT_SESSION_INSERT] = { "session_insert",
	    "INSERT INTO staff_sessions (token_hash, staff_id, sk_nonce, sk_box) "
	    "VALUES ($1, $2, $3, $4)", 4 },
	/* Idle (30 min) and absolute (12 h) timeouts are enforced here. */
	[STMT_SESSION_GET] = { "session_get",
	    "SELECT s.staff_id, t.login, t.role, coalesce(t.state, ''), "
	    "s.sk_nonce, s.sk_box FROM staff_sessions s "
	    "JOIN staff t ON t.id = s.staff_id "
	    "WHERE s.token_hash = $1 AND NOT t.disabled "
	    "AND s.last_seen > now() - interval '30 minutes' "
	    "AND s.created_at > now() - interval '12 hours'", 1 },
	/* At most one write a minute per session. */
	[STMT_SESSION_TOUCH] = { "session_touch",
	    "UPDATE staff_sessions SET last_seen = now() WHERE token_hash = $1 "
	    "AND last_seen < now() - interval '1 minute'", 1 },
	[STMT_SESSION_DELETE] = { "session_delete",
	    "DELETE FROM staff_sessions WHERE token_hash = $1", 1 },
	[STMT_SESSION_EXPIRE] = { "session_expire",
	    "DELETE FROM staff_sessions "
	    "WHERE last_seen < now() - interval '30 minutes' "
	    "OR created_at < now() - interval '12 hours'", 0 },
	/*
	 * What the login policy needs (cgi/desk/auth.c): this pair's recent
	 * failures and seconds since the last one, whether this address
	 * logged in to this account in the last 30 days, the account's
	 * failures in the last hour from everywhere, and seconds since the
	 * account's last failure from anywhere.
	 */
	[STMT_LOGIN_GATE] = { "login_gate",
	    "WITH me AS (SELECT failures, last_failure, last_success "
	    "FROM login_attempts WHERE login_hash = $1 AND addr_hash = $2), "
	    "acct AS (SELECT coalesce(sum(failures) FILTER (WHERE last_failure "
	    "> now() - interval '1 hour'), 0) AS recent, max(last_failure) "
	    "AS latest FROM login_attempts WHERE login_hash = $1) "
	    "SELECT coalesce((SELECT failures FROM me WHERE last_failure > "
	    "now() - interval '1 hour'), 0), "
	    "coalesce((SELECT extract(epoch FROM now() - last_failure)::bigint "
	    "FROM me), 1000000000), "
	    "coalesce((SELECT last_success > now() - interval '30 days' "
	    "FROM me), false), (SELECT recent FROM acct), "
	    "coalesce((SELECT extract(epoch FROM now() - latest)::bigint "
	    "FROM acct), 1000000000)", 2 },
	[STMT_LOGIN_FAILED] = { "login_failed",
	    "INSERT INTO login_attempts AS a (login_hash, addr_hash, failures, "
	    "last_failure) VALUES ($1, $2, 1, now()) "
	    "ON CONFLICT (login_hash, addr_hash) DO UPDATE SET "
	    "failures = CASE WHEN a.last_failure IS NULL OR a.last_failure < "
	    "now() - interval '1 hour' THEN 1 ELSE a.failures + 1 END, "
	    "last_failure = now()", 2 },
	[STMT_LOGIN_OK] = { "login_ok",
	    "INSERT INTO login_attempts AS a (login_hash, addr_hash, failures, "
	    "last_success) VALUES ($1, $2, 0, now()) "
	    "ON CONFLICT (login_hash, addr_hash) DO UPDATE SET failures = 0, "
	    "last_success = now()", 2 },
	/* One appender at a time, so that the chain has no fork: "audi". */
	[STMT_AUDIT_LOCK] = { "audit_lock",
	    "SELECT pg_advisory_xact_lock(1635083369)", 0 },
	[STMT_AUDIT_LAST] = { "audit_last",
	    "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", 0 },
	[STMT_AUDIT_INSERT] = { "audit_insert",
	    "INSERT INTO audit (id, prev_hash, hash, action, object, staff_id, "
	    "at) VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz)", 7 },
	[STMT_AUDIT_READ] = { "audit_read",
	    "SELECT id, prev_hash, hash, action, object, "
	    "coalesce(staff_id::text, ''), " DESK_UTC("at") " FROM audit "
	    "WHERE id > $1 ORDER BY id LIMIT $2", 2 },
	[STMT_DESK_QUEUE] = { "desk_queue",
	    "SELECT s.ref, " DESK_UTC("s.received_at") ", "
	    "coalesce(s.state, ''), coalesce((SELECT string_agg(m.mandate, ' ' "
	    "ORDER BY m.mandate) FROM submission_mandates m "
	    "WHERE m.submission_id = s.id), ''), "
	    "coalesce((SELECT t.status FROM submission_status t "
	    "WHERE t.submission_id = s.id ORDER BY t.id DESC LIMIT 1), ''), "
	    "(SELECT count(*) FROM submissions c WHERE c.parent_id = s.id) "
	    "FROM submissions s WHERE s.kind = 'allegation' "
	    "ORDER BY s.received_at DESC, s.id DESC LIMIT $1", 1 },
	[STMT_DESK_SUB] = { "desk_sub",
	    "SELECT s.id, s.ref, s.kind, coalesce(s.state, ''), "
	    DESK_UTC("s.received_at") ", s.sealed_key, s.body_nonce, "
	    "s.sealed_body, coalesce(p.ref, '') FROM submissions s "
	    "LEFT JOIN submissions p ON p.id = s.parent_id WHERE s.ref = $1", 1 },
	[STMT_DESK_CHILDREN] = { "desk_children",
	    "SELECT ref, " DESK_UTC("received_at") " FROM submissions "
	    "WHERE parent_id = $1 ORDER BY id", 1 },
	[STMT_DESK_FILES] = { "desk_files",
	    "SELECT id, position, size, sealed_key, meta_nonce, sealed_meta, "
	    DESK_UTC("received_at") " FROM submission_files "
	    "WHERE submission_id = $1 ORDER BY position", 1 },
	[STMT_DESK_FILE] = { "desk_file",
	    "SELECT f.sealed_key, f.stream_header, f.meta_nonce, f.sealed_meta, "
	    "f.size FROM submission_files f WHERE f.id = $1", 1 },
	[STMT_DESK_CHUNK] = { "desk_chunk",
	    "SELECT data FROM file_chunks WHERE file_id = $1 AND seq = $2", 2 },
	[STMT_DESK_STATUS_INSERT] = { "desk_status_insert",
	    "INSERT INTO submission_status (submission_id, status, staff_id) "
	    "VALUES ($1, $2, $3)", 3 },
	[STMT_DESK_STATUSES] = { "desk_statuses",
	    "SELECT status, " DESK_UTC("at") " FROM submission_status "
	    "WHERE submission_id = $1 ORDER BY id", 1 },
	[STMT_DESK_MESSAGE_INSERT] = { "desk_message_insert",
	    "INSERT INTO submission_messages (submission_id, staff_id, nonce, "
	    "box) VALUES ($1, $2, $3, $4)", 4 },
	[STMT_DESK_MESSAGES] = { "desk_messages",
	    "SELECT " DESK_UTC("at") ", nonce, box FROM submission_messages "
	    "WHERE submission_id = $1 ORDER BY id", 1 },
	[STMT_SUBMITTER_KEY_INSERT] = { "submitter_key_insert",
	    "INSERT INTO submitter_keys (submission_id, sealed_key, code_nonce, "
	    "code_box) VALUES ($1, $2, $3, $4)", 4 },
	[STMT_SUBMITTER_KEY] = { "submitter_key",
	    "SELECT sealed_key, code_nonce, code_box FROM submitter_keys "
	    "WHERE submission_id = $1", 1 },
	/* Allegations only: a follow-up's own code is never shown. */
	[STMT_FOLLOWUP_BY_CODE] = { "followup_by_code",
	    "SELECT id, ref, coalesce(state, ''), " DESK_UTC("received_at")
	    " FROM submissions WHERE code_hash = $1 AND kind = 'allegation'",
	    1 },
	[STMT_CODE_GATE] = { "code_gate",
	    "SELECT failures FROM code_attempts WHERE addr_hash = $1 "
	    "AND last_failure > now() - interval '15 minutes'", 1 },
	[STMT_CODE_FAILED] = { "code_failed",
	    "INSERT INTO code_attempts AS a (addr_hash, failures, last_failure) "
	    "VALUES ($1, 1, now()) ON CONFLICT (addr_hash) DO UPDATE SET "
	    "failures = CASE WHEN a.last_failure < now() - "
	    "interval '15 minutes' THEN 1 ELSE a.failures + 1 END, "
	    "last_failure = now()", 1 },
	[STMT_CODE_OK] = { "code_ok",
	    "DELETE FROM code_attempts WHERE addr_hash = $1", 1 },
#undef DESK_UTC

	/* monitoring: the importer (cgi/data/import.c) */
	[STMT_MON_SAVEPOINT] = { "mon_savepoint", "SAVEPOINT import_row", 0 },
	[STMT_MON_RELEASE] = { "mon_release", "RELEASE SAVEPOINT import_row", 0 },
	[STMT_MON_ROLLBACK_TO] = { "mon_rollback_to",
	    "ROLLBACK TO SAVEPOINT import_row", 0 },
	/* Ended mandates too: old letters were sent by them. */
	[STMT_MON_MANDATE_KNOWN] = { "mon_mandate_known",
	    "SELECT 1 FROM mandates WHERE slug = $1", 1 },
	[STMT_MON_COMM_FIND] = { "mon_comm_find",
	    "SELECT c.id, c.type, c.sent_on::text, coalesce(c.state, ''), "
	    "coalesce(c.addressee, ''), c.summary, c.summary_lang, "
	    "c.public_after::text, coalesce((SELECT string_agg(m.mandate, ';' "
	    "ORDER BY m.mandate COLLATE \"C\") FROM communication_mandates m "
	    "WHERE m.communication_id = c.id), '') "
	    "FROM communications c WHERE c.reference = $1", 1 },
	/* public_after NULL: the trigger sets the default. */
	[STMT_MON_COMM_INSERT] = { "mon_comm_insert",
	    "INSERT INTO communications (reference, type, sent_on, state, "
	    "addressee, summary, summary_lang, public_after) "
	    "VALUES ($1, $2, $3, nullif($4, ''), nullif($5, ''), $6, $7, "
	    "nullif($8, '')::date) RETURNING id", 8 },
	[STMT_MON_COMM_MANDATE_INSERT] = { "mon_comm_mandate_insert",
	    "INSERT INTO communication_mandates (communication_id, mandate) "
	    "SELECT $1, unnest(string_to_array($2, ';'))", 2 },
	[STMT_MON_REPLY_FIND] = { "mon_reply_find",
	    "SELECT confidential, classification, summary FROM replies "
	    "WHERE communication_id = $1 AND received_on = $2", 2 },
	[STMT_MON_REPLY_INSERT] = { "mon_reply_insert",
	    "INSERT INTO replies (communication_id, received_on, confidential, "
	    "classification, summary) VALUES ($1, $2, $3, $4, $5)", 5 },
	[STMT_MON_VISIT_FIND] = { "mon_visit_find",
	    "SELECT id, status, coalesce(visit_start::text, ''), "
	    "coalesce(visit_end::text, ''), coalesce(report_symbol, '') "
	    "FROM visits WHERE mandate = $1 AND state = $2 AND requested_on = $3",
	    3 },
	[STMT_MON_VISIT_INSERT] = { "mon_visit_insert",
	    "INSERT INTO visits (mandate, state, requested_on, status, "
	    "visit_start, visit_end, report_symbol) VALUES ($1, $2, $3, $4, "
	    "nullif($5, '')::date, nullif($6, '')::date, nullif($7, ''))", 7 },
	[STMT_MON_VISIT_UPDATE] = { "mon_visit_update",
	    "UPDATE visits SET status = $2, visit_start = nullif($3, '')::date, "
	    "visit_end = nullif($4, '')::date, report_symbol = nullif($5, ''), "
	    "updated_at = now() WHERE id = $1", 5 },
	[STMT_MON_REC_FIND] = { "mon_rec_find",
	    "SELECT id, state, mandate, issued_on::text, text, text_lang, "
	    "array_to_string(themes, ';'), array_to_string(affected_groups, ';') "
	    "FROM recommendations WHERE document_symbol = $1 AND paragraph = $2",
	    2 },
	/* The visit whose report holds it, if the report is known. */
	[STMT_MON_REC_INSERT] = { "mon_rec_insert",
	    "INSERT INTO recommendations (document_symbol, paragraph, visit_id, "
	    "state, mandate, issued_on, text, text_lang, themes, "
	    "affected_groups) VALUES ($1, $2, (SELECT v.id FROM visits v "
	    "WHERE v.report_symbol = $1 AND v.state = $3 AND v.mandate = $4 "
	    "ORDER BY v.id LIMIT 1), $3, $4, $5, $6, $7, "
	    "coalesce(string_to_array(nullif($8, ''), ';'), '{}'), "
	    "coalesce(string_to_array(nullif($9, ''), ';'), '{}')) "
	    "RETURNING id", 9 },
	/*
	 * The same update as the row's ($4 status, $5 explanation) if one is
	 * recorded, imported or received through the portal (an export
	 * holds both); else the imported one of that day and source.
	 */
	[STMT_MON_UPD_FIND] = { "mon_upd_find",
	    "SELECT id, status, explanation, published, ref IS NULL FROM "
	    "recommendation_updates WHERE recommendation_id = $1 "
	    "AND reported_on = $2 AND source = $3 "
	    "ORDER BY (status = $4 AND explanation = $5) DESC, "
	    "ref IS NULL DESC, id LIMIT 1", 5 },
	[STMT_MON_UPD_INSERT] = { "mon_upd_insert",
	    "INSERT INTO recommendation_updates (recommendation_id, reported_on, "
	    "status, source, explanation, published) "
	    "VALUES ($1, $2, $3, $4, $5, $6)", 6 },
	[STMT_MON_UPD_PUBLISH] = { "mon_upd_publish",
	    "UPDATE recommendation_updates SET published = true WHERE id = $1",
	    1 },
	/*
	 * monitoring: the public record and open data (cgi/data/coop.c).
	 * Only what is public: a letter once public_after has passed, a
	 * confidential reply's classification and date but never its text.
	 */
#define COOP_PUBLIC "c.public_after <= current_date"
	/*
	 * Without and with a mandate ($3): two statements, so that the
	 * mandate's letters are a semi-join the planner may start from (a
	 * rare mandate's few) or test while walking the newest (a common
	 * one's); "$3 = '' OR EXISTS" would walk every letter.
	 */
#define COOP_COMM_LIST(mandate) "SELECT c.id, c.reference, c.type, " \
	"c.sent_on::text, coalesce(c.state, ''), " \
	"coalesce(sn.short_name, c.addressee, ''), o.category, " \
	"o.confidential FROM communications c JOIN communication_outcomes o " \
	"ON o.communication_id = c.id LEFT JOIN state_names sn " \
	"ON sn.iso3 = c.state AND sn.lang = $1 WHERE " mandate \
	COOP_PUBLIC " AND ($2::text = '' OR c.state = $2::bpchar) " \
	"AND ($4::text = '' OR c.type = $4::text) " \
	"AND ($5::text = '' OR (c.sent_on >= make_date(nullif($5::text, " \
	"'')::int, 1, 1) AND c.sent_on < make_date(nullif($5::text, " \
	"'')::int + 1, 1, 1))) AND ($6::text = '' OR o.category = $6::text) " \
	"ORDER BY c.sent_on DESC, c.id DESC LIMIT $7::int OFFSET $8::int"
	/* $3 is "" here: a parameter still, so both take the same eight. */
	[STMT_COOP_COMM_LIST] = { "coop_comm_list",
	    COOP_COMM_LIST("$3::text = '' AND "), 8 },
	[STMT_COOP_COMM_LIST_MANDATE] = { "coop_comm_list_mandate",
	    COOP_COMM_LIST("EXISTS (SELECT 1 FROM communication_mandates m "
	    "WHERE m.communication_id = c.id AND m.mandate = $3::text) AND "),
	    8 },
#undef COOP_COMM_LIST
	[STMT_COOP_COMM_GET] = { "coop_comm_get",
	    "SELECT c.id, c.reference, c.type, c.sent_on::text, "
	    "coalesce(c.state, ''), coalesce(sn.short_name, c.addressee, ''), "
	    "o.category, o.confidential, c.summary, c.summary_lang, "
	    "c.public_after::text FROM communications c "
	    "JOIN communication_outcomes o ON o.communication_id = c.id "
	    "LEFT JOIN state_names sn ON sn.iso3 = c.state AND sn.lang = $2 "
	    "WHERE c.id = $1::bigint AND " COOP_PUBLIC, 2 },
	[STMT_COOP_COMM_MANDATES] = { "coop_comm_mandates",
	    "SELECT m.mandate, coalesce(n.name, m.mandate) "
	    "FROM communication_mandates m JOIN communications c "
	    "ON c.id = m.communication_id LEFT JOIN mandate_names n "
	    "ON n.slug = m.mandate AND n.lang = $2 "
	    "WHERE m.communication_id = $1::bigint AND " COOP_PUBLIC " "
	    "ORDER BY coalesce(n.name, m.mandate) COLLATE \"und-x-icu\"", 2 },
	[STMT_COOP_COMM_REPLIES] = { "coop_comm_replies",
	    "SELECT r.received_on::text, r.classification, r.confidential, "
	    "CASE WHEN r.confidential THEN '' ELSE r.summary END "
	    "FROM replies r JOIN communications c ON c.id = r.communication_id "
	    "WHERE r.communication_id = $1::bigint AND " COOP_PUBLIC " "
	    "ORDER BY r.received_on, r.id", 1 },
	/* Ended mandates too: old letters were sent by them. */
	[STMT_COOP_FILTER_MANDATES] = { "coop_filter_mandates",
	    "SELECT m.slug, n.name FROM mandates m "
	    "JOIN mandate_names n ON n.slug = m.slug AND n.lang = $1 "
	    "ORDER BY n.name COLLATE \"und-x-icu\"", 1 },
	[STMT_COOP_FILTER_STATES] = { "coop_filter_states",
	    "SELECT n.iso3, n.short_name FROM state_names n WHERE n.lang = $1 "
	    "ORDER BY n.short_name COLLATE \"und-x-icu\"", 1 },
	/*
	 * The State page: one index range of a summary kept on write
	 * (0012_scale.sql) less the State's letters not yet public (the
	 * index on public_after), never the letters.
	 */
	[STMT_COOP_STATE_YEARS] = { "coop_state_years",
	    "SELECT s.year, s.type, sum(s.n) FROM (SELECT year, type, n "
	    "FROM communication_state_years WHERE state = $1 UNION ALL "
	    "SELECT p.year, c.type, -1 FROM communications_pending p "
	    "JOIN communications c ON c.id = p.id WHERE p.state = $1) s "
	    "GROUP BY s.year, s.type HAVING sum(s.n) > 0 "
	    "ORDER BY s.year DESC, s.type", 1 },
	[STMT_COOP_STATE_CATEGORIES] = { "coop_state_categories",
	    "SELECT s.category, sum(s.n), coalesce(sum(s.n) FILTER "
	    "(WHERE s.confidential), 0) FROM (SELECT category, confidential, "
	    "n FROM communication_state_outcomes WHERE state = $1 UNION ALL "
	    "SELECT category, confidential, -1 FROM communications_pending "
	    "WHERE state = $1) s GROUP BY s.category HAVING sum(s.n) > 0", 1 },
	[STMT_COOP_STATE_VISITS] = { "coop_state_visits",
	    "SELECT v.mandate, coalesce(n.name, v.mandate), v.requested_on::text, "
	    "v.status, current_date - v.requested_on, "
	    "coalesce(v.visit_start::text, ''), coalesce(v.visit_end::text, '') "
	    "FROM visits v LEFT JOIN mandate_names n ON n.slug = v.mandate "
	    "AND n.lang = $2 WHERE v.state = $1 "
	    "ORDER BY coalesce(n.name, v.mandate) COLLATE \"und-x-icu\", "
	    "v.requested_on DESC", 2 },
	/*
	 * A recommendation's status: its latest published update's, counted
	 * on write per State (0007_analysis.sql).
	 */
	[STMT_COOP_STATE_RECS] = { "coop_state_recs",
	    "SELECT status, n FROM status_stats WHERE subject = "
	    "'recommendation' AND state = $1 AND n > 0", 1 },
	/*
	 * The exports' validators: the newest public letter and reply (by
	 * id, walking the primary keys back) and the day, since "public"
	 * changes with the clock. A letter not yet public changes nothing.
	 */
	[STMT_COOP_EXPORT_VERSION] = { "coop_export_version",
	    "WITH lc AS (SELECT c.id, c.recorded_at FROM communications c "
	    "WHERE " COOP_PUBLIC " ORDER BY c.id DESC LIMIT 1), "
	    "lr AS (SELECT r.id, r.recorded_at FROM replies r JOIN "
	    "communications c ON c.id = r.communication_id WHERE " COOP_PUBLIC
	    " ORDER BY r.id DESC LIMIT 1) "
	    "SELECT coalesce((SELECT id FROM lc), 0), "
	    "coalesce((SELECT id FROM lr), 0), to_char(current_date, "
	    "'YYYYMMDD'), to_char(greatest((SELECT recorded_at FROM lc), "
	    "(SELECT recorded_at FROM lr), date_trunc('day', now() AT TIME ZONE "
	    "'UTC') AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', "
	    "'Dy, DD Mon YYYY HH24:MI:SS \"GMT\"')", 0 },
	/*
	 * The next $2 public letters after id $1, one row per reply (a
	 * letter without one: one row, empty reply columns), in the
	 * importer's columns. A confidential reply's text is never read out.
	 */
	[STMT_COOP_EXPORT_COMMS] = { "coop_export_comms",
	    "SELECT c.id, c.reference, c.type, c.sent_on::text, "
	    "coalesce(c.state, ''), coalesce(c.addressee, ''), "
	    "coalesce((SELECT string_agg(m.mandate, ';' ORDER BY m.mandate "
	    "COLLATE \"C\") FROM communication_mandates m "
	    "WHERE m.communication_id = c.id), ''), c.public_after::text, "
	    "c.summary_lang, c.summary, coalesce(r.received_on::text, ''), "
	    "coalesce(r.confidential::text, ''), coalesce(r.classification, ''), "
	    "CASE WHEN r.confidential THEN '' ELSE coalesce(r.summary, '') END, "
	    "o.category FROM (SELECT * FROM communications c WHERE "
	    "c.id > $1::bigint AND " COOP_PUBLIC " ORDER BY c.id "
	    "LIMIT $2::int) c "
	    "JOIN communication_outcomes o ON o.communication_id = c.id "
	    "LEFT JOIN replies r ON r.communication_id = c.id "
	    "ORDER BY c.id, r.received_on, r.id", 2 },
	/* Every change of a visit, its first included, appends a row here. */
	[STMT_COOP_VISITS_VERSION] = { "coop_visits_version",
	    "WITH l AS (SELECT id, changed_at FROM visit_status_changes "
	    "ORDER BY id DESC LIMIT 1) "
	    "SELECT coalesce((SELECT id FROM l), 0), 0, to_char(current_date, 'YYYYMMDD'), to_char(coalesce((SELECT "
	    "changed_at FROM l), date_trunc('day', now() AT TIME ZONE 'UTC') "
	    "AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', "
	    "'Dy, DD Mon YYYY HH24:MI:SS \"GMT\"')", 0 },
	[STMT_COOP_EXPORT_VISITS] = { "coop_export_visits",
	    "SELECT id, mandate, state, requested_on::text, status, "
	    "coalesce(visit_start::text, ''), coalesce(visit_end::text, ''), "
	    "coalesce(report_symbol, '') FROM visits WHERE id > $1::bigint "
	    "ORDER BY id LIMIT $2::int", 2 },
	/* Published updates only: the others await the secretariat's check. */
	[STMT_COOP_EXPORT_RECS] = { "coop_export_recs",
	    "SELECT r.id, r.document_symbol, r.paragraph, r.state, r.mandate, "
	    "r.issued_on::text, r.text_lang, r.text, "
	    "array_to_string(r.themes, ';'), "
	    "array_to_string(r.affected_groups, ';'), "
	    "coalesce(u.reported_on::text, ''), coalesce(u.status, ''), "
	    "coalesce(u.source, ''), coalesce(u.explanation, ''), "
	    "CASE WHEN u.id IS NULL THEN '' ELSE 'true' END "
	    "FROM (SELECT * FROM recommendations WHERE id > $1::bigint "
	    "ORDER BY id LIMIT $2::int) r LEFT JOIN recommendation_updates u "
	    "ON u.recommendation_id = r.id AND u.published "
	    "ORDER BY r.id, u.reported_on, u.id", 2 },
#undef COOP_PUBLIC

	/*
	 * The trackers (cgi/data/tracker.c). Every visit request and every
	 * recommendation is public; of the updates, only the published ones.
	 * Filters come first ($1...) so that a list and its count share
	 * them; "" means any. Orders end with the id: pages are stable.
	 */
#define TRK_VISIT_COLS(L) "SELECT v.id, v.mandate, coalesce(mn.name, " \
	"v.mandate), v.state, coalesce(sn.short_name, v.state), " \
	"v.requested_on::text, v.status, current_date - v.requested_on, " \
	"coalesce(v.visit_start::text, ''), coalesce(v.visit_end::text, ''), " \
	"coalesce(v.report_symbol, '') FROM visits v LEFT JOIN mandate_names " \
	"mn ON mn.slug = v.mandate AND mn.lang = " L " LEFT JOIN state_names " \
	"sn ON sn.iso3 = v.state AND sn.lang = " L " "
#define TRK_VISIT_WHERE "WHERE ($1::text = '' OR v.state = $1::bpchar) " \
	"AND ($2::text = '' OR v.mandate = $2::text) " \
	"AND ($3::text = '' OR v.status = $3::text) "
	[STMT_TRK_VISIT_LIST] = { "trk_visit_list",
	    TRK_VISIT_COLS("$4") TRK_VISIT_WHERE
	    "ORDER BY v.requested_on DESC, v.id DESC "
	    "LIMIT $5::int OFFSET $6::int", 6 },
	/* Without a mandate: the counts kept on write (0007_analysis.sql). */
	[STMT_TRK_VISIT_COUNT] = { "trk_visit_count",
	    "SELECT CASE WHEN $2::text = '' THEN (SELECT coalesce(sum(n), 0) "
	    "FROM status_stats WHERE subject = 'visit' AND ($1::text = '' OR "
	    "state = $1::bpchar) AND ($3::text = '' OR status = $3::text))"
	    "::bigint ELSE (SELECT count(*) FROM visits v " TRK_VISIT_WHERE
	    ") END", 3 },
	[STMT_TRK_VISIT_GET] = { "trk_visit_get",
	    TRK_VISIT_COLS("$2") "WHERE v.id = $1::bigint", 2 },
	[STMT_TRK_VISIT_HISTORY] = { "trk_visit_history",
	    "SELECT (changed_at AT TIME ZONE 'UTC')::date::text, status, "
	    "coalesce(visit_start::text, ''), coalesce(visit_end::text, ''), "
	    "coalesce(report_symbol, '') FROM visit_status_changes "
	    "WHERE visit_id = $1::bigint ORDER BY id", 1 },
	/*
	 * A recommendation's status: its latest published update's, kept on
	 * write in recommendation_outcomes (0007_analysis.sql), which the
	 * filter reads; the list shows that update's date and source.
	 */
#define TRK_REC_COLS "SELECT r.id, r.document_symbol, r.paragraph, r.state, " \
	"coalesce(sn.short_name, r.state), r.mandate, coalesce(mn.name, " \
	"r.mandate), r.issued_on::text, "
#define TRK_REC_TAIL "r.text_lang, coalesce(u.status, 'no_information'), " \
	"coalesce(u.reported_on::text, ''), coalesce(u.source, ''), " \
	"coalesce(r.visit_id, 0) "
#define TRK_REC_LATEST "FROM recommendations r LEFT JOIN LATERAL (SELECT " \
	"u.status, u.reported_on, u.source FROM recommendation_updates u " \
	"WHERE u.recommendation_id = r.id AND u.published " \
	"ORDER BY u.reported_on DESC, u.id DESC LIMIT 1) u ON true "
#define TRK_REC_NAMES(L) "LEFT JOIN mandate_names mn ON mn.slug = r.mandate " \
	"AND mn.lang = " L " LEFT JOIN state_names sn ON sn.iso3 = r.state " \
	"AND sn.lang = " L " "
#define TRK_REC_OUTCOME "JOIN recommendation_outcomes ro " \
	"ON ro.recommendation_id = r.id "
#define TRK_REC_WHERE "WHERE ($1::text = '' OR r.state = $1::bpchar) " \
	"AND ($2::text = '' OR r.mandate = $2::text) " \
	"AND ($3::text = '' OR $3::text = ANY (r.themes)) " \
	"AND ($4::text = '' OR ro.status = $4::text) " \
	"AND ($5::text = '' OR EXISTS (SELECT 1 FROM " \
	"recommendation_updates s WHERE s.recommendation_id = r.id " \
	"AND s.published AND s.source = $5::text)) "
	[STMT_TRK_REC_LIST] = { "trk_rec_list",
	    TRK_REC_COLS "left(r.text, 300), length(r.text) > 300, "
	    TRK_REC_TAIL TRK_REC_LATEST TRK_REC_NAMES("$6") TRK_REC_OUTCOME
	    TRK_REC_WHERE "ORDER BY r.issued_on DESC, r.id DESC "
	    "LIMIT $7::int OFFSET $8::int", 8 },
	/* By State and status only: the counts kept on write (0007). */
	[STMT_TRK_REC_COUNT] = { "trk_rec_count",
	    "SELECT CASE WHEN $2::text = '' AND $3::text = '' AND $5::text = '' "
	    "THEN (SELECT coalesce(sum(n), 0) FROM status_stats WHERE subject "
	    "= 'recommendation' AND ($1::text = '' OR state = $1::bpchar) AND "
	    "($4::text = '' OR status = $4::text))::bigint ELSE (SELECT "
	    "count(*) FROM recommendations r " TRK_REC_OUTCOME TRK_REC_WHERE
	    ") END", 5 },
	/* Themes and groups never hold ';' (the importer splits on it). */
	[STMT_TRK_REC_GET] = { "trk_rec_get",
	    TRK_REC_COLS "r.text, false, " TRK_REC_TAIL
	    ", array_to_string(r.themes, ';'), "
	    "array_to_string(r.affected_groups, ';') "
	    TRK_REC_LATEST TRK_REC_NAMES("$2") "WHERE r.id = $1::bigint", 2 },
	/*
	 * An update's receipt reference (0010's column ref) is read by
	 * name out of the row, so that this statement stands with or
	 * without that migration ("" without).
	 */
	[STMT_TRK_REC_UPDATES] = { "trk_rec_updates",
	    "SELECT u.reported_on::text, u.status, u.source, u.explanation, "
	    "coalesce(u.ref, ''), coalesce(u.organisation, ''), "
	    "coalesce((SELECT string_agg(f.id || ' ' || f.size, ';' "
	    "ORDER BY f.position) FROM update_files f "
	    "WHERE f.update_id = u.id), '') FROM recommendation_updates u "
	    "WHERE u.recommendation_id = $1::bigint AND u.published "
	    "ORDER BY u.reported_on, u.id", 1 },
	/* Every theme in use, kept on write (0012_scale.sql). */
	[STMT_TRK_REC_THEMES] = { "trk_rec_themes",
	    "SELECT theme FROM recommendation_themes "
	    "ORDER BY theme COLLATE \"und-x-icu\" LIMIT $1::int", 1 },
	/*
	 * The communications whose public summary matches $7 (see
	 * sql/migrations/0008_search.sql): the union of the query parsed
	 * in every language lets the GIN index narrow the rows; the exact
	 * test parses it in the row's own language, the configuration its
	 * vector was built with. Public letters only.
	 */
	[STMT_TRK_COMM_SEARCH] = { "trk_comm_search",
	    "SELECT c.id, c.reference, c.type, c.sent_on::text, "
	    "coalesce(c.state, ''), coalesce(sn.short_name, c.addressee, ''), "
	    "o.category, o.confidential FROM communications c "
	    "JOIN communication_outcomes o ON o.communication_id = c.id "
	    "LEFT JOIN state_names sn ON sn.iso3 = c.state AND sn.lang = $1 "
	    "WHERE c.public_after <= current_date "
	    "AND c.summary_search @@ summary_query_any($7::text) "
	    "AND c.summary_search @@ websearch_to_tsquery("
	    "summary_regconfig(c.summary_lang), $7::text) "
	    "AND ($2::text = '' OR c.state = $2::bpchar) "
	    "AND ($3::text = '' OR c.id IN (SELECT m.communication_id FROM "
	    "communication_mandates m WHERE m.mandate = $3::text)) "
	    "AND ($4::text = '' OR c.type = $4::text) "
	    "AND ($5::text = '' OR extract(year FROM c.sent_on) = "
	    "nullif($5::text, '')::int) "
	    "AND ($6::text = '' OR o.category = $6::text) "
	    "ORDER BY c.sent_on DESC, c.id DESC LIMIT $8::int OFFSET $9::int",
	    9 },
#undef TRK_VISIT_COLS
#undef TRK_VISIT_WHERE
#undef TRK_REC_COLS
#undef TRK_REC_TAIL
#undef TRK_REC_LATEST
#undef TRK_REC_NAMES
#undef TRK_REC_OUTCOME
#undef TRK_REC_WHERE

	/* open data and feeds */
#include "data/export_sql.h"

	/* the editor's desk (cgi/data/record.c): lists newest first */
	[STMT_REC_DELAY] = { "rec_delay",
	    "SELECT extract(day FROM publication_delay)::int "
	    "FROM monitoring_config", 0 },
	[STMT_REC_COMMS] = { "rec_comms",
	    "SELECT c.id, c.reference, c.type, c.sent_on::text, "
	    "coalesce(c.state, ''), coalesce(c.addressee, ''), "
	    "c.public_after::text, c.public_after <= current_date, o.category "
	    "FROM communications c JOIN communication_outcomes o "
	    "ON o.communication_id = c.id ORDER BY c.recorded_at DESC, c.id DESC "
	    "LIMIT $1", 1 },
	[STMT_REC_COMM] = { "rec_comm",
	    "SELECT c.id, c.reference, c.type, c.sent_on::text, "
	    "coalesce(c.state, ''), coalesce(c.addressee, ''), "
	    "c.public_after::text, c.public_after <= current_date, o.category, "
	    "c.summary, c.summary_lang, coalesce((SELECT string_agg(m.mandate, "
	    "' ' ORDER BY m.mandate) FROM communication_mandates m "
	    "WHERE m.communication_id = c.id), ''), coalesce((SELECT "
	    "string_agg(s.ref, ' ' ORDER BY s.ref) FROM communication_submissions "
	    "cs JOIN submissions s ON s.id = cs.submission_id "
	    "WHERE cs.communication_id = c.id), '') FROM communications c "
	    "JOIN communication_outcomes o ON o.communication_id = c.id "
	    "WHERE c.id = $1", 1 },
	[STMT_REC_REPLIES] = { "rec_replies",
	    "SELECT id, received_on::text, confidential, classification, summary "
	    "FROM replies WHERE communication_id = $1 "
	    "ORDER BY received_on, id", 1 },
	[STMT_REC_SUB_EXISTS] = { "rec_sub_exists",
	    "SELECT 1 FROM submissions WHERE ref = $1", 1 },
	[STMT_REC_COMM_SUBS_INSERT] = { "rec_comm_subs_insert",
	    "INSERT INTO communication_submissions (communication_id, "
	    "submission_id) SELECT $1, s.id FROM submissions s "
	    "WHERE s.ref = ANY (string_to_array($2, ' '))", 2 },
	[STMT_REC_VISITS] = { "rec_visits",
	    "SELECT id, mandate, state, requested_on::text, status, "
	    "coalesce(visit_start::text, ''), coalesce(visit_end::text, ''), "
	    "coalesce(report_symbol, '') FROM visits "
	    "ORDER BY updated_at DESC, id DESC LIMIT $1", 1 },
	[STMT_REC_VISIT] = { "rec_visit",
	    "SELECT id, mandate, state, requested_on::text, status, "
	    "coalesce(visit_start::text, ''), coalesce(visit_end::text, ''), "
	    "coalesce(report_symbol, '') FROM visits WHERE id = $1", 1 },
	[STMT_REC_VISIT_INSERT] = { "rec_visit_insert",
	    "INSERT INTO visits (mandate, state, requested_on, status, "
	    "visit_start, visit_end, report_symbol) VALUES ($1, $2, $3, $4, "
	    "nullif($5, '')::date, nullif($6, '')::date, nullif($7, '')) "
	    "RETURNING id", 7 },
	[STMT_REC_VISIT_HISTORY] = { "rec_visit_history",
	    "SELECT status, coalesce(visit_start::text, ''), "
	    "coalesce(visit_end::text, ''), coalesce(report_symbol, ''), "
	    "to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') "
	    "FROM visit_status_changes "
	    "WHERE visit_id = $1 ORDER BY id", 1 },
	[STMT_REC_INVITATIONS] = { "rec_invitations",
	    "SELECT state, since::text FROM standing_invitations "
	    "ORDER BY state", 0 },
	[STMT_REC_INVITATION_SET] = { "rec_invitation_set",
	    "INSERT INTO standing_invitations (state, since) VALUES ($1, $2) "
	    "ON CONFLICT (state) DO UPDATE SET since = EXCLUDED.since", 2 },
	[STMT_REC_RECS] = { "rec_recs",
	    "SELECT id, document_symbol, paragraph, state, mandate, "
	    "issued_on::text FROM recommendations "
	    "ORDER BY recorded_at DESC, id DESC LIMIT $1", 1 },
	[STMT_REC_REC] = { "rec_rec",
	    "SELECT id, document_symbol, paragraph, state, mandate, "
	    "issued_on::text, text, text_lang, array_to_string(themes, '; '), "
	    "array_to_string(affected_groups, '; '), coalesce(visit_id::text, '') "
	    "FROM recommendations WHERE id = $1", 1 },
	[STMT_REC_REC_INSERT] = { "rec_rec_insert",
	    "INSERT INTO recommendations (document_symbol, paragraph, visit_id, "
	    "state, mandate, issued_on, text, text_lang, themes, "
	    "affected_groups) VALUES ($1, $2, nullif($3, '')::bigint, $4, $5, "
	    "$6, $7, $8, coalesce(string_to_array(nullif($9, ''), ';'), '{}'), "
	    "coalesce(string_to_array(nullif($10, ''), ';'), '{}')) "
	    "RETURNING id", 10 },
	[STMT_REC_UPDATES] = { "rec_updates",
	    "SELECT reported_on::text, status, source, explanation "
	    "FROM recommendation_updates WHERE recommendation_id = $1 "
	    "ORDER BY reported_on, id", 1 },
	[STMT_REC_UPDATE_ISSUED] = { "rec_update_issued",
	    "INSERT INTO recommendation_updates (id, recommendation_id, "
	    "reported_on, status, source, explanation, published, ref, receipt, "
	    "receipt_hash, added_by, staff_id, token_hash) VALUES ($1, $2, "
	    "$3::date, $4, $5, $6, true, $7, $8, $9, 'staff', $10, $11)", 11 },

	/*
	 * The analysis page (data/analysis.c): the totals kept on write
	 * (0007_analysis.sql, their size bounded by States x years x
	 * categories) less the letters not yet public, read through the
	 * index on public_after. A breakdown is (code, name, category, n)
	 * ordered by group.
	 */
#define AN_MINUS(cols, table) "(SELECT " cols ", n FROM " table \
	" UNION ALL SELECT " cols ", -1 FROM communications_pending) s"
	[STMT_AN_CATEGORIES] = { "an_categories",
	    "SELECT s.category, sum(s.n)::bigint, coalesce(sum(s.n) FILTER "
	    "(WHERE s.confidential), 0)::bigint FROM "
	    AN_MINUS("category, confidential", "communication_year_totals")
	    " GROUP BY s.category HAVING sum(s.n) > 0", 0 },
	[STMT_AN_REGIONS] = { "an_regions",
	    "SELECT coalesce(st.regional_group, 'observer'), coalesce(g.name, "
	    "''), s.category, sum(s.n)::bigint FROM "
	    AN_MINUS("state, category", "communication_state_totals")
	    " JOIN states st ON st.iso3 = s.state LEFT JOIN regional_groups rg "
	    "ON rg.code = st.regional_group LEFT JOIN regional_group_names g "
	    "ON g.code = st.regional_group AND g.lang = $1 "
	    "GROUP BY st.regional_group, g.name, rg.sort, s.category "
	    "HAVING sum(s.n) > 0 ORDER BY rg.sort NULLS LAST, 3", 1 },
	[STMT_AN_REGIMES] = { "an_regimes",
	    "SELECT CASE WHEN s.regime < 0 THEN 'none' ELSE s.regime::text "
	    "END, '', s.category, sum(s.n)::bigint FROM (SELECT regime, "
	    "category, n FROM communication_regime_totals UNION ALL SELECT "
	    "analysis_regime(state, year), category, -1 FROM "
	    "communications_pending) s GROUP BY s.regime, s.category "
	    "HAVING sum(s.n) > 0 ORDER BY s.regime < 0, s.regime, 3", 0 },
	[STMT_AN_MANDATES] = { "an_mandates",
	    "SELECT s.mandate, coalesce(mn.name, s.mandate), s.category, "
	    "sum(s.n)::bigint FROM (SELECT mandate, category, n FROM "
	    "communication_mandate_totals UNION ALL SELECT m.mandate, "
	    "p.category, -1 FROM communications_pending p JOIN "
	    "communication_mandates m ON m.communication_id = p.id) s "
	    "LEFT JOIN mandate_names mn ON mn.slug = s.mandate "
	    "AND mn.lang = $1 GROUP BY s.mandate, mn.name, "
	    "s.category HAVING sum(s.n) > 0 "
	    "ORDER BY mn.name COLLATE \"und-x-icu\", 1, 3", 1 },
	[STMT_AN_YEARS] = { "an_years",
	    "SELECT s.year::text, s.year::text, s.category, sum(s.n)::bigint "
	    "FROM " AN_MINUS("year, category", "communication_year_totals")
	    " GROUP BY s.year, s.category HAVING sum(s.n) > 0 "
	    "ORDER BY s.year, 3", 0 },
	[STMT_AN_STATES] = { "an_states",
	    "SELECT s.state, coalesce(sn.short_name, s.state), s.category, "
	    "sum(s.n)::bigint FROM "
	    AN_MINUS("state, category", "communication_state_totals")
	    " LEFT JOIN state_names sn ON sn.iso3 = s.state AND sn.lang = $1 "
	    "GROUP BY s.state, sn.short_name, s.category "
	    "HAVING sum(s.n) > 0 "
	    "ORDER BY sn.short_name COLLATE \"und-x-icu\", 1, 3", 1 },
	[STMT_AN_VISITS] = { "an_visits",
	    "SELECT status, sum(n)::bigint FROM status_stats "
	    "WHERE subject = 'visit' GROUP BY status HAVING sum(n) > 0", 0 },
	[STMT_AN_RECS] = { "an_recs",
	    "SELECT status, sum(n)::bigint FROM status_stats "
	    "WHERE subject = 'recommendation' GROUP BY status "
	    "HAVING sum(n) > 0", 0 },
	/*
	 * A State's median days from sending to the first reply, over its
	 * public letters answered: (count, 2 x median), an integer since the
	 * days are. Read from the histogram kept on write (0012_scale.sql)
	 * less the letters not yet public: 2 x median is the sum of the
	 * values at (0-based) positions (N - 1) / 2 and N / 2, rounded down.
	 */
	[STMT_AN_STATE_MEDIAN] = { "an_state_median",
	    "WITH h AS (SELECT x.days, sum(x.n) AS n FROM (SELECT days, n "
	    "FROM communication_reply_days WHERE state = $1 UNION ALL "
	    "SELECT o.first_reply_on - c.sent_on, -1 FROM "
	    "communications_pending p JOIN communications c ON c.id = p.id "
	    "JOIN communication_outcomes o ON o.communication_id = p.id "
	    "WHERE p.state = $1 AND o.first_reply_on IS NOT NULL) x "
	    "GROUP BY x.days HAVING sum(x.n) > 0), "
	    "w AS (SELECT days, (sum(n) OVER (ORDER BY days))::bigint AS cum, "
	    "(sum(n) OVER ())::bigint AS total FROM h) "
	    "SELECT coalesce(max(total), 0), coalesce(min(days) FILTER "
	    "(WHERE cum > (total - 1) / 2) + min(days) FILTER "
	    "(WHERE cum > total / 2), 0)::bigint FROM w", 1 },
#undef AN_MINUS

	/*
	 * Updates received through the portal (cgi/data/update.c). Evidence
	 * is served only when its update is published ($2: or to staff).
	 */
	[STMT_UPD_NEXT_ID] = { "upd_next_id",
	    "SELECT nextval('recommendation_updates_id_seq')", 0 },
	[STMT_UPD_NEXT_REF] = { "upd_next_ref",
	    "SELECT nextval('update_ref_seq')", 0 },
	[STMT_UPD_FILE_NEXT_ID] = { "upd_file_next_id",
	    "SELECT nextval('update_files_id_seq')", 0 },
	[STMT_UPD_CHUNK_INSERT] = { "upd_chunk_insert",
	    "INSERT INTO update_file_chunks (file_id, seq, data) "
	    "VALUES ($1, $2, $3)", 3 },
	[STMT_UPD_FILE_INSERT] = { "upd_file_insert",
	    "INSERT INTO update_files (id, update_id, position, size, sha256, "
	    "media_type, added_by, staff_id) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", 8 },
	[STMT_UPD_INSERT] = { "upd_insert",
	    "INSERT INTO recommendation_updates (id, recommendation_id, "
	    "reported_on, status, source, explanation, published, ref, receipt, "
	    "receipt_hash, added_by, staff_id, organisation, token_hash) "
	    "VALUES ($1, $2, (now() AT TIME ZONE 'UTC')::date, $3, $4, $5, $6, "
	    "$7, $8, $9, $10, $11, $12, $13)", 13 },
	[STMT_UPD_BY_TOKEN] = { "upd_by_token",
	    "SELECT ref, receipt FROM recommendation_updates "
	    "WHERE token_hash = $1", 1 },
#define UPD_REC_COLS "SELECT r.id, r.state, r.document_symbol, r.paragraph, " \
	"r.issued_on::text, r.text, coalesce((SELECT u.status FROM " \
	"recommendation_updates u WHERE u.recommendation_id = r.id AND " \
	"u.published ORDER BY u.reported_on DESC, u.id DESC LIMIT 1), '') " \
	"FROM recommendations r "
	[STMT_UPD_REC] = { "upd_rec",
	    UPD_REC_COLS "WHERE r.id = $1::bigint", 1 },
	[STMT_UPD_STATE_RECS] = { "upd_state_recs",
	    UPD_REC_COLS "WHERE r.state = $1 "
	    "ORDER BY r.issued_on DESC, r.id DESC LIMIT $2::int", 2 },
#undef UPD_REC_COLS
#define UPD_ITEM_COLS "SELECT u.id, u.recommendation_id, u.ref, " \
	"r.document_symbol, r.paragraph, r.state, u.status, u.explanation, " \
	"coalesce(u.organisation, ''), to_char(u.recorded_at AT TIME ZONE " \
	"'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM recommendation_updates u " \
	"JOIN recommendations r ON r.id = u.recommendation_id "
	[STMT_UPD_LIST] = { "upd_list",
	    UPD_ITEM_COLS "WHERE u.recommendation_id = $1::bigint "
	    "AND u.source = $2 AND u.published AND u.ref IS NOT NULL "
	    "ORDER BY u.id DESC LIMIT 50", 2 },
	[STMT_UPD_PENDING] = { "upd_pending",
	    UPD_ITEM_COLS "WHERE u.source = 'civil_society' AND NOT u.published "
	    "AND u.ref IS NOT NULL AND NOT EXISTS (SELECT 1 FROM update_reviews "
	    "v WHERE v.update_id = u.id) ORDER BY u.id LIMIT $1::int", 1 },
#undef UPD_ITEM_COLS
	[STMT_UPD_FILES] = { "upd_files",
	    "SELECT id, size, encode(sha256, 'hex'), media_type "
	    "FROM update_files WHERE update_id = $1::bigint ORDER BY position",
	    1 },
	/* The primary key makes a second decision a conflict. */
	[STMT_UPD_REVIEW] = { "upd_review",
	    "INSERT INTO update_reviews (update_id, decision, staff_id) "
	    "SELECT u.id, $2, $3 FROM recommendation_updates u WHERE u.ref = $1 "
	    "AND u.source = 'civil_society' AND NOT u.published "
	    "RETURNING update_id", 3 },
	[STMT_UPD_PUBLISH] = { "upd_publish",
	    "UPDATE recommendation_updates SET published = true "
	    "WHERE id = $1::bigint AND NOT published", 1 },
	[STMT_UPD_FILE_GET] = { "upd_file_get",
	    "SELECT f.size, encode(f.sha256, 'hex'), f.media_type "
	    "FROM update_files f JOIN recommendation_updates u "
	    "ON u.id = f.update_id WHERE f.id = $1::bigint "
	    "AND (u.published OR $2::boolean)", 2 },
	[STMT_UPD_CHUNK] = { "upd_chunk",
	    "SELECT data FROM update_file_chunks "
	    "WHERE file_id = $1::bigint AND seq = $2::int", 2 },

	/* transparency log */
	[STMT_TLOG_ENQUEUE] = { "tlog_enqueue",
	    "INSERT INTO tlog_queue (entry) VALUES ($1)", 1 },
	[STMT_TLOG_LOOKUP] = { "tlog_lookup",
	    "SELECT idx FROM tlog_leaves WHERE entry = $1 ORDER BY idx LIMIT 1",
	    1 },
	[STMT_TLOG_LATEST] = { "tlog_latest",
	    "SELECT size, note FROM tlog_checkpoints ORDER BY size DESC "
	    "LIMIT 1", 0 },
	/* One integrator at a time, across hosts: the key is "tlog". */
	[STMT_TLOG_LOCK] = { "tlog_lock",
	    "SELECT pg_advisory_xact_lock(1953263463)", 0 },
	[STMT_TLOG_QUEUE_READ] = { "tlog_queue_read",
	    "SELECT id, encode(entry, 'hex') FROM tlog_queue ORDER BY id "
	    "LIMIT $1", 1 },
	/* By id, not by range: a lower id may commit after a higher one. */
	[STMT_TLOG_QUEUE_DELETE] = { "tlog_queue_delete",
	    "DELETE FROM tlog_queue WHERE id = ANY ($1::bigint[])", 1 },
	[STMT_TLOG_LEAVES_INSERT] = { "tlog_leaves_insert",
	    "INSERT INTO tlog_leaves (idx, entry) "
	    "SELECT $1::bigint + t.o - 1, decode(t.h, 'hex') "
	    "FROM unnest($2::text[]) WITH ORDINALITY AS t (h, o)", 2 },
	[STMT_TLOG_HASHES_INSERT] = { "tlog_hashes_insert",
	    "INSERT INTO tlog_hashes (level, idx, hash) "
	    "SELECT t.l, t.i, decode(t.h, 'hex') "
	    "FROM unnest($1::smallint[], $2::bigint[], $3::text[]) "
	    "AS t (l, i, h)", 3 },
	[STMT_TLOG_CHECKPOINT_INSERT] = { "tlog_checkpoint_insert",
	    "INSERT INTO tlog_checkpoints (size, root, note) "
	    "VALUES ($1, decode($2, 'hex'), $3)", 3 },
	/*
	 * The subtrees a root or proof needs: one primary-key lookup each
	 * (a subquery per address, so that no plan can choose to scan).
	 */
	[STMT_TLOG_HASHES_READ] = { "tlog_hashes_read",
	    "SELECT q.l, q.i, (SELECT encode(h.hash, 'hex') FROM tlog_hashes h "
	    "WHERE h.level = q.l AND h.idx = q.i) "
	    "FROM unnest($1::smallint[], $2::bigint[]) AS q (l, i)", 2 },
	[STMT_TLOG_TILE_HASHES] = { "tlog_tile_hashes",
	    "SELECT encode(hash, 'hex') FROM tlog_hashes "
	    "WHERE level = $1 AND idx >= $2 AND idx < $3 ORDER BY idx", 3 },
	[STMT_TLOG_TILE_ENTRIES] = { "tlog_tile_entries",
	    "SELECT encode(entry, 'hex') FROM tlog_leaves "
	    "WHERE idx >= $1 AND idx < $2 ORDER BY idx", 2 },
};
