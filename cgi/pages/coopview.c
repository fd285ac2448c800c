/*
 * View helpers of the public record. The names of codes are msgids (N_)
 * so that scripts/i18n.sh extracts them and every catalog translates
 * them; the wording follows OHCHR's communications reports and the
 * study's reply categories.
 */
#include <stdio.h>
#include <string.h>

#include "data/coop.h"
#include "http/request.h"
#include "pages/common.h"
#include "pages/coopview.h"
#include "pages/refview.h"
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

int
cv_set_percent(struct req *r, struct view *v, const char *key, long long n,
    long long total)
{
	long long	 t = total > 0 ? (n * 1000 + total / 2) / total : 0;
	const char	*sep, *sign;

	switch (r->lang) {
	case LANG_FR:
		sep = ",";
		sign = "\xe2\x80\xaf%";		/* narrow no-break space */
		break;
	case LANG_ES:
	case LANG_RU:
		sep = ",";
		sign = "\xc2\xa0%";		/* no-break space */
		break;
	default:
		sep = ".";
		sign = "%";
		break;
	}
	return view_set_strf(v, key, "%lld%s%lld%s", t / 10, sep, t % 10,
	    sign);
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

/* The reply rate and the classification, n next to every percentage. */
static int
fill_replies(struct req *r, struct view *c, const struct coop_record *d,
    long long total)
{
	struct view	*it;
	long long	 none = 0, conf = 0, n;
	size_t		 i, j;

	for (i = 0; i < d->ncategories; i++) {
		if (strcmp(d->categories[i].category, "no_response") == 0)
			none = d->categories[i].n;
		conf += d->categories[i].confidential;
	}
	if (rv_set_int(r, c, "replied", total - none) == -1 ||
	    cv_set_percent(r, c, "reply_rate", total - none, total) == -1 ||
	    view_set_list(c, "categories") == -1)
		return -1;
	for (j = 0; j < NELEM(categories); j++) {
		for (i = 0, n = 0; i < d->ncategories; i++)
			if (strcmp(d->categories[i].category,
			    categories[j].code) == 0)
				n = d->categories[i].n;
		if ((it = view_list_append(c, "categories")) == NULL ||
		    view_set_str(it, "code", categories[j].code) == -1 ||
		    view_set_str(it, "name", page_tr(r,
		    categories[j].msgid)) == -1 ||
		    rv_set_int(r, it, "n", n) == -1 ||
		    cv_set_percent(r, it, "pct", n, total) == -1)
			return -1;
	}
	if (conf > 0 && (rv_set_int(r, c, "confidential", conf) == -1 ||
	    cv_set_percent(r, c, "confidential_pct", conf,
	    total - none) == -1))
		return -1;
	return 0;
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
	struct view	*it;
	long long	 total = 0, n;
	size_t		 i, j;

	if (view_set_list(c, "recs") == -1)
		return -1;
	for (i = 0; i < d->nrecs; i++)
		total += d->recs[i].n;
	for (j = 0; total > 0 && j < NELEM(rec_statuses); j++) {
		for (i = 0, n = 0; i < d->nrecs; i++)
			if (strcmp(d->recs[i].code, rec_statuses[j].code) == 0)
				n = d->recs[i].n;
		if ((it = view_list_append(c, "recs")) == NULL ||
		    view_set_str(it, "name", page_tr(r,
		    rec_statuses[j].msgid)) == -1 ||
		    rv_set_int(r, it, "n", n) == -1 ||
		    cv_set_percent(r, it, "pct", n, total) == -1)
			return -1;
	}
	return total > 0 ? rv_set_int(r, c, "recs_total", total) : 0;
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
	    (total > 0 && (fill_years(r, c, &d) == -1 ||
	    fill_replies(r, c, &d, total) == -1)) ||
	    fill_visits(r, c, &d) == -1 || fill_recs(r, c, &d) == -1)
		return 500;
	return 0;
}
