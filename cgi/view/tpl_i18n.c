/*
 * Static text of templates as gettext messages.
 *
 * A msgid must be byte for byte what xgettext (GNU gettext 0.21, with
 * templates/po/portal.its) extracts, or no translation is ever found. It
 * extracts the text with &, < and > (and " in attributes) written as
 * entities, leading and trailing spaces, tabs and newlines removed and
 * inner runs of them made one space. Translations are therefore written
 * in that escaped form too; tpl_translate decodes them back to text, and
 * the compiler escapes the text again on its way out, so a translator
 * can no more insert markup than a view can.
 *
 * Caveats: xgettext 0.21 mangles U+00A0 and keeps carriage returns, so
 * msgids with those are refused at load; a t:i18n element holds text
 * only (no child elements, no comments).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "view/i18n.h"
#include "view/tpl_impl.h"

static int
ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

char *
tpl_msgid(const char *text, int is_attr, const char **why)
{
	const char	*p;
	char		*out, *o;
	size_t		 n;

	if (strchr(text, '\r') != NULL) {
		*why = "contains a carriage return";
		return NULL;
	}
	if (strstr(text, "\xc2\xa0") != NULL) {
		*why = "contains U+00A0 (no-break space), which xgettext "
		    "mangles: leave it to the translations";
		return NULL;
	}
	n = strlen(text);
	if (n > (SIZE_MAX - 1) / 6 || (out = malloc(n * 6 + 1)) == NULL) {
		*why = "out of memory";
		return NULL;
	}
	o = out;
	for (p = text; ws(*p); p++)
		continue;
	while (*p != '\0') {
		if (ws(*p)) {
			while (ws(*p))
				p++;
			if (*p != '\0')
				*o++ = ' ';
			continue;
		}
		switch (*p) {
		case '&':
			memcpy(o, "&amp;", 5);
			o += 5;
			break;
		case '<':
			memcpy(o, "&lt;", 4);
			o += 4;
			break;
		case '>':
			memcpy(o, "&gt;", 4);
			o += 4;
			break;
		case '"':
			if (is_attr) {
				memcpy(o, "&quot;", 6);
				o += 6;
			} else
				*o++ = '"';
			break;
		default:
			*o++ = *p;
			break;
		}
		p++;
	}
	*o = '\0';
	if (o == out) {
		free(out);
		*why = "is empty";
		return NULL;
	}
	return out;
}

/* UTF-8 for code point c at o; the number of bytes. */
static size_t
utf8_put(char *o, uint32_t c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xc0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xe0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	o[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/*
 * A character reference "&#123;" or "&#x1F;" at s: the code point and
 * the length, or 0 if it is not one (then '&' is literal text).
 */
static size_t
charref(const char *s, uint32_t *cp)
{
	const char	*p = s + 2;
	uint32_t	 c = 0;
	int		 hex = 0, digits = 0, d;

	if (s[1] != '#')
		return 0;
	if (*p == 'x' || *p == 'X') {
		hex = 1;
		p++;
	}
	for (; digits < 8; p++, digits++) {
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (hex && *p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (hex && *p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			break;
		c = c * (hex ? 16 : 10) + (uint32_t)d;
	}
	if (digits == 0 || *p != ';' || c == 0 || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return (size_t)(p + 1 - s);
}

static const struct {
	const char	*ent;
	size_t		 len;
	char		 c;
} named[] = {
	{ "&amp;", 5, '&' },
	{ "&lt;", 4, '<' },
	{ "&gt;", 4, '>' },
	{ "&quot;", 6, '"' },
	{ "&apos;", 6, '\'' },
};

char *
tpl_translate(const struct i18n *cat, enum lang lang, const char *msgid)
{
	const char	*s = i18n_get(cat, lang, msgid), *p;
	char		*out, *o;
	uint32_t	 cp;
	size_t		 i, n;

	/* Decoding never makes text longer: "&#x10000;" is 9 bytes for 4. */
	if ((out = malloc(strlen(s) + 1)) == NULL)
		return NULL;
	for (p = s, o = out; *p != '\0';) {
		if (*p != '&') {
			*o++ = *p++;
			continue;
		}
		for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
			if (strncmp(p, named[i].ent, named[i].len) == 0)
				break;
		if (i < sizeof(named) / sizeof(named[0])) {
			*o++ = named[i].c;
			p += named[i].len;
		} else if ((n = charref(p, &cp)) != 0) {
			o += utf8_put(o, cp);
			p += n;
		} else
			*o++ = *p++;
	}
	*o = '\0';
	return out;
}
