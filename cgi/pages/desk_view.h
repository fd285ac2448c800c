/*
 * What every desk page shows: who is logged in, the logout form (with
 * its CSRF token, also used by the page's other forms), the queue link.
 */
#ifndef PORTAL_PAGES_DESK_VIEW_H
#define PORTAL_PAGES_DESK_VIEW_H

struct req;
struct view;
struct desk_session;

/* Fills csrf, staff_login, logout_action, queue_href. 0 or -1. */
int	desk_view_common(struct req *, struct view *,
	    const struct desk_session *);

#endif /* PORTAL_PAGES_DESK_VIEW_H */
