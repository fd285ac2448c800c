/*
 * Languages and translations: the language table, Accept-Language
 * negotiation, the .mo loader (valid catalogs from msgfmt and from a
 * writer of our own, and corrupted ones refused), and that the msgids
 * the template engine looks up are those xgettext extracts.
 *
 * Run from the repository root; needs GNU gettext's tools (msgfmt,
 * xgettext, msgen, msgfilter), which `make deps` installs.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "core/arena.h"
#include "core/writer.h"
#include "portal_limits.h"
#include "view/i18n.h"
#include "view/lang.h"
#include "view/tpl.h"

/* Languages */

START_TEST(lang_from_code_is_exact)
{
	enum lang	 l = LANG_EN;

	ck_assert_int_eq(lang_from_code("fr", 2, &l), 0);
	ck_assert_int_eq(l, LANG_FR);
	ck_assert_int_eq(lang_from_code("zh/x", 2, &l), 0);
	ck_assert_int_eq(l, LANG_ZH);
	ck_assert_int_eq(lang_from_code("FR", 2, &l), -1);
	ck_assert_int_eq(lang_from_code("f", 1, &l), -1);
	ck_assert_int_eq(lang_from_code("fra", 3, &l), -1);
	ck_assert_int_eq(lang_from_code("de", 2, &l), -1);
	ck_assert_int_eq(lang_from_code(NULL, 0, &l), -1);
	ck_assert_int_eq(l, LANG_ZH);
}
END_TEST

START_TEST(lang_tables_are_parallel)
{
	int	 i;
	enum lang l;

	for (i = 0; i < LANG__MAX; i++) {
		ck_assert_int_eq(lang_from_code(lang_code[i], 2, &l), 0);
		ck_assert_int_eq(l, i);
		ck_assert_str_eq(lang_dir[i], i == LANG_AR ? "rtl" : "ltr");
		ck_assert_uint_gt(strlen(lang_name[i]), 0);
	}
	ck_assert_str_eq(lang_name[LANG_FR], "Fran\u00e7ais");
	ck_assert_str_eq(lang_name[LANG_ZH], "\u4e2d\u6587");
}
END_TEST

START_TEST(negotiate_defaults_to_english)
{
	ck_assert_int_eq(lang_negotiate(NULL), LANG_EN);
	ck_assert_int_eq(lang_negotiate(""), LANG_EN);
	ck_assert_int_eq(lang_negotiate("de-DE, it;q=0.9"), LANG_EN);
	ck_assert_int_eq(lang_negotiate(";;;,,,=q"), LANG_EN);
}
END_TEST

START_TEST(negotiate_prefers_highest_q)
{
	ck_assert_int_eq(lang_negotiate("en;q=0.5, fr;q=0.8"), LANG_FR);
	ck_assert_int_eq(lang_negotiate("de, ru;q=0.7, ar;q=0.9"), LANG_AR);
	ck_assert_int_eq(lang_negotiate("es;q=0.001, zh;q=0.002"), LANG_ZH);
}
END_TEST

START_TEST(negotiate_tie_goes_to_first)
{
	ck_assert_int_eq(lang_negotiate("es, fr"), LANG_ES);
	ck_assert_int_eq(lang_negotiate("ru;q=0.5, ar;q=0.5"), LANG_RU);
}
END_TEST

START_TEST(negotiate_matches_primary_subtag_any_case)
{
	ck_assert_int_eq(lang_negotiate("ZH-Hant-TW"), LANG_ZH);
	ck_assert_int_eq(lang_negotiate("fr-CH, fr;q=0.9"), LANG_FR);
	ck_assert_int_eq(lang_negotiate("Es-419"), LANG_ES);
	ck_assert_int_eq(lang_negotiate("frx, f, ara"), LANG_EN);
}
END_TEST

