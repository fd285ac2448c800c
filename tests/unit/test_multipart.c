/*
 * Streaming multipart/form-data. Most cases run the same body three ways
 * (whole, split in two at every byte, one byte at a time) and require the
 * same outcome, since the parser must not depend on how reads fall.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "core/arena.h"
#include "core/writer.h"
#include "http/multipart.h"
#include "portal_limits.h"

#define CT	"multipart/form-data; boundary=AaB03x"
#define S(lit)	(lit), sizeof(lit) - 1

/* What the callbacks saw, as text: "[index name filename type]data[/]". */
struct rec {
	struct buf	 log;
	uint64_t	 partbytes;	/* delivered to the current part */
	uint64_t	 maxpart;	/* most delivered to any part */
	int		 abort_on;	/* 'b', 'd', 'e': that one fails */
	int		 done;		/* an error was returned */
	int		 late;		/* callbacks after an error */
};

static int
on_begin(void *ctx, const struct mp_part *p)
{
	struct rec	*r = ctx;
	char		 line[4096];

	r->late += r->done;
	r->partbytes = 0;
	snprintf(line, sizeof(line), "[%zu %s %s %s]", p->index, p->name,
	    p->filename ? p->filename : "-",
	    p->content_type ? p->content_type : "-");
	ck_assert_int_eq(buf_append(&r->log, line, strlen(line)), 0);
	return r->abort_on == 'b' ? -1 : 0;
}

static int
on_data(void *ctx, const struct mp_part *p, const char *b, size_t len)
{
	struct rec	*r = ctx;

	(void)p;
	r->late += r->done;
	ck_assert_uint_gt(len, 0);
	r->partbytes += len;
	if (r->partbytes > r->maxpart)
		r->maxpart = r->partbytes;
	ck_assert_int_eq(buf_append(&r->log, b, len), 0);
	return r->abort_on == 'd' ? -1 : 0;
}

static int
on_end(void *ctx, const struct mp_part *p)
{
	struct rec	*r = ctx;

	(void)p;
	r->late += r->done;
	ck_assert_int_eq(buf_append(&r->log, "[/]", 3), 0);
	return r->abort_on == 'e' ? -1 : 0;
}

static const struct mp_callbacks cbs = { on_begin, on_data, on_end };

static struct arena	*a;

static void
setup(void)
{
	a = arena_new(ARENA_MAX_BYTES);
	ck_assert_ptr_nonnull(a);
}

static void
teardown(void)
{
	arena_free(a);
}

/*
 * Feed body[0..len) in two pieces split at split, or in pieces of chunk
 * bytes if chunk is not 0; then finish. Once an error is returned, keep
 * feeding to check it sticks and no callback runs.
 */
static enum mp_err
run(const char *ct, const struct mp_limits *lim, const char *body, size_t len,
    size_t split, size_t chunk, struct rec *r)
{
	struct mp_parser	*p;
	enum mp_err		 e, first = MP_OK;
	size_t			 off, n;

	arena_reset(a);
	memset(r, 0, sizeof(*r));
	buf_init(&r->log, a, 1u << 20);
	ck_assert_int_eq(buf_append(&r->log, "", 0), 0);
	p = mp_new(a, ct, strlen(ct), lim, &cbs, r, &e);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(e, MP_OK);
	for (off = 0; off < len; off += n) {
		if (chunk != 0)
			n = len - off < chunk ? len - off : chunk;
		else
			n = off < split ? split - off : len - off;
		e = mp_feed(p, body + off, n);
		if (first != MP_OK)
			ck_assert_int_eq(e, first);
		else if (e != MP_OK) {
			first = e;
			r->done = 1;
		}
	}
	e = mp_finish(p);
	if (first != MP_OK)
		ck_assert_int_eq(e, first);
	ck_assert_int_eq(mp_feed(p, "x", 1), e);
	ck_assert_int_eq(mp_finish(p), e);
	ck_assert_int_eq(r->late, 0);
	return e;
}

static void
log_eq(const struct rec *r, const char *want, size_t wantlen, const char *how,
    size_t at)
{
	ck_assert_msg(r->log.len == wantlen &&
	    memcmp(r->log.data, want, wantlen) == 0,
	    "%s %zu: got \"%s\", want \"%s\"", how, at, r->log.data, want);
}

/*
 * The body gives want (and, if wantlog is not NULL, that log) fed whole,
 * split in two at every byte, and one byte at a time.
 */
