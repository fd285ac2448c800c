/*
 * /{lang}/desk/progress: a State focal point's pages. The list of the
 * recommendations addressed to their State, and for one of them
 * (/{lang}/desk/progress/{id}) the State's published progress reports and
 * a form for a new one: status claim, explanation, evidence files.
 *
 * Only the focal point role comes here (any other role gets 404, an
 * anonymous visitor the login page), and only for their own State: a
 * recommendation addressed to another State is 404, exactly like one
 * that does not exist, before anything of it is shown or stored.
 *
 * A report is published at once as the State's claim (source "state"):
 * the issue asks that reports "appear publicly as the State's claim",
 * and the public pages label it as such beside civil society's
 * assessments, which the secretariat checks first. Each report gets a
 * signed receipt, shown here, and enters the transparency log.
 */
#include <inttypes.h>
#include <string.h>

#include "data/update.h"
#include "desk/auth.h"
#include "http/request.h"
#include "intake/update.h"
#include "pages/common.h"
#include "pages/desk_progress_view.h"
#include "pages/desk_view.h"
#include "pages/pages.h"
#include "view/i18n.h"
#include "view/view.h"

#define PROGRESS_LIST_MAX	500

/* 0 with *s for a focal point; -1 answered (to the login page); a status. */
static int
focal_guard(struct req *r, struct desk_session *s)
{
	int	 rc;

	/* No session: desk_guard finds none either and answers its redirect. */
	if ((rc = desk_session_load(r, s)) == 1)
		return desk_guard(r, s);
	if (rc != 0)
		return rc;
	if (strcmp(s->role, "focal_point") != 0 || s->state == NULL) {
		desk_session_free(s);
		return 404;
	}
	return 0;
}

int
page_desk_progress(struct req *r)
{
	struct desk_session	 s;
	struct upd_rec		*recs;
	struct view		*v, *it;
	size_t			 n, i;
	enum db_err		 e;
	int			 rc;

	if ((rc = focal_guard(r, &s)) != 0)
		return rc < 0 ? 0 : rc;
	rc = 500;
	if ((e = upd_state_recs(r->arena, s.state, PROGRESS_LIST_MAX, &recs,
	    &n)) != DB_OK) {
		rc = db_http_status(e);
		goto out;
	}
	if ((v = page_view(r)) == NULL || desk_view_common(r, v, &s) == -1 ||
	    view_set_str(v, "state", s.state) == -1 ||
	    view_set_list(v, "recs") == -1)
		goto out;
	for (i = 0; i < n; i++)
		if ((it = view_list_append(v, "recs")) == NULL ||
		    updv_rec(r, it, &recs[i]) == -1 ||
		    view_set_strf(it, "href", "/%s/desk/progress/%" PRId64,
		    lang_code[r->lang], recs[i].id) == -1)
			goto out;
	rc = page_render(r, 200, "desk_progress", v);
out:
	desk_session_free(&s);
	return rc;
}

/* The focal point's recommendation named by the route, else 404. */
static int
own_rec(struct req *r, const struct desk_session *s, struct upd_rec *rec)
{
	int	 rc;

	if ((rc = updv_route_rec(r, rec)) != 0)
		return rc;
	/* Another State's recommendation is answered as a missing one. */
	return strcmp(rec->state, s->state) == 0 ? 0 : 404;
}

struct progress_arg {
	const struct desk_session	*s;
	const struct upd_rec		*rec;
};

static int
fill_page(struct req *r, struct view *v, const void *arg)
{
	const struct progress_arg	*pa = arg;
	struct upd_item			*u;
	size_t				 n;

	if (upd_list(r->arena, pa->rec->id, "state", &u, &n) != DB_OK ||
	    updv_items(r, v, "reports", u, n, 0) == -1)
		return -1;
	return desk_view_common(r, v, pa->s) == -1 ||
	    view_set_strf(v, "action", "/%s/desk/progress/%" PRId64,
	    lang_code[r->lang], pa->rec->id) == -1 ||
	    view_set_strf(v, "list_href", "/%s/desk/progress",
	    lang_code[r->lang]) == -1 ? -1 : 0;
}

/* GET and POST: guard, own recommendation, then the form or the report. */
int
page_desk_progress_rec(struct req *r)
{
	static const struct updv_state	 first = { NULL, NULL, NULL, NULL };
	struct desk_session		 s;
	struct upd_rec			 rec;
	struct progress_arg		 pa;
	struct updv_page		 pg;
	int				 rc;

	if ((rc = focal_guard(r, &s)) != 0)
		return rc < 0 ? 0 : rc;
	if ((rc = own_rec(r, &s, &rec)) != 0)
		goto out;
	pa.s = &s;
	pa.rec = &rec;
	memset(&pg, 0, sizeof(pg));
	pg.tpl = "desk_progress_rec";
	pg.source = "state";
	pg.staff_id = s.staff_id;
	pg.rec = &rec;
	pg.fill = fill_page;
	pg.arg = &pa;
	rc = r->method == METHOD_POST ? updv_post(r, &pg) :
	    updv_show(r, 200, &pg, &first);
out:
	desk_session_free(&s);
	return rc;
}
