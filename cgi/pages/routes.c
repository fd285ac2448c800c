/*
 * The route table: every URL the application answers. nginx serves
 * /static/ itself. Body limits are per route; 0 means no body.
 */
#include <stddef.h>

#include "http/router.h"
#include "portal_limits.h"
#include "pages/pages.h"

const struct route portal_routes[] = {
	{ M_GET, "/",			page_root,	0 },
	{ M_GET, "/healthz",		page_healthz,	0 },
	{ M_GET, "/.well-known/portal-keys", page_portal_keys, 0 },
	/* public reference pages ("/en/" arrives as "/en") */
	{ M_GET, "/{lang}",		page_home,	0 },
	{ M_GET, "/{lang}/states",	page_states,	0 },
	{ M_GET, "/{lang}/states/{iso3}", page_state,	0 },
	{ M_GET, "/{lang}/mandates",	page_mandates,	0 },
	{ M_GET, "/{lang}/mandates/{slug}", page_mandate, 0 },
	{ M_GET, "/{lang}/privacy",	page_privacy,	0 },
	/* submissions: a whole submission, files included, plus its fields */
	{ M_GET, "/{lang}/submit",	page_submit_get, 0 },
	{ M_POST, "/{lang}/submit",	page_submit_post,
	    BODY_UPLOAD_MAX_BYTES + BODY_FORM_MAX_BYTES },
	{ M_GET, "/{lang}/verify",	page_verify_get, 0 },
	{ M_POST, "/{lang}/verify",	page_verify_post, BODY_FORM_MAX_BYTES },
	{ M_POST, "/{lang}/receipt.txt", page_receipt_txt, BODY_FORM_MAX_BYTES },
	/* transparency log */
	{ M_GET, "/log/checkpoint",	page_log_checkpoint, 0 },
	{ M_GET, "/log/tile/{rest*}",	page_log_tile,	0 },
	{ M_GET, "/log/proof/inclusion", page_log_inclusion, 0 },
	{ M_GET, "/log/proof/consistency", page_log_consistency, 0 },
};

const size_t portal_nroutes = sizeof(portal_routes) / sizeof(portal_routes[0]);