static void
check_body(const char *ct, const struct mp_limits *lim, const char *body,
    size_t len, enum mp_err want, const char *wantlog)
{
	struct rec	 r;
	char		*whole;
	size_t		 wlen, k;

	ck_assert_int_eq(run(ct, lim, body, len, len, 0, &r), want);
	if (wantlog != NULL)
		log_eq(&r, wantlog, strlen(wantlog), "whole", len);
	/* The log lives in the arena that run() resets: keep a copy. */
	wlen = r.log.len;
	ck_assert_ptr_nonnull(whole = malloc(wlen + 1));
	memcpy(whole, r.log.data, wlen + 1);

	for (k = 0; k <= len; k++) {
		ck_assert_msg(run(ct, lim, body, len, k, 0, &r) == want,
		    "split at %zu", k);
		if (want == MP_OK)
			log_eq(&r, whole, wlen, "split at", k);
	}
	ck_assert_int_eq(run(ct, lim, body, len, 0, 1, &r), want);
	if (want == MP_OK)
		log_eq(&r, whole, wlen, "byte by byte", 1);
	free(whole);
}

#define CHECK(body, want, log)	check_body(CT, NULL, S(body), (want), (log))

static const char form[] =
    "This preamble is ignored.\r\n"
    "--AaB03x\r\n"
    "Content-Disposition: form-data; name=\"title\"\r\n"
    "\r\n"
    "Arrest of J. Doe\r\n"
    "--AaB03x\r\n"
    "Content-Disposition: form-data; name=\"summary\"\r\n"
    "\r\n"
    "Line one\r\nLine two --AaB03x\r\n--AaB03 not yet\r\n"
    "--AaB03x\r\n"
    "Content-Disposition: form-data; name=\"evidence\"; filename=\"r.bin\"\r\n"
    "Content-Type: application/octet-stream\r\n"
    "\r\n"
    "\x00\x01\r\r\n\n\r\n-\r\n--\r\n--A\xff\xfe\r\n"
    "\r\n"
    "--AaB03x--\r\n"
    "This epilogue is ignored, even --AaB03x\r\n";

static const char form_log[] =
    "[0 title - -]Arrest of J. Doe[/]"
    "[1 summary - -]Line one\r\nLine two --AaB03x\r\n--AaB03 not yet[/]"
    "[2 evidence r.bin application/octet-stream]"
    "\x00\x01\r\r\n\n\r\n-\r\n--\r\n--A\xff\xfe\r\n[/]";

START_TEST(a_form_is_delivered_part_by_part)
{
	struct rec	 r;

	ck_assert_int_eq(run(CT, NULL, S(form), sizeof(form) - 1, 0, &r),
	    MP_OK);
	log_eq(&r, form_log, sizeof(form_log) - 1, "whole", 0);
}
END_TEST

START_TEST(split_at_every_byte_gives_identical_results)
{
	struct rec	 r;
	size_t		 k;

	for (k = 0; k <= sizeof(form) - 1; k++) {
		ck_assert_int_eq(run(CT, NULL, S(form), k, 0, &r), MP_OK);
		log_eq(&r, form_log, sizeof(form_log) - 1, "split at", k);
	}
}
END_TEST

START_TEST(one_byte_at_a_time_gives_identical_results)
{
	struct rec	 r;
	size_t		 chunk;

	for (chunk = 1; chunk <= 80; chunk++) {
		ck_assert_int_eq(run(CT, NULL, S(form), 0, chunk, &r), MP_OK);
		log_eq(&r, form_log, sizeof(form_log) - 1, "chunk", chunk);
	}
}
END_TEST

START_TEST(boundary_like_text_inside_data_is_data)
{
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "--AaB03x\r\n-AaB03x\r--AaB03x\n--AaB03x\r\r\n--AaB03\r\n--aab03x"
	    "\r\n--AaB03y\r\n\r\n--\r\n--AaB0\r\n"
	    "\r\n--AaB03x--",
	    MP_OK,
	    "[0 a - -]"
	    "--AaB03x\r\n-AaB03x\r--AaB03x\n--AaB03x\r\r\n--AaB03\r\n--aab03x"
	    "\r\n--AaB03y\r\n\r\n--\r\n--AaB0\r\n[/]");
}
END_TEST

