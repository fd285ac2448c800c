/*
 * Streaming multipart/form-data. The body is a state machine fed one
 * chunk at a time; the only things carried from one chunk to the next
 * are the state, the part header being collected and how many bytes of
 * the delimiter have been matched so far.
 *
 * Finding the delimiter. A delimiter is CRLF "--" boundary (RFC 2046
 * section 5.1.1). The boundary is made of bchars, none of which is CR, so
 * CR occurs in the delimiter only as its first byte: when a partial match
 * fails, no suffix of it can start another match except the failing byte
 * itself if it is a CR. So there is no need for a KMP table, and no need
 * to keep the held-back bytes: they are delim[0..held). The body is
 * scanned as if it began with CRLF, so that a delimiter on the very first
 * line needs no special case.
 *
 * Determinism. Whatever the chunking, the callbacks see the same parts
 * and the same bytes, and an error is the first one by position in the
 * body. Limits are checked before data is handed over, so a callback
 * never sees a byte past a cap.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "http/multipart.h"
#include "portal_limits.h"

/* "\r\n--" before the boundary. */
#define MP_DELIM_PREFIX	4u

_Static_assert(SIZE_MAX <= UINT64_MAX, "byte counts are kept in uint64_t");

enum mp_state {
	MP_S_PREAMBLE,		/* before the first delimiter: dropped */
	MP_S_DELIM,		/* just after a delimiter's boundary */
	MP_S_CLOSE,		/* after the close delimiter's first '-' */
	MP_S_PAD,		/* transport padding after a delimiter */
	MP_S_LF,		/* the LF ending a delimiter line */
	MP_S_HEADER,		/* a part's header block */
	MP_S_BODY,		/* a part's data */
	MP_S_EPILOGUE		/* after the close delimiter: dropped */
};

struct mp_parser {
	struct arena		*arena;
	struct mp_limits	 lim;
	struct mp_callbacks	 cb;
	void			*ctx;
	enum mp_state		 state;
	enum mp_err		 err;		/* sticky */
	char			 delim[MP_DELIM_PREFIX + MP_BOUNDARY_MAX_BYTES];
	size_t			 dlen;
	size_t			 held;		/* delim[0..held) matched */
	char			*hbuf;		/* max_header_bytes */
	size_t			 hlen;
	size_t			 pad;
	size_t			 nparts;
	size_t			 nfiles;
	struct mp_part		 part;
	uint64_t		 count;		/* this part's bytes so far */
	struct utf8_stream	 u8;		/* field data so far */
};

/* A cursor over a header value. */
struct mp_lex {
	const char	*s;
	size_t		 len;
	size_t		 pos;
};

static const char *const mp_errs[] = {
	"ok",					/* MP_OK */
	"out of memory",			/* MP_NOMEM */
	/* MP_BAD_CONTENT_TYPE */
	"not multipart/form-data with a valid boundary",
	"malformed multipart body",		/* MP_SYNTAX */
	"too many parts",			/* MP_TOO_MANY_PARTS */
	"part header too large",		/* MP_HEADER_TOO_LARGE */
	"field too large",			/* MP_FIELD_TOO_LARGE */
	"file too large",			/* MP_FILE_TOO_LARGE */
	"too many files",			/* MP_TOO_MANY_FILES */
	"body ended before the last boundary",	/* MP_TRUNCATED */
	"part is not UTF-8 or contains NUL",	/* MP_BAD_UTF8 */
	"stopped by the application",		/* MP_CALLBACK */
};

_Static_assert(sizeof(mp_errs) / sizeof(mp_errs[0]) == MP_CALLBACK + 1,
    "mp_errs must list every enum mp_err");

const char *
mp_strerror(enum mp_err e)
{
	if ((size_t)e >= sizeof(mp_errs) / sizeof(mp_errs[0]))
		return "unknown error";
	return mp_errs[e];
}

