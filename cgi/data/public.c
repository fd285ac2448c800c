/*
 * The public reference pages' queries (statements in stmt.c, block
 * "public reference pages"). Results are copied into the request arena
 * and the PGresult cleared before returning.
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "data/public.h"

/* A result being copied out: the first failed copy makes bad sticky. */
struct rows {
	struct arena	*a;
	PGresult	*res;
	int		 bad;
};

static const char *
col(struct rows *rs, int row, int c)
{
	const char	*s;

	if ((s = arena_strdup(rs->a, PQgetvalue(rs->res, row, c))) == NULL)
		rs->bad = 1;
	return s != NULL ? s : "";
}

static int
col_bool(struct rows *rs, int row, int c)
{
	return strcmp(PQgetvalue(rs->res, row, c), "t") == 0;
}

/* Small integers from our own schema: counts and years. */
static long long
col_int(struct rows *rs, int row, int c)
{
	return strtoll(PQgetvalue(rs->res, row, c), NULL, 10);
}

/* An array of n elements of size sz (n + 1: never a zero-size request). */
static void *
rows_alloc(struct rows *rs, int n, size_t sz)
{
	void	*p;

	if ((p = arena_calloc(rs->a, (size_t)n + 1, sz)) == NULL)
		rs->bad = 1;
	return p;
}

static enum db_err
rows_end(struct rows *rs)
{
	PQclear(rs->res);
	rs->res = NULL;
	return rs->bad ? DB_ERROR : DB_OK;
}

static enum db_err
run(struct rows *rs, struct arena *a, enum stmt s, const char *const *p,
    int np)
{
	rs->a = a;
	rs->bad = 0;
	return db_exec(s, p, np, &rs->res);
}

enum db_err
pub_counts(struct arena *a, struct pub_counts *out)
{
	struct rows	 rs;
	enum db_err	 e;

	if ((e = run(&rs, a, STMT_PUB_COUNTS, NULL, 0)) != DB_OK)
		return e;
	if (PQntuples(rs.res) != 1) {
		PQclear(rs.res);
		return DB_ERROR;
	}
	out->states = col_int(&rs, 0, 0);
	out->thematic = col_int(&rs, 0, 1);
	out->country = col_int(&rs, 0, 2);
	out->mandates_as_of = col(&rs, 0, 3);
	return rows_end(&rs);
}

