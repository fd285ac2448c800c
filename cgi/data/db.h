/*
 * The worker's one database connection. Every query has a deadline
 * (DB_QUERY_TIMEOUT_MS): a database that is down, restarting or stopped
 * makes a query fail with DB_UNAVAILABLE within that time, never hang.
 * The connection is then dropped and made again, with its statements
 * prepared again, by the next query once the database is back.
 *
 * Only the data layer (cgi/data/) includes this: handlers call typed
 * functions and never see a PGresult.
 */
#ifndef PORTAL_DATA_DB_H
#define PORTAL_DATA_DB_H

#include <libpq-fe.h>

#include "data/stmt.h"

enum db_err {
	DB_OK,
	DB_UNAVAILABLE,	/* down, restarting, timed out: answer 503 */
	DB_CONFLICT,	/* a unique or exclusion constraint said no */
	DB_ERROR,	/* a bug or bad data: answer 500 */
};

/* Remember the connection string; connect lazily. -1 if it is too long. */
int		db_configure(const char *conninfo);
/* Drop the connection (after fork, at exit). */
void		db_close(void);

/*
 * Run a prepared statement with text parameters (NULL = SQL NULL). On
 * DB_OK *res holds the result, which the caller must PQclear; on any
 * error *res is NULL.
 */
enum db_err	db_exec(enum stmt, const char *const *params, int nparams,
		    PGresult **res) __attribute__((warn_unused_result));
/* The same, with explicit lengths and formats (binary parameters). */
enum db_err	db_exec_bin(enum stmt, const char *const *params,
		    const int *lengths, const int *formats, int nparams,
		    PGresult **res) __attribute__((warn_unused_result));
/* The same when no rows are wanted. */
enum db_err	db_run(enum stmt, const char *const *params, int nparams)
		    __attribute__((warn_unused_result));

/* Transactions. Each returns what db_run returns. */
enum db_err	db_begin(void) __attribute__((warn_unused_result));
enum db_err	db_commit(void) __attribute__((warn_unused_result));
void		db_rollback(void);

/* Roll back whatever a request left open; called after every request. */
void		db_request_end(void);

/* HTTP status for a failed call: 503 when unavailable, else 500. */
int		db_http_status(enum db_err);

#endif /* PORTAL_DATA_DB_H */