START_TEST(delimiter_followed_by_other_text_is_syntax)
{
	/* RFC 2046: the delimiter may not occur inside a part. */
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "x\r\n--AaB03xYZ\r\n--AaB03x--", MP_SYNTAX, NULL);
	CHECK("--AaB03x-\r\n", MP_SYNTAX, NULL);
	CHECK("--AaB03x \r\r\n", MP_SYNTAX, NULL);
}
END_TEST

START_TEST(missing_close_delimiter_is_truncated)
{
	struct rec	 r;
	size_t		 end, k;

	/* Every prefix that stops short of the final "--" is truncated. */
	/* form holds NUL bytes, so no strstr(3). */
	for (end = 0; memcmp(form + end, "--AaB03x--", 10) != 0; end++)
		continue;
	end += 10;
	for (k = 0; k < end; k++)
		ck_assert_msg(run(CT, NULL, form, k, k, 0, &r) == MP_TRUNCATED,
		    "prefix of %zu", k);
	ck_assert_int_eq(run(CT, NULL, form, end, end, 0, &r), MP_OK);
	CHECK("", MP_TRUNCATED, "");
}
END_TEST

START_TEST(preamble_and_epilogue_are_ignored)
{
	CHECK("junk\r\n--AaB03 junk\r\n\r\n--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n1"
	    "\r\n--AaB03x--trailing junk\r\n--AaB03x\r\nmore",
	    MP_OK, "[0 a - -]1[/]");
}
END_TEST

START_TEST(first_delimiter_may_open_the_body)
{
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--AaB03x--",
	    MP_OK, "[0 a - -]1[/]");
	CHECK("\r\n--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--AaB03x--",
	    MP_OK, "[0 a - -]1[/]");
}
END_TEST

START_TEST(close_delimiter_alone_is_an_empty_form)
{
	CHECK("--AaB03x--\r\n", MP_OK, "");
}
END_TEST

START_TEST(crlf_before_delimiter_belongs_to_it)
{
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"empty\"\r\n\r\n"
	    "\r\n--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"crlf\"\r\n\r\n"
	    "\r\n\r\n--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"cr\"\r\n\r\n"
	    "x\r\r\n--AaB03x--",
	    MP_OK,
	    "[0 empty - -][/][1 crlf - -]\r\n[/][2 cr - -]x\r[/]");
}
END_TEST

START_TEST(transport_padding_after_delimiter_is_allowed)
{
	CHECK("--AaB03x \t \r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n1"
	    "\r\n--AaB03x\t\r\n"
	    "Content-Disposition: form-data; name=\"b\"\r\n\r\n2"
	    "\r\n--AaB03x--  \r\n",
	    MP_OK, "[0 a - -]1[/][1 b - -]2[/]");
}
END_TEST

START_TEST(bare_lf_after_delimiter_is_syntax)
{
	CHECK("--AaB03x\n"
	    "Content-Disposition: form-data; name=\"a\"\n\n1\n--AaB03x--\n",
	    MP_SYNTAX, NULL);
	CHECK("--AaB03x\r\r\n", MP_SYNTAX, NULL);
}
END_TEST

START_TEST(empty_file_part_is_a_file)
{
	struct mp_limits	 lim;

	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"f\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n"
	    "\r\n--AaB03x--",
	    MP_OK, "[0 f  application/octet-stream][/]");
	/* It counts towards the file limit. */
	mp_limits_default(&lim);
	lim.max_files = 0;
	check_body(CT, &lim, S("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"f\"; filename=\"\"\r\n\r\n"
	    "\r\n--AaB03x--"), MP_TOO_MANY_FILES, NULL);
}
END_TEST

START_TEST(part_content_type_is_reported_or_null)
{
	CHECK("--AaB03x\r\n"
	    "Content-Type:   text/plain; charset=UTF-8  \r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
	    "--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n"
	    "--AaB03x--",
	    MP_OK, "[0 a - text/plain; charset=UTF-8]1[/][1 b - -]2[/]");
}
END_TEST

START_TEST(header_names_are_case_insensitive)
{
	CHECK("--AaB03x\r\n"
	    "CONTENT-DISPOSITION: FORM-DATA; NAME=\"a\"; FileName=\"x\"\r\n"
	    "content-type: text/plain\r\n\r\n1\r\n--AaB03x--",
	    MP_OK, "[0 a x text/plain]1[/]");
}
END_TEST

