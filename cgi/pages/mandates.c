/*
 * GET /{lang}/mandates: the Special Procedures' active mandates, thematic
 * then country, with their official names in the request's language.
 */
#include <string.h>

#include "data/public.h"
#include "http/request.h"
#include "pages/common.h"
#include "pages/pages.h"
#include "pages/refview.h"
#include "view/lang.h"
#include "view/view.h"

static int
fill_one(struct req *r, struct view *list, const char *key,
    const struct pub_mandate *m)
{
	struct view	*it;
	const char	*holder = rv_holder(r, m->holder);

	if ((it = view_list_append(list, key)) == NULL ||
	    view_set_str(it, "name", m->name) == -1 ||
	    view_set_strf(it, "href", "/%s/mandates/%s", lang_code[r->lang],
	    m->slug) == -1 ||
	    view_set_str(it, "holder", holder != NULL ? holder : "") == -1 ||
	    view_set_int(it, "established", m->established) == -1 ||
	    view_set_str(it, "country", m->country_name) == -1 ||
	    (*m->country_iso3 != '\0' && view_set_strf(it, "country_href",
	    "/%s/states/%s", lang_code[r->lang], m->country_iso3) == -1))
		return -1;
	return 0;
}

int
page_mandates(struct req *r)
{
	struct pub_mandate	*m;
	struct view		*v;
	size_t			 n, i, nt = 0, nc = 0;
	enum db_err		 e;

	if ((e = pub_mandates(r->arena, r->lang, &m, &n)) != DB_OK)
		return db_http_status(e);
	if ((v = page_view(r)) == NULL || view_set_list(v, "thematic") == -1 ||
	    view_set_list(v, "country") == -1)
		return 500;
	for (i = 0; i < n; i++) {
		if (strcmp(m[i].kind, "country") == 0) {
			if (fill_one(r, v, "country", &m[i]) == -1)
				return 500;
			nc++;
		} else {
			if (fill_one(r, v, "thematic", &m[i]) == -1)
				return 500;
			nt++;
		}
	}
	if (rv_set_int(r, v, "nthematic", (long long)nt) == -1 ||
	    rv_set_int(r, v, "ncountry", (long long)nc) == -1)
		return 500;
	return page_render(r, 200, "mandates", v);
}
