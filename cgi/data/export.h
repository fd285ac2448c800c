/*
 * The open data (README, "Open data"): seven kinds of public record, each
 * described once here (its columns and their types) so that the CSV, JSON
 * and XML writers and the XSD all follow the same table.
 *
 * Only what is public is ever read: reference data; letters whose public
 * date has passed and their replies (a confidential reply's text is never
 * selected: the statements return "" for it); visit requests; the
 * recommendations and their published updates. No submission data.
 *
 * Rows are fetched EXPORT_CHUNK keys at a time, in key order, and handed
 * over one at a time: memory does not grow with the data.
 */
#ifndef PORTAL_DATA_EXPORT_H
#define PORTAL_DATA_EXPORT_H

#include "data/db.h"

#define EXPORT_CHUNK		500	/* rows per query */
#define EXPORT_COLS_MAX		24

enum export_kind {
	EX_STATES,
	EX_MANDATES,
	EX_COMMUNICATIONS,
	EX_REPLIES,
	EX_VISITS,
	EX_RECOMMENDATIONS,
	EX_UPDATES,
	EX__MAX
};

enum export_type {
	EXT_TEXT,		/* a string, "" allowed */
	EXT_INT,		/* a decimal integer */
	EXT_BOOL,		/* "true" or "false" */
	EXT_DATE,		/* YYYY-MM-DD */
	EXT_LIST,		/* ';'-separated strings (CSV as is) */
};

struct export_col {
	const char		*name;
	enum export_type	 type;
	int			 optional;	/* "" means absent (null) */
	const char		*item;		/* EXT_LIST: an element's name */
};

struct export_def {
	const char		*name;		/* "states": the file name */
	const char		*item;		/* "state": one record */
	const struct export_col	*cols;		/* the first is the key */
	int			 ncols;
};

extern const struct export_def export_defs[EX__MAX];

struct export_version {
	char	etag[128];		/* quoted */
	char	last_modified[40];	/* an HTTP date, or "" if none */
};

struct export_row {
	const char	*field[EXPORT_COLS_MAX];	/* ncols of them */
};

/* Called per row, in key order; return 0 to go on, -1 to stop. */
typedef int	(*export_row_cb)(const struct export_row *, void *arg);

/* -1 if name is not a kind. */
int		export_kind_parse(const char *name, enum export_kind *);
/* The validators of a kind: they change whenever its rows do. */
enum db_err	export_version(enum export_kind, struct export_version *)
		    __attribute__((warn_unused_result));
/*
 * Every public row of a kind. *stopped is set when the callback said stop
 * (the export is then incomplete; DB_OK is still returned).
 */
enum db_err	export_rows(enum export_kind, export_row_cb, void *arg,
		    int *stopped) __attribute__((warn_unused_result));

#endif /* PORTAL_DATA_EXPORT_H */
