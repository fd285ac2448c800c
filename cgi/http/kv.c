/*
 * Lookups over parsed key/value lists. Linear: lists are short (their
 * length is capped by FORM_MAX_FIELDS or COOKIE_MAX_PAIRS).
 */
#include <stddef.h>
#include <string.h>

#include "http/kv.h"

static int
kv_is(const struct kv *p, const char *key, size_t keylen)
{
	return p->keylen == keylen && memcmp(p->key, key, keylen) == 0;
}

const struct kv *
kv_find(const struct kv *v, size_t n, const char *key)
{
	size_t	 i, keylen = strlen(key);

	for (i = 0; i < n; i++)
		if (kv_is(&v[i], key, keylen))
			return &v[i];
	return NULL;
}

size_t
kv_count(const struct kv *v, size_t n, const char *key)
{
	size_t	 i, c = 0, keylen = strlen(key);

	for (i = 0; i < n; i++)
		if (kv_is(&v[i], key, keylen))
			c++;
	return c;
}
