/*
 * /{lang}/desk: the review queue. Newest allegations first, with what is
 * in clear (reference, time, State, mandates, triage status); nothing
 * sealed is opened here.
 */
#include <string.h>

#include "core/arena.h"
#include "data/desk.h"
#include "desk/auth.h"
#include "desk/record_form.h"
#include "desk/status.h"
#include "http/csrf.h"
#include "http/request.h"
#include "pages/common.h"
#include "pages/desk_view.h"
#include "pages/pages.h"
#include "view/i18n.h"
#include "view/view.h"

#define QUEUE_MAX	200

/*
 * The bar's links by role: a focal point works on its State's
 * recommendations, not on the review queue; the secretariat reviews
 * submissions and civil society's assessments.
 */
static int
desk_bar_links(struct req *r, struct view *v, const struct desk_session *s)
{
	const char	*lang = lang_code[r->lang];

	if (strcmp(s->role, "focal_point") == 0)
		return view_set_strf(v, "progress_href", "/%s/desk/progress",
		    lang);
	if (view_set_strf(v, "queue_href", "/%s/desk", lang) == -1 ||
	    view_set_strf(v, "assess_href", "/%s/desk/assessments", lang) == -1)
		return -1;
	return 0;
}

int
desk_view_common(struct req *r, struct view *v, const struct desk_session *s)
{
	const char	*csrf;

	if ((csrf = csrf_token(r)) == NULL ||
	    view_set_str(v, "csrf", csrf) == -1 ||
	    view_set_str(v, "staff_login", s->login) == -1 ||
	    view_set_strf(v, "logout_action", "/%s/desk/logout",
	    lang_code[r->lang]) == -1 ||
	    desk_bar_links(r, v, s) == -1 || rform_nav(r, v, s) == -1)
		return -1;
	return 0;
}

static int
fill(struct req *r, struct view *v, const struct desk_item *it, size_t n)
{
	struct view	*row;
	enum desk_status st;
	size_t		 i;

	if (view_set_list(v, "items") == -1)
		return -1;
	for (i = 0; i < n; i++) {
		st = desk_status_parse(it[i].status);
		if ((row = view_list_append(v, "items")) == NULL ||
		    view_set_str(row, "ref", it[i].ref) == -1 ||
		    view_set_strf(row, "href", "/%s/desk/submissions/%s",
		    lang_code[r->lang], it[i].ref) == -1 ||
		    view_set_str(row, "received", it[i].received) == -1 ||
		    view_set_str(row, "state", it[i].state) == -1 ||
		    view_set_str(row, "mandates", it[i].mandates) == -1 ||
		    view_set_str(row, "status", st == STATUS__MAX ?
		    page_tr(r, N_("New")) : page_tr(r, desk_status_label[st])) == -1 ||
		    view_set_int(row, "followups", (long long)it[i].followups) ==
		    -1)
			return -1;
	}
	return 0;
}

int
page_desk_queue(struct req *r)
{
	struct desk_session	 s;
	struct desk_item	*items;
	struct view		*v;
	size_t			 n;
	enum db_err		 e;
	int			 rc;

	if ((rc = desk_guard(r, &s)) != 0)
		return rc < 0 ? 0 : rc;
	rc = 500;
	if ((e = desk_queue(r->arena, QUEUE_MAX, &items, &n)) != DB_OK) {
		rc = db_http_status(e);
		goto out;
	}
	if ((v = page_view(r)) == NULL || desk_view_common(r, v, &s) == -1 ||
	    fill(r, v, items, n) == -1)
		goto out;
	rc = page_render(r, 200, "desk", v);
out:
	desk_session_free(&s);
	return rc;
}