START_TEST(unknown_headers_and_parameters_are_ignored)
{
	CHECK("--AaB03x\r\n"
	    "X-Whatever: yes\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n"
	    "Content-Disposition: form-data; size=3; name=a;"
	    " filename*=UTF-8''%e2%82%ac.txt ;\r\n\r\n1\r\n--AaB03x--",
	    MP_OK, "[0 a - -]1[/]");
}
END_TEST

START_TEST(quoted_string_escapes_are_resolved)
{
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\\\"b\";"
	    " filename=\"C:\\\\x \\;y\"\r\n\r\n1\r\n--AaB03x--",
	    MP_OK, "[0 a\"b C:\\x ;y -]1[/]");
}
END_TEST

START_TEST(utf8_names_and_filenames_are_kept)
{
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"t\xc3\xa9moin\";"
	    " filename=\"\xd8\xaa\xd9\x82\xd8\xb1\xd9\x8a\xd8\xb1.pdf\"\r\n\r\n"
	    "1\r\n--AaB03x--",
	    MP_OK,
	    "[0 t\xc3\xa9moin "
	    "\xd8\xaa\xd9\x82\xd8\xb1\xd9\x8a\xd8\xb1.pdf -]1[/]");
}
END_TEST

START_TEST(part_without_name_is_syntax)
{
	CHECK("--AaB03x\r\n"
	    "Content-Type: text/plain\r\n\r\n1\r\n--AaB03x--", MP_SYNTAX, NULL);
	CHECK("--AaB03x\r\n\r\n1\r\n--AaB03x--", MP_SYNTAX, NULL);
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; filename=\"x\"\r\n\r\n"
	    "1\r\n--AaB03x--", MP_SYNTAX, NULL);
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"\"\r\n\r\n"
	    "1\r\n--AaB03x--", MP_SYNTAX, NULL);
}
END_TEST

START_TEST(disposition_other_than_form_data_is_syntax)
{
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: attachment; name=\"a\"\r\n\r\n"
	    "1\r\n--AaB03x--", MP_SYNTAX, NULL);
}
END_TEST

START_TEST(repeated_headers_and_parameters_are_syntax)
{
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n"
	    "Content-Disposition: form-data; name=\"b\"\r\n\r\n"
	    "1\r\n--AaB03x--", MP_SYNTAX, NULL);
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\n"
	    "1\r\n--AaB03x--", MP_SYNTAX, NULL);
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=a; filename=x; filename=y"
	    "\r\n\r\n1\r\n--AaB03x--", MP_SYNTAX, NULL);
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=a\r\n"
	    "Content-Type: a/b\r\nContent-Type: c/d\r\n\r\n"
	    "1\r\n--AaB03x--", MP_SYNTAX, NULL);
}
END_TEST

START_TEST(malformed_header_lines_are_syntax)
{
	/* Bare LF, bare CR, folding, blank before colon, no colon. */
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\"\n\r\n\r\n"
	    "1\r\n--AaB03x--", MP_SYNTAX, NULL);
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data;\r name=\"a\"\r\n\r\n"
	    "1\r\n--AaB03x--", MP_SYNTAX, NULL);
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data;\r\n name=\"a\"\r\n\r\n"
	    "1\r\n--AaB03x--", MP_SYNTAX, NULL);
	CHECK("--AaB03x\r\n"
	    "Content-Disposition : form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--AaB03x--", MP_SYNTAX, NULL);
	CHECK("--AaB03x\r\n"
	    "Content-Disposition form-data; name=\"a\"\r\n\r\n"
	    "1\r\n--AaB03x--", MP_SYNTAX, NULL);
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\r\n\r\n"
	    "1\r\n--AaB03x--", MP_SYNTAX, NULL);
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\"\x01\r\n\r\n"
	    "1\r\n--AaB03x--", MP_SYNTAX, NULL);
}
END_TEST

START_TEST(invalid_utf8_or_nul_in_headers_is_bad_utf8)
{
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\xff\"\r\n\r\n"
	    "1\r\n--AaB03x--", MP_BAD_UTF8, NULL);
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\"; filename=\"\xc0\xae\""
	    "\r\n\r\n1\r\n--AaB03x--", MP_BAD_UTF8, NULL);
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\x00\"\r\n\r\n"
	    "1\r\n--AaB03x--", MP_BAD_UTF8, NULL);
}
END_TEST

