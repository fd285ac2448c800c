/*
 * The feeds' queries (statements in data/export_sql.h).
 */
#include <stdio.h>

#include "data/feeds.h"
#include "data/rows.h"

enum db_err
feed_entries(struct arena *a, const char *kinds, const char *state,
    const char *mandate, struct feed_entry **out, size_t *n)
{
	char		 lim[16];
	const char	*p[4] = { kinds, state, mandate, lim };
	struct rows	 rs;
	struct feed_entry *e;
	enum db_err	 err;
	int		 i, nr;

	(void)snprintf(lim, sizeof(lim), "%d", FEED_ENTRIES_MAX);
	if ((err = rows_run(&rs, a, STMT_FEED_ENTRIES, p, 4)) != DB_OK)
		return err;
	nr = PQntuples(rs.res);
	if (PQnfields(rs.res) != 7 ||
	    (*out = e = rows_alloc(&rs, nr, sizeof(*e))) == NULL) {
		(void)rows_end(&rs);
		return DB_ERROR;
	}
	for (i = 0; i < nr; i++) {
		e[i].kind = *rows_col(&rs, i, 0);
		e[i].id = rows_col(&rs, i, 1);
		e[i].parent = rows_col(&rs, i, 2);
		e[i].title = rows_col(&rs, i, 3);
		e[i].updated = rows_col(&rs, i, 4);
		e[i].http_date = rows_col(&rs, i, 5);
		e[i].summary = rows_col(&rs, i, 6);
	}
	*n = (size_t)nr;
	return rows_end(&rs);
}

enum db_err
feed_scope_exists(const char *state, const char *mandate, int *found)
{
	const char	*p[2] = { state, mandate };
	PGresult	*res;
	enum db_err	 e;

	if ((e = db_exec(STMT_FEED_SCOPE, p, 2, &res)) != DB_OK)
		return e;
	*found = PQntuples(res) == 1;
	PQclear(res);
	return DB_OK;
}