START_TEST(negotiate_q_zero_excludes)
{
	ck_assert_int_eq(lang_negotiate("fr;q=0, ru;q=0.1"), LANG_RU);
	ck_assert_int_eq(lang_negotiate("fr;q=0"), LANG_EN);
	ck_assert_int_eq(lang_negotiate("*, en;q=0"), LANG_AR);
}
END_TEST

START_TEST(negotiate_skips_malformed_ranges)
{
	ck_assert_int_eq(lang_negotiate("fr;q=2, es;q=0.5"), LANG_ES);
	ck_assert_int_eq(lang_negotiate("fr;q=0.1234, ru;q=0.1"), LANG_RU);
	ck_assert_int_eq(lang_negotiate("fr;q=abc, ru;q=0.1"), LANG_RU);
	ck_assert_int_eq(lang_negotiate("fr;q=1.001, ru;q=0.1"), LANG_RU);
	ck_assert_int_eq(lang_negotiate("fr;q=, ru;q=0.1"), LANG_RU);
	ck_assert_int_eq(lang_negotiate("fr x, ru;q=0.1"), LANG_RU);
}
END_TEST

START_TEST(negotiate_allows_spaces_and_other_parameters)
{
	ck_assert_int_eq(lang_negotiate(" fr ; q=0.9 ,\tar;level=1;q=0.95 "),
	    LANG_AR);
	ck_assert_int_eq(lang_negotiate("fr;Q=0.9, ar;q=0.8"), LANG_FR);
}
END_TEST

START_TEST(negotiate_star_stands_for_unnamed_languages)
{
	ck_assert_int_eq(lang_negotiate("*"), LANG_EN);
	ck_assert_int_eq(lang_negotiate("*, fr;q=0.5"), LANG_EN);
	ck_assert_int_eq(lang_negotiate("fr;q=0.5, *;q=0.1"), LANG_FR);
}
END_TEST

START_TEST(negotiate_bounded_on_hostile_input)
{
	size_t	 n = 4u << 20, i;
	char	*h = malloc(n + 16);

	ck_assert_ptr_nonnull(h);
	for (i = 0; i < n; i += 4)
		memcpy(h + i, "a-b,", 4);
	strcpy(h + n, "fr");
	/* "fr" is past HEADER_MAX_BYTES: never read. */
	ck_assert_int_eq(lang_negotiate(h), LANG_EN);
	memset(h, ';', n);
	ck_assert_int_eq(lang_negotiate(h), LANG_EN);
	memset(h, 'q', n);
	ck_assert_int_eq(lang_negotiate(h), LANG_EN);
	for (i = 0; i + 8 < n; i += 8)
		memcpy(h + i, "ru;q=0, ", 8);
	h[i] = '\0';
	ck_assert_int_eq(lang_negotiate(h), LANG_EN);
	free(h);
}
END_TEST

/* .mo files, written here independently of the loader */

struct mo_msg {
	const char	*id;
	size_t		 idlen;		/* 0: strlen */
	const char	*str;
	size_t		 strlen;
};

static void
put32(unsigned char *p, uint32_t v, int big)
{
	if (big) {
		p[0] = (unsigned char)(v >> 24);
		p[1] = (unsigned char)(v >> 16);
		p[2] = (unsigned char)(v >> 8);
		p[3] = (unsigned char)v;
	} else {
		p[0] = (unsigned char)v;
		p[1] = (unsigned char)(v >> 8);
		p[2] = (unsigned char)(v >> 16);
		p[3] = (unsigned char)(v >> 24);
	}
}

static unsigned char	 mo[1u << 16];

#define HDR	"Content-Type: text/plain; charset=UTF-8\n"

