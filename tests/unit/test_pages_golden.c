/*
 * Golden files of real pages: the portal's own templates and catalogs
 * (templates/, build/mo/) rendered with the view a handler builds, in
 * every language, compared byte for byte with tests/unit/golden/pages/.
 * A change to a template or a translation shows up as a diff to review;
 * PAGES_UPDATE_GOLDEN=1 rewrites the files instead of comparing.
 *
 * Run from the repository root after `make` (which compiles build/mo).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "core/arena.h"
#include "core/writer.h"
#include "http/path.h"
#include "http/request.h"
#include "pages/common.h"
#include "view/i18n.h"
#include "view/lang.h"
#include "view/tpl.h"
#include "view/view.h"

#define GDIR	"tests/unit/golden/pages"

static struct tpl_set	*set;
static struct i18n	*cat;

static void
setup(void)
{
	char	 err[512];

	cat = i18n_load("build/mo", err, sizeof(err));
	ck_assert_msg(cat != NULL, "%s", err);
	set = tpl_load("templates", cat, err, sizeof(err));
	ck_assert_msg(set != NULL, "%s", err);
}

static void
teardown(void)
{
	tpl_free(set);
	i18n_free(cat);
}

static char *
slurp(const char *path)
{
	FILE	*f = fopen(path, "rb");
	long	 n;
	char	*s;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

/* The view page_view() makes for r, rendered with template name. */
static char *
render(struct arena *a, const char *name, enum lang l, const char *path)
{
	struct req	 r;
	struct buf	 b;
	struct writer	 w;
	struct view	*v;
	char		*canon;

	memset(&r, 0, sizeof(r));
	r.arena = a;
	r.lang = l;
	ck_assert_int_eq(path_canonical(a, path, strlen(path), &canon, &r.segs,
	    &r.nsegs), PATH_OK);
	r.path = canon;
	ck_assert_ptr_nonnull(v = page_view(&r));
	buf_init(&b, a, 1u << 20);
	buf_writer(&b, &w);
	ck_assert_int_ge(tpl_render(set, name, l, v, &w), 0);
	return b.data;
}

static void
golden(const char *file, const char *out)
{
	char	 path[256];
	char	*want;
	FILE	*f;

	snprintf(path, sizeof(path), GDIR "/%s", file);
	if (getenv("PAGES_UPDATE_GOLDEN") != NULL) {
		ck_assert_ptr_nonnull(f = fopen(path, "wb"));
		fputs(out, f);
		fclose(f);
		return;
	}
	if ((want = slurp(path)) == NULL)
		ck_abort_msg("%s missing (PAGES_UPDATE_GOLDEN=1 makes it)", path);
	ck_assert_msg(strcmp(out, want) == 0, "%s differs from the rendering",
	    path);
	free(want);
}

START_TEST(privacy_page_in_every_language_matches_its_golden_file)
{
	struct arena	*a = arena_new(8u << 20);
	char		 file[64], path[32];
	int		 l;

	for (l = 0; l < LANG__MAX; l++) {
		snprintf(path, sizeof(path), "/%s/privacy", lang_code[l]);
		snprintf(file, sizeof(file), "privacy.%s.html", lang_code[l]);
		golden(file, render(a, "privacy", (enum lang)l, path));
		arena_reset(a);
	}
	arena_free(a);
}
END_TEST

START_TEST(arabic_pages_are_right_to_left_and_others_not)
{
	struct arena	*a = arena_new(8u << 20);
	char		*out;

	out = render(a, "privacy", LANG_AR, "/ar/privacy");
	ck_assert_ptr_nonnull(strstr(out, "<html lang=\"ar\" dir=\"rtl\">"));
	out = render(a, "privacy", LANG_ZH, "/zh/privacy");
	ck_assert_ptr_nonnull(strstr(out, "<html lang=\"zh\" dir=\"ltr\">"));
	arena_free(a);
}
END_TEST

static Suite *
pages_golden_suite(void)
{
	Suite	*s = suite_create("pages_golden");
	TCase	*tc = tcase_create("pages_golden");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, privacy_page_in_every_language_matches_its_golden_file);
	tcase_add_test(tc, arabic_pages_are_right_to_left_and_others_not);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(pages_golden_suite)
