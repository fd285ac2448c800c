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
