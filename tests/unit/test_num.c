/* The range-checked integer parser: one canonical spelling per value. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "core/num.h"

static int
i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	return num_parse_i64(s, strlen(s), min, max, out);
}

static int
u64(const char *s, uint64_t max, uint64_t *out)
{
	return num_parse_u64(s, strlen(s), max, out);
}

START_TEST(plain_decimals_parse)
{
	int64_t		 v;
	uint64_t	 u;

	ck_assert_int_eq(i64("0", INT64_MIN, INT64_MAX, &v), 0);
	ck_assert_int_eq(v, 0);
	ck_assert_int_eq(i64("42", INT64_MIN, INT64_MAX, &v), 0);
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(i64("-17", INT64_MIN, INT64_MAX, &v), 0);
	ck_assert_int_eq(v, -17);
	ck_assert_int_eq(u64("1234567890", UINT64_MAX, &u), 0);
	ck_assert_uint_eq(u, 1234567890u);
}
END_TEST

START_TEST(extremes_of_the_type_parse)
{
	int64_t		 v;
	uint64_t	 u;

	ck_assert_int_eq(i64("9223372036854775807", INT64_MIN, INT64_MAX,
	    &v), 0);
	ck_assert_int_eq(v, INT64_MAX);
	ck_assert_int_eq(i64("-9223372036854775808", INT64_MIN, INT64_MAX,
	    &v), 0);
	ck_assert_int_eq(v, INT64_MIN);
	ck_assert_int_eq(u64("18446744073709551615", UINT64_MAX, &u), 0);
	ck_assert_uint_eq(u, UINT64_MAX);
}
END_TEST

START_TEST(overflow_is_refused)
{
	int64_t		 v;
	uint64_t	 u;

	ck_assert_int_eq(i64("9223372036854775808", INT64_MIN, INT64_MAX,
	    &v), -1);
	ck_assert_int_eq(i64("-9223372036854775809", INT64_MIN, INT64_MAX,
	    &v), -1);
	ck_assert_int_eq(u64("18446744073709551616", UINT64_MAX, &u), -1);
	ck_assert_int_eq(u64("99999999999999999999999", UINT64_MAX, &u), -1);
}
END_TEST

START_TEST(range_bounds_are_inclusive)
{
	int64_t		 v;
	uint64_t	 u;

	ck_assert_int_eq(i64("1", 1, 10, &v), 0);
	ck_assert_int_eq(i64("10", 1, 10, &v), 0);
	ck_assert_int_eq(i64("0", 1, 10, &v), -1);
	ck_assert_int_eq(i64("11", 1, 10, &v), -1);
	ck_assert_int_eq(i64("-5", -5, -1, &v), 0);
	ck_assert_int_eq(i64("-6", -5, -1, &v), -1);
	ck_assert_int_eq(i64("0", -5, -1, &v), -1);
	ck_assert_int_eq(u64("0", 0, &u), 0);
	ck_assert_int_eq(u64("5", 0, &u), -1);
	ck_assert_int_eq(u64("100", 100, &u), 0);
	ck_assert_int_eq(u64("101", 100, &u), -1);
}
END_TEST

START_TEST(empty_and_lone_sign_are_refused)
{
	int64_t		 v;
	uint64_t	 u;

	ck_assert_int_eq(i64("", INT64_MIN, INT64_MAX, &v), -1);
	ck_assert_int_eq(i64("-", INT64_MIN, INT64_MAX, &v), -1);
	ck_assert_int_eq(num_parse_i64(NULL, 0, INT64_MIN, INT64_MAX, &v), -1);
	ck_assert_int_eq(u64("", UINT64_MAX, &u), -1);
}
END_TEST

START_TEST(signs_other_than_leading_minus_are_refused)
{
	int64_t		 v;
	uint64_t	 u;

	ck_assert_int_eq(i64("+1", INT64_MIN, INT64_MAX, &v), -1);
	ck_assert_int_eq(i64("--1", INT64_MIN, INT64_MAX, &v), -1);
	ck_assert_int_eq(i64("1-", INT64_MIN, INT64_MAX, &v), -1);
	ck_assert_int_eq(u64("-1", UINT64_MAX, &u), -1);
	ck_assert_int_eq(u64("+1", UINT64_MAX, &u), -1);
}
END_TEST

START_TEST(leading_zeros_and_minus_zero_are_refused)
{
	int64_t		 v;
	uint64_t	 u;

	ck_assert_int_eq(i64("00", INT64_MIN, INT64_MAX, &v), -1);
	ck_assert_int_eq(i64("007", INT64_MIN, INT64_MAX, &v), -1);
	ck_assert_int_eq(i64("-0", INT64_MIN, INT64_MAX, &v), -1);
	ck_assert_int_eq(i64("-07", INT64_MIN, INT64_MAX, &v), -1);
	ck_assert_int_eq(u64("01", UINT64_MAX, &u), -1);
}
END_TEST

START_TEST(spaces_and_junk_are_refused)
{
	int64_t		 v;
	uint64_t	 u;

	ck_assert_int_eq(i64(" 1", INT64_MIN, INT64_MAX, &v), -1);
	ck_assert_int_eq(i64("1 ", INT64_MIN, INT64_MAX, &v), -1);
	ck_assert_int_eq(i64("1a", INT64_MIN, INT64_MAX, &v), -1);
	ck_assert_int_eq(i64("0x10", INT64_MIN, INT64_MAX, &v), -1);
	ck_assert_int_eq(i64("1e3", INT64_MIN, INT64_MAX, &v), -1);
	ck_assert_int_eq(i64("1.0", INT64_MIN, INT64_MAX, &v), -1);
	/* ARABIC-INDIC DIGIT ONE is a digit, but not a decimal one here. */
	ck_assert_int_eq(u64("\xd9\xa1", UINT64_MAX, &u), -1);
}
END_TEST

