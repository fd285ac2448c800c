/*
 * The analysis page's aggregates (issue 7, "Analysis"): communications
 * to States counted by the classification of their latest reply,
 * overall and by regional group, regime type, mandate, year and State;
 * visit requests by status; recommendations by implementation status.
 *
 * Everything comes from the summaries kept on write (0007_analysis.sql:
 * communication_{year,state,mandate}_totals and status_stats), whose
 * size does not grow with the number of letters, less the letters not
 * yet public (the view communications_pending, through the index on
 * public_after): only public letters count, public_after <= today.
 *
 * The regime type of a letter is the State's Regimes of the World code
 * of the year it was sent; for a year after the last year of the data
 * (2021), the code of that last year. A letter of a State or year not
 * coded falls under AN_REGIME_NONE. Names are in the request's language
 * (regime names are translated by the page). Strings live in the arena.
 */
#ifndef PORTAL_DATA_ANALYSIS_H
#define PORTAL_DATA_ANALYSIS_H

#include <stddef.h>

#include "data/db.h"
#include "view/lang.h"

struct arena;

/* The study's reply categories, in the State page's order. */
#define AN_NCAT		6
extern const char *const an_categories[AN_NCAT];
/* Index of the replies the study counts as substantive: from here on. */
#define AN_SUBSTANTIVE_FROM	3

#define AN_REGIME_NONE	"none"		/* the code of uncoded letters */
#define AN_OBSERVERS	"observer"	/* the code of non-member States */

enum an_by {
	AN_BY_REGION,
	AN_BY_REGIME,
	AN_BY_MANDATE,
	AN_BY_YEAR,
	AN_BY_STATE,
	AN_BY__MAX
};

/* One row of a breakdown: letters per category. */
struct an_group {
	const char	*code;		/* group code, regime 0..3, slug, ... */
	const char	*name;		/* "" where the page names it */
	long long	 n[AN_NCAT];
	long long	 total;
};

struct an_breakdown {
	struct an_group	*groups;	/* in the statement's order */
	size_t		 ngroups;
};

struct an_count {
	const char	*code;
	long long	 n;
	long long	 confidential;	/* categories only */
};

/* The breakdown by; DB_OK or the error. Rows with no letter are left out. */
enum db_err	an_breakdown(struct arena *, enum lang, enum an_by,
		    struct an_breakdown *) __attribute__((warn_unused_result));
/* Every public letter by category (with the confidential ones). */
enum db_err	an_categories_overall(struct arena *, struct an_count **,
		    size_t *) __attribute__((warn_unused_result));
/* Visit requests by status; recommendations by implementation status. */
enum db_err	an_visit_statuses(struct arena *, struct an_count **,
		    size_t *) __attribute__((warn_unused_result));
enum db_err	an_rec_statuses(struct arena *, struct an_count **, size_t *)
		    __attribute__((warn_unused_result));
/* The index of a category code, or -1. */
int		an_category_index(const char *);

#endif /* PORTAL_DATA_ANALYSIS_H */
