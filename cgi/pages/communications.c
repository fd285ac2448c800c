/*
 * GET /{lang}/communications: the public communications database, and
 * GET /{lang}/communications/{id}: one communication (its permalink).
 *
 * The list's filters are a GET form answered by the server (no
 * JavaScript). Declared input, each checked for shape and dropped (as
 * "any") when malformed: state (ISO alpha-3), mandate (a slug), type
 * (AL, UA, OL, JAL, JUA, JOL), year (1980 to 2100), reply (a reply
 * classification or no_response), page (1 to TV_PAGE_MAX), and q, a
 * search of the public summaries (data/tracker.c, 0008_search.sql):
 * words, "a phrase", or, -word, at most COMM_Q_MAX characters; a longer
 * one is an error beside the field, kept as typed, and searches nothing.
 * Order: date sent, newest first, then id, so that pages are stable;
 * COMM_PER_PAGE a page, one more fetched to know whether there is a
 * next page.
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
#include "data/tracker.h"
#include "http/request.h"
#include "pages/common.h"
#include "pages/coopview.h"
#include "pages/pages.h"
#include "pages/refview.h"
#include "pages/trackview.h"
#include "view/i18n.h"
#include "view/lang.h"
#include "view/view.h"

#define COMM_PER_PAGE	50
#define COMM_YEAR_MIN	1980
#define COMM_YEAR_MAX	2100
#define COMM_Q_MAX	200	/* characters of a search (its error says 200) */

static const char *const filter_types[] = { "AL", "UA", "OL", "JAL", "JUA",
	"JOL" };
static const char *const filter_categories[] = { "no_response",
	"immaterial", "rejected_unsubstantiated", "responsive_incomplete",
	"investigation_or_steps_announced", "steps_taken" };

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static int
year_ok(const char *s)
{
	int64_t	 y;

	return num_parse_i64(s, strlen(s), COMM_YEAR_MIN, COMM_YEAR_MAX,
	    &y) == 0;
}

/* Characters (UTF-8 checked by the request layer), not bytes. */
static size_t
nchars(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* The search text, trimmed of spaces at both ends; "" for none. */
static const char *
search_text(struct req *r)
{
	const char	*s = req_query(r, "q");
	size_t		 n;

	if (s == NULL)
		return "";
	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return arena_strndup(r->arena, s, n);
}

static int
fill_filters(struct req *r, struct view *v, const struct coop_filter *f)
{
	char			 y[16];
	struct tm		 tm;
	time_t			 now = time(NULL);
	size_t			 i;
	int			 year, this_year, rc;

	if (gmtime_r(&now, &tm) == NULL)
		return 500;
	this_year = tm.tm_year + 1900;
	if ((rc = tv_place_filters(r, v, f->state, f->mandate)) != 0)
		return rc;
	if (view_set_list(v, "types") == -1 ||
	    view_set_list(v, "years") == -1 ||
	    view_set_list(v, "replies") == -1)
		return 500;
	for (i = 0; i < NELEM(filter_types); i++)
		if (tv_option(v, "types", filter_types[i], cv_type(r,
		    filter_types[i]), f->type) == -1)
			return 500;
	for (year = this_year; year >= COMM_YEAR_MIN; year--) {
		(void)snprintf(y, sizeof(y), "%d", year);
		if (tv_option(v, "years", y, y, f->year) == -1)
			return 500;
	}
	for (i = 0; i < NELEM(filter_categories); i++)
		if (tv_option(v, "replies", filter_categories[i],
		    cv_category(r, filter_categories[i]), f->category) == -1)
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

/* The rows of page p: searched when there is a search text. */
static enum db_err
list_rows(struct req *r, const struct coop_filter *f, const char *q, int p,
    struct coop_comm **c, size_t *n)
{
	if (*q == '\0')
		return coop_comm_list(r->arena, r->lang, f, COMM_PER_PAGE + 1,
		    (p - 1) * COMM_PER_PAGE, c, n);
	return trk_comm_search(r->arena, r->lang, f, q, COMM_PER_PAGE + 1,
	    (p - 1) * COMM_PER_PAGE, c, n);
}

/* The form's own keys: the choices "any", the search and its error. */
static int
fill_form(struct req *r, struct view *v, const struct coop_filter *f,
    const char *q, int q_bad)
{
	return view_set_bool(v, "all_types", *f->type == '\0') == -1 ||
	    view_set_bool(v, "all_years", *f->year == '\0') == -1 ||
	    view_set_bool(v, "all_replies", *f->category == '\0') == -1 ||
	    view_set_str(v, "q", q) == -1 ||
	    view_set_int(v, "q_max", COMM_Q_MAX) == -1 ||
	    view_set_str(v, "q_described", q_bad ? "q-help q-err" :
	    "q-help") == -1 ||
	    (q_bad && (view_set_str(v, "q_error", page_tr(r,
	    N_("The search is too long: at most 200 characters."))) == -1 ||
	    view_set_str(v, "q_invalid", "true") == -1)) ? -1 : 0;
}

int
page_communications(struct req *r)
{
	struct coop_filter	 f;
	struct coop_comm	*c = NULL;
	struct view		*v;
	size_t			 n = 0;
	enum db_err		 e;
	const char		*q, *path;
	int			 p = tv_page(r), rc, q_bad;

	f.state = tv_param(r, "state", rv_iso3_ok);
	f.mandate = tv_param(r, "mandate", rv_slug_ok);
	f.type = tv_param(r, "type", cv_type_ok);
	f.year = tv_param(r, "year", year_ok);
	f.category = tv_param(r, "reply", cv_category_ok);
	if ((q = search_text(r)) == NULL || (path = arena_printf(r->arena,
	    "/%s/communications", lang_code[r->lang])) == NULL)
		return 500;
	/* Too long: said beside the field; nothing is searched. */
	if ((q_bad = nchars(q) > COMM_Q_MAX) == 0 &&
	    (e = list_rows(r, &f, q, p, &c, &n)) != DB_OK)
		return db_http_status(e);
	const struct tv_kv kv[] = { { "q", q_bad ? "" : q },
	    { "state", f.state }, { "mandate", f.mandate },
	    { "type", f.type }, { "year", f.year }, { "reply", f.category } };
	if ((v = page_view(r)) == NULL)
		return 500;
	if ((rc = fill_filters(r, v, &f)) != 0)
		return rc;
	if (view_set_str(v, "action", path) == -1 ||
	    fill_form(r, v, &f, q, q_bad) == -1 ||
	    view_set_bool(v, "none", n == 0 && !q_bad) == -1 ||
	    view_set_str(v, "data_csv", "/data/communications.csv") == -1 ||
	    view_set_str(v, "data_json", "/data/communications.json") == -1 ||
	    fill_rows(r, v, c, n > COMM_PER_PAGE ? COMM_PER_PAGE : n) == -1 ||
	    tv_pager(r, v, path, kv, NELEM(kv), p, n > COMM_PER_PAGE) == -1)
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
