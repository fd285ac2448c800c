/*
 * /{lang}/recommendations/{id}/assess: civil society's assessment of how
 * a recommendation is implemented. Anyone may send one (status,
 * explanation, evidence files, an organisation's name if they wish);
 * browsers need the CSRF token, and nginx's POST rate limit applies.
 *
 * An assessment gets a signed receipt and a transparency-log entry at
 * once, but is stored unpublished: it appears on the public pages,
 * labelled as civil society's, only after the secretariat's check
 * (desk_assess.c). Its evidence is served only from then on.
 */
#include <string.h>

#include "data/update.h"
#include "http/request.h"
#include "intake/update.h"
#include "pages/common.h"
#include "pages/desk_progress_view.h"
#include "pages/pages.h"
#include "view/i18n.h"
#include "view/view.h"

static int
fill_page(struct req *r, struct view *v, const void *arg)
{
	const struct upd_rec	*rec = arg;
	const char		*l = lang_code[r->lang];

	return view_set_strf(v, "action", "/%s/recommendations/%lld/assess", l,
	    (long long)rec->id) == -1 ||
	    view_set_strf(v, "rec_href", "/%s/recommendations/%lld", l,
	    (long long)rec->id) == -1 ? -1 : 0;
}

/* GET the form, POST an assessment. */
int
page_assess(struct req *r)
{
	static const struct updv_state	 first = { NULL, NULL, NULL, NULL };
	struct upd_rec			 rec;
	struct updv_page		 pg;
	int				 rc;

	if ((rc = updv_route_rec(r, &rec)) != 0)
		return rc;
	memset(&pg, 0, sizeof(pg));
	pg.tpl = "assess";
	pg.source = "civil_society";
	pg.rec = &rec;
	pg.fill = fill_page;
	pg.arg = &rec;
	return r->method == METHOD_POST ? updv_post(r, &pg) :
	    updv_show(r, 200, &pg, &first);
}
