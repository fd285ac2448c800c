/* The Cookie header: tolerant splitting, strict pairs, hard limits. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "core/arena.h"
#include "http/cookie.h"
#include "http/kv.h"
#include "portal_limits.h"

static struct arena	*a;
static struct kv	*kv;
static size_t		 n;

static void
setup(void)
{
	a = arena_new(1u << 20);
	ck_assert_ptr_nonnull(a);
	kv = NULL;
	n = 0;
}

static void
teardown(void)
{
	arena_free(a);
}

static enum cookie_err
parse(const char *s)
{
	return cookie_parse(a, s, strlen(s), &kv, &n);
}

START_TEST(pairs_are_split_on_semicolon_space)
{
	ck_assert_int_eq(parse("sid=abc123; lang=fr"), COOKIE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(kv[0].key, "sid");
	ck_assert_uint_eq(kv[0].keylen, 3);
	ck_assert_str_eq(kv[0].val, "abc123");
	ck_assert_uint_eq(kv[0].vallen, 6);
	ck_assert_str_eq(kv[1].key, "lang");
	ck_assert_str_eq(kv[1].val, "fr");
}
END_TEST

START_TEST(spaces_around_pairs_are_optional)
{
	ck_assert_int_eq(parse("a=1;b=2 ;  c=3\t;\td = 4 "), COOKIE_OK);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(kv[1].key, "b");
	ck_assert_str_eq(kv[1].val, "2");
	ck_assert_str_eq(kv[2].key, "c");
	ck_assert_str_eq(kv[3].key, "d");
	ck_assert_str_eq(kv[3].val, "4");
}
END_TEST

START_TEST(double_quotes_around_value_are_stripped)
{
	ck_assert_int_eq(parse("a=\"xyz\"; b=\"\""), COOKIE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(kv[0].val, "xyz");
	ck_assert_str_eq(kv[1].val, "");
	ck_assert_uint_eq(kv[1].vallen, 0);
}
END_TEST

START_TEST(values_are_not_percent_decoded)
{
	ck_assert_int_eq(parse("a=x%20y%00"), COOKIE_OK);
	ck_assert_str_eq(kv[0].val, "x%20y%00");
}
END_TEST

START_TEST(empty_value_is_kept)
{
	ck_assert_int_eq(parse("a=; b=1"), COOKIE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(kv[0].val, "");
}
END_TEST

START_TEST(only_the_first_equals_splits)
{
	ck_assert_int_eq(parse("tok=YWJj=="), COOKIE_OK);
	ck_assert_str_eq(kv[0].val, "YWJj==");
}
END_TEST

START_TEST(pair_without_equals_is_skipped)
{
	ck_assert_int_eq(parse("junk; a=1"), COOKIE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(kv[0].key, "a");
}
END_TEST

START_TEST(name_that_is_not_a_token_is_skipped)
{
	ck_assert_int_eq(parse("=1; a b=2; a(b)=3; \xc3\xa9=4; ok=5; x,y=6"),
	    COOKIE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(kv[0].key, "ok");
}
END_TEST

START_TEST(value_with_forbidden_octets_is_skipped)
{
	ck_assert_int_eq(parse("a=x y; b=x,y; c=x\\y; d=\"x; e=x\"y; "
	    "f=\xc3\xa9; g=\x7f; ok=1"), COOKIE_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(kv[0].key, "ok");
}
END_TEST

START_TEST(empty_pieces_are_skipped)
{
	ck_assert_int_eq(parse(";; a=1 ;;; ; b=2;"), COOKIE_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(parse(""), COOKIE_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(kv);
	ck_assert_int_eq(parse("  ;  "), COOKIE_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(kv);
}
END_TEST

START_TEST(duplicate_names_are_kept_in_order)
{
	ck_assert_int_eq(parse("sid=one; x=1; sid=two"), COOKIE_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(kv_count(kv, n, "sid"), 2);
	ck_assert_str_eq(kv_find(kv, n, "sid")->val, "one");
	ck_assert_str_eq(kv[2].val, "two");
}
END_TEST

START_TEST(nul_anywhere_refuses_the_header)
{
	ck_assert_int_eq(cookie_parse(a, "a=1; b\0=2", 9, &kv, &n),
	    COOKIE_SYNTAX);
	ck_assert_ptr_null(kv);
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(invalid_utf8_anywhere_refuses_the_header)
{
	ck_assert_int_eq(parse("a=1; junk\xff; b=2"), COOKIE_SYNTAX);
	ck_assert_int_eq(parse("a=\xc0\xaf"), COOKIE_SYNTAX);
}
END_TEST

START_TEST(header_over_max_bytes_is_refused)
{
	static char	 in[COOKIE_MAX_BYTES + 2];

	memset(in, 'x', sizeof(in) - 1);
	memcpy(in, "a=", 2);
	ck_assert_int_eq(cookie_parse(a, in, COOKIE_MAX_BYTES, &kv, &n),
	    COOKIE_OK);
	ck_assert_uint_eq(kv[0].vallen, COOKIE_MAX_BYTES - 2);
	ck_assert_int_eq(cookie_parse(a, in, COOKIE_MAX_BYTES + 1, &kv, &n),
	    COOKIE_TOO_LONG);
	ck_assert_ptr_null(kv);
}
END_TEST

START_TEST(more_than_max_pairs_is_refused)
{
	char	 in[COOKIE_MAX_PAIRS * 8 + 16];
	size_t	 i, len = 0;

	for (i = 0; i < COOKIE_MAX_PAIRS; i++)
		len += (size_t)snprintf(in + len, sizeof(in) - len,
		    "c%zu=1; ", i);
	ck_assert_int_eq(cookie_parse(a, in, len, &kv, &n), COOKIE_OK);
	ck_assert_uint_eq(n, COOKIE_MAX_PAIRS);
	/* Skipped junk does not count towards the limit... */
	len += (size_t)snprintf(in + len, sizeof(in) - len, "junk; ");
	ck_assert_int_eq(cookie_parse(a, in, len, &kv, &n), COOKIE_OK);
	/* ...one more well-formed pair does. */
	len += (size_t)snprintf(in + len, sizeof(in) - len, "z=1");
	ck_assert_int_eq(cookie_parse(a, in, len, &kv, &n), COOKIE_TOO_MANY);
	ck_assert_ptr_null(kv);
}
END_TEST

