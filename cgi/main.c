/*
 * The portal: one binary, with a subcommand for each job. `serve` is the
 * FastCGI server; the others are operators' tools.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cli/cli.h"

static const struct cli_command commands[] = {
	{ "serve", cli_serve, "run the FastCGI master and its workers" },
	{ "migrate", cli_migrate, "apply sql/migrations (as the owner role)" },
	{ "load-reference", cli_load_reference,
	    "load sql/reference data (as the owner role)" },
	{ "keys", cli_keys, "keys init: make the missing keys in PORTAL_KEYS" },
	{ "log-monitor", cli_log_monitor,
	    "check a transparency log: URL|local STATEFILE" },
	{ "check-templates", cli_check_templates,
	    "check every template in every language" },
	{ "verify-receipt", cli_verify_receipt,
	    "RECEIPT KEYS: check a receipt offline with the published keys" },
	{ "import", cli_import,
	    "KIND FILE.csv: import communications, visits or recommendations" },
	{ "user", cli_user, "add LOGIN ROLE [STATE]: a staff account" },
	{ "audit", cli_audit, "verify: check the audit chain" },
	{ "demo-data", cli_demo_data,
	    "fill the database with marked demonstration data (README)" },
};

static void
usage(void)
{
	size_t	 i;

	fprintf(stderr, "usage: portal command [arguments]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(stderr, "  %-16s %s\n", commands[i].name,
		    commands[i].help);
	fprintf(stderr, "\nConfiguration comes from PORTAL_* environment "
	    "variables: see README.md.\n");
}

int
main(int argc, char *argv[])
{
	size_t	 i;

	if (argc < 2) {
		usage();
		return 2;
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "portal: libsodium failed to initialise\n");
		return 1;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	usage();
	return 2;
}
