/*
 * View helpers of the public record. The names of codes are msgids (N_)
 * so that scripts/i18n.sh extracts them and every catalog translates
 * them; the wording follows OHCHR's communications reports and the
 * study's reply categories.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "data/coop.h"
#include "http/request.h"
#include "pages/common.h"
#include "pages/coopview.h"
#include "pages/refview.h"
#include "view/chart.h"
#include "view/i18n.h"
#include "view/lang.h"
#include "view/view.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

struct code_name {
	const char	*code;
	const char	*msgid;
};

static const struct code_name types[] = {
	{ "AL", N_("Allegation letter") },
	{ "UA", N_("Urgent appeal") },
	{ "OL", N_("Other letter") },
	{ "JAL", N_("Joint allegation letter") },
	{ "JUA", N_("Joint urgent appeal") },
	{ "JOL", N_("Joint other letter") },
};

/* In the order of the State page: no reply first, then worst to best. */
static const struct code_name categories[] = {
	{ "no_response", N_("No reply") },
	{ "immaterial", N_("Immaterial reply") },
	{ "rejected_unsubstantiated",
	    N_("Allegations rejected without substantiation") },
	{ "responsive_incomplete", N_("Responsive but incomplete reply") },
	{ "investigation_or_steps_announced",
	    N_("Investigation or steps announced") },
	{ "steps_taken", N_("Steps taken to address the allegations") },
};

static const struct code_name visit_statuses[] = {
	{ "requested", N_("Requested") },
	{ "reminder_sent", N_("Reminder sent") },
	{ "acknowledged", N_("Request acknowledged") },
	{ "invited", N_("Invited by the State") },
	{ "accepted", N_("Accepted") },
	{ "dates_proposed", N_("Dates proposed") },
	{ "declined", N_("Declined") },
	{ "completed", N_("Visit completed") },
};

static const struct code_name rec_statuses[] = {
	{ "implemented", N_("Implemented") },
	{ "partially_implemented", N_("Partially implemented") },
	{ "not_implemented", N_("Not implemented") },
	{ "no_information", N_("No information") },
};

static const char *
lookup(struct req *r, const struct code_name *t, size_t n, const char *code)
{
	size_t	 i;

	for (i = 0; code != NULL && i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return r != NULL ? page_tr(r, t[i].msgid) : t[i].msgid;
	return NULL;
}

const char *
cv_type(struct req *r, const char *type)
{
	return lookup(r, types, NELEM(types), type);
}

const char *
cv_category(struct req *r, const char *category)
{
	return lookup(r, categories, NELEM(categories), category);
}

const char *
cv_visit_status(struct req *r, const char *status)
{
	return lookup(r, visit_statuses, NELEM(visit_statuses), status);
}

const char *
cv_rec_status(struct req *r, const char *status)
{
	return lookup(r, rec_statuses, NELEM(rec_statuses), status);
}

int
cv_type_ok(const char *s)
{
	return lookup(NULL, types, NELEM(types), s) != NULL;
}

int
cv_category_ok(const char *s)
{
	return lookup(NULL, categories, NELEM(categories), s) != NULL;
}

/* Requested and not yet answered, accepted or declined. */
int
cv_visit_pending(const char *status)
{
	return strcmp(status, "requested") == 0 ||
	    strcmp(status, "reminder_sent") == 0 ||
	    strcmp(status, "acknowledged") == 0;
}

/* The decimal separator and the percent sign of the language. */
static void
number_marks(const struct req *r, const char **sep, const char **sign)
{
	switch (r->lang) {
	case LANG_FR:
		*sep = ",";
		*sign = "\xe2\x80\xaf%";	/* narrow no-break space */
		break;
	case LANG_ES:
	case LANG_RU:
		*sep = ",";
		*sign = "\xc2\xa0%";		/* no-break space */
		break;
	default:
		*sep = ".";
		*sign = "%";
		break;
	}
}

int
cv_set_percent(struct req *r, struct view *v, const char *key, long long n,
    long long total)
{
	long long	 t = total > 0 ? (n * 1000 + total / 2) / total : 0;
	const char	*sep, *sign;

	number_marks(r, &sep, &sign);
	return view_set_strf(v, key, "%lld%s%lld%s", t / 10, sep, t % 10,
	    sign);
}

int
cv_set_half(struct req *r, struct view *v, const char *key, long long twice)
{
	const char	*sep, *sign;

	if (twice % 2 == 0)
		return rv_set_int(r, v, key, twice / 2);
	number_marks(r, &sep, &sign);
	return view_set_strf(v, key, "%lld%s5", twice / 2, sep);
}

static const struct {
	const struct code_name	*t;
	size_t			 n;
} sets[CV__MAX] = {
	[CV_CATEGORIES] = { categories, NELEM(categories) },
	[CV_VISIT_STATUSES] = { visit_statuses, NELEM(visit_statuses) },
	[CV_REC_STATUSES] = { rec_statuses, NELEM(rec_statuses) },
};

const char *
cv_set_code(enum cv_set set, size_t i)
{
	return i < sets[set].n ? sets[set].t[i].code : NULL;
}

const char *
cv_set_name(struct req *r, enum cv_set set, size_t i)
{
	return i < sets[set].n ? page_tr(r, sets[set].t[i].msgid) : NULL;
}

static long long
count_of(const struct coop_count *c, size_t n, const char *code)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(c[i].code, code) == 0)
			return c[i].n;
	return 0;
}

