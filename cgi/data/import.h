/*
 * Importing monitoring data from CSV (portal import, README.md
 * "Importing data"): communications with their replies, visits,
 * recommendations with their updates. The caller parses the file
 * (core/csv.h) and hands each record over; this module checks the
 * header, validates each row, and writes it under a savepoint, so that
 * every bad row of a file is found and reported, and the caller then
 * commits only a file without any.
 *
 * Re-importing changes nothing: each row is looked up by its natural key
 * (communication: reference; reply: communication and date received;
 * visit: mandate, State and date requested; recommendation: document
 * symbol and paragraph; update: recommendation, date and source). A row
 * equal to what is stored is counted as unchanged. A communication,
 * reply, recommendation or update that differs from the stored one is a
 * bad row: they are append-only. A visit's status, dates and report may
 * change (its history is kept by the database).
 *
 * Caveat: an export never holds a confidential reply's text; a row with a
 * confidential reply and an empty reply_summary therefore matches the
 * stored reply whatever its text.
 */
#ifndef PORTAL_DATA_IMPORT_H
#define PORTAL_DATA_IMPORT_H

#include <stddef.h>

#include "core/csv.h"
#include "data/db.h"

#define IMP_REASON_MAX	256	/* a bad row's reason, in English */
#define IMP_TEXT_MAX	20000	/* summaries, texts, explanations (bytes) */
#define IMP_COLS_MAX	16

enum imp_kind {
	IMP_COMMUNICATIONS,
	IMP_VISITS,
	IMP_RECOMMENDATIONS,
	IMP__MAX
};

extern const char *const imp_kind_name[IMP__MAX];
/* The columns of each kind, in the order exports write them; NULL-ended. */
extern const char *const *const imp_columns[IMP__MAX];

struct imp_counts {
	size_t	 rows;		/* data rows read */
	size_t	 added;		/* communications, visits, recommendations */
	size_t	 changed;	/* visits whose status or dates changed */
	size_t	 unchanged;
	size_t	 sub_added;	/* replies, updates */
	size_t	 sub_unchanged;	/* and updates newly published */
	size_t	 bad;
};

struct imp {
	enum imp_kind		 kind;
	int			 col[IMP_COLS_MAX];	/* field index, or -1 */
	int			 have_header;
	size_t			 ncols;		/* fields in the header */
	struct imp_counts	 n;
};

/* -1 if name is not a kind. */
int		imp_kind_parse(const char *name, enum imp_kind *);
void		imp_init(struct imp *, enum imp_kind);
/*
 * One record (the first is the header). DB_OK with *bad = 0 when it was
 * imported or unchanged; DB_OK with *bad = 1 and reason filled when the
 * row is bad (nothing of it was written); another error when the
 * database failed, which ends the import. Must run inside a transaction.
 */
enum db_err	imp_record(struct imp *, const struct csv_record *, int *bad,
		    char reason[IMP_REASON_MAX])
		    __attribute__((warn_unused_result));

#endif /* PORTAL_DATA_IMPORT_H */
