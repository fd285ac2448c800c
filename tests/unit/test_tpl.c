/*
 * The template engine: output (golden files, HTML5 serialisation, lang and
 * dir), every directive, XSS payloads through every substitution path, and
 * every kind of template mistake refused at load with file:line.
 *
 * Run from the repository root. TPL_UPDATE_GOLDEN=1 rewrites the golden
 * files in tests/unit/golden/ instead of comparing (review the diff).
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "check_main.h"
#include "core/arena.h"
#include "core/writer.h"
#include "view/i18n.h"
#include "view/tpl.h"
#include "view/view.h"

#define TDIR	"tests/unit/templates"
#define GDIR	"tests/unit/golden"
#define NS	"xmlns=\"http://www.w3.org/1999/xhtml\" " \
		"xmlns:t=\"urn:portal:template\""

static struct tpl_set	*set;		/* tests/unit/templates, no catalog */
static struct arena	*arena;

static void
setup(void)
{
	char	 err[512];

	set = tpl_load(TDIR, NULL, err, sizeof(err));
	if (set == NULL)
		ck_abort_msg("tpl_load: %s", err);
	arena = arena_new(16u << 20);
	ck_assert_ptr_nonnull(arena);
}

static void
teardown(void)
{
	tpl_free(set);
	arena_free(arena);
}

/* Render with a set; the output, or NULL if tpl_render returned -1. */
static const char *
render_set(const struct tpl_set *s, const char *name, enum lang lang,
    const struct view *v, int *rc)
{
	struct buf	 b;
	struct writer	 w;
	int		 r;

	buf_init(&b, arena, 4u << 20);
	buf_writer(&b, &w);
	r = tpl_render(s, name, lang, v, &w);
	if (rc != NULL)
		*rc = r;
	if (r == -1)
		return NULL;
	return b.data != NULL ? b.data : "";
}

static const char *
render(const char *name, enum lang lang, const struct view *v)
{
	const char	*out = render_set(set, name, lang, v, NULL);

	ck_assert_ptr_nonnull(out);
	return out;
}

static struct view *
V(void)
{
	struct view	*v = view_new(arena);

	ck_assert_ptr_nonnull(v);
	return v;
}

#define SET_STR(v, k, s)	ck_assert_int_eq(view_set_str(v, k, s), 0)
#define SET_INT(v, k, i)	ck_assert_int_eq(view_set_int(v, k, i), 0)
#define SET_BOOL(v, k, b)	ck_assert_int_eq(view_set_bool(v, k, b), 0)