/* A .mo of msgs (the first should be the header); its length. */
static size_t
mo_build(const struct mo_msg *m, size_t n, int big)
{
	size_t	 i, at = 28 + 16 * n, len;

	memset(mo, 0, sizeof(mo));
	put32(mo, 0x950412de, big);
	put32(mo + 8, (uint32_t)n, big);
	put32(mo + 12, 28, big);
	put32(mo + 16, (uint32_t)(28 + 8 * n), big);
	for (i = 0; i < n; i++) {
		len = m[i].idlen ? m[i].idlen : strlen(m[i].id);
		put32(mo + 28 + 8 * i, (uint32_t)len, big);
		put32(mo + 28 + 8 * i + 4, (uint32_t)at, big);
		memcpy(mo + at, m[i].id, len);
		at += len + 1;
		len = m[i].strlen ? m[i].strlen : strlen(m[i].str);
		put32(mo + 28 + 8 * n + 8 * i, (uint32_t)len, big);
		put32(mo + 28 + 8 * n + 8 * i + 4, (uint32_t)at, big);
		memcpy(mo + at, m[i].str, len);
		at += len + 1;
	}
	return at;
}

static const struct mo_msg good[] = {
	{ "", 0, HDR, 0 },
	{ "Hello", 0, "Bonjour", 0 },
	{ "Send", 0, "Envoyer", 0 },
	{ "Untranslated", 0, "", 0 },
	{ "file\0files", 10, "fichier\0fichiers", 16 },
};
#define NGOOD	(sizeof(good) / sizeof(good[0]))

static struct i18n	*cat;
static char		 err[512];

static void
setup(void)
{
	ck_assert_ptr_nonnull(cat = i18n_new());
	err[0] = '\0';
}

static void
teardown(void)
{
	i18n_free(cat);
}

static int
add(size_t len)
{
	return i18n_add_mo(cat, LANG_FR, mo, len, err, sizeof(err));
}

START_TEST(mo_lookup_finds_translations)
{
	ck_assert_int_eq(add(mo_build(good, NGOOD, 0)), 0);
	ck_assert_str_eq(i18n_get(cat, LANG_FR, "Hello"), "Bonjour");
	ck_assert_str_eq(i18n_get(cat, LANG_FR, "Send"), "Envoyer");
	ck_assert_uint_eq(i18n_count(cat, LANG_FR), 3);
}
END_TEST

START_TEST(mo_missing_message_answers_msgid)
{
	const char	*id = "Not in the catalog";

	ck_assert_int_eq(add(mo_build(good, NGOOD, 0)), 0);
	ck_assert_ptr_eq(i18n_get(cat, LANG_FR, id), id);
	ck_assert_str_eq(i18n_get(cat, LANG_RU, "Hello"), "Hello");
	ck_assert_ptr_eq(i18n_get(NULL, LANG_FR, id), id);
}
END_TEST

START_TEST(mo_empty_translation_answers_msgid)
{
	ck_assert_int_eq(add(mo_build(good, NGOOD, 0)), 0);
	ck_assert_str_eq(i18n_get(cat, LANG_FR, "Untranslated"),
	    "Untranslated");
}
END_TEST

START_TEST(mo_header_never_returned_for_empty_msgid)
{
	ck_assert_int_eq(add(mo_build(good, NGOOD, 0)), 0);
	ck_assert_str_eq(i18n_get(cat, LANG_FR, ""), "");
}
END_TEST

START_TEST(mo_plural_entry_answers_singular_with_first_form)
{
	ck_assert_int_eq(add(mo_build(good, NGOOD, 0)), 0);
	ck_assert_str_eq(i18n_get(cat, LANG_FR, "file"), "fichier");
	ck_assert_str_eq(i18n_get(cat, LANG_FR, "files"), "files");
}
END_TEST

START_TEST(mo_big_endian_accepted)
{
	ck_assert_int_eq(add(mo_build(good, NGOOD, 1)), 0);
	ck_assert_str_eq(i18n_get(cat, LANG_FR, "Hello"), "Bonjour");
}
END_TEST

START_TEST(mo_unsorted_entries_accepted)
{
	static const struct mo_msg m[] = {
		{ "b", 0, "B", 0 }, { "", 0, HDR, 0 }, { "a", 0, "A", 0 },
	};

	ck_assert_int_eq(add(mo_build(m, 3, 0)), 0);
	ck_assert_str_eq(i18n_get(cat, LANG_FR, "a"), "A");
	ck_assert_str_eq(i18n_get(cat, LANG_FR, "b"), "B");
}
END_TEST

