/*
 * GET /{lang}/analysis: the study's breakdowns, computed live from the
 * summaries kept on write (data/analysis.c): communications to States by
 * the classification of their latest reply, overall and by regional
 * group, regime type, mandate and year; the States ranked by reply rate;
 * visit requests and recommendations by status. Every percentage has
 * its n beside it; charts are inline SVG drawn here (view/chart.h) with
 * the same numbers in a table.
 *
 * GET /{lang}/analysis/{table}.csv: each table as CSV (names in the
 * language of the path, codes beside them; percentages with one decimal
 * and a point, rounded half up, "" when there is nothing to divide).
 * An unknown table is a 404.
 *
 * Definitions (also in the page's methodology note): reply rate = letters
 * with at least one reply / letters; substantive = the latest reply is
 * responsive but incomplete, announces an investigation or steps, or
 * reports steps taken (an_categories from AN_SUBSTANTIVE_FROM).
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/csv.h"
#include "core/writer.h"
#include "data/analysis.h"
#include "data/coop.h"
#include "http/request.h"
#include "http/response.h"
#include "pages/common.h"
#include "pages/coopview.h"
#include "pages/pages.h"
#include "pages/refview.h"
#include "view/chart.h"
#include "view/i18n.h"
#include "view/lang.h"
#include "view/view.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define CSV_NAME_MAX	1024	/* a quoted name: names are short */

/* The breakdown tables, in the page's order, and their CSV names. */
static const struct {
	enum an_by	 by;
	const char	*id;		/* the table's id and CSV name */
	const char	*caption;
	const char	*head;		/* the first column's heading */
} tables[] = {
	{ AN_BY_REGION, "regions", N_("Replies by regional group"),
	    N_("Regional group") },
	{ AN_BY_REGIME, "regimes", N_("Replies by regime type in the year "
	    "of the communication"), N_("Regime type") },
	{ AN_BY_MANDATE, "mandates", N_("Replies by mandate"),
	    N_("Mandate") },
	{ AN_BY_YEAR, "years", N_("Replies by year sent"), N_("Year") },
	{ AN_BY_STATE, "states", N_("States ranked by reply rate"),
	    N_("State") },
};

/* The simple counts and their CSV names. */
static const struct {
	const char	*id;
	enum cv_set	 set;
} count_tables[] = {
	{ "categories", CV_CATEGORIES },
	{ "visits", CV_VISIT_STATUSES },
	{ "recommendations", CV_REC_STATUSES },
};

static long long
replied(const struct an_group *g)
{
	return g->total - g->n[0];
}

static long long
substantive(const struct an_group *g)
{
	long long	 s = 0;
	int		 k;

	for (k = AN_SUBSTANTIVE_FROM; k < AN_NCAT; k++)
		s += g->n[k];
	return s;
}

