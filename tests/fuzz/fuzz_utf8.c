/*
 * UTF-8 validation against a decoder written the other way round (decode
 * the code point, then judge it), and the streaming form against the
 * whole form at a split point taken from the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
ref_valid(const uint8_t *s, size_t len)
{
	size_t		 i = 0, n, k;
	uint32_t	 cp, min;

	while (i < len) {
		if (s[i] == 0)
			return 0;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xE0) == 0xC0) {
			n = 1;
			cp = s[i] & 0x1F;
			min = 0x80;
		} else if ((s[i] & 0xF0) == 0xE0) {
			n = 2;
			cp = s[i] & 0x0F;
			min = 0x800;
		} else if ((s[i] & 0xF8) == 0xF0) {
			n = 3;
			cp = s[i] & 0x07;
			min = 0x10000;
		} else
			return 0;
		if (len - i - 1 < n)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += n + 1;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*s = (const char *)data;
	struct utf8_stream	 u;
	size_t			 split;
	int			 whole, streamed;

	whole = utf8_valid(s, size);
	if (whole != ref_valid(data, size))
		abort();
	split = size == 0 ? 0 : data[0] % (size + 1);
	utf8_stream_init(&u);
	streamed = utf8_stream_feed(&u, s, split) == 0 &&
	    utf8_stream_feed(&u, s + split, size - split) == 0 &&
	    utf8_stream_end(&u) == 0;
	if (streamed != whole)
		abort();
	return 0;
}