static void
refused(size_t len, const char *why)
{
	ck_assert_int_eq(add(len), -1);
	ck_assert_msg(strstr(err, why) != NULL, "want \"%s\" in \"%s\"", why,
	    err);
}

START_TEST(mo_bad_magic_refused)
{
	size_t	 len = mo_build(good, NGOOD, 0);

	mo[0] ^= 0xff;
	refused(len, "magic");
}
END_TEST

START_TEST(mo_unknown_major_revision_refused)
{
	size_t	 len = mo_build(good, NGOOD, 0);

	put32(mo + 4, 1u << 16, 0);
	refused(len, "revision");
}
END_TEST

START_TEST(mo_truncated_header_refused)
{
	mo_build(good, NGOOD, 0);
	refused(27, "too short");
	refused(0, "too short");
}
END_TEST

START_TEST(mo_table_past_end_refused)
{
	size_t	 len = mo_build(good, NGOOD, 0);

	put32(mo + 16, (uint32_t)len - 8, 0);
	refused(len, "past the end");
	mo_build(good, NGOOD, 0);
	put32(mo + 8, 0x7fffffff, 0);
	refused(len, "past the end");
}
END_TEST

START_TEST(mo_string_past_end_refused)
{
	size_t	 len = mo_build(good, NGOOD, 0);

	put32(mo + 28 + 8 + 4, (uint32_t)len, 0);	/* offset of msgid 1 */
	refused(len, "out of bounds");
}
END_TEST

START_TEST(mo_string_length_wrapping_refused)
{
	size_t	 len = mo_build(good, NGOOD, 0);

	put32(mo + 28 + 8, 0xffffffffu, 0);		/* length of msgid 1 */
	refused(len, "out of bounds");
	mo_build(good, NGOOD, 0);
	put32(mo + 28 + 8, 2, 0);
	put32(mo + 28 + 8 + 4, 0xffffffffu, 0);
	refused(len, "out of bounds");
}
END_TEST

START_TEST(mo_unterminated_string_refused)
{
	size_t	 len = mo_build(good, NGOOD, 0);

	put32(mo + 28 + 8, 3, 0);	/* "Hel" is not followed by NUL */
	refused(len, "unterminated");
}
END_TEST

START_TEST(mo_invalid_utf8_refused)
{
	static const struct mo_msg m[][2] = {
		{ { "", 0, HDR, 0 }, { "a", 0, "\xc3\x28", 0 } },
		{ { "", 0, HDR, 0 }, { "a", 0, "\xc0\xaf", 0 } },	/* overlong */
		{ { "", 0, HDR, 0 }, { "a", 0, "\xed\xa0\x80", 0 } },	/* surrogate */
		{ { "", 0, HDR, 0 }, { "a", 0, "\xf4\x90\x80\x80", 0 } },
		{ { "", 0, HDR, 0 }, { "\xff", 0, "x", 0 } },
	};
	size_t	 i;

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		refused(mo_build(m[i], 2, 0), "UTF-8");
}
END_TEST

START_TEST(mo_other_charset_refused)
{
	static const struct mo_msg m[] = {
		{ "", 0, "Content-Type: text/plain; charset=ISO-8859-1\n", 0 },
		{ "a", 0, "b", 0 },
	};

	refused(mo_build(m, 2, 0), "charset=UTF-8");
}
END_TEST

START_TEST(mo_without_header_refused)
{
	refused(mo_build(good + 1, NGOOD - 1, 0), "charset=UTF-8");
}
END_TEST

START_TEST(mo_duplicate_msgid_refused)
{
	static const struct mo_msg m[] = {
		{ "", 0, HDR, 0 }, { "a", 0, "b", 0 }, { "a", 0, "c", 0 },
	};

	refused(mo_build(m, 3, 0), "duplicate");
}
END_TEST

