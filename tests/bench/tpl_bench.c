/*
 * Template rendering against libxml2's serializers, in the same run.
 *
 *	tpl_bench [renders]	(from the repository root; default 20000)
 *
 * The page is tests/unit/templates/table.xhtml (layout, include, i18n,
 * a table of 100 rows from a view: about 10 KB of HTML), the page the
 * golden file tests/unit/golden/table_en.html holds. The libxml2 side
 * gets an equivalent filled tree: our own output parsed once by
 * libxml2's HTML parser, so both write the same document. Timed:
 *
 *	engine		tpl_render into a memory buffer
 *	html dump	htmlDocDumpMemory of the filled tree
 *	xml dump	xmlNodeDumpOutput of its root to a memory buffer
 *	copy + dump	xmlCopyDoc, htmlDocDumpMemory, xmlFreeDoc: the cost
 *			of a DOM filled per request
 *
 * Not a test: numbers depend on the machine. Prints renders/s and the
 * ratio of each to the engine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>

#include "core/arena.h"
#include "core/writer.h"
#include "view/tpl.h"
#include "view/view.h"

#define TDIR	"tests/unit/templates"

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
die(const char *what)
{
	fprintf(stderr, "tpl_bench: %s\n", what);
	exit(1);
}

#define OK(x)	do { if ((x) != 0) die(#x); } while (0)
#define NN(x)	do { if ((x) == NULL) die(#x); } while (0)

static struct view *
table_view(struct arena *a)
{
	static const char *const codes[] = { "ar", "en", "es", "fr", "ru",
	    "zh" };
	struct view	*v, *c, *m;
	int		 i;

	NN(v = view_new(a));
	OK(view_set_str(v, "home", "/en/"));
	OK(view_set_str(v, "title", "Communications"));
	for (i = 0; i < 6; i++) {
		NN(m = view_list_append(v, "langs"));
		OK(view_set_str(m, "code", codes[i]));
		OK(view_set_str(m, "name", lang_name[i]));
		OK(view_set_strf(m, "url", "/%s/communications", codes[i]));
	}
	for (i = 0; i < 100; i++) {
		NN(c = view_list_append(v, "comms"));
		OK(view_set_strf(c, "url", "/en/communications/%d", 1000 + i));
		OK(view_set_strf(c, "ref", "AL FRA %d/2024", i + 1));
		OK(view_set_str(c, "state", i % 3 ? "France" :
		    "C\u00f4te d'Ivoire"));
		OK(view_set_strf(c, "sent", "2024-%02d-%02d", i % 12 + 1,
		    i % 28 + 1));
		OK(view_set_bool(c, "replied", i % 4 == 0));
	}
	return v;
}

static void
report(const char *name, int n, double secs, double engine)
{
	double	 rate = n / secs;

	printf("%-12s %10.0f renders/s %8.2f us/render", name, rate,
	    secs / n * 1e6);
	if (engine > 0)
		printf("   engine is %.2fx faster", engine / rate);
	printf("\n");
}

int
main(int argc, char *argv[])
{
	struct tpl_set		*set;
	struct arena		*a, *ra;
	struct view		*v;
	struct buf		 b;
	struct writer		 w;
	htmlDocPtr		 doc, copy;
	xmlOutputBufferPtr	 ob;
	xmlChar			*mem;
	char			 err[512], *page;
	size_t			 pagelen, sink = 0;
	double			 t, engine;
	int			 n = argc > 1 ? atoi(argv[1]) : 20000, i, len;

	if (n <= 0)
		die("renders must be positive");
	xmlInitParser();
	if ((set = tpl_load(TDIR, NULL, err, sizeof(err))) == NULL)
		die(err);
	NN(a = arena_new(16u << 20));
	NN(ra = arena_new(16u << 20));
	v = table_view(a);

	/* The page once, for its size and for libxml2's tree. */
	buf_init(&b, a, 1u << 20);
	buf_writer(&b, &w);
	if (tpl_render(set, "table", LANG_EN, v, &w) != 0)
		die("render");
	page = b.data;
	pagelen = b.len;
	NN(doc = htmlReadMemory(page, (int)pagelen, NULL, "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
	printf("page: %zu bytes, %d renders each\n", pagelen, n);

	t = now();
	for (i = 0; i < n; i++) {
		arena_reset(ra);
		buf_init(&b, ra, 1u << 20);
		buf_writer(&b, &w);
		if (tpl_render(set, "table", LANG_EN, v, &w) != 0)
			die("render");
		sink += b.len;
	}
	engine = n / (now() - t);
	report("engine", n, n / engine, 0);

	t = now();
	for (i = 0; i < n; i++) {
		htmlDocDumpMemory(doc, &mem, &len);
		sink += (size_t)len;
		xmlFree(mem);
	}
	report("html dump", n, now() - t, engine);

	t = now();
	for (i = 0; i < n; i++) {
		NN(ob = xmlAllocOutputBuffer(NULL));
		xmlNodeDumpOutput(ob, doc, xmlDocGetRootElement(doc), 0, 0,
		    "UTF-8");
		sink += xmlOutputBufferGetSize(ob);
		xmlOutputBufferClose(ob);
	}
	report("xml dump", n, now() - t, engine);

	t = now();
	for (i = 0; i < n; i++) {
		NN(copy = xmlCopyDoc(doc, 1));
		htmlDocDumpMemory(copy, &mem, &len);
		sink += (size_t)len;
		xmlFree(mem);
		xmlFreeDoc(copy);
	}
	report("copy + dump", n, now() - t, engine);

	fprintf(stderr, "(%zu bytes written in all)\n", sink);
	xmlFreeDoc(doc);
	tpl_free(set);
	arena_free(ra);
	arena_free(a);
	xmlCleanupParser();
	return 0;
}
