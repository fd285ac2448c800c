/*
 * Copying a result out of libpq into the request arena, so that no
 * PGresult outlives its function: run, copy cells, end. A failed copy
 * makes the whole result an error (sticky), checked once at the end.
 */
#ifndef PORTAL_DATA_ROWS_H
#define PORTAL_DATA_ROWS_H

#include <stddef.h>

#include "data/db.h"

struct arena;

struct rows {
	struct arena	*a;
	PGresult	*res;
	int		 bad;
};

enum db_err	 rows_run(struct rows *, struct arena *, enum stmt,
		    const char *const *params, int nparams)
		    __attribute__((warn_unused_result));
/* The cell as an arena string ("" after a failed copy). */
const char	*rows_col(struct rows *, int row, int col);
int		 rows_bool(struct rows *, int row, int col);
/* Counts, ids and years from our own schema. */
long long	 rows_int(struct rows *, int row, int col);
/* n + 1 zeroed elements of size sz: never a zero-size request. */
void		*rows_alloc(struct rows *, int n, size_t sz);
/* Clear the result: DB_OK, or DB_ERROR if any copy failed. */
enum db_err	 rows_end(struct rows *);

#endif /* PORTAL_DATA_ROWS_H */
