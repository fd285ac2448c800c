/* application/x-www-form-urlencoded: decoding, splitting, limits. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "core/arena.h"
#include "http/kv.h"
#include "http/urlenc.h"
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

static enum urlenc_err
parse(const char *s)
{
	return urlenc_parse(a, s, strlen(s), FORM_MAX_FIELDS, &kv, &n);
}

START_TEST(pairs_are_split_on_ampersand_and_equals)
{
	ck_assert_int_eq(parse("name=Alice&country=CH"), URLENC_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(kv[0].key, "name");
	ck_assert_uint_eq(kv[0].keylen, 4);
	ck_assert_str_eq(kv[0].val, "Alice");
	ck_assert_uint_eq(kv[0].vallen, 5);
	ck_assert_str_eq(kv[1].key, "country");
	ck_assert_str_eq(kv[1].val, "CH");
}
END_TEST

START_TEST(plus_is_a_space_and_percent_2b_a_plus)
{
	ck_assert_int_eq(parse("q=a+b%2Bc&x+y=1"), URLENC_OK);
	ck_assert_str_eq(kv[0].val, "a b+c");
	ck_assert_str_eq(kv[1].key, "x y");
}
END_TEST

START_TEST(every_escape_decodes_to_its_byte_or_is_refused)
{
	char		 in[16];
	int		 i, lower;
	enum urlenc_err	 e;

	for (lower = 0; lower <= 1; lower++) {
		for (i = 0; i < 256; i++) {
			snprintf(in, sizeof(in),
			    lower ? "k=%%%02x" : "k=%%%02X", i);
			e = parse(in);
			if (i == 0 || i >= 0x80) {
				/* NUL; a lone byte >= 0x80 is not UTF-8. */
				ck_assert_int_eq(e, URLENC_BAD_UTF8);
				ck_assert_ptr_null(kv);
				ck_assert_uint_eq(n, 0);
				continue;
			}
			ck_assert_int_eq(e, URLENC_OK);
			ck_assert_uint_eq(n, 1);
			ck_assert_uint_eq(kv[0].vallen, 1);
			ck_assert_int_eq((unsigned char)kv[0].val[0], i);
			ck_assert_int_eq(kv[0].val[1], '\0');
		}
	}
}
END_TEST

START_TEST(escaped_multibyte_utf8_decodes)
{
	ck_assert_int_eq(parse("city=Gen%C3%A8ve&c=%e2%82%ac"), URLENC_OK);
	ck_assert_str_eq(kv[0].val, "Gen\xc3\xa8ve");
	ck_assert_str_eq(kv[1].val, "\xe2\x82\xac");
}
END_TEST

START_TEST(escapes_in_keys_are_decoded)
{
	ck_assert_int_eq(parse("a%5Bb%5D=1"), URLENC_OK);
	ck_assert_str_eq(kv[0].key, "a[b]");
}
END_TEST

