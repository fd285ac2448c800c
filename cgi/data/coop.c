/*
 * The public record's queries (statements in stmt.c, block "monitoring:
 * the public record and open data"). Results are copied into the
 * request arena and the PGresult cleared before returning; the export
 * hands each row to a callback and clears each chunk before the next.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "data/rows.h"
#include "data/coop.h"

static const char *const comm_cols[] = { "reference", "type", "sent_on",
	"state", "addressee", "mandates", "public_after", "summary_lang",
	"summary", "reply_date", "reply_confidential", "reply_classification",
	"reply_summary", "category", NULL };
static const char *const visit_cols[] = { "mandate", "state",
	"requested_on", "status", "visit_start", "visit_end", "report_symbol",
	NULL };
static const char *const rec_cols[] = { "document_symbol", "paragraph",
	"state", "mandate", "issued_on", "text_lang", "text", "themes",
	"affected_groups", "update_date", "update_status", "update_source",
	"update_explanation", "update_published", NULL };

const char *const *const coop_export_cols[COOP_EX__MAX] = { comm_cols,
	visit_cols, rec_cols };
const int coop_export_ncsv[COOP_EX__MAX] = { 13, 7, 14 };

static const enum stmt export_stmt[COOP_EX__MAX] = { STMT_COOP_EXPORT_COMMS,
	STMT_COOP_EXPORT_VISITS, STMT_COOP_EXPORT_RECS };
static const enum stmt version_stmt[COOP_EX__MAX] = {
	STMT_COOP_EXPORT_VERSION, STMT_COOP_VISITS_VERSION, STMT__MAX };


/* The first 8 columns of the list and of one letter. */
static void
comm_row(struct rows *rs, int i, struct coop_comm *c)
{
	c->id = rows_int(rs, i, 0);
	c->reference = rows_col(rs, i, 1);
	c->type = rows_col(rs, i, 2);
	c->sent_on = rows_col(rs, i, 3);
	c->state = rows_col(rs, i, 4);
	c->addressee = rows_col(rs, i, 5);
	c->category = rows_col(rs, i, 6);
	c->confidential = rows_bool(rs, i, 7);
	c->summary = c->summary_lang = c->public_after = "";
}

