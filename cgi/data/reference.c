/*
 * Reference lists.
 */
#include "core/arena.h"
#include "data/reference.h"

static enum db_err
list(enum stmt s, struct arena *a, enum lang l, struct ref_item **out,
    size_t *n)
{
	const char	*params[1] = { lang_code[l] };
	PGresult	*res;
	enum db_err	 e;
	int		 i, rows;

	if ((e = db_exec(s, params, 1, &res)) != DB_OK)
		return e;
	rows = PQntuples(res);
	if ((*out = arena_calloc(a, (size_t)rows + 1, sizeof(**out))) == NULL) {
		PQclear(res);
		return DB_ERROR;
	}
	for (i = 0; i < rows; i++) {
		(*out)[i].code = arena_strdup(a, PQgetvalue(res, i, 0));
		(*out)[i].name = arena_strdup(a, PQgetvalue(res, i, 1));
		(*out)[i].extra = arena_strdup(a, PQgetvalue(res, i, 2));
		if ((*out)[i].code == NULL || (*out)[i].name == NULL ||
		    (*out)[i].extra == NULL) {
			PQclear(res);
			return DB_ERROR;
		}
	}
	*n = (size_t)rows;
	PQclear(res);
	return DB_OK;
}

enum db_err
ref_states(struct arena *a, enum lang l, struct ref_item **out, size_t *n)
{
	return list(STMT_REF_STATES, a, l, out, n);
}

enum db_err
ref_mandates(struct arena *a, enum lang l, struct ref_item **out, size_t *n)
{
	return list(STMT_REF_MANDATES, a, l, out, n);
}
