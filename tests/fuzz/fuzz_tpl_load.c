/*
 * The template compiler on arbitrary template files. The input is one
 * file (a.xhtml), or, split at the first NUL byte, two (a.xhtml and
 * b.xhtml, which a.xhtml can include or use as its layout). Whatever loads
 * is rendered in every language with a view whose every value is a
 * marker of markup characters, and the marker must never appear raw in
 * the output: no template, however odd, can write data unescaped.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/writer.h"
#include "view/tpl.h"
#include "view/view.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MARKER		"<\"'&>"
#define B_DEFAULT	"<p xmlns=\"http://www.w3.org/1999/xhtml\" " \
			"xmlns:t=\"urn:portal:template\" t:slot=\"s\">x</p>"

static char	 dir[64];

static void
put(const char *name, const uint8_t *p, size_t len)
{
	char	 path[128];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (len > 0 && fwrite(p, 1, len, f) != len)
		abort();
	fclose(f);
}

static void
cleanup(void)
{
	char	 path[128];

	snprintf(path, sizeof(path), "%s/a.xhtml", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/b.xhtml", dir);
	unlink(path);
	rmdir(dir);
}

static void
fill(struct view *v, int depth)
{
	static const char *const keys[] = { "a", "b", "c", "v", "x", "url",
	    "href", "title", "name", "lang", "dir" };
	struct view	*m;
	size_t		 i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (view_set_str(v, keys[i], MARKER) == -1)
			abort();
	if (depth == 0)
		return;
	if ((m = view_set_map(v, "m")) == NULL)
		abort();
	fill(m, depth - 1);
	for (i = 0; i < 2; i++) {
		if ((m = view_list_append(v, "items")) == NULL ||
		    view_list_append_str(v, "strings", MARKER) == -1)
			abort();
		fill(m, depth - 1);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct tpl_set	*s;
	struct arena	*a;
	struct view	*v;
	struct buf	 b;
	struct writer	 w;
	const uint8_t	*nul;
	char		 err[512];
	int		 l;

	if (dir[0] == '\0') {
		strcpy(dir, "/tmp/fuzz_tpl.XXXXXX");
		if (mkdtemp(dir) == NULL)
			abort();
		atexit(cleanup);
	}
	if ((nul = memchr(data, '\0', len)) != NULL) {
		put("a.xhtml", data, (size_t)(nul - data));
		put("b.xhtml", nul + 1, len - (size_t)(nul - data) - 1);
	} else {
		put("a.xhtml", data, len);
		put("b.xhtml", (const uint8_t *)B_DEFAULT, strlen(B_DEFAULT));
	}
	if ((s = tpl_load(dir, NULL, err, sizeof(err))) == NULL) {
		if (err[0] == '\0')
			abort();
		return 0;
	}
	if ((a = arena_new(64u << 20)) == NULL)
		abort();
	if ((v = view_new(a)) == NULL)
		abort();
	fill(v, 2);
	for (l = 0; l < LANG__MAX; l++) {
		buf_init(&b, a, 32u << 20);
		buf_writer(&b, &w);
		if (tpl_render(s, "a", (enum lang)l, v, &w) == -1)
			abort();
		if (b.data != NULL && strstr(b.data, MARKER) != NULL)
			abort();
	}
	arena_free(a);
	tpl_free(s);
	return 0;
}
