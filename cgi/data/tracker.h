/*
 * The trackers of the public record (issue 7): visit requests with the
 * history of their status, recommendations with the timeline of their
 * published implementation updates, and the full-text search of the
 * communications database (sql/migrations/0008_search.sql).
 *
 * Only what is public is ever read: every visit request and every
 * recommendation (public once recorded), of the updates only the
 * published ones, of the communications only those whose public date has
 * passed. Strings are copied into the caller's arena; "" stands for
 * absent. Lists are ordered with a tie-break on id, so that pages are
 * stable. Every function returns DB_OK or the failure of the database.
 */
#ifndef PORTAL_DATA_TRACKER_H
#define PORTAL_DATA_TRACKER_H

#include <stddef.h>

#include "data/coop.h"
#include "data/db.h"
#include "view/lang.h"

struct arena;

#define TRK_THEMES_MAX		500	/* themes offered by the filter */
#define TRK_EXCERPT_CHARS	300	/* of a recommendation in the list */

/* Filters of the visits tracker; "" means any. Shapes checked by caller. */
struct trk_visit_filter {
	const char	*state;		/* ISO alpha-3 */
	const char	*mandate;	/* slug */
	const char	*status;	/* requested, ..., completed */
};

struct trk_visit {
	long long	 id;
	const char	*mandate;
	const char	*mandate_name;
	const char	*state;
	const char	*state_name;
	const char	*requested_on;	/* YYYY-MM-DD */
	const char	*status;
	long long	 days;		/* since requested */
	const char	*visit_start;	/* "" if none */
	const char	*visit_end;
	const char	*report_symbol;
};

/* One entry of visit_status_changes: what the visit became, and when. */
struct trk_visit_change {
	const char	*changed_on;	/* YYYY-MM-DD */
	const char	*status;
	const char	*visit_start;
	const char	*visit_end;
	const char	*report_symbol;
};

/* Filters of the recommendations tracker; "" means any. */
struct trk_rec_filter {
	const char	*state;
	const char	*mandate;
	const char	*theme;		/* one of the recommendation's themes */
	const char	*status;	/* of the latest published update */
	const char	*source;	/* of any published update */
};

struct trk_rec {
	long long	 id;
	const char	*document_symbol;
	const char	*paragraph;
	const char	*state;
	const char	*state_name;
	const char	*mandate;
	const char	*mandate_name;
	const char	*issued_on;
	const char	*text;		/* the list: TRK_EXCERPT_CHARS at most */
	int		 cut;		/* the list's text was shortened */
	const char	*text_lang;
	const char	*status;	/* latest published, or no_information */
	const char	*updated_on;	/* "" when no published update */
	const char	*source;
	long long	 visit_id;	/* 0: no known visit */
};

/*
 * A published update. receipt is the reference of the receipt an update
 * sent through the portal got ("" for an imported one); evidence holds
 * its evidence files as "ID SIZE" (served at /{lang}/evidence/ID).
 */
struct trk_update {
	const char	*reported_on;
	const char	*status;
	const char	*source;	/* state, civil_society, ... */
	const char	*explanation;
	const char	*receipt;	/* a receipt's reference, or "" */
	const char	*organisation;	/* who assessed it, or "" */
	const char	**evidence;	/* "ID SIZE" of each file */
	size_t		 nevidence;
};

struct trk_rec_detail {
	struct trk_rec	 r;
	const char	**themes;
	size_t		 nthemes;
	const char	**groups;	/* affected groups */
	size_t		 ngroups;
	struct trk_update *updates;	/* oldest first */
	size_t		 nupdates;
};

/* A page of visits (requested_on desc, id desc) and the number matching. */
enum db_err	trk_visit_list(struct arena *, enum lang,
		    const struct trk_visit_filter *, int limit, int offset,
		    struct trk_visit **, size_t *, long long *total)
		    __attribute__((warn_unused_result));
/* One visit and its history (oldest first); *found 0 if none. */
enum db_err	trk_visit_get(struct arena *, enum lang, long long id,
		    struct trk_visit *, struct trk_visit_change **, size_t *,
		    int *found) __attribute__((warn_unused_result));

/* A page of recommendations (issued_on desc, id desc), and the count. */
enum db_err	trk_rec_list(struct arena *, enum lang,
		    const struct trk_rec_filter *, int limit, int offset,
		    struct trk_rec **, size_t *, long long *total)
		    __attribute__((warn_unused_result));
enum db_err	trk_rec_get(struct arena *, enum lang, long long id,
		    struct trk_rec_detail *, int *found)
		    __attribute__((warn_unused_result));
/* Every theme in use, sorted (at most TRK_THEMES_MAX). */
enum db_err	trk_rec_themes(struct arena *, const char ***, size_t *)
		    __attribute__((warn_unused_result));

/*
 * Public communications whose summary matches the query q (websearch
 * syntax, non-empty; see 0008_search.sql), with the list's filters and
 * order, as coop_comm_list.
 */
enum db_err	trk_comm_search(struct arena *, enum lang,
		    const struct coop_filter *, const char *q, int limit,
		    int offset, struct coop_comm **, size_t *)
		    __attribute__((warn_unused_result));

#endif /* PORTAL_DATA_TRACKER_H */