int
cv_counts(struct req *r, struct view *v, const char *key, enum cv_set set,
    const struct coop_count *c, size_t n, const char *chart_id,
    const char *title)
{
	const struct code_name	*t = sets[set].t;
	struct chart_item	 items[NELEM(visit_statuses)];	/* the largest */
	struct view		*it;
	const char		*ckey;
	long long		 total = 0;
	size_t			 i;

	for (i = 0; i < n; i++)
		total += c[i].n;
	if ((ckey = arena_printf(r->arena, "%s_chart", key)) == NULL ||
	    view_set_list(v, key) == -1)
		return -1;
	for (i = 0; i < sets[set].n && i < NELEM(items); i++) {
		items[i].n = count_of(c, n, t[i].code);
		items[i].label = page_tr(r, t[i].msgid);
		if ((it = view_list_append(v, key)) == NULL ||
		    view_set_str(it, "code", t[i].code) == -1 ||
		    view_set_str(it, "name", items[i].label) == -1 ||
		    rv_set_int(r, it, "n", items[i].n) == -1 ||
		    cv_set_percent(r, it, "pct", items[i].n, total) == -1 ||
		    (items[i].value = arena_printf(r->arena, "%s (%s)",
		    view_get_str(it, "n"), view_get_str(it, "pct"))) == NULL)
			return -1;
	}
	return chart_view(v, ckey, CHART_BARS, chart_id, title,
	    page_tr(r, N_("Bar chart. The same numbers are in the table.")),
	    lang_dir[r->lang][0] == 'r', items, i);
}

/* Letters by year (rows) and type (columns, the types present). */
static int
fill_years(struct req *r, struct view *c, const struct coop_record *d)
{
	struct view	*row = NULL, *cell, *it;
	long long	 tot = 0;
	size_t		 i, j, k;
	int		 present[NELEM(types)] = { 0 }, year = -1;

	for (i = 0; i < d->nyears; i++)
		for (j = 0; j < NELEM(types); j++)
			if (strcmp(d->years[i].type, types[j].code) == 0)
				present[j] = 1;
	if (view_set_list(c, "types") == -1 || view_set_list(c, "years") == -1)
		return -1;
	for (j = 0; j < NELEM(types); j++)
		if (present[j] && ((it = view_list_append(c, "types")) == NULL ||
		    view_set_str(it, "code", types[j].code) == -1 ||
		    view_set_str(it, "name", page_tr(r, types[j].msgid)) == -1))
			return -1;
	for (i = 0; i < d->nyears; i = k) {
		year = d->years[i].year;
		if ((row = view_list_append(c, "years")) == NULL ||
		    view_set_int(row, "year", year) == -1 ||
		    view_set_list(row, "cells") == -1)
			return -1;
		tot = 0;
		for (k = i; k < d->nyears && d->years[k].year == year; k++)
			tot += d->years[k].n;
		for (j = 0; j < NELEM(types); j++) {
			long long n = 0;

			if (!present[j])
				continue;
			for (k = i; k < d->nyears && d->years[k].year == year;
			    k++)
				if (strcmp(d->years[k].type, types[j].code) == 0)
					n = d->years[k].n;
			if ((cell = view_list_append(row, "cells")) == NULL ||
			    rv_set_int(r, cell, "n", n) == -1)
				return -1;
		}
		if (rv_set_int(r, row, "total", tot) == -1)
			return -1;
		for (k = i; k < d->nyears && d->years[k].year == year; k++)
			;
	}
	return 0;
}

