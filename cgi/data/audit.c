/*
 * Appending to and checking the audit chain (see audit.h for the hash).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "data/audit.h"

#define AUDIT_PAGE	1000
#define AUDIT_TIME_BYTES 21

static void
link_hash(int64_t id, const unsigned char prev[AUDIT_HASH_BYTES],
    const char *action, const char *object, const char *staff, const char *at,
    unsigned char out[AUDIT_HASH_BYTES])
{
	crypto_hash_sha256_state	 st;
	char				 num[24], hex[AUDIT_HASH_BYTES * 2 + 1];

	(void)snprintf(num, sizeof(num), "%" PRId64, id);
	sodium_bin2hex(hex, sizeof(hex), prev, AUDIT_HASH_BYTES);
	crypto_hash_sha256_init(&st);
#define PART(s) do {							\
	crypto_hash_sha256_update(&st, (const unsigned char *)(s), strlen(s)); \
	crypto_hash_sha256_update(&st, (const unsigned char *)"\n", 1);	\
} while (0)
	PART("portal-audit-v1");
	PART(num);
	PART(hex);
	PART(action);
	PART(object);
	PART(staff);
	PART(at);
#undef PART
	crypto_hash_sha256_final(&st, out);
}

static int
unescape32(PGresult *res, int row, int col, unsigned char out[32])
{
	unsigned char	*raw;
	size_t		 len;
	int		 rc = -1;

	if ((raw = PQunescapeBytea((const unsigned char *)PQgetvalue(res, row,
	    col), &len)) == NULL)
		return -1;
	if (len == 32) {
		memcpy(out, raw, 32);
		rc = 0;
	}
	PQfreemem(raw);
	return rc;
}

enum db_err
audit_append(const char *action, const char *object, int64_t staff_id)
{
	unsigned char	 prev[AUDIT_HASH_BYTES], hash[AUDIT_HASH_BYTES];
	const char	*params[7];
	int		 lens[7] = { 0 }, fmts[7] = { 0 };
	char		 idtext[24], staff[24], at[AUDIT_TIME_BYTES];
	struct tm	 tm;
	time_t		 now = time(NULL);
	PGresult	*res;
	enum db_err	 e;
	int64_t		 id = 1;

	if ((e = db_run(STMT_AUDIT_LOCK, NULL, 0)) != DB_OK ||
	    (e = db_exec(STMT_AUDIT_LAST, NULL, 0, &res)) != DB_OK)
		return e;
	memset(prev, 0, sizeof(prev));
	if (PQntuples(res) == 1) {
		id = strtoll(PQgetvalue(res, 0, 0), NULL, 10) + 1;
		if (id < 2 || unescape32(res, 0, 1, prev) == -1) {
			PQclear(res);
			return DB_ERROR;
		}
	}
	PQclear(res);
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return DB_ERROR;
	(void)snprintf(idtext, sizeof(idtext), "%" PRId64, id);
	staff[0] = '\0';
	if (staff_id > 0)
		(void)snprintf(staff, sizeof(staff), "%" PRId64, staff_id);
	link_hash(id, prev, action, object, staff, at, hash);
	params[0] = idtext;
	params[1] = (const char *)prev;
	lens[1] = sizeof(prev);
	fmts[1] = 1;
	params[2] = (const char *)hash;
	lens[2] = sizeof(hash);
	fmts[2] = 1;
	params[3] = action;
	params[4] = object;
	params[5] = staff_id > 0 ? staff : NULL;
	params[6] = at;
	if ((e = db_exec_bin(STMT_AUDIT_INSERT, params, lens, fmts, 7, &res)) ==
	    DB_OK)
		PQclear(res);
	return e;
}

/* Check one page of rows; 1 when a link is broken (r says which). */
static int
check_page(PGresult *res, struct audit_result *r, int64_t *last_id)
{
	unsigned char	 prev[AUDIT_HASH_BYTES], hash[AUDIT_HASH_BYTES];
	unsigned char	 want[AUDIT_HASH_BYTES];
	int64_t		 id;
	int		 i;

	for (i = 0; i < PQntuples(res); i++) {
		id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
		r->broken = id;
		if (id != *last_id + 1) {
			r->broken = *last_id + 1;
			r->why = "missing (deleted)";
			return 1;
		}
		if (unescape32(res, i, 1, prev) == -1 ||
		    unescape32(res, i, 2, hash) == -1) {
			r->why = "malformed";
			return 1;
		}
		if (sodium_memcmp(prev, r->last, AUDIT_HASH_BYTES) != 0) {
			r->why = "does not follow the previous link";
			return 1;
		}
		link_hash(id, prev, PQgetvalue(res, i, 3), PQgetvalue(res, i, 4),
		    PQgetvalue(res, i, 5), PQgetvalue(res, i, 6), want);
		if (sodium_memcmp(want, hash, AUDIT_HASH_BYTES) != 0) {
			r->why = "altered (its hash does not match)";
			return 1;
		}
		memcpy(r->last, hash, AUDIT_HASH_BYTES);
		r->broken = 0;
		r->links++;
		*last_id = id;
	}
	return 0;
}

enum db_err
audit_verify(struct audit_result *r)
{
	const char	*params[2];
	char		 after[24], limit[24];
	PGresult	*res;
	enum db_err	 e;
	int64_t		 last_id = 0;
	int		 n, broken;

	memset(r, 0, sizeof(*r));
	(void)snprintf(limit, sizeof(limit), "%d", AUDIT_PAGE);
	for (;;) {
		(void)snprintf(after, sizeof(after), "%" PRId64, last_id);
		params[0] = after;
		params[1] = limit;
		if ((e = db_exec(STMT_AUDIT_READ, params, 2, &res)) != DB_OK)
			return e;
		n = PQntuples(res);
		broken = check_page(res, r, &last_id);
		PQclear(res);
		if (broken || n < AUDIT_PAGE)
			return DB_OK;
	}
}
