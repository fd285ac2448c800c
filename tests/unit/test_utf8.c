/* UTF-8 validation: RFC 3629 plus no NUL, whole and streamed. */
#include <stddef.h>
#include <string.h>

#include "check_main.h"
#include "core/utf8.h"

#define V(s)	utf8_valid((s), sizeof(s) - 1)

START_TEST(ascii_and_empty_are_valid)
{
	ck_assert_int_eq(utf8_valid(NULL, 0), 1);
	ck_assert_int_eq(V(""), 1);
	ck_assert_int_eq(V("hello, world\t\r\n\x7f"), 1);
}
END_TEST

START_TEST(nul_is_refused_anywhere)
{
	ck_assert_int_eq(V("\0"), 0);
	ck_assert_int_eq(V("a\0b"), 0);
	ck_assert_int_eq(V("abc\0"), 0);
}
END_TEST

START_TEST(each_length_at_its_bounds_is_valid)
{
	ck_assert_int_eq(V("\xc2\x80"), 1);		/* U+0080 */
	ck_assert_int_eq(V("\xdf\xbf"), 1);		/* U+07FF */
	ck_assert_int_eq(V("\xe0\xa0\x80"), 1);		/* U+0800 */
	ck_assert_int_eq(V("\xed\x9f\xbf"), 1);		/* U+D7FF */
	ck_assert_int_eq(V("\xee\x80\x80"), 1);		/* U+E000 */
	ck_assert_int_eq(V("\xef\xbf\xbf"), 1);		/* U+FFFF */
	ck_assert_int_eq(V("\xf0\x90\x80\x80"), 1);	/* U+10000 */
	ck_assert_int_eq(V("\xf4\x8f\xbf\xbf"), 1);	/* U+10FFFF */
	ck_assert_int_eq(V("Gen\xc3\xa8ve \xe2\x80\x94 "
	    "\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a"), 1);
}
END_TEST

START_TEST(overlong_forms_are_refused)
{
	ck_assert_int_eq(V("\xc0\x80"), 0);		/* NUL, the classic */
	ck_assert_int_eq(V("\xc0\xaf"), 0);		/* '/' */
	ck_assert_int_eq(V("\xc1\xbf"), 0);
	ck_assert_int_eq(V("\xe0\x80\xaf"), 0);
	ck_assert_int_eq(V("\xe0\x9f\xbf"), 0);
	ck_assert_int_eq(V("\xf0\x80\x80\xaf"), 0);
	ck_assert_int_eq(V("\xf0\x8f\xbf\xbf"), 0);
}
END_TEST

START_TEST(surrogates_are_refused)
{
	ck_assert_int_eq(V("\xed\xa0\x80"), 0);		/* U+D800 */
	ck_assert_int_eq(V("\xed\xbf\xbf"), 0);		/* U+DFFF */
	ck_assert_int_eq(V("\xed\xa0\xbd\xed\xb2\xa9"), 0); /* CESU-8 pair */
}
END_TEST

START_TEST(beyond_u10ffff_is_refused)
{
	ck_assert_int_eq(V("\xf4\x90\x80\x80"), 0);	/* U+110000 */
	ck_assert_int_eq(V("\xf5\x80\x80\x80"), 0);
	ck_assert_int_eq(V("\xf8\x88\x80\x80\x80"), 0);
	ck_assert_int_eq(V("\xfe"), 0);
	ck_assert_int_eq(V("\xff"), 0);
}
END_TEST

START_TEST(truncated_sequences_are_refused)
{
	ck_assert_int_eq(V("\xc3"), 0);
	ck_assert_int_eq(V("\xe2\x82"), 0);
	ck_assert_int_eq(V("\xf0\x9f\x98"), 0);
	ck_assert_int_eq(V("a\xe2\x82z"), 0);
}
END_TEST

START_TEST(stray_continuation_bytes_are_refused)
{
	ck_assert_int_eq(V("\x80"), 0);
	ck_assert_int_eq(V("a\xbf"), 0);
	ck_assert_int_eq(V("\xc3\xa9\xa9"), 0);
}
END_TEST

START_TEST(every_single_byte_is_judged_correctly)
{
	char	 c;
	int	 i;

	for (i = 0; i < 256; i++) {
		c = (char)i;
		ck_assert_int_eq(utf8_valid(&c, 1), i >= 0x01 && i <= 0x7f);
	}
}
END_TEST

START_TEST(stream_accepts_a_sequence_split_anywhere)
{
	const char		*s = "x\xf0\x9f\x98\x80y\xe2\x82\xac";
	size_t			 len = strlen(s), k;
	struct utf8_stream	 u;

	for (k = 0; k <= len; k++) {
		utf8_stream_init(&u);
		ck_assert_int_eq(utf8_stream_feed(&u, s, k), 0);
		ck_assert_int_eq(utf8_stream_feed(&u, s + k, len - k), 0);
		ck_assert_int_eq(utf8_stream_end(&u), 0);
	}
}
END_TEST

START_TEST(stream_reports_truncation_only_at_the_end)
{
	struct utf8_stream	 u;

	utf8_stream_init(&u);
	ck_assert_int_eq(utf8_stream_feed(&u, "ab\xe2\x82", 4), 0);
	ck_assert_int_eq(utf8_stream_end(&u), -1);
}
END_TEST

START_TEST(stream_error_is_sticky)
{
	struct utf8_stream	 u;

	utf8_stream_init(&u);
	ck_assert_int_eq(utf8_stream_feed(&u, "\xc0", 1), -1);
	ck_assert_int_eq(utf8_stream_feed(&u, "abc", 3), -1);
	ck_assert_int_eq(utf8_stream_end(&u), -1);
}
END_TEST

static Suite *
utf8_suite(void)
{
	Suite	*s = suite_create("utf8");
	TCase	*tc = tcase_create("utf8");

	tcase_add_test(tc, ascii_and_empty_are_valid);
	tcase_add_test(tc, nul_is_refused_anywhere);
	tcase_add_test(tc, each_length_at_its_bounds_is_valid);
	tcase_add_test(tc, overlong_forms_are_refused);
	tcase_add_test(tc, surrogates_are_refused);
	tcase_add_test(tc, beyond_u10ffff_is_refused);
	tcase_add_test(tc, truncated_sequences_are_refused);
	tcase_add_test(tc, stray_continuation_bytes_are_refused);
	tcase_add_test(tc, every_single_byte_is_judged_correctly);
	tcase_add_test(tc, stream_accepts_a_sequence_split_anywhere);
	tcase_add_test(tc, stream_reports_truncation_only_at_the_end);
	tcase_add_test(tc, stream_error_is_sticky);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(utf8_suite)
