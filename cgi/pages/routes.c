/*
 * The route table: every URL the application answers. nginx serves
 * /static/ itself. Body limits are per route; 0 means no body.
 */
#include <stddef.h>

#include "http/router.h"
#include "intake/update.h"
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
	{ M_GET, "/{lang}/visits",	page_visits,	0 },
	{ M_GET, "/{lang}/visits/{id}", page_visit,	0 },
	{ M_GET, "/{lang}/recommendations", page_recommendations, 0 },
	{ M_GET, "/{lang}/recommendations/{id}", page_recommendation, 0 },
	{ M_GET, "/data/{file}",	page_data,	0 },
	{ M_GET, "/feeds/{file}",	page_feed,	0 },
	{ M_GET, "/feeds/states/{file}", page_feed_state, 0 },
	{ M_GET, "/feeds/mandates/{file}", page_feed_mandate, 0 },
	{ M_GET, "/{lang}/analysis",	page_analysis,	0 },
	{ M_GET, "/{lang}/analysis/{table}", page_analysis_csv, 0 },
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
	/* the editor's desk: recording communications, visits, recommendations */
	{ M_GET, "/{lang}/desk/communications", page_desk_comms, 0 },
	{ M_POST, "/{lang}/desk/communications", page_desk_comm_record,
	    BODY_FORM_MAX_BYTES },
	{ M_GET, "/{lang}/desk/communications/{id}", page_desk_comm, 0 },
	{ M_POST, "/{lang}/desk/communications/{id}", page_desk_reply_record,
	    BODY_FORM_MAX_BYTES },
	{ M_GET, "/{lang}/desk/visits",	page_desk_visits, 0 },
	{ M_POST, "/{lang}/desk/visits", page_desk_visit_record,
	    BODY_FORM_MAX_BYTES },
	{ M_GET, "/{lang}/desk/visits/{id}", page_desk_visit, 0 },
	{ M_POST, "/{lang}/desk/visits/{id}", page_desk_visit_update,
	    BODY_FORM_MAX_BYTES },
	{ M_GET, "/{lang}/desk/invitations", page_desk_invitations, 0 },
	{ M_POST, "/{lang}/desk/invitations", page_desk_invitation_record,
	    BODY_FORM_MAX_BYTES },
	{ M_GET, "/{lang}/desk/recommendations", page_desk_recs, 0 },
	{ M_POST, "/{lang}/desk/recommendations", page_desk_rec_record,
	    BODY_FORM_MAX_BYTES },
	{ M_GET, "/{lang}/desk/recommendations/{id}", page_desk_rec, 0 },
	{ M_POST, "/{lang}/desk/recommendations/{id}", page_desk_update_record,
	    UPD_BODY_MAX_BYTES },
	{ M_GET, "/{lang}/codebook",	page_codebook,	0 },
	/* the submitter's return: the code only ever in a POST body */
	{ M_GET, "/{lang}/followup",	page_followup_get, 0 },
	{ M_POST, "/{lang}/followup",	page_followup_post, BODY_FORM_MAX_BYTES },
	{ M_POST, "/{lang}/followup/add", page_followup_add,
	    BODY_UPLOAD_MAX_BYTES + BODY_FORM_MAX_BYTES },
	/* progress reports, assessments and their evidence (desk_progress.c,
	 * assess.c, desk_assess.c, update_file.c) */
	{ M_GET, "/{lang}/desk/progress", page_desk_progress, 0 },
	{ M_GET, "/{lang}/desk/progress/{id}", page_desk_progress_rec, 0 },
	{ M_POST, "/{lang}/desk/progress/{id}", page_desk_progress_rec,
	    UPD_BODY_MAX_BYTES },
	{ M_GET, "/{lang}/recommendations/{id}/assess", page_assess, 0 },
	{ M_POST, "/{lang}/recommendations/{id}/assess", page_assess,
	    UPD_BODY_MAX_BYTES },
	{ M_GET, "/{lang}/desk/assessments", page_desk_assessments, 0 },
	{ M_POST, "/{lang}/desk/assessments/{ref}", page_desk_assess_decide,
	    BODY_FORM_MAX_BYTES },
	{ M_GET, "/{lang}/evidence/{id}", page_update_file, 0 },
	{ M_GET, "/{lang}/desk/evidence/{id}", page_desk_update_file, 0 },
	/* transparency log */
	{ M_GET, "/log/checkpoint",	page_log_checkpoint, 0 },
	{ M_GET, "/log/tile/{rest*}",	page_log_tile,	0 },
	{ M_GET, "/log/proof/inclusion", page_log_inclusion, 0 },
	{ M_GET, "/log/proof/consistency", page_log_consistency, 0 },
};

const size_t portal_nroutes = sizeof(portal_routes) / sizeof(portal_routes[0]);
