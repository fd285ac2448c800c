/*
 * Request bodies. A multipart body never sits whole in memory: it is fed
 * to the streaming parser one BODY_CHUNK_BYTES chunk at a time.
 */
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "http/body.h"
#include "http/request.h"
#include "http/urlenc.h"
#include "portal_limits.h"

int
body_is(const struct req *r, const char *type)
{
	const char	*ct = req_header(r, HDR_CONTENT_TYPE);
	size_t		 len = strlen(type);

	if (ct == NULL || strncasecmp(ct, type, len) != 0)
		return 0;
	return ct[len] == '\0' || ct[len] == ';' || ct[len] == ' ';
}

int
body_urlencoded(struct req *r, struct kv **pairs, size_t *npairs)
{
	char	*buf;
	size_t	 got = 0;
	long	 n;

	if (!body_is(r, "application/x-www-form-urlencoded"))
		return 415;
	if (r->content_length > BODY_FORM_MAX_BYTES)
		return 413;
	if ((buf = arena_alloc(r->arena, (size_t)r->content_length + 1)) ==
	    NULL)
		return 500;
	while ((n = req_body_read(r, buf + got,
	    (size_t)r->content_length - got)) > 0)
		got += (size_t)n;
	if (n == -1 || got != r->content_length)
		return 400;
	switch (urlenc_parse(r->arena, buf, got, FORM_MAX_FIELDS, pairs,
	    npairs)) {
	case URLENC_OK:
		return 0;
	case URLENC_NOMEM:
		return 500;
	default:
		return 400;
	}
}

static int
mp_status(enum mp_err e)
{
	switch (e) {
	case MP_OK:
		return 0;
	case MP_NOMEM:
		return 500;
	case MP_FIELD_TOO_LARGE:
	case MP_FILE_TOO_LARGE:
	case MP_TOO_MANY_FILES:
	case MP_TOO_MANY_PARTS:
		return 413;
	case MP_BAD_CONTENT_TYPE:
		return 415;
	default:
		return 400;
	}
}

int
body_multipart(struct req *r, const struct mp_limits *lim,
    const struct mp_callbacks *cb, void *ctx, enum mp_err *err)
{
	const char		*ct = req_header(r, HDR_CONTENT_TYPE);
	struct mp_parser	*mp;
	char			*chunk;
	long			 n;

	*err = MP_BAD_CONTENT_TYPE;
	if (!body_is(r, "multipart/form-data"))
		return 415;
	if ((mp = mp_new(r->arena, ct, strlen(ct), lim, cb, ctx, err)) == NULL)
		return mp_status(*err);
	if ((chunk = arena_alloc(r->arena, BODY_CHUNK_BYTES)) == NULL)
		return 500;
	while ((n = req_body_read(r, chunk, BODY_CHUNK_BYTES)) > 0)
		if ((*err = mp_feed(mp, chunk, (size_t)n)) != MP_OK)
			return mp_status(*err);
	if (n == -1) {
		*err = MP_TRUNCATED;
		return 400;
	}
	*err = mp_finish(mp);
	return mp_status(*err);
}
