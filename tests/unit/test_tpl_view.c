/* Views: the typed data a handler gives a template. */
#include <string.h>

#include "check_main.h"
#include "core/arena.h"
#include "view/view.h"

static struct arena	*a;
static struct view	*v;

static void
setup(void)
{
	ck_assert_ptr_nonnull(a = arena_new(1u << 20));
	ck_assert_ptr_nonnull(v = view_new(a));
}

static void
teardown(void)
{
	arena_free(a);
}

START_TEST(scalars_round_trip)
{
	long long	 n = 0;

	ck_assert_int_eq(view_set_str(v, "s", "text"), 0);
	ck_assert_int_eq(view_set_int(v, "n", -42), 0);
	ck_assert_int_eq(view_set_bool(v, "b", 7), 0);
	ck_assert_str_eq(view_get_str(v, "s"), "text");
	ck_assert_int_eq(view_get_int(v, "n", &n), 0);
	ck_assert_int_eq(n, -42);
	ck_assert_int_eq(view_truthy(v, "b"), 1);
}
END_TEST

START_TEST(string_pointer_is_kept_not_copied)
{
	static const char	 s[] = "static";

	ck_assert_int_eq(view_set_str(v, "s", s), 0);
	ck_assert_ptr_eq(view_get_str(v, "s"), s);
}
END_TEST

START_TEST(null_string_stored_as_empty)
{
	ck_assert_int_eq(view_set_str(v, "s", NULL), 0);
	ck_assert_str_eq(view_get_str(v, "s"), "");
	ck_assert_int_eq(view_truthy(v, "s"), 0);
}
END_TEST

START_TEST(setting_a_key_again_replaces_it)
{
	long long	 n = 0;

	ck_assert_int_eq(view_set_str(v, "k", "a"), 0);
	ck_assert_int_eq(view_set_int(v, "k", 5), 0);
	ck_assert_ptr_null(view_get_str(v, "k"));
	ck_assert_int_eq(view_get_int(v, "k", &n), 0);
	ck_assert_int_eq(n, 5);
}
END_TEST

START_TEST(keys_must_be_names)
{
	static const char *const bad[] = { "", "1a", "a.b", "a-b", "a b",
	    "@lang", "a@index", "\xc3\xa9" };
	size_t	 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(view_set_str(v, bad[i], "x"), -1);
		ck_assert_ptr_null(view_set_map(v, bad[i]));
		ck_assert_ptr_null(view_list_append(v, bad[i]));
	}
	ck_assert_int_eq(view_set_str(v, NULL, "x"), -1);
	ck_assert_int_eq(view_set_str(v, "_ok_1", "x"), 0);
}
END_TEST

START_TEST(strf_formats_into_the_arena)
{
	ck_assert_int_eq(view_set_strf(v, "u", "/%s/states/%s", "fr", "FRA"),
	    0);
	ck_assert_str_eq(view_get_str(v, "u"), "/fr/states/FRA");
}
END_TEST

START_TEST(dotted_paths_walk_maps)
{
	struct view	*m, *mm;

	ck_assert_ptr_nonnull(m = view_set_map(v, "state"));
	ck_assert_int_eq(view_set_str(m, "name", "France"), 0);
	ck_assert_ptr_nonnull(mm = view_set_map(m, "region"));
	ck_assert_int_eq(view_set_str(mm, "name", "Europe"), 0);
	ck_assert_str_eq(view_get_str(v, "state.name"), "France");
	ck_assert_str_eq(view_get_str(v, "state.region.name"), "Europe");
	ck_assert_ptr_null(view_get_str(v, "state.name.x"));
	ck_assert_ptr_null(view_get_str(v, "state.nope"));
	ck_assert_ptr_null(view_get_str(v, "state"));
}
END_TEST

START_TEST(list_append_creates_the_list)
{
	struct view	*m;

	ck_assert_int_eq(view_truthy(v, "rows"), 0);
	ck_assert_ptr_nonnull(m = view_list_append(v, "rows"));
	ck_assert_int_eq(view_set_str(m, "x", "1"), 0);
	ck_assert_int_eq(view_truthy(v, "rows"), 1);
	ck_assert_int_eq(view_list_append_str(v, "tags", "a"), 0);
	ck_assert_int_eq(view_truthy(v, "tags"), 1);
}
END_TEST