/* Higher reply rate first, then more letters, then the name order. */
static int
by_rate(const void *a, const void *b)
{
	const struct an_group *x = a, *y = b;
	long long	 l = replied(x) * y->total, r = replied(y) * x->total;

	if (l != r)
		return l > r ? -1 : 1;
	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Ranks shared by equal rates ("1, 1, 3"). */
static void
rank(struct an_breakdown *b, int *ranks)
{
	size_t	 i;

	for (i = 0; i < b->ngroups; i++)
		ranks[i] = i > 0 && replied(&b->groups[i]) *
		    b->groups[i - 1].total == replied(&b->groups[i - 1]) *
		    b->groups[i].total ? ranks[i - 1] : (int)i + 1;
}

/* A group's name in the language. */
static const char *
group_name(struct req *r, enum an_by by, const struct an_group *g)
{
	const char	*s;

	if (by == AN_BY_REGION && strcmp(g->code, AN_OBSERVERS) == 0)
		return page_tr(r, N_("Non-member observer States"));
	if (by != AN_BY_REGIME)
		return g->name;
	if (strcmp(g->code, AN_REGIME_NONE) == 0)
		return page_tr(r, N_("Not coded"));
	s = rv_regime(r, atoi(g->code));
	return s != NULL ? s : g->code;
}

/* Loads a breakdown, the States ranked. */
static enum db_err
load(struct req *r, enum an_by by, struct an_breakdown *b, int **ranks)
{
	enum db_err	 e;

	if ((e = an_breakdown(r->arena, r->lang, by, b)) != DB_OK)
		return e;
	if ((*ranks = arena_calloc(r->arena, b->ngroups + 1,
	    sizeof(**ranks))) == NULL)
		return DB_ERROR;
	if (by == AN_BY_STATE) {
		qsort(b->groups, b->ngroups, sizeof(*b->groups), by_rate);
		rank(b, *ranks);
	}
	return DB_OK;
}

static int
fill_row(struct req *r, struct view *row, enum an_by by,
    const struct an_group *g, int rk)
{
	struct view	*cell;
	int		 k;

	if (view_set_str(row, "name", group_name(r, by, g)) == -1 ||
	    (by == AN_BY_STATE && (view_set_strf(row, "href", "/%s/states/%s",
	    lang_code[r->lang], g->code) == -1 ||
	    view_set_int(row, "rank", rk) == -1)) ||
	    rv_set_int(r, row, "total", g->total) == -1 ||
	    rv_set_int(r, row, "replied", replied(g)) == -1 ||
	    cv_set_percent(r, row, "reply_rate", replied(g), g->total) == -1 ||
	    rv_set_int(r, row, "subst", substantive(g)) == -1 ||
	    cv_set_percent(r, row, "subst_pct", substantive(g),
	    g->total) == -1 || view_set_list(row, "cells") == -1)
		return -1;
	for (k = 0; k < AN_NCAT; k++)
		if ((cell = view_list_append(row, "cells")) == NULL ||
		    rv_set_int(r, cell, "n", g->n[k]) == -1 ||
		    cv_set_percent(r, cell, "pct", g->n[k], g->total) == -1)
			return -1;
	return 0;
}

/* The letters per year as columns: the trend. */
static int
fill_trend(struct req *r, struct view *v, const struct an_breakdown *b)
{
	struct chart_item	*it;
	size_t			 i, n = b->ngroups;

	if (n > CHART_MAX_ITEMS)
		n = CHART_MAX_ITEMS;	/* the table still has every year */
	if ((it = arena_calloc(r->arena, n + 1, sizeof(*it))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		it[i].label = b->groups[i].name;
		it[i].n = b->groups[i].total;
		if ((it[i].value = arena_printf(r->arena, "%lld",
		    b->groups[i].total)) == NULL)
			return -1;
	}
	return chart_view(v, "trend_chart", CHART_COLUMNS, "chart-years",
	    page_tr(r, N_("Communications by year sent")), page_tr(r,
	    N_("Column chart of the number of public communications each "
	    "year. The same numbers are in the table.")),
	    lang_dir[r->lang][0] == 'r', it, n);
}

static int
fill_table(struct req *r, struct view *v, size_t t)
{
	struct an_breakdown	 b;
	struct view		*tv, *row;
	int			*ranks;
	size_t			 i;

	if (load(r, tables[t].by, &b, &ranks) != DB_OK ||
	    (tv = view_list_append(v, tables[t].by == AN_BY_STATE ?
	    "rankings" : "tables")) == NULL ||
	    view_set_str(tv, "id", tables[t].id) == -1 ||
	    view_set_str(tv, "caption", page_tr(r, tables[t].caption)) == -1 ||
	    view_set_str(tv, "head", page_tr(r, tables[t].head)) == -1 ||
	    view_set_strf(tv, "csv", "/%s/analysis/%s.csv",
	    lang_code[r->lang], tables[t].id) == -1 ||
	    view_set_list(tv, "rows") == -1)
		return -1;
	for (i = 0; i < b.ngroups; i++)
		if ((row = view_list_append(tv, "rows")) == NULL ||
		    fill_row(r, row, tables[t].by, &b.groups[i], ranks[i]) == -1)
			return -1;
	return tables[t].by == AN_BY_YEAR && b.ngroups > 0 ?
	    fill_trend(r, v, &b) : 0;
}

/* A simple count table's data, as coop_count. */
static enum db_err
load_counts(struct req *r, enum cv_set set, struct coop_count **out,
    size_t *n, long long *conf)
{
	struct an_count	*c;
	enum db_err	 e;
	size_t		 i;

	*conf = 0;
	e = set == CV_CATEGORIES ? an_categories_overall(r->arena, &c, n) :
	    set == CV_VISIT_STATUSES ? an_visit_statuses(r->arena, &c, n) :
	    an_rec_statuses(r->arena, &c, n);
	if (e != DB_OK)
		return e;
	if ((*out = arena_calloc(r->arena, *n + 1, sizeof(**out))) == NULL)
		return DB_ERROR;
	for (i = 0; i < *n; i++) {
		(*out)[i].code = c[i].code;
		(*out)[i].n = c[i].n;
		*conf += c[i].confidential;
	}
	return DB_OK;
}

static long long
sum(const struct coop_count *c, size_t n)
{
	long long	 s = 0;

	while (n-- > 0)
		s += c[n].n;
	return s;
}

static int
fill_counts(struct req *r, struct view *v)
{
	static const char *const titles[] = {
	    N_("Public communications by the classification of the latest "
	    "reply"), N_("Visit requests by status"),
	    N_("Recommendations by implementation status") };
	static const char *const charts[] = { "chart-categories",
	    "chart-visits", "chart-recs" };
	struct coop_count	*c;
	struct view		*m;
	long long		 conf;
	size_t			 n, t;

	for (t = 0; t < NELEM(count_tables); t++) {
		if (load_counts(r, count_tables[t].set, &c, &n, &conf) != DB_OK ||
		    (m = view_set_map(v, count_tables[t].id)) == NULL ||
		    rv_set_int(r, m, "total", sum(c, n)) == -1 ||
		    view_set_bool(m, "any", sum(c, n) > 0) == -1 ||
		    view_set_strf(m, "csv", "/%s/analysis/%s.csv",
		    lang_code[r->lang], count_tables[t].id) == -1 ||
		    cv_counts(r, m, "rows", count_tables[t].set, c, n,
		    charts[t], page_tr(r, titles[t])) == -1)
			return -1;
		if (t == 0 && conf > 0 &&
		    rv_set_int(r, m, "confidential", conf) == -1)
			return -1;
	}
	return 0;
}

static int
fill_categories(struct req *r, struct view *v)
{
	struct view	*it;
	int		 k;

	if (view_set_list(v, "cats") == -1)
		return -1;
	for (k = 0; k < AN_NCAT; k++)
		if ((it = view_list_append(v, "cats")) == NULL ||
		    view_set_str(it, "code", an_categories[k]) == -1 ||
		    view_set_str(it, "name", cv_category(r,
		    an_categories[k])) == -1)
			return -1;
	return 0;
}

int
page_analysis(struct req *r)
{
	struct view	*v;
	size_t		 t;

	if ((v = page_view(r)) == NULL || fill_categories(r, v) == -1 ||
	    fill_counts(r, v) == -1 || view_set_list(v, "tables") == -1 ||
	    view_set_list(v, "rankings") == -1 ||
	    view_set_strf(v, "codebook_href", "/%s/codebook",
	    lang_code[r->lang]) == -1)
		return 500;
	for (t = 0; t < NELEM(tables); t++)
		if (fill_table(r, v, t) == -1)
			return 500;
	return page_render(r, 200, "analysis", v);
}

/* CSV */

/* n / total in percent, one decimal, half up; "" for total 0. */
static const char *
csv_pct(struct req *r, long long n, long long total)
{
	long long	 t;

	if (total <= 0)
		return "";
	t = (n * 1000 + total / 2) / total;
	return arena_printf(r->arena, "%lld.%lld", t / 10, t % 10);
}

/* Fields, comma-separated, then CRLF; NULL ends the list. */
static int
csv_line(struct req *r, const char *const *f)
{
	char	 q[CSV_NAME_MAX];
	size_t	 i, n;

	for (i = 0; f[i] != NULL; i++) {
		if ((n = csv_quote(f[i], strlen(f[i]), q, sizeof(q))) >
		    sizeof(q) || (i > 0 && w_write(&r->out, ",", 1) == -1) ||
		    w_write(&r->out, q, n) == -1)
			return -1;
	}
	return w_write(&r->out, "\r\n", 2);
}

/*
 * The headers and the status line of a CSV table, once its data is
 * loaded (a failure before this is an error page, not a download).
 * 1 when the body should follow, 0 when the response is complete.
 */
static int
begin_csv(struct req *r)
{
	const char	*p = r->params[0], *disp;

	/* "analysis-regions-fr.csv" (find_table checked the ".csv") */
	if ((disp = arena_printf(r->arena, "attachment; filename=\"analysis-"
	    "%.*s-%s.csv\"", (int)(strlen(p) - 4), p,
	    lang_code[r->lang])) == NULL) {
		r->out.failed = 1;
		return 0;
	}
	r->resp.csp = CSP_DOWNLOAD;
	if (resp_header(r, "Content-Disposition", disp) == -1 ||
	    resp_begin(r, 200, "text/csv; charset=utf-8; header=present") ==
	    -1) {
		r->out.failed = 1;
		return 0;
	}
	return !r->resp.head_only;
}

static const char *
num(struct req *r, long long n)
{
	return arena_printf(r->arena, "%lld", n);
}

static int
csv_breakdown(struct req *r, size_t t)
{
	struct an_breakdown	 b;
	const char		*f[8 + 2 * AN_NCAT + 1];
	int			*ranks, k, j, state = tables[t].by == AN_BY_STATE;
	size_t			 i;

	if (load(r, tables[t].by, &b, &ranks) != DB_OK)
		return 500;
	if (!begin_csv(r))
		return 0;
	j = 0;
	if (state)
		f[j++] = "rank";
	f[j++] = "code"; f[j++] = "name"; f[j++] = "total";
	f[j++] = "replied"; f[j++] = "reply_rate_pct";
	f[j++] = "substantive"; f[j++] = "substantive_pct";
	for (k = 0; k < AN_NCAT; k++) {
		f[j++] = arena_printf(r->arena, "%s_n", an_categories[k]);
		f[j++] = arena_printf(r->arena, "%s_pct", an_categories[k]);
	}
	f[j] = NULL;
	for (i = 0; i <= b.ngroups; i++) {
		const struct an_group *g = &b.groups[i - (i > 0)];

		if (i > 0) {
			j = 0;
			if (state)
				f[j++] = num(r, ranks[i - 1]);
			f[j++] = g->code;
			f[j++] = group_name(r, tables[t].by, g);
			f[j++] = num(r, g->total);
			f[j++] = num(r, replied(g));
			f[j++] = csv_pct(r, replied(g), g->total);
			f[j++] = num(r, substantive(g));
			f[j++] = csv_pct(r, substantive(g), g->total);
			for (k = 0; k < AN_NCAT; k++) {
				f[j++] = num(r, g->n[k]);
				f[j++] = csv_pct(r, g->n[k], g->total);
			}
		}
		for (k = 0; k < j; k++)
			if (f[k] == NULL) {
				r->out.failed = 1;
				return 0;
			}
		if (csv_line(r, f) == -1)
			return 0;
	}
	return 0;
}

static int
csv_counts(struct req *r, size_t t)
{
	static const char *const head[] = { "code", "name", "n", "pct", NULL };
	enum cv_set		 set = count_tables[t].set;
	struct coop_count	*c;
	const char		*f[5] = { NULL };
	long long		 conf, total, k;
	size_t			 n, i, j;

	if (load_counts(r, set, &c, &n, &conf) != DB_OK)
		return 500;
	if (!begin_csv(r) || csv_line(r, head) == -1)
		return 0;
	total = sum(c, n);
	/* The same codes, names and order as the page's table. */
	for (i = 0; (f[0] = cv_set_code(set, i)) != NULL; i++) {
		for (j = 0, k = 0; j < n; j++)
			if (strcmp(c[j].code, f[0]) == 0)
				k = c[j].n;
		f[1] = cv_set_name(r, set, i);
		f[2] = num(r, k);
		f[3] = csv_pct(r, k, total);
		if (f[2] == NULL || f[3] == NULL || csv_line(r, f) == -1) {
			r->out.failed = 1;
			return 0;
		}
	}
	return 0;
}

/* The table named by the path: 0..N-1 breakdowns, then counts; -1. */
static int
find_table(const char *p)
{
	const char	*dot;
	size_t		 t, len;

	if (p == NULL || (dot = strrchr(p, '.')) == NULL ||
	    strcmp(dot, ".csv") != 0)
		return -1;
	len = (size_t)(dot - p);
	for (t = 0; t < NELEM(tables); t++)
		if (strlen(tables[t].id) == len &&
		    strncmp(tables[t].id, p, len) == 0)
			return (int)t;
	for (t = 0; t < NELEM(count_tables); t++)
		if (strlen(count_tables[t].id) == len &&
		    strncmp(count_tables[t].id, p, len) == 0)
			return (int)(NELEM(tables) + t);
	return -1;
}

int
page_analysis_csv(struct req *r)
{
	int	 t;

	if ((t = find_table(r->params[0])) == -1)
		return 404;
	return (size_t)t < NELEM(tables) ? csv_breakdown(r, (size_t)t) :
	    csv_counts(r, (size_t)t - NELEM(tables));
}
