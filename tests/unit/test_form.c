/* Declared fields: dropping, typing, keeping invalid input for redisplay. */
#include <string.h>

#include "check_main.h"
#include "core/arena.h"
#include "http/form.h"

static const char *const colours[] = { "red", "green", NULL };

static const struct field_def defs[] = {
	{ "state", FT_ISO3, FIELD_REQUIRED, 0, 0, 0, NULL },
	{ "mandate", FT_SLUG, FIELD_MULTI, 0, 0, 0, NULL },
	{ "summary", FT_TEXT, FIELD_REQUIRED, 20, 0, 0, NULL },
	{ "name", FT_LINE, 0, 0, 0, 0, NULL },
	{ "age", FT_INT, 0, 0, 0, 150, NULL },
	{ "colour", FT_CHOICE, 0, 0, 0, 0, colours },
	{ "consent", FT_YESNO, 0, 0, 0, 0, NULL },
	{ "date", FT_DATE, 0, 0, 0, 0, NULL },
	{ "email", FT_EMAIL, 0, 0, 0, 0, NULL },
};
#define NDEFS (sizeof(defs) / sizeof(defs[0]))

static struct arena	*a;

static void setup(void) { a = arena_new(1u << 20); }
static void teardown(void) { arena_free(a); }

static enum form_status
run(const char *const *kv, size_t n, struct form *f)
{
	struct kv	*pairs = arena_calloc(a, n, sizeof(*pairs));
	size_t		 i;

	for (i = 0; i < n; i++) {
		pairs[i].key = kv[2 * i];
		pairs[i].keylen = strlen(kv[2 * i]);
		pairs[i].val = kv[2 * i + 1];
		pairs[i].vallen = strlen(kv[2 * i + 1]);
	}
	return form_validate(a, defs, NDEFS, pairs, n, f);
}

START_TEST(valid_form_is_ok_and_trimmed)
{
	const char *kv[] = { "state", "IRN", "summary", "  what happened \n" };
	struct form f;

	ck_assert_int_eq(run(kv, 2, &f), FORM_OK);
	ck_assert_str_eq(form_value(&f, "summary"), "what happened");
	ck_assert_str_eq(form_raw(&f, "summary"), "  what happened \n");
}
END_TEST

START_TEST(undeclared_fields_are_dropped)
{
	const char *kv[] = { "state", "IRN", "summary", "x", "admin", "1" };
	struct form f;

	ck_assert_int_eq(run(kv, 3, &f), FORM_OK);
	ck_assert_ptr_null(form_field(&f, "admin"));
}
END_TEST

START_TEST(missing_required_field_is_an_error_kept_apart)
{
	const char *kv[] = { "summary", "x", "name", "Ana" };
	struct form f;

	ck_assert_int_eq(run(kv, 2, &f), FORM_INVALID);
	ck_assert_int_eq(form_field(&f, "state")->error, FE_MISSING);
	ck_assert_str_eq(form_value(&f, "name"), "Ana");
	ck_assert_uint_eq(f.nerrors, 1);
}
END_TEST

START_TEST(blank_required_field_is_missing)
{
	const char *kv[] = { "state", "IRN", "summary", " \n\t " };
	struct form f;

	ck_assert_int_eq(run(kv, 2, &f), FORM_INVALID);
	ck_assert_int_eq(form_field(&f, "summary")->error, FE_MISSING);
}
END_TEST

START_TEST(invalid_value_keeps_what_was_typed)
{
	const char *kv[] = { "state", "iran<>", "summary", "x" };
	struct form f;

	ck_assert_int_eq(run(kv, 2, &f), FORM_INVALID);
	ck_assert_int_eq(form_field(&f, "state")->error, FE_INVALID);
	ck_assert_ptr_null(form_value(&f, "state"));
	ck_assert_str_eq(form_raw(&f, "state"), "iran<>");
}
END_TEST

START_TEST(duplicate_single_field_is_a_bad_request)
{
	const char *kv[] = { "state", "IRN", "state", "FRA", "summary", "x" };
	struct form f;

	ck_assert_int_eq(run(kv, 3, &f), FORM_BAD);
}
END_TEST

