/*
 * portal serve: check that the database is durable, then run the master.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "core/config.h"
#include "data/db.h"
#include "data/health.h"
#include "http/response.h"
#include "http/router.h"
#include "server/master.h"

int
cli_serve(int argc, char *argv[])
{
	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: portal serve\n");
		return 2;
	}
	if (config_load() == -1 || db_configure(config.db) == -1)
		return 1;
	if (router_init(portal_routes, portal_nroutes) == -1)
		return 1;
	resp_set_secure_cookies(config.secure_cookies);
	switch (health_durable()) {
	case DB_OK:
		break;
	case DB_UNAVAILABLE:
		fprintf(stderr, "portal: refusing to start: the database "
		    "does not answer (PORTAL_DB)\n");
		return 1;
	default:
		return 1;
	}
	/* Each worker opens its own connection after the fork. */
	db_close();
	return master_serve();
}