/* The reply rate, the classification and the median days to reply. */
static int
fill_replies(struct req *r, struct view *c, const struct coop_record *d,
    long long total)
{
	struct coop_count	*cc;
	long long		 none = 0, conf = 0;
	size_t			 i;

	if ((cc = arena_calloc(r->arena, d->ncategories + 1,
	    sizeof(*cc))) == NULL)
		return -1;
	for (i = 0; i < d->ncategories; i++) {
		if (strcmp(d->categories[i].category, "no_response") == 0)
			none = d->categories[i].n;
		conf += d->categories[i].confidential;
		cc[i].code = d->categories[i].category;
		cc[i].n = d->categories[i].n;
	}
	if (rv_set_int(r, c, "replied", total - none) == -1 ||
	    cv_set_percent(r, c, "reply_rate", total - none, total) == -1 ||
	    cv_counts(r, c, "categories", CV_CATEGORIES, cc, d->ncategories,
	    "chart-replies", page_tr(r, N_("Communications by the "
	    "classification of the latest reply"))) == -1)
		return -1;
	if (d->answered > 0 && (rv_set_int(r, c, "answered", d->answered) ==
	    -1 || cv_set_half(r, c, "median_days", d->median2) == -1))
		return -1;
	if (conf > 0 && (rv_set_int(r, c, "confidential", conf) == -1 ||
	    cv_set_percent(r, c, "confidential_pct", conf,
	    total - none) == -1))
		return -1;
	return 0;
}

/* The visit requests counted by status, for the chart and its table. */
static int
fill_visit_statuses(struct req *r, struct view *c, const struct coop_record *d)
{
	struct coop_count	 cc[NELEM(visit_statuses)];
	size_t			 i, j;

	for (j = 0; j < NELEM(visit_statuses); j++) {
		cc[j].code = visit_statuses[j].code;
		cc[j].n = 0;
		for (i = 0; i < d->nvisits; i++)
			if (strcmp(d->visits[i].status, cc[j].code) == 0)
				cc[j].n++;
	}
	return rv_set_int(r, c, "visits_total", (long long)d->nvisits) == -1 ||
	    cv_counts(r, c, "visit_statuses", CV_VISIT_STATUSES, cc,
	    NELEM(cc), "chart-visits", page_tr(r, N_("Visit requests by "
	    "status"))) == -1 ? -1 : 0;
}

static int
fill_visits(struct req *r, struct view *c, const struct coop_record *d)
{
	struct view	*it;
	const char	*st;
	size_t		 i;

	if (view_set_list(c, "visits") == -1)
		return -1;
	for (i = 0; i < d->nvisits; i++) {
		const struct coop_visit *vi = &d->visits[i];
		int pending = cv_visit_pending(vi->status);

		st = cv_visit_status(r, vi->status);
		if ((it = view_list_append(c, "visits")) == NULL ||
		    view_set_str(it, "mandate", vi->mandate_name) == -1 ||
		    rv_set_date(r, it, "requested", vi->requested_on) == -1 ||
		    view_set_str(it, "status", st != NULL ? st : "") == -1 ||
		    view_set_bool(it, "pending", pending) == -1 ||
		    (pending && rv_set_int(r, it, "days", vi->days) == -1) ||
		    (*vi->visit_start != '\0' && rv_set_date(r, it, "start",
		    vi->visit_start) == -1) ||
		    (*vi->visit_end != '\0' && rv_set_date(r, it, "end",
		    vi->visit_end) == -1))
			return -1;
	}
	return 0;
}

static int
fill_recs(struct req *r, struct view *c, const struct coop_record *d)
{
	long long	 total = 0;
	size_t		 i;

	for (i = 0; i < d->nrecs; i++)
		total += d->recs[i].n;
	if (total == 0)
		return view_set_list(c, "recs");
	return rv_set_int(r, c, "recs_total", total) == -1 ||
	    cv_counts(r, c, "recs", CV_REC_STATUSES, d->recs, d->nrecs,
	    "chart-recs", page_tr(r, N_("Recommendations by implementation "
	    "status"))) == -1 ? -1 : 0;
}

int
cv_state_record(struct req *r, struct view *v, const char *iso3)
{
	struct coop_record	 d;
	struct view		*c;
	long long		 total = 0;
	size_t			 i;
	enum db_err		 e;

	if ((e = coop_state_record(r->arena, r->lang, iso3, &d)) != DB_OK)
		return db_http_status(e);
	if (d.nyears == 0 && d.nvisits == 0 && d.nrecs == 0)
		return 0;
	for (i = 0; i < d.nyears; i++)
		total += d.years[i].n;
	if ((c = view_set_map(v, "coop")) == NULL ||
	    view_set_bool(c, "has_comms", total > 0) == -1 ||
	    rv_set_int(r, c, "total", total) == -1 ||
	    view_set_strf(c, "href", "/%s/communications?state=%s",
	    lang_code[r->lang], iso3) == -1 ||
	    view_set_strf(c, "codebook_href", "/%s/codebook",
	    lang_code[r->lang]) == -1 ||
	    (total > 0 && (fill_years(r, c, &d) == -1 ||
	    fill_replies(r, c, &d, total) == -1)) ||
	    fill_visits(r, c, &d) == -1 || fill_recs(r, c, &d) == -1 ||
	    (d.nvisits > 0 && fill_visit_statuses(r, c, &d) == -1))
		return 500;
	return 0;
}
