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
#include "http/csrf.h"
#include "pages/common.h"
#include "trust/code.h"
#include "trust/kdf_gate.h"
#include "trust/keys.h"
#include "view/i18n.h"
#include "view/tpl.h"

/*
 * Everything a worker needs is loaded here, before the fork, so that a
 * broken template or a missing key stops the start instead of a request,
 * and the workers share the parsed templates.
 */
static int
load_shared(void)
{
	char	 dir[4096], err[512];

	if (keys_load(config.keys_dir, &portal_keys, err, sizeof(err)) == -1) {
		fprintf(stderr, "portal: refusing to start: %s (run `portal "
		    "keys init`)\n", err);
		return -1;
	}
	csrf_init(portal_keys.mac);
	code_init(portal_keys.mac);
	if (kdf_gate_init(KDF_GATE_MAX) == -1) {
		fprintf(stderr, "portal: refusing to start: no shared memory "
		    "for the argon2id gate\n");
		return -1;
	}
	(void)snprintf(dir, sizeof(dir), "%s/build/mo", config.root);
	if ((portal_catalogs = i18n_load(dir, err, sizeof(err))) == NULL) {
		fprintf(stderr, "portal: refusing to start: translations: "
		    "%s (run `make i18n`)\n", err);
		return -1;
	}
	(void)snprintf(dir, sizeof(dir), "%s/templates", config.root);
	if ((portal_templates = tpl_load(dir, portal_catalogs, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "portal: refusing to start: templates: %s\n",
		    err);
		return -1;
	}
	return 0;
}

int
cli_serve(int argc, char *argv[])
{
	int	 rc;

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
	if (load_shared() == -1)
		return 1;
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
	rc = master_serve();
	kdf_gate_destroy();
	return rc;
}
