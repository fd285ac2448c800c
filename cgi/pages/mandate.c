/*
 * GET /{lang}/mandates/{slug}: one mandate: its official name in the six
 * languages, who holds it, when it was established, the country it
 * covers. 404 for a slug that is malformed or unknown.
 *
 * Later issues add what the mandate sent and what came back; a section
 * appears only when it has data.
 */
#include <string.h>

#include "data/public.h"
#include "http/request.h"
#include "pages/common.h"
#include "pages/pages.h"
#include "pages/refview.h"
#include "view/lang.h"
#include "view/view.h"

int
page_mandate(struct req *r)
{
	struct pub_mandate_detail	 d;
	struct view			*v, *mv;
	const char			*slug = r->params[0], *kind, *holder;
	enum db_err			 e;
	int				 found;

	if (slug == NULL || !rv_slug_ok(slug))
		return 404;
	if ((e = pub_mandate_get(r->arena, r->lang, slug, &d, &found)) !=
	    DB_OK)
		return db_http_status(e);
	if (!found)
		return 404;
	kind = rv_kind(r, d.m.kind);
	holder = rv_holder(r, d.m.holder);
	if ((v = page_view(r)) == NULL ||
	    (mv = view_set_map(v, "mandate")) == NULL ||
	    view_set_str(mv, "name", d.m.name) == -1 ||
	    view_set_str(mv, "kind", kind != NULL ? kind : "") == -1 ||
	    view_set_str(mv, "holder", holder != NULL ? holder : "") == -1 ||
	    view_set_int(mv, "established", d.m.established) == -1 ||
	    view_set_bool(mv, "ended", !d.m.active) == -1 ||
	    view_set_str(mv, "country", d.m.country_name) == -1 ||
	    (*d.m.country_iso3 != '\0' && view_set_strf(mv, "country_href",
	    "/%s/states/%s", lang_code[r->lang], d.m.country_iso3) == -1) ||
	    rv_names(r, v, d.names, d.nnames) == -1 ||
	    view_set_strf(v, "mandates_href", "/%s/mandates",
	    lang_code[r->lang]) == -1 ||
	    view_set_strf(v, "submit_href", "/%s/submit",
	    lang_code[r->lang]) == -1)
		return 500;
	return page_render(r, 200, "mandate", v);
}