void
mp_limits_default(struct mp_limits *l)
{
	l->max_parts = MP_MAX_PARTS;
	l->max_header_bytes = MP_PART_HEADER_MAX_BYTES;
	l->max_field_bytes = FIELD_VALUE_MAX_BYTES;
	l->max_file_bytes = MP_FILE_MAX_BYTES;
	l->max_files = MP_MAX_FILES;
}

/* Lexing header values (RFC 7230 section 3.2.6). */

static int
mp_tchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* RFC 2046 bchars. */
static int
mp_bchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return 1;
	return c != '\0' && strchr("'()+_,-./:=? ", c) != NULL;
}

/* ASCII only, whatever the locale. */
static int
mp_ci_eq(const char *s, size_t len, const char *lit)
{
	size_t		 i;
	unsigned char	 c;

	for (i = 0; i < len; i++) {
		if (lit[i] == '\0')
			return 0;
		c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c != (unsigned char)lit[i])
			return 0;
	}
	return lit[len] == '\0';
}

static void
lex_ows(struct mp_lex *l)
{
	while (l->pos < l->len && (l->s[l->pos] == ' ' || l->s[l->pos] == '\t'))
		l->pos++;
}

static int
lex_char(struct mp_lex *l, char c)
{
	if (l->pos == l->len || l->s[l->pos] != c)
		return 0;
	l->pos++;
	return 1;
}

/* One or more tchars at the cursor; -1 if there are none. */
static int
lex_token(struct mp_lex *l, const char **tok, size_t *toklen)
{
	size_t	 start = l->pos;

	while (l->pos < l->len && mp_tchar((unsigned char)l->s[l->pos]))
		l->pos++;
	if (l->pos == start)
		return -1;
	*tok = l->s + start;
	*toklen = l->pos - start;
	return 0;
}

static int
qdtext(unsigned char c)
{
	return c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5B) ||
	    (c >= 0x5D && c <= 0x7E) || c >= 0x80;
}

static int
qpair(unsigned char c)
{
	return c == '\t' || (c >= 0x20 && c <= 0x7E) || c >= 0x80;
}

/*
 * The quoted-string at the cursor, which is on its opening quote, as an
 * arena copy with quoted-pairs resolved. Measured first so that the copy
 * is exactly as long as the value.
 */
static enum mp_err
lex_qstring(struct arena *a, struct mp_lex *l, char **out, size_t *outlen)
{
	const unsigned char	*s = (const unsigned char *)l->s;
	size_t			 i, j, n = 0;
	char			*d;

	for (i = l->pos + 1; i < l->len && s[i] != '"'; i++, n++) {
		if (s[i] == '\\') {
			if (++i == l->len || !qpair(s[i]))
				return MP_SYNTAX;
		} else if (!qdtext(s[i]))
			return MP_SYNTAX;
	}
	if (i == l->len)
		return MP_SYNTAX;
	if ((d = arena_alloc(a, n + 1)) == NULL)
		return MP_NOMEM;
	for (i = l->pos + 1, j = 0; s[i] != '"'; i++, j++) {
		if (s[i] == '\\')
			i++;
		d[j] = (char)s[i];
	}
	d[j] = '\0';
	l->pos = i + 1;
	*out = d;
	*outlen = j;
	return MP_OK;
}

/*
 * The next parameter of a header value: OWS ";" OWS name "=" value, with
 * value a token or a quoted-string (RFC 7231 section 3.1.1.1, RFC 6266
 * section 4.1; blanks around '=' tolerated). *name is NULL at the end of
 * the value; a trailing ';' is allowed. *val is an arena copy.
 */
