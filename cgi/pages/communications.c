/*
 * GET /{lang}/communications: the public communications database, and
 * GET /{lang}/communications/{id}: one communication (its permalink).
 *
 * The list's filters are a GET form answered by the server (no
 * JavaScript). Declared input, each checked for shape and dropped (as
 * "any") when malformed: state (ISO alpha-3), mandate (a slug), type
 * (AL, UA, OL, JAL, JUA, JOL), year (1980 to 2100), reply (a reply
 * classification or no_response), page (1 to COMM_PAGE_MAX). Order:
 * date sent, newest first, then id, so that pages are stable; COMM_PER_PAGE
 * a page, one more fetched to know whether there is a next page.
 *
 * Only public letters exist here (data/coop.c): one not yet public is a
 * 404, as is one that never existed. Of a confidential reply, the page
 * says only that it was received, with its date and classification.
 */
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/num.h"
#include "data/coop.h"
#include "http/request.h"
#include "pages/common.h"
#include "pages/coopview.h"
#include "pages/pages.h"
#include "pages/refview.h"
#include "view/i18n.h"
#include "view/lang.h"
#include "view/view.h"

#define COMM_PER_PAGE	50
#define COMM_PAGE_MAX	2000
#define COMM_YEAR_MIN	1980
#define COMM_YEAR_MAX	2100

static const char *const filter_types[] = { "AL", "UA", "OL", "JAL", "JUA",
	"JOL" };
static const char *const filter_categories[] = { "no_response",
	"immaterial", "rejected_unsubstantiated", "responsive_incomplete",
	"investigation_or_steps_announced", "steps_taken" };

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The filter's value if well-formed, else "" (any). */
static const char *
param(struct req *r, const char *name, int (*ok)(const char *))
{
	const char	*s = req_query(r, name);

	return s != NULL && ok(s) ? s : "";
}

static int
year_ok(const char *s)
{
	int64_t	 y;

	return num_parse_i64(s, strlen(s), COMM_YEAR_MIN, COMM_YEAR_MAX,
	    &y) == 0;
}

static int
page_number(struct req *r)
{
	const char	*s = req_query(r, "page");
	int64_t		 n;

	if (s == NULL || num_parse_i64(s, strlen(s), 1, COMM_PAGE_MAX,
	    &n) == -1)
		return 1;
	return (int)n;
}

/* The list's URL with these filters and page p (1: none). */
static const char *
list_href(struct req *r, const struct coop_filter *f, int p)
{
	return arena_printf(r->arena, "/%s/communications?state=%s&mandate=%s"
	    "&type=%s&year=%s&reply=%s&page=%d", lang_code[r->lang], f->state,
	    f->mandate, f->type, f->year, f->category, p);
}

static int
option(struct view *v, const char *list, const char *code, const char *name,
    const char *selected)
{
	struct view	*o;

	return (o = view_list_append(v, list)) == NULL ||
	    view_set_str(o, "code", code) == -1 ||
	    view_set_str(o, "name", name) == -1 ||
	    view_set_bool(o, "selected", strcmp(code, selected) == 0) == -1 ?
	    -1 : 0;
}

static int
fill_filters(struct req *r, struct view *v, const struct coop_filter *f)
{
	struct coop_name	*s, *m;
	size_t			 ns, nm, i;
	enum db_err		 e;
	char			 y[16];
	struct tm		 tm;
	time_t			 now = time(NULL);
	int			 year, this_year;

	if (gmtime_r(&now, &tm) == NULL)
		return 500;
	this_year = tm.tm_year + 1900;
	if ((e = coop_states(r->arena, r->lang, &s, &ns)) != DB_OK ||
	    (e = coop_mandates(r->arena, r->lang, &m, &nm)) != DB_OK)
		return db_http_status(e);
	if (view_set_list(v, "states") == -1 ||
	    view_set_list(v, "mandates") == -1 ||
	    view_set_list(v, "types") == -1 ||
	    view_set_list(v, "years") == -1 ||
	    view_set_list(v, "replies") == -1)
		return 500;
	for (i = 0; i < ns; i++)
		if (option(v, "states", s[i].code, s[i].name, f->state) == -1)
			return 500;
	for (i = 0; i < nm; i++)
		if (option(v, "mandates", m[i].code, m[i].name,
		    f->mandate) == -1)
			return 500;
	for (i = 0; i < NELEM(filter_types); i++)
		if (option(v, "types", filter_types[i], cv_type(r,
		    filter_types[i]), f->type) == -1)
			return 500;
	for (year = this_year; year >= COMM_YEAR_MIN; year--) {
		(void)snprintf(y, sizeof(y), "%d", year);
		if (option(v, "years", y, y, f->year) == -1)
			return 500;
	}
	for (i = 0; i < NELEM(filter_categories); i++)
		if (option(v, "replies", filter_categories[i], cv_category(r,
		    filter_categories[i]), f->category) == -1)
			return 500;
	return 0;
}

static int
fill_rows(struct req *r, struct view *v, const struct coop_comm *c,
    size_t n)
{
	struct view	*it;
	const char	*type, *cat;
	size_t		 i;

	if (view_set_list(v, "rows") == -1)
		return -1;
	for (i = 0; i < n; i++) {
		type = cv_type(r, c[i].type);
		cat = cv_category(r, c[i].category);
		if ((it = view_list_append(v, "rows")) == NULL ||
		    view_set_strf(it, "href", "/%s/communications/%lld",
		    lang_code[r->lang], c[i].id) == -1 ||
		    view_set_str(it, "reference", c[i].reference) == -1 ||
		    view_set_str(it, "type", type != NULL ? type : "") == -1 ||
		    rv_set_date(r, it, "sent", c[i].sent_on) == -1 ||
		    view_set_str(it, "addressee", c[i].addressee) == -1 ||
		    view_set_str(it, "reply", cat != NULL ? cat : "") == -1 ||
		    view_set_bool(it, "confidential", c[i].confidential) == -1)
			return -1;
	}
	return 0;
}

