/*
 * A request as the application sees it: built from the FastCGI parameters
 * nginx passes, copied into the request arena (libfcgi frees its own copy
 * at the next accept), with the path already canonical.
 *
 * Nothing here is trusted: every string has been checked to be valid
 * UTF-8 without NUL, and every size against its limit, before a handler
 * can see it.
 */
#ifndef PORTAL_HTTP_REQUEST_H
#define PORTAL_HTTP_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "core/writer.h"
#include "http/kv.h"
#include "http/response.h"
#include "view/lang.h"

struct arena;
struct route;

enum method { METHOD_GET, METHOD_HEAD, METHOD_POST, METHOD_OTHER, METHOD__MAX };
extern const char *const method_names[METHOD__MAX];

#define ROUTE_MAX_PARAMS	4
#define INCIDENT_ID_BYTES	8	/* shown as 16 hex digits */

/* The request headers the portal reads; all others are ignored. */
enum header {
	HDR_ACCEPT,
	HDR_ACCEPT_LANGUAGE,
	HDR_CONTENT_TYPE,
	HDR_COOKIE,
	HDR_IF_MODIFIED_SINCE,
	HDR_IF_NONE_MATCH,
	HDR_ORIGIN,
	HDR_SEC_FETCH_SITE,
	HDR__MAX
};

struct req {
	struct arena	*arena;
	void		*conn;		/* the FastCGI request, NULL in tests */
	enum method	 method;
	const char	*path;		/* canonical, see http/path.h */
	const char	**segs;
	size_t		 nsegs;
	struct kv	*query;
	size_t		 nquery;
	struct kv	*cookies;
	size_t		 ncookies;
	const char	*headers[HDR__MAX];	/* NULL when absent */
	const char	*client_addr;	/* for rate limits only: never logged */
	int		 has_length;
	uint64_t	 content_length;
	uint64_t	 body_read;
	const struct route *route;
	const char	*params[ROUTE_MAX_PARAMS];
	enum lang	 lang;
	char		 incident[INCIDENT_ID_BYTES * 2 + 1];
	struct resp	 resp;
	struct writer	 out;		/* the response body */
};

/*
 * Fill r from the FastCGI request conn. Returns 0, or the HTTP status to
 * answer with (400 for a malformed request, 414 for a path or query too
 * long) when the request cannot be served; r is usable for an error page
 * either way.
 */
int	req_from_fcgi(struct req *r, struct arena *, void *conn)
	    __attribute__((warn_unused_result));

/* Give r a fresh incident id (also used when r is a test request). */
void	req_new_incident(struct req *r);

/*
 * Read up to len bytes of the body. Returns the number read, 0 once
 * exactly Content-Length bytes have been read, -1 when the body ended
 * early or the connection failed (answer 400).
 */
long	req_body_read(struct req *, void *buf, size_t len)
	    __attribute__((warn_unused_result));

/* The value of a header, or NULL. */
const char *req_header(const struct req *, enum header);
/* The value of a cookie, or NULL if absent or sent more than once. */
const char *req_cookie(const struct req *, const char *name);
/* The value of a query parameter, or NULL (the first of that name). */
const char *req_query(const struct req *, const char *name);
/* 1 if the client asked for JSON (Accept: application/json). */
int	req_wants_json(const struct req *);

#endif /* PORTAL_HTTP_REQUEST_H */