START_TEST(field_data_must_be_utf8_file_data_need_not)
{
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "ok \xff\r\n--AaB03x--", MP_BAD_UTF8, NULL);
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "nul \x00 inside\r\n--AaB03x--", MP_BAD_UTF8, NULL);
	/* A sequence cut by the delimiter is truncated text. */
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "\xe2\x82\r\n--AaB03x--", MP_BAD_UTF8, NULL);
	CHECK("--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\"; filename=\"b\"\r\n\r\n"
	    "\xff\xe2\x82\xc0\r\n--AaB03x--", MP_OK,
	    "[0 a b -]\xff\xe2\x82\xc0[/]");
}
END_TEST

START_TEST(part_header_over_limit_is_refused)
{
	struct mp_limits	 lim;
	static const char	 hdr[] =
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n";
	char			 body[256];

	mp_limits_default(&lim);
	lim.max_header_bytes = sizeof(hdr) - 1;
	snprintf(body, sizeof(body), "--AaB03x\r\n%s1\r\n--AaB03x--", hdr);
	check_body(CT, &lim, body, strlen(body), MP_OK, "[0 a - -]1[/]");
	lim.max_header_bytes--;
	check_body(CT, &lim, body, strlen(body), MP_HEADER_TOO_LARGE, NULL);
}
END_TEST

START_TEST(part_header_without_end_hits_the_limit)
{
	static char	 body[MP_PART_HEADER_MAX_BYTES + 64];
	struct rec	 r;

	memcpy(body, "--AaB03x\r\nX: ", 13);
	memset(body + 13, 'x', sizeof(body) - 13);
	ck_assert_int_eq(run(CT, NULL, body, sizeof(body), sizeof(body), 0,
	    &r), MP_HEADER_TOO_LARGE);
}
END_TEST

START_TEST(name_and_filename_over_limit_are_refused)
{
	struct mp_limits	 lim;
	static char		 body[2 * MP_FILENAME_MAX_BYTES + 512];
	static char		 fn[MP_FILENAME_MAX_BYTES + 2];
	char			 nm[FIELD_NAME_MAX_BYTES + 2];
	struct rec		 r;

	mp_limits_default(&lim);
	lim.max_header_bytes = sizeof(body);
	memset(nm, 'n', sizeof(nm));
	memset(fn, 'f', sizeof(fn));
	nm[FIELD_NAME_MAX_BYTES] = '\0';
	fn[MP_FILENAME_MAX_BYTES] = '\0';
	snprintf(body, sizeof(body), "--AaB03x\r\nContent-Disposition: "
	    "form-data; name=\"%s\"; filename=\"%s\"\r\n\r\n\r\n--AaB03x--",
	    nm, fn);
	ck_assert_int_eq(run(CT, &lim, body, strlen(body), 0, 0, &r), MP_OK);
	nm[FIELD_NAME_MAX_BYTES] = 'n';
	nm[FIELD_NAME_MAX_BYTES + 1] = '\0';
	snprintf(body, sizeof(body), "--AaB03x\r\nContent-Disposition: "
	    "form-data; name=\"%s\"\r\n\r\n\r\n--AaB03x--", nm);
	ck_assert_int_eq(run(CT, &lim, body, strlen(body), 0, 0, &r),
	    MP_HEADER_TOO_LARGE);
	fn[MP_FILENAME_MAX_BYTES] = 'f';
	fn[MP_FILENAME_MAX_BYTES + 1] = '\0';
	snprintf(body, sizeof(body), "--AaB03x\r\nContent-Disposition: "
	    "form-data; name=\"a\"; filename=\"%s\"\r\n\r\n\r\n--AaB03x--", fn);
	ck_assert_int_eq(run(CT, &lim, body, strlen(body), 0, 0, &r),
	    MP_HEADER_TOO_LARGE);
}
END_TEST

static const char three_parts[] =
    "--AaB03x\r\n"
    "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
    "--AaB03x\r\n"
    "Content-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n"
    "--AaB03x\r\n"
    "Content-Disposition: form-data; name=\"c\"\r\n\r\n3\r\n"
    "--AaB03x--";

START_TEST(too_many_parts_are_refused)
{
	struct mp_limits	 lim;

	mp_limits_default(&lim);
	lim.max_parts = 3;
	check_body(CT, &lim, S(three_parts), MP_OK,
	    "[0 a - -]1[/][1 b - -]2[/][2 c - -]3[/]");
	lim.max_parts = 2;
	check_body(CT, &lim, S(three_parts), MP_TOO_MANY_PARTS, NULL);
}
END_TEST

