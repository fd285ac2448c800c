/*
 * The CSV parser: a byte-at-a-time state machine, so that input may
 * arrive in pieces of any size (a field, a quote pair or a CRLF can be
 * split across two feeds) and memory stays one record.
 *
 * Fields are stored one after another in buf, each followed by a NUL,
 * so that the callback gets C strings without another copy.
 */
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/utf8.h"

enum {
	S_FIELD_START,	/* at the start of a field */
	S_UNQUOTED,	/* inside an unquoted field */
	S_QUOTED,	/* inside quotes */
	S_QUOTE,	/* a quote inside quotes: closing, or the first of "" */
	S_CR,		/* a CR outside quotes: an LF must follow */
};

static const unsigned char bom[3] = { 0xef, 0xbb, 0xbf };

static const char *const csv_errors[CSV_ERR__MAX] = {
	[CSV_OK] = "no error",
	[CSV_ERR_QUOTE] = "a quote inside an unquoted field",
	[CSV_ERR_AFTER_QUOTE] = "text after a closing quote",
	[CSV_ERR_BARE_CR] = "a carriage return without a line feed",
	[CSV_ERR_OPEN_QUOTE] = "a quoted field is not closed",
	[CSV_ERR_TOO_LONG] = "a record is too long",
	[CSV_ERR_TOO_MANY] = "a record has too many fields",
	[CSV_ERR_UTF8] = "a field is not valid UTF-8 (or holds a NUL)",
	[CSV_ERR_STOPPED] = "stopped",
	[CSV_ERR_NOMEM] = "out of memory",
};

const char *
csv_strerror(enum csv_err e)
{
	return (unsigned)e < CSV_ERR__MAX ? csv_errors[e] : "unknown error";
}

int
csv_init(struct csv *p, csv_cb cb, void *arg)
{
	memset(p, 0, sizeof(*p));
	if ((p->buf = malloc(CSV_RECORD_MAX_BYTES)) == NULL)
		return -1;
	p->line = p->rec_line = 1;
	p->state = S_FIELD_START;
	p->cb = cb;
	p->arg = arg;
	return 0;
}

void
csv_free(struct csv *p)
{
	free(p->buf);
	p->buf = NULL;
}

static enum csv_err
fail(struct csv *p, enum csv_err e)
{
	if (p->err == CSV_OK) {
		p->err = e;
		p->err_line = p->line;
	}
	return p->err;
}

static enum csv_err
put(struct csv *p, char c)
{
	/* One byte stays free for the field's NUL. */
	if (p->used + 1 >= CSV_RECORD_MAX_BYTES)
		return fail(p, CSV_ERR_TOO_LONG);
	p->buf[p->used++] = c;
	return CSV_OK;
}

/* The current field is complete: terminate and check it. */
static enum csv_err
end_field(struct csv *p)
{
	size_t	 s = p->fstart;

	if (p->nfields == CSV_FIELDS_MAX)
		return fail(p, CSV_ERR_TOO_MANY);
	if (p->used >= CSV_RECORD_MAX_BYTES)
		return fail(p, CSV_ERR_TOO_LONG);
	p->buf[p->used] = '\0';
	if (!utf8_valid(p->buf + s, p->used - s))
		return fail(p, CSV_ERR_UTF8);
	p->start[p->nfields++] = s;
	p->used++;
	p->fstart = p->used;
	return CSV_OK;
}

static enum csv_err
end_record(struct csv *p)
{
	struct csv_record	 r;
	size_t			 i;
	int			 quoted = p->quoted;
	enum csv_err		 e;

	if ((e = end_field(p)) != CSV_OK)
		return e;
	/* A line with nothing on it is no record ("" is one empty field). */
	if (!(p->nfields == 1 && p->buf[0] == '\0' && !quoted)) {
		r.nfields = p->nfields;
		r.line = p->rec_line;
		for (i = 0; i < p->nfields; i++) {
			r.field[i] = p->buf + p->start[i];
			r.len[i] = (i + 1 < p->nfields ? p->start[i + 1] :
			    p->used) - p->start[i] - 1;
		}
		p->records++;
		if (p->cb(&r, p->arg) == -1)
			return fail(p, CSV_ERR_STOPPED);
	}
	p->used = p->fstart = p->nfields = 0;
	p->quoted = 0;
	return CSV_OK;
}