static enum mp_err
lex_param(struct arena *a, struct mp_lex *l, const char **name,
    size_t *namelen, char **val, size_t *vallen)
{
	const char	*tok;
	size_t		 toklen;

	*name = NULL;
	lex_ows(l);
	if (l->pos == l->len)
		return MP_OK;
	if (!lex_char(l, ';'))
		return MP_SYNTAX;
	lex_ows(l);
	if (l->pos == l->len)
		return MP_OK;
	if (lex_token(l, &tok, &toklen) == -1)
		return MP_SYNTAX;
	lex_ows(l);
	if (!lex_char(l, '='))
		return MP_SYNTAX;
	lex_ows(l);
	*name = tok;
	*namelen = toklen;
	if (l->pos < l->len && l->s[l->pos] == '"')
		return lex_qstring(a, l, val, vallen);
	if (lex_token(l, &tok, &toklen) == -1)
		return MP_SYNTAX;
	if ((*val = arena_strndup(a, tok, toklen)) == NULL)
		return MP_NOMEM;
	*vallen = toklen;
	return MP_OK;
}

/* The request's Content-Type: multipart/form-data and its boundary. */
static enum mp_err
mp_content_type(struct mp_parser *p, const char *ct, size_t ctlen)
{
	struct mp_lex	 l = { ct, ctlen, 0 };
	const char	*type, *sub, *name;
	char		*val, *bnd = NULL;
	size_t		 typelen, sublen, namelen, vallen, bndlen = 0, i;
	enum mp_err	 e;

	lex_ows(&l);
	if (lex_token(&l, &type, &typelen) == -1 || !lex_char(&l, '/') ||
	    lex_token(&l, &sub, &sublen) == -1 ||
	    !mp_ci_eq(type, typelen, "multipart") ||
	    !mp_ci_eq(sub, sublen, "form-data"))
		return MP_BAD_CONTENT_TYPE;
	for (;;) {
		e = lex_param(p->arena, &l, &name, &namelen, &val, &vallen);
		if (e != MP_OK)
			return e == MP_NOMEM ? e : MP_BAD_CONTENT_TYPE;
		if (name == NULL)
			break;
		if (!mp_ci_eq(name, namelen, "boundary"))
			continue;
		/* Two boundaries: any choice could differ from a proxy's. */
		if (bnd != NULL)
			return MP_BAD_CONTENT_TYPE;
		bnd = val;
		bndlen = vallen;
	}
	/* RFC 2046 section 5.1.1: 1..70 bchars, not ending in a space. */
	if (bnd == NULL || bndlen == 0 || bndlen > MP_BOUNDARY_MAX_BYTES ||
	    bnd[bndlen - 1] == ' ')
		return MP_BAD_CONTENT_TYPE;
	for (i = 0; i < bndlen; i++)
		if (!mp_bchar((unsigned char)bnd[i]))
			return MP_BAD_CONTENT_TYPE;
	memcpy(p->delim, "\r\n--", MP_DELIM_PREFIX);
	memcpy(p->delim + MP_DELIM_PREFIX, bnd, bndlen);
	p->dlen = MP_DELIM_PREFIX + bndlen;
	return MP_OK;
}

struct mp_parser *
mp_new(struct arena *a, const char *content_type, size_t ctlen,
    const struct mp_limits *lim, const struct mp_callbacks *cb, void *ctx,
    enum mp_err *err)
{
	struct mp_parser	*p;

	if ((p = arena_calloc(a, 1, sizeof(*p))) == NULL) {
		*err = MP_NOMEM;
		return NULL;
	}
	p->arena = a;
	if (lim != NULL)
		p->lim = *lim;
	else
		mp_limits_default(&p->lim);
	if (cb != NULL)
		p->cb = *cb;
	p->ctx = ctx;
	if ((*err = mp_content_type(p, content_type, ctlen)) != MP_OK)
		return NULL;
	if ((p->hbuf = arena_alloc(a, p->lim.max_header_bytes)) == NULL) {
		*err = MP_NOMEM;
		return NULL;
	}
	p->state = MP_S_PREAMBLE;
	/* As if the body began with CRLF: "--boundary" may open it. */
	p->held = 2;
	p->err = MP_OK;
	return p;
}