static const char two_files[] =
    "--AaB03x\r\n"
    "Content-Disposition: form-data; name=\"f1\"; filename=\"a.txt\"\r\n\r\n"
    "0123456789\r\n"
    "--AaB03x\r\n"
    "Content-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n"
    "--AaB03x\r\n"
    "Content-Disposition: form-data; name=\"f2\"; filename=\"b.txt\"\r\n\r\n"
    "0123456789x\r\n"
    "--AaB03x--";

START_TEST(file_one_byte_over_its_cap_is_refused)
{
	struct mp_limits	 lim;
	struct rec		 r;
	size_t			 k;

	mp_limits_default(&lim);
	lim.max_file_bytes = 11;
	check_body(CT, &lim, S(two_files), MP_OK, NULL);
	lim.max_file_bytes = 10;
	check_body(CT, &lim, S(two_files), MP_FILE_TOO_LARGE, NULL);
	/* However the body is cut, no callback sees a byte past the cap. */
	for (k = 0; k <= sizeof(two_files) - 1; k++) {
		ck_assert_int_eq(run(CT, &lim, S(two_files), k, 0, &r),
		    MP_FILE_TOO_LARGE);
		ck_assert_uint_le(r.maxpart, 10);
	}
}
END_TEST

START_TEST(too_many_files_are_refused)
{
	struct mp_limits	 lim;

	mp_limits_default(&lim);
	lim.max_files = 2;
	check_body(CT, &lim, S(two_files), MP_OK, NULL);
	/* The plain field in between does not count. */
	lim.max_files = 1;
	check_body(CT, &lim, S(two_files), MP_TOO_MANY_FILES, NULL);
}
END_TEST

START_TEST(field_over_its_cap_is_refused)
{
	struct mp_limits	 lim;
	struct rec		 r;
	size_t			 k;

	mp_limits_default(&lim);
	lim.max_field_bytes = 2;
	check_body(CT, &lim, S(two_files), MP_OK, NULL);
	lim.max_field_bytes = 1;
	check_body(CT, &lim, S(two_files), MP_FIELD_TOO_LARGE, NULL);
	for (k = 0; k <= sizeof(two_files) - 1; k++) {
		ck_assert_int_eq(run(CT, &lim, S(two_files), k, 0, &r),
		    MP_FIELD_TOO_LARGE);
		/* The 10-byte file before it went through whole. */
		ck_assert_uint_eq(r.maxpart, 10);
	}
}
END_TEST

START_TEST(default_field_cap_is_field_value_max_bytes)
{
	static char	 body[FIELD_VALUE_MAX_BYTES + 256];
	struct rec	 r;
	size_t		 len, pre;

	pre = (size_t)snprintf(body, sizeof(body), "--AaB03x\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n");
	memset(body + pre, 'v', FIELD_VALUE_MAX_BYTES);
	len = pre + FIELD_VALUE_MAX_BYTES;
	memcpy(body + len, "\r\n--AaB03x--", 12);
	ck_assert_int_eq(run(CT, NULL, body, len + 12, 0, 0, &r), MP_OK);
	ck_assert_uint_eq(r.maxpart, FIELD_VALUE_MAX_BYTES);
	body[len] = 'v';
	memcpy(body + len + 1, "\r\n--AaB03x--", 12);
	ck_assert_int_eq(run(CT, NULL, body, len + 13, 0, 0, &r),
	    MP_FIELD_TOO_LARGE);
}
END_TEST

START_TEST(callback_failure_stops_the_parse)
{
	struct rec		 r;
	struct mp_parser	*p;
	enum mp_err		 e;
	const char		*which = "bde";

	for (; *which != '\0'; which++) {
		arena_reset(a);
		memset(&r, 0, sizeof(r));
		buf_init(&r.log, a, 1u << 20);
		r.abort_on = *which;
		p = mp_new(a, CT, strlen(CT), NULL, &cbs, &r, &e);
		ck_assert_ptr_nonnull(p);
		ck_assert_int_eq(mp_feed(p, S(three_parts)), MP_CALLBACK);
		ck_assert_int_eq(mp_finish(p), MP_CALLBACK);
	}
}
END_TEST

