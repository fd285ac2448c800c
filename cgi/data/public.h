/*
 * Data of the public reference pages: the States (grouped by regional
 * group, with a filter), one State, the mandates, one mandate, and the
 * counts the home page shows. Every string is copied into the caller's
 * arena; handlers never see a PGresult.
 *
 * Caveats: names come in the request's language; M49 region names are
 * UNSD's English names (the caller translates them, a closed set).
 * Regime data ends in 2021 and does not cover every State.
 */
#ifndef PORTAL_DATA_PUBLIC_H
#define PORTAL_DATA_PUBLIC_H

#include <stddef.h>

#include "data/db.h"
#include "view/lang.h"

struct arena;

#define PUB_QUERY_MAX_BYTES	100	/* the states filter's words */

struct pub_counts {
	long long	 states;
	long long	 thematic;
	long long	 country;
	const char	*mandates_as_of;	/* "YYYY-MM-DD" or "" */
};

struct pub_group {
	const char	*code;		/* "african", ... */
	const char	*name;
};

struct pub_state {
	const char	*iso3;
	const char	*name;
	const char	*group;		/* code, "" for the observers */
	const char	*status;	/* "member" or "observer" */
};

/* A name in one of the six languages. */
struct pub_name {
	const char	*lang;
	const char	*name;
	const char	*formal;	/* States only, else "" */
};

struct pub_mandate {
	const char	*slug;
	const char	*name;
	const char	*kind;		/* "thematic" or "country" */
	const char	*holder;	/* "special_rapporteur", ... */
	int		 established;
	const char	*country_iso3;	/* "" for thematic mandates */
	const char	*country_name;
	int		 active;
};

struct pub_state_detail {
	const char		*iso3;
	const char		*name;
	const char		*formal;
	const char		*status;
	const char		*group;
	const char		*group_name;
	const char		*m49_region;
	const char		*m49_subregion;
	const char		*m49_intermediate;	/* "" if none */
	int			 ldc, lldc, sids;
	int			 has_regime;
	int			 regime_year, regime, regime_since;
	struct pub_name		*names;
	size_t			 nnames;
	struct pub_mandate	*mandates;	/* slug and name only */
	size_t			 nmandates;
};

struct pub_mandate_detail {
	struct pub_mandate	 m;
	struct pub_name		*names;
	size_t			 nnames;
};

/*
 * Each returns DB_OK with its out parameters filled, or the error. The
 * *_get functions set *found to 0 (and fill nothing else) when there is
 * no such State or mandate.
 */
enum db_err	pub_counts(struct arena *, struct pub_counts *)
		    __attribute__((warn_unused_result));
enum db_err	pub_groups(struct arena *, enum lang, struct pub_group **,
		    size_t *) __attribute__((warn_unused_result));
/* group: a group code, "observer" or "" (all); q: words or "" (all). */
enum db_err	pub_states(struct arena *, enum lang, const char *group,
		    const char *q, struct pub_state **, size_t *)
		    __attribute__((warn_unused_result));
enum db_err	pub_state_get(struct arena *, enum lang, const char *iso3,
		    struct pub_state_detail *, int *found)
		    __attribute__((warn_unused_result));
enum db_err	pub_mandates(struct arena *, enum lang, struct pub_mandate **,
		    size_t *) __attribute__((warn_unused_result));
enum db_err	pub_mandate_get(struct arena *, enum lang, const char *slug,
		    struct pub_mandate_detail *, int *found)
		    __attribute__((warn_unused_result));

#endif /* PORTAL_DATA_PUBLIC_H */
