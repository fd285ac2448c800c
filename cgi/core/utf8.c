/*
 * UTF-8 validation: one table-free state machine, used whole by
 * utf8_valid and piecewise by utf8_stream_feed, so both agree by
 * construction.
 *
 * The lead byte fixes how many continuation bytes follow and the range
 * of the first one (RFC 3629 section 4); narrowing that range is what
 * refuses overlong forms (E0, F0), surrogates (ED) and code points past
 * U+10FFFF (F4). C0, C1 and F5..FF can never start a valid sequence.
 */
#include <stddef.h>

#include "core/utf8.h"

void
utf8_stream_init(struct utf8_stream *u)
{
	u->need = 0;
	u->lo = 0x80;
	u->hi = 0xBF;
	u->bad = 0;
}

/* Expect the continuation bytes of lead byte c; -1 if c cannot lead. */
static int
utf8_lead(struct utf8_stream *u, unsigned char c)
{
	u->lo = 0x80;
	u->hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		u->need = 1;
	else if (c == 0xE0) {
		u->need = 2;
		u->lo = 0xA0;		/* below is an overlong 2-byte form */
	} else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
		u->need = 2;
	else if (c == 0xED) {
		u->need = 2;
		u->hi = 0x9F;		/* above is U+D800..U+DFFF */
	} else if (c == 0xF0) {
		u->need = 3;
		u->lo = 0x90;		/* below is an overlong 3-byte form */
	} else if (c >= 0xF1 && c <= 0xF3)
		u->need = 3;
	else if (c == 0xF4) {
		u->need = 3;
		u->hi = 0x8F;		/* above is past U+10FFFF */
	} else
		return -1;
	return 0;
}

int
utf8_stream_feed(struct utf8_stream *u, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i;

	if (u->bad)
		return -1;
	for (i = 0; i < len; i++) {
		if (u->need > 0) {
			if (p[i] < u->lo || p[i] > u->hi)
				goto bad;
			u->lo = 0x80;
			u->hi = 0xBF;
			u->need--;
		} else if (p[i] >= 0x80) {
			if (utf8_lead(u, p[i]) == -1)
				goto bad;
		} else if (p[i] == 0x00)
			goto bad;
	}
	return 0;
 bad:
	u->bad = 1;
	return -1;
}

int
utf8_stream_end(const struct utf8_stream *u)
{
	return (u->bad || u->need != 0) ? -1 : 0;
}

int
utf8_valid(const char *s, size_t len)
{
	struct utf8_stream	 u;

	utf8_stream_init(&u);
	if (utf8_stream_feed(&u, s, len) == -1)
		return 0;
	return utf8_stream_end(&u) == 0;
}
