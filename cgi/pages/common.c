/*
 * Page plumbing shared by every handler.
 */
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/writer.h"
#include "http/request.h"
#include "http/response.h"
#include "pages/common.h"
#include "view/demo_flag.h"
#include "view/i18n.h"
#include "view/lang.h"
#include "view/nav.h"
#include "view/tpl.h"
#include "view/view.h"

/* The largest page held in memory to compute its ETag. */
#define PAGE_CACHE_MAX	(4u * 1024u * 1024u)

struct tpl_set	*portal_templates;
struct i18n	*portal_catalogs;

/* The path of this page without its language prefix ("/states/FRA"). */
static const char *
path_rest(const struct req *r)
{
	const char	*p = r->path;

	if (r->nsegs > 0 && strlen(p) >= 3 && p[0] == '/' &&
	    strncmp(p + 1, lang_code[r->lang], 2) == 0 &&
	    (p[3] == '/' || p[3] == '\0'))
		return p[3] == '\0' ? "/" : p + 3;
	return "/";
}

static int
lang_links(struct req *r, struct view *v, const char *rest)
{
	struct view	*item;
	int		 l;

	if (view_set_list(v, "langs") == -1)
		return -1;
	for (l = 0; l < LANG__MAX; l++) {
		if ((item = view_list_append(v, "langs")) == NULL ||
		    view_set_str(item, "code", lang_code[l]) == -1 ||
		    view_set_str(item, "name", lang_name[l]) == -1 ||
		    view_set_str(item, "dir", lang_dir[l]) == -1 ||
		    view_set_strf(item, "href", "/%s%s", lang_code[l],
		    strcmp(rest, "/") == 0 ? "/" : rest) == -1 ||
		    (l == (int)r->lang &&
		    view_set_str(item, "current", "page") == -1))
			return -1;
	}
	return 0;
}

struct view *
page_view(struct req *r)
{
	struct view	*v;
	const char	*rest = path_rest(r);

	if ((v = view_new(r->arena)) == NULL ||
	    view_set_str(v, "lang", lang_code[r->lang]) == -1 ||
	    view_set_str(v, "dir", lang_dir[r->lang]) == -1 ||
	    view_set_strf(v, "home", "/%s/", lang_code[r->lang]) == -1 ||
	    view_set_str(v, "path_rest", rest) == -1 ||
	    lang_links(r, v, rest) == -1 || view_nav(v, r->lang) == -1 ||
	    demo_flag_view(v) == -1)
		return NULL;
	return v;
}

/*
 * Whether a rendered page may carry a validator: a public GET answered
 * 200 that sets no cookie. Never the desk's pages, nor those that carry
 * a visitor's own form (CSRF token, return code): a page with such a form
 * must have one of these segments in its path, or be added here.
 */
static int
page_cacheable(const struct req *r, int status)
{
	static const char *const private_segs[] = { "desk", "submit",
	    "followup", "verify", "assess" };
	size_t	 i, j;

	if (status != 200 ||
	    (r->method != METHOD_GET && r->method != METHOD_HEAD))
		return 0;
	for (i = 0; i < r->resp.nheaders; i++)
		if (strcasecmp(r->resp.headers[i].name, "Set-Cookie") == 0)
			return 0;
	for (j = 1; j < r->nsegs; j++)
		for (i = 0; i < sizeof(private_segs) / sizeof(private_segs[0]);
		    i++)
			if (strcmp(r->segs[j], private_segs[i]) == 0)
				return 0;
	return 1;
}

/*
 * A cacheable page is rendered into memory first (pages are small), so
 * that its strong ETag is a digest of what would be sent: the type and
 * the body (which names its language). Data changes change the body,
 * hence the tag, at no cost of bookkeeping. No Last-Modified: no page
 * knows cheaply when its data last changed. Returns -1 if the page was
 * too big to hold.
 */
static int
render_cached(struct req *r, const char *name, const struct view *v)
{
	struct writer	 w;
	struct buf	 b;

	buf_init(&b, r->arena, PAGE_CACHE_MAX);
	buf_writer(&b, &w);
	if (tpl_render(portal_templates, name, r->lang, v, &w) == -1)
		return -1;
	/* A failed write means the client left: the dispatcher logs it. */
	if (resp_send_tagged(r, "text/html; charset=utf-8", NULL, b.data,
	    b.len) == -1)
		r->out.failed = 1;
	return 0;
}

int
page_render(struct req *r, int status, const char *name, const struct view *v)
{
	if (portal_templates == NULL || !tpl_has(portal_templates, name))
		return 500;
	if (resp_header(r, "Content-Language", lang_code[r->lang]) == -1)
		return 0;
	/* Too big to hold: sent as it is made, without a validator. */
	if (page_cacheable(r, status) && render_cached(r, name, v) == 0)
		return 0;
	if (resp_begin(r, status, "text/html; charset=utf-8") == -1)
		return 0;
	/* A failed write means the client left: the dispatcher logs it. */
	if (tpl_render(portal_templates, name, r->lang, v, &r->out) == -1)
		r->out.failed = 1;
	return 0;
}

const char *
page_tr(const struct req *r, const char *msgid)
{
	return portal_catalogs != NULL ?
	    i18n_get(portal_catalogs, r->lang, msgid) : msgid;
}
