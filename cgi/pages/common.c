/*
 * Page plumbing shared by every handler.
 */
#include <string.h>

#include "core/arena.h"
#include "http/request.h"
#include "http/response.h"
#include "pages/common.h"
#include "view/i18n.h"
#include "view/lang.h"
#include "view/tpl.h"
#include "view/view.h"

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

/* The layout's navigation: nav.home, nav.submit, nav.states, ... */
static int
nav_links(struct req *r, struct view *v)
{
	static const char *const pages[] = { "submit", "states", "mandates",
	    "privacy" };
	struct view	*nav;
	size_t		 i;

	if ((nav = view_set_map(v, "nav")) == NULL)
		return -1;
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
		if (view_set_strf(nav, pages[i], "/%s/%s", lang_code[r->lang],
		    pages[i]) == -1)
			return -1;
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
	    lang_links(r, v, rest) == -1 || nav_links(r, v) == -1)
		return NULL;
	return v;
}

int
page_render(struct req *r, int status, const char *name, const struct view *v)
{
	if (portal_templates == NULL || !tpl_has(portal_templates, name))
		return 500;
	if (resp_header(r, "Content-Language", lang_code[r->lang]) == -1 ||
	    resp_begin(r, status, "text/html; charset=utf-8") == -1)
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
