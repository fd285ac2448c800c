/*
 * The lists' shared parts. A link of the pager is built here and
 * nowhere else: every filter value is percent-encoded (RFC 3986
 * unreserved bytes kept), so that a search text or a theme holding '&',
 * '#' or '=' goes back to the server as it was typed.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/num.h"
#include "core/writer.h"
#include "data/coop.h"
#include "http/request.h"
#include "pages/refview.h"
#include "pages/trackview.h"
#include "view/view.h"

#define TV_HREF_MAX	4096	/* a pager link: the filters are short */

const char *
tv_param(struct req *r, const char *name, int (*ok)(const char *))
{
	const char	*s = req_query(r, name);

	return s != NULL && ok(s) ? s : "";
}

int
tv_page(struct req *r)
{
	const char	*s = req_query(r, "page");
	int64_t		 n;

	if (s == NULL || num_parse_i64(s, strlen(s), 1, TV_PAGE_MAX,
	    &n) == -1)
		return 1;
	return (int)n;
}

int
tv_option(struct view *v, const char *list, const char *code,
    const char *name, const char *selected)
{
	struct view	*o;

	return (o = view_list_append(v, list)) == NULL ||
	    view_set_str(o, "code", code) == -1 ||
	    view_set_str(o, "name", name) == -1 ||
	    view_set_bool(o, "selected", strcmp(code, selected) == 0) == -1 ?
	    -1 : 0;
}

static int
unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

static int
put_encoded(struct buf *b, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	char			 e[3];
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (unreserved(*p)) {
			if (buf_append(b, p, 1) == -1)
				return -1;
			continue;
		}
		e[0] = '%';
		e[1] = hex[*p >> 4];
		e[2] = hex[*p & 0xf];
		if (buf_append(b, e, 3) == -1)
			return -1;
	}
	return 0;
}

/* path?name=value&...&page=p, leaving out "any" filters and page 1. */
static const char *
href(struct req *r, const char *path, const struct tv_kv *kv, size_t n,
    int p)
{
	struct buf	 b;
	char		 pg[24];
	char		 sep = '?';
	size_t		 i;

	buf_init(&b, r->arena, TV_HREF_MAX);
	if (buf_append(&b, path, strlen(path)) == -1)
		return NULL;
	for (i = 0; i < n; i++) {
		if (*kv[i].value == '\0')
			continue;
		if (buf_append(&b, &sep, 1) == -1 ||
		    buf_append(&b, kv[i].name, strlen(kv[i].name)) == -1 ||
		    buf_append(&b, "=", 1) == -1 ||
		    put_encoded(&b, kv[i].value) == -1)
			return NULL;
		sep = '&';
	}
	(void)snprintf(pg, sizeof(pg), "%cpage=%d", sep, p);
	if (p > 1 && buf_append(&b, pg, strlen(pg)) == -1)
		return NULL;
	return b.data;
}

const char *
tv_link(struct req *r, const char *path, const struct tv_kv *kv, size_t n)
{
	return href(r, path, kv, n, 1);
}

int
tv_pager(struct req *r, struct view *v, const char *path,
    const struct tv_kv *kv, size_t n, int p, int more)
{
	const char	*prev = NULL, *next = NULL;

	if ((p > 1 && (prev = href(r, path, kv, n, p - 1)) == NULL) ||
	    (more && (next = href(r, path, kv, n, p + 1)) == NULL))
		return -1;
	return view_set_int(v, "page", p) == -1 ||
	    view_set_bool(v, "pager", prev != NULL || next != NULL) == -1 ||
	    (prev != NULL && view_set_str(v, "prev", prev) == -1) ||
	    (next != NULL && view_set_str(v, "next", next) == -1) ? -1 : 0;
}

int
tv_place_filters(struct req *r, struct view *v, const char *state,
    const char *mandate)
{
	struct coop_name	*s, *m;
	size_t			 ns, nm, i;
	enum db_err		 e;

	if ((e = coop_states(r->arena, r->lang, &s, &ns)) != DB_OK ||
	    (e = coop_mandates(r->arena, r->lang, &m, &nm)) != DB_OK)
		return db_http_status(e);
	if (view_set_list(v, "states") == -1 ||
	    view_set_list(v, "mandates") == -1 ||
	    view_set_bool(v, "all_states", *state == '\0') == -1 ||
	    view_set_bool(v, "all_mandates", *mandate == '\0') == -1)
		return 500;
	for (i = 0; i < ns; i++)
		if (tv_option(v, "states", s[i].code, s[i].name, state) == -1)
			return 500;
	for (i = 0; i < nm; i++)
		if (tv_option(v, "mandates", m[i].code, m[i].name,
		    mandate) == -1)
			return 500;
	return 0;
}

int
tv_list(struct req *r, struct view *v, const char *path, long long total,
    size_t n, size_t per_page, const struct tv_kv *kv, size_t nkv, int p)
{
	return view_set_str(v, "action", path) == -1 ||
	    rv_set_int(r, v, "total", total) == -1 ||
	    view_set_bool(v, "none", n == 0) == -1 ||
	    view_set_list(v, "rows") == -1 ||
	    tv_pager(r, v, path, kv, nkv, p, n > per_page) == -1 ? -1 : 0;
}