START_TEST(encoded_separators_are_data)
{
	ck_assert_int_eq(parse("a%26b=c%3Dd%26e"), URLENC_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(kv[0].key, "a&b");
	ck_assert_str_eq(kv[0].val, "c=d&e");
}
END_TEST

START_TEST(truncated_escape_is_refused)
{
	ck_assert_int_eq(parse("a=%4"), URLENC_BAD_ESCAPE);
	ck_assert_int_eq(parse("a=%"), URLENC_BAD_ESCAPE);
	ck_assert_int_eq(parse("a%=1"), URLENC_BAD_ESCAPE);
	ck_assert_int_eq(parse("a=%4&b=1"), URLENC_BAD_ESCAPE);
}
END_TEST

START_TEST(non_hex_escape_is_refused)
{
	ck_assert_int_eq(parse("a=%G1"), URLENC_BAD_ESCAPE);
	ck_assert_int_eq(parse("a=%1G"), URLENC_BAD_ESCAPE);
	ck_assert_int_eq(parse("a=%%41"), URLENC_BAD_ESCAPE);
	ck_assert_int_eq(parse("a=% 1"), URLENC_BAD_ESCAPE);
	ck_assert_int_eq(parse("a=%+1"), URLENC_BAD_ESCAPE);
}
END_TEST

START_TEST(empty_pairs_are_skipped)
{
	ck_assert_int_eq(parse("a=1&&b=2"), URLENC_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(kv[1].key, "b");
	ck_assert_int_eq(parse("&a=1&"), URLENC_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(parse("&&&"), URLENC_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(kv);
}
END_TEST

START_TEST(empty_input_has_no_pairs)
{
	ck_assert_int_eq(urlenc_parse(a, NULL, 0, FORM_MAX_FIELDS, &kv, &n),
	    URLENC_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(kv);
}
END_TEST

START_TEST(key_without_equals_has_empty_value)
{
	ck_assert_int_eq(parse("flag&x=1&y="), URLENC_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(kv[0].key, "flag");
	ck_assert_str_eq(kv[0].val, "");
	ck_assert_uint_eq(kv[0].vallen, 0);
	ck_assert_str_eq(kv[2].val, "");
}
END_TEST

START_TEST(only_the_first_equals_splits)
{
	ck_assert_int_eq(parse("a=b=c"), URLENC_OK);
	ck_assert_str_eq(kv[0].key, "a");
	ck_assert_str_eq(kv[0].val, "b=c");
}
END_TEST

START_TEST(empty_key_is_kept)
{
	ck_assert_int_eq(parse("=v&="), URLENC_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(kv[0].key, "");
	ck_assert_str_eq(kv[0].val, "v");
	ck_assert_str_eq(kv[1].key, "");
	ck_assert_str_eq(kv[1].val, "");
}
END_TEST

START_TEST(duplicate_keys_are_kept_in_order)
{
	ck_assert_int_eq(parse("tag=a&x=0&tag=b&tag=c"), URLENC_OK);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(kv[0].val, "a");
	ck_assert_str_eq(kv[2].val, "b");
	ck_assert_str_eq(kv[3].val, "c");
	ck_assert_uint_eq(kv_count(kv, n, "tag"), 3);
	ck_assert_ptr_eq(kv_find(kv, n, "tag"), &kv[0]);
	ck_assert_ptr_eq(kv_find(kv, n, "x"), &kv[1]);
	ck_assert_ptr_null(kv_find(kv, n, "ta"));
	ck_assert_uint_eq(kv_count(kv, n, "nope"), 0);
}
END_TEST

START_TEST(key_limit_applies_to_decoded_length)
{
	char	 in[3 * FIELD_NAME_MAX_BYTES + 8];
	size_t	 i;

	/* FIELD_NAME_MAX_BYTES decoded bytes, three times as many raw. */
	for (i = 0; i < FIELD_NAME_MAX_BYTES; i++)
		memcpy(in + 3 * i, "%41", 3);
	memcpy(in + 3 * i, "=1", 3);
	ck_assert_int_eq(parse(in), URLENC_OK);
	ck_assert_uint_eq(kv[0].keylen, FIELD_NAME_MAX_BYTES);
	memcpy(in + 3 * i, "A=1", 4);
	ck_assert_int_eq(parse(in), URLENC_KEY_TOO_LONG);
}
END_TEST

START_TEST(value_limit_applies_to_decoded_length)
{
	static char	 in[3 * FIELD_VALUE_MAX_BYTES + 8];
	size_t		 i;

	memcpy(in, "v=", 2);
	for (i = 0; i < FIELD_VALUE_MAX_BYTES; i++)
		memcpy(in + 2 + 3 * i, "%7a", 3);
	in[2 + 3 * i] = '\0';
	ck_assert_int_eq(parse(in), URLENC_OK);
	ck_assert_uint_eq(kv[0].vallen, FIELD_VALUE_MAX_BYTES);
	memcpy(in + 2 + 3 * i, "z", 2);
	ck_assert_int_eq(parse(in), URLENC_VALUE_TOO_LONG);
}
END_TEST

START_TEST(too_many_fields_are_refused)
{
	struct kv	*out;

	ck_assert_int_eq(urlenc_parse(a, "a&b&c", 5, 3, &out, &n), URLENC_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(urlenc_parse(a, "a&b&c&d", 7, 3, &out, &n),
	    URLENC_TOO_MANY);
	ck_assert_ptr_null(out);
	/* Empty pairs do not count. */
	ck_assert_int_eq(urlenc_parse(a, "a&&b&&&c&", 9, 3, &out, &n),
	    URLENC_OK);
}
END_TEST

START_TEST(raw_invalid_utf8_is_refused)
{
	ck_assert_int_eq(parse("a=\xc0\xaf"), URLENC_BAD_UTF8);
	ck_assert_int_eq(parse("\xff=1"), URLENC_BAD_UTF8);
	ck_assert_int_eq(parse("a=%C3"), URLENC_BAD_UTF8);
	ck_assert_int_eq(parse("a=%ED%A0%80"), URLENC_BAD_UTF8);
}
END_TEST

START_TEST(raw_nul_is_refused)
{
	ck_assert_int_eq(urlenc_parse(a, "a=b\0c", 5, FORM_MAX_FIELDS, &kv,
	    &n), URLENC_BAD_UTF8);
}
END_TEST

START_TEST(out_of_memory_is_reported)
{
	struct arena	*small = arena_new(16);

	ck_assert_int_eq(urlenc_parse(small, "a=1&b=2", 7, FORM_MAX_FIELDS,
	    &kv, &n), URLENC_NOMEM);
	ck_assert_ptr_null(kv);
	arena_free(small);
}
END_TEST

START_TEST(every_error_has_a_description)
{
	int	 e;

	for (e = URLENC_OK; e <= URLENC_BAD_UTF8; e++)
		ck_assert_ptr_nonnull(urlenc_strerror(e));
	ck_assert_str_eq(urlenc_strerror((enum urlenc_err)99), "unknown error");
}
END_TEST

static Suite *
urlenc_suite(void)
{
	Suite	*s = suite_create("urlenc");
	TCase	*tc = tcase_create("urlenc");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, pairs_are_split_on_ampersand_and_equals);
	tcase_add_test(tc, plus_is_a_space_and_percent_2b_a_plus);
	tcase_add_test(tc, every_escape_decodes_to_its_byte_or_is_refused);
	tcase_add_test(tc, escaped_multibyte_utf8_decodes);
	tcase_add_test(tc, escapes_in_keys_are_decoded);
	tcase_add_test(tc, encoded_separators_are_data);
	tcase_add_test(tc, truncated_escape_is_refused);
	tcase_add_test(tc, non_hex_escape_is_refused);
	tcase_add_test(tc, empty_pairs_are_skipped);
	tcase_add_test(tc, empty_input_has_no_pairs);
	tcase_add_test(tc, key_without_equals_has_empty_value);
	tcase_add_test(tc, only_the_first_equals_splits);
	tcase_add_test(tc, empty_key_is_kept);
	tcase_add_test(tc, duplicate_keys_are_kept_in_order);
	tcase_add_test(tc, key_limit_applies_to_decoded_length);
	tcase_add_test(tc, value_limit_applies_to_decoded_length);
	tcase_add_test(tc, too_many_fields_are_refused);
	tcase_add_test(tc, raw_invalid_utf8_is_refused);
	tcase_add_test(tc, raw_nul_is_refused);
	tcase_add_test(tc, out_of_memory_is_reported);
	tcase_add_test(tc, every_error_has_a_description);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(urlenc_suite)
