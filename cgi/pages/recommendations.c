/*
 * GET /{lang}/recommendations: the recommendations tracker; and
 * GET /{lang}/recommendations/{id}: one recommendation (its permalink),
 * its text, themes and affected groups, and the timeline of its
 * published implementation updates.
 *
 * Declared input of the list, each checked and dropped (as "any") when
 * malformed: state (ISO alpha-3), mandate (a slug), theme (one of the
 * themes in use), status (an implementation status: that of the latest
 * published update, no_information when there is none), source (state,
 * civil_society, secretariat, mandate_holder: the recommendation has a
 * published update from it), page (1 to TV_PAGE_MAX). Order: date
 * issued, newest first, then id. RECS_PER_PAGE a page.
 *
 * Recommendations are public once recorded; an update only once the
 * secretariat has published it (data/tracker.c reads no other). Who
 * says what is always shown: a State's update is its claim, civil
 * society's an assessment, never presented as established fact.
 */
#include <stdint.h>
#include <stdio.h>
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
#include "view/fmt.h"
#include "view/i18n.h"
#include "view/lang.h"
#include "view/view.h"

#define RECS_PER_PAGE	50

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const statuses[] = { "implemented",
	"partially_implemented", "not_implemented", "no_information" };

/* Who reported an update: the label says whose word it is. */
static const struct {
	const char	*code;
	const char	*msgid;
} sources[] = {
	{ "state", N_("State (its claim)") },
	{ "civil_society", N_("Civil society (its assessment)") },
	{ "secretariat", N_("Secretariat of the Special Procedures") },
	{ "mandate_holder", N_("Mandate holder") },
};

static const char *
source_name(struct req *r, const char *code)
{
	size_t	 i;

	for (i = 0; i < NELEM(sources); i++)
		if (strcmp(sources[i].code, code) == 0)
			return r != NULL ? page_tr(r, sources[i].msgid) :
			    sources[i].msgid;
	return NULL;
}

static int
source_ok(const char *s)
{
	return source_name(NULL, s) != NULL;
}

static int
status_ok(const char *s)
{
	return cv_rec_status(NULL, s) != NULL;
}

/* The theme asked for if it is one in use, else "" (any). */
static const char *
theme_param(struct req *r, const char **themes, size_t n)
{
	const char	*s = req_query(r, "theme");
	size_t		 i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(themes[i], s) == 0)
			return themes[i];
	return "";
}

static int
fill_codes(struct req *r, struct view *v, const struct trk_rec_filter *f)
{
	size_t	 i;

	if (view_set_list(v, "statuses") == -1 ||
	    view_set_list(v, "sources") == -1)
		return -1;
	for (i = 0; i < NELEM(statuses); i++)
		if (tv_option(v, "statuses", statuses[i], cv_rec_status(r,
		    statuses[i]), f->status) == -1)
			return -1;
	for (i = 0; i < NELEM(sources); i++)
		if (tv_option(v, "sources", sources[i].code, source_name(r,
		    sources[i].code), f->source) == -1)
			return -1;
	return 0;
}

static int
fill_filters(struct req *r, struct view *v, const struct trk_rec_filter *f,
    const char **themes, size_t nthemes)
{
	size_t	 i;
	int	 rc;

	if ((rc = tv_place_filters(r, v, f->state, f->mandate)) != 0)
		return rc;
	if (view_set_list(v, "themes") == -1 || fill_codes(r, v, f) == -1)
		return 500;
	for (i = 0; i < nthemes; i++)
		if (tv_option(v, "themes", themes[i], themes[i],
		    f->theme) == -1)
			return 500;
	return view_set_bool(v, "all_themes", *f->theme == '\0') == -1 ||
	    view_set_bool(v, "all_statuses", *f->status == '\0') == -1 ||
	    view_set_bool(v, "all_sources", *f->source == '\0') == -1 ?
	    500 : 0;
}

