/*
 * The editor's desk: recording communications, replies, visits,
 * standing invitations, recommendations and implementation updates, and
 * reading back what was recorded. Callers validate first (see
 * data/record_check.h) and hold the transaction in which the audit link
 * is written too. Lists come back as tables of text cells in the
 * caller's arena; the column order of each is documented below.
 */
#ifndef PORTAL_DATA_RECORD_H
#define PORTAL_DATA_RECORD_H

#include <stdint.h>

#include "data/db.h"

struct arena;

#define REC_LIST_MAX	200	/* rows in a desk list */

struct rec_table {
	int		 nrows, ncols;
	const char	**cell;		/* row-major */
};

const char	*rec_cell(const struct rec_table *, int row, int col);

/* Columns of communications: */
enum { RC_ID, RC_REF, RC_TYPE, RC_SENT, RC_STATE, RC_ADDRESSEE, RC_PUBLIC,
	RC_IS_PUBLIC, RC_CATEGORY, RC_SUMMARY, RC_SLANG, RC_MANDATES,
	RC_SUBMISSIONS };
/* of replies: */
enum { RR_ID, RR_RECEIVED, RR_CONF, RR_CLASS, RR_SUMMARY };
/* of visits, and of a visit's history: */
enum { RV_ID, RV_MANDATE, RV_STATE, RV_REQUESTED, RV_STATUS, RV_START,
	RV_END, RV_REPORT };
enum { RH_STATUS, RH_START, RH_END, RH_REPORT, RH_AT };
/* of standing invitations: */
enum { RI_STATE, RI_SINCE };
/* of recommendations, and of their updates: */
enum { RM_ID, RM_SYMBOL, RM_PARA, RM_STATE, RM_MANDATE, RM_ISSUED, RM_TEXT,
	RM_LANG, RM_THEMES, RM_GROUPS, RM_VISIT };
enum { RU_DATE, RU_STATUS, RU_SOURCE, RU_EXPL };

enum db_err	rec_delay_days(struct arena *, long long *days)
		    __attribute__((warn_unused_result));
/* Lists, at most REC_LIST_MAX rows (all standing invitations). */
enum rec_list {
	REC_COMMS,		/* RC_ columns up to RC_CATEGORY */
	REC_VISITS,		/* RV_ */
	REC_RECS,		/* RM_ up to RM_ISSUED */
	REC_INVITATIONS,	/* RI_ */
	REC_LIST__MAX
};
/* One row by id (0 rows: none), or the rows that belong to it. */
enum rec_get {
	REC_COMM,		/* RC_ */
	REC_REPLIES,		/* RR_, of a communication */
	REC_VISIT,		/* RV_ */
	REC_VISIT_HISTORY,	/* RH_, of a visit */
	REC_REC,		/* RM_ */
	REC_UPDATES,		/* RU_, of a recommendation */
	REC_GET__MAX
};

enum db_err	rec_list(struct arena *, enum rec_list, struct rec_table *)
		    __attribute__((warn_unused_result));
enum db_err	rec_get(struct arena *, enum rec_get, int64_t id,
		    struct rec_table *) __attribute__((warn_unused_result));

/* Whether a key exists: *found 1 or 0. */
enum db_err	rec_state_known(const char *iso3, int *found)
		    __attribute__((warn_unused_result));
enum db_err	rec_mandate_known(const char *slug, int *found)
		    __attribute__((warn_unused_result));
enum db_err	rec_submission_known(const char *ref, int *found)
		    __attribute__((warn_unused_result));

/* A communication: state "" for another addressee; lists space-separated. */
struct rec_comm_in {
	const char	*ref, *type, *sent, *state, *addressee, *summary,
			*slang, *mandates, *submissions;
};
/* DB_CONFLICT: the reference is already recorded. */
enum db_err	rec_comm_insert(const struct rec_comm_in *, int64_t *id)
		    __attribute__((warn_unused_result));
/* DB_CONFLICT: a reply received that day is already recorded. */
enum db_err	rec_reply_insert(int64_t comm, const char *received, int conf,
		    const char *classification, const char *summary)
		    __attribute__((warn_unused_result));

struct rec_visit_in {
	const char	*mandate, *state, *requested, *status, *start, *end,
			*report;
};
/* DB_CONFLICT: that mandate's request to that State that day exists. */
enum db_err	rec_visit_insert(const struct rec_visit_in *, int64_t *id)
		    __attribute__((warn_unused_result));
/* Status, dates and report of visit id (the database keeps the history). */
enum db_err	rec_visit_update(int64_t id, const struct rec_visit_in *)
		    __attribute__((warn_unused_result));
enum db_err	rec_invitation_set(const char *state, const char *since)
		    __attribute__((warn_unused_result));

/* themes and groups ';'-separated; visit "" for none. */
struct rec_rec_in {
	const char	*symbol, *para, *visit, *state, *mandate, *issued,
			*text, *lang, *themes, *groups;
};
/* DB_CONFLICT: that paragraph of that document is already recorded. */
enum db_err	rec_rec_insert(const struct rec_rec_in *, int64_t *id)
		    __attribute__((warn_unused_result));
/*
 * An editor's signed update (u from intake/update_issue.c) dated
 * reported_on, published at once: the secretariat's own record.
 * DB_CONFLICT when its form token was used already.
 */
struct upd_row;
enum db_err	rec_update_issued(const struct upd_row *u,
		    const char *reported_on) __attribute__((warn_unused_result));

#endif /* PORTAL_DATA_RECORD_H */
