/*
 * View helpers shared by the public reference pages (home, states,
 * state, mandates, mandate): numbers and dates written for the request's
 * language, and the names of closed sets the data holds as codes or in
 * English only (M49 regions, regime types, kinds of mandate holder),
 * translated through the catalogs.
 */
#ifndef PORTAL_PAGES_REFVIEW_H
#define PORTAL_PAGES_REFVIEW_H

#include <stddef.h>

struct pub_name;
struct req;
struct view;

/* key = n formatted for the language (fmt_int). 0, or -1 on OOM. */
int		 rv_set_int(struct req *, struct view *, const char *key,
		    long long n) __attribute__((warn_unused_result));
/* key = "YYYY-MM-DD..." as a date in the language; "" if malformed. */
int		 rv_set_date(struct req *, struct view *, const char *key,
		    const char *iso) __attribute__((warn_unused_result));

/*
 * Translated names: an M49 region (UNSD's English name; an unknown one is
 * returned as it is), a regime type (0..3; NULL if out of range), a
 * mandate holder ("special_rapporteur", ...), a mandate kind, a State's
 * status ("member", "observer"). NULL for an unknown code.
 */
const char	*rv_m49(struct req *, const char *english);
const char	*rv_regime(struct req *, int regime);
const char	*rv_holder(struct req *, const char *holder);
const char	*rv_kind(struct req *, const char *kind);
const char	*rv_status(struct req *, const char *status);

/* The name of a language in the request's language ("French"). */
const char	*rv_lang_name(struct req *, const char *code);
/* The list "names": a State's or mandate's name in each language. */
int		 rv_names(struct req *, struct view *, const struct pub_name *,
		    size_t);

/* 1 if s is [A-Z]{3}; 1 if s is a mandate slug (see 0002_reference.sql). */
int		 rv_iso3_ok(const char *s);
int		 rv_slug_ok(const char *s);

#endif /* PORTAL_PAGES_REFVIEW_H */
