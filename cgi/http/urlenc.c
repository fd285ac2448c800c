/*
 * application/x-www-form-urlencoded parsing. Each pair is measured
 * before it is copied, so an over-long key or value costs no memory, and
 * the pairs are counted before anything is decoded, so too many pairs
 * cost no work.
 */
#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "http/kv.h"
#include "http/urlenc.h"
#include "portal_limits.h"

static const char *const urlenc_errs[] = {
	"ok",					/* URLENC_OK */
	"out of memory",			/* URLENC_NOMEM */
	"too many fields",			/* URLENC_TOO_MANY */
	"field name too long",			/* URLENC_KEY_TOO_LONG */
	"field value too long",			/* URLENC_VALUE_TOO_LONG */
	"bad percent escape",			/* URLENC_BAD_ESCAPE */
	"field is not UTF-8 or contains NUL",	/* URLENC_BAD_UTF8 */
};

_Static_assert(sizeof(urlenc_errs) / sizeof(urlenc_errs[0]) ==
    URLENC_BAD_UTF8 + 1, "urlenc_errs must list every enum urlenc_err");

const char *
urlenc_strerror(enum urlenc_err e)
{
	if ((size_t)e >= sizeof(urlenc_errs) / sizeof(urlenc_errs[0]))
		return "unknown error";
	return urlenc_errs[e];
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

/* The decoded length of s[0..len) in *out, or URLENC_BAD_ESCAPE. */
static enum urlenc_err
urlenc_measure(const char *s, size_t len, size_t *out)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++, n++) {
		if (s[i] != '%')
			continue;
		if (len - i < 3 || hexval(s[i + 1]) == -1 ||
		    hexval(s[i + 2]) == -1)
			return URLENC_BAD_ESCAPE;
		i += 2;
	}
	*out = n;
	return URLENC_OK;
}

/*
 * Decode s[0..len) into a NUL-terminated arena copy of at most max bytes
 * (toolong if longer) that must be UTF-8 without NUL.
 */
static enum urlenc_err
urlenc_decode(struct arena *a, const char *s, size_t len, size_t max,
    enum urlenc_err toolong, const char **out, size_t *outlen)
{
	enum urlenc_err	 e;
	size_t		 n, i, j;
	char		*d;

	if ((e = urlenc_measure(s, len, &n)) != URLENC_OK)
		return e;
	if (n > max)
		return toolong;
	/* n <= len, so n + 1 cannot wrap. */
	if ((d = arena_alloc(a, n + 1)) == NULL)
		return URLENC_NOMEM;
	for (i = j = 0; i < len; i++, j++) {
		if (s[i] == '+')
			d[j] = ' ';
		else if (s[i] == '%') {
			d[j] = (char)(hexval(s[i + 1]) << 4 | hexval(s[i + 2]));
			i += 2;
		} else
			d[j] = s[i];
	}
	d[j] = '\0';
	/* %00 or raw, no NUL and no broken UTF-8 gets past here. */
	if (!utf8_valid(d, j))
		return URLENC_BAD_UTF8;
	*out = d;
	*outlen = j;
	return URLENC_OK;
}

/* The number of non-empty '&'-separated pairs in s[0..len). */
static size_t
urlenc_count(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		if (s[i] != '&' && (i + 1 == len || s[i + 1] == '&'))
			n++;
	return n;
}

static enum urlenc_err
urlenc_pair(struct arena *a, const char *s, size_t len, struct kv *kv)
{
	const char	*eq;
	size_t		 klen;
	enum urlenc_err	 e;

	eq = memchr(s, '=', len);
	klen = eq == NULL ? len : (size_t)(eq - s);
	e = urlenc_decode(a, s, klen, FIELD_NAME_MAX_BYTES,
	    URLENC_KEY_TOO_LONG, &kv->key, &kv->keylen);
	if (e != URLENC_OK)
		return e;
	if (eq == NULL)
		return urlenc_decode(a, "", 0, FIELD_VALUE_MAX_BYTES,
		    URLENC_VALUE_TOO_LONG, &kv->val, &kv->vallen);
	return urlenc_decode(a, eq + 1, len - klen - 1, FIELD_VALUE_MAX_BYTES,
	    URLENC_VALUE_TOO_LONG, &kv->val, &kv->vallen);
}

enum urlenc_err
urlenc_parse(struct arena *a, const char *s, size_t len, size_t max_fields,
    struct kv **out, size_t *nout)
{
	struct kv	*kv;
	const char	*amp;
	size_t		 npairs, n = 0, start, end;
	enum urlenc_err	 e;

	*out = NULL;
	*nout = 0;
	if (len == 0)
		return URLENC_OK;
	npairs = urlenc_count(s, len);
	if (npairs > max_fields)
		return URLENC_TOO_MANY;
	if (npairs == 0)
		return URLENC_OK;
	if ((kv = arena_calloc(a, npairs, sizeof(*kv))) == NULL)
		return URLENC_NOMEM;

	for (start = 0; start < len; start = end + 1) {
		amp = memchr(s + start, '&', len - start);
		end = amp == NULL ? len : (size_t)(amp - s);
		if (end == start)
			continue;
		if ((e = urlenc_pair(a, s + start, end - start, &kv[n])) !=
		    URLENC_OK)
			return e;
		n++;
	}
	*out = kv;
	*nout = n;
	return URLENC_OK;
}
