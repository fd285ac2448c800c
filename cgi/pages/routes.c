/*
 * The route table: every URL the application answers. nginx serves
 * /static/ itself. Body limits are per route; 0 means no body.
 */
#include <stddef.h>

#include "http/router.h"
#include "limits.h"
#include "pages/pages.h"

const struct route portal_routes[] = {
	{ M_GET, "/",			page_root,	0 },
	{ M_GET, "/healthz",		page_healthz,	0 },
};

const size_t portal_nroutes = sizeof(portal_routes) / sizeof(portal_routes[0]);
