/*
 * View helpers of the public reference pages. The closed sets below are
 * msgids (N_) so that scripts/i18n.sh extracts them and every catalog
 * translates them; UNSD's M49 names are its English names, as stored.
 */
#include <string.h>

#include "data/public.h"
#include "http/request.h"
#include "pages/common.h"
#include "pages/refview.h"
#include "view/fmt.h"
#include "view/i18n.h"
#include "view/lang.h"
#include "view/view.h"

static const char *const m49_names[] = {
	N_("Africa"), N_("Americas"), N_("Asia"), N_("Europe"), N_("Oceania"),
	N_("Australia and New Zealand"), N_("Central Asia"),
	N_("Eastern Asia"), N_("Eastern Europe"),
	N_("Latin America and the Caribbean"), N_("Melanesia"),
	N_("Micronesia"), N_("Northern Africa"), N_("Northern America"),
	N_("Northern Europe"), N_("Polynesia"), N_("South-eastern Asia"),
	N_("Southern Asia"), N_("Southern Europe"), N_("Sub-Saharan Africa"),
	N_("Western Asia"), N_("Western Europe"), N_("Caribbean"),
	N_("Central America"), N_("Eastern Africa"), N_("Middle Africa"),
	N_("South America"), N_("Southern Africa"), N_("Western Africa"),
};

/* Regimes of the World, 0..3. */
static const char *const regime_names[] = {
	N_("Closed autocracy"), N_("Electoral autocracy"),
	N_("Electoral democracy"), N_("Liberal democracy"),
};

struct code_name {
	const char	*code;
	const char	*msgid;
};

static const struct code_name holders[] = {
	{ "special_rapporteur", N_("Special Rapporteur") },
	{ "independent_expert", N_("Independent Expert") },
	{ "working_group", N_("Working Group") },
	{ "designated_expert", N_("Expert designated by the High Commissioner") },
};

static const struct code_name kinds[] = {
	{ "thematic", N_("Thematic mandate") },
	{ "country", N_("Country mandate") },
};

static const struct code_name statuses[] = {
	{ "member", N_("Member State") },
	{ "observer", N_("Non-member observer State") },
};

/* Language names in running text ("French"), not autonyms. */
static const struct code_name languages[] = {
	{ "ar", N_("Arabic") }, { "en", N_("English") }, { "es", N_("Spanish") },
	{ "fr", N_("French") }, { "ru", N_("Russian") }, { "zh", N_("Chinese") },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char *
lookup(struct req *r, const struct code_name *t, size_t n, const char *code)
{
	size_t	 i;

	for (i = 0; code != NULL && i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return page_tr(r, t[i].msgid);
	return NULL;
}

int
rv_set_int(struct req *r, struct view *v, const char *key, long long n)
{
	char	 buf[FMT_INT_MAX];

	if (fmt_int(r->lang, n, buf, sizeof(buf)) == -1)
		return -1;
	return view_set_strf(v, key, "%s", buf);
}

int
rv_set_date(struct req *r, struct view *v, const char *key, const char *iso)
{
	char	 buf[FMT_DATE_MAX];

	if (fmt_date_iso(r->lang, iso, buf, sizeof(buf)) == -1)
		return view_set_str(v, key, "");
	return view_set_strf(v, key, "%s", buf);
}

const char *
rv_m49(struct req *r, const char *english)
{
	size_t	 i;

	for (i = 0; i < NELEM(m49_names); i++)
		if (strcmp(m49_names[i], english) == 0)
			return page_tr(r, m49_names[i]);
	return english;
}

const char *
rv_regime(struct req *r, int regime)
{
	if (regime < 0 || (size_t)regime >= NELEM(regime_names))
		return NULL;
	return page_tr(r, regime_names[regime]);
}

const char *
rv_holder(struct req *r, const char *holder)
{
	return lookup(r, holders, NELEM(holders), holder);
}

const char *
rv_kind(struct req *r, const char *kind)
{
	return lookup(r, kinds, NELEM(kinds), kind);
}

const char *
rv_status(struct req *r, const char *status)
{
	return lookup(r, statuses, NELEM(statuses), status);
}

const char *
rv_lang_name(struct req *r, const char *code)
{
	return lookup(r, languages, NELEM(languages), code);
}

int
rv_iso3_ok(const char *s)
{
	return strlen(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' &&
	    s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z';
}

/* ^[a-z0-9]+(-[a-z0-9]+)*$, at most 64 bytes. */
int
rv_slug_ok(const char *s)
{
	size_t	 i, n = strlen(s);
	int	 alnum;

	if (n == 0 || n > 64 || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++) {
		alnum = (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9');
		if (!alnum && (s[i] != '-' || s[i + 1] == '-'))
			return 0;
	}
	return 1;
}

int
rv_names(struct req *r, struct view *v, const struct pub_name *n, size_t nn)
{
	struct view	*it;
	const char	*ln;
	enum lang	 l;
	size_t		 i;

	if (view_set_list(v, "names") == -1)
		return -1;
	for (i = 0; i < nn; i++) {
		if (lang_from_code(n[i].lang, 2, &l) == -1 ||
		    (ln = rv_lang_name(r, n[i].lang)) == NULL)
			continue;
		if ((it = view_list_append(v, "names")) == NULL ||
		    view_set_str(it, "lang", n[i].lang) == -1 ||
		    view_set_str(it, "dir", lang_dir[l]) == -1 ||
		    view_set_str(it, "language", ln) == -1 ||
		    view_set_str(it, "name", n[i].name) == -1 ||
		    view_set_str(it, "formal", n[i].formal) == -1)
			return -1;
	}
	return 0;
}