static int
mp_fail(struct mp_parser *p, enum mp_err e)
{
	p->err = e;
	return -1;
}

/* Part headers (RFC 7578 section 4). */

/* Content-Disposition: form-data; name="..."[; filename="..."]. */
static enum mp_err
mp_disposition(struct mp_parser *p, const char *s, size_t len)
{
	struct mp_lex	 l = { s, len, 0 };
	const char	*tok, *pn;
	char		*val, *name = NULL, *filename = NULL;
	size_t		 toklen, pnlen, vallen, namelen = 0, fnlen = 0;
	enum mp_err	 e;

	if (lex_token(&l, &tok, &toklen) == -1 ||
	    !mp_ci_eq(tok, toklen, "form-data"))
		return MP_SYNTAX;
	for (;;) {
		if ((e = lex_param(p->arena, &l, &pn, &pnlen, &val, &vallen)) !=
		    MP_OK)
			return e;
		if (pn == NULL)
			break;
		if (mp_ci_eq(pn, pnlen, "name")) {
			if (name != NULL)
				return MP_SYNTAX;
			name = val;
			namelen = vallen;
		} else if (mp_ci_eq(pn, pnlen, "filename")) {
			if (filename != NULL)
				return MP_SYNTAX;
			filename = val;
			fnlen = vallen;
		}
	}
	if (name == NULL || namelen == 0)
		return MP_SYNTAX;
	if (!utf8_valid(name, namelen) ||
	    (filename != NULL && !utf8_valid(filename, fnlen)))
		return MP_BAD_UTF8;
	if (namelen > FIELD_NAME_MAX_BYTES || fnlen > MP_FILENAME_MAX_BYTES)
		return MP_HEADER_TOO_LARGE;
	p->part.name = name;
	p->part.filename = filename;
	return MP_OK;
}

/* One header line s[0..len), without its CRLF. */
static enum mp_err
mp_header_line(struct mp_parser *p, const char *s, size_t len)
{
	const char	*v;
	size_t		 n, vlen, i;
	char		*ct;

	/*
	 * A name is a token right up to the colon: this refuses folded
	 * lines (leading blank) and blanks before the colon (RFC 7230
	 * section 3.2.4), both of which readers disagree on.
	 */
	for (n = 0; n < len && mp_tchar((unsigned char)s[n]); n++)
		continue;
	if (n == 0 || n == len || s[n] != ':')
		return MP_SYNTAX;
	v = s + n + 1;
	vlen = len - n - 1;
	while (vlen > 0 && (v[0] == ' ' || v[0] == '\t')) {
		v++;
		vlen--;
	}
	while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
		vlen--;
	for (i = 0; i < vlen; i++)
		if (((unsigned char)v[i] < 0x20 && v[i] != '\t') ||
		    v[i] == 0x7F)
			return MP_SYNTAX;

	if (mp_ci_eq(s, n, "content-disposition")) {
		if (p->part.name != NULL)
			return MP_SYNTAX;
		return mp_disposition(p, v, vlen);
	}
	if (mp_ci_eq(s, n, "content-type")) {
		if (p->part.content_type != NULL)
			return MP_SYNTAX;
		if ((ct = arena_strndup(p->arena, v, vlen)) == NULL)
			return MP_NOMEM;
		p->part.content_type = ct;
	}
	/* Anything else (Content-Transfer-Encoding included) is ignored. */
	return MP_OK;
}

/*
 * The collected header block hbuf[0..hlen), which ends in an empty line,
 * into p->part.
 */
