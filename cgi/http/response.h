/*
 * Responses: status, headers, cookies and the body writer. Headers are
 * collected until the first body byte (or resp_begin) and then written
 * with the security headers that every response carries, error pages
 * included. A header value with CR, LF or NUL is refused, so no value can
 * split a response.
 */
#ifndef PORTAL_HTTP_RESPONSE_H
#define PORTAL_HTTP_RESPONSE_H

#include <stddef.h>

struct req;

#define RESP_MAX_HEADERS	24

enum resp_cache {
	CACHE_NO_STORE,		/* dynamic pages: the default */
	CACHE_REVALIDATE,	/* public pages with validators: no-cache */
	CACHE_IMMUTABLE,	/* content-addressed: a year */
};

enum resp_csp {
	CSP_PAGE,		/* our pages: our own CSS, images and scripts */
	CSP_DOWNLOAD,		/* files handed out: nothing may run */
};

struct resp_header {
	const char	*name;
	const char	*value;
};

struct resp {
	int			 status;
	int			 begun;
	int			 in_body;	/* headers are out */
	int			 head_only;	/* HEAD: headers, no body */
	enum resp_cache		 cache;
	enum resp_csp		 csp;
	struct resp_header	 headers[RESP_MAX_HEADERS];
	size_t			 nheaders;
};

enum cookie_flags {
	COOKIE_SESSION = 1 << 0,	/* no Max-Age: gone when the browser closes */
	COOKIE_DELETE = 1 << 1,		/* expire it now */
};

/* The reason phrase for a status we use, "Unknown" otherwise. */
const char	*resp_reason(int status);

/* Add a header. 0, or -1 if full or the value could split the response. */
int	resp_header(struct req *, const char *name, const char *value)
	    __attribute__((warn_unused_result));
/*
 * Set a cookie: always Path=/, HttpOnly, SameSite=Strict, and Secure
 * unless the portal runs on plain http for local development. 0 or -1.
 */
int	resp_cookie(struct req *, const char *name, const char *value,
	    long max_age, unsigned flags) __attribute__((warn_unused_result));
/* Write the status line and headers. 0, or -1 when the client is gone. */
int	resp_begin(struct req *, int status, const char *content_type)
	    __attribute__((warn_unused_result));
/*
 * A complete redirect (302/303/307) to a local path, or a complete
 * response with a body held in memory. Both return 0, or -1 when the
 * client is gone; a handler may ignore that, since the writer's error is
 * sticky and the dispatcher logs it.
 */
int	resp_redirect(struct req *, int status, const char *location);
int	resp_send(struct req *, int status, const char *content_type,
	    const void *body, size_t len);

/*
 * Conditional GET (RFC 9110, 13.1). Set the validators of the response
 * (last_modified, an HTTP date, may be NULL or "" when unknown) and make
 * it revalidated (Cache-Control: no-cache). Returns 1 when the request's
 * If-None-Match (or, without one, If-Modified-Since) shows the client has
 * this version: answer with resp_not_modified. 0 otherwise, -1 on error.
 */
int	resp_validators(struct req *, const char *etag,
	    const char *last_modified) __attribute__((warn_unused_result));
/*
 * A complete response with a body held in memory and a strong ETag that
 * is a digest of its type and body (so it changes exactly when they do),
 * or a 304 when the request names that tag. 0, or -1 when the client is
 * gone or the headers could not be set.
 */
int	resp_send_tagged(struct req *, const char *content_type,
	    const char *last_modified, const void *body, size_t len);
/* A complete 304. 0, or -1 when the client is gone. */
int	resp_not_modified(struct req *);
/* 1 if an If-None-Match value names etag (weakly, or is "*"). Pure. */
int	resp_etag_matches(const char *if_none_match, const char *etag);
/* An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") as seconds. Pure. */
int	resp_http_date(const char *, long long *secs)
	    __attribute__((warn_unused_result));

/* Whether the portal is served over https (cookies get Secure). */
void	resp_set_secure_cookies(int);

#endif /* PORTAL_HTTP_RESPONSE_H */
