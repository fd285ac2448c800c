/*
 * portal check-templates: load every template in every language the way
 * `serve` does and report each mistake as file:line: message. Used by
 * make test, so that a template error never reaches a user.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "core/config.h"
#include "view/tpl.h"

int
cli_check_templates(int argc, char *argv[])
{
	char	 dir[4096];

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: portal check-templates\n");
		return 2;
	}
	if (config_load() == -1)
		return 1;
	(void)snprintf(dir, sizeof(dir), "%s/templates", config.root);
	return tpl_check(dir, stderr) == 0 ? 0 : 1;
}
