/*
 * The worker's database connection, driven through libpq's non-blocking
 * interface so that every wait has a deadline. A statement timeout on the
 * server would not help when the server itself is stopped (SIGSTOP, a
 * hung disk): only a client-side deadline does.
 *
 * Error messages from the server are never logged: they can quote the
 * values of a row (a unique violation names the key), which may be
 * personal data. Only the SQLSTATE and the statement's name are.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "data/db.h"
#include "portal_limits.h"

static PGconn	*conn;
static char	 conninfo[2048];
static int64_t	 last_failure_ms;

static int64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
db_configure(const char *ci)
{
	int	 n;

	n = snprintf(conninfo, sizeof(conninfo), "%s", ci);
	return (n < 0 || (size_t)n >= sizeof(conninfo)) ? -1 : 0;
}

void
db_close(void)
{
	if (conn != NULL)
		PQfinish(conn);
	conn = NULL;
}

static void
db_fail(const char *why)
{
	log_event(LOG_WARN, "db.unavailable", "reason=%s", why);
	db_close();
	last_failure_ms = now_ms();
}

/*
 * A connection that worked and was lost (the server restarted, or an
 * operator ended the session): reconnect at the next statement, without
 * the back-off kept for a server that refuses connections.
 */
static void
db_lost(const char *why)
{
	log_event(LOG_WARN, "db.unavailable", "reason=%s", why);
	db_close();
}

/*
 * An idle connection has nothing to say; if its socket is readable, the
 * server has ended the session (a FATAL message, then EOF). Notice it
 * before sending a statement into a dead connection.
 */
static void
db_check_idle(void)
{
	struct pollfd	 pfd;

	if (conn == NULL || PQtransactionStatus(conn) != PQTRANS_IDLE)
		return;
	pfd.fd = PQsocket(conn);
	pfd.events = POLLIN;
	if (pfd.fd < 0 || poll(&pfd, 1, 0) != 1)
		return;
	if (PQconsumeInput(conn) == 0 || PQstatus(conn) == CONNECTION_BAD)
		db_lost("closed-by-server");
}

/* 1 when the socket is ready, 0 at the deadline, -1 on error. */
static int
wait_socket(int events, int64_t deadline)
{
	struct pollfd	 pfd;
	int64_t		 left;
	int		 n;

	pfd.fd = PQsocket(conn);
	pfd.events = (short)events;
	if (pfd.fd < 0)
		return -1;
	for (;;) {
		left = deadline - now_ms();
		if (left <= 0)
			return 0;
		n = poll(&pfd, 1, (int)left);
		if (n > 0)
			return 1;
		if (n == 0)
			return 0;
		if (errno != EINTR)
			return -1;
	}
}

static enum db_err	db_prepare_all(void);

static enum db_err
db_connect(void)
{
	PostgresPollingStatusType	 st = PGRES_POLLING_WRITING;
	int64_t				 deadline;
	int				 rc;

	if (conn != NULL)
		return DB_OK;
	/* Do not hammer a database that has just refused us. */
	if (last_failure_ms != 0 &&
	    now_ms() - last_failure_ms < DB_RECONNECT_BACKOFF_MS)
		return DB_UNAVAILABLE;
	deadline = now_ms() + DB_CONNECT_TIMEOUT_S * 1000;
	if ((conn = PQconnectStart(conninfo)) == NULL ||
	    PQstatus(conn) == CONNECTION_BAD) {
		db_fail("connect");
		return DB_UNAVAILABLE;
	}
	while (st != PGRES_POLLING_OK) {
		if (st == PGRES_POLLING_FAILED) {
			db_fail("connect");
			return DB_UNAVAILABLE;
		}
		rc = wait_socket(st == PGRES_POLLING_READING ? POLLIN : POLLOUT,
		    deadline);
		if (rc != 1) {
			db_fail(rc == 0 ? "connect-timeout" : "connect-poll");
			return DB_UNAVAILABLE;
		}
		st = PQconnectPoll(conn);
	}
	if (PQsetnonblocking(conn, 1) == -1) {
		db_fail("nonblocking");
		return DB_UNAVAILABLE;
	}
	if (db_prepare_all() != DB_OK)
		return DB_UNAVAILABLE;
	last_failure_ms = 0;
	log_event(LOG_INFO, "db.connected", "statements=%d", STMT__MAX);
	return DB_OK;
}

