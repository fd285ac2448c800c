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
int	page_data_communications_csv(struct req *);
int	page_data_communications_json(struct req *);
int	page_data_visits_csv(struct req *);
int	page_data_recommendations_csv(struct req *);
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
int	page_followup_get(struct req *);
int	page_followup_post(struct req *);
int	page_followup_add(struct req *);
/* transparency log (log.c) */
int	page_log_checkpoint(struct req *);
int	page_log_tile(struct req *);
int	page_log_inclusion(struct req *);
int	page_log_consistency(struct req *);

#endif /* PORTAL_PAGES_H */