static char *
slurp(const char *path)
{
	FILE	*f;
	char	*s;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = arena_alloc(arena, (size_t)n + 1);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

static void
golden(const char *file, const char *out)
{
	char	 path[256];
	char	*want;
	FILE	*f;

	snprintf(path, sizeof(path), GDIR "/%s", file);
	if (getenv("TPL_UPDATE_GOLDEN") != NULL) {
		ck_assert_ptr_nonnull(f = fopen(path, "wb"));
		fputs(out, f);
		fclose(f);
		return;
	}
	want = slurp(path);
	if (want == NULL)
		ck_abort_msg("%s missing (TPL_UPDATE_GOLDEN=1 makes it)", path);
	ck_assert_str_eq(out, want);
}

/* A .mo image, written here independently of the loader. */

struct mo_msg {
	const char	*id;
	const char	*str;
};

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static size_t
mo_build(unsigned char *out, size_t cap, const struct mo_msg *m, size_t n)
{
	static const char	*hdr =
	    "Content-Type: text/plain; charset=UTF-8\n";
	size_t			 i, nn = n + 1, at = 28 + 16 * nn, len;
	const char		*id, *str;

	memset(out, 0, cap);
	put32(out, 0x950412de);
	put32(out + 8, (uint32_t)nn);
	put32(out + 12, 28);
	put32(out + 16, (uint32_t)(28 + 8 * nn));
	for (i = 0; i < nn; i++) {
		id = i == 0 ? "" : m[i - 1].id;
		str = i == 0 ? hdr : m[i - 1].str;
		len = strlen(id);
		ck_assert_uint_lt(at + len + 1, cap);
		put32(out + 28 + 8 * i, (uint32_t)len);
		put32(out + 28 + 8 * i + 4, (uint32_t)at);
		memcpy(out + at, id, len + 1);
		at += len + 1;
		len = strlen(str);
		ck_assert_uint_lt(at + len + 1, cap);
		put32(out + 28 + 8 * nn + 8 * i, (uint32_t)len);
		put32(out + 28 + 8 * nn + 8 * i + 4, (uint32_t)at);
		memcpy(out + at, str, len + 1);
		at += len + 1;
	}
	return at;
}

/* Catalogs with the same messages for every language. */
static struct i18n *
catalog(const struct mo_msg *m, size_t n)
{
	static unsigned char	 mo[64 * 1024];
	struct i18n		*cat = i18n_new();
	char			 err[256];
	size_t			 len;
	int			 l;

	ck_assert_ptr_nonnull(cat);
	len = mo_build(mo, sizeof(mo), m, n);
	for (l = 0; l < LANG__MAX; l++)
		if (i18n_add_mo(cat, (enum lang)l, mo, len, err, sizeof(err))
		    == -1)
			ck_abort_msg("i18n_add_mo: %s", err);
	return cat;
}

/* Golden files */

static struct view *
page_view(int full)
{
	struct view	*v = V(), *m;
	static const char *const codes[] = { "ar", "en", "fr" };
	static const char *const names[] = {
	    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "English",
	    "Fran\u00e7ais" };
	int		 i;

	SET_STR(v, "home", "/en/");
	for (i = 0; i < 3; i++) {
		ck_assert_ptr_nonnull(m = view_list_append(v, "langs"));
		SET_STR(m, "code", codes[i]);
		SET_STR(m, "name", names[i]);
		ck_assert_int_eq(view_set_strf(m, "url", "/%s/submit",
		    codes[i]), 0);
		if (i == 1)
			SET_STR(m, "current", "page");
	}
	if (!full)
		return v;
	SET_STR(v, "notice", "Fields marked * are required.");
	SET_STR(v, "action", "/en/submit");
	SET_STR(v, "summary", "Detained on 3 May & held incommunicado");
	SET_BOOL(v, "consent", 1);
	SET_STR(v, "victims", "Two <unnamed> people\n\"students\"");
	ck_assert_ptr_nonnull(m = view_list_append(v, "states"));
	SET_STR(m, "iso3", "FRA");
	SET_STR(m, "name", "France");
	ck_assert_ptr_nonnull(m = view_list_append(v, "states"));
	SET_STR(m, "iso3", "MEX");
	SET_STR(m, "name", "Mexico");
	SET_BOOL(m, "selected", 1);
	for (i = 0; i < 2; i++) {
		ck_assert_ptr_nonnull(m = view_list_append(v, "rows"));
		SET_STR(m, "cls", i ? "odd" : "even");
		ck_assert_int_eq(view_set_strf(m, "ref", "A-2026-%06d", i + 41),
		    0);
		ck_assert_int_eq(view_list_append_str(m, "mandates", "torture"),
		    0);
		if (i)
			ck_assert_int_eq(view_list_append_str(m, "mandates",
			    "freedom-of-expression"), 0);
		SET_INT(m, "count", i * 1000 - 7);
	}
	SET_STR(v, "more", "/en/followup?ref=A-2026-000041&lang=en");
	return v;
}

START_TEST(golden_page_en)
{
	golden("page_en.html", render("page", LANG_EN, page_view(1)));
}
END_TEST

START_TEST(golden_page_empty_view_en)
{
	golden("page_empty_en.html", render("page", LANG_EN, page_view(0)));
}
END_TEST

START_TEST(golden_page_ar_translated)
{
	static const struct mo_msg msgs[] = {
		{ "Submit an allegation", "\u062a\u0642\u062f\u064a\u0645 "
		    "\u0628\u0644\u0627\u063a" },
		{ "UN Special Procedures", "\u0627\u0644\u0625\u062c\u0631"
		    "\u0627\u0621\u0627\u062a \u0627\u0644\u062e\u0627\u0635"
		    "\u0629" },
		{ "Languages", "\u0627\u0644\u0644\u063a\u0627\u062a" },
		{ "Summary &amp; details", "\u0645\u0644\u062e\u0635 &amp; "
		    "\u062a\u0641\u0627\u0635\u064a\u0644" },
		{ "Send", "\u0625\u0631\u0633\u0627\u0644" },
	};
	struct i18n	*cat = catalog(msgs, sizeof(msgs) / sizeof(msgs[0]));
	struct tpl_set	*s;
	char		 err[512];
	const char	*out;

	s = tpl_load(TDIR, cat, err, sizeof(err));
	i18n_free(cat);
	ck_assert_msg(s != NULL, "%s", err);
	out = render_set(s, "page", LANG_AR, page_view(1), NULL);
	ck_assert_ptr_nonnull(out);
	golden("page_ar.html", out);
	tpl_free(s);
}
END_TEST

START_TEST(golden_table_of_100_rows)
{
	struct view	*v = page_view(0), *c;
	int		 i;

	SET_STR(v, "title", "Communications");
	for (i = 0; i < 100; i++) {
		ck_assert_ptr_nonnull(c = view_list_append(v, "comms"));
		ck_assert_int_eq(view_set_strf(c, "url",
		    "/en/communications/%d", 1000 + i), 0);
		ck_assert_int_eq(view_set_strf(c, "ref", "AL FRA %d/2024",
		    i + 1), 0);
		SET_STR(c, "state", i % 3 ? "France" : "C\u00f4te d'Ivoire");
		ck_assert_int_eq(view_set_strf(c, "sent", "2024-%02d-%02d",
		    i % 12 + 1, i % 28 + 1), 0);
		SET_BOOL(c, "replied", i % 4 == 0);
	}
	golden("table_en.html", render("table", LANG_EN, v));
}
END_TEST

START_TEST(golden_void_and_empty_elements)
{
	golden("voids.html", render("voids", LANG_EN, NULL));
}
END_TEST

/* HTML5 output */

START_TEST(void_elements_have_no_end_tag)
{
	const char	*out = render("voids", LANG_EN, NULL);
	static const char *const voids[] = { "area", "base", "br", "col",
	    "embed", "hr", "img", "input", "link", "meta", "source", "track",
	    "wbr" };
	char		 end[16];
	size_t		 i;

	for (i = 0; i < sizeof(voids) / sizeof(voids[0]); i++) {
		snprintf(end, sizeof(end), "</%s>", voids[i]);
		ck_assert_ptr_null(strstr(out, end));
	}
	ck_assert_ptr_nonnull(strstr(out, "<br><col>"));
	ck_assert_ptr_null(strstr(out, "/>"));
}
END_TEST

START_TEST(empty_non_void_elements_have_end_tag)
{
	const char	*out = render("voids", LANG_EN, NULL);

	ck_assert_ptr_nonnull(strstr(out, "<p></p>"));
	ck_assert_ptr_nonnull(strstr(out, "<span></span>"));
	ck_assert_ptr_nonnull(strstr(out,
	    "<script src=\"/a.js\"></script>"));
	ck_assert_ptr_nonnull(strstr(out,
	    "<textarea name=\"t\">\n</textarea>"));
	ck_assert_ptr_nonnull(strstr(out, "<title></title>"));
	ck_assert_ptr_nonnull(strstr(out, "<div></div>"));
}
END_TEST

START_TEST(doctype_written_before_html_root)
{
	const char	*out = render("page", LANG_EN, page_view(1));

	ck_assert_int_eq(strncmp(out, "<!DOCTYPE html>\n<html ", 22), 0);
}
END_TEST

START_TEST(fragment_has_no_doctype)
{
	ck_assert_str_eq(render("fragment", LANG_EN, NULL),
	    "<p class=\"fragment\">A fragment has no doctype.</p>");
}
END_TEST

START_TEST(namespace_declarations_and_directives_not_written)
{
	const char	*out = render("page", LANG_FR, page_view(1));

	ck_assert_ptr_null(strstr(out, "xmlns"));
	ck_assert_ptr_null(strstr(out, "t:"));
	ck_assert_ptr_null(strstr(out, "urn:portal"));
}
END_TEST

START_TEST(html_lang_and_dir_from_render_language)
{
	int	 l;
	char	 want[64];

	for (l = 0; l < LANG__MAX; l++) {
		snprintf(want, sizeof(want), "<html lang=\"%s\" dir=\"%s\">",
		    lang_code[l], lang_dir[l]);
		ck_assert_ptr_nonnull(strstr(render("page", (enum lang)l,
		    page_view(0)), want));
	}
	ck_assert_str_eq(lang_dir[LANG_AR], "rtl");
}
END_TEST

START_TEST(html_lang_and_dir_from_view_with_t_attr)
{
	struct view	*v = V();

	SET_STR(v, "lang", "fr-CH");
	SET_STR(v, "dir", "ltr");
	ck_assert_str_eq(render("htmllang", LANG_AR, v), "<!DOCTYPE html>\n"
	    "<html lang=\"fr-CH\" dir=\"ltr\"><body><p>x</p></body></html>");
}
END_TEST

START_TEST(builtin_lang_and_dir_paths)
{
	ck_assert_str_eq(render("builtin", LANG_AR, NULL),
	    "<p lang=\"ar\" dir=\"rtl\">ar</p>");
	ck_assert_str_eq(render("builtin", LANG_ZH, NULL),
	    "<p lang=\"zh\" dir=\"ltr\">zh</p>");
}
END_TEST

START_TEST(whitespace_collapsed_except_in_pre)
{
	ck_assert_str_eq(render("whitespace", LANG_EN, NULL),
	    "<div>\n<p>one two\nthree</p> <b>x</b> <i>y</i>\n"
	    "<pre>\n  keep\n    this  </pre>\n\n</div>");
}
END_TEST

START_TEST(comments_are_not_written)
{
	ck_assert_ptr_null(strstr(render("whitespace", LANG_EN, NULL),
	    "<!--"));
	ck_assert_ptr_null(strstr(render("page", LANG_EN, page_view(1)),
	    "<!--"));
}
END_TEST

/* Directives */

START_TEST(if_and_unless_follow_truthiness)
{
	struct view	*v;
	static const char yes[] = "<ul><li>if</li></ul>";
	static const char no[] = "<ul><li>unless</li></ul>";

	ck_assert_str_eq(render("cond", LANG_EN, NULL), no);
	v = V(); SET_BOOL(v, "x", 1);
	ck_assert_str_eq(render("cond", LANG_EN, v), yes);
	v = V(); SET_BOOL(v, "x", 0);
	ck_assert_str_eq(render("cond", LANG_EN, v), no);
	v = V(); SET_STR(v, "x", "a");
	ck_assert_str_eq(render("cond", LANG_EN, v), yes);
	v = V(); SET_STR(v, "x", "");
	ck_assert_str_eq(render("cond", LANG_EN, v), no);
	v = V(); SET_INT(v, "x", -1);
	ck_assert_str_eq(render("cond", LANG_EN, v), yes);
	v = V(); SET_INT(v, "x", 0);
	ck_assert_str_eq(render("cond", LANG_EN, v), no);
	v = V(); ck_assert_int_eq(view_set_list(v, "x"), 0);
	ck_assert_str_eq(render("cond", LANG_EN, v), no);
	ck_assert_int_eq(view_list_append_str(v, "x", "a"), 0);
	ck_assert_str_eq(render("cond", LANG_EN, v), yes);
	v = V(); ck_assert_ptr_nonnull(view_set_map(v, "x"));
	ck_assert_str_eq(render("cond", LANG_EN, v), yes);
}
END_TEST

START_TEST(each_repeats_with_loop_values)
{
	struct view	*v = V(), *m;
	int		 i;

	for (i = 0; i < 3; i++) {
		ck_assert_ptr_nonnull(m = view_list_append(v, "items"));
		ck_assert_int_eq(view_set_strf(m, "name", "n%d", i), 0);
	}
	ck_assert_int_eq(view_list_append_str(v, "strings", "a"), 0);
	ck_assert_int_eq(view_list_append_str(v, "strings", "b"), 0);
	ck_assert_str_eq(render("loop", LANG_EN, v), "<ol>"
	    "<li data-index=\"0\" data-first>n0</li>"
	    "<li data-index=\"1\">n1</li>"
	    "<li data-index=\"2\" data-last>n2</li>"
	    "<li><span>1</span>:<b>a</b></li>"
	    "<li><span>2</span>:<b>b</b></li></ol>");
}
END_TEST

START_TEST(each_over_empty_or_missing_list_writes_nothing)
{
	struct view	*v = V();

	ck_assert_str_eq(render("loop", LANG_EN, NULL), "<ol></ol>");
	ck_assert_int_eq(view_set_list(v, "items"), 0);
	SET_STR(v, "strings", "not a list");
	ck_assert_str_eq(render("loop", LANG_EN, v), "<ol></ol>");
}
END_TEST

START_TEST(nested_loops_keep_their_own_items)
{
	struct view	*v = V(), *g, *m;
	int		 i, j;

	for (i = 0; i < 2; i++) {
		ck_assert_ptr_nonnull(g = view_list_append(v, "groups"));
		ck_assert_int_eq(view_set_strf(g, "name", "g%d", i), 0);
		for (j = 0; j < i + 1; j++) {
			ck_assert_ptr_nonnull(m = view_list_append(g,
			    "members"));
			ck_assert_int_eq(view_set_strf(m, "name", "m%d%d", i,
			    j), 0);
		}
	}
	ck_assert_str_eq(render("nested", LANG_EN, v), "<div>"
	    "<p><b>g0</b><i>m00</i></p>"
	    "<p><b>g1</b><i>m10</i><i>m11</i><u>end</u></p></div>");
}
END_TEST

START_TEST(omit_writes_children_without_tag)
{
	struct view	*v = V();

	ck_assert_str_eq(render("omit", LANG_EN, NULL),
	    "<div>always<a href=\"/x\">maybe</a></div>");
	SET_BOOL(v, "plain", 1);
	ck_assert_str_eq(render("omit", LANG_EN, v), "<div>alwaysmaybe</div>");
}
END_TEST

START_TEST(attr_booleans_integers_and_override)
{
	struct view	*v = V();

	SET_STR(v, "v", "dyn");
	SET_BOOL(v, "yes", 1);
	SET_BOOL(v, "no", 0);
	SET_INT(v, "n", -9223372036854775807LL - 1);
	ck_assert_str_eq(render("attrs", LANG_EN, v), "<form><input name=\"a\""
	    " value=\"dyn\" checked maxlength=\"-9223372036854775808\">"
	    "</form>");
}
END_TEST

START_TEST(attr_from_missing_value_is_omitted)
{
	ck_assert_str_eq(render("attrs", LANG_EN, NULL),
	    "<form><input name=\"a\"></form>");
}
END_TEST

START_TEST(text_of_integer_and_of_missing_value)
{
	struct view	*v = V();

	ck_assert_str_eq(render("xss_text", LANG_EN, NULL), "<p></p>");
	SET_INT(v, "v", 1234567);
	ck_assert_str_eq(render("xss_text", LANG_EN, v), "<p>1234567</p>");
	v = V();
	SET_BOOL(v, "v", 1);
	ck_assert_str_eq(render("xss_text", LANG_EN, v), "<p></p>");
}
END_TEST

START_TEST(layout_slot_default_kept_when_not_filled)
{
	const char	*out = render("layout", LANG_EN, page_view(0));

	ck_assert_ptr_nonnull(strstr(out, "<title>Portal</title>"));
	ck_assert_ptr_nonnull(strstr(out, "<main><p>Nothing here.</p></main>"));
}
END_TEST

START_TEST(include_replaces_the_element)
{
	const char	*out = render("layout", LANG_EN, page_view(0));

	ck_assert_ptr_null(strstr(out, "<nav"));
	ck_assert_ptr_nonnull(strstr(out, "<ul class=\"langs\""));
}
END_TEST

START_TEST(i18n_translates_text_and_attributes_per_language)
{
	static const struct mo_msg msgs[] = {
		{ "Hello", "Bonjour &amp; bienvenue" },
		{ "Name", "Nom &quot;complet&quot;" },
	};
	struct i18n	*cat = i18n_new();
	unsigned char	 mo[4096];
	struct tpl_set	*s;
	char		 err[512];

	ck_assert_ptr_nonnull(cat);
	ck_assert_int_eq(i18n_add_mo(cat, LANG_FR, mo, mo_build(mo,
	    sizeof(mo), msgs, 2), err, sizeof(err)), 0);
	s = tpl_load(TDIR, cat, err, sizeof(err));
	i18n_free(cat);
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_str_eq(render_set(s, "xss_i18n", LANG_FR, NULL, NULL),
	    "<div><p>Bonjour &amp; bienvenue</p><input name=\"n\" "
	    "placeholder=\"Nom &quot;complet&quot;\"></div>");
	ck_assert_str_eq(render_set(s, "xss_i18n", LANG_ES, NULL, NULL),
	    "<div><p>Hello</p><input name=\"n\" placeholder=\"Name\"></div>");
	tpl_free(s);
}
END_TEST

/* Rendering contract */

START_TEST(render_unknown_template_fails)
{
	int	 rc;

	ck_assert_ptr_null(render_set(set, "no_such", LANG_EN, NULL, &rc));
	ck_assert_int_eq(rc, -1);
	ck_assert_int_eq(tpl_has(set, "no_such"), 0);
	ck_assert_int_eq(tpl_has(set, "page"), 1);
}
END_TEST

struct counting {
	int	 calls;
	int	 fail_at;
};

static int
counting_write(void *cookie, const void *p, size_t len)
{
	struct counting	*c = cookie;

	(void)p;
	(void)len;
	return ++c->calls >= c->fail_at ? -1 : 0;
}

START_TEST(render_stops_at_first_failed_write)
{
	struct counting	 c = { 0, 5 };
	struct writer	 w = { counting_write, &c, 0, 0 };

	ck_assert_int_eq(tpl_render(set, "page", LANG_EN, page_view(1), &w),
	    -1);
	ck_assert_int_eq(c.calls, 5);
	ck_assert_int_eq(w.failed, 1);
}
END_TEST

START_TEST(render_into_too_small_buffer_fails)
{
	struct buf	 b;
	struct writer	 w;

	buf_init(&b, arena, 100);
	buf_writer(&b, &w);
	ck_assert_int_eq(tpl_render(set, "page", LANG_EN, page_view(1), &w),
	    -1);
	ck_assert_uint_le(b.len, 100);
}
END_TEST

START_TEST(render_counts_refused_urls)
{
	struct view	*v = V();
	int		 rc;

	SET_STR(v, "v", "javascript:alert(1)");
	ck_assert_str_eq(render_set(set, "xss_url", LANG_EN, v, &rc),
	    "<p><a href=\"#\">link</a></p>");
	ck_assert_int_eq(rc, 1);
	v = V();
	SET_STR(v, "v", "/en/states/FRA");
	ck_assert_str_eq(render_set(set, "xss_url", LANG_EN, v, &rc),
	    "<p><a href=\"/en/states/FRA\">link</a></p>");
	ck_assert_int_eq(rc, 0);
}
END_TEST

START_TEST(resource_urls_stay_on_our_origin)
{
	struct view	*v = V();
	int		 rc;

	SET_STR(v, "v", "https://tracker.example/pixel.png");
	ck_assert_str_eq(render_set(set, "xss_src", LANG_EN, v, &rc),
	    "<div><img alt=\"\" src=\"#\"><link rel=\"alternate\" "
	    "href=\"#\"></div>");
	ck_assert_int_eq(rc, 2);
	v = V();
	SET_STR(v, "v", "/static/map.png");
	ck_assert_str_eq(render_set(set, "xss_src", LANG_EN, v, &rc),
	    "<div><img alt=\"\" src=\"/static/map.png\"><link "
	    "rel=\"alternate\" href=\"/static/map.png\"></div>");
	ck_assert_int_eq(rc, 0);
}
END_TEST

START_TEST(url_local_rule_refuses_other_origins)
{
	static const char *const ok[] = { "/a.png", "./a", "?x", "#y" };
	static const char *const bad[] = { "http://x.example/a.png",
	    "https://x.example/", "//x.example/a", "javascript:x", "" };
	size_t	 i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		ck_assert_msg(tpl_url_local_ok(ok[i], strlen(ok[i])), "%s",
		    ok[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!tpl_url_local_ok(bad[i], strlen(bad[i])), "%s",
		    bad[i]);
}
END_TEST

START_TEST(url_rule_accepts_relative_and_http)
{
	static const char *const ok[] = { "/", "/en/submit", "/a?b=c#d",
	    "./x", "../x", ".", "?page=2", "#main", "http://example.org/",
	    "https://example.org/a?b", "/a b" };
	size_t	 i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		ck_assert_msg(tpl_url_ok(ok[i], strlen(ok[i])), "%s", ok[i]);
}
END_TEST

START_TEST(url_rule_refuses_schemes_and_tricks)
{
	static const char *const bad[] = { "", "javascript:alert(1)",
	    "JaVaScRiPt:alert(1)", " javascript:alert(1)",
	    "\tjavascript:alert(1)", "java\tscript:alert(1)",
	    "java\nscript:x", "\x01javascript:x", "data:text/html,<script>",
	    "vbscript:x", "//evil.example", "/\\evil.example", "/\t/evil",
	    "HTTP://example.org", "http:/x", "https:", "http://",
	    "mailto:a@b", "&#106;avascript:x", "ftp://x", "x", "a/b:c",
	    "\x7f/x", "/x\r" };
	size_t	 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!tpl_url_ok(bad[i], strlen(bad[i])), "%s",
		    bad[i]);
}
END_TEST

START_TEST(leading_newline_kept_in_textarea)
{
	struct view	*v = V();

	SET_STR(v, "v", "\nsecond line");
	ck_assert_ptr_nonnull(strstr(render("xss_rcdata", LANG_EN, v),
	    "<textarea name=\"x\">\n\nsecond line</textarea>"));
}
END_TEST

START_TEST(control_characters_become_replacement_character)
{
	struct view	*v = V();

	SET_STR(v, "v", "a\x01" "b\x1b" "c\x7f" "d\te\nf");
	ck_assert_str_eq(render("xss_text", LANG_EN, v),
	    "<p>a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd" "d\te\nf</p>");
}
END_TEST

/* XSS payloads through every path */

static const char *const xss[] = {
	"<script>alert(1)</script>",
	"\"><img src=x onerror=alert(1)>",
	"' onmouseover='x",
	"javascript:alert(1)",
	" JaVaScRiPt:alert(1)",
	"data:text/html,<script>alert(1)</script>",
	"&lt;script&gt;",
	"]]>",
	"<!--",
	"-->",
	("\xE2\x80\xAE" "gnp.exe"),
	"</textarea><script>alert(1)</script>",
	"</title><svg onload=alert(1)>",
	"\" onfocus=\"alert(1)\" autofocus=\"",
	"vbscript:msgbox(1)",
	"java\tscript:alert(1)",
	"\x01javascript:alert(1)",
	"//evil.example/",
	"/\\evil.example/",
	"&#106;avascript:alert(1)",
	"<![CDATA[<script>alert(1)</script>]]>",
	"{{constructor.constructor('alert(1)')()}}",
	"\xef\xbc\x9cscript\xef\xbc\x9e",
	"&amp;&quot;&#39;&#x3c;",
};
#define NXSS	(sizeof(xss) / sizeof(xss[0]))

/* The escaping the renderer must do, written again independently. */
static char *
esc(const char *s)
{
	char	*out = arena_alloc(arena, strlen(s) * 6 + 1), *o = out;

	ck_assert_ptr_nonnull(out);
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': o = stpcpy(o, "&amp;"); break;
		case '<': o = stpcpy(o, "&lt;"); break;
		case '>': o = stpcpy(o, "&gt;"); break;
		case '"': o = stpcpy(o, "&quot;"); break;
		case '\'': o = stpcpy(o, "&#39;"); break;
		default:
			if (((unsigned char)*s < 0x20 && *s != '\t' &&
			    *s != '\n' && *s != '\r') || *s == 0x7f)
				o = stpcpy(o, "\xef\xbf\xbd");
			else
				*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

/* What a browser shows for escaped s: s with controls replaced. */
static char *
shown(const char *s)
{
	char	*out = arena_alloc(arena, strlen(s) * 3 + 1), *o = out;

	ck_assert_ptr_nonnull(out);
	for (; *s != '\0'; s++)
		if (((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' &&
		    *s != '\r') || *s == 0x7f)
			o = stpcpy(o, "\xef\xbf\xbd");
		else
			*o++ = *s;
	*o = '\0';
	return out;
}

static char *
replace_all(const char *s, const char *what, const char *with)
{
	size_t	 n = 0, wl = strlen(what), tl = strlen(with);
	const char *p;
	char	*out, *o;

	for (p = s; (p = strstr(p, what)) != NULL; p += wl)
		n++;
	ck_assert_uint_gt(n, 0);
	out = arena_alloc(arena, strlen(s) + n * tl + 1);
	ck_assert_ptr_nonnull(out);
	for (o = out; (p = strstr(s, what)) != NULL; s = p + wl) {
		memcpy(o, s, (size_t)(p - s));
		o += p - s;
		memcpy(o, with, tl);
		o += tl;
	}
	strcpy(o, s);
	return out;
}

/*
 * The structure a browser-like parser sees: element and attribute names
 * in document order. Equal signatures: the data added no element and no
 * attribute. Also collects the text of, and attribute values on, the
 * element named probe.
 */
static void
signature(xmlNodePtr n, char *sig, size_t cap, const char *probe,
    const char *attr, char *seen, size_t seencap, int depth)
{
	xmlAttrPtr	 a;
	xmlChar		*c;

	ck_assert_int_lt(depth, 100);
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		strncat(sig, "<", cap - strlen(sig) - 1);
		strncat(sig, (const char *)n->name, cap - strlen(sig) - 1);
		for (a = n->properties; a != NULL; a = a->next) {
			strncat(sig, " ", cap - strlen(sig) - 1);
			strncat(sig, (const char *)a->name,
			    cap - strlen(sig) - 1);
			ck_assert_msg(strncasecmp((const char *)a->name, "on",
			    2) != 0, "event handler attribute appeared");
		}
		if (strcmp((const char *)n->name, probe) == 0 && seen[0] == 1) {
			c = attr == NULL ? xmlNodeGetContent(n) :
			    xmlGetProp(n, (const xmlChar *)attr);
			/* HTML5 drops a newline right after <textarea>. */
			snprintf(seen, seencap, "%s", c == NULL ? "(none)" :
			    (const char *)c + (attr == NULL && c[0] == '\n' &&
			    strcmp((const char *)n->name, "textarea") == 0));
			xmlFree(c);
		}
		signature(n->children, sig, cap, probe, attr, seen, seencap,
		    depth + 1);
	}
}

static void
parse_html(const char *html, char *sig, size_t cap, const char *probe,
    const char *attr, char *seen, size_t seencap)
{
	htmlDocPtr	 d;

	d = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	ck_assert_ptr_nonnull(d);
	sig[0] = '\0';
	seen[0] = 1;
	seen[1] = '\0';
	signature(xmlDocGetRootElement(d), sig, cap, probe, attr, seen,
	    seencap, 0);
	xmlFreeDoc(d);
}

typedef void	 fill_fn(struct view *, const char *);

/*
 * Render name with each payload put in place by fill, and check that
 * (1) the output is exactly the output for a harmless marker (a valid
 * relative URL for URL attributes) with the marker replaced by the escaped payload (or "#" for a URL attribute),
 * (2) an HTML parser sees the same elements and attributes as for the
 * marker, no event handler, and (3) it reads back the payload itself as
 * the text or attribute value of element probe. url: how many URL
 * attributes take the value (each refused and counted).
 */
static void
inert(const struct tpl_set *s, const char *name, fill_fn *fill,
    const char *probe, const char *attr, int url)
{
	static char	 sig0[8192], sig1[8192], seen[4096], seen0[64];
	const char	*marker = url ? "/MARKER" : "MARKER";
	struct view	*v;
	const char	*base, *out, *want;
	size_t		 i;
	int		 rc;

	v = V();
	fill(v, marker);
	ck_assert_ptr_nonnull(base = render_set(s, name, LANG_EN, v, NULL));
	parse_html(base, sig0, sizeof(sig0), probe, attr, seen0,
	    sizeof(seen0));
	for (i = 0; i < NXSS; i++) {
		v = V();
		fill(v, xss[i]);
		out = render_set(s, name, LANG_EN, v, &rc);
		ck_assert_ptr_nonnull(out);
		ck_assert_int_eq(rc, url);
		want = replace_all(base, marker, url ? "#" : esc(xss[i]));
		ck_assert_msg(strcmp(out, want) == 0, "%s: payload %zu:\n%s\n"
		    "want:\n%s", name, i, out, want);
		parse_html(out, sig1, sizeof(sig1), probe, attr, seen,
		    sizeof(seen));
		ck_assert_msg(strcmp(sig0, sig1) == 0, "%s: payload %zu "
		    "changed the structure:\n%s\n%s", name, i, sig0, sig1);
		ck_assert_str_eq(seen, url ? "#" : shown(xss[i]));
	}
}

static void
fill_v(struct view *v, const char *p)
{
	SET_STR(v, "v", p);
}

static void
fill_items(struct view *v, const char *p)
{
	struct view	*m;

	ck_assert_ptr_nonnull(m = view_list_append(v, "items"));
	SET_STR(m, "v", p);
}

START_TEST(xss_inert_in_text)
{
	inert(set, "xss_text", fill_v, "p", NULL, 0);
}
END_TEST

START_TEST(xss_inert_in_attribute)
{
	inert(set, "xss_attr", fill_v, "p", "title", 0);
}
END_TEST

START_TEST(xss_refused_in_url_attribute)
{
	inert(set, "xss_url", fill_v, "a", "href", 1);
}
END_TEST

START_TEST(xss_refused_in_resource_attribute)
{
	inert(set, "xss_src", fill_v, "img", "src", 2);
}
END_TEST

START_TEST(xss_inert_in_loop_item_text_and_attribute)
{
	inert(set, "xss_loop", fill_items, "li", NULL, 0);
	inert(set, "xss_loop", fill_items, "li", "title", 0);
}
END_TEST

START_TEST(xss_inert_through_include)
{
	inert(set, "xss_include", fill_v, "p", NULL, 0);
}
END_TEST

START_TEST(xss_inert_in_layout_slot)
{
	inert(set, "xss_slot", fill_v, "p", NULL, 0);
}
END_TEST

START_TEST(xss_inert_in_title_and_textarea)
{
	inert(set, "xss_rcdata", fill_v, "title", NULL, 0);
	inert(set, "xss_rcdata", fill_v, "textarea", NULL, 0);
}
END_TEST

/* Translations decode XML escapes, as in .po files; a test decoder. */
static char *
po_decode(const char *s)
{
	char	*out = arena_alloc(arena, strlen(s) + 1), *o = out;

	ck_assert_ptr_nonnull(out);
	while (*s != '\0') {
		if (strncmp(s, "&amp;", 5) == 0) { *o++ = '&'; s += 5; }
		else if (strncmp(s, "&lt;", 4) == 0) { *o++ = '<'; s += 4; }
		else if (strncmp(s, "&gt;", 4) == 0) { *o++ = '>'; s += 4; }
		else if (strncmp(s, "&quot;", 6) == 0) { *o++ = '"'; s += 6; }
		else if (strncmp(s, "&#39;", 5) == 0) { *o++ = '\''; s += 5; }
		else if (strncmp(s, "&#106;", 6) == 0) { *o++ = 'j'; s += 6; }
		else if (strncmp(s, "&#x3c;", 6) == 0) { *o++ = '<'; s += 6; }
		else *o++ = *s++;
	}
	*o = '\0';
	return out;
}

START_TEST(xss_inert_in_translated_text_and_attribute)
{
	static char	 sig0[4096], sig1[4096], seen[1024], seen0[64];
	struct tpl_set	*s;
	struct i18n	*cat;
	const char	*base, *out, *want;
	char		 err[512];
	size_t		 i;

	for (i = 0; i < NXSS; i++) {
		struct mo_msg	 m[2] = { { "Hello", "MARKER" },
		    { "Name", "MARKER" } };

		cat = catalog(m, 2);
		ck_assert_ptr_nonnull(s = tpl_load(TDIR, cat, err,
		    sizeof(err)));
		i18n_free(cat);
		base = render_set(s, "xss_i18n", LANG_RU, NULL, NULL);
		ck_assert_ptr_nonnull(base);
		tpl_free(s);
		parse_html(base, sig0, sizeof(sig0), "p", NULL, seen0,
		    sizeof(seen0));

		m[0].str = m[1].str = xss[i];
		cat = catalog(m, 2);
		ck_assert_ptr_nonnull(s = tpl_load(TDIR, cat, err,
		    sizeof(err)));
		i18n_free(cat);
		out = render_set(s, "xss_i18n", LANG_RU, NULL, NULL);
		ck_assert_ptr_nonnull(out);
		tpl_free(s);
		want = replace_all(base, "MARKER", esc(po_decode(xss[i])));
		ck_assert_msg(strcmp(out, want) == 0, "payload %zu:\n%s\n%s",
		    i, out, want);
		parse_html(out, sig1, sizeof(sig1), "input", "placeholder",
		    seen, sizeof(seen));
		ck_assert_str_eq(sig0, sig1);
		ck_assert_str_eq(seen, shown(po_decode(xss[i])));
	}
}
END_TEST

/* Load-time errors: each mistake, with file and line. */

static char	 tmpdir[64];
static char	 errbuf[1024];

static void
write_file(const char *name, const char *content)
{
	char	 path[256];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	fputs(content, f);
	fclose(f);
}

static void
rm_tmpdir(void)
{
	char	 cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Load a directory of (name, content) pairs; the error (NULL: it loaded). */
static const char *
load_files(const char *name, ...)
{
	struct tpl_set	*s;
	va_list		 ap;
	const char	*n, *c;

	strcpy(tmpdir, "/tmp/tpl_test.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	va_start(ap, name);
	for (n = name; n != NULL; n = va_arg(ap, const char *)) {
		c = va_arg(ap, const char *);
		write_file(n, c);
	}
	va_end(ap);
	errbuf[0] = '\0';
	s = tpl_load(tmpdir, NULL, errbuf, sizeof(errbuf));
	rm_tmpdir();
	if (s != NULL) {
		tpl_free(s);
		return NULL;
	}
	ck_assert_msg(errbuf[0] != '\0', "no error message");
	return errbuf;
}

/* The error names file:line and says why. */
static void
expect(const char *err, const char *file_line, const char *why)
{
	ck_assert_msg(err != NULL, "loaded, but should have failed with %s",
	    why);
	ck_assert_msg(strstr(err, file_line) != NULL, "want %s in: %s",
	    file_line, err);
	ck_assert_msg(strstr(err, why) != NULL, "want \"%s\" in: %s", why,
	    err);
}

#define ONE(src)	load_files("a.xhtml", src, NULL)

START_TEST(load_accepts_minimal_template)
{
	ck_assert_ptr_null(ONE("<p " NS ">ok</p>"));
}
END_TEST

START_TEST(load_error_malformed_xml)
{
	expect(ONE("<div " NS ">\n<p>\n</div>"), "a.xhtml:3:",
	    "mismatch");
}
END_TEST

START_TEST(load_error_unknown_directive)
{
	expect(ONE("<div " NS ">\n<p t:txt=\"x\">y</p></div>"), "a.xhtml:2:",
	    "unknown directive t:txt");
}
END_TEST

START_TEST(load_error_directive_element)
{
	expect(ONE("<div " NS ">\n<t:if>y</t:if></div>"), "a.xhtml:2:",
	    "directives are attributes");
}
END_TEST

START_TEST(load_error_element_outside_xhtml_namespace)
{
	expect(ONE("<div xmlns:t=\"urn:portal:template\">x</div>"),
	    "a.xhtml:1:", "not in the XHTML namespace");
}
END_TEST

START_TEST(load_error_unknown_include)
{
	expect(ONE("<div " NS ">\n\n<p t:include=\"nope\"/></div>"),
	    "a.xhtml:3:", "no template \"nope\"");
}
END_TEST

START_TEST(load_error_include_cycle)
{
	expect(load_files("a.xhtml", "<div " NS "><p t:include=\"b\"/></div>",
	    "b.xhtml", "<div " NS ">\n<p t:include=\"a\"/></div>", NULL),
	    ":2:", "include cycle");
}
END_TEST

START_TEST(load_error_include_loses_attributes)
{
	expect(ONE("<div " NS ">\n<p class=\"x\" t:include=\"a\"/></div>"),
	    "a.xhtml:2:", "attribute class would be lost");
}
END_TEST

START_TEST(load_error_unknown_layout)
{
	expect(ONE("<html " NS " t:layout=\"nope\">\n<p t:fill=\"x\"/></html>"),
	    "a.xhtml:1:", "no template \"nope\"");
}
END_TEST

START_TEST(load_error_fill_without_slot)
{
	expect(load_files("a.xhtml", "<html " NS " t:layout=\"l\">\n"
	    "<p t:fill=\"main\"/>\n<p t:fill=\"side\"/></html>",
	    "l.xhtml", "<html " NS "><body t:slot=\"main\"/></html>", NULL),
	    "a.xhtml:3:", "has no such t:slot");
}
END_TEST

START_TEST(load_error_fill_given_twice)
{
	expect(load_files("a.xhtml", "<html " NS " t:layout=\"l\">\n"
	    "<p t:fill=\"main\"/>\n<p t:fill=\"main\"/></html>",
	    "l.xhtml", "<html " NS "><body t:slot=\"main\"/></html>", NULL),
	    "a.xhtml:3:", "given twice");
}
END_TEST

START_TEST(load_error_content_outside_fill)
{
	expect(load_files("a.xhtml", "<html " NS " t:layout=\"l\">\n"
	    "<p>lost</p></html>",
	    "l.xhtml", "<html " NS "><body t:slot=\"main\"/></html>", NULL),
	    "a.xhtml:2:", "without t:fill");
}
END_TEST

START_TEST(load_error_fill_outside_page_root)
{
	expect(ONE("<div " NS ">\n<p t:fill=\"x\"/></div>"), "a.xhtml:2:",
	    "t:fill belongs");
}
END_TEST

START_TEST(load_error_layout_not_on_root)
{
	expect(ONE("<div " NS ">\n<p t:layout=\"a\"/></div>"), "a.xhtml:2:",
	    "t:layout belongs");
}
END_TEST

START_TEST(load_error_nested_layouts)
{
	expect(load_files("a.xhtml", "<html " NS " t:layout=\"l\">"
	    "<p t:fill=\"x\"/></html>",
	    "l.xhtml", "<html " NS " t:layout=\"m\"><p t:fill=\"x\"/></html>",
	    "m.xhtml", "<html " NS "><body t:slot=\"x\"/></html>", NULL),
	    "a.xhtml:1:", "layouts do not nest");
}
END_TEST

START_TEST(load_error_bad_path_syntax)
{
	expect(ONE("<div " NS ">\n<p t:text=\"a..b\"/></div>"), "a.xhtml:2:",
	    "bad path");
	expect(ONE("<div " NS ">\n<p t:text=\"a-b\"/></div>"), "a.xhtml:2:",
	    "bad path");
	expect(ONE("<div " NS ">\n<p t:if=\"\"/></div>"), "a.xhtml:2:",
	    "bad path");
}
END_TEST

START_TEST(load_error_loop_value_outside_loop)
{
	expect(ONE("<div " NS ">\n<p t:text=\"x@index\"/></div>"),
	    "a.xhtml:2:", "follow a loop variable");
	expect(ONE("<div " NS "><p t:each=\"x xs\">\n<b t:text=\"x@size\"/>"
	    "</p></div>"), "a.xhtml:2:", "unknown loop value");
}
END_TEST

START_TEST(load_error_bad_each)
{
	expect(ONE("<div " NS ">\n<p t:each=\"xs\"/></div>"), "a.xhtml:2:",
	    "item path");
	expect(ONE("<div " NS "><p t:each=\"x xs\">\n<b t:each=\"x x.ys\"/>"
	    "</p></div>"), "a.xhtml:2:", "already the variable");
}
END_TEST

START_TEST(load_error_style_and_handlers_from_data)
{
	expect(ONE("<div " NS ">\n<p t:attr=\"style s\"/></div>"),
	    "a.xhtml:2:", "style attributes cannot be filled from data");
	expect(ONE("<div " NS ">\n<p t:attr=\"onclick s\"/></div>"),
	    "a.xhtml:2:", "event handler attributes cannot");
	expect(ONE("<div " NS ">\n<p t:attr=\"OnMouseOver s\"/></div>"),
	    "a.xhtml:2:", "event handler attributes cannot");
}
END_TEST

START_TEST(load_error_other_attributes_refused_from_data)
{
	expect(ONE("<div " NS ">\n<iframe t:attr=\"srcdoc s\"/></div>"),
	    "a.xhtml:2:", "srcdoc");
	expect(ONE("<div " NS ">\n<img t:attr=\"srcset s\"/></div>"),
	    "a.xhtml:2:", "srcset");
	expect(ONE("<div " NS ">\n<meta http-equiv=\"refresh\" "
	    "t:attr=\"content s\"/></div>"), "a.xhtml:2:", "http-equiv");
	expect(ONE("<div " NS ">\n<script t:attr=\"src s\"/></div>"),
	    "a.xhtml:2:", "<script>");
	expect(ONE("<div " NS ">\n<p t:attr=\"xmlns s\"/></div>"),
	    "a.xhtml:2:", "xmlns");
}
END_TEST

START_TEST(load_error_static_style_and_handlers)
{
	expect(ONE("<div " NS ">\n<p onclick=\"x()\"/></div>"), "a.xhtml:2:",
	    "event handler attributes are not allowed");
	expect(ONE("<div " NS ">\n<p style=\"color:red\"/></div>"),
	    "a.xhtml:2:", "style attributes are not allowed");
}
END_TEST

START_TEST(load_error_inline_script_and_style_element)
{
	expect(ONE("<div " NS ">\n<script>alert(1)</script></div>"),
	    "a.xhtml:2:", "inline script");
	expect(ONE("<div " NS ">\n<script t:text=\"x\"/></div>"),
	    "a.xhtml:2:", "inline script");
	expect(ONE("<div " NS ">\n<style>p{}</style></div>"), "a.xhtml:2:",
	    "<style> is not allowed");
}
END_TEST

START_TEST(load_error_doctype_with_entities)
{
	expect(ONE("<!DOCTYPE html [<!ENTITY x \"boom\">]>\n<p " NS ">&x;</p>"),
	    "a.xhtml:1:", "internal subset");
}
END_TEST

START_TEST(load_error_external_entity_not_loaded)
{
	const char	*err = ONE("<!DOCTYPE html [<!ENTITY x SYSTEM "
	    "\"file:///etc/passwd\">]>\n<p " NS ">&x;</p>");

	expect(err, "a.xhtml:", "not allowed");
	ck_assert_ptr_null(strstr(err, "root:"));
}
END_TEST

START_TEST(load_error_doctype_with_identifiers)
{
	expect(ONE("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
	    "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n"
	    "<p " NS ">x</p>"), "a.xhtml:", "identifier");
}
END_TEST

START_TEST(load_error_undefined_entity)
{
	expect(ONE("<div " NS ">\n<p>a&nbsp;b</p></div>"), "a.xhtml:2:",
	    "nbsp");
}
END_TEST

START_TEST(load_error_processing_instruction)
{
	expect(ONE("<div " NS ">\n<?php echo 1; ?></div>"), "a.xhtml:2:",
	    "only elements, text and comments");
}
END_TEST

START_TEST(load_error_void_element_with_content)
{
	expect(ONE("<div " NS ">\n<br>x</br></div>"), "a.xhtml:2:",
	    "void element");
	expect(ONE("<div " NS ">\n<img t:text=\"x\"/></div>"), "a.xhtml:2:",
	    "void element");
}
END_TEST

START_TEST(load_error_text_and_i18n_together)
{
	expect(ONE("<div " NS ">\n<p t:text=\"x\" t:i18n=\"\">y</p></div>"),
	    "a.xhtml:2:", "both give the content");
}
END_TEST

START_TEST(load_error_i18n_with_markup_inside)
{
	expect(ONE("<div " NS ">\n<p t:i18n=\"\">a <b>b</b></p></div>"),
	    "a.xhtml:2:", "text only");
	expect(ONE("<div " NS ">\n<p t:i18n=\"\">  </p></div>"),
	    "a.xhtml:2:", "is empty");
}
END_TEST

START_TEST(load_error_i18n_attr_without_attribute)
{
	expect(ONE("<div " NS ">\n<p t:i18n-attr=\"title\"/></div>"),
	    "a.xhtml:2:", "no static attribute title");
}
END_TEST

START_TEST(load_error_static_lang_on_html)
{
	expect(ONE("<html " NS " lang=\"en\"><body/></html>"), "a.xhtml:1:",
	    "set from the render language");
}
END_TEST

START_TEST(load_error_html_not_root)
{
	expect(ONE("<div " NS ">\n<html/></div>"), "a.xhtml:2:",
	    "must be the root");
}
END_TEST

START_TEST(load_error_prefixed_attribute)
{
	expect(ONE("<div " NS ">\n<p xml:lang=\"fr\"/></div>"), "a.xhtml:2:",
	    "only unprefixed attributes");
}
END_TEST

START_TEST(load_error_nesting_deeper_than_limit)
{
	char	*src = arena_alloc(arena, 64 * 1024), *p = src;
	int	 i;

	p += sprintf(p, "<div %s>", NS);
	for (i = 0; i < 80; i++)
		p += sprintf(p, "\n<div>");
	for (i = 0; i < 80; i++)
		p += sprintf(p, "</div>");
	strcpy(p, "</div>");
	expect(ONE(src), "a.xhtml:", "TPL_MAX_DEPTH");
}
END_TEST

START_TEST(load_error_file_too_large)
{
	size_t	 n = 600 * 1024;
	char	*src = arena_alloc(arena, n + 1);

	ck_assert_ptr_nonnull(src);
	strcpy(src, "<p " NS ">");
	memset(src + strlen(src), 'x', n - strlen(src) - 4);
	strcpy(src + n - 4, "</p>");
	expect(ONE(src), "a.xhtml", "TPL_MAX_FILE_BYTES");
}
END_TEST

START_TEST(load_error_bad_file_name)
{
	expect(load_files("Bad Name.xhtml", "<p " NS "/>", NULL),
	    "Bad Name.xhtml", "[a-z0-9_-]+.xhtml");
}
END_TEST

START_TEST(load_error_missing_directory)
{
	struct tpl_set	*s = tpl_load("/nonexistent/templates", NULL, errbuf,
	    sizeof(errbuf));

	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(strstr(errbuf, "/nonexistent/templates"));
}
END_TEST

START_TEST(check_reports_every_bad_file)
{
	char	*report = NULL;
	size_t	 len = 0;
	FILE	*f;

	strcpy(tmpdir, "/tmp/tpl_check.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	write_file("good.xhtml", "<p " NS ">ok</p>");
	write_file("bad1.xhtml", "<p " NS ">\n<b t:nope=\"\"/></p>");
	write_file("bad2.xhtml", "<p " NS ">\n\n<b>");
	ck_assert_ptr_nonnull(f = open_memstream(&report, &len));
	ck_assert_int_eq(tpl_check(tmpdir, f), -1);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(report, "bad1.xhtml:2: unknown "
	    "directive t:nope"));
	ck_assert_ptr_nonnull(strstr(report, "bad2.xhtml:3: "));
	ck_assert_ptr_null(strstr(report, "good.xhtml"));
	free(report);
	rm_tmpdir();
}
END_TEST

START_TEST(check_passes_test_templates)
{
	ck_assert_int_eq(tpl_check(TDIR, stderr), 0);
}
END_TEST

static Suite *
tpl_suite(void)
{
	Suite	*s = suite_create("tpl");
	TCase	*out = tcase_create("output");
	TCase	*dir = tcase_create("directives");
	TCase	*xs = tcase_create("xss");
	TCase	*load = tcase_create("load");

	tcase_add_checked_fixture(out, setup, teardown);
	tcase_add_test(out, golden_page_en);
	tcase_add_test(out, golden_page_empty_view_en);
	tcase_add_test(out, golden_page_ar_translated);
	tcase_add_test(out, golden_table_of_100_rows);
	tcase_add_test(out, golden_void_and_empty_elements);
	tcase_add_test(out, void_elements_have_no_end_tag);
	tcase_add_test(out, empty_non_void_elements_have_end_tag);
	tcase_add_test(out, doctype_written_before_html_root);
	tcase_add_test(out, fragment_has_no_doctype);
	tcase_add_test(out, namespace_declarations_and_directives_not_written);
	tcase_add_test(out, html_lang_and_dir_from_render_language);
	tcase_add_test(out, html_lang_and_dir_from_view_with_t_attr);
	tcase_add_test(out, builtin_lang_and_dir_paths);
	tcase_add_test(out, whitespace_collapsed_except_in_pre);
	tcase_add_test(out, comments_are_not_written);
	tcase_add_test(out, render_unknown_template_fails);
	tcase_add_test(out, render_stops_at_first_failed_write);
	tcase_add_test(out, render_into_too_small_buffer_fails);
	tcase_add_test(out, render_counts_refused_urls);
	tcase_add_test(out, resource_urls_stay_on_our_origin);
	tcase_add_test(out, url_local_rule_refuses_other_origins);
	tcase_add_test(out, url_rule_accepts_relative_and_http);
	tcase_add_test(out, url_rule_refuses_schemes_and_tricks);
	tcase_add_test(out, leading_newline_kept_in_textarea);
	tcase_add_test(out, control_characters_become_replacement_character);
	suite_add_tcase(s, out);

	tcase_add_checked_fixture(dir, setup, teardown);
	tcase_add_test(dir, if_and_unless_follow_truthiness);
	tcase_add_test(dir, each_repeats_with_loop_values);
	tcase_add_test(dir, each_over_empty_or_missing_list_writes_nothing);
	tcase_add_test(dir, nested_loops_keep_their_own_items);
	tcase_add_test(dir, omit_writes_children_without_tag);
	tcase_add_test(dir, attr_booleans_integers_and_override);
	tcase_add_test(dir, attr_from_missing_value_is_omitted);
	tcase_add_test(dir, text_of_integer_and_of_missing_value);
	tcase_add_test(dir, layout_slot_default_kept_when_not_filled);
	tcase_add_test(dir, include_replaces_the_element);
	tcase_add_test(dir, i18n_translates_text_and_attributes_per_language);
	suite_add_tcase(s, dir);

	tcase_add_checked_fixture(xs, setup, teardown);
	tcase_set_timeout(xs, 60);
	tcase_add_test(xs, xss_inert_in_text);
	tcase_add_test(xs, xss_inert_in_attribute);
	tcase_add_test(xs, xss_refused_in_url_attribute);
	tcase_add_test(xs, xss_refused_in_resource_attribute);
	tcase_add_test(xs, xss_inert_in_loop_item_text_and_attribute);
	tcase_add_test(xs, xss_inert_through_include);
	tcase_add_test(xs, xss_inert_in_layout_slot);
	tcase_add_test(xs, xss_inert_in_title_and_textarea);
	tcase_add_test(xs, xss_inert_in_translated_text_and_attribute);
	suite_add_tcase(s, xs);

	tcase_add_checked_fixture(load, setup, teardown);
	tcase_add_test(load, load_accepts_minimal_template);
	tcase_add_test(load, load_error_malformed_xml);
	tcase_add_test(load, load_error_unknown_directive);
	tcase_add_test(load, load_error_directive_element);
	tcase_add_test(load, load_error_element_outside_xhtml_namespace);
	tcase_add_test(load, load_error_unknown_include);
	tcase_add_test(load, load_error_include_cycle);
	tcase_add_test(load, load_error_include_loses_attributes);
	tcase_add_test(load, load_error_unknown_layout);
	tcase_add_test(load, load_error_fill_without_slot);
	tcase_add_test(load, load_error_fill_given_twice);
	tcase_add_test(load, load_error_content_outside_fill);
	tcase_add_test(load, load_error_fill_outside_page_root);
	tcase_add_test(load, load_error_layout_not_on_root);
	tcase_add_test(load, load_error_nested_layouts);
	tcase_add_test(load, load_error_bad_path_syntax);
	tcase_add_test(load, load_error_loop_value_outside_loop);
	tcase_add_test(load, load_error_bad_each);
	tcase_add_test(load, load_error_style_and_handlers_from_data);
	tcase_add_test(load, load_error_other_attributes_refused_from_data);
	tcase_add_test(load, load_error_static_style_and_handlers);
	tcase_add_test(load, load_error_inline_script_and_style_element);
	tcase_add_test(load, load_error_doctype_with_entities);
	tcase_add_test(load, load_error_external_entity_not_loaded);
	tcase_add_test(load, load_error_doctype_with_identifiers);
	tcase_add_test(load, load_error_undefined_entity);
	tcase_add_test(load, load_error_processing_instruction);
	tcase_add_test(load, load_error_void_element_with_content);
	tcase_add_test(load, load_error_text_and_i18n_together);
	tcase_add_test(load, load_error_i18n_with_markup_inside);
	tcase_add_test(load, load_error_i18n_attr_without_attribute);
	tcase_add_test(load, load_error_static_lang_on_html);
	tcase_add_test(load, load_error_html_not_root);
	tcase_add_test(load, load_error_prefixed_attribute);
	tcase_add_test(load, load_error_nesting_deeper_than_limit);
	tcase_add_test(load, load_error_file_too_large);
	tcase_add_test(load, load_error_bad_file_name);
	tcase_add_test(load, load_error_missing_directory);
	tcase_add_test(load, check_reports_every_bad_file);
	tcase_add_test(load, check_passes_test_templates);
	suite_add_tcase(s, load);
	return s;
}

CHECK_MAIN(tpl_suite)
