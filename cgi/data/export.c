/*
 * The open data's table of kinds and its queries (statements in
 * data/export_sql.h). Each chunk's PGresult is cleared before the next is
 * fetched; the callback sees fields that live until it returns.
 */
#include <stdio.h>
#include <string.h>

#include "data/coop.h"
#include "data/export.h"

#define NAMES(p) { p "_ar", EXT_TEXT, 0, NULL }, \
	{ p "_en", EXT_TEXT, 0, NULL }, { p "_es", EXT_TEXT, 0, NULL }, \
	{ p "_fr", EXT_TEXT, 0, NULL }, { p "_ru", EXT_TEXT, 0, NULL }, \
	{ p "_zh", EXT_TEXT, 0, NULL }

static const struct export_col state_cols[] = {
	{ "iso3", EXT_TEXT, 0, NULL }, { "iso2", EXT_TEXT, 0, NULL },
	{ "m49", EXT_INT, 0, NULL }, { "status", EXT_TEXT, 0, NULL },
	{ "regional_group", EXT_TEXT, 1, NULL },
	{ "m49_region", EXT_TEXT, 0, NULL },
	{ "m49_subregion", EXT_TEXT, 0, NULL },
	{ "m49_intermediate_region", EXT_TEXT, 1, NULL },
	{ "ldc", EXT_BOOL, 0, NULL }, { "lldc", EXT_BOOL, 0, NULL },
	{ "sids", EXT_BOOL, 0, NULL },
	{ "standing_invitation_since", EXT_DATE, 1, NULL },
	NAMES("name"), NAMES("formal_name"),
};

static const struct export_col mandate_cols[] = {
	{ "slug", EXT_TEXT, 0, NULL }, { "kind", EXT_TEXT, 0, NULL },
	{ "holder", EXT_TEXT, 0, NULL }, { "established", EXT_INT, 0, NULL },
	{ "country_iso3", EXT_TEXT, 1, NULL },
	{ "short_name", EXT_TEXT, 0, NULL }, { "active", EXT_BOOL, 0, NULL },
	NAMES("name"),
};

static const struct export_col comm_cols[] = {
	{ "id", EXT_INT, 0, NULL }, { "reference", EXT_TEXT, 0, NULL },
	{ "type", EXT_TEXT, 0, NULL }, { "sent_on", EXT_DATE, 0, NULL },
	{ "state", EXT_TEXT, 1, NULL }, { "addressee", EXT_TEXT, 1, NULL },
	{ "mandates", EXT_LIST, 0, "mandate" },
	{ "public_after", EXT_DATE, 0, NULL },
	{ "summary_lang", EXT_TEXT, 0, NULL },
	{ "summary", EXT_TEXT, 0, NULL }, { "category", EXT_TEXT, 0, NULL },
	{ "replies", EXT_INT, 0, NULL },
	{ "confidential_replies", EXT_INT, 0, NULL },
};

static const struct export_col reply_cols[] = {
	{ "id", EXT_INT, 0, NULL }, { "communication_id", EXT_INT, 0, NULL },
	{ "reference", EXT_TEXT, 0, NULL },
	{ "received_on", EXT_DATE, 0, NULL },
	{ "classification", EXT_TEXT, 0, NULL },
	{ "confidential", EXT_BOOL, 0, NULL },
	{ "summary", EXT_TEXT, 0, NULL },
};

static const struct export_col visit_cols[] = {
	{ "id", EXT_INT, 0, NULL }, { "mandate", EXT_TEXT, 0, NULL },
	{ "state", EXT_TEXT, 0, NULL }, { "requested_on", EXT_DATE, 0, NULL },
	{ "status", EXT_TEXT, 0, NULL }, { "visit_start", EXT_DATE, 1, NULL },
	{ "visit_end", EXT_DATE, 1, NULL },
	{ "report_symbol", EXT_TEXT, 1, NULL },
};

static const struct export_col rec_cols[] = {
	{ "id", EXT_INT, 0, NULL }, { "document_symbol", EXT_TEXT, 0, NULL },
	{ "paragraph", EXT_TEXT, 0, NULL }, { "visit_id", EXT_INT, 1, NULL },
	{ "state", EXT_TEXT, 0, NULL }, { "mandate", EXT_TEXT, 0, NULL },
	{ "issued_on", EXT_DATE, 0, NULL }, { "text_lang", EXT_TEXT, 0, NULL },
	{ "text", EXT_TEXT, 0, NULL }, { "themes", EXT_LIST, 0, "theme" },
	{ "affected_groups", EXT_LIST, 0, "group" },
	{ "status", EXT_TEXT, 1, NULL },
};

static const struct export_col update_cols[] = {
	{ "id", EXT_INT, 0, NULL }, { "recommendation_id", EXT_INT, 0, NULL },
	{ "document_symbol", EXT_TEXT, 0, NULL },
	{ "paragraph", EXT_TEXT, 0, NULL },
	{ "reported_on", EXT_DATE, 0, NULL }, { "status", EXT_TEXT, 0, NULL },
	{ "source", EXT_TEXT, 0, NULL }, { "explanation", EXT_TEXT, 0, NULL },
};

