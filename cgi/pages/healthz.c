/*
 * GET /healthz: for load balancers. 200 when the database answers, 503
 * (with Retry-After) when it does not. Says nothing else.
 */
#include "data/health.h"
#include "http/request.h"
#include "http/response.h"
#include "pages/pages.h"

int
page_healthz(struct req *r)
{
	enum db_err	 err;

	if ((err = health_db()) != DB_OK)
		return db_http_status(err);
	resp_send(r, 200, "text/plain; charset=utf-8", "ok\n", 3);
	return 0;
}
