/*
 * GET /{lang}/states/{ISO3}: one State: its names in the six languages,
 * status and regional group, M49 region, the latest regime type coded by
 * Regimes of the World and since when, and the country mandate that
 * covers it, if any. 404 for a code that is not one of the 195 States
 * (checked for shape before the database is asked).
 *
 * The record of cooperation (communications, replies with the median
 * days to a first reply, visits, recommendations, each count with its
 * chart; cgi/pages/coopview.c) appears only with data.
 */
#include "data/public.h"
#include "http/request.h"
#include "pages/common.h"
#include "pages/coopview.h"
#include "pages/pages.h"
#include "pages/refview.h"
#include "view/lang.h"
#include "view/view.h"

static int
fill_state(struct req *r, struct view *st, const struct pub_state_detail *d)
{
	const char	*status = rv_status(r, d->status);
	const char	*grp = *d->group != '\0' ? d->group : "observer";

	return view_set_str(st, "iso3", d->iso3) == -1 ||
	    view_set_str(st, "name", d->name) == -1 ||
	    view_set_str(st, "formal", d->formal) == -1 ||
	    view_set_str(st, "status", status != NULL ? status : "") == -1 ||
	    view_set_str(st, "group_name", d->group_name) == -1 ||
	    view_set_strf(st, "group_href", "/%s/states?group=%s#g-%s",
	    lang_code[r->lang], grp, grp) == -1 ||
	    view_set_str(st, "region", rv_m49(r, d->m49_region)) == -1 ||
	    view_set_str(st, "subregion", rv_m49(r, d->m49_subregion)) == -1 ||
	    view_set_str(st, "intermediate", *d->m49_intermediate != '\0' ?
	    rv_m49(r, d->m49_intermediate) : "") == -1 ||
	    view_set_bool(st, "ldc", d->ldc) == -1 ||
	    view_set_bool(st, "lldc", d->lldc) == -1 ||
	    view_set_bool(st, "sids", d->sids) == -1 ||
	    view_set_bool(st, "flags", d->ldc || d->lldc || d->sids) == -1 ?
	    -1 : 0;
}

static int
fill_regime(struct req *r, struct view *v, const struct pub_state_detail *d)
{
	struct view	*rg;
	const char	*name;

	if (!d->has_regime || (name = rv_regime(r, d->regime)) == NULL)
		return view_set_bool(v, "no_regime", 1);
	if ((rg = view_set_map(v, "regime")) == NULL ||
	    view_set_str(rg, "name", name) == -1 ||
	    view_set_int(rg, "year", d->regime_year) == -1 ||
	    view_set_int(rg, "since", d->regime_since) == -1)
		return -1;
	return 0;
}

static int
fill_mandates(struct req *r, struct view *v, const struct pub_state_detail *d)
{
	struct view	*it;
	size_t		 i;

	if (view_set_list(v, "mandates") == -1)
		return -1;
	for (i = 0; i < d->nmandates; i++)
		if ((it = view_list_append(v, "mandates")) == NULL ||
		    view_set_str(it, "name", d->mandates[i].name) == -1 ||
		    view_set_strf(it, "href", "/%s/mandates/%s",
		    lang_code[r->lang], d->mandates[i].slug) == -1)
			return -1;
	return 0;
}

int
page_state(struct req *r)
{
	struct pub_state_detail	 d;
	struct view		*v, *st;
	const char		*iso3 = r->params[0];
	enum db_err		 e;
	int			 found, rc;

	if (iso3 == NULL || !rv_iso3_ok(iso3))
		return 404;
	if ((e = pub_state_get(r->arena, r->lang, iso3, &d, &found)) != DB_OK)
		return db_http_status(e);
	if (!found)
		return 404;
	if ((v = page_view(r)) == NULL ||
	    (st = view_set_map(v, "state")) == NULL ||
	    fill_state(r, st, &d) == -1 || fill_regime(r, v, &d) == -1 ||
	    rv_names(r, v, d.names, d.nnames) == -1 ||
	    fill_mandates(r, v, &d) == -1 ||
	    view_set_strf(v, "states_href", "/%s/states",
	    lang_code[r->lang]) == -1 ||
	    view_set_strf(v, "submit_href", "/%s/submit",
	    lang_code[r->lang]) == -1)
		return 500;
	/* The record of cooperation (coopview.c): absent without data. */
	if ((rc = cv_state_record(r, v, iso3)) != 0)
		return rc;
	return page_render(r, 200, "state", v);
}
