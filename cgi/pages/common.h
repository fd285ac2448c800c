/*
 * What every page shares: the view keys the layout needs (language,
 * direction, links to this page in the other five languages) and
 * rendering a template as the response.
 *
 * The layout (templates/layout.xhtml) reads these view keys:
 *   lang, dir          the page's language code and direction
 *   langs              list of {code, name, href, current} for the switcher
 *   home               "/{lang}/"
 *   path_rest          the path after the language prefix
 */
#ifndef PORTAL_PAGES_COMMON_H
#define PORTAL_PAGES_COMMON_H

struct req;
struct view;
struct tpl_set;
struct i18n;

/* Loaded by `portal serve` before it forks; shared by every worker. */
extern struct tpl_set	*portal_templates;
extern struct i18n	*portal_catalogs;

/* A new view for r with the layout's keys filled. NULL if out of memory. */
struct view	*page_view(struct req *);
/*
 * Render template name with v as the response, with status. Returns 0
 * (the handler is done, even if the client left), or 500 if nothing was
 * sent yet and the page could not be made.
 */
int		 page_render(struct req *, int status, const char *name,
		    const struct view *v);
/* The translation of msgid in the request's language. */
const char	*page_tr(const struct req *, const char *msgid);

#endif /* PORTAL_PAGES_COMMON_H */
