/*
 * The demonstration data flag, cached per worker (see demo_flag.h).
 */
#include <time.h>

#include "data/demo.h"
#include "view/demo_flag.h"
#include "view/view.h"

#define DEMO_FLAG_RETRY_S	30

static int	flag = -1;		/* -1 not known yet, else 0 or 1 */
static time_t	next_try;		/* after a failure */

static time_t
now(void)
{
	struct timespec	 ts;

	return clock_gettime(CLOCK_MONOTONIC, &ts) == 0 ? ts.tv_sec : 0;
}

int
demo_flag_view(struct view *v)
{
	if (flag == -1 && now() >= next_try) {
		flag = demo_flag_query();
		if (flag == -1)
			next_try = now() + DEMO_FLAG_RETRY_S;
	}
	return flag == 1 ? view_set_str(v, "demo", "1") : 0;
}
