/* CSV: RFC 4180 records, streamed in any pieces, bounded, UTF-8 checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "core/csv.h"

#define MAXREC	8

/* What the callback saw: fields joined by '|', records by '\n'. */
struct seen {
	char	 out[4096];
	size_t	 n;
	size_t	 lines[MAXREC];
	size_t	 nrec;
	int	 stop_after;
};

/* Append, keeping what fits. */
static void
add(struct seen *s, const char *t)
{
	size_t	 n = strlen(t);

	if (n > sizeof(s->out) - 1 - s->n)
		n = sizeof(s->out) - 1 - s->n;
	memcpy(s->out + s->n, t, n);
	s->n += n;
	s->out[s->n] = '\0';
}

static int
collect(const struct csv_record *r, void *arg)
{
	struct seen	*s = arg;
	size_t		 i;

	for (i = 0; i < r->nfields; i++) {
		ck_assert_uint_eq(strlen(r->field[i]), r->len[i]);
		add(s, i ? "|" : "");
		add(s, r->field[i]);
	}
	add(s, "\n");
	if (s->nrec < MAXREC)
		s->lines[s->nrec] = r->line;
	s->nrec++;
	return s->stop_after != 0 && (int)s->nrec >= s->stop_after ? -1 : 0;
}

/* Parse in one piece; and again one byte at a time, which must agree. */
static enum csv_err
parse(const char *in, size_t len, struct seen *s)
{
	struct csv	 p;
	struct seen	 b;
	enum csv_err	 e, eb;
	size_t		 i;

	memset(s, 0, sizeof(*s));
	memset(&b, 0, sizeof(b));
	ck_assert_int_eq(csv_init(&p, collect, s), 0);
	if ((e = csv_feed(&p, in, len)) == CSV_OK)
		e = csv_end(&p);
	csv_free(&p);
	ck_assert_int_eq(csv_init(&p, collect, &b), 0);
	for (i = 0, eb = CSV_OK; i < len && eb == CSV_OK; i++)
		eb = csv_feed(&p, in + i, 1);
	if (eb == CSV_OK)
		eb = csv_end(&p);
	csv_free(&p);
	ck_assert_int_eq(e, eb);
	ck_assert_str_eq(s->out, b.out);
	return e;
}

#define P(lit, s)	parse((lit), sizeof(lit) - 1, (s))

START_TEST(plain_records_split_on_commas_and_lf)
{
	struct seen	 s;

	ck_assert_int_eq(P("a,b,c\n1,2,3\n", &s), CSV_OK);
	ck_assert_str_eq(s.out, "a|b|c\n1|2|3\n");
	ck_assert_uint_eq(s.lines[1], 2);
}
END_TEST

START_TEST(crlf_ends_a_record)
{
	struct seen	 s;

	ck_assert_int_eq(P("a,b\r\n1,2\r\n", &s), CSV_OK);
	ck_assert_str_eq(s.out, "a|b\n1|2\n");
}
END_TEST

START_TEST(last_record_needs_no_line_break)
{
	struct seen	 s;

	ck_assert_int_eq(P("a,b\n1,", &s), CSV_OK);
	ck_assert_str_eq(s.out, "a|b\n1|\n");
}
END_TEST

START_TEST(quotes_hold_commas_doubled_quotes_and_newlines)
{
	struct seen	 s;

	ck_assert_int_eq(P("\"a,b\",\"say \"\"no\"\"\",\"two\r\nlines\"\nx,y,z\n",
	    &s), CSV_OK);
	ck_assert_str_eq(s.out, "a,b|say \"no\"|two\r\nlines\nx|y|z\n");
	/* The second record starts on the third line of the file. */
	ck_assert_uint_eq(s.lines[1], 3);
}
END_TEST

START_TEST(empty_quoted_field_is_a_field_and_empty_lines_are_skipped)
{
	struct seen	 s;

	ck_assert_int_eq(P("a\n\n\"\"\n,\n", &s), CSV_OK);
	ck_assert_str_eq(s.out, "a\n\n|\n");
	ck_assert_uint_eq(s.nrec, 3);
	ck_assert_uint_eq(s.lines[1], 3);
}
END_TEST

START_TEST(byte_order_mark_is_dropped_at_the_start_only)
{
	struct seen	 s;

	ck_assert_int_eq(P("\xef\xbb\xbfid,x\n\xef\xbb\xbfy,z\n", &s), CSV_OK);
	ck_assert_str_eq(s.out, "id|x\n\xef\xbb\xbfy|z\n");
}
END_TEST

START_TEST(quote_inside_unquoted_field_is_an_error)
{
	struct seen	 s;

	ck_assert_int_eq(P("ok\nab\"c\n", &s), CSV_ERR_QUOTE);
	ck_assert_uint_eq(s.nrec, 1);
}
END_TEST

START_TEST(text_after_closing_quote_is_an_error)
{
	struct seen	 s;

	ck_assert_int_eq(P("\"a\"b\n", &s), CSV_ERR_AFTER_QUOTE);
}
END_TEST

START_TEST(unclosed_quote_at_end_is_an_error)
{
	struct seen	 s;

	ck_assert_int_eq(P("a,\"open\n", &s), CSV_ERR_OPEN_QUOTE);
	ck_assert_uint_eq(s.nrec, 0);
}
END_TEST

