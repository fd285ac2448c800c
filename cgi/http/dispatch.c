/*
 * The request pipeline. Limits are enforced here, before any handler runs:
 * a body over the route's limit is refused with 413 before a byte of it is
 * read, and a POST without a length gets 411.
 */
#include <time.h>

#include "core/log.h"
#include "http/dispatch.h"
#include "http/errpage.h"
#include "http/request.h"
#include "http/router.h"

static long
elapsed_us(const struct timespec *t0)
{
	struct timespec	 t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000000L +
	    (t1.tv_nsec - t0->tv_nsec) / 1000L;
}

/* 0 if the body may be read, or the status that refuses it. */
static int
body_allowed(const struct req *r)
{
	if (r->method != METHOD_POST)
		return (r->has_length && r->content_length > 0) ? 400 : 0;
	if (!r->has_length)
		return 411;
	if (r->content_length > r->route->max_body)
		return 413;
	return 0;
}

void
dispatch(struct req *r, int status)
{
	struct timespec	 t0;
	const char	*allow = NULL;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (status != 0)
		goto done;
	switch (router_match(r, &allow)) {
	case ROUTE_NOT_FOUND:
		status = 404;
		goto done;
	case ROUTE_BAD_METHOD:
		status = 405;
		goto done;
	case ROUTE_FOUND:
		break;
	}
	if ((status = body_allowed(r)) != 0)
		goto done;
	status = r->route->handler(r);
done:
	if (status != 0 && !r->resp.begun)
		(void)errpage_send(r, status, allow);
	log_event(LOG_INFO, "http.request", "method=%s route=%s status=%d "
	    "us=%ld%s", method_names[r->method],
	    r->route != NULL ? r->route->pattern : "-",
	    r->resp.begun ? r->resp.status : status, elapsed_us(&t0),
	    r->out.failed ? " client=gone" : "");
}
