/*
 * Parameters of one prepared statement, assembled in order: text,
 * integers (as text), bytes (binary, never escaped into text) and
 * booleans. Each function takes the next parameter; at most
 * PARAMS_MAX of them, which is more than any statement has.
 */
#ifndef PORTAL_DATA_PARAMS_H
#define PORTAL_DATA_PARAMS_H

#include <stddef.h>
#include <stdint.h>

#include "data/db.h"

#define PARAMS_MAX	16

struct params {
	const char	*v[PARAMS_MAX];
	int		 len[PARAMS_MAX];
	int		 fmt[PARAMS_MAX];
	char		 num[PARAMS_MAX][24];
	int		 n;
};

void	params_text(struct params *, const char *);	/* NULL: SQL NULL */
void	params_int(struct params *, int64_t);
void	params_bytes(struct params *, const unsigned char *, size_t);
void	params_bool(struct params *, int);		/* -1: SQL NULL */
/* Run s with p; on DB_OK the caller PQclears *res. */
enum db_err params_exec(enum stmt, struct params *, PGresult **res)
	    __attribute__((warn_unused_result));
/* Run s with p when no rows are wanted. */
enum db_err params_run(enum stmt, struct params *)
	    __attribute__((warn_unused_result));

#endif /* PORTAL_DATA_PARAMS_H */
