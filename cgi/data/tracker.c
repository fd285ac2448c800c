/*
 * The trackers' queries (statements in stmt.c, block "the trackers").
 * Results are copied into the request arena and the PGresult cleared
 * before returning.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "data/rows.h"
#include "data/tracker.h"

/* A count statement's single number. */
static enum db_err
count_of(struct arena *a, enum stmt s, const char *const *p, int np,
    long long *total)
{
	struct rows	 rs;
	enum db_err	 e;

	if ((e = rows_run(&rs, a, s, p, np)) != DB_OK)
		return e;
	*total = PQntuples(rs.res) == 1 ? rows_int(&rs, 0, 0) : 0;
	return rows_end(&rs);
}

/* The 11 columns of TRK_VISIT_COLS. */
static void
visit_row(struct rows *rs, int i, struct trk_visit *v)
{
	v->id = rows_int(rs, i, 0);
	v->mandate = rows_col(rs, i, 1);
	v->mandate_name = rows_col(rs, i, 2);
	v->state = rows_col(rs, i, 3);
	v->state_name = rows_col(rs, i, 4);
	v->requested_on = rows_col(rs, i, 5);
	v->status = rows_col(rs, i, 6);
	v->days = rows_int(rs, i, 7);
	v->visit_start = rows_col(rs, i, 8);
	v->visit_end = rows_col(rs, i, 9);
	v->report_symbol = rows_col(rs, i, 10);
}