static enum mp_err
mp_headers(struct mp_parser *p)
{
	const char	*s = p->hbuf;
	size_t		 start, end;
	enum mp_err	 e;

	p->part.name = NULL;
	p->part.filename = NULL;
	p->part.content_type = NULL;
	if (!utf8_valid(s, p->hlen))
		return MP_BAD_UTF8;
	/* The block ends in CRLF, so every scan below stops inside it. */
	for (start = 0;; start = end + 2) {
		for (end = start; s[end] != '\r' && s[end] != '\n'; end++)
			continue;
		if (s[end] != '\r' || s[end + 1] != '\n')
			return MP_SYNTAX;
		if (end == start)
			break;
		if ((e = mp_header_line(p, s + start, end - start)) != MP_OK)
			return e;
	}
	if (p->part.name == NULL)
		return MP_SYNTAX;
	return MP_OK;
}

/* A delimiter line has ended: a new part, if the limit allows. */
static void
mp_part_open(struct mp_parser *p)
{
	if (p->nparts >= p->lim.max_parts) {
		mp_fail(p, MP_TOO_MANY_PARTS);
		return;
	}
	p->part.index = p->nparts++;
	p->hlen = 0;
	p->state = MP_S_HEADER;
}

/* The header block is complete: parse it and start the part's data. */
static void
mp_part_begin(struct mp_parser *p)
{
	enum mp_err	 e;

	if ((e = mp_headers(p)) != MP_OK) {
		mp_fail(p, e);
		return;
	}
	if (p->part.filename != NULL) {
		if (p->nfiles >= p->lim.max_files) {
			mp_fail(p, MP_TOO_MANY_FILES);
			return;
		}
		p->nfiles++;
	}
	p->count = 0;
	utf8_stream_init(&p->u8);
	p->held = 0;
	p->state = MP_S_BODY;
	if (p->cb.part_begin != NULL && p->cb.part_begin(p->ctx, &p->part) != 0)
		mp_fail(p, MP_CALLBACK);
}

/* Collect header bytes from b[0..n); returns how many were used. */
static size_t
mp_header_bytes(struct mp_parser *p, const char *b, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (p->hlen == p->lim.max_header_bytes) {
			mp_fail(p, MP_HEADER_TOO_LARGE);
			return i;
		}
		p->hbuf[p->hlen++] = b[i];
		if (b[i] != '\n')
			continue;
		/* The block ends at the first empty line. */
		if ((p->hlen == 2 && p->hbuf[0] == '\r') ||
		    (p->hlen >= 4 && memcmp(p->hbuf + p->hlen - 4,
		    "\r\n\r\n", 4) == 0)) {
			mp_part_begin(p);
			return i + 1;
		}
	}
	return n;
}

/*
 * Hand b[0..n) to the current part, or drop it outside a part. The caps
 * are checked first, and UTF-8 only up to the cap, so that which error
 * wins does not depend on how the body was chunked.
 */
static int
mp_emit(struct mp_parser *p, const char *b, size_t n)
{
	uint64_t	 cap, room;
	size_t		 fits;
	int		 file;

	if (n == 0 || p->state != MP_S_BODY)
		return 0;
	file = p->part.filename != NULL;
	cap = file ? p->lim.max_file_bytes : (uint64_t)p->lim.max_field_bytes;
	room = cap - p->count;
	fits = (uint64_t)n > room ? (size_t)room : n;
	if (!file && utf8_stream_feed(&p->u8, b, fits) == -1)
		return mp_fail(p, MP_BAD_UTF8);
	if (fits < n)
		return mp_fail(p, file ? MP_FILE_TOO_LARGE :
		    MP_FIELD_TOO_LARGE);
	p->count += n;
	if (p->cb.part_data != NULL &&
	    p->cb.part_data(p->ctx, &p->part, b, n) != 0)
		return mp_fail(p, MP_CALLBACK);
	return 0;
}

/* A whole delimiter has been matched. */
static void
mp_delimiter(struct mp_parser *p)
{
	if (p->state == MP_S_BODY) {
		if (p->part.filename == NULL && utf8_stream_end(&p->u8) == -1) {
			mp_fail(p, MP_BAD_UTF8);
			return;
		}
		if (p->cb.part_end != NULL &&
		    p->cb.part_end(p->ctx, &p->part) != 0) {
			mp_fail(p, MP_CALLBACK);
			return;
		}
	}
	p->state = MP_S_DELIM;
	p->pad = 0;
}

