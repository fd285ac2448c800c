/* The canonical request path: one spelling per route, nothing above /. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "core/arena.h"
#include "http/path.h"
#include "portal_limits.h"

static struct arena	*a;
static char		*out;
static const char	**segv;
static size_t		 nseg;

static void
setup(void)
{
	a = arena_new(1u << 20);
	ck_assert_ptr_nonnull(a);
	out = NULL;
	segv = NULL;
	nseg = 0;
}

static void
teardown(void)
{
	arena_free(a);
}

static enum path_err
canon(const char *raw)
{
	return path_canonical(a, raw, strlen(raw), &out, &segv, &nseg);
}

/* raw canonicalises to want. */
static void
same(const char *raw, const char *want)
{
	ck_assert_int_eq(canon(raw), PATH_OK);
	ck_assert_str_eq(out, want);
}

START_TEST(root_is_itself_with_no_segments)
{
	same("/", "/");
	ck_assert_uint_eq(nseg, 0);
	ck_assert_ptr_nonnull(segv);
	ck_assert_ptr_null(segv[0]);
}
END_TEST

START_TEST(segments_are_split_and_terminated)
{
	same("/submissions/42/edit", "/submissions/42/edit");
	ck_assert_uint_eq(nseg, 3);
	ck_assert_str_eq(segv[0], "submissions");
	ck_assert_str_eq(segv[1], "42");
	ck_assert_str_eq(segv[2], "edit");
	ck_assert_ptr_null(segv[3]);
}
END_TEST

START_TEST(path_must_be_absolute)
{
	ck_assert_int_eq(canon(""), PATH_BAD);
	ck_assert_int_eq(canon("a/b"), PATH_BAD);
	ck_assert_int_eq(canon("%2Fa"), PATH_BAD);
	ck_assert_int_eq(canon("http://x/"), PATH_BAD);
}
END_TEST

START_TEST(repeated_slashes_collapse)
{
	same("//", "/");
	same("//a///b", "/a/b");
	ck_assert_uint_eq(nseg, 2);
}
END_TEST

START_TEST(trailing_slash_is_removed_except_for_root)
{
	same("/a/", "/a");
	same("/a/b//", "/a/b");
	ck_assert_uint_eq(nseg, 2);
}
END_TEST

START_TEST(dot_segments_are_dropped)
{
	same("/.", "/");
	same("/./a/./b/.", "/a/b");
	same("/a/.b/c.", "/a/.b/c.");
	same("/a/.../b", "/a/.../b");
}
END_TEST

START_TEST(dot_dot_removes_the_previous_segment)
{
	same("/a/b/../c", "/a/c");
	same("/a/b/..", "/a");
	same("/a/..", "/");
	same("/a/b/c/../../d", "/a/d");
	same("/a/..b/c", "/a/..b/c");
}
END_TEST

START_TEST(climbing_above_root_is_refused)
{
	ck_assert_int_eq(canon("/.."), PATH_BAD);
	ck_assert_int_eq(canon("/../etc/passwd"), PATH_BAD);
	ck_assert_int_eq(canon("/a/../.."), PATH_BAD);
	ck_assert_int_eq(canon("/a/./../../b"), PATH_BAD);
}
END_TEST

START_TEST(encoded_dots_are_dot_segments)
{
	same("/a/%2e/b", "/a/b");
	same("/a/b/%2E%2e/c", "/a/c");
	ck_assert_int_eq(canon("/%2e%2e/etc"), PATH_BAD);
	ck_assert_int_eq(canon("/.%2E"), PATH_BAD);
}
END_TEST

START_TEST(escapes_are_decoded_once)
{
	same("/caf%C3%A9", "/caf\xc3\xa9");
	/* %2541 is "%41", which is not decoded again. */
	same("/a%2541", "/a%41");
	same("/a%20b", "/a b");
}
END_TEST

START_TEST(encoded_slash_is_refused)
{
	ck_assert_int_eq(canon("/a%2Fb"), PATH_BAD);
	ck_assert_int_eq(canon("/a%2fb"), PATH_BAD);
	ck_assert_int_eq(canon("/..%2F..%2Fetc"), PATH_BAD);
}
END_TEST

START_TEST(bad_escapes_are_refused)
{
	ck_assert_int_eq(canon("/a%"), PATH_BAD_ESCAPE);
	ck_assert_int_eq(canon("/a%4"), PATH_BAD_ESCAPE);
	ck_assert_int_eq(canon("/a%G1"), PATH_BAD_ESCAPE);
	ck_assert_int_eq(canon("/a%%41"), PATH_BAD_ESCAPE);
}
END_TEST

START_TEST(encoded_nul_is_refused)
{
	ck_assert_int_eq(canon("/a%00"), PATH_BAD_UTF8);
	ck_assert_int_eq(canon("/a%00/../b"), PATH_BAD_UTF8);
	ck_assert_int_eq(path_canonical(a, "/a\0b", 4, &out, &segv, &nseg),
	    PATH_BAD_UTF8);
}
END_TEST

START_TEST(overlong_utf8_is_refused)
{
	/* Overlong '.', '/' and '\' must not become dots or separators. */
	ck_assert_int_eq(canon("/%C0%AE%C0%AE/etc"), PATH_BAD_UTF8);
	ck_assert_int_eq(canon("/a%C0%AFb"), PATH_BAD_UTF8);
	ck_assert_int_eq(canon("/a%C1%9Cb"), PATH_BAD_UTF8);
	ck_assert_int_eq(canon("/a%E0%80%AFb"), PATH_BAD_UTF8);
	ck_assert_int_eq(canon("/\xc0\xae\xc0\xae"), PATH_BAD_UTF8);
}
END_TEST

