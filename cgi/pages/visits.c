/*
 * GET /{lang}/visits: the visits tracker, every country visit requested
 * by a mandate and where it stands; and GET /{lang}/visits/{id}: one
 * request (its permalink) with the history of its status, from
 * visit_status_changes (one row per change, the request itself first).
 *
 * Declared input of the list, each checked for shape and dropped (as
 * "any") when malformed: state (ISO alpha-3), mandate (a slug), status
 * (one of the statuses), page (1 to TV_PAGE_MAX). Order: date requested,
 * newest first, then id (stable pages), VISITS_PER_PAGE a page. Visit
 * requests are public: there is nothing to hide here.
 */
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "core/num.h"
#include "data/coop.h"
#include "data/tracker.h"
#include "http/request.h"
#include "pages/common.h"
#include "pages/coopview.h"
#include "pages/pages.h"
#include "pages/refview.h"
#include "pages/trackview.h"
#include "view/lang.h"
#include "view/view.h"

#define VISITS_PER_PAGE	50

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* In the order of the course of a request. */
static const char *const statuses[] = { "requested", "reminder_sent",
	"acknowledged", "invited", "accepted", "dates_proposed", "declined",
	"completed" };

static int
status_ok(const char *s)
{
	return cv_visit_status(NULL, s) != NULL;
}

static int
fill_filters(struct req *r, struct view *v, const struct trk_visit_filter *f)
{
	size_t	 i;
	int	 rc;

	if ((rc = tv_place_filters(r, v, f->state, f->mandate)) != 0)
		return rc;
	if (view_set_list(v, "statuses") == -1 ||
	    view_set_bool(v, "all_statuses", *f->status == '\0') == -1)
		return 500;
	for (i = 0; i < NELEM(statuses); i++)
		if (tv_option(v, "statuses", statuses[i], cv_visit_status(r,
		    statuses[i]), f->status) == -1)
			return 500;
	return 0;
}

/* The keys a visit has in the list and on its page. */
static int
set_visit(struct req *r, struct view *it, const struct trk_visit *x)
{
	const char	*st = cv_visit_status(r, x->status);
	int		 pending = cv_visit_pending(x->status);

	return view_set_strf(it, "href", "/%s/visits/%lld",
	    lang_code[r->lang], x->id) == -1 ||
	    view_set_str(it, "mandate", x->mandate_name) == -1 ||
	    view_set_strf(it, "mandate_href", "/%s/mandates/%s",
	    lang_code[r->lang], x->mandate) == -1 ||
	    view_set_str(it, "state", x->state_name) == -1 ||
	    view_set_strf(it, "state_href", "/%s/states/%s",
	    lang_code[r->lang], x->state) == -1 ||
	    rv_set_date(r, it, "requested", x->requested_on) == -1 ||
	    view_set_str(it, "status", st != NULL ? st : x->status) == -1 ||
	    view_set_bool(it, "pending", pending) == -1 ||
	    (pending && rv_set_int(r, it, "days", x->days) == -1) ||
	    rv_set_date(r, it, "start", x->visit_start) == -1 ||
	    rv_set_date(r, it, "end", x->visit_end) == -1 ||
	    view_set_str(it, "report", x->report_symbol) == -1 ? -1 : 0;
}

int
page_visits(struct req *r)
{
	struct trk_visit_filter	 f;
	struct trk_visit	*x;
	struct view		*v, *it;
	size_t			 n, i;
	long long		 total;
	enum db_err		 e;
	const char		*path;
	int			 p = tv_page(r), rc;

	f.state = tv_param(r, "state", rv_iso3_ok);
	f.mandate = tv_param(r, "mandate", rv_slug_ok);
	f.status = tv_param(r, "status", status_ok);
	const struct tv_kv kv[] = { { "state", f.state },
	    { "mandate", f.mandate }, { "status", f.status } };
	if ((e = trk_visit_list(r->arena, r->lang, &f, VISITS_PER_PAGE + 1,
	    (p - 1) * VISITS_PER_PAGE, &x, &n, &total)) != DB_OK)
		return db_http_status(e);
	if ((v = page_view(r)) == NULL || (path = arena_printf(r->arena,
	    "/%s/visits", lang_code[r->lang])) == NULL)
		return 500;
	if ((rc = fill_filters(r, v, &f)) != 0)
		return rc;
	if (tv_list(r, v, path, total, n, VISITS_PER_PAGE, kv, NELEM(kv),
	    p) == -1)
		return 500;
	for (i = 0; i < n && i < VISITS_PER_PAGE; i++)
		if ((it = view_list_append(v, "rows")) == NULL ||
		    set_visit(r, it, &x[i]) == -1)
			return 500;
	return page_render(r, 200, "visits", v);
}

static int
fill_history(struct req *r, struct view *v, const struct trk_visit_change *h,
    size_t n)
{
	struct view	*it;
	const char	*st;
	size_t		 i;

	if (view_set_list(v, "history") == -1)
		return -1;
	for (i = 0; i < n; i++) {
		st = cv_visit_status(r, h[i].status);
		if ((it = view_list_append(v, "history")) == NULL ||
		    rv_set_date(r, it, "date", h[i].changed_on) == -1 ||
		    view_set_str(it, "status", st != NULL ? st :
		    h[i].status) == -1 ||
		    rv_set_date(r, it, "start", h[i].visit_start) == -1 ||
		    rv_set_date(r, it, "end", h[i].visit_end) == -1 ||
		    view_set_str(it, "report", h[i].report_symbol) == -1)
			return -1;
	}
	return 0;
}

int
page_visit(struct req *r)
{
	struct trk_visit	 x;
	struct trk_visit_change	*h;
	struct view		*v, *it;
	const char		*id = r->params[0];
	size_t			 nh;
	int64_t			 n;
	enum db_err		 e;
	int			 found;

	if (id == NULL || num_parse_i64(id, strlen(id), 1, INT64_MAX,
	    &n) == -1)
		return 404;
	if ((e = trk_visit_get(r->arena, r->lang, (long long)n, &x, &h, &nh,
	    &found)) != DB_OK)
		return db_http_status(e);
	if (!found)
		return 404;
	if ((v = page_view(r)) == NULL || (it = view_set_map(v, "v")) == NULL ||
	    set_visit(r, it, &x) == -1 ||
	    view_set_strf(v, "list_href", "/%s/visits", lang_code[r->lang]) ==
	    -1 || fill_history(r, v, h, nh) == -1)
		return 500;
	return page_render(r, 200, "visit", v);
}
