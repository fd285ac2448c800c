/*
 * urlenc_parse on arbitrary bytes. What it accepts must hold to its
 * promises (UTF-8, no NUL, limits) and survive a round trip: encoding
 * the pairs again and parsing that gives the same pairs.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "http/kv.h"
#include "http/urlenc.h"
#include "portal_limits.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static size_t
encode(char *d, const char *s, size_t len)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 i, j = 0;
	unsigned char		 c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')
			d[j++] = (char)c;
		else if (c == ' ')
			d[j++] = '+';
		else {
			d[j++] = '%';
			d[j++] = hex[c >> 4];
			d[j++] = hex[c & 15];
		}
	}
	return j;
}

static void
check(const struct kv *kv, size_t n)
{
	size_t	 i;

	if (n > FORM_MAX_FIELDS)
		abort();
	for (i = 0; i < n; i++) {
		if (kv[i].keylen > FIELD_NAME_MAX_BYTES ||
		    kv[i].vallen > FIELD_VALUE_MAX_BYTES ||
		    strlen(kv[i].key) != kv[i].keylen ||
		    strlen(kv[i].val) != kv[i].vallen ||
		    !utf8_valid(kv[i].key, kv[i].keylen) ||
		    !utf8_valid(kv[i].val, kv[i].vallen))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct kv	*kv, *kv2;
	size_t		 n, n2, i, len = 0;
	char		*enc;

	if ((a = arena_new(ARENA_MAX_BYTES)) == NULL)
		abort();
	if (urlenc_parse(a, (const char *)data, size, FORM_MAX_FIELDS, &kv,
	    &n) != URLENC_OK)
		goto out;
	check(kv, n);
	/* Decoding never lengthens, so 3 * size (+ separators) is enough. */
	if ((enc = arena_alloc(a, 3 * size + 2 * n + 1)) == NULL)
		abort();
	for (i = 0; i < n; i++) {
		len += encode(enc + len, kv[i].key, kv[i].keylen);
		enc[len++] = '=';
		len += encode(enc + len, kv[i].val, kv[i].vallen);
		enc[len++] = '&';
	}
	if (urlenc_parse(a, enc, len, FORM_MAX_FIELDS, &kv2, &n2) !=
	    URLENC_OK || n2 != n)
		abort();
	for (i = 0; i < n; i++)
		if (strcmp(kv[i].key, kv2[i].key) != 0 ||
		    strcmp(kv[i].val, kv2[i].val) != 0)
			abort();
 out:
	arena_free(a);
	return 0;
}