int
page_communications(struct req *r)
{
	struct coop_filter	 f;
	struct coop_comm	*c;
	struct view		*v;
	size_t			 n;
	enum db_err		 e;
	int			 p = page_number(r), rc;

	f.state = param(r, "state", rv_iso3_ok);
	f.mandate = param(r, "mandate", rv_slug_ok);
	f.type = param(r, "type", cv_type_ok);
	f.year = param(r, "year", year_ok);
	f.category = param(r, "reply", cv_category_ok);
	if ((e = coop_comm_list(r->arena, r->lang, &f, COMM_PER_PAGE + 1,
	    (p - 1) * COMM_PER_PAGE, &c, &n)) != DB_OK)
		return db_http_status(e);
	if ((v = page_view(r)) == NULL)
		return 500;
	if ((rc = fill_filters(r, v, &f)) != 0)
		return rc;
	if (view_set_strf(v, "action", "/%s/communications",
	    lang_code[r->lang]) == -1 ||
	    view_set_bool(v, "all_states", *f.state == '\0') == -1 ||
	    view_set_bool(v, "all_mandates", *f.mandate == '\0') == -1 ||
	    view_set_bool(v, "all_types", *f.type == '\0') == -1 ||
	    view_set_bool(v, "all_years", *f.year == '\0') == -1 ||
	    view_set_bool(v, "all_replies", *f.category == '\0') == -1 ||
	    view_set_bool(v, "none", n == 0) == -1 ||
	    view_set_int(v, "page", p) == -1 ||
	    view_set_bool(v, "pager", p > 1 || n > COMM_PER_PAGE) == -1 ||
	    view_set_str(v, "data_csv", "/data/communications.csv") == -1 ||
	    view_set_str(v, "data_json", "/data/communications.json") == -1 ||
	    fill_rows(r, v, c, n > COMM_PER_PAGE ? COMM_PER_PAGE : n) == -1 ||
	    (n > COMM_PER_PAGE && view_set_str(v, "next",
	    list_href(r, &f, p + 1)) == -1) ||
	    (p > 1 && view_set_str(v, "prev", list_href(r, &f, p - 1)) == -1))
		return 500;
	return page_render(r, 200, "communications", v);
}

static int
fill_replies(struct req *r, struct view *v, const struct coop_comm_detail *d)
{
	struct view	*it;
	const char	*cat;
	size_t		 i;

	if (view_set_list(v, "replies") == -1)
		return -1;
	for (i = 0; i < d->nreplies; i++) {
		const struct coop_reply *rp = &d->replies[i];

		cat = cv_category(r, rp->classification);
		if ((it = view_list_append(v, "replies")) == NULL ||
		    rv_set_date(r, it, "date", rp->received_on) == -1 ||
		    view_set_str(it, "classification", cat != NULL ?
		    cat : "") == -1 ||
		    view_set_bool(it, "confidential", rp->confidential) == -1 ||
		    view_set_str(it, "summary", rp->confidential ? "" :
		    rp->summary) == -1)
			return -1;
	}
	return 0;
}

int
page_communication(struct req *r)
{
	struct coop_comm_detail	 d;
	struct view		*v, *c, *it;
	const char		*id = r->params[0], *type, *cat;
	int64_t			 n;
	size_t			 i;
	enum db_err		 e;
	enum lang		 sl;
	int			 found;

	if (id == NULL || num_parse_i64(id, strlen(id), 1, INT64_MAX,
	    &n) == -1)
		return 404;
	if ((e = coop_comm_get(r->arena, r->lang, (long long)n, &d,
	    &found)) != DB_OK)
		return db_http_status(e);
	if (!found)
		return 404;
	type = cv_type(r, d.c.type);
	cat = cv_category(r, d.c.category);
	if (lang_from_code(d.c.summary_lang, 2, &sl) == -1)
		sl = LANG_EN;
	if ((v = page_view(r)) == NULL ||
	    (c = view_set_map(v, "c")) == NULL ||
	    view_set_str(c, "reference", d.c.reference) == -1 ||
	    view_set_str(c, "type", type != NULL ? type : "") == -1 ||
	    rv_set_date(r, c, "sent", d.c.sent_on) == -1 ||
	    rv_set_date(r, c, "public", d.c.public_after) == -1 ||
	    view_set_str(c, "addressee", d.c.addressee) == -1 ||
	    (*d.c.state != '\0' && view_set_strf(c, "state_href",
	    "/%s/states/%s", lang_code[r->lang], d.c.state) == -1) ||
	    view_set_str(c, "summary", d.c.summary) == -1 ||
	    view_set_str(c, "summary_lang", lang_code[sl]) == -1 ||
	    view_set_str(c, "summary_dir", lang_dir[sl]) == -1 ||
	    view_set_str(c, "outcome", cat != NULL ? cat : "") == -1 ||
	    view_set_strf(v, "list_href", "/%s/communications",
	    lang_code[r->lang]) == -1 ||
	    view_set_list(v, "mandates") == -1 ||
	    fill_replies(r, v, &d) == -1)
		return 500;
	for (i = 0; i < d.nmandates; i++)
		if ((it = view_list_append(v, "mandates")) == NULL ||
		    view_set_str(it, "name", d.mandates[i].name) == -1 ||
		    view_set_strf(it, "href", "/%s/communications?mandate=%s",
		    lang_code[r->lang], d.mandates[i].code) == -1)
			return 500;
	return page_render(r, 200, "communication", v);
}
