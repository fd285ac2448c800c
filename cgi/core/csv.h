/*
 * CSV (RFC 4180) in both directions: a streaming parser that hands over
 * one record at a time, and the quoting of one field for output.
 *
 * The parser accepts what RFC 4180 describes and what spreadsheets
 * write: fields separated by commas, records by CRLF or LF; a field in
 * double quotes may hold commas, line breaks and doubled quotes ("").
 * A UTF-8 byte-order mark at the very start is dropped. Lines made only
 * of a line break are skipped. Everything else is an error that stops
 * the parse: a quote inside an unquoted field, anything but a separator
 * after a closing quote, a bare CR, a quoted field still open at the end,
 * a field that is not UTF-8 or holds a NUL, a record over
 * CSV_RECORD_MAX_BYTES or CSV_FIELDS_MAX fields. After an error nothing
 * can be trusted about where the next record begins, so there is no
 * resynchronisation.
 *
 * Memory: one record buffer of CSV_RECORD_MAX_BYTES, whatever the size
 * of the input. Fields handed to the callback live until it returns.
 */
#ifndef PORTAL_CORE_CSV_H
#define PORTAL_CORE_CSV_H

#include <stddef.h>

#define CSV_RECORD_MAX_BYTES	(256u * 1024u)	/* a record's fields, NULs included */
#define CSV_FIELDS_MAX		64u

enum csv_err {
	CSV_OK,
	CSV_ERR_QUOTE,		/* a quote inside an unquoted field */
	CSV_ERR_AFTER_QUOTE,	/* text after a closing quote */
	CSV_ERR_BARE_CR,	/* a CR not followed by LF, outside quotes */
	CSV_ERR_OPEN_QUOTE,	/* the input ended inside quotes */
	CSV_ERR_TOO_LONG,	/* record over CSV_RECORD_MAX_BYTES */
	CSV_ERR_TOO_MANY,	/* more than CSV_FIELDS_MAX fields */
	CSV_ERR_UTF8,		/* a field is not UTF-8, or holds a NUL */
	CSV_ERR_STOPPED,	/* the callback asked to stop */
	CSV_ERR_NOMEM,
	CSV_ERR__MAX
};

/* One record: nfields NUL-terminated fields, and the line it starts on. */
struct csv_record {
	const char	*field[CSV_FIELDS_MAX];
	size_t		 len[CSV_FIELDS_MAX];
	size_t		 nfields;
	size_t		 line;		/* 1-based */
};

/* Called for every record; return 0 to go on, -1 to stop. */
typedef int	(*csv_cb)(const struct csv_record *, void *arg);

struct csv {
	char		*buf;		/* CSV_RECORD_MAX_BYTES, malloc'ed */
	size_t		 used;
	size_t		 start[CSV_FIELDS_MAX];
	size_t		 nfields;
	size_t		 fstart;	/* where the current field begins */
	int		 state;
	int		 quoted;	/* the current field was quoted */
	int		 bom;		/* bytes of a leading BOM seen; 3: past it */
	size_t		 line;		/* current line, 1-based */
	size_t		 rec_line;
	size_t		 records;	/* handed to the callback so far */
	enum csv_err	 err;		/* sticky */
	size_t		 err_line;
	csv_cb		 cb;
	void		*arg;
};

/* 0, or -1 when out of memory. Free with csv_free. */
int		 csv_init(struct csv *, csv_cb, void *arg)
		    __attribute__((warn_unused_result));
void		 csv_free(struct csv *);
/*
 * Feed the next len bytes; records complete in them go to the callback.
 * Returns CSV_OK or the (sticky) error; p->err_line tells where.
 */
enum csv_err	 csv_feed(struct csv *, const char *, size_t);
/* The input ended: hand over the last record if it had no line break. */
enum csv_err	 csv_end(struct csv *);
/* A message in English for an error ("a quote inside an unquoted field"). */
const char	*csv_strerror(enum csv_err);

/*
 * Write s[0..len) as one CSV field into out (of size outsz), quoted when
 * it holds a comma, quote, CR or LF, or starts with a space or a BOM. Returns the
 * length written (no NUL is added), or the size needed if larger than
 * outsz (nothing useful written then). At most 2 * len + 2 bytes.
 */
size_t		 csv_quote(const char *s, size_t len, char *out, size_t outsz);

#endif /* PORTAL_CORE_CSV_H */
