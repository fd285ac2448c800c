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
	/* the public record of cooperation and its open data */
	{ M_GET, "/{lang}/communications", page_communications, 0 },
	{ M_GET, "/{lang}/communications/{id}", page_communication, 0 },
	{ M_GET, "/data/communications.csv", page_data_communications_csv, 0 },
	{ M_GET, "/data/communications.json", page_data_communications_json,
	    0 },
	{ M_GET, "/data/visits.csv",	page_data_visits_csv, 0 },
	{ M_GET, "/data/recommendations.csv", page_data_recommendations_csv,
	    0 },
	/* submissions: a whole submission, files included, plus its fields */
	{ M_GET, "/{lang}/submit",	page_submit_get, 0 },
	{ M_POST, "/{lang}/submit",	page_submit_post,
	    BODY_UPLOAD_MAX_BYTES + BODY_FORM_MAX_BYTES },
	{ M_GET, "/{lang}/verify",	page_verify_get, 0 },
	{ M_POST, "/{lang}/verify",	page_verify_post, BODY_FORM_MAX_BYTES },
	{ M_POST, "/{lang}/receipt.txt", page_receipt_txt, BODY_FORM_MAX_BYTES },
	/* the secretariat's desk (login required) */
	{ M_GET, "/{lang}/desk/login",	page_desk_login_get, 0 },
	{ M_POST, "/{lang}/desk/login",	page_desk_login_post, BODY_FORM_MAX_BYTES },
	{ M_POST, "/{lang}/desk/logout", page_desk_logout, BODY_FORM_MAX_BYTES },
	{ M_GET, "/{lang}/desk",	page_desk_queue, 0 },
	{ M_GET, "/{lang}/desk/submissions/{ref}", page_desk_submission, 0 },
	{ M_POST, "/{lang}/desk/submissions/{ref}/status", page_desk_status,
	    BODY_FORM_MAX_BYTES },
	{ M_POST, "/{lang}/desk/submissions/{ref}/message", page_desk_message,
	    BODY_FORM_MAX_BYTES },
	{ M_GET, "/{lang}/desk/files/{id}", page_desk_file, 0 },
	/* the submitter's return: the code only ever in a POST body */
	{ M_GET, "/{lang}/followup",	page_followup_get, 0 },
	{ M_POST, "/{lang}/followup",	page_followup_post, BODY_FORM_MAX_BYTES },
	{ M_POST, "/{lang}/followup/add", page_followup_add,
	    BODY_UPLOAD_MAX_BYTES + BODY_FORM_MAX_BYTES },
	/* transparency log */
	{ M_GET, "/log/checkpoint",	page_log_checkpoint, 0 },
	{ M_GET, "/log/tile/{rest*}",	page_log_tile,	0 },
	{ M_GET, "/log/proof/inclusion", page_log_inclusion, 0 },
	{ M_GET, "/log/proof/consistency", page_log_consistency, 0 },
};

const size_t portal_nroutes = sizeof(portal_routes) / sizeof(portal_routes[0]);
