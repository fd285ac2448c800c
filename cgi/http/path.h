/*
 * The canonical request path: what routing sees, in the spirit of
 * canonicalize_path() in OpenBSD httpd. Routing is a static table over
 * this path (or its segments), so every way of spelling a path that is
 * not the canonical one is either rewritten here or refused.
 *
 * Caveats: the input is the path part of REQUEST_URI, before any '?';
 * splitting off the query is the caller's job. Percent-escapes are
 * decoded once, before dot segments are resolved, so "%2e%2e" is "..";
 * a decoded '/' (%2F) is refused rather than guessed at, because it
 * would move segment boundaries. The result is never used as a file
 * system path; it names a route.
 */
#ifndef PORTAL_HTTP_PATH_H
#define PORTAL_HTTP_PATH_H

#include <stddef.h>

struct arena;

enum path_err {
	PATH_OK,
	PATH_NOMEM,
	PATH_TOO_LONG,		/* raw path longer than PATH_MAX_BYTES */
	PATH_TOO_DEEP,		/* more than PATH_MAX_SEGMENTS segments */
	PATH_BAD_ESCAPE,	/* '%' not followed by two hex digits */
	PATH_BAD_UTF8,		/* decoded path not UTF-8, or has a NUL */
	PATH_BAD		/* relative, %2F, control, '\', ".." above / */
};

/*
 * Canonicalise raw[0..len). On PATH_OK, *out is the canonical path ("/"
 * or "/a/b", never a trailing slash, never an empty, "." or ".."
 * segment), *segments an array of *nsegments segment strings followed by
 * a NULL ("/" has none), all NUL-terminated and in the arena. On error
 * the outputs are untouched; what was allocated stays in the arena until
 * it is reset.
 */
enum path_err	 path_canonical(struct arena *, const char *raw, size_t len,
		    char **out, const char ***segments, size_t *nsegments)
		    __attribute__((warn_unused_result));

/* A static English description, for logs; never NULL. */
const char	*path_strerror(enum path_err);

#endif /* PORTAL_HTTP_PATH_H */
