/*
 * Result copying for the data layer.
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "data/rows.h"

enum db_err
rows_run(struct rows *rs, struct arena *a, enum stmt s,
    const char *const *p, int np)
{
	rs->a = a;
	rs->bad = 0;
	return db_exec(s, p, np, &rs->res);
}

const char *
rows_col(struct rows *rs, int row, int c)
{
	const char	*s;

	if ((s = arena_strdup(rs->a, PQgetvalue(rs->res, row, c))) == NULL)
		rs->bad = 1;
	return s != NULL ? s : "";
}

int
rows_bool(struct rows *rs, int row, int c)
{
	return strcmp(PQgetvalue(rs->res, row, c), "t") == 0;
}

long long
rows_int(struct rows *rs, int row, int c)
{
	return strtoll(PQgetvalue(rs->res, row, c), NULL, 10);
}

void *
rows_alloc(struct rows *rs, int n, size_t sz)
{
	void	*p;

	if ((p = arena_calloc(rs->a, (size_t)n + 1, sz)) == NULL)
		rs->bad = 1;
	return p;
}

enum db_err
rows_end(struct rows *rs)
{
	PQclear(rs->res);
	rs->res = NULL;
	return rs->bad ? DB_ERROR : DB_OK;
}
