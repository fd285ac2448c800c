/*
 * The public record of each State's cooperation with the Special
 * Procedures (issue 7): the communications database, one letter, the
 * aggregates of the State page (from the summary kept on write), and
 * the open-data exports, streamed. Visit requests are public; of the
 * implementation updates, only the published ones.
 *
 * Only what is public is ever read: a letter (and its replies) once its
 * public date has passed; of a confidential reply, its date and
 * classification, never its text (the statements return "" for it).
 * Strings are copied into the caller's arena, except in the export
 * callback, whose fields live until the callback returns.
 */
#ifndef PORTAL_DATA_COOP_H
#define PORTAL_DATA_COOP_H

#include <stddef.h>

#include "data/db.h"
#include "view/lang.h"

struct arena;

#define COOP_EXPORT_CHUNK	500	/* letters per query when exporting */

/* Filters of the list; "" means any. The caller validates their shapes. */
struct coop_filter {
	const char	*state;		/* ISO alpha-3 */
	const char	*mandate;	/* slug */
	const char	*type;		/* AL, UA, OL, JAL, JUA, JOL */
	const char	*year;		/* YYYY */
	const char	*category;	/* no_response, immaterial, ... */
};

struct coop_comm {
	long long	 id;
	const char	*reference;
	const char	*type;
	const char	*sent_on;	/* YYYY-MM-DD */
	const char	*state;		/* "" for a non-State addressee */
	const char	*addressee;	/* the State's name in the language */
	const char	*category;	/* of the latest reply, or no_response */
	int		 confidential;	/* a reply is confidential */
	const char	*summary;	/* coop_comm_get only */
	const char	*summary_lang;
	const char	*public_after;
};

struct coop_name {
	const char	*code;
	const char	*name;
};

struct coop_reply {
	const char	*received_on;
	const char	*classification;
	int		 confidential;
	const char	*summary;	/* "" when confidential */
};

struct coop_comm_detail {
	struct coop_comm	 c;
	struct coop_name	*mandates;
	size_t			 nmandates;
	struct coop_reply	*replies;
	size_t			 nreplies;
};

struct coop_year {
	int		 year;
	const char	*type;
	long long	 n;
};

struct coop_category {
	const char	*category;
	long long	 n;
	long long	 confidential;
};

struct coop_visit {
	const char	*mandate;
	const char	*mandate_name;
	const char	*requested_on;
	const char	*status;
	long long	 days;		/* since requested */
	const char	*visit_start;	/* "" if none */
	const char	*visit_end;
};

struct coop_count {
	const char	*code;
	long long	 n;
};

/* A State's record; each list may be empty. */
struct coop_record {
	struct coop_year	*years;		/* year desc, type */
	size_t			 nyears;
	struct coop_category	*categories;
	size_t			 ncategories;
	struct coop_visit	*visits;
	size_t			 nvisits;
	struct coop_count	*recs;		/* by implementation status */
	size_t			 nrecs;
	/* Public letters answered, and twice their median days to reply. */
	long long		 answered;
	long long		 median2;
};

/* The exports' validators. */
struct coop_version {
	char	etag[96];		/* quoted */
	char	last_modified[40];	/* an HTTP date */
};

/* The exports. */
enum coop_export {
	COOP_EX_COMMUNICATIONS,	/* one row per reply */
	COOP_EX_VISITS,		/* one row per visit request */
	COOP_EX_RECOMMENDATIONS, /* one row per published update */
	COOP_EX__MAX
};

/* Columns of a communications row, in the importer's order, then more. */
enum coop_col {
	COOP_REFERENCE, COOP_TYPE, COOP_SENT_ON, COOP_STATE, COOP_ADDRESSEE,
	COOP_MANDATES, COOP_PUBLIC_AFTER, COOP_SUMMARY_LANG, COOP_SUMMARY,
	COOP_REPLY_DATE, COOP_REPLY_CONFIDENTIAL, COOP_REPLY_CLASSIFICATION,
	COOP_REPLY_SUMMARY, COOP_CATEGORY
};
#define COOP_FIELDS_MAX		16

/*
 * Each export's column names (NULL-terminated): first those that
 * `portal import` reads, coop_export_ncsv[kind] of them, then extras.
 */
extern const char *const *const coop_export_cols[COOP_EX__MAX];
extern const int coop_export_ncsv[COOP_EX__MAX];

struct coop_row {
	long long	 id;
	int		 nfields;
	const char	*field[COOP_FIELDS_MAX];
};

/* Called per row, in id order; return 0 to go on, -1 to stop. */
typedef int	(*coop_row_cb)(const struct coop_row *, void *arg);

enum db_err	coop_comm_list(struct arena *, enum lang,
		    const struct coop_filter *, int limit, int offset,
		    struct coop_comm **, size_t *)
		    __attribute__((warn_unused_result));
enum db_err	coop_comm_get(struct arena *, enum lang, long long id,
		    struct coop_comm_detail *, int *found)
		    __attribute__((warn_unused_result));
/* Every mandate, ended ones too, by name: the list's filter. */
enum db_err	coop_mandates(struct arena *, enum lang, struct coop_name **,
		    size_t *) __attribute__((warn_unused_result));
/* Every State, by name in the language: the list's filter. */
enum db_err	coop_states(struct arena *, enum lang, struct coop_name **,
		    size_t *) __attribute__((warn_unused_result));
enum db_err	coop_state_record(struct arena *, enum lang, const char *iso3,
		    struct coop_record *) __attribute__((warn_unused_result));
/* NULL-safe: 0 with *has set to 0 for an export without validators. */
enum db_err	coop_export_version(enum coop_export, struct coop_version *,
		    int *has) __attribute__((warn_unused_result));
/*
 * Every public row of an export, COOP_EXPORT_CHUNK keys at a time by id:
 * memory does not grow with the data. *stopped is set when the callback
 * said stop (the export is then incomplete; DB_OK is still returned).
 */
enum db_err	coop_export(enum coop_export, coop_row_cb, void *arg,
		    int *stopped) __attribute__((warn_unused_result));

#endif /* PORTAL_DATA_COOP_H */
