/*
 * Request path canonicalisation. The steps are numbered as in
 * canonicalize_path() in OpenBSD httpd; unlike it, this one decodes
 * percent-escapes itself (so that nothing later can decode a second
 * time) and refuses instead of repairing anything ambiguous.
 *
 * The depth limit holds at every step, not only for the result: a
 * segment stack of PATH_MAX_SEGMENTS entries lives on the C stack and
 * "/a/b/../c" never needs more than its deepest point.
 */
#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "http/path.h"
#include "portal_limits.h"

static const char *const path_errs[] = {
	"ok",					/* PATH_OK */
	"out of memory",			/* PATH_NOMEM */
	"path too long",			/* PATH_TOO_LONG */
	"path too deep",			/* PATH_TOO_DEEP */
	"bad percent escape in path",		/* PATH_BAD_ESCAPE */
	"path is not UTF-8 or contains NUL",	/* PATH_BAD_UTF8 */
	"path refused",				/* PATH_BAD */
};

_Static_assert(sizeof(path_errs) / sizeof(path_errs[0]) == PATH_BAD + 1,
    "path_errs must list every enum path_err");

struct path_seg {
	size_t	 off;
	size_t	 len;
};

const char *
path_strerror(enum path_err e)
{
	if ((size_t)e >= sizeof(path_errs) / sizeof(path_errs[0]))
		return "unknown error";
	return path_errs[e];
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decode raw[0..len) into d, which holds len bytes; length in *dlen. */
static enum path_err
path_decode(const char *raw, size_t len, char *d, size_t *dlen)
{
	size_t	 i, j;
	int	 hi, lo;

	for (i = j = 0; i < len; i++, j++) {
		if (raw[i] != '%') {
			d[j] = raw[i];
			continue;
		}
		if (len - i < 3 || (hi = hexval(raw[i + 1])) == -1 ||
		    (lo = hexval(raw[i + 2])) == -1)
			return PATH_BAD_ESCAPE;
		d[j] = (char)(hi << 4 | lo);
		/* Data to one reader, a separator to the next: refuse. */
		if (d[j] == '/')
			return PATH_BAD;
		i += 2;
	}
	*dlen = j;
	return PATH_OK;
}

/*
 * Refuse bytes a route never contains and that other layers (logs,
 * terminals, Windows-minded tools) may read as structure: C0 and C1
 * controls, DEL and backslash. The text is known to be UTF-8 here, so
 * C1 controls are the two-byte sequences C2 80..C2 9F.
 */
static int
path_clean(const char *d, size_t len)
{
	const unsigned char	*p = (const unsigned char *)d;
	size_t			 i;

	for (i = 0; i < len; i++) {
		if (p[i] < 0x20 || p[i] == 0x7F || p[i] == '\\')
			return 0;
		if (p[i] == 0xC2 && i + 1 < len && p[i + 1] <= 0x9F)
			return 0;
	}
	return 1;
}

/*
 * Resolve the segments of the decoded path d[0..len) onto st, leaving
 * their number in *n.
 */
static enum path_err
path_walk(const char *d, size_t len, struct path_seg *st, size_t *n)
{
	const char	*slash;
	size_t		 start, end, sl;

	*n = 0;
	for (start = 1; start <= len; start = end + 1) {
		slash = memchr(d + start, '/', len - start);
		end = slash == NULL ? len : (size_t)(slash - d);
		sl = end - start;
		/* a) an empty segment is a repeated '/' (or a trailing one) */
		if (sl == 0)
			continue;
		/* b) "." is the segment itself */
		if (sl == 1 && d[start] == '.')
			continue;
		/* c) ".." is the parent, and the root has none */
		if (sl == 2 && d[start] == '.' && d[start + 1] == '.') {
			if (*n == 0)
				return PATH_BAD;
			(*n)--;
			continue;
		}
		if (*n == PATH_MAX_SEGMENTS)
			return PATH_TOO_DEEP;
		st[*n].off = start;
		st[*n].len = sl;
		(*n)++;
	}
	return PATH_OK;
}

enum path_err
path_canonical(struct arena *a, const char *raw, size_t len, char **out,
    const char ***segments, size_t *nsegments)
{
	struct path_seg	 st[PATH_MAX_SEGMENTS];
	const char	**segv;
	char		*d, *p;
	size_t		 dlen, n, i, plen;
	enum path_err	 e;

	/* 1. An absolute path of bounded length. */
	if (len == 0 || raw[0] != '/')
		return PATH_BAD;
	if (len > PATH_MAX_BYTES)
		return PATH_TOO_LONG;

	/* 2. Decode escapes once; decoding never lengthens. */
	if ((d = arena_alloc(a, len)) == NULL)
		return PATH_NOMEM;
	if ((e = path_decode(raw, len, d, &dlen)) != PATH_OK)
		return e;

	/* 3. Text, not bytes: UTF-8 without NUL. */
	if (!utf8_valid(d, dlen))
		return PATH_BAD_UTF8;

	/* 4. No control characters, no backslash. */
	if (!path_clean(d, dlen))
		return PATH_BAD;

	/* 5. Collapse "//", drop ".", resolve "..". */
	if ((e = path_walk(d, dlen, st, &n)) != PATH_OK)
		return e;

	/* 6. Rebuild; at most dlen bytes, as every kept segment came from d. */
	if ((p = arena_alloc(a, dlen + 1)) == NULL ||
	    (segv = arena_calloc(a, n + 1, sizeof(*segv))) == NULL)
		return PATH_NOMEM;
	plen = 0;
	for (i = 0; i < n; i++) {
		p[plen++] = '/';
		memcpy(p + plen, d + st[i].off, st[i].len);
		plen += st[i].len;
		if ((segv[i] = arena_strndup(a, d + st[i].off, st[i].len)) ==
		    NULL)
			return PATH_NOMEM;
	}
	/* 7. The root alone keeps its slash. */
	if (plen == 0)
		p[plen++] = '/';
	p[plen] = '\0';

	*out = p;
	*segments = segv;
	*nsegments = n;
	return PATH_OK;
}