START_TEST(length_not_nul_ends_the_number)
{
	int64_t		 v;

	/* Text after len is not looked at; a NUL inside len is junk. */
	ck_assert_int_eq(num_parse_i64("123456", 3, 0, 1000, &v), 0);
	ck_assert_int_eq(v, 123);
	ck_assert_int_eq(num_parse_i64("12\0", 3, 0, 1000, &v), -1);
}
END_TEST

START_TEST(failure_leaves_output_untouched)
{
	int64_t		 v = 99;
	uint64_t	 u = 99;

	ck_assert_int_eq(i64("1000", 0, 10, &v), -1);
	ck_assert_int_eq(v, 99);
	ck_assert_int_eq(u64("x", 10, &u), -1);
	ck_assert_uint_eq(u, 99);
}
END_TEST

START_TEST(inverted_range_accepts_nothing)
{
	int64_t		 v;

	ck_assert_int_eq(i64("5", 10, 1, &v), -1);
}
END_TEST

static Suite *
num_suite(void)
{
	Suite	*s = suite_create("num");
	TCase	*tc = tcase_create("num");

	tcase_add_test(tc, plain_decimals_parse);
	tcase_add_test(tc, extremes_of_the_type_parse);
	tcase_add_test(tc, overflow_is_refused);
	tcase_add_test(tc, range_bounds_are_inclusive);
	tcase_add_test(tc, empty_and_lone_sign_are_refused);
	tcase_add_test(tc, signs_other_than_leading_minus_are_refused);
	tcase_add_test(tc, leading_zeros_and_minus_zero_are_refused);
	tcase_add_test(tc, spaces_and_junk_are_refused);
	tcase_add_test(tc, length_not_nul_ends_the_number);
	tcase_add_test(tc, failure_leaves_output_untouched);
	tcase_add_test(tc, inverted_range_accepts_nothing);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(num_suite)