START_TEST(null_callbacks_are_allowed)
{
	struct mp_parser	*p;
	enum mp_err		 e;

	p = mp_new(a, CT, strlen(CT), NULL, NULL, NULL, &e);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(mp_feed(p, S(form)), MP_OK);
	ck_assert_int_eq(mp_finish(p), MP_OK);
}
END_TEST

/* The Content-Type header: mp_new accepts it or not. */
static enum mp_err
ct(const char *s)
{
	enum mp_err	 e;

	if (mp_new(a, s, strlen(s), NULL, NULL, NULL, &e) == NULL)
		ck_assert_int_ne(e, MP_OK);
	else
		ck_assert_int_eq(e, MP_OK);
	return e;
}

START_TEST(content_type_must_be_multipart_form_data)
{
	ck_assert_int_eq(ct("multipart/form-data; boundary=x"), MP_OK);
	ck_assert_int_eq(ct("Multipart/Form-Data;BOUNDARY=x"), MP_OK);
	ck_assert_int_eq(ct("multipart/form-data ; charset=utf-8; boundary=x"),
	    MP_OK);
	ck_assert_int_eq(ct("multipart/mixed; boundary=x"),
	    MP_BAD_CONTENT_TYPE);
	ck_assert_int_eq(ct("application/x-www-form-urlencoded"),
	    MP_BAD_CONTENT_TYPE);
	ck_assert_int_eq(ct("multipart/form-datax; boundary=x"),
	    MP_BAD_CONTENT_TYPE);
	ck_assert_int_eq(ct(""), MP_BAD_CONTENT_TYPE);
}
END_TEST

START_TEST(content_type_needs_exactly_one_boundary)
{
	ck_assert_int_eq(ct("multipart/form-data"), MP_BAD_CONTENT_TYPE);
	ck_assert_int_eq(ct("multipart/form-data; charset=x"),
	    MP_BAD_CONTENT_TYPE);
	ck_assert_int_eq(ct("multipart/form-data; boundary="),
	    MP_BAD_CONTENT_TYPE);
	ck_assert_int_eq(ct("multipart/form-data; boundary=\"\""),
	    MP_BAD_CONTENT_TYPE);
	ck_assert_int_eq(ct("multipart/form-data; boundary=a; boundary=b"),
	    MP_BAD_CONTENT_TYPE);
	ck_assert_int_eq(ct("multipart/form-data; boundary=a; junk"),
	    MP_BAD_CONTENT_TYPE);
}
END_TEST

START_TEST(quoted_boundary_is_accepted)
{
	static const char	 qct[] =
	    "multipart/form-data; boundary=\"gc0p4Jq0M:2Yt08j?34c0p (x)\"";

	check_body(qct, NULL, S("--gc0p4Jq0M:2Yt08j?34c0p (x)\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
	    "--gc0p4Jq0M:2Yt08j?34c0p (x)--"), MP_OK, "[0 a - -]1[/]");
}
END_TEST

START_TEST(boundary_outside_bchars_is_refused)
{
	ck_assert_int_eq(ct("multipart/form-data; boundary=\"a@b\""),
	    MP_BAD_CONTENT_TYPE);
	ck_assert_int_eq(ct("multipart/form-data; boundary=a!b"),
	    MP_BAD_CONTENT_TYPE);
	ck_assert_int_eq(ct("multipart/form-data; boundary=\"a\\\"b\""),
	    MP_BAD_CONTENT_TYPE);
	ck_assert_int_eq(ct("multipart/form-data; boundary=\"ab \""),
	    MP_BAD_CONTENT_TYPE);
	ck_assert_int_eq(ct("multipart/form-data; boundary=\"a\tb\""),
	    MP_BAD_CONTENT_TYPE);
}
END_TEST

START_TEST(boundary_of_70_is_accepted_and_71_refused)
{
	char	 b[MP_BOUNDARY_MAX_BYTES + 2], type[128], body[512];

	memset(b, 'b', sizeof(b));
	b[MP_BOUNDARY_MAX_BYTES] = '\0';
	snprintf(type, sizeof(type), "multipart/form-data; boundary=%s", b);
	snprintf(body, sizeof(body), "--%s\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--%s--",
	    b, b);
	check_body(type, NULL, body, strlen(body), MP_OK, "[0 a - -]1[/]");
	b[MP_BOUNDARY_MAX_BYTES] = 'b';
	b[MP_BOUNDARY_MAX_BYTES + 1] = '\0';
	snprintf(type, sizeof(type), "multipart/form-data; boundary=%s", b);
	ck_assert_int_eq(ct(type), MP_BAD_CONTENT_TYPE);
}
END_TEST

