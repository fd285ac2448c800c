/*
 * The banner of demonstration data: every public page built on
 * page_view() says "Demonstration data — not real communications" while
 * the database holds a demo_data row (migration 0011, `portal demo-data`).
 *
 * The flag is read once per worker, at its first page, and kept: demo
 * data is loaded before the portal starts (scripts/stack.sh run), and
 * the portal is restarted after a `portal demo-data` into a live
 * database. If the database does not answer, no banner, and no new
 * attempt for DEMO_FLAG_RETRY_S: a database that is down must not cost
 * every request a second timeout.
 */
#ifndef PORTAL_VIEW_DEMO_FLAG_H
#define PORTAL_VIEW_DEMO_FLAG_H

struct view;

/* Set the layout's key "demo" if the flag is on. 0, or -1 out of memory. */
int	demo_flag_view(struct view *);

#endif /* PORTAL_VIEW_DEMO_FLAG_H */
