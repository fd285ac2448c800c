/*
 * Translations: GNU gettext catalogs (LANG.mo, compiled from
 * templates/po/LANG.po by `make i18n`), read by our own loader.
 *
 * msgids are English: a message without translation is shown as its
 * msgid. Templates translate their static text at load (tpl_load); C code
 * may call i18n_get for strings marked N_("...") or _("...").
 *
 * Caveats: only UTF-8 catalogs; msgctxt is not used; plural forms are not
 * interpreted (a plural entry answers its singular msgid with its first
 * form). Template msgids and their translations are XML-escaped text
 * (see tpl_i18n.c); msgids of C code are plain. A catalog is immutable
 * once loaded and not thread-safe to free while in use.
 */
#ifndef PORTAL_VIEW_I18N_H
#define PORTAL_VIEW_I18N_H

#include <stddef.h>

#include "view/lang.h"

#ifndef I18N_MAX_FILE_BYTES
#define I18N_MAX_FILE_BYTES	(8u * 1024u * 1024u)
#endif

/*
 * Marks a msgid in C for extraction (scripts/i18n.sh) without
 * translating it there: translate at use with i18n_get or page_tr.
 */
#ifndef N_
#define N_(s)	(s)
#endif

struct i18n;

/* An empty set of catalogs (every lookup answers the msgid); NULL on OOM. */
struct i18n	*i18n_new(void) __attribute__((warn_unused_result));

/*
 * Load dir/LANG.mo for each language. A missing file leaves that language
 * untranslated (i18n_count tells); an unreadable, oversized or invalid
 * one fails the load. Returns the catalogs, owned by the caller
 * (i18n_free), or NULL with the reason in err.
 */
struct i18n	*i18n_load(const char *dir, char *err, size_t errlen)
		    __attribute__((warn_unused_result));

/*
 * Parse one .mo image of len bytes (copied; data is not kept) as the
 * catalog of lang, replacing any. Every offset and length is checked
 * against len; the file must be at most I18N_MAX_FILE_BYTES, declare
 * charset=UTF-8 in its header and hold valid UTF-8 only. 0 on success;
 * -1 with the reason in err, the catalog of lang unchanged.
 */
int		 i18n_add_mo(struct i18n *, enum lang, const void *data,
		    size_t len, char *err, size_t errlen)
		    __attribute__((warn_unused_result));

/*
 * The translation of msgid into lang, or msgid itself when there is none
 * (also for a NULL catalog set or an empty msgid). The result is owned by
 * the catalogs (or is msgid) and lives until i18n_free.
 */
const char	*i18n_get(const struct i18n *, enum lang, const char *msgid);

/* How many translated messages lang has (0 without a catalog). */
size_t		 i18n_count(const struct i18n *, enum lang);

void		 i18n_free(struct i18n *);

#endif /* PORTAL_VIEW_I18N_H */