static enum db_err
classify(const PGresult *res)
{
	const char	*state;

	switch (PQresultStatus(res)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
		return DB_OK;
	default:
		break;
	}
	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	if (state == NULL)
		return DB_UNAVAILABLE;
	if (strcmp(state, "23505") == 0 || strcmp(state, "23P01") == 0)
		return DB_CONFLICT;
	/* Connection, shutdown, resources, cancel, serialization: retry. */
	if (strncmp(state, "08", 2) == 0 || strncmp(state, "57", 2) == 0 ||
	    strncmp(state, "53", 2) == 0 || strcmp(state, "40001") == 0 ||
	    strcmp(state, "40P01") == 0)
		return DB_UNAVAILABLE;
	return DB_ERROR;
}

/*
 * Collect every result of the query just sent, keeping the first error
 * or else the last result. The deadline covers the whole exchange.
 */
static enum db_err
db_wait(const char *what, int64_t deadline, PGresult **out)
{
	PGresult	*res, *keep = NULL;
	enum db_err	 err = DB_OK, e;
	int		 rc;

	while ((rc = PQflush(conn)) == 1)
		if (wait_socket(POLLOUT | POLLIN, deadline) != 1)
			goto timeout;
	if (rc == -1)
		goto broken;
	for (;;) {
		while (PQisBusy(conn)) {
			if ((rc = wait_socket(POLLIN, deadline)) != 1)
				goto timeout;
			if (PQconsumeInput(conn) == 0)
				goto broken;
		}
		if ((res = PQgetResult(conn)) == NULL)
			break;
		e = classify(res);
		/* After a failed statement in a pipeline: its error is logged. */
		if (PQresultStatus(res) == PGRES_PIPELINE_ABORTED)
			e = err = DB_ERROR;
		if (err == DB_OK && e != DB_OK) {
			err = e;
			log_event(LOG_WARN, "db.error", "stmt=%s sqlstate=%s",
			    what, PQresultErrorField(res, PG_DIAG_SQLSTATE) ?
			    PQresultErrorField(res, PG_DIAG_SQLSTATE) : "-");
		}
		if (keep != NULL)
			PQclear(keep);
		keep = res;
	}
	if (PQstatus(conn) == CONNECTION_BAD)
		goto broken;
	if (err == DB_UNAVAILABLE)
		db_lost("server");
	if (err != DB_OK || out == NULL) {
		PQclear(keep);
		keep = NULL;
	}
	if (out != NULL)
		*out = keep;
	return err;
timeout:
	PQclear(keep);
	db_fail("deadline");
	return DB_UNAVAILABLE;
broken:
	PQclear(keep);
	db_lost("connection-lost");
	return DB_UNAVAILABLE;
}

/* The end of a pipeline: its sync point, after every statement's results. */
static enum db_err
db_wait_sync(int64_t deadline)
{
	PGresult	*res;
	int		 rc, synced;

	while (PQisBusy(conn)) {
		if ((rc = wait_socket(POLLIN, deadline)) != 1) {
			db_fail(rc == 0 ? "deadline" : "poll");
			return DB_UNAVAILABLE;
		}
		if (PQconsumeInput(conn) == 0) {
			db_lost("connection-lost");
			return DB_UNAVAILABLE;
		}
	}
	res = PQgetResult(conn);
	synced = res != NULL && PQresultStatus(res) == PGRES_PIPELINE_SYNC;
	PQclear(res);
	if (!synced) {
		db_fail("prepare-sync");
		return DB_UNAVAILABLE;
	}
	return DB_OK;
}