START_TEST(mo_over_size_limit_refused)
{
	unsigned char	*big = calloc(1, I18N_MAX_FILE_BYTES + 1);

	ck_assert_ptr_nonnull(big);
	memcpy(big, mo, mo_build(good, NGOOD, 0));
	ck_assert_int_eq(i18n_add_mo(cat, LANG_FR, big,
	    I18N_MAX_FILE_BYTES + 1, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "I18N_MAX_FILE_BYTES"));
	free(big);
}
END_TEST

START_TEST(mo_failed_add_keeps_previous_catalog)
{
	size_t	 len;

	ck_assert_int_eq(add(mo_build(good, NGOOD, 0)), 0);
	len = mo_build(good, NGOOD, 0);
	mo[0] = 0;
	ck_assert_int_eq(add(len), -1);
	ck_assert_str_eq(i18n_get(cat, LANG_FR, "Hello"), "Bonjour");
}
END_TEST

START_TEST(mo_every_truncation_refused_or_safe)
{
	size_t	 len = mo_build(good, NGOOD, 0), n;
	unsigned char *copy;

	/* Under ASan: no read past any truncated image. */
	for (n = 0; n < len; n++) {
		ck_assert_ptr_nonnull(copy = malloc(n ? n : 1));
		memcpy(copy, mo, n);
		ck_assert_int_eq(i18n_add_mo(cat, LANG_ES, copy, n, err,
		    sizeof(err)), -1);
		free(copy);
	}
}
END_TEST

/* Files and the gettext tools */

static char	 tmp[64];

