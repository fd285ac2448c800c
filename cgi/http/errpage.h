/*
 * Error pages: one for each status the portal answers with (400, 403,
 * 404, 405, 411, 413, 414, 429, 500, 503), in the language of the request,
 * with an incident id that links the page to one log line. An error page
 * never echoes the request and never names a version, a path or a query.
 */
#ifndef PORTAL_HTTP_ERRPAGE_H
#define PORTAL_HTTP_ERRPAGE_H

struct req;

/*
 * Answer r with the error page for status (HTML, or JSON when the client
 * asked for it). allow is the Allow header for 405, else NULL. Returns 0
 * or -1 when the client is gone.
 */
int	errpage_send(struct req *r, int status, const char *allow);

#endif /* PORTAL_HTTP_ERRPAGE_H */