START_TEST(out_of_memory_is_reported)
{
	struct arena	*small = arena_new(16);

	ck_assert_int_eq(cookie_parse(small, "a=1; b=2", 8, &kv, &n),
	    COOKIE_NOMEM);
	arena_free(small);
}
END_TEST

START_TEST(every_error_has_a_description)
{
	int	 e;

	for (e = COOKIE_OK; e <= COOKIE_SYNTAX; e++)
		ck_assert_ptr_nonnull(cookie_strerror(e));
	ck_assert_str_eq(cookie_strerror((enum cookie_err)99), "unknown error");
}
END_TEST

static Suite *
cookie_suite(void)
{
	Suite	*s = suite_create("cookie");
	TCase	*tc = tcase_create("cookie");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, pairs_are_split_on_semicolon_space);
	tcase_add_test(tc, spaces_around_pairs_are_optional);
	tcase_add_test(tc, double_quotes_around_value_are_stripped);
	tcase_add_test(tc, values_are_not_percent_decoded);
	tcase_add_test(tc, empty_value_is_kept);
	tcase_add_test(tc, only_the_first_equals_splits);
	tcase_add_test(tc, pair_without_equals_is_skipped);
	tcase_add_test(tc, name_that_is_not_a_token_is_skipped);
	tcase_add_test(tc, value_with_forbidden_octets_is_skipped);
	tcase_add_test(tc, empty_pieces_are_skipped);
	tcase_add_test(tc, duplicate_names_are_kept_in_order);
	tcase_add_test(tc, nul_anywhere_refuses_the_header);
	tcase_add_test(tc, invalid_utf8_anywhere_refuses_the_header);
	tcase_add_test(tc, header_over_max_bytes_is_refused);
	tcase_add_test(tc, more_than_max_pairs_is_refused);
	tcase_add_test(tc, out_of_memory_is_reported);
	tcase_add_test(tc, every_error_has_a_description);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(cookie_suite)