/*
 * Send every PREPARE at once in a pipeline and read the answers after:
 * one round trip instead of one per statement, so that a worker whose
 * session was ended is back in milliseconds, even under load.
 */
static enum db_err
db_prepare_all(void)
{
	int64_t		 deadline = now_ms() + DB_QUERY_TIMEOUT_MS;
	enum db_err	 err = DB_OK, e;
	int		 i;

	if (!PQenterPipelineMode(conn)) {
		db_fail("pipeline");
		return DB_UNAVAILABLE;
	}
	for (i = 0; i < STMT__MAX; i++) {
		if (stmt_defs[i].name == NULL) {
			/* A hole in the table: a statement enum without its entry. */
			log_event(LOG_ERROR, "db.bug", "stmt_index=%d undefined", i);
			db_fail("prepare-undefined");
			return DB_ERROR;
		}
		if (!PQsendPrepare(conn, stmt_defs[i].name, stmt_defs[i].sql,
		    stmt_defs[i].nparams, NULL)) {
			db_fail("prepare-send");
			return DB_UNAVAILABLE;
		}
	}
	if (!PQpipelineSync(conn)) {
		db_fail("prepare-sync");
		return DB_UNAVAILABLE;
	}
	/* Each statement's results end with a NULL from PQgetResult. */
	for (i = 0; i < STMT__MAX; i++)
		if ((e = db_wait(stmt_defs[i].name, deadline, NULL)) != DB_OK) {
			if (err == DB_OK)
				err = e;
			if (conn == NULL)
				return err;
		}
	if (conn != NULL && (e = db_wait_sync(deadline)) != DB_OK && err == DB_OK)
		err = e;
	if (err != DB_OK) {
		if (conn != NULL)
			db_fail("prepare");
		return err;
	}
	if (!PQexitPipelineMode(conn)) {
		db_fail("pipeline-exit");
		return DB_UNAVAILABLE;
	}
	return DB_OK;
}

enum db_err
db_exec_bin(enum stmt s, const char *const *params, const int *lengths,
    const int *formats, int nparams, PGresult **res)
{
	enum db_err	 err;

	*res = NULL;
	if (nparams != stmt_defs[s].nparams) {
		log_event(LOG_ERROR, "db.bug", "stmt=%s nparams=%d",
		    stmt_defs[s].name, nparams);
		return DB_ERROR;
	}
	db_check_idle();
	if ((err = db_connect()) != DB_OK)
		return err;
	if (!PQsendQueryPrepared(conn, stmt_defs[s].name, nparams, params,
	    lengths, formats, 0)) {
		db_fail("send");
		return DB_UNAVAILABLE;
	}
	return db_wait(stmt_defs[s].name, now_ms() + DB_QUERY_TIMEOUT_MS, res);
}

enum db_err
db_exec(enum stmt s, const char *const *params, int nparams, PGresult **res)
{
	return db_exec_bin(s, params, NULL, NULL, nparams, res);
}

enum db_err
db_run(enum stmt s, const char *const *params, int nparams)
{
	PGresult	*res;
	enum db_err	 err;

	if ((err = db_exec(s, params, nparams, &res)) == DB_OK)
		PQclear(res);
	return err;
}

enum db_err
db_begin(void)
{
	return db_run(STMT_BEGIN, NULL, 0);
}

enum db_err
db_commit(void)
{
	return db_run(STMT_COMMIT, NULL, 0);
}

void
db_rollback(void)
{
	if (conn != NULL && PQtransactionStatus(conn) != PQTRANS_IDLE &&
	    db_run(STMT_ROLLBACK, NULL, 0) != DB_OK)
		db_close();
}

void
db_request_end(void)
{
	if (conn == NULL)
		return;
	/* A handler that failed mid-transaction must not leak it. */
	if (PQtransactionStatus(conn) != PQTRANS_IDLE &&
	    db_run(STMT_ROLLBACK, NULL, 0) != DB_OK)
		db_close();
}

int
db_http_status(enum db_err e)
{
	return e == DB_UNAVAILABLE ? 503 : 500;
}
