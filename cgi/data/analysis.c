/*
 * The analysis page's queries (statements in stmt.c, block "the
 * analysis page"). Each breakdown statement returns (code, name,
 * category, n) ordered by group; consecutive rows of one code make one
 * group. Results are copied into the arena and cleared before returning.
 */
#include <string.h>

#include "data/analysis.h"
#include "data/rows.h"

const char *const an_categories[AN_NCAT] = {
	"no_response", "immaterial", "rejected_unsubstantiated",
	"responsive_incomplete", "investigation_or_steps_announced",
	"steps_taken",
};

static const enum stmt by_stmt[AN_BY__MAX] = {
	[AN_BY_REGION] = STMT_AN_REGIONS,
	[AN_BY_REGIME] = STMT_AN_REGIMES,
	[AN_BY_MANDATE] = STMT_AN_MANDATES,
	[AN_BY_YEAR] = STMT_AN_YEARS,
	[AN_BY_STATE] = STMT_AN_STATES,
};

/* Which statements take the language as $1. */
static const int by_lang[AN_BY__MAX] = {
	[AN_BY_REGION] = 1, [AN_BY_MANDATE] = 1, [AN_BY_STATE] = 1,
};

int
an_category_index(const char *code)
{
	int	 i;

	for (i = 0; i < AN_NCAT; i++)
		if (strcmp(an_categories[i], code) == 0)
			return i;
	return -1;
}

enum db_err
an_breakdown(struct arena *a, enum lang l, enum an_by by,
    struct an_breakdown *b)
{
	const char	*p[1] = { lang_code[l] };
	struct an_group	*g = NULL;
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr, k;

	memset(b, 0, sizeof(*b));
	if ((e = rows_run(&rs, a, by_stmt[by], p, by_lang[by])) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((b->groups = rows_alloc(&rs, nr, sizeof(*b->groups))) == NULL)
		return rows_end(&rs);
	for (i = 0; i < nr; i++) {
		const char *code = rows_col(&rs, i, 0);

		if (g == NULL || strcmp(g->code, code) != 0) {
			g = &b->groups[b->ngroups++];
			g->code = code;
			g->name = rows_col(&rs, i, 1);
		}
		/* An unknown category cannot be: the schema checks it. */
		if ((k = an_category_index(PQgetvalue(rs.res, i, 2))) < 0)
			continue;
		g->n[k] += rows_int(&rs, i, 3);
		g->total += rows_int(&rs, i, 3);
	}
	return rows_end(&rs);
}

static enum db_err
counts(struct arena *a, enum stmt s, struct an_count **out, size_t *n)
{
	struct rows	 rs;
	enum db_err	 e;
	int		 i, nr;

	if ((e = rows_run(&rs, a, s, NULL, 0)) != DB_OK)
		return e;
	nr = PQntuples(rs.res);
	if ((*out = rows_alloc(&rs, nr, sizeof(**out))) != NULL)
		for (i = 0; i < nr; i++) {
			(*out)[i].code = rows_col(&rs, i, 0);
			(*out)[i].n = rows_int(&rs, i, 1);
			(*out)[i].confidential = PQnfields(rs.res) > 2 ?
			    rows_int(&rs, i, 2) : 0;
		}
	*n = (size_t)nr;
	return rows_end(&rs);
}

enum db_err
an_categories_overall(struct arena *a, struct an_count **out, size_t *n)
{
	return counts(a, STMT_AN_CATEGORIES, out, n);
}

enum db_err
an_visit_statuses(struct arena *a, struct an_count **out, size_t *n)
{
	return counts(a, STMT_AN_VISITS, out, n);
}

enum db_err
an_rec_statuses(struct arena *a, struct an_count **out, size_t *n)
{
	return counts(a, STMT_AN_RECS, out, n);
}
