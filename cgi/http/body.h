/*
 * Reading request bodies: exactly CONTENT_LENGTH bytes, in bounded chunks.
 * The dispatcher has already refused a body over the route's limit (413)
 * or without a length (411); these refuse a body that ends early (400)
 * and a content type the route does not take (415).
 */
#ifndef PORTAL_HTTP_BODY_H
#define PORTAL_HTTP_BODY_H

#include <stddef.h>

#include "http/kv.h"
#include "http/multipart.h"

struct req;

/*
 * Read and parse an application/x-www-form-urlencoded body into the
 * arena. Returns 0, or the HTTP status to answer with.
 */
int	body_urlencoded(struct req *, struct kv **pairs, size_t *npairs)
	    __attribute__((warn_unused_result));
/*
 * Stream a multipart/form-data body through the parser with cb. Returns
 * 0, or the HTTP status to answer with (400 for a malformed body or a
 * callback's refusal, 413 for a part or file over its limit); *err says
 * which multipart rule failed, for the page to explain.
 */
int	body_multipart(struct req *, const struct mp_limits *,
	    const struct mp_callbacks *cb, void *ctx, enum mp_err *err)
	    __attribute__((warn_unused_result));
/* 1 if the request's Content-Type is this media type (parameters aside). */
int	body_is(const struct req *, const char *media_type);

#endif /* PORTAL_HTTP_BODY_H */
