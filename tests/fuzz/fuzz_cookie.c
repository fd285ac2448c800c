/*
 * cookie_parse on arbitrary bytes. Every pair it keeps must be a token
 * name and a cookie-octet value, and writing the pairs back as a header
 * must parse to the same pairs.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "http/cookie.h"
#include "http/kv.h"
#include "portal_limits.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
tchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') ||
	    (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static int
octet(unsigned char c)
{
	return c == 0x21 || (c >= 0x23 && c <= 0x2B) ||
	    (c >= 0x2D && c <= 0x3A) || (c >= 0x3C && c <= 0x5B) ||
	    (c >= 0x5D && c <= 0x7E);
}

static void
check(const struct kv *kv, size_t n)
{
	size_t	 i, j;

	if (n > COOKIE_MAX_PAIRS)
		abort();
	for (i = 0; i < n; i++) {
		if (kv[i].keylen == 0 || strlen(kv[i].key) != kv[i].keylen ||
		    strlen(kv[i].val) != kv[i].vallen)
			abort();
		for (j = 0; j < kv[i].keylen; j++)
			if (!tchar((unsigned char)kv[i].key[j]))
				abort();
		for (j = 0; j < kv[i].vallen; j++)
			if (!octet((unsigned char)kv[i].val[j]))
				abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct kv	*kv, *kv2;
	size_t		 n, n2, i, len = 0;
	char		*hdr;

	if ((a = arena_new(ARENA_MAX_BYTES)) == NULL)
		abort();
	if (cookie_parse(a, (const char *)data, size, &kv, &n) != COOKIE_OK)
		goto out;
	check(kv, n);
	/* Quotes stripped, blanks dropped: never longer than the input. */
	if ((hdr = arena_alloc(a, size + 1)) == NULL)
		abort();
	for (i = 0; i < n; i++) {
		if (i > 0)
			hdr[len++] = ';';
		memcpy(hdr + len, kv[i].key, kv[i].keylen);
		len += kv[i].keylen;
		hdr[len++] = '=';
		memcpy(hdr + len, kv[i].val, kv[i].vallen);
		len += kv[i].vallen;
	}
	if (len > size)
		abort();
	if (cookie_parse(a, hdr, len, &kv2, &n2) != COOKIE_OK || n2 != n)
		abort();
	for (i = 0; i < n; i++)
		if (strcmp(kv[i].key, kv2[i].key) != 0 ||
		    strcmp(kv[i].val, kv2[i].val) != 0)
			abort();
 out:
	arena_free(a);
	return 0;
}