static void
mktmp(void)
{
	strcpy(tmp, "/tmp/i18n_test.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void
rmtmp(void)
{
	char	 cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	ck_assert_int_eq(system(cmd), 0);
}

static void
sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
sh(const char *fmt, ...)
{
	char	 cmd[2048];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	ck_assert_msg(system(cmd) == 0, "failed: %s", cmd);
}

static void
write_tmp(const char *name, const void *p, size_t len)
{
	char	 path[128];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", tmp, name);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	ck_assert_uint_eq(fwrite(p, 1, len, f), len);
	fclose(f);
}

START_TEST(load_reads_catalog_made_by_msgfmt)
{
	static const char po[] =
	    "msgid \"\"\nmsgstr \"\"\n"
	    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	    "\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"\n\n"
	    "msgid \"Submit\"\nmsgstr \"Soumettre\"\n\n"
	    "msgid \"Summary &amp; details\"\n"
	    "msgstr \"R\u00e9sum\u00e9 &amp; d\u00e9tails\"\n\n"
	    "msgid \"one file\"\nmsgid_plural \"%d files\"\n"
	    "msgstr[0] \"un fichier\"\nmsgstr[1] \"%d fichiers\"\n\n"
	    "#, fuzzy\nmsgid \"Draft\"\nmsgstr \"Brouillon\"\n";
	struct i18n	*c;

	mktmp();
	write_tmp("fr.po", po, sizeof(po) - 1);
	sh("msgfmt --check-format -o '%s/fr.mo' '%s/fr.po'", tmp, tmp);
	c = i18n_load(tmp, err, sizeof(err));
	rmtmp();
	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_str_eq(i18n_get(c, LANG_FR, "Submit"), "Soumettre");
	ck_assert_str_eq(i18n_get(c, LANG_FR, "Summary &amp; details"),
	    "R\u00e9sum\u00e9 &amp; d\u00e9tails");
	ck_assert_str_eq(i18n_get(c, LANG_FR, "one file"), "un fichier");
	/* msgfmt leaves fuzzy entries out. */
	ck_assert_str_eq(i18n_get(c, LANG_FR, "Draft"), "Draft");
	ck_assert_uint_eq(i18n_count(c, LANG_AR), 0);
	ck_assert_str_eq(i18n_get(c, LANG_AR, "Submit"), "Submit");
	i18n_free(c);
}
END_TEST

START_TEST(load_without_files_translates_nothing)
{
	struct i18n	*c;
	int		 l;

	mktmp();
	c = i18n_load(tmp, err, sizeof(err));
	rmtmp();
	ck_assert_ptr_nonnull(c);
	for (l = 0; l < LANG__MAX; l++)
		ck_assert_uint_eq(i18n_count(c, (enum lang)l), 0);
	i18n_free(c);
}
END_TEST

START_TEST(load_refuses_corrupt_file_naming_it)
{
	struct i18n	*c;

	mktmp();
	write_tmp("ru.mo", "\xde\x12\x04\x95garbage, not a catalog", 26);
	c = i18n_load(tmp, err, sizeof(err));
	rmtmp();
	ck_assert_ptr_null(c);
	ck_assert_ptr_nonnull(strstr(err, "ru.mo"));
}
END_TEST

START_TEST(load_refuses_oversized_file)
{
	struct i18n	*c;
	char		 path[128];
	FILE		*f;

	mktmp();
	snprintf(path, sizeof(path), "%s/zh.mo", tmp);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	ck_assert_int_eq(fseek(f, I18N_MAX_FILE_BYTES, SEEK_SET), 0);
	fputc(0, f);
	fclose(f);
	c = i18n_load(tmp, err, sizeof(err));
	rmtmp();
	ck_assert_ptr_null(c);
	ck_assert_ptr_nonnull(strstr(err, "I18N_MAX_FILE_BYTES"));
}
END_TEST

/*
 * The engine's msgids are xgettext's: extract the test templates with
 * templates/po/portal.its, translate every message to "FR:" + msgid with
 * the gettext tools, and check every t:i18n spot came out translated.
 */
START_TEST(template_msgids_match_xgettext)
{
	struct tpl_set	*s;
	struct i18n	*c;
	struct arena	*a;
	struct buf	 b;
	struct writer	 w;
	const char	*p;
	int		 n = 0;

	mktmp();
	sh("xgettext --its=templates/po/portal.its --force-po -o - "
	    "tests/unit/templates/*.xhtml | "
	    "sed 's/charset=CHARSET/charset=UTF-8/' > '%s/t.pot'", tmp);
	sh("msgen -o '%s/en.po' '%s/t.pot'", tmp, tmp);
	sh("msgfilter --keep-header -i '%s/en.po' -o '%s/fr.po' "
	    "sed -e 's/^/FR:/'", tmp, tmp);
	sh("msgfmt -o '%s/fr.mo' '%s/fr.po'", tmp, tmp);
	c = i18n_load(tmp, err, sizeof(err));
	rmtmp();
	ck_assert_msg(c != NULL, "%s", err);
	s = tpl_load("tests/unit/templates", c, err, sizeof(err));
	i18n_free(c);
	ck_assert_msg(s != NULL, "%s", err);
	ck_assert_ptr_nonnull(a = arena_new(1u << 20));
	buf_init(&b, a, 1u << 20);
	buf_writer(&b, &w);
	ck_assert_int_eq(tpl_render(s, "i18n_tricky", LANG_FR, NULL, &w), 0);
	for (p = b.data; (p = strstr(p, "FR:")) != NULL; p++)
		n++;
	ck_assert_msg(n == 5, "%d of 5 translated:\n%s", n, b.data);
	ck_assert_ptr_nonnull(strstr(b.data, "<p>FR:Several lines of text "
	    "&amp; an &lt;escaped&gt; &quot;quote&quot; and &#39;apostrophe"
	    "&#39;</p>"));
	ck_assert_ptr_nonnull(strstr(b.data, "placeholder=\"FR:Spaced "
	    "&quot;value&quot; &amp; &lt;more&gt;\""));
	ck_assert_ptr_nonnull(strstr(b.data, "title=\"FR:Tab inside\""));
	ck_assert_ptr_nonnull(strstr(b.data, "<p>FR:Kept &lt;as&gt; text</p>"));
	tpl_free(s);
	arena_free(a);
}
END_TEST

START_TEST(msgid_with_no_break_space_refused_at_load)
{
	static const char src[] = "<p xmlns=\"http://www.w3.org/1999/xhtml\" "
	    "xmlns:t=\"urn:portal:template\" t:i18n=\"\">a\u00a0b</p>";
	struct tpl_set	*s;

	mktmp();
	write_tmp("a.xhtml", src, sizeof(src) - 1);
	s = tpl_load(tmp, NULL, err, sizeof(err));
	rmtmp();
	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(strstr(err, "U+00A0"));
}
END_TEST

static Suite *
i18n_suite(void)
{
	Suite	*s = suite_create("i18n");
	TCase	*lang = tcase_create("lang");
	TCase	*mo_ = tcase_create("mo");
	TCase	*files = tcase_create("files");

	tcase_add_test(lang, lang_from_code_is_exact);
	tcase_add_test(lang, lang_tables_are_parallel);
	tcase_add_test(lang, negotiate_defaults_to_english);
	tcase_add_test(lang, negotiate_prefers_highest_q);
	tcase_add_test(lang, negotiate_tie_goes_to_first);
	tcase_add_test(lang, negotiate_matches_primary_subtag_any_case);
	tcase_add_test(lang, negotiate_q_zero_excludes);
	tcase_add_test(lang, negotiate_skips_malformed_ranges);
	tcase_add_test(lang, negotiate_allows_spaces_and_other_parameters);
	tcase_add_test(lang, negotiate_star_stands_for_unnamed_languages);
	tcase_add_test(lang, negotiate_bounded_on_hostile_input);
	suite_add_tcase(s, lang);

	tcase_add_checked_fixture(mo_, setup, teardown);
	tcase_add_test(mo_, mo_lookup_finds_translations);
	tcase_add_test(mo_, mo_missing_message_answers_msgid);
	tcase_add_test(mo_, mo_empty_translation_answers_msgid);
	tcase_add_test(mo_, mo_header_never_returned_for_empty_msgid);
	tcase_add_test(mo_, mo_plural_entry_answers_singular_with_first_form);
	tcase_add_test(mo_, mo_big_endian_accepted);
	tcase_add_test(mo_, mo_unsorted_entries_accepted);
	tcase_add_test(mo_, mo_bad_magic_refused);
	tcase_add_test(mo_, mo_unknown_major_revision_refused);
	tcase_add_test(mo_, mo_truncated_header_refused);
	tcase_add_test(mo_, mo_table_past_end_refused);
	tcase_add_test(mo_, mo_string_past_end_refused);
	tcase_add_test(mo_, mo_string_length_wrapping_refused);
	tcase_add_test(mo_, mo_unterminated_string_refused);
	tcase_add_test(mo_, mo_invalid_utf8_refused);
	tcase_add_test(mo_, mo_other_charset_refused);
	tcase_add_test(mo_, mo_without_header_refused);
	tcase_add_test(mo_, mo_duplicate_msgid_refused);
	tcase_add_test(mo_, mo_over_size_limit_refused);
	tcase_add_test(mo_, mo_failed_add_keeps_previous_catalog);
	tcase_add_test(mo_, mo_every_truncation_refused_or_safe);
	suite_add_tcase(s, mo_);

	tcase_add_checked_fixture(files, setup, teardown);
	tcase_set_timeout(files, 30);
	tcase_add_test(files, load_reads_catalog_made_by_msgfmt);
	tcase_add_test(files, load_without_files_translates_nothing);
	tcase_add_test(files, load_refuses_corrupt_file_naming_it);
	tcase_add_test(files, load_refuses_oversized_file);
	tcase_add_test(files, template_msgids_match_xgettext);
	tcase_add_test(files, msgid_with_no_break_space_refused_at_load);
	suite_add_tcase(s, files);
	return s;
}

CHECK_MAIN(i18n_suite)
