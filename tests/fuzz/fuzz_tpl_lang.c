/*
 * lang_negotiate on arbitrary Accept-Language headers: always one of the
 * six languages, and the same answer for the same header.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "view/lang.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	enum lang	 a, b;
	char		*s;

	if ((s = malloc(len + 1)) == NULL)
		return 0;
	memcpy(s, data, len);
	s[len] = '\0';
	a = lang_negotiate(s);
	b = lang_negotiate(s);
	if ((unsigned)a >= LANG__MAX || a != b)
		abort();
	(void)lang_from_code(s, len, &a);
	free(s);
	return 0;
}
