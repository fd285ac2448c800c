/*
 * GET /{lang}/states: every State, grouped by UN regional group, with a
 * filter that needs no JavaScript: a GET form (?q=words&group=code)
 * answered by the server. Declared input: q (at most
 * PUB_QUERY_MAX_BYTES, longer is cut at a character boundary), group
 * (one of the group codes or "observer"; anything else means all).
 * Both go back into the form as data, escaped by the template engine.
 */
#include <string.h>

#include "core/arena.h"
#include "data/public.h"
#include "http/request.h"
#include "pages/common.h"
#include "pages/pages.h"
#include "pages/refview.h"
#include "view/i18n.h"
#include "view/lang.h"
#include "view/view.h"

#define OBSERVERS	"observer"

/* q cut to PUB_QUERY_MAX_BYTES without splitting a UTF-8 sequence. */
static const char *
query_words(struct req *r)
{
	const char	*q = req_query(r, "q");
	char		*cut;
	size_t		 n;

	if (q == NULL)
		return "";
	if ((n = strlen(q)) <= PUB_QUERY_MAX_BYTES)
		return q;
	n = PUB_QUERY_MAX_BYTES;
	while (n > 0 && ((unsigned char)q[n] & 0xc0) == 0x80)
		n--;
	if ((cut = arena_strdup(r->arena, q)) == NULL)
		return NULL;
	cut[n] = '\0';
	return cut;
}

static const char *
query_group(struct req *r, const struct pub_group *g, size_t ng)
{
	const char	*s = req_query(r, "group");
	size_t		 i;

	if (s == NULL)
		return "";
	if (strcmp(s, OBSERVERS) == 0)
		return OBSERVERS;
	for (i = 0; i < ng; i++)
		if (strcmp(s, g[i].code) == 0)
			return g[i].code;
	return "";
}

/* The filter's <select>: every group, then the observers. */
static int
fill_options(struct req *r, struct view *v, const struct pub_group *g,
    size_t ng, const char *group)
{
	struct view	*o;
	size_t		 i;

	if (view_set_list(v, "options") == -1)
		return -1;
	for (i = 0; i <= ng; i++) {
		const char *code = i < ng ? g[i].code : OBSERVERS;

		if ((o = view_list_append(v, "options")) == NULL ||
		    view_set_str(o, "code", code) == -1 ||
		    view_set_str(o, "name", i < ng ? g[i].name :
		    page_tr(r, N_("Non-member observer States"))) == -1 ||
		    view_set_bool(o, "selected", strcmp(code, group) == 0) == -1)
			return -1;
	}
	return 0;
}

/* The sections: one per group that has States in the result. */
static int
fill_sections(struct req *r, struct view *v, const struct pub_group *g,
    size_t ng, const struct pub_state *s, size_t ns)
{
	struct view	*sec = NULL, *it;
	const char	*cur = NULL, *id;
	size_t		 i, j;

	if (view_set_list(v, "sections") == -1)
		return -1;
	for (i = 0; i < ns; i++) {
		if (cur == NULL || strcmp(cur, s[i].group) != 0) {
			cur = s[i].group;
			id = *cur != '\0' ? cur : OBSERVERS;
			if ((sec = view_list_append(v, "sections")) == NULL ||
			    view_set_strf(sec, "id", "g-%s", id) == -1 ||
			    view_set_strf(sec, "anchor", "#g-%s", id) == -1 ||
			    view_set_strf(sec, "hid", "g-%s-h", id) == -1 ||
			    view_set_str(sec, "name", page_tr(r,
			    N_("Non-member observer States"))) == -1 ||
			    view_set_list(sec, "states") == -1)
				return -1;
			for (j = 0; j < ng; j++)
				if (strcmp(g[j].code, cur) == 0 &&
				    view_set_str(sec, "name", g[j].name) == -1)
					return -1;
		}
		if ((it = view_list_append(sec, "states")) == NULL ||
		    view_set_str(it, "name", s[i].name) == -1 ||
		    view_set_str(it, "iso3", s[i].iso3) == -1 ||
		    view_set_strf(it, "href", "/%s/states/%s",
		    lang_code[r->lang], s[i].iso3) == -1)
			return -1;
	}
	return 0;
}

int
page_states(struct req *r)
{
	struct pub_group	*g;
	struct pub_state	*s;
	struct view		*v;
	const char		*q, *group;
	size_t			 ng, ns;
	enum db_err		 e;

	if ((q = query_words(r)) == NULL)
		return 500;
	if ((e = pub_groups(r->arena, r->lang, &g, &ng)) != DB_OK)
		return db_http_status(e);
	group = query_group(r, g, ng);
	if ((e = pub_states(r->arena, r->lang, group, q, &s, &ns)) != DB_OK)
		return db_http_status(e);
	if ((v = page_view(r)) == NULL ||
	    view_set_strf(v, "action", "/%s/states", lang_code[r->lang]) == -1 ||
	    view_set_str(v, "q", q) == -1 ||
	    view_set_bool(v, "filtered", *q != '\0' || *group != '\0') == -1 ||
	    rv_set_int(r, v, "count", (long long)ns) == -1 ||
	    view_set_bool(v, "none", ns == 0) == -1 ||
	    view_set_bool(v, "all_selected", *group == '\0') == -1 ||
	    fill_options(r, v, g, ng, group) == -1 ||
	    fill_sections(r, v, g, ng, s, ns) == -1)
		return 500;
	return page_render(r, 200, "states", v);
}