/* A line break outside quotes ends the record. */
static enum csv_err
newline(struct csv *p)
{
	p->state = S_FIELD_START;
	if (end_record(p) != CSV_OK)
		return p->err;
	p->line++;
	p->rec_line = p->line;
	return CSV_OK;
}

static enum csv_err
step(struct csv *p, char c)
{
	switch (p->state) {
	case S_CR:
		if (c != '\n')
			return fail(p, CSV_ERR_BARE_CR);
		return newline(p);
	case S_FIELD_START:
		if (c == '"') {
			p->quoted = 1;
			p->state = S_QUOTED;
			return CSV_OK;
		}
		p->state = S_UNQUOTED;
		return step(p, c);
	case S_UNQUOTED:
		switch (c) {
		case ',':
			p->state = S_FIELD_START;
			return end_field(p);
		case '\r':
			p->state = S_CR;
			return CSV_OK;
		case '\n':
			return newline(p);
		case '"':
			return fail(p, CSV_ERR_QUOTE);
		default:
			return put(p, c);
		}
	case S_QUOTED:
		if (c == '"') {
			p->state = S_QUOTE;
			return CSV_OK;
		}
		if (c == '\n')
			p->line++;
		return put(p, c);
	case S_QUOTE:
		switch (c) {
		case '"':
			p->state = S_QUOTED;
			return put(p, '"');
		case ',':
			p->state = S_FIELD_START;
			return end_field(p);
		case '\r':
			p->state = S_CR;
			return CSV_OK;
		case '\n':
			return newline(p);
		default:
			return fail(p, CSV_ERR_AFTER_QUOTE);
		}
	}
	abort();
}

/* Bytes that began like a byte-order mark but were not one are data. */
static void
bom_flush(struct csv *p)
{
	int	 i;

	if (p->bom >= 3)
		return;
	for (i = 0; i < p->bom && p->err == CSV_OK; i++)
		(void)step(p, (char)bom[i]);
	p->bom = 3;
}

enum csv_err
csv_feed(struct csv *p, const char *s, size_t len)
{
	size_t	 i;

	if (p->buf == NULL)
		return fail(p, CSV_ERR_NOMEM);
	for (i = 0; i < len && p->err == CSV_OK; i++) {
		/* A byte-order mark is dropped, only as the first bytes. */
		if (p->bom < 3 && (unsigned char)s[i] == bom[p->bom]) {
			p->bom++;
			continue;
		}
		bom_flush(p);
		(void)step(p, s[i]);
	}
	return p->err;
}

enum csv_err
csv_end(struct csv *p)
{
	bom_flush(p);
	if (p->err != CSV_OK)
		return p->err;
	switch (p->state) {
	case S_QUOTED:
		/* Where the unclosed quote began is what a person can fix. */
		(void)fail(p, CSV_ERR_OPEN_QUOTE);
		p->err_line = p->rec_line;
		return p->err;
	case S_CR:
		return fail(p, CSV_ERR_BARE_CR);
	case S_FIELD_START:
		/* Nothing since the last line break: no record. */
		if (p->nfields == 0 && p->used == 0)
			return CSV_OK;
		break;
	default:
		break;
	}
	p->state = S_FIELD_START;
	return end_record(p);
}

size_t
csv_quote(const char *s, size_t len, char *out, size_t outsz)
{
	size_t	 i, n = 0, need = len;
	/* A leading BOM would be taken for the file's at its very start. */
	int	 quote = (len > 0 && s[0] == ' ') ||
		    (len >= 3 && memcmp(s, bom, 3) == 0);

	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			need++;
		if (s[i] == '"' || s[i] == ',' || s[i] == '\r' || s[i] == '\n')
			quote = 1;
	}
	if (quote)
		need += 2;
	if (need > outsz)
		return need;
	if (quote)
		out[n++] = '"';
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			out[n++] = '"';
		out[n++] = s[i];
	}
	if (quote)
		out[n++] = '"';
	return n;
}
