/*
 * The one escaping function, and the URL rule for attributes from data.
 *
 * Every byte of text and of attribute values that reaches the output goes
 * through tpl_escape: static template text once, when it is compiled,
 * data from views at every render. Escaping the five characters below is
 * enough for element text and for double-quoted attribute values alike,
 * so the renderer needs no notion of context; the compiler refuses the
 * contexts where it would not be enough (script and style content, event
 * handler and style attributes).
 *
 * Caveats: input is assumed to be valid UTF-8 (the input layer validates
 * every string); C0 control characters other than tab, line feed and
 * carriage return are not allowed in HTML and become U+FFFD.
 */
#include <stddef.h>
#include <string.h>

#include "core/writer.h"
#include "view/tpl.h"
#include "view/tpl_impl.h"

enum esc {
	ESC_NONE,
	ESC_AMP,
	ESC_LT,
	ESC_GT,
	ESC_QUOT,
	ESC_APOS,
	ESC_CTRL,
	ESC__MAX
};

static const struct {
	const char	*s;
	size_t		 len;
} esc_repl[ESC__MAX] = {
	[ESC_NONE] = { "", 0 },
	[ESC_AMP] = { "&amp;", 5 },
	[ESC_LT] = { "&lt;", 4 },
	[ESC_GT] = { "&gt;", 4 },
	[ESC_QUOT] = { "&quot;", 6 },
	[ESC_APOS] = { "&#39;", 5 },
	[ESC_CTRL] = { "\xEF\xBF\xBD", 3 },
};

#define C8(x)	x, x, x, x, x, x, x, x
static const unsigned char esc_class[256] = {
	/* 0x00 - 0x0f: only \t, \n and \r are allowed. */
	ESC_CTRL, ESC_CTRL, ESC_CTRL, ESC_CTRL,
	ESC_CTRL, ESC_CTRL, ESC_CTRL, ESC_CTRL,
	ESC_CTRL, ESC_NONE, ESC_NONE, ESC_CTRL,
	ESC_CTRL, ESC_NONE, ESC_CTRL, ESC_CTRL,
	C8(ESC_CTRL), C8(ESC_CTRL),
	/* 0x20 - 0x2f */
	ESC_NONE, ESC_NONE, ESC_QUOT, ESC_NONE,
	ESC_NONE, ESC_NONE, ESC_AMP, ESC_APOS,
	C8(ESC_NONE),
	/* 0x30 - 0x3f */
	C8(ESC_NONE),
	ESC_NONE, ESC_NONE, ESC_NONE, ESC_NONE,
	ESC_LT, ESC_NONE, ESC_GT, ESC_NONE,
	/* 0x40 - 0x7f */
	C8(ESC_NONE), C8(ESC_NONE), C8(ESC_NONE), C8(ESC_NONE),
	C8(ESC_NONE), C8(ESC_NONE), C8(ESC_NONE),
	ESC_NONE, ESC_NONE, ESC_NONE, ESC_NONE,
	ESC_NONE, ESC_NONE, ESC_NONE, ESC_CTRL,
	/* 0x80 - 0xff: UTF-8 continuation and lead bytes pass. */
	C8(ESC_NONE), C8(ESC_NONE), C8(ESC_NONE), C8(ESC_NONE),
	C8(ESC_NONE), C8(ESC_NONE), C8(ESC_NONE), C8(ESC_NONE),
	C8(ESC_NONE), C8(ESC_NONE), C8(ESC_NONE), C8(ESC_NONE),
	C8(ESC_NONE), C8(ESC_NONE), C8(ESC_NONE), C8(ESC_NONE),
};
#undef C8

int
tpl_escape(struct writer *w, const char *s, size_t len)
{
	size_t		 i, start = 0;
	unsigned char	 c;

	for (i = 0; i < len; i++) {
		if ((c = esc_class[(unsigned char)s[i]]) == ESC_NONE)
			continue;
		if (w_write(w, s + start, i - start) == -1 ||
		    w_write(w, esc_repl[c].s, esc_repl[c].len) == -1)
			return -1;
		start = i + 1;
	}
	return w_write(w, s + start, len - start);
}

/*
 * Security: a URL from data must not run script or leave for another
 * host unannounced. Browsers strip leading C0 controls and spaces and
 * delete tabs and newlines anywhere ("java\tscript:", "/\t/evil"), and
 * read "/\" like "//": so any control character refuses the value, and
 * the first character decides. A value that starts with '/', '.', '?'
 * or '#' cannot have a scheme; otherwise only http:// and https://
 * (lower case, as we write them) pass. Everything else, javascript:,
 * data:, vbscript:, "JaVaScRiPt:", " javascript:", "&#106;..." included,
 * is refused.
 */
int
tpl_url_ok(const char *s, size_t len)
{
	size_t	 i;

	if (s == NULL || len == 0)
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	switch (s[0]) {
	case '/':
		return len == 1 || (s[1] != '/' && s[1] != '\\');
	case '.':
	case '?':
	case '#':
		return 1;
	default:
		break;
	}
	return (len > 7 && memcmp(s, "http://", 7) == 0) ||
	    (len > 8 && memcmp(s, "https://", 8) == 0);
}

/*
 * Security: what the browser fetches by itself (src, poster, <link href>)
 * may come only from our origin: a value from data must be a relative
 * reference as above, never an http(s) URL to a host that would learn
 * who reads the page.
 */
int
tpl_url_local_ok(const char *s, size_t len)
{
	return tpl_url_ok(s, len) && (s[0] == '/' || s[0] == '.' ||
	    s[0] == '?' || s[0] == '#');
}