START_TEST(bare_cr_is_an_error)
{
	struct seen	 s;

	ck_assert_int_eq(P("a\rb\n", &s), CSV_ERR_BARE_CR);
	ck_assert_int_eq(P("a\r", &s), CSV_ERR_BARE_CR);
}
END_TEST

START_TEST(invalid_utf8_and_nul_are_errors_with_their_line)
{
	struct seen	 s;
	struct csv	 p;

	ck_assert_int_eq(P("a\nb\xc3\x28\n", &s), CSV_ERR_UTF8);
	ck_assert_int_eq(P("a\n\"b\0c\"\n", &s), CSV_ERR_UTF8);
	ck_assert_int_eq(P("\xc0\xaf\n", &s), CSV_ERR_UTF8);
	ck_assert_int_eq(csv_init(&p, collect, &s), 0);
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(csv_feed(&p, "a\nb\n\xff\n", 6), CSV_ERR_UTF8);
	ck_assert_uint_eq(p.err_line, 3);
	csv_free(&p);
}
END_TEST

START_TEST(too_many_fields_is_an_error)
{
	struct seen	 s;
	char		 in[CSV_FIELDS_MAX * 2 + 8];
	size_t		 i, n = 0;

	for (i = 0; i < CSV_FIELDS_MAX; i++) {
		in[n++] = 'x';
		in[n++] = ',';
	}
	in[n - 1] = '\n';
	ck_assert_int_eq(parse(in, n, &s), CSV_OK);
	in[n - 1] = ',';
	in[n++] = '\n';
	ck_assert_int_eq(parse(in, n, &s), CSV_ERR_TOO_MANY);
}
END_TEST

START_TEST(record_over_the_limit_is_an_error)
{
	struct seen	 s;
	struct csv	 p;
	char		*big;
	size_t		 n = CSV_RECORD_MAX_BYTES + 10;

	ck_assert_ptr_nonnull(big = malloc(n));
	memset(big, 'x', n);
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(csv_init(&p, collect, &s), 0);
	ck_assert_int_eq(csv_feed(&p, big, n), CSV_ERR_TOO_LONG);
	csv_free(&p);
	/* Just under the limit passes. */
	big[CSV_RECORD_MAX_BYTES - 2] = '\n';
	ck_assert_int_eq(csv_init(&p, collect, &s), 0);
	ck_assert_int_eq(csv_feed(&p, big, CSV_RECORD_MAX_BYTES - 1), CSV_OK);
	ck_assert_uint_eq(s.nrec, 1);
	csv_free(&p);
	free(big);
}
END_TEST

START_TEST(callback_can_stop_the_parse)
{
	struct seen	 s;
	struct csv	 p;

	memset(&s, 0, sizeof(s));
	s.stop_after = 1;
	ck_assert_int_eq(csv_init(&p, collect, &s), 0);
	ck_assert_int_eq(csv_feed(&p, "a\nb\nc\n", 6), CSV_ERR_STOPPED);
	ck_assert_uint_eq(s.nrec, 1);
	csv_free(&p);
}
END_TEST

START_TEST(quote_writes_what_the_parser_reads_back)
{
	static const char *const v[] = { "plain", "a,b", "say \"x\"",
	    "two\r\nlines", "", " lead", "\"" };
	char		 line[256], one[64];
	size_t		 i, n = 0, k;
	struct seen	 s;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		k = csv_quote(v[i], strlen(v[i]), one, sizeof(one));
		ck_assert_uint_le(k, 2 * strlen(v[i]) + 2);
		if (i > 0)
			line[n++] = ',';
		memcpy(line + n, one, k);
		n += k;
	}
	line[n++] = '\n';
	ck_assert_int_eq(parse(line, n, &s), CSV_OK);
	ck_assert_str_eq(s.out, "plain|a,b|say \"x\"|two\r\nlines|| lead|\"\n");
	ck_assert_uint_eq(csv_quote("a,b", 3, one, 2), 5);
}
END_TEST

static Suite *
csv_suite(void)
{
	Suite	*s = suite_create("csv");
	TCase	*tc = tcase_create("rfc4180");

	tcase_add_test(tc, plain_records_split_on_commas_and_lf);
	tcase_add_test(tc, crlf_ends_a_record);
	tcase_add_test(tc, last_record_needs_no_line_break);
	tcase_add_test(tc, quotes_hold_commas_doubled_quotes_and_newlines);
	tcase_add_test(tc, empty_quoted_field_is_a_field_and_empty_lines_are_skipped);
	tcase_add_test(tc, byte_order_mark_is_dropped_at_the_start_only);
	tcase_add_test(tc, quote_inside_unquoted_field_is_an_error);
	tcase_add_test(tc, text_after_closing_quote_is_an_error);
	tcase_add_test(tc, unclosed_quote_at_end_is_an_error);
	tcase_add_test(tc, bare_cr_is_an_error);
	tcase_add_test(tc, invalid_utf8_and_nul_are_errors_with_their_line);
	tcase_add_test(tc, too_many_fields_is_an_error);
	tcase_add_test(tc, record_over_the_limit_is_an_error);
	tcase_add_test(tc, callback_can_stop_the_parse);
	tcase_add_test(tc, quote_writes_what_the_parser_reads_back);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(csv_suite)
