/*
 * portal migrate, portal load-reference: schema and reference data, as
 * the owner role (PORTAL_DB_OWNER).
 */
#include <stdio.h>

#include "cli/cli.h"
#include "core/config.h"
#include "data/migrate.h"

static int
sql_dir(char *out, size_t len)
{
	return (size_t)snprintf(out, len, "%s/sql", config.root) < len ? 0 : -1;
}

int
cli_migrate(int argc, char *argv[])
{
	char	 dir[4096];

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: portal migrate\n");
		return 2;
	}
	if (config_load() == -1 || sql_dir(dir, sizeof(dir)) == -1)
		return 1;
	return migrate_run(config.db_owner, dir);
}

int
cli_load_reference(int argc, char *argv[])
{
	char	 dir[4096];

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: portal load-reference\n");
		return 2;
	}
	if (config_load() == -1 || sql_dir(dir, sizeof(dir)) == -1)
		return 1;
	return migrate_load_reference(config.db_owner, dir);
}