START_TEST(one_character_boundary_works)
{
	check_body("multipart/form-data; boundary=-", NULL,
	    S("---\r\nContent-Disposition: form-data; name=a\r\n\r\n"
	    "-\r\n--\r\n\r\n-----"),
	    MP_OK, "[0 a - -]-\r\n--\r\n[/]");
}
END_TEST

START_TEST(out_of_memory_is_reported)
{
	struct arena	*small = arena_new(64);
	enum mp_err	 e;

	ck_assert_ptr_null(mp_new(small, CT, strlen(CT), NULL, NULL, NULL, &e));
	ck_assert_int_eq(e, MP_NOMEM);
	arena_free(small);
}
END_TEST

START_TEST(every_error_has_a_description)
{
	int	 e;

	for (e = MP_OK; e <= MP_CALLBACK; e++)
		ck_assert_ptr_nonnull(mp_strerror(e));
	ck_assert_str_eq(mp_strerror((enum mp_err)99), "unknown error");
}
END_TEST

static Suite *
multipart_suite(void)
{
	Suite	*s = suite_create("multipart");
	TCase	*tc = tcase_create("multipart");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, a_form_is_delivered_part_by_part);
	tcase_add_test(tc, split_at_every_byte_gives_identical_results);
	tcase_add_test(tc, one_byte_at_a_time_gives_identical_results);
	tcase_add_test(tc, boundary_like_text_inside_data_is_data);
	tcase_add_test(tc, delimiter_followed_by_other_text_is_syntax);
	tcase_add_test(tc, missing_close_delimiter_is_truncated);
	tcase_add_test(tc, preamble_and_epilogue_are_ignored);
	tcase_add_test(tc, first_delimiter_may_open_the_body);
	tcase_add_test(tc, close_delimiter_alone_is_an_empty_form);
	tcase_add_test(tc, crlf_before_delimiter_belongs_to_it);
	tcase_add_test(tc, transport_padding_after_delimiter_is_allowed);
	tcase_add_test(tc, bare_lf_after_delimiter_is_syntax);
	tcase_add_test(tc, empty_file_part_is_a_file);
	tcase_add_test(tc, part_content_type_is_reported_or_null);
	tcase_add_test(tc, header_names_are_case_insensitive);
	tcase_add_test(tc, unknown_headers_and_parameters_are_ignored);
	tcase_add_test(tc, quoted_string_escapes_are_resolved);
	tcase_add_test(tc, utf8_names_and_filenames_are_kept);
	tcase_add_test(tc, part_without_name_is_syntax);
	tcase_add_test(tc, disposition_other_than_form_data_is_syntax);
	tcase_add_test(tc, repeated_headers_and_parameters_are_syntax);
	tcase_add_test(tc, malformed_header_lines_are_syntax);
	tcase_add_test(tc, invalid_utf8_or_nul_in_headers_is_bad_utf8);
	tcase_add_test(tc, field_data_must_be_utf8_file_data_need_not);
	tcase_add_test(tc, part_header_over_limit_is_refused);
	tcase_add_test(tc, part_header_without_end_hits_the_limit);
	tcase_add_test(tc, name_and_filename_over_limit_are_refused);
	tcase_add_test(tc, too_many_parts_are_refused);
	tcase_add_test(tc, file_one_byte_over_its_cap_is_refused);
	tcase_add_test(tc, too_many_files_are_refused);
	tcase_add_test(tc, field_over_its_cap_is_refused);
	tcase_add_test(tc, default_field_cap_is_field_value_max_bytes);
	tcase_add_test(tc, callback_failure_stops_the_parse);
	tcase_add_test(tc, null_callbacks_are_allowed);
	tcase_add_test(tc, content_type_must_be_multipart_form_data);
	tcase_add_test(tc, content_type_needs_exactly_one_boundary);
	tcase_add_test(tc, quoted_boundary_is_accepted);
	tcase_add_test(tc, boundary_outside_bchars_is_refused);
	tcase_add_test(tc, boundary_of_70_is_accepted_and_71_refused);
	tcase_add_test(tc, one_character_boundary_works);
	tcase_add_test(tc, out_of_memory_is_reported);
	tcase_add_test(tc, every_error_has_a_description);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(multipart_suite)