START_TEST(empty_list_is_false)
{
	ck_assert_int_eq(view_set_list(v, "rows"), 0);
	ck_assert_int_eq(view_truthy(v, "rows"), 0);
	ck_assert_int_eq(view_set_list(v, "rows"), 0);
}
END_TEST

START_TEST(append_to_a_non_list_fails)
{
	ck_assert_int_eq(view_set_str(v, "rows", "x"), 0);
	ck_assert_ptr_null(view_list_append(v, "rows"));
	ck_assert_int_eq(view_list_append_str(v, "rows", "y"), -1);
	ck_assert_int_eq(view_set_list(v, "rows"), -1);
	ck_assert_int_eq(view_set_bool(v, "flag", 0), 0);
	ck_assert_ptr_null(view_list_append(v, "flag"));
	ck_assert_str_eq(view_get_str(v, "rows"), "x");
}
END_TEST

START_TEST(truthiness_rules)
{
	ck_assert_int_eq(view_set_int(v, "zero", 0), 0);
	ck_assert_int_eq(view_set_int(v, "one", 1), 0);
	ck_assert_int_eq(view_set_str(v, "empty", ""), 0);
	ck_assert_int_eq(view_set_bool(v, "no", 0), 0);
	ck_assert_ptr_nonnull(view_set_map(v, "map"));
	ck_assert_int_eq(view_truthy(v, "zero"), 0);
	ck_assert_int_eq(view_truthy(v, "one"), 1);
	ck_assert_int_eq(view_truthy(v, "empty"), 0);
	ck_assert_int_eq(view_truthy(v, "no"), 0);
	ck_assert_int_eq(view_truthy(v, "map"), 1);
	ck_assert_int_eq(view_truthy(v, "missing"), 0);
	ck_assert_int_eq(view_truthy(NULL, "x"), 0);
}
END_TEST

START_TEST(exhausted_arena_fails_cleanly)
{
	struct arena	*small = arena_new(64 * 1024);
	struct view	*sv;
	int		 i, rc = 0;

	ck_assert_ptr_nonnull(small);
	ck_assert_ptr_nonnull(sv = view_new(small));
	for (i = 0; i < 100000 && rc == 0; i++)
		rc = view_list_append_str(sv, "l", "x");
	ck_assert_int_eq(rc, -1);
	ck_assert_ptr_null(view_list_append(sv, "l"));
	ck_assert_int_eq(view_set_strf(sv, "s", "%0*d", 100000, 1), -1);
	arena_free(small);
}
END_TEST

START_TEST(calls_on_null_view_fail)
{
	ck_assert_int_eq(view_set_str(NULL, "a", "b"), -1);
	ck_assert_int_eq(view_set_int(NULL, "a", 1), -1);
	ck_assert_int_eq(view_set_strf(NULL, "a", "x"), -1);
	ck_assert_ptr_null(view_set_map(NULL, "a"));
	ck_assert_ptr_null(view_list_append(NULL, "a"));
	ck_assert_ptr_null(view_get_str(NULL, "a"));
}
END_TEST

static Suite *
view_suite(void)
{
	Suite	*s = suite_create("view");
	TCase	*tc = tcase_create("view");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, scalars_round_trip);
	tcase_add_test(tc, string_pointer_is_kept_not_copied);
	tcase_add_test(tc, null_string_stored_as_empty);
	tcase_add_test(tc, setting_a_key_again_replaces_it);
	tcase_add_test(tc, keys_must_be_names);
	tcase_add_test(tc, strf_formats_into_the_arena);
	tcase_add_test(tc, dotted_paths_walk_maps);
	tcase_add_test(tc, list_append_creates_the_list);
	tcase_add_test(tc, empty_list_is_false);
	tcase_add_test(tc, append_to_a_non_list_fails);
	tcase_add_test(tc, truthiness_rules);
	tcase_add_test(tc, exhausted_arena_fails_cleanly);
	tcase_add_test(tc, calls_on_null_view_fail);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(view_suite)