/*
 * Preamble or part data in b[0..n): hand over everything that cannot be
 * the start of a delimiter, in runs as long as possible. Returns how many
 * bytes were used: all of them, or up to the end of a delimiter.
 */
static size_t
mp_scan(struct mp_parser *p, const char *b, size_t n)
{
	const char	*cr;
	size_t		 i = 0, run = 0, mstart = SIZE_MAX;

	/*
	 * b[run..) is data not yet handed over; mstart is where the held
	 * bytes begin in b, or SIZE_MAX if they began in an earlier chunk.
	 */
	while (i < n) {
		if (p->held == 0) {
			if ((cr = memchr(b + i, '\r', n - i)) == NULL) {
				i = n;
				break;
			}
			i = (size_t)(cr - b);
			mstart = i++;
			p->held = 1;
		} else if (b[i] == p->delim[p->held]) {
			i++;
			if (++p->held < p->dlen)
				continue;
			p->held = 0;
			if (mstart != SIZE_MAX &&
			    mp_emit(p, b + run, mstart - run) == -1)
				return i;
			mp_delimiter(p);
			return i;
		} else {
			/* Not a delimiter: the held bytes were data. */
			if (mstart == SIZE_MAX) {
				if (mp_emit(p, p->delim, p->held) == -1)
					return i;
				run = i;
			}
			p->held = 0;
		}
	}
	if (p->held == 0)
		(void)mp_emit(p, b + run, n - run);
	else if (mstart != SIZE_MAX)
		(void)mp_emit(p, b + run, mstart - run);
	return n;
}

/* One byte of a delimiter line after the boundary. */
static void
mp_delim_byte(struct mp_parser *p, char c)
{
	switch (p->state) {
	case MP_S_DELIM:
		if (c == '-')
			p->state = MP_S_CLOSE;
		else if (c == ' ' || c == '\t') {
			p->state = MP_S_PAD;
			p->pad = 1;
		} else if (c == '\r')
			p->state = MP_S_LF;
		else
			/* The boundary inside data: RFC 2046 forbids it. */
			mp_fail(p, MP_SYNTAX);
		break;
	case MP_S_CLOSE:
		if (c == '-')
			p->state = MP_S_EPILOGUE;
		else
			mp_fail(p, MP_SYNTAX);
		break;
	case MP_S_PAD:
		if (c == '\r')
			p->state = MP_S_LF;
		else if (c != ' ' && c != '\t')
			mp_fail(p, MP_SYNTAX);
		else if (++p->pad > p->lim.max_header_bytes)
			mp_fail(p, MP_HEADER_TOO_LARGE);
		break;
	case MP_S_LF:
		if (c == '\n')
			mp_part_open(p);
		else
			mp_fail(p, MP_SYNTAX);
		break;
	default:
		/* Only called in the states above. */
		abort();
	}
}

enum mp_err
mp_feed(struct mp_parser *p, const char *buf, size_t len)
{
	size_t	 i = 0;

	while (i < len && p->err == MP_OK) {
		switch (p->state) {
		case MP_S_PREAMBLE:
		case MP_S_BODY:
			i += mp_scan(p, buf + i, len - i);
			break;
		case MP_S_HEADER:
			i += mp_header_bytes(p, buf + i, len - i);
			break;
		case MP_S_EPILOGUE:
			/* RFC 2046: the epilogue is to be ignored. */
			i = len;
			break;
		default:
			mp_delim_byte(p, buf[i++]);
			break;
		}
	}
	return p->err;
}

enum mp_err
mp_finish(struct mp_parser *p)
{
	if (p->err == MP_OK && p->state != MP_S_EPILOGUE)
		p->err = MP_TRUNCATED;
	return p->err;
}
