/*
 * portal demo-data [--communications N] [--visits N] [--recommendations N]
 *     [--submissions N] [--seed S]: fill the database with synthetic,
 * clearly marked demonstration data (data/demo.h), as the owner role
 * (PORTAL_DB_OWNER). Running it again with the same or smaller counts
 * changes nothing; larger counts add the missing rows, and a run that
 * stopped goes on from where it stopped.
 *
 * Exit status: 0 added or nothing to do, 1 refused (real data, another
 * seed, no reference data), 2 usage, 3 the database failed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/config.h"
#include "core/num.h"
#include "data/demo.h"

/* The defaults: a portal that looks alive, loaded in seconds. */
static const int64_t demo_default[DEMO__MAX] = { 20000, 4000, 10000, 0 };

struct bar {
	int	 tty;
	int	 shown[DEMO__MAX];	/* last percentage drawn */
};

static void
progress(enum demo_kind k, int64_t done, int64_t total, void *arg)
{
	struct bar	*b = arg;
	int		 pct = total > 0 ? (int)(done * 100 / total) : 100;
	int		 i, w = 40;

	if (!b->tty || pct == b->shown[k])
		return;
	b->shown[k] = pct;
	fprintf(stderr, "\r%-16s [", demo_kind_name[k]);
	for (i = 0; i < w; i++)
		fputc(i < pct * w / 100 ? '#' : ' ', stderr);
	fprintf(stderr, "] %3d%%  %" PRId64, pct, done);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

static int
usage(void)
{
	fprintf(stderr, "usage: portal demo-data [--communications N] "
	    "[--visits N] [--recommendations N] [--submissions N] "
	    "[--seed S]\n");
	return 2;
}

/* argv into run; -1 after a message on a bad argument. */
static int
parse(int argc, char *argv[], struct demo_run *run)
{
	int64_t	 v;
	int	 i, k;

	memcpy(run->want, demo_default, sizeof(run->want));
	run->seed = 1;
	for (i = 1; i < argc; i += 2) {
		if (i + 1 >= argc || strncmp(argv[i], "--", 2) != 0)
			return -1;
		for (k = 0; k < DEMO__MAX; k++)
			if (strcmp(argv[i] + 2, demo_kind_name[k]) == 0)
				break;
		if (k == DEMO__MAX && strcmp(argv[i], "--seed") != 0)
			return -1;
		if (num_parse_i64(argv[i + 1], strlen(argv[i + 1]), 0,
		    k == DEMO__MAX ? INT64_MAX : demo_kind_max[k], &v) == -1) {
			fprintf(stderr, "demo-data: %s: a number from 0 to "
			    "%" PRId64 " is needed\n", argv[i], k == DEMO__MAX ?
			    INT64_MAX : demo_kind_max[k]);
			return -1;
		}
		if (k == DEMO__MAX)
			run->seed = v;
		else
			run->want[k] = v;
	}
	return 0;
}

static void
summary(const struct demo_run *run, enum demo_result rv, double secs)
{
	int	 k;

	printf("demo-data: %s (seed %" PRId64 ", %.1f s):", rv == DEMO_ADDED ?
	    "demonstration data loaded" : "demonstration data already loaded, "
	    "nothing to do", run->seed, secs);
	for (k = 0; k < DEMO__MAX; k++)
		printf("%s %" PRId64 " %s", k ? "," : "", run->want[k] >
		    run->had[k] ? run->want[k] : run->had[k], demo_kind_name[k]);
	printf("\n");
	if (rv == DEMO_ADDED)
		printf("demo-data: every public page now says it shows "
		    "demonstration data (a portal already running: after a "
		    "restart)\n");
}

int
cli_demo_data(int argc, char *argv[])
{
	struct demo_run	 run;
	struct bar	 bar;
	struct timespec	 t0, t1;
	enum demo_result rv;
	char		 dir[4096];

	memset(&run, 0, sizeof(run));
	if (parse(argc, argv, &run) == -1)
		return usage();
	if (config_load() == -1 || (size_t)snprintf(dir, sizeof(dir), "%s/sql",
	    config.root) >= sizeof(dir))
		return 2;
	memset(&bar, 0, sizeof(bar));
	memset(bar.shown, -1, sizeof(bar.shown));
	bar.tty = isatty(STDERR_FILENO);
	run.progress = progress;
	run.arg = &bar;
	(void)clock_gettime(CLOCK_MONOTONIC, &t0);
	rv = demo_generate(config.db_owner, dir, &run);
	(void)clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rv == DEMO_REFUSED)
		return 1;
	if (rv == DEMO_FAILED)
		return 3;	/* demo.c said why, and what was kept */
	summary(&run, rv, (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}