enum db_err
coop_comm_list(struct arena *a, enum lang l, const struct coop_filter *f,
    int limit, int offset, struct coop_comm **out, size_t *n)
{
	char		 lim[16], off[16];
	const char	*p[8] = { lang_code[l], f->state, f->mandate, f->type,
	    f->year, f->category, lim, off };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	(void)snprintf(lim, sizeof(lim), "%d", limit);
	(void)snprintf(off, sizeof(off), "%d", offset);
	if ((e = rows_run(&rs, a, f->mandate[0] == '\0' ?
	    STMT_COOP_COMM_LIST : STMT_COOP_COMM_LIST_MANDATE, p, 8)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((*out = rows_alloc(&rs, nr, sizeof(**out))) != NULL)
		for (i = 0; i < nr; i++)
			comm_row(&rs, i, &(*out)[i]);
	*n = (size_t)nr;
	return rows_end(&rs);
}

static enum db_err
comm_mandates(struct arena *a, enum lang l, const char *id,
    struct coop_comm_detail *d)
{
	const char	*p[2] = { id, lang_code[l] };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	if ((e = rows_run(&rs, a, STMT_COOP_COMM_MANDATES, p, 2)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((d->mandates = rows_alloc(&rs, nr, sizeof(*d->mandates))) != NULL)
		for (i = 0; i < nr; i++) {
			d->mandates[i].code = rows_col(&rs, i, 0);
			d->mandates[i].name = rows_col(&rs, i, 1);
		}
	d->nmandates = (size_t)nr;
	return rows_end(&rs);
}

static enum db_err
comm_replies(struct arena *a, const char *id, struct coop_comm_detail *d)
{
	const char	*p[1] = { id };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	if ((e = rows_run(&rs, a, STMT_COOP_COMM_REPLIES, p, 1)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((d->replies = rows_alloc(&rs, nr, sizeof(*d->replies))) != NULL)
		for (i = 0; i < nr; i++) {
			d->replies[i].received_on = rows_col(&rs, i, 0);
			d->replies[i].classification = rows_col(&rs, i, 1);
			d->replies[i].confidential = rows_bool(&rs, i, 2);
			/* The statement gives "" for a confidential one. */
			d->replies[i].summary = d->replies[i].confidential ?
			    "" : rows_col(&rs, i, 3);
		}
	d->nreplies = (size_t)nr;
	return rows_end(&rs);
}

enum db_err
coop_comm_get(struct arena *a, enum lang l, long long id,
    struct coop_comm_detail *d, int *found)
{
	char		 ids[24];
	const char	*p[2] = { ids, lang_code[l] };
	struct rows	 rs;
	enum db_err	 e;

	memset(d, 0, sizeof(*d));
	(void)snprintf(ids, sizeof(ids), "%lld", id);
	if ((e = rows_run(&rs, a, STMT_COOP_COMM_GET, p, 2)) != DB_OK)
		return e;
	if ((*found = PQntuples(rs.res) == 1) == 0)
		return rows_end(&rs);
	comm_row(&rs, 0, &d->c);
	d->c.summary = rows_col(&rs, 0, 8);
	d->c.summary_lang = rows_col(&rs, 0, 9);
	d->c.public_after = rows_col(&rs, 0, 10);
	if ((e = rows_end(&rs)) != DB_OK ||
	    (e = comm_mandates(a, l, ids, d)) != DB_OK)
		return e;
	return comm_replies(a, ids, d);
}

static enum db_err
code_names(struct arena *a, enum stmt s, enum lang l, struct coop_name **out,
    size_t *n)
{
	const char	*p[1] = { lang_code[l] };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	if ((e = rows_run(&rs, a, s, p, 1)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((*out = rows_alloc(&rs, nr, sizeof(**out))) != NULL)
		for (i = 0; i < nr; i++) {
			(*out)[i].code = rows_col(&rs, i, 0);
			(*out)[i].name = rows_col(&rs, i, 1);
		}
	*n = (size_t)nr;
	return rows_end(&rs);
}

enum db_err
coop_mandates(struct arena *a, enum lang l, struct coop_name **out,
    size_t *n)
{
	return code_names(a, STMT_COOP_FILTER_MANDATES, l, out, n);
}

enum db_err
coop_states(struct arena *a, enum lang l, struct coop_name **out, size_t *n)
{
	return code_names(a, STMT_COOP_FILTER_STATES, l, out, n);
}

static enum db_err
state_years(struct arena *a, const char *iso3, struct coop_record *r)
{
	const char	*p[1] = { iso3 };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	if ((e = rows_run(&rs, a, STMT_COOP_STATE_YEARS, p, 1)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((r->years = rows_alloc(&rs, nr, sizeof(*r->years))) != NULL)
		for (i = 0; i < nr; i++) {
			r->years[i].year = (int)rows_int(&rs, i, 0);
			r->years[i].type = rows_col(&rs, i, 1);
			r->years[i].n = rows_int(&rs, i, 2);
		}
	r->nyears = (size_t)nr;
	return rows_end(&rs);
}

static enum db_err
state_categories(struct arena *a, const char *iso3, struct coop_record *r)
{
	const char	*p[1] = { iso3 };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	if ((e = rows_run(&rs, a, STMT_COOP_STATE_CATEGORIES, p, 1)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((r->categories = rows_alloc(&rs, nr,
	    sizeof(*r->categories))) != NULL)
		for (i = 0; i < nr; i++) {
			r->categories[i].category = rows_col(&rs, i, 0);
			r->categories[i].n = rows_int(&rs, i, 1);
			r->categories[i].confidential = rows_int(&rs, i, 2);
		}
	r->ncategories = (size_t)nr;
	return rows_end(&rs);
}

static enum db_err
state_visits(struct arena *a, enum lang l, const char *iso3,
    struct coop_record *r)
{
	const char	*p[2] = { iso3, lang_code[l] };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	if ((e = rows_run(&rs, a, STMT_COOP_STATE_VISITS, p, 2)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((r->visits = rows_alloc(&rs, nr, sizeof(*r->visits))) != NULL)
		for (i = 0; i < nr; i++) {
			r->visits[i].mandate = rows_col(&rs, i, 0);
			r->visits[i].mandate_name = rows_col(&rs, i, 1);
			r->visits[i].requested_on = rows_col(&rs, i, 2);
			r->visits[i].status = rows_col(&rs, i, 3);
			r->visits[i].days = rows_int(&rs, i, 4);
			r->visits[i].visit_start = rows_col(&rs, i, 5);
			r->visits[i].visit_end = rows_col(&rs, i, 6);
		}
	r->nvisits = (size_t)nr;
	return rows_end(&rs);
}

static enum db_err
state_recs(struct arena *a, const char *iso3, struct coop_record *r)
{
	const char	*p[1] = { iso3 };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	if ((e = rows_run(&rs, a, STMT_COOP_STATE_RECS, p, 1)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((r->recs = rows_alloc(&rs, nr, sizeof(*r->recs))) != NULL)
		for (i = 0; i < nr; i++) {
			r->recs[i].code = rows_col(&rs, i, 0);
			r->recs[i].n = rows_int(&rs, i, 1);
		}
	r->nrecs = (size_t)nr;
	return rows_end(&rs);
}

static enum db_err
state_median(struct arena *a, const char *iso3, struct coop_record *r)
{
	const char	*p[1] = { iso3 };
	struct rows	 rs;
	enum db_err	 e;

	if ((e = rows_run(&rs, a, STMT_AN_STATE_MEDIAN, p, 1)) != DB_OK)
		return e;
	if (PQntuples(rs.res) == 1) {
		r->answered = rows_int(&rs, 0, 0);
		r->median2 = rows_int(&rs, 0, 1);
	}
	return rows_end(&rs);
}

enum db_err
coop_state_record(struct arena *a, enum lang l, const char *iso3,
    struct coop_record *r)
{
	enum db_err	 e;

	memset(r, 0, sizeof(*r));
	if ((e = state_years(a, iso3, r)) != DB_OK ||
	    (e = state_categories(a, iso3, r)) != DB_OK ||
	    (e = state_visits(a, l, iso3, r)) != DB_OK ||
	    (e = state_median(a, iso3, r)) != DB_OK)
		return e;
	return state_recs(a, iso3, r);
}

enum db_err
coop_export_version(enum coop_export k, struct coop_version *v, int *has)
{
	PGresult	*res;
	const char	*lm;
	enum db_err	 e;
	int		 n;

	if ((*has = version_stmt[k] != STMT__MAX) == 0)
		return DB_OK;
	if ((e = db_exec(version_stmt[k], NULL, 0, &res)) != DB_OK)
		return e;
	if (PQntuples(res) != 1 || PQnfields(res) != 4) {
		PQclear(res);
		return DB_ERROR;
	}
	lm = PQgetvalue(res, 0, 3);
	n = snprintf(v->etag, sizeof(v->etag), "\"%c%s-%s-d%s\"",
	    "cvr"[k], PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1),
	    PQgetvalue(res, 0, 2));
	if (n < 0 || (size_t)n >= sizeof(v->etag) ||
	    strlen(lm) >= sizeof(v->last_modified)) {
		PQclear(res);
		return DB_ERROR;
	}
	memcpy(v->last_modified, lm, strlen(lm) + 1);
	PQclear(res);
	return DB_OK;
}

enum db_err
coop_export(enum coop_export k, coop_row_cb cb, void *arg, int *stopped)
{
	char		 after[24] = "0", lim[16];
	const char	*p[2] = { after, lim };
	struct coop_row	 row;
	PGresult	*res;
	enum db_err	 e;
	long long	 last = 0;
	int		 i, c, nr, keys;

	*stopped = 0;
	(void)snprintf(lim, sizeof(lim), "%d", COOP_EXPORT_CHUNK);
	for (;;) {
		if ((e = db_exec(export_stmt[k], p, 2, &res)) != DB_OK)
			return e;
		nr = PQntuples(res);
		row.nfields = PQnfields(res) - 1;
		if (row.nfields < 1 || row.nfields > COOP_FIELDS_MAX) {
			PQclear(res);
			return DB_ERROR;
		}
		for (i = 0, keys = 0; i < nr; i++) {
			row.id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
			if (row.id != last)
				keys++;
			last = row.id;
			for (c = 0; c < row.nfields; c++)
				row.field[c] = PQgetvalue(res, i, c + 1);
			/* Never a confidential reply's text, whatever happens. */
			if (k == COOP_EX_COMMUNICATIONS && strcmp(
			    row.field[COOP_REPLY_CONFIDENTIAL], "true") == 0)
				row.field[COOP_REPLY_SUMMARY] = "";
			if (cb(&row, arg) == -1) {
				*stopped = 1;
				PQclear(res);
				return DB_OK;
			}
		}
		PQclear(res);
		if (keys < COOP_EXPORT_CHUNK)
			return DB_OK;
		(void)snprintf(after, sizeof(after), "%lld", last);
	}
}