START_TEST(repeatable_field_validates_every_value)
{
	const char *kv[] = { "state", "IRN", "summary", "x", "mandate", "torture",
	    "mandate", "Bad Slug" };
	struct form f;

	ck_assert_int_eq(run(kv, 4, &f), FORM_INVALID);
	ck_assert_uint_eq(form_field(&f, "mandate")->nvalues, 2);
	ck_assert_int_eq(form_field(&f, "mandate")->values[0].error, FE_NONE);
	ck_assert_int_eq(form_field(&f, "mandate")->values[1].error, FE_INVALID);
}
END_TEST

START_TEST(too_long_value_is_refused)
{
	const char *kv[] = { "state", "IRN", "summary", "123456789012345678901" };
	struct form f;

	ck_assert_int_eq(run(kv, 2, &f), FORM_INVALID);
	ck_assert_int_eq(form_field(&f, "summary")->error, FE_TOO_LONG);
}
END_TEST

START_TEST(line_refuses_control_characters_text_allows_newlines)
{
	const char *bad[] = { "state", "IRN", "summary", "a\nb", "name", "a\nb" };
	const char *esc[] = { "state", "IRN", "summary", "a\x1b[31m", };
	struct form f;

	ck_assert_int_eq(run(bad, 3, &f), FORM_INVALID);
	ck_assert_int_eq(form_field(&f, "summary")->error, FE_NONE);
	ck_assert_int_eq(form_field(&f, "name")->error, FE_INVALID);
	ck_assert_int_eq(run(esc, 2, &f), FORM_INVALID);
}
END_TEST

START_TEST(integers_are_range_checked)
{
	const char *ok[] = { "state", "IRN", "summary", "x", "age", "150" };
	const char *big[] = { "state", "IRN", "summary", "x", "age", "151" };
	const char *neg[] = { "state", "IRN", "summary", "x", "age", "-1" };
	struct form f;

	ck_assert_int_eq(run(ok, 3, &f), FORM_OK);
	ck_assert_int_eq(form_field(&f, "age")->values[0].num, 150);
	ck_assert_int_eq(run(big, 3, &f), FORM_INVALID);
	ck_assert_int_eq(run(neg, 3, &f), FORM_INVALID);
}
END_TEST

START_TEST(choices_yesno_dates_and_emails)
{
	struct { const char *field, *value; int ok; } cases[] = {
		{ "colour", "red", 1 }, { "colour", "blue", 0 },
		{ "consent", "yes", 1 }, { "consent", "Yes", 0 },
		{ "date", "2024-02-29", 1 }, { "date", "2023-02-29", 0 },
		{ "date", "2024-13-01", 0 }, { "date", "2024-00-10", 0 },
		{ "date", "2024-04-31", 0 }, { "date", "24-04-01", 0 },
		{ "email", "a@b.org", 1 }, { "email", "a@b", 0 },
		{ "email", "a b@c.org", 0 }, { "email", "@c.org", 0 },
	};
	struct form f;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *kv[] = { "state", "IRN", "summary", "x",
		    cases[i].field, cases[i].value };
		ck_assert_msg(run(kv, 3, &f) == (cases[i].ok ? FORM_OK :
		    FORM_INVALID), "%s=%s", cases[i].field, cases[i].value);
	}
}
END_TEST

static Suite *
form_suite(void)
{
	Suite	*s = suite_create("form");
	TCase	*tc = tcase_create("form");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, valid_form_is_ok_and_trimmed);
	tcase_add_test(tc, undeclared_fields_are_dropped);
	tcase_add_test(tc, missing_required_field_is_an_error_kept_apart);
	tcase_add_test(tc, blank_required_field_is_missing);
	tcase_add_test(tc, invalid_value_keeps_what_was_typed);
	tcase_add_test(tc, duplicate_single_field_is_a_bad_request);
	tcase_add_test(tc, repeatable_field_validates_every_value);
	tcase_add_test(tc, too_long_value_is_refused);
	tcase_add_test(tc, line_refuses_control_characters_text_allows_newlines);
	tcase_add_test(tc, integers_are_range_checked);
	tcase_add_test(tc, choices_yesno_dates_and_emails);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(form_suite)
