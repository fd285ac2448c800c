/*
 * The portal: one binary, with a subcommand for each job.
 */
#include <stdio.h>
#include <string.h>

int
main(int argc, char *argv[])
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "usage: portal command\n");
	return 2;
}