enum db_err
pub_groups(struct arena *a, enum lang l, struct pub_group **out, size_t *n)
{
	const char	*p[1] = { lang_code[l] };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	if ((e = run(&rs, a, STMT_PUB_GROUPS, p, 1)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((*out = rows_alloc(&rs, nr, sizeof(**out))) != NULL)
		for (i = 0; i < nr; i++) {
			(*out)[i].code = col(&rs, i, 0);
			(*out)[i].name = col(&rs, i, 1);
		}
	*n = (size_t)nr;
	return rows_end(&rs);
}

enum db_err
pub_states(struct arena *a, enum lang l, const char *group, const char *q,
    struct pub_state **out, size_t *n)
{
	const char	*p[3] = { lang_code[l], group, q };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	if ((e = run(&rs, a, STMT_PUB_STATES, p, 3)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((*out = rows_alloc(&rs, nr, sizeof(**out))) != NULL)
		for (i = 0; i < nr; i++) {
			(*out)[i].iso3 = col(&rs, i, 0);
			(*out)[i].name = col(&rs, i, 1);
			(*out)[i].group = col(&rs, i, 2);
			(*out)[i].status = col(&rs, i, 3);
		}
	*n = (size_t)nr;
	return rows_end(&rs);
}

/* lang, name[, formal] in the six languages, in the languages' order. */
static enum db_err
names(struct arena *a, enum stmt s, const char *key, struct pub_name **out,
    size_t *n)
{
	const char	*p[1] = { key };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr, formal;

	if ((e = run(&rs, a, s, p, 1)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	formal = PQnfields(rs.res) > 2;
	if ((*out = rows_alloc(&rs, nr, sizeof(**out))) != NULL)
		for (i = 0; i < nr; i++) {
			(*out)[i].lang = col(&rs, i, 0);
			(*out)[i].name = col(&rs, i, 1);
			(*out)[i].formal = formal ? col(&rs, i, 2) : "";
		}
	*n = (size_t)nr;
	return rows_end(&rs);
}

static enum db_err
state_regime(struct arena *a, const char *iso3, struct pub_state_detail *d)
{
	const char	*p[1] = { iso3 };
	struct rows	 rs;
	enum db_err	 e;

	if ((e = run(&rs, a, STMT_PUB_STATE_REGIME, p, 1)) != DB_OK)
		return e;
	if ((d->has_regime = PQntuples(rs.res) == 1)) {
		d->regime_year = (int)col_int(&rs, 0, 0);
		d->regime = (int)col_int(&rs, 0, 1);
		d->regime_since = (int)col_int(&rs, 0, 2);
	}
	return rows_end(&rs);
}

static enum db_err
state_mandates(struct arena *a, enum lang l, const char *iso3,
    struct pub_state_detail *d)
{
	const char	*p[2] = { iso3, lang_code[l] };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	if ((e = run(&rs, a, STMT_PUB_STATE_MANDATES, p, 2)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((d->mandates = rows_alloc(&rs, nr, sizeof(*d->mandates))) != NULL)
		for (i = 0; i < nr; i++) {
			d->mandates[i].slug = col(&rs, i, 0);
			d->mandates[i].name = col(&rs, i, 1);
		}
	d->nmandates = (size_t)nr;
	return rows_end(&rs);
}

enum db_err
pub_state_get(struct arena *a, enum lang l, const char *iso3,
    struct pub_state_detail *d, int *found)
{
	const char	*p[2] = { iso3, lang_code[l] };
	struct rows	 rs;
	enum db_err	 e;

	memset(d, 0, sizeof(*d));
	if ((e = run(&rs, a, STMT_PUB_STATE, p, 2)) != DB_OK)
		return e;
	if ((*found = PQntuples(rs.res) == 1) == 0)
		return rows_end(&rs);
	d->iso3 = col(&rs, 0, 0);
	d->name = col(&rs, 0, 1);
	d->formal = col(&rs, 0, 2);
	d->status = col(&rs, 0, 3);
	d->group = col(&rs, 0, 4);
	d->group_name = col(&rs, 0, 5);
	d->m49_region = col(&rs, 0, 6);
	d->m49_subregion = col(&rs, 0, 7);
	d->m49_intermediate = col(&rs, 0, 8);
	d->ldc = col_bool(&rs, 0, 9);
	d->lldc = col_bool(&rs, 0, 10);
	d->sids = col_bool(&rs, 0, 11);
	if ((e = rows_end(&rs)) != DB_OK ||
	    (e = state_regime(a, iso3, d)) != DB_OK ||
	    (e = state_mandates(a, l, iso3, d)) != DB_OK)
		return e;
	return names(a, STMT_PUB_STATE_NAMES, iso3, &d->names, &d->nnames);
}

static void
mandate_row(struct rows *rs, int i, struct pub_mandate *m)
{
	m->slug = col(rs, i, 0);
	m->name = col(rs, i, 1);
	m->kind = col(rs, i, 2);
	m->holder = col(rs, i, 3);
	m->established = (int)col_int(rs, i, 4);
	m->country_iso3 = col(rs, i, 5);
	m->country_name = col(rs, i, 6);
	m->active = PQnfields(rs->res) > 7 ? col_bool(rs, i, 7) : 1;
}

enum db_err
pub_mandates(struct arena *a, enum lang l, struct pub_mandate **out,
    size_t *n)
{
	const char	*p[1] = { lang_code[l] };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	if ((e = run(&rs, a, STMT_PUB_MANDATES, p, 1)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((*out = rows_alloc(&rs, nr, sizeof(**out))) != NULL)
		for (i = 0; i < nr; i++)
			mandate_row(&rs, i, &(*out)[i]);
	*n = (size_t)nr;
	return rows_end(&rs);
}

enum db_err
pub_mandate_get(struct arena *a, enum lang l, const char *slug,
    struct pub_mandate_detail *d, int *found)
{
	const char	*p[2] = { slug, lang_code[l] };
	struct rows	 rs;
	enum db_err	 e;

	memset(d, 0, sizeof(*d));
	if ((e = run(&rs, a, STMT_PUB_MANDATE, p, 2)) != DB_OK)
		return e;
	if ((*found = PQntuples(rs.res) == 1) == 0)
		return rows_end(&rs);
	mandate_row(&rs, 0, &d->m);
	if ((e = rows_end(&rs)) != DB_OK)
		return e;
	return names(a, STMT_PUB_MANDATE_NAMES, slug, &d->names, &d->nnames);
}
