/*
 * A decoded key/value pair, as produced by the query-string, form-body
 * and cookie parsers, and the two lookups every caller needs.
 *
 * Caveats: key and val are NUL-terminated copies in the request arena and
 * live until the arena is reset; the parsers guarantee they are valid
 * UTF-8 with no NUL inside, so keylen == strlen(key). Lists keep every
 * pair in input order, duplicates included: a caller that expects one
 * value must check kv_count, never silently take the first or the last.
 */
#ifndef PORTAL_HTTP_KV_H
#define PORTAL_HTTP_KV_H

#include <stddef.h>

struct kv {
	const char	*key;
	size_t		 keylen;	/* excludes the NUL */
	const char	*val;
	size_t		 vallen;	/* excludes the NUL */
};

/*
 * The first pair in v[0..n) whose key is key, or NULL. v may be NULL
 * when n is 0, as the parsers return for an empty list.
 */
const struct kv	*kv_find(const struct kv *v, size_t n, const char *key);
/* How many pairs in v[0..n) have key as their key. */
size_t		 kv_count(const struct kv *v, size_t n, const char *key);

#endif /* PORTAL_HTTP_KV_H */
