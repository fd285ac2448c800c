/*
 * One request from start to finish: validate, route, enforce the route's
 * body limit, call the handler, turn a returned status into an error page,
 * log one line.
 */
#ifndef PORTAL_HTTP_DISPATCH_H
#define PORTAL_HTTP_DISPATCH_H

struct req;

/* parse_status is what req_from_fcgi returned: 0, or a status to answer. */
void	dispatch(struct req *, int parse_status);

#endif /* PORTAL_HTTP_DISPATCH_H */
