/*
 * The six UN languages the portal speaks: a closed set with parallel
 * tables, and the negotiation of Accept-Language for the "/" redirect.
 *
 * Caveats: codes are the bare primary subtags used in URLs ("/fr/...");
 * regional variants (fr-CH, zh-Hant) fold into their primary language.
 */
#ifndef PORTAL_VIEW_LANG_H
#define PORTAL_VIEW_LANG_H

#include <stddef.h>

enum lang { LANG_AR, LANG_EN, LANG_ES, LANG_FR, LANG_RU, LANG_ZH, LANG__MAX };

/* Indexed by enum lang: "ar", "en", ... (as in URLs and .po file names). */
extern const char *const lang_code[LANG__MAX];
/* Indexed by enum lang: "rtl" for Arabic, "ltr" for the others. */
extern const char *const lang_dir[LANG__MAX];
/* Indexed by enum lang: the language's name in itself ("Français"). */
extern const char *const lang_name[LANG__MAX];

/*
 * The language whose code is exactly the len bytes at s (lower case, as in
 * URLs). 0 and *out set on a match; -1 otherwise, *out untouched.
 */
int		lang_from_code(const char *s, size_t len, enum lang *out)
		    __attribute__((warn_unused_result));

/*
 * The best language for an Accept-Language header (RFC 9110 section
 * 12.5.4): highest q-value wins, the earlier range on a tie; ranges are
 * matched on their primary subtag, case-insensitively; q=0 excludes;
 * "*" gives its q-value to every language not named (English first).
 * Malformed ranges are skipped. NULL, empty or unmatched headers give
 * LANG_EN. Work is one pass over at most HEADER_MAX_BYTES bytes.
 */
enum lang	lang_negotiate(const char *accept_language);

#endif /* PORTAL_VIEW_LANG_H */
