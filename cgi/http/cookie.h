/*
 * The Cookie request header (RFC 6265 sections 4.2.1 and 5.4), parsed
 * tolerantly: browsers send cookies set by other applications on the
 * same host, so a malformed pair is skipped rather than failing the
 * request.
 *
 * Caveats: values are returned as sent, without percent-decoding and
 * with surrounding double quotes removed. Several cookies may share a
 * name (set for different paths or by a sibling domain); all are kept in
 * header order and a caller looking for its session cookie must treat
 * kv_count() > 1 as suspicious rather than pick one.
 */
#ifndef PORTAL_HTTP_COOKIE_H
#define PORTAL_HTTP_COOKIE_H

#include <stddef.h>

#include "http/kv.h"

struct arena;

enum cookie_err {
	COOKIE_OK,
	COOKIE_NOMEM,
	COOKIE_TOO_LONG,	/* header longer than COOKIE_MAX_BYTES */
	COOKIE_TOO_MANY,	/* over COOKIE_MAX_PAIRS well-formed pairs */
	COOKIE_SYNTAX		/* a NUL or invalid UTF-8 anywhere */
};

/*
 * Parse the header value s[0..len): pairs separated by ';', optional
 * spaces or tabs around them, "name=value" where name is an RFC 7230
 * token and value is cookie-octets, optionally in double quotes. A pair
 * that does not match is skipped. On COOKIE_OK *out is an arena array of
 * *nout pairs (NULL when there are none); on error *out is NULL and
 * *nout is 0.
 */
enum cookie_err	 cookie_parse(struct arena *, const char *s, size_t len,
		    struct kv **out, size_t *nout)
		    __attribute__((warn_unused_result));

/* A static English description, for logs; never NULL. */
const char	*cookie_strerror(enum cookie_err);

#endif /* PORTAL_HTTP_COOKIE_H */