/* The keys a recommendation has in the list and on its page. */
static int
set_rec(struct req *r, struct view *it, const struct trk_rec *x)
{
	const char	*st = cv_rec_status(r, x->status);
	const char	*src = source_name(r, x->source);
	enum lang	 tl;

	if (lang_from_code(x->text_lang, strlen(x->text_lang), &tl) == -1)
		tl = LANG_EN;
	return view_set_strf(it, "href", "/%s/recommendations/%lld",
	    lang_code[r->lang], x->id) == -1 ||
	    view_set_str(it, "symbol", x->document_symbol) == -1 ||
	    view_set_str(it, "paragraph", x->paragraph) == -1 ||
	    view_set_str(it, "state", x->state_name) == -1 ||
	    view_set_strf(it, "state_href", "/%s/states/%s",
	    lang_code[r->lang], x->state) == -1 ||
	    view_set_str(it, "mandate", x->mandate_name) == -1 ||
	    view_set_strf(it, "mandate_href", "/%s/mandates/%s",
	    lang_code[r->lang], x->mandate) == -1 ||
	    rv_set_date(r, it, "issued", x->issued_on) == -1 ||
	    view_set_str(it, "text", x->text) == -1 ||
	    view_set_bool(it, "cut", x->cut) == -1 ||
	    view_set_str(it, "text_lang", lang_code[tl]) == -1 ||
	    view_set_str(it, "text_dir", lang_dir[tl]) == -1 ||
	    view_set_str(it, "status", st != NULL ? st : x->status) == -1 ||
	    rv_set_date(r, it, "updated", x->updated_on) == -1 ||
	    view_set_str(it, "source", src != NULL ? src : "") == -1 ||
	    (x->visit_id > 0 && view_set_strf(it, "visit_href",
	    "/%s/visits/%lld", lang_code[r->lang], x->visit_id) == -1) ?
	    -1 : 0;
}

int
page_recommendations(struct req *r)
{
	struct trk_rec_filter	 f;
	struct trk_rec		*x;
	struct view		*v, *it;
	const char		**themes, *path;
	size_t			 n, nthemes, i;
	long long		 total;
	enum db_err		 e;
	int			 p = tv_page(r), rc;

	if ((e = trk_rec_themes(r->arena, &themes, &nthemes)) != DB_OK)
		return db_http_status(e);
	f.state = tv_param(r, "state", rv_iso3_ok);
	f.mandate = tv_param(r, "mandate", rv_slug_ok);
	f.theme = theme_param(r, themes, nthemes);
	f.status = tv_param(r, "status", status_ok);
	f.source = tv_param(r, "source", source_ok);
	const struct tv_kv kv[] = { { "state", f.state },
	    { "mandate", f.mandate }, { "theme", f.theme },
	    { "status", f.status }, { "source", f.source } };
	if ((e = trk_rec_list(r->arena, r->lang, &f, RECS_PER_PAGE + 1,
	    (p - 1) * RECS_PER_PAGE, &x, &n, &total)) != DB_OK)
		return db_http_status(e);
	if ((v = page_view(r)) == NULL || (path = arena_printf(r->arena,
	    "/%s/recommendations", lang_code[r->lang])) == NULL)
		return 500;
	if ((rc = fill_filters(r, v, &f, themes, nthemes)) != 0)
		return rc;
	if (tv_list(r, v, path, total, n, RECS_PER_PAGE, kv, NELEM(kv),
	    p) == -1)
		return 500;
	for (i = 0; i < n && i < RECS_PER_PAGE; i++)
		if ((it = view_list_append(v, "rows")) == NULL ||
		    set_rec(r, it, &x[i]) == -1)
			return 500;
	return page_render(r, 200, "recommendations", v);
}