START_TEST(invalid_utf8_is_refused)
{
	ck_assert_int_eq(canon("/%FF"), PATH_BAD_UTF8);
	ck_assert_int_eq(canon("/%C3"), PATH_BAD_UTF8);
	ck_assert_int_eq(canon("/%ED%A0%80"), PATH_BAD_UTF8);
}
END_TEST

START_TEST(control_characters_are_refused)
{
	char	 raw[16];
	int	 c;

	for (c = 1; c < 0x20; c++) {
		snprintf(raw, sizeof(raw), "/a%%%02Xb", c);
		ck_assert_int_eq(canon(raw), PATH_BAD);
	}
	ck_assert_int_eq(canon("/a%7Fb"), PATH_BAD);
	ck_assert_int_eq(canon("/a\tb"), PATH_BAD);
	ck_assert_int_eq(canon("/a%C2%85b"), PATH_BAD);	/* NEL, a C1 control */
	same("/a%C2%A0b", "/a\xc2\xa0" "b");		/* NBSP is text */
}
END_TEST

START_TEST(backslash_is_refused)
{
	ck_assert_int_eq(canon("/a\\b"), PATH_BAD);
	ck_assert_int_eq(canon("/a%5Cb"), PATH_BAD);
	ck_assert_int_eq(canon("/..%5C..%5Cetc"), PATH_BAD);
}
END_TEST

START_TEST(length_limit_applies_to_raw_path)
{
	static char	 raw[PATH_MAX_BYTES + 2];

	memset(raw, 'x', sizeof(raw) - 1);
	raw[0] = '/';
	ck_assert_int_eq(path_canonical(a, raw, PATH_MAX_BYTES, &out, &segv,
	    &nseg), PATH_OK);
	ck_assert_uint_eq(strlen(out), PATH_MAX_BYTES);
	ck_assert_int_eq(path_canonical(a, raw, PATH_MAX_BYTES + 1, &out,
	    &segv, &nseg), PATH_TOO_LONG);
}
END_TEST

START_TEST(depth_limit_holds)
{
	char	 raw[4 * PATH_MAX_SEGMENTS + 8];
	size_t	 i;

	for (i = 0; i < PATH_MAX_SEGMENTS; i++)
		memcpy(raw + 2 * i, "/a", 3);
	ck_assert_int_eq(canon(raw), PATH_OK);
	ck_assert_uint_eq(nseg, PATH_MAX_SEGMENTS);
	memcpy(raw + 2 * i, "/a", 3);
	ck_assert_int_eq(canon(raw), PATH_TOO_DEEP);
}
END_TEST

START_TEST(depth_limit_holds_at_every_step)
{
	char	 raw[8 * PATH_MAX_SEGMENTS + 32];
	size_t	 i;

	/* Deeper than the limit on the way, shallow at the end. */
	for (i = 0; i <= PATH_MAX_SEGMENTS; i++)
		memcpy(raw + 2 * i, "/a", 3);
	strcat(raw, "/../../..");
	ck_assert_int_eq(canon(raw), PATH_TOO_DEEP);
	/* Dot and empty segments are not counted. */
	for (i = 0; i < PATH_MAX_SEGMENTS; i++)
		memcpy(raw + 4 * i, "/a/.", 5);
	strcat(raw, "//");
	ck_assert_int_eq(canon(raw), PATH_OK);
}
END_TEST

START_TEST(error_leaves_outputs_untouched)
{
	ck_assert_int_eq(canon("/../x"), PATH_BAD);
	ck_assert_ptr_null(out);
	ck_assert_ptr_null(segv);
	ck_assert_uint_eq(nseg, 0);
}
END_TEST

START_TEST(out_of_memory_is_reported)
{
	struct arena	*small = arena_new(16);

	ck_assert_int_eq(path_canonical(small, "/aaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    29, &out, &segv, &nseg), PATH_NOMEM);
	arena_free(small);
}
END_TEST

START_TEST(every_error_has_a_description)
{
	int	 e;

	for (e = PATH_OK; e <= PATH_BAD; e++)
		ck_assert_ptr_nonnull(path_strerror(e));
	ck_assert_str_eq(path_strerror((enum path_err)99), "unknown error");
}
END_TEST

static Suite *
path_suite(void)
{
	Suite	*s = suite_create("path");
	TCase	*tc = tcase_create("path");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, root_is_itself_with_no_segments);
	tcase_add_test(tc, segments_are_split_and_terminated);
	tcase_add_test(tc, path_must_be_absolute);
	tcase_add_test(tc, repeated_slashes_collapse);
	tcase_add_test(tc, trailing_slash_is_removed_except_for_root);
	tcase_add_test(tc, dot_segments_are_dropped);
	tcase_add_test(tc, dot_dot_removes_the_previous_segment);
	tcase_add_test(tc, climbing_above_root_is_refused);
	tcase_add_test(tc, encoded_dots_are_dot_segments);
	tcase_add_test(tc, escapes_are_decoded_once);
	tcase_add_test(tc, encoded_slash_is_refused);
	tcase_add_test(tc, bad_escapes_are_refused);
	tcase_add_test(tc, encoded_nul_is_refused);
	tcase_add_test(tc, overlong_utf8_is_refused);
	tcase_add_test(tc, invalid_utf8_is_refused);
	tcase_add_test(tc, control_characters_are_refused);
	tcase_add_test(tc, backslash_is_refused);
	tcase_add_test(tc, length_limit_applies_to_raw_path);
	tcase_add_test(tc, depth_limit_holds);
	tcase_add_test(tc, depth_limit_holds_at_every_step);
	tcase_add_test(tc, error_leaves_outputs_untouched);
	tcase_add_test(tc, out_of_memory_is_reported);
	tcase_add_test(tc, every_error_has_a_description);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(path_suite)
