/*
 * Static route table matching. Patterns are split once at start-up; a
 * match walks the table in order, which the start-up check makes
 * unambiguous: no two routes may share a method and a pattern.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "http/request.h"
#include "http/router.h"
#include "portal_limits.h"
#include "view/lang.h"

enum seg_kind { SEG_LITERAL, SEG_LANG, SEG_PARAM, SEG_REST };

struct seg {
	enum seg_kind	 kind;
	char		 text[64];
};

struct compiled {
	const struct route	*route;
	struct seg		 segs[PATH_MAX_SEGMENTS];
	size_t			 nsegs;
	size_t			 nparams;
};

#define ROUTER_MAX_ROUTES	128

static struct compiled	table[ROUTER_MAX_ROUTES];
static size_t		ntable;

static int
seg_compile(struct seg *s, const char *text, size_t len, int last)
{
	if (len == 0 || len >= sizeof(s->text))
		return -1;
	if (text[0] != '{') {
		s->kind = SEG_LITERAL;
	} else if (len == 6 && memcmp(text, "{lang}", 6) == 0) {
		s->kind = SEG_LANG;
	} else if (len > 3 && text[len - 1] == '}' && text[len - 2] == '*') {
		if (!last)
			return -1;
		s->kind = SEG_REST;
	} else if (len > 2 && text[len - 1] == '}') {
		s->kind = SEG_PARAM;
	} else
		return -1;
	memcpy(s->text, text, len);
	s->text[len] = '\0';
	return 0;
}

static int
route_compile(struct compiled *c, const struct route *rt)
{
	const char	*p = rt->pattern, *end;
	size_t		 len;

	if (p[0] != '/')
		return -1;
	c->route = rt;
	c->nsegs = c->nparams = 0;
	for (p++; *p != '\0'; p = *end ? end + 1 : end) {
		end = strchr(p, '/');
		if (end == NULL)
			end = p + strlen(p);
		len = (size_t)(end - p);
		if (c->nsegs == PATH_MAX_SEGMENTS ||
		    seg_compile(&c->segs[c->nsegs], p, len, *end == '\0') == -1)
			return -1;
		if (c->segs[c->nsegs].kind == SEG_PARAM ||
		    c->segs[c->nsegs].kind == SEG_REST) {
			if (++c->nparams > ROUTE_MAX_PARAMS)
				return -1;
		}
		c->nsegs++;
	}
	return 0;
}

int
router_init(const struct route *routes, size_t n)
{
	size_t	 i, j;

	if (n > ROUTER_MAX_ROUTES) {
		fprintf(stderr, "router: more than %d routes\n",
		    ROUTER_MAX_ROUTES);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (route_compile(&table[i], &routes[i]) == -1) {
			fprintf(stderr, "router: bad pattern %s\n",
			    routes[i].pattern);
			return -1;
		}
		for (j = 0; j < i; j++)
			if ((routes[i].methods & routes[j].methods) &&
			    strcmp(routes[i].pattern, routes[j].pattern) == 0) {
				fprintf(stderr, "router: %s declared twice\n",
				    routes[i].pattern);
				return -1;
			}
	}
	ntable = n;
	return 0;
}

/* Join segs[from..] back into "a/b/c" for a {rest*} parameter. */
static const char *
rest_join(struct req *r, size_t from)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b, r->arena, PATH_MAX_BYTES);
	for (i = from; i < r->nsegs; i++) {
		if ((i > from && buf_append(&b, "/", 1) == -1) ||
		    buf_append(&b, r->segs[i], strlen(r->segs[i])) == -1)
			return NULL;
	}
	return b.data;
}

static int
route_matches(struct req *r, const struct compiled *c, int bind)
{
	enum lang	 l;
	size_t		 i, np = 0;
	const char	*s;

	for (i = 0; i < c->nsegs; i++) {
		if (i >= r->nsegs)
			return 0;
		s = r->segs[i];
		switch (c->segs[i].kind) {
		case SEG_LITERAL:
			if (strcmp(s, c->segs[i].text) != 0)
				return 0;
			break;
		case SEG_LANG:
			if (lang_from_code(s, strlen(s), &l) == -1)
				return 0;
			break;
		case SEG_PARAM:
			if (bind)
				r->params[np] = s;
			np++;
			break;
		case SEG_REST:
			if (bind && (r->params[np] = rest_join(r, i)) == NULL)
				return 0;
			return 1;
		}
	}
	return i == r->nsegs;
}

static unsigned
method_bit(enum method m)
{
	switch (m) {
	case METHOD_GET:
	case METHOD_HEAD:
		return M_GET;
	case METHOD_POST:
		return M_POST;
	default:
		return 0;
	}
}

enum route_match
router_match(struct req *r, const char **allow)
{
	unsigned	 allowed = 0, want = method_bit(r->method);
	size_t		 i;

	for (i = 0; i < ntable; i++) {
		if (!route_matches(r, &table[i], 0))
			continue;
		if (table[i].route->methods & want) {
			if (!route_matches(r, &table[i], 1))
				return ROUTE_NOT_FOUND;
			r->route = table[i].route;
			return ROUTE_FOUND;
		}
		allowed |= table[i].route->methods;
	}
	if (allowed == 0)
		return ROUTE_NOT_FOUND;
	if ((allowed & (M_GET | M_POST)) == (M_GET | M_POST))
		*allow = "GET, HEAD, POST";
	else if (allowed & M_GET)
		*allow = "GET, HEAD";
	else
		*allow = "POST";
	return ROUTE_BAD_METHOD;
}
