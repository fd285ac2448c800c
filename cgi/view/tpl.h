/*
 * Templates: well-formed XHTML files (templates/NAME.xhtml) whose
 * behaviour lives only in attributes of the namespace urn:portal:template
 * (prefix t: by convention), compiled once per worker and per language,
 * rendered as HTML5 straight to a writer.
 *
 * Escaping is structural: data from a view enters the output only as the
 * text of an element or the value of an attribute, through one escaping
 * function (tpl_escape.c). There is no directive that writes raw markup.
 * URL attributes filled from data accept only relative references and
 * http(s) URLs for links (a and area href, action, formaction, cite), and
 * only relative references for what the browser loads by itself (src,
 * poster, data, href of any other element); event handler and style
 * attributes cannot be filled from data at all. Every mistake in a template (malformed XML, unknown
 * directive, template or slot, bad path, forbidden attribute) is an error
 * at load time with file:line, never at request time.
 *
 * The language is described in README.md (Templates) and at the top of
 * tpl_compile.c.
 *
 * Caveats: a tpl_set is immutable once loaded and may be shared by
 * everything in a process; it is not reloaded when files change. libxml2
 * is used only to parse, at load.
 */
#ifndef PORTAL_VIEW_TPL_H
#define PORTAL_VIEW_TPL_H

#include <stddef.h>
#include <stdio.h>

#include "view/lang.h"

#define TPL_NS	"urn:portal:template"

struct i18n;
struct tpl_set;
struct view;
struct writer;

/*
 * Parse and compile every dir/NAME.xhtml (NAME: [a-z0-9_-]+) for every
 * language, translating static text through catalogs (NULL: the msgids,
 * i.e. English, for every language). Returns a set owned by the caller
 * (tpl_free), or NULL with the first error as "file:line: message" in
 * err. The catalogs are not referenced after tpl_load returns.
 */
struct tpl_set	*tpl_load(const char *dir, const struct i18n *catalogs,
		    char *err, size_t errlen)
		    __attribute__((warn_unused_result));

void		 tpl_free(struct tpl_set *);

/* 1 if the set has a template of that name, 0 if not: check at start-up. */
int		 tpl_has(const struct tpl_set *, const char *name);

/*
 * Render template name in language lang with the data of view (NULL: an
 * empty view) to w. Rendering stops at the first failed write.
 * Returns -1 if a write failed or there is no such template; otherwise
 * the number of URL values refused from the view (written as "#"), which
 * the caller logs when it is not 0. Nothing is allocated.
 */
int		 tpl_render(const struct tpl_set *, const char *name,
		    enum lang lang, const struct view *, struct writer *w)
		    __attribute__((warn_unused_result));

/*
 * For `portal check-templates`: load dir as tpl_load does without
 * catalogs, printing every error found to report as "file:line: message"
 * (at most one per template file). 0 if there is none, -1 otherwise.
 */
int		 tpl_check(const char *dir, FILE *report);

/*
 * The URL rule for link attributes filled from data: 1 if s (len bytes)
 * starts with '/' (but not "//" or "/\"), '.', '?' or '#', or with
 * "http://" or "https://" followed by something, and has no control
 * character (C0 or DEL) anywhere; 0 otherwise.
 */
int		 tpl_url_ok(const char *s, size_t len);
/* The rule for what the browser loads: as tpl_url_ok, but no http(s). */
int		 tpl_url_local_ok(const char *s, size_t len);

#endif /* PORTAL_VIEW_TPL_H */
