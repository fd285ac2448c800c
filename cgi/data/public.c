/*
 * The public reference pages' queries (statements in stmt.c, block
 * "public reference pages"). Results are copied into the request arena
 * and the PGresult cleared before returning.
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "data/rows.h"
#include "data/public.h"


enum db_err
pub_counts(struct arena *a, struct pub_counts *out)
{
	struct rows	 rs;
	enum db_err	 e;

	if ((e = rows_run(&rs, a, STMT_PUB_COUNTS, NULL, 0)) != DB_OK)
		return e;
	if (PQntuples(rs.res) != 1) {
		PQclear(rs.res);
		return DB_ERROR;
	}
	out->states = rows_int(&rs, 0, 0);
	out->thematic = rows_int(&rs, 0, 1);
	out->country = rows_int(&rs, 0, 2);
	out->mandates_as_of = rows_col(&rs, 0, 3);
	return rows_end(&rs);
}

enum db_err
pub_groups(struct arena *a, enum lang l, struct pub_group **out, size_t *n)
{
	const char	*p[1] = { lang_code[l] };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	if ((e = rows_run(&rs, a, STMT_PUB_GROUPS, p, 1)) != DB_OK)
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
pub_states(struct arena *a, enum lang l, const char *group, const char *q,
    struct pub_state **out, size_t *n)
{
	const char	*p[3] = { lang_code[l], group, q };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	if ((e = rows_run(&rs, a, STMT_PUB_STATES, p, 3)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((*out = rows_alloc(&rs, nr, sizeof(**out))) != NULL)
		for (i = 0; i < nr; i++) {
			(*out)[i].iso3 = rows_col(&rs, i, 0);
			(*out)[i].name = rows_col(&rs, i, 1);
			(*out)[i].group = rows_col(&rs, i, 2);
			(*out)[i].status = rows_col(&rs, i, 3);
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

	if ((e = rows_run(&rs, a, s, p, 1)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	formal = PQnfields(rs.res) > 2;
	if ((*out = rows_alloc(&rs, nr, sizeof(**out))) != NULL)
		for (i = 0; i < nr; i++) {
			(*out)[i].lang = rows_col(&rs, i, 0);
			(*out)[i].name = rows_col(&rs, i, 1);
			(*out)[i].formal = formal ? rows_col(&rs, i, 2) : "";
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

	if ((e = rows_run(&rs, a, STMT_PUB_STATE_REGIME, p, 1)) != DB_OK)
		return e;
	if ((d->has_regime = PQntuples(rs.res) == 1)) {
		d->regime_year = (int)rows_int(&rs, 0, 0);
		d->regime = (int)rows_int(&rs, 0, 1);
		d->regime_since = (int)rows_int(&rs, 0, 2);
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

	if ((e = rows_run(&rs, a, STMT_PUB_STATE_MANDATES, p, 2)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((d->mandates = rows_alloc(&rs, nr, sizeof(*d->mandates))) != NULL)
		for (i = 0; i < nr; i++) {
			d->mandates[i].slug = rows_col(&rs, i, 0);
			d->mandates[i].name = rows_col(&rs, i, 1);
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
	if ((e = rows_run(&rs, a, STMT_PUB_STATE, p, 2)) != DB_OK)
		return e;
	if ((*found = PQntuples(rs.res) == 1) == 0)
		return rows_end(&rs);
	d->iso3 = rows_col(&rs, 0, 0);
	d->name = rows_col(&rs, 0, 1);
	d->formal = rows_col(&rs, 0, 2);
	d->status = rows_col(&rs, 0, 3);
	d->group = rows_col(&rs, 0, 4);
	d->group_name = rows_col(&rs, 0, 5);
	d->m49_region = rows_col(&rs, 0, 6);
	d->m49_subregion = rows_col(&rs, 0, 7);
	d->m49_intermediate = rows_col(&rs, 0, 8);
	d->ldc = rows_bool(&rs, 0, 9);
	d->lldc = rows_bool(&rs, 0, 10);
	d->sids = rows_bool(&rs, 0, 11);
	if ((e = rows_end(&rs)) != DB_OK ||
	    (e = state_regime(a, iso3, d)) != DB_OK ||
	    (e = state_mandates(a, l, iso3, d)) != DB_OK)
		return e;
	return names(a, STMT_PUB_STATE_NAMES, iso3, &d->names, &d->nnames);
}

static void
mandate_row(struct rows *rs, int i, struct pub_mandate *m)
{
	m->slug = rows_col(rs, i, 0);
	m->name = rows_col(rs, i, 1);
	m->kind = rows_col(rs, i, 2);
	m->holder = rows_col(rs, i, 3);
	m->established = (int)rows_int(rs, i, 4);
	m->country_iso3 = rows_col(rs, i, 5);
	m->country_name = rows_col(rs, i, 6);
	m->active = PQnfields(rs->res) > 7 ? rows_bool(rs, i, 7) : 1;
}

enum db_err
pub_mandates(struct arena *a, enum lang l, struct pub_mandate **out,
    size_t *n)
{
	const char	*p[1] = { lang_code[l] };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	if ((e = rows_run(&rs, a, STMT_PUB_MANDATES, p, 1)) != DB_OK)
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
	if ((e = rows_run(&rs, a, STMT_PUB_MANDATE, p, 2)) != DB_OK)
		return e;
	if ((*found = PQntuples(rs.res) == 1) == 0)
		return rows_end(&rs);
	mandate_row(&rs, 0, &d->m);
	if ((e = rows_end(&rs)) != DB_OK)
		return e;
	return names(a, STMT_PUB_MANDATE_NAMES, slug, &d->names, &d->nnames);
}