/* One evidence file ("ID SIZE"): a link to download it, and its size. */
static int
fill_evidence(struct req *r, struct view *it, const char *file)
{
	struct view	*ev;
	long long	 id, size;
	char		 n[32];

	if (sscanf(file, "%lld %lld", &id, &size) != 2)
		return -1;
	if ((ev = view_list_append(it, "evidence")) == NULL ||
	    fmt_int(r->lang, size, n, sizeof(n)) == -1 ||
	    view_set_strf(ev, "href", "/%s/evidence/%lld", lang_code[r->lang],
	    id) == -1 || view_set_str(ev, "size", n) == -1)
		return -1;
	return 0;
}

/*
 * The timeline: each published update with its source named. An
 * update's receipt and evidence files appear when the data has them.
 */
static int
fill_timeline(struct req *r, struct view *v, const struct trk_rec_detail *d)
{
	const struct trk_update	*u;
	struct view		*it;
	const char		*st, *src;
	size_t			 i, k;

	if (view_set_list(v, "updates") == -1)
		return -1;
	for (i = 0; i < d->nupdates; i++) {
		u = &d->updates[i];
		st = cv_rec_status(r, u->status);
		src = source_name(r, u->source);
		if ((it = view_list_append(v, "updates")) == NULL ||
		    rv_set_date(r, it, "date", u->reported_on) == -1 ||
		    view_set_str(it, "status", st != NULL ? st :
		    u->status) == -1 ||
		    view_set_str(it, "source", src != NULL ? src :
		    u->source) == -1 ||
		    view_set_strf(it, "kind", "src-%s", u->source) == -1 ||
		    view_set_str(it, "explanation", u->explanation) == -1 ||
		    view_set_str(it, "receipt", u->receipt) == -1 ||
		    view_set_str(it, "organisation", u->organisation) == -1 ||
		    view_set_list(it, "evidence") == -1)
			return -1;
		for (k = 0; k < u->nevidence; k++)
			if (fill_evidence(r, it, u->evidence[k]) == -1)
				return -1;
	}
	return 0;
}

static int
fill_lists(struct req *r, struct view *v, const struct trk_rec_detail *d)
{
	struct view	*it;
	struct tv_kv	 kv = { "theme", "" };
	const char	*path, *href;
	size_t		 i;

	if ((path = arena_printf(r->arena, "/%s/recommendations",
	    lang_code[r->lang])) == NULL ||
	    view_set_list(v, "themes") == -1 ||
	    view_set_list(v, "groups") == -1)
		return -1;
	for (i = 0; i < d->nthemes; i++) {
		kv.value = d->themes[i];
		if ((href = tv_link(r, path, &kv, 1)) == NULL ||
		    (it = view_list_append(v, "themes")) == NULL ||
		    view_set_str(it, "name", d->themes[i]) == -1 ||
		    view_set_str(it, "href", href) == -1)
			return -1;
	}
	for (i = 0; i < d->ngroups; i++)
		if (view_list_append_str(v, "groups", d->groups[i]) == -1)
			return -1;
	return 0;
}

int
page_recommendation(struct req *r)
{
	struct trk_rec_detail	 d;
	struct view		*v, *it;
	const char		*id = r->params[0];
	int64_t			 n;
	enum db_err		 e;
	int			 found;

	if (id == NULL || num_parse_i64(id, strlen(id), 1, INT64_MAX,
	    &n) == -1)
		return 404;
	if ((e = trk_rec_get(r->arena, r->lang, (long long)n, &d,
	    &found)) != DB_OK)
		return db_http_status(e);
	if (!found)
		return 404;
	if ((v = page_view(r)) == NULL ||
	    (it = view_set_map(v, "rec")) == NULL ||
	    set_rec(r, it, &d.r) == -1 ||
	    view_set_strf(v, "list_href", "/%s/recommendations",
	    lang_code[r->lang]) == -1 ||
	    view_set_strf(v, "assess_href", "/%s/recommendations/%lld/assess",
	    lang_code[r->lang], (long long)n) == -1 ||
	    fill_lists(r, v, &d) == -1 || fill_timeline(r, v, &d) == -1)
		return 500;
	return page_render(r, 200, "recommendation", v);
}