#define DEF(n, i, c) { n, i, c, (int)(sizeof(c) / sizeof(c[0])) }
const struct export_def export_defs[EX__MAX] = {
	[EX_STATES] = DEF("states", "state", state_cols),
	[EX_MANDATES] = DEF("mandates", "mandate", mandate_cols),
	[EX_COMMUNICATIONS] = DEF("communications", "communication", comm_cols),
	[EX_REPLIES] = DEF("replies", "reply", reply_cols),
	[EX_VISITS] = DEF("visits", "visit", visit_cols),
	[EX_RECOMMENDATIONS] = DEF("recommendations", "recommendation",
	    rec_cols),
	[EX_UPDATES] = DEF("updates", "update", update_cols),
};
#undef DEF

static const enum stmt rows_stmt[EX__MAX] = { STMT_EX_STATES,
	STMT_EX_MANDATES, STMT_EX_COMMS, STMT_EX_REPLIES, STMT_EX_VISITS,
	STMT_EX_RECS, STMT_EX_UPDATES };
/* The first key: text keys start after "", numeric ones after 0. */
static const char *const first_key[EX__MAX] = { "", "", "0", "0", "0", "0",
	"0" };
/* Bump when a format changes, so that no cache keeps the old one. */
#define EXPORT_FORMAT	"1"

int
export_kind_parse(const char *name, enum export_kind *k)
{
	int	 i;

	for (i = 0; i < EX__MAX; i++)
		if (strcmp(name, export_defs[i].name) == 0) {
			*k = (enum export_kind)i;
			return 0;
		}
	return -1;
}

/* A version from one of our statements: one text column, no date. */
static enum db_err
own_version(enum stmt s, enum export_kind k, struct export_version *v)
{
	PGresult	*res;
	enum db_err	 e;
	int		 n;

	if ((e = db_exec(s, NULL, 0, &res)) != DB_OK)
		return e;
	if (PQntuples(res) != 1 || PQnfields(res) != 1) {
		PQclear(res);
		return DB_ERROR;
	}
	n = snprintf(v->etag, sizeof(v->etag), "\"x" EXPORT_FORMAT "%c-%s\"",
	    'a' + k, PQgetvalue(res, 0, 0));
	PQclear(res);
	v->last_modified[0] = '\0';
	return n < 0 || (size_t)n >= sizeof(v->etag) ? DB_ERROR : DB_OK;
}

/* Letters, replies and visits: the record's validators (data/coop.c). */
static enum db_err
coop_version(enum coop_export ck, enum export_kind k,
    struct export_version *v)
{
	struct coop_version	 cv;
	enum db_err		 e;
	int			 has, n;

	if ((e = coop_export_version(ck, &cv, &has)) != DB_OK)
		return e;
	if (!has || strlen(cv.etag) < 2)
		return DB_ERROR;
	/* The inner part of its quoted tag, inside ours. */
	n = snprintf(v->etag, sizeof(v->etag), "\"x" EXPORT_FORMAT "%c-%.*s\"",
	    'a' + k, (int)strlen(cv.etag) - 2, cv.etag + 1);
	if (n < 0 || (size_t)n >= sizeof(v->etag))
		return DB_ERROR;
	memcpy(v->last_modified, cv.last_modified, sizeof(v->last_modified));
	return DB_OK;
}

enum db_err
export_version(enum export_kind k, struct export_version *v)
{
	switch (k) {
	case EX_STATES:
		return own_version(STMT_EX_STATES_VERSION, k, v);
	case EX_MANDATES:
		return own_version(STMT_EX_MANDATES_VERSION, k, v);
	case EX_COMMUNICATIONS:
	case EX_REPLIES:
		return coop_version(COOP_EX_COMMUNICATIONS, k, v);
	case EX_VISITS:
		return coop_version(COOP_EX_VISITS, k, v);
	default:
		return own_version(STMT_EX_RECS_VERSION, k, v);
	}
}

/* Hand over one chunk's rows; *last gets the last key. */
static int
chunk_rows(PGresult *res, int ncols, export_row_cb cb, void *arg,
    char *last, size_t lastsz)
{
	struct export_row	 row;
	int			 i, c, nr = PQntuples(res);

	for (i = 0; i < nr; i++) {
		for (c = 0; c < ncols; c++)
			row.field[c] = PQgetvalue(res, i, c);
		if (cb(&row, arg) == -1)
			return -1;
	}
	if (nr > 0)
		(void)snprintf(last, lastsz, "%s", PQgetvalue(res, nr - 1, 0));
	return 0;
}

enum db_err
export_rows(enum export_kind k, export_row_cb cb, void *arg, int *stopped)
{
	char		 after[64], lim[16];
	const char	*p[2] = { after, lim };
	PGresult	*res;
	enum db_err	 e;
	int		 nr, ncols = export_defs[k].ncols;

	*stopped = 0;
	(void)snprintf(after, sizeof(after), "%s", first_key[k]);
	(void)snprintf(lim, sizeof(lim), "%d", EXPORT_CHUNK);
	for (;;) {
		if ((e = db_exec(rows_stmt[k], p, 2, &res)) != DB_OK)
			return e;
		if (PQnfields(res) != ncols || ncols > EXPORT_COLS_MAX) {
			PQclear(res);
			return DB_ERROR;
		}
		nr = PQntuples(res);
		if (chunk_rows(res, ncols, cb, arg, after, sizeof(after)) == -1) {
			*stopped = 1;
			PQclear(res);
			return DB_OK;
		}
		PQclear(res);
		if (nr < EXPORT_CHUNK)
			return DB_OK;
	}
}
