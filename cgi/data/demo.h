/*
 * Demonstration data (issue 7, item 9): the generator behind `portal
 * demo-data`, and the flag every public page reads to show the banner.
 *
 * The generator runs sql/demo/generate.sql in one session of the owner
 * role and calls its functions in ranges, each in a transaction that
 * also counts it in the demo_data row (migration 0011): every demo row
 * is marked as such from its commit on. Row i of each kind depends on
 * (seed, i) only, so a run asking for more rows adds the missing ones
 * (and one that stopped goes on) and a run asking for no more changes
 * nothing. It refuses a database that holds monitoring data it did not
 * make, and a different seed.
 */
#ifndef PORTAL_DATA_DEMO_H
#define PORTAL_DATA_DEMO_H

#include <stdint.h>

enum demo_kind {
	DEMO_COMMUNICATIONS,
	DEMO_VISITS,
	DEMO_RECOMMENDATIONS,
	DEMO_SUBMISSIONS,
	DEMO__MAX
};

extern const char *const demo_kind_name[DEMO__MAX];
extern const int64_t demo_kind_max[DEMO__MAX];	/* largest count accepted */

enum demo_result {
	DEMO_ADDED,	/* rows added and committed */
	DEMO_NOTHING,	/* every count already reached: nothing changed */
	DEMO_REFUSED,	/* not a database for demo data: reason on stderr */
	DEMO_FAILED,	/* the database failed: reason on stderr; the ranges
			   committed before stay, counted in demo_data */
};

/* Called after each range: kind, rows of that kind now, rows wanted. */
typedef void	(*demo_progress_fn)(enum demo_kind, int64_t done,
		    int64_t total, void *arg);

struct demo_run {
	int64_t		 seed;
	int64_t		 want[DEMO__MAX];
	int64_t		 had[DEMO__MAX];	/* out: before the run */
	demo_progress_fn progress;
	void		*arg;
};

/* Generate through the owner's conninfo with the SQL of sql_dir/demo. */
enum demo_result	demo_generate(const char *conninfo, const char *sql_dir,
			    struct demo_run *);

/*
 * Whether the database the worker uses holds demonstration data, through
 * the application's statement table: 1 yes, 0 no, -1 the database did
 * not answer.
 */
int			demo_flag_query(void);

#endif /* PORTAL_DATA_DEMO_H */
