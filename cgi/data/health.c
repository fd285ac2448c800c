/*
 * Database health checks.
 */
#include <stdio.h>
#include <string.h>

#include "data/health.h"

enum db_err
health_db(void)
{
	return db_run(STMT_PING, NULL, 0);
}

static enum db_err
setting(const char *name, char *out, size_t len)
{
	const char	*params[1] = { name };
	PGresult	*res;
	enum db_err	 err;

	if ((err = db_exec(STMT_SETTING, params, 1, &res)) != DB_OK)
		return err;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return DB_ERROR;
	}
	(void)snprintf(out, len, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return DB_OK;
}

enum db_err
health_durable(void)
{
	char		 fsync_v[32], sync_v[32];
	enum db_err	 err;

	if ((err = setting("fsync", fsync_v, sizeof(fsync_v))) != DB_OK ||
	    (err = setting("synchronous_commit", sync_v, sizeof(sync_v))) !=
	    DB_OK)
		return err;
	if (strcmp(fsync_v, "on") != 0) {
		fprintf(stderr, "portal: refusing to start: fsync is %s; a "
		    "crash could lose submissions that were acknowledged\n",
		    fsync_v);
		return DB_ERROR;
	}
	/* on, local, remote_write and remote_apply all flush locally. */
	if (strcmp(sync_v, "off") == 0) {
		fprintf(stderr, "portal: refusing to start: "
		    "synchronous_commit is off; a receipt could be issued for "
		    "a transaction that is then lost\n");
		return DB_ERROR;
	}
	return DB_OK;
}
