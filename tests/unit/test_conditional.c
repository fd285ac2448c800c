/*
 * Conditional GET (http/response.c): If-None-Match lists against a tag,
 * and HTTP dates parsed strictly for If-Modified-Since.
 */
#include <string.h>

#include "check_main.h"
#include "http/response.h"

START_TEST(exact_tag_matches)
{
	ck_assert_int_eq(resp_etag_matches("\"abc\"", "\"abc\""), 1);
	ck_assert_int_eq(resp_etag_matches("\"abd\"", "\"abc\""), 0);
}
END_TEST

START_TEST(weak_tag_matches_for_get)
{
	ck_assert_int_eq(resp_etag_matches("W/\"abc\"", "\"abc\""), 1);
}
END_TEST

START_TEST(any_tag_of_a_list_matches)
{
	ck_assert_int_eq(resp_etag_matches("\"x\", \"abc\"", "\"abc\""), 1);
	ck_assert_int_eq(resp_etag_matches("\"x\",W/\"abc\" ,\"y\"", "\"abc\""),
	    1);
	ck_assert_int_eq(resp_etag_matches("\"x\", \"y\"", "\"abc\""), 0);
}
END_TEST

START_TEST(star_matches_anything)
{
	ck_assert_int_eq(resp_etag_matches("*", "\"abc\""), 1);
	ck_assert_int_eq(resp_etag_matches(" * ", "\"abc\""), 1);
	ck_assert_int_eq(resp_etag_matches("\"*\"", "\"abc\""), 0);
}
END_TEST

START_TEST(prefix_or_substring_is_no_match)
{
	ck_assert_int_eq(resp_etag_matches("\"abcd\"", "\"abc\""), 0);
	ck_assert_int_eq(resp_etag_matches("\"ab", "\"abc\""), 0);
	ck_assert_int_eq(resp_etag_matches("x\"abc\"", "\"abc\""), 0);
	ck_assert_int_eq(resp_etag_matches("", "\"abc\""), 0);
	ck_assert_int_eq(resp_etag_matches(NULL, "\"abc\""), 0);
}
END_TEST

START_TEST(comma_inside_a_tag_stays_in_it)
{
	ck_assert_int_eq(resp_etag_matches("\"a,b\"", "\"a,b\""), 1);
	ck_assert_int_eq(resp_etag_matches("\"a,b\"", "\"b\""), 0);
}
END_TEST

START_TEST(http_date_parses)
{
	long long	 t;

	ck_assert_int_eq(resp_http_date("Thu, 01 Jan 1970 00:00:00 GMT", &t), 0);
	ck_assert_int_eq(t, 0);
	ck_assert_int_eq(resp_http_date("Sun, 06 Nov 1994 08:49:37 GMT", &t), 0);
	ck_assert_int_eq(t, 784111777);
	ck_assert_int_eq(resp_http_date("Tue, 29 Feb 2028 23:59:59 GMT", &t), 0);
	ck_assert_int_eq(t, 1835481599);
}
END_TEST

START_TEST(other_date_forms_are_refused)
{
	long long	 t = 42;

	ck_assert_int_eq(resp_http_date("Sunday, 06-Nov-94 08:49:37 GMT", &t),
	    -1);
	ck_assert_int_eq(resp_http_date("Sun Nov  6 08:49:37 1994", &t), -1);
	ck_assert_int_eq(resp_http_date("Sun, 06 Nov 1994 08:49:37 UTC", &t),
	    -1);
	ck_assert_int_eq(resp_http_date("Sun, 6 Nov 1994 08:49:37 GMT ", &t),
	    -1);
	ck_assert_int_eq(resp_http_date("Sun, 06 Foo 1994 08:49:37 GMT", &t),
	    -1);
	ck_assert_int_eq(resp_http_date("Sun, 06 Nov 1994 24:49:37 GMT", &t),
	    -1);
	ck_assert_int_eq(resp_http_date("Sun, 06 Nov 1994 +8:49:37 GMT", &t),
	    -1);
	ck_assert_int_eq(resp_http_date("", &t), -1);
	ck_assert_int_eq(t, 42);
}
END_TEST

static Suite *
conditional_suite(void)
{
	Suite	*s = suite_create("conditional");
	TCase	*tc = tcase_create("conditional");

	tcase_add_test(tc, exact_tag_matches);
	tcase_add_test(tc, weak_tag_matches_for_get);
	tcase_add_test(tc, any_tag_of_a_list_matches);
	tcase_add_test(tc, star_matches_anything);
	tcase_add_test(tc, prefix_or_substring_is_no_match);
	tcase_add_test(tc, comma_inside_a_tag_stays_in_it);
	tcase_add_test(tc, http_date_parses);
	tcase_add_test(tc, other_date_forms_are_refused);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(conditional_suite)
