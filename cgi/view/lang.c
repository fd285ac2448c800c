/*
 * Language tables and Accept-Language negotiation.
 *
 * The header comes from the client: the parser is a single forward pass
 * that never backtracks, stops after HEADER_MAX_BYTES, and skips any
 * range it does not understand instead of failing the whole header.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "portal_limits.h"
#include "view/lang.h"

const char *const lang_code[LANG__MAX] = {
	[LANG_AR] = "ar",
	[LANG_EN] = "en",
	[LANG_ES] = "es",
	[LANG_FR] = "fr",
	[LANG_RU] = "ru",
	[LANG_ZH] = "zh",
};

const char *const lang_dir[LANG__MAX] = {
	[LANG_AR] = "rtl",
	[LANG_EN] = "ltr",
	[LANG_ES] = "ltr",
	[LANG_FR] = "ltr",
	[LANG_RU] = "ltr",
	[LANG_ZH] = "ltr",
};

const char *const lang_name[LANG__MAX] = {
	[LANG_AR] = "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
	[LANG_EN] = "English",
	[LANG_ES] = "Espa\u00f1ol",
	[LANG_FR] = "Fran\u00e7ais",
	[LANG_RU] = "\u0420\u0443\u0441\u0441\u043a\u0438\u0439",
	[LANG_ZH] = "\u4e2d\u6587",
};

int
lang_from_code(const char *s, size_t len, enum lang *out)
{
	int	 i;

	if (s == NULL || len != 2)
		return -1;
	for (i = 0; i < LANG__MAX; i++)
		if (s[0] == lang_code[i][0] && s[1] == lang_code[i][1]) {
			*out = (enum lang)i;
			return 0;
		}
	return -1;
}

static int
is_ows(char c)
{
	return c == ' ' || c == '\t';
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/*
 * RFC 9110 qvalue: "0" [ "." 0*3DIGIT ] / "1" [ "." 0*3("0") ], scaled
 * to 0..1000. -1 if malformed, so that the range is ignored.
 */
static int
parse_qvalue(const char *s, size_t len)
{
	int	 q, scale = 100;
	size_t	 i;

	if (len == 0 || (s[0] != '0' && s[0] != '1'))
		return -1;
	q = (s[0] - '0') * 1000;
	if (len == 1)
		return q;
	if (s[1] != '.' || len > 5)
		return -1;
	for (i = 2; i < len; i++, scale /= 10) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		q += (s[i] - '0') * scale;
	}
	return q > 1000 ? -1 : q;
}

/*
 * One language-range with its parameters, the len bytes at s. Returns the
 * q-value (0..1000) and sets *lang (LANG__MAX for "*"), or -1 when the
 * range is not one of ours or is malformed.
 */
static int
parse_range(const char *s, size_t len, enum lang *lang)
{
	size_t	 i = 0, tag, param, end;
	char	 code[2];
	int	 q = 1000;

	while (i < len && is_ows(s[i]))
		i++;
	tag = i;
	while (i < len && s[i] != ';' && !is_ows(s[i]))
		i++;
	if (i - tag == 1 && s[tag] == '*')
		*lang = LANG__MAX;
	else {
		/* The primary subtag must be two letters to be ours. */
		if (i - tag < 2 || (i - tag > 2 && s[tag + 2] != '-'))
			return -1;
		code[0] = lower(s[tag]);
		code[1] = lower(s[tag + 1]);
		if (lang_from_code(code, 2, lang) == -1)
			return -1;
	}
	while (i < len) {
		while (i < len && is_ows(s[i]))
			i++;
		if (i == len)
			break;
		if (s[i++] != ';')
			return -1;
		while (i < len && is_ows(s[i]))
			i++;
		param = i;
		while (i < len && s[i] != ';')
			i++;
		end = i;
		while (end > param && is_ows(s[end - 1]))
			end--;
		if (end - param >= 2 && lower(s[param]) == 'q' &&
		    s[param + 1] == '=') {
			q = parse_qvalue(s + param + 2, end - param - 2);
			if (q == -1)
				return -1;
		}
	}
	return q;
}

/*
 * Security: the header is the client's. One pass over at most
 * HEADER_MAX_BYTES, a fixed table of LANG__MAX + 1 q-values: the work
 * does not depend on how many ranges a hostile header repeats.
 */
enum lang
lang_negotiate(const char *accept_language)
{
	const char	*s = accept_language;
	enum lang	 l, best = LANG_EN;
	size_t		 len, i = 0, start, order[LANG__MAX + 1], n = 0;
	size_t		 rank, bestrank = SIZE_MAX;
	int		 qv[LANG__MAX + 1], q, bestq = 0, k;

	if (s == NULL)
		return LANG_EN;
	for (k = 0; k <= LANG__MAX; k++)
		qv[k] = -1;
	len = strnlen(s, HEADER_MAX_BYTES);
	while (i < len) {
		start = i;
		while (i < len && s[i] != ',')
			i++;
		/* The first mention of a language counts, as in most UAs. */
		if ((q = parse_range(s + start, i - start, &l)) != -1 &&
		    qv[l] == -1) {
			qv[l] = q;
			order[l] = n++;
		}
		i++;
	}
	/*
	 * A language not named gets the q-value of "*". Highest q wins;
	 * ties go to the range named first, then English, then table order.
	 */
	for (k = 0; k < LANG__MAX; k++) {
		if (qv[k] != -1) {
			q = qv[k];
			rank = order[k];
		} else {
			q = qv[LANG__MAX];
			rank = LANG__MAX + 1 + (k == LANG_EN ? 0 : 1 + k);
			rank += n;
		}
		if (q > bestq || (q == bestq && q > 0 && rank < bestrank)) {
			bestq = q;
			bestrank = rank;
			best = (enum lang)k;
		}
	}
	return best;
}
