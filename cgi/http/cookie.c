/*
 * Cookie header parsing. The grammar is RFC 6265 section 4.2.1 (what a
 * server may set) applied to each pair; the splitting and trimming are
 * section 5.4 / 5.2 (what user agents actually send).
 */
#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "http/cookie.h"
#include "http/kv.h"
#include "portal_limits.h"

static const char *const cookie_errs[] = {
	"ok",					/* COOKIE_OK */
	"out of memory",			/* COOKIE_NOMEM */
	"cookie header too long",		/* COOKIE_TOO_LONG */
	"too many cookies",			/* COOKIE_TOO_MANY */
	"cookie header is not UTF-8 or contains NUL", /* COOKIE_SYNTAX */
};

_Static_assert(sizeof(cookie_errs) / sizeof(cookie_errs[0]) ==
    COOKIE_SYNTAX + 1, "cookie_errs must list every enum cookie_err");

const char *
cookie_strerror(enum cookie_err e)
{
	if ((size_t)e >= sizeof(cookie_errs) / sizeof(cookie_errs[0]))
		return "unknown error";
	return cookie_errs[e];
}

/* RFC 7230 section 3.2.6 tchar. */
static int
cookie_tchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/*
 * RFC 6265 cookie-octet: visible US-ASCII except DQUOTE, comma, semicolon
 * and backslash.
 */
static int
cookie_octet(unsigned char c)
{
	return c == 0x21 || (c >= 0x23 && c <= 0x2B) ||
	    (c >= 0x2D && c <= 0x3A) || (c >= 0x3C && c <= 0x5B) ||
	    (c >= 0x5D && c <= 0x7E);
}

static int
cookie_ws(char c)
{
	return c == ' ' || c == '\t';
}

static int
cookie_all(const char *s, size_t len, int (*ok)(unsigned char))
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (!ok((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * Split one ';'-separated piece s[0..len) into name and value, trimming
 * blanks and stripping one pair of double quotes from the value.
 * 0 if it is a well-formed pair, -1 if it is to be skipped.
 */
static int
cookie_split(const char *s, size_t len, const char **name, size_t *namelen,
    const char **val, size_t *vallen)
{
	const char	*eq;
	size_t		 nl, vl;

	while (len > 0 && cookie_ws(s[0])) {
		s++;
		len--;
	}
	while (len > 0 && cookie_ws(s[len - 1]))
		len--;
	/* Without '=' user agents disagree on what it means: drop it. */
	if ((eq = memchr(s, '=', len)) == NULL)
		return -1;
	nl = (size_t)(eq - s);
	while (nl > 0 && cookie_ws(s[nl - 1]))
		nl--;
	*val = eq + 1;
	vl = len - (size_t)(eq - s) - 1;
	while (vl > 0 && cookie_ws(**val)) {
		(*val)++;
		vl--;
	}
	if (vl >= 2 && (*val)[0] == '"' && (*val)[vl - 1] == '"') {
		(*val)++;
		vl -= 2;
	}
	if (nl == 0 || !cookie_all(s, nl, cookie_tchar) ||
	    !cookie_all(*val, vl, cookie_octet))
		return -1;
	*name = s;
	*namelen = nl;
	*vallen = vl;
	return 0;
}

enum cookie_err
cookie_parse(struct arena *a, const char *s, size_t len, struct kv **out,
    size_t *nout)
{
	struct kv	*kv;
	const char	*semi, *name, *val;
	size_t		 max, i, n = 0, start, end, namelen, vallen;

	*out = NULL;
	*nout = 0;
	if (len > COOKIE_MAX_BYTES)
		return COOKIE_TOO_LONG;
	/* A NUL or broken UTF-8 is no browser's junk: refuse the request. */
	if (!utf8_valid(s, len))
		return COOKIE_SYNTAX;
	if (len == 0)
		return COOKIE_OK;

	/* At most one pair per ';'-separated piece. */
	for (max = 1, i = 0; i < len; i++)
		if (s[i] == ';')
			max++;
	if (max > COOKIE_MAX_PAIRS)
		max = COOKIE_MAX_PAIRS;
	if ((kv = arena_calloc(a, max, sizeof(*kv))) == NULL)
		return COOKIE_NOMEM;

	for (start = 0; start < len; start = end + 1) {
		semi = memchr(s + start, ';', len - start);
		end = semi == NULL ? len : (size_t)(semi - s);
		if (cookie_split(s + start, end - start, &name, &namelen,
		    &val, &vallen) == -1)
			continue;
		if (n == max)
			return COOKIE_TOO_MANY;
		kv[n].key = arena_strndup(a, name, namelen);
		kv[n].val = arena_strndup(a, val, vallen);
		if (kv[n].key == NULL || kv[n].val == NULL)
			return COOKIE_NOMEM;
		kv[n].keylen = namelen;
		kv[n].vallen = vallen;
		n++;
	}
	if (n > 0)
		*out = kv;
	*nout = n;
	return COOKIE_OK;
}
