/*
 * View helpers of the public record (communications.c, state.c,
 * opendata.c): the names of the closed sets the data holds as codes
 * (types of letter, reply classifications, visit and implementation
 * statuses), translated through the catalogs; percentages written for
 * the language; counts of a set with their bar chart (view/chart.h),
 * shared with the analysis page; and the State page's cooperation
 * section (with the median days to a first reply).
 */
#ifndef PORTAL_PAGES_COOPVIEW_H
#define PORTAL_PAGES_COOPVIEW_H

#include <stddef.h>

struct req;
struct view;

/* Translated names; NULL for an unknown code. */
const char	*cv_type(struct req *, const char *type);
const char	*cv_category(struct req *, const char *category);
const char	*cv_visit_status(struct req *, const char *status);
const char	*cv_rec_status(struct req *, const char *status);
/* 1 if the code is one of the set (the list's filters). */
int		 cv_type_ok(const char *);
int		 cv_category_ok(const char *);
/* 1 for a visit request still waiting for the State's answer. */
int		 cv_visit_pending(const char *status);

/*
 * key = n / total as a percentage with one decimal, rounded half up,
 * written for the language ("42.9%", "42,9 %"). total > 0. 0 or -1.
 */
int		 cv_set_percent(struct req *, struct view *, const char *key,
		    long long n, long long total)
		    __attribute__((warn_unused_result));

/* The closed sets that cv_counts shows, each in its own order. */
enum cv_set { CV_CATEGORIES, CV_VISIT_STATUSES, CV_REC_STATUSES, CV__MAX };

struct coop_count;

/*
 * Under key, every code of the set in its order as {code, name, n, pct}
 * (pct: of the sum of counts; a code absent from counts has n 0), and
 * under key_chart a bar chart of the same numbers (view/chart.h) with id
 * chart_id and the title (already translated). Returns 0, or -1.
 */
int		 cv_counts(struct req *, struct view *, const char *key,
		    enum cv_set, const struct coop_count *counts, size_t n,
		    const char *chart_id, const char *title)
		    __attribute__((warn_unused_result));
/* The i-th code of a set and its name; NULL past the end. */
const char	*cv_set_code(enum cv_set, size_t i);
const char	*cv_set_name(struct req *, enum cv_set, size_t i);
/* key = twice / 2 written for the language ("45", "45.5"). 0 or -1. */
int		 cv_set_half(struct req *, struct view *, const char *key,
		    long long twice) __attribute__((warn_unused_result));

/*
 * The State page's record of cooperation for iso3, under the view key
 * "coop" (absent when the State has no public data at all). Returns 0,
 * or the HTTP status of a failure.
 */
int		 cv_state_record(struct req *, struct view *, const char *iso3);

#endif /* PORTAL_PAGES_COOPVIEW_H */