enum db_err
trk_visit_list(struct arena *a, enum lang l, const struct trk_visit_filter *f,
    int limit, int offset, struct trk_visit **out, size_t *n,
    long long *total)
{
	char		 lim[16], off[16];
	const char	*p[6] = { f->state, f->mandate, f->status, lang_code[l],
	    lim, off };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	(void)snprintf(lim, sizeof(lim), "%d", limit);
	(void)snprintf(off, sizeof(off), "%d", offset);
	if ((e = count_of(a, STMT_TRK_VISIT_COUNT, p, 3, total)) != DB_OK ||
	    (e = rows_run(&rs, a, STMT_TRK_VISIT_LIST, p, 6)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((*out = rows_alloc(&rs, nr, sizeof(**out))) != NULL)
		for (i = 0; i < nr; i++)
			visit_row(&rs, i, &(*out)[i]);
	*n = (size_t)nr;
	return rows_end(&rs);
}

static enum db_err
visit_history(struct arena *a, const char *id, struct trk_visit_change **out,
    size_t *n)
{
	const char	*p[1] = { id };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	if ((e = rows_run(&rs, a, STMT_TRK_VISIT_HISTORY, p, 1)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((*out = rows_alloc(&rs, nr, sizeof(**out))) != NULL)
		for (i = 0; i < nr; i++) {
			(*out)[i].changed_on = rows_col(&rs, i, 0);
			(*out)[i].status = rows_col(&rs, i, 1);
			(*out)[i].visit_start = rows_col(&rs, i, 2);
			(*out)[i].visit_end = rows_col(&rs, i, 3);
			(*out)[i].report_symbol = rows_col(&rs, i, 4);
		}
	*n = (size_t)nr;
	return rows_end(&rs);
}

enum db_err
trk_visit_get(struct arena *a, enum lang l, long long id, struct trk_visit *v,
    struct trk_visit_change **hist, size_t *nhist, int *found)
{
	char		 ids[24];
	const char	*p[2] = { ids, lang_code[l] };
	struct rows	 rs;
	enum db_err	 e;

	*nhist = 0;
	*hist = NULL;
	(void)snprintf(ids, sizeof(ids), "%lld", id);
	if ((e = rows_run(&rs, a, STMT_TRK_VISIT_GET, p, 2)) != DB_OK)
		return e;
	if ((*found = PQntuples(rs.res) == 1) == 0)
		return rows_end(&rs);
	visit_row(&rs, 0, v);
	if ((e = rows_end(&rs)) != DB_OK)
		return e;
	return visit_history(a, ids, hist, nhist);
}

/* The 15 columns of TRK_REC_COLS, the text and TRK_REC_TAIL. */
static void
rec_row(struct rows *rs, int i, struct trk_rec *r)
{
	r->id = rows_int(rs, i, 0);
	r->document_symbol = rows_col(rs, i, 1);
	r->paragraph = rows_col(rs, i, 2);
	r->state = rows_col(rs, i, 3);
	r->state_name = rows_col(rs, i, 4);
	r->mandate = rows_col(rs, i, 5);
	r->mandate_name = rows_col(rs, i, 6);
	r->issued_on = rows_col(rs, i, 7);
	r->text = rows_col(rs, i, 8);
	r->cut = rows_bool(rs, i, 9);
	r->text_lang = rows_col(rs, i, 10);
	r->status = rows_col(rs, i, 11);
	r->updated_on = rows_col(rs, i, 12);
	r->source = rows_col(rs, i, 13);
	r->visit_id = rows_int(rs, i, 14);
}

enum db_err
trk_rec_list(struct arena *a, enum lang l, const struct trk_rec_filter *f,
    int limit, int offset, struct trk_rec **out, size_t *n, long long *total)
{
	char		 lim[16], off[16];
	const char	*p[8] = { f->state, f->mandate, f->theme, f->status,
	    f->source, lang_code[l], lim, off };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	(void)snprintf(lim, sizeof(lim), "%d", limit);
	(void)snprintf(off, sizeof(off), "%d", offset);
	if ((e = count_of(a, STMT_TRK_REC_COUNT, p, 5, total)) != DB_OK ||
	    (e = rows_run(&rs, a, STMT_TRK_REC_LIST, p, 8)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((*out = rows_alloc(&rs, nr, sizeof(**out))) != NULL)
		for (i = 0; i < nr; i++)
			rec_row(&rs, i, &(*out)[i]);
	*n = (size_t)nr;
	return rows_end(&rs);
}

/*
 * Split a ';'-joined list (the statement's array_to_string) into arena
 * strings. -1 when out of memory.
 */
static int
split_list(struct arena *a, const char *s, const char ***out, size_t *n)
{
	const char	*p;
	char		*c, *e;
	size_t		 k = 1, i = 0;

	*n = 0;
	*out = NULL;
	if (*s == '\0')
		return 0;
	for (p = s; *p != '\0'; p++)
		k += *p == ';';
	if ((*out = arena_calloc(a, k, sizeof(**out))) == NULL ||
	    (c = arena_strdup(a, s)) == NULL)
		return -1;
	for (; c != NULL; c = e) {
		if ((e = strchr(c, ';')) != NULL)
			*e++ = '\0';
		(*out)[i++] = c;
	}
	*n = i;
	return 0;
}

static enum db_err
rec_updates(struct arena *a, const char *id, struct trk_rec_detail *d)
{
	const char	*p[1] = { id };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	if ((e = rows_run(&rs, a, STMT_TRK_REC_UPDATES, p, 1)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((d->updates = rows_alloc(&rs, nr, sizeof(*d->updates))) != NULL)
		for (i = 0; i < nr; i++) {
			d->updates[i].reported_on = rows_col(&rs, i, 0);
			d->updates[i].status = rows_col(&rs, i, 1);
			d->updates[i].source = rows_col(&rs, i, 2);
			d->updates[i].explanation = rows_col(&rs, i, 3);
			d->updates[i].receipt = rows_col(&rs, i, 4);
			d->updates[i].organisation = rows_col(&rs, i, 5);
			if (split_list(a, rows_col(&rs, i, 6),
			    &d->updates[i].evidence,
			    &d->updates[i].nevidence) == -1)
				rs.bad = 1;
		}
	d->nupdates = (size_t)nr;
	return rows_end(&rs);
}

enum db_err
trk_rec_get(struct arena *a, enum lang l, long long id,
    struct trk_rec_detail *d, int *found)
{
	char		 ids[24];
	const char	*p[2] = { ids, lang_code[l] };
	struct rows	 rs;
	enum db_err	 e;

	memset(d, 0, sizeof(*d));
	(void)snprintf(ids, sizeof(ids), "%lld", id);
	if ((e = rows_run(&rs, a, STMT_TRK_REC_GET, p, 2)) != DB_OK)
		return e;
	if ((*found = PQntuples(rs.res) == 1) == 0)
		return rows_end(&rs);
	rec_row(&rs, 0, &d->r);
	if (split_list(a, rows_col(&rs, 0, 15), &d->themes,
	    &d->nthemes) == -1 || split_list(a, rows_col(&rs, 0, 16),
	    &d->groups, &d->ngroups) == -1)
		rs.bad = 1;
	if ((e = rows_end(&rs)) != DB_OK)
		return e;
	return rec_updates(a, ids, d);
}

enum db_err
trk_rec_themes(struct arena *a, const char ***out, size_t *n)
{
	char		 lim[16];
	const char	*p[1] = { lim };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	(void)snprintf(lim, sizeof(lim), "%d", TRK_THEMES_MAX);
	if ((e = rows_run(&rs, a, STMT_TRK_REC_THEMES, p, 1)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((*out = rows_alloc(&rs, nr, sizeof(**out))) != NULL)
		for (i = 0; i < nr; i++)
			(*out)[i] = rows_col(&rs, i, 0);
	*n = (size_t)nr;
	return rows_end(&rs);
}

enum db_err
trk_comm_search(struct arena *a, enum lang l, const struct coop_filter *f,
    const char *q, int limit, int offset, struct coop_comm **out, size_t *n)
{
	char		 lim[16], off[16];
	const char	*p[9] = { lang_code[l], f->state, f->mandate, f->type,
	    f->year, f->category, q, lim, off };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	(void)snprintf(lim, sizeof(lim), "%d", limit);
	(void)snprintf(off, sizeof(off), "%d", offset);
	if ((e = rows_run(&rs, a, STMT_TRK_COMM_SEARCH, p, 9)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((*out = rows_alloc(&rs, nr, sizeof(**out))) != NULL)
		for (i = 0; i < nr; i++) {
			struct coop_comm *c = &(*out)[i];

			c->id = rows_int(&rs, i, 0);
			c->reference = rows_col(&rs, i, 1);
			c->type = rows_col(&rs, i, 2);
			c->sent_on = rows_col(&rs, i, 3);
			c->state = rows_col(&rs, i, 4);
			c->addressee = rows_col(&rs, i, 5);
			c->category = rows_col(&rs, i, 6);
			c->confidential = rows_bool(&rs, i, 7);
			c->summary = c->summary_lang = c->public_after = "";
		}
	*n = (size_t)nr;
	return rows_end(&rs);
}
