/*
 * application/x-www-form-urlencoded: form bodies and query strings
 * (WHATWG URL Standard, "application/x-www-form-urlencoded parsing",
 * without its fallback for bad escapes: here a bad escape is an error).
 *
 * Caveats: decoded keys and values are checked for UTF-8 and NUL and for
 * FIELD_NAME_MAX_BYTES / FIELD_VALUE_MAX_BYTES, nothing more: whether a
 * key is expected and its value acceptable is the caller's business.
 * The raw length is the caller's to cap (QUERY_MAX_BYTES,
 * BODY_FORM_MAX_BYTES) before calling. Duplicate keys are kept in order.
 */
#ifndef PORTAL_HTTP_URLENC_H
#define PORTAL_HTTP_URLENC_H

#include <stddef.h>

#include "http/kv.h"

struct arena;

enum urlenc_err {
	URLENC_OK,
	URLENC_NOMEM,
	URLENC_TOO_MANY,		/* more than max_fields pairs */
	URLENC_KEY_TOO_LONG,		/* decoded > FIELD_NAME_MAX_BYTES */
	URLENC_VALUE_TOO_LONG,		/* decoded > FIELD_VALUE_MAX_BYTES */
	URLENC_BAD_ESCAPE,		/* '%' not followed by two hex digits */
	URLENC_BAD_UTF8			/* decoded: not UTF-8, or a NUL */
};

/*
 * Parse s[0..len). '&' separates pairs, empty pairs are skipped, the first
 * '=' splits key from value (a pair without one has the value ""), '+' is
 * a space and %XX (either case) a byte. On URLENC_OK, *out is an arena
 * array of *nout pairs (NULL when there are none). On error *out is NULL,
 * *nout is 0, and the first error found is returned; the arena keeps
 * whatever was allocated until it is reset.
 */
enum urlenc_err	 urlenc_parse(struct arena *, const char *s, size_t len,
		    size_t max_fields, struct kv **out, size_t *nout)
		    __attribute__((warn_unused_result));

/* A static English description, for logs; never NULL. */
const char	*urlenc_strerror(enum urlenc_err);

#endif /* PORTAL_HTTP_URLENC_H */
