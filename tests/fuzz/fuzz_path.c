/*
 * path_canonical on arbitrary bytes. A canonical path must look
 * canonical (no empty, "." or ".." segment, no trailing slash), match its
 * segments, and be a fixed point: canonicalising it again changes
 * nothing.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "http/path.h"
#include "portal_limits.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check(const char *p, const char **segv, size_t n)
{
	size_t	 i, off = 0, sl;

	if (p[0] != '/' || n > PATH_MAX_SEGMENTS || segv[n] != NULL)
		abort();
	if (n == 0) {
		if (strcmp(p, "/") != 0)
			abort();
		return;
	}
	for (i = 0; i < n; i++) {
		sl = strlen(segv[i]);
		if (sl == 0 || strcmp(segv[i], ".") == 0 ||
		    strcmp(segv[i], "..") == 0 ||
		    strchr(segv[i], '/') != NULL ||
		    strchr(segv[i], '\\') != NULL)
			abort();
		if (p[off] != '/' || strncmp(p + off + 1, segv[i], sl) != 0)
			abort();
		off += 1 + sl;
	}
	if (p[off] != '\0')
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	char		*p, *p2, *esc;
	const char	**segv, **segv2;
	size_t		 n, n2, i, j;

	if ((a = arena_new(ARENA_MAX_BYTES)) == NULL)
		abort();
	if (path_canonical(a, (const char *)data, size, &p, &segv, &n) !=
	    PATH_OK)
		goto out;
	check(p, segv, n);
	if (strlen(p) > size)
		abort();
	/*
	 * A fixed point, once the '%' that decoding produced are escaped
	 * again ("%2541" canonicalises to "/%41", which is "%2541" again).
	 */
	if ((esc = arena_alloc(a, 3 * strlen(p) + 1)) == NULL)
		abort();
	for (i = j = 0; p[i] != '\0'; i++) {
		if (p[i] == '%') {
			memcpy(esc + j, "%25", 3);
			j += 3;
		} else
			esc[j++] = p[i];
	}
	if (j <= PATH_MAX_BYTES &&
	    (path_canonical(a, esc, j, &p2, &segv2, &n2) != PATH_OK ||
	    strcmp(p, p2) != 0 || n2 != n))
		abort();
 out:
	arena_free(a);
	return 0;
}
