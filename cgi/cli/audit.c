/*
 * portal audit verify
 *
 * Recomputes the audit chain (data/audit.h) from its first link. Exit 0
 * and the number of links and the newest hash when it is intact; exit 1
 * naming the first broken link otherwise. Keep the printed hash: a later
 * run whose chain no longer contains it shows that the newest links were
 * removed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cli/cli.h"
#include "core/config.h"
#include "data/audit.h"
#include "data/db.h"

int
cli_audit(int argc, char *argv[])
{
	struct audit_result	 r;
	enum db_err		 e;
	char			 hex[AUDIT_HASH_BYTES * 2 + 1];

	if (argc != 2 || strcmp(argv[1], "verify") != 0) {
		fprintf(stderr, "usage: portal audit verify\n");
		return 2;
	}
	if (config_load() == -1 || db_configure(config.db) == -1)
		return 1;
	e = audit_verify(&r);
	db_close();
	if (e != DB_OK) {
		fprintf(stderr, "audit: the database did not answer\n");
		return 1;
	}
	if (r.broken != 0) {
		printf("audit: broken at link %" PRId64 ": %s (%" PRId64
		    " links before it are intact)\n", r.broken, r.why, r.links);
		return 1;
	}
	sodium_bin2hex(hex, sizeof(hex), r.last, sizeof(r.last));
	printf("audit: %" PRId64 " links intact; newest hash %s\n", r.links, hex);
	return 0;
}
