/*
 * Routing: a static table of method + path pattern -> handler, matched
 * against the canonical path. The table itself lives with the pages
 * (pages/routes.c); this module only compiles and matches it.
 *
 * A pattern is a list of segments: a literal ("states"), "{lang}" (one of
 * the six language codes), "{name}" (any one segment) or, last only,
 * "{name*}" (one or more remaining segments, joined with '/').
 */
#ifndef PORTAL_HTTP_ROUTER_H
#define PORTAL_HTTP_ROUTER_H

#include <stddef.h>
#include <stdint.h>

struct req;

/*
 * A handler answers the request itself and returns 0, or returns an HTTP
 * status (400..599) and leaves the error page to the dispatcher. It must
 * not have begun a response when it returns a status.
 */
typedef int	(*handler_fn)(struct req *);

#define M_GET	(1u << 0)	/* GET routes answer HEAD too */
#define M_POST	(1u << 2)

struct route {
	unsigned	 methods;
	const char	*pattern;
	handler_fn	 handler;
	uint64_t	 max_body;	/* 0: the route takes no body */
};

enum route_match { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD };

/* Compile a table; -1 (with a message on stderr) if a pattern is bad. */
int		router_init(const struct route *, size_t)
		    __attribute__((warn_unused_result));
/*
 * Match r->method and r->segs. On ROUTE_FOUND sets r->route and
 * r->params; on ROUTE_BAD_METHOD sets *allow to the Allow header value.
 */
enum route_match router_match(struct req *, const char **allow);

/* The table, defined in pages/routes.c. */
extern const struct route	portal_routes[];
extern const size_t		portal_nroutes;

#endif /* PORTAL_HTTP_ROUTER_H */
