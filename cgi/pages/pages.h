/*
 * The pages: one handler file each in cgi/pages/, one template each in
 * templates/, one line each in routes.c. To add a page: write
 * cgi/pages/NAME.c with its handler, templates/NAME.xhtml, declare the
 * handler here and add its route to routes.c.
 */
#ifndef PORTAL_PAGES_H
#define PORTAL_PAGES_H

struct req;

int	page_healthz(struct req *);
int	page_root(struct req *);
/* public reference pages (home.c, states.c, state.c, mandates.c, ...) */
int	page_home(struct req *);
int	page_states(struct req *);
int	page_state(struct req *);
int	page_mandates(struct req *);
int	page_mandate(struct req *);
int	page_privacy(struct req *);
/* the public record of cooperation (communications.c, opendata.c) */
int	page_communications(struct req *);
int	page_communication(struct req *);
int	page_data(struct req *);
/* the Atom feeds (feeds.c) */
int	page_feed(struct req *);
int	page_feed_state(struct req *);
int	page_feed_mandate(struct req *);
/* the analysis page and its tables as CSV (analysis.c) */
int	page_analysis(struct req *);
int	page_analysis_csv(struct req *);
/* the trackers (visits.c, recommendations.c) */
int	page_visits(struct req *);
int	page_visit(struct req *);
int	page_recommendations(struct req *);
int	page_recommendation(struct req *);
/* submissions (submit.c, receipt.c, keys.c) */
int	page_submit_get(struct req *);
int	page_submit_post(struct req *);
int	page_portal_keys(struct req *);
int	page_verify_get(struct req *);
int	page_verify_post(struct req *);
int	page_receipt_txt(struct req *);
/* the secretariat's desk (desk_*.c) and the submitter's return (followup.c) */
int	page_desk_login_get(struct req *);
int	page_desk_login_post(struct req *);
int	page_desk_logout(struct req *);
int	page_desk_queue(struct req *);
int	page_desk_submission(struct req *);
int	page_desk_status(struct req *);
int	page_desk_message(struct req *);
int	page_desk_file(struct req *);
/* the editor's desk: recording monitoring data (desk_comm*.c, ...) */
int	page_desk_comms(struct req *);
int	page_desk_comm_record(struct req *);
int	page_desk_comm(struct req *);
int	page_desk_reply_record(struct req *);
int	page_desk_visits(struct req *);
int	page_desk_visit_record(struct req *);
int	page_desk_visit(struct req *);
int	page_desk_visit_update(struct req *);
int	page_desk_invitations(struct req *);
int	page_desk_invitation_record(struct req *);
int	page_desk_recs(struct req *);
int	page_desk_rec_record(struct req *);
int	page_desk_rec(struct req *);
int	page_desk_update_record(struct req *);
int	page_codebook(struct req *);
int	page_followup_get(struct req *);
int	page_followup_post(struct req *);
int	page_followup_add(struct req *);
/* progress reports and assessments (desk_progress.c, assess.c,
 * desk_assess.c, update_file.c) */
int	page_desk_progress(struct req *);
int	page_desk_progress_rec(struct req *);	/* GET and POST */
int	page_assess(struct req *);		/* GET and POST */
int	page_desk_assessments(struct req *);
int	page_desk_assess_decide(struct req *);
int	page_update_file(struct req *);
int	page_desk_update_file(struct req *);
/* transparency log (log.c) */
int	page_log_checkpoint(struct req *);
int	page_log_tile(struct req *);
int	page_log_inclusion(struct req *);
int	page_log_consistency(struct req *);

#endif /* PORTAL_PAGES_H */
