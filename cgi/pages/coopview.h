/*
 * View helpers of the public record (communications.c, state.c,
 * opendata.c): the names of the closed sets the data holds as codes
 * (types of letter, reply classifications, visit and implementation
 * statuses), translated through the catalogs; percentages written for
 * the language; and the State page's cooperation section.
 */
#ifndef PORTAL_PAGES_COOPVIEW_H
#define PORTAL_PAGES_COOPVIEW_H

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

/*
 * The State page's record of cooperation for iso3, under the view key
 * "coop" (absent when the State has no public data at all). Returns 0,
 * or the HTTP status of a failure.
 */
int		 cv_state_record(struct req *, struct view *, const char *iso3);

#endif /* PORTAL_PAGES_COOPVIEW_H */
