/*
 * GET /{lang}/ (arrives as /{lang}: the canonical path has no trailing
 * slash): what the portal is, how to submit safely, what happens next,
 * and how many States and mandates it knows, from the database.
 */
#include "data/public.h"
#include "http/request.h"
#include "pages/common.h"
#include "pages/pages.h"
#include "pages/refview.h"
#include "view/lang.h"
#include "view/view.h"

int
page_home(struct req *r)
{
	struct pub_counts	 c;
	struct view		*v, *cv;
	enum db_err		 e;

	if ((e = pub_counts(r->arena, &c)) != DB_OK)
		return db_http_status(e);
	if ((v = page_view(r)) == NULL ||
	    (cv = view_set_map(v, "counts")) == NULL ||
	    rv_set_int(r, cv, "states", c.states) == -1 ||
	    rv_set_int(r, cv, "thematic", c.thematic) == -1 ||
	    rv_set_int(r, cv, "country", c.country) == -1 ||
	    rv_set_date(r, v, "as_of", c.mandates_as_of) == -1 ||
	    view_set_str(v, "as_of_iso", c.mandates_as_of) == -1)
		return 500;
	return page_render(r, 200, "home", v);
}
