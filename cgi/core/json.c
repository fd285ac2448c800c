/*
 * JSON string escaping.
 */
#include <stdio.h>
#include <string.h>

#include "core/json.h"
#include "core/writer.h"

int
json_string(struct writer *w, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *run = p;
	char			 esc[8];
	int			 rc = 0;

	rc |= w_write(w, "\"", 1);
	for (; *p != '\0'; p++) {
		/* U+2028 and U+2029 end a line in JavaScript. */
		int ls = p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 ||
		    p[2] == 0xa9);
		if (*p >= 0x20 && *p != '"' && *p != '\\' && *p != '<' &&
		    *p != '>' && *p != '&' && !ls)
			continue;
		rc |= w_write(w, run, (size_t)(p - run));
		if (ls) {
			(void)snprintf(esc, sizeof(esc), "\\u%04x",
			    p[2] == 0xa8 ? 0x2028 : 0x2029);
			p += 2;
		} else if (*p == '"' || *p == '\\')
			(void)snprintf(esc, sizeof(esc), "\\%c", *p);
		else if (*p == '\n')
			(void)snprintf(esc, sizeof(esc), "\\n");
		else
			(void)snprintf(esc, sizeof(esc), "\\u%04x", *p);
		rc |= w_puts(w, esc);
		run = p + 1;
	}
	rc |= w_write(w, run, (size_t)(p - run));
	rc |= w_write(w, "\"", 1);
	return rc ? -1 : 0;
}
