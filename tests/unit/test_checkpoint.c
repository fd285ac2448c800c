/*
 * Checkpoints: the tlog-checkpoint spec's example body, a real checkpoint
 * of sum.golang.org, round trips, and every malformed body refused.
 */
#include <sodium.h>
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "core/arena.h"
#include "trust/checkpoint.h"
#include "trust/note.h"

#define DASH	"\xe2\x80\x94 "

/* c2sp.org/tlog-checkpoint, the example's note text. */
#define SPEC_ORIGIN	"example.com/behind-the-sofa"
#define SPEC_ROOT	"CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="
#define SPEC_BODY	SPEC_ORIGIN "\n20852163\n" SPEC_ROOT "\n"

/*
 * sum.golang.org's key as pinned in the go command, and one of its
 * checkpoints as quoted in google/trillian-examples (gossip client test).
 * Its origin has spaces: parsing must not assume the URL form.
 */
#define SUMDB_VKEY	"sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8"
#define SUMDB_ORIGIN	"go.sum database tree"
#define SUMDB_NOTE	SUMDB_ORIGIN "\n13485\n" \
	"/ZWur4obeiqK+ASdnPK+/Rmz6LPQMUeSmHh0+UkL54Y=\n\n" \
	DASH "sum.golang.org Az3grnQReYTvpCrRxT+w50vixbqBlB/aPS8bL8f8KW4HHP+UjLSXOJgCh4f54n8hO6lrESglzyRXMXnhaWzaeY3zqw8=\n"

static struct arena		*a;
static struct note_signer	*signer;
static struct note_verifier	 verifier;
static uint8_t			 spec_root[MERKLE_HASH_BYTES];

static void
setup(void)
{
	char	*skey;
	size_t	 n;

	ck_assert_int_ge(sodium_init(), 0);
	ck_assert_ptr_nonnull(a = arena_new(1u << 20));
	ck_assert_int_eq(note_signer_generate("portal.example/log", &signer,
	    &skey), 0);
	sodium_free(skey);
	note_signer_verifier(signer, &verifier);
	ck_assert_int_eq(note_b64_decode(SPEC_ROOT, strlen(SPEC_ROOT),
	    spec_root, sizeof(spec_root), &n), 0);
	ck_assert_uint_eq(n, MERKLE_HASH_BYTES);
}

static void
teardown(void)
{
	note_signer_free(signer);
	arena_free(a);
}

static int
parse(const char *text, struct checkpoint *c)
{
	return checkpoint_parse(a, text, strlen(text), c);
}

START_TEST(format_writes_the_spec_example_exactly)
{
	char	*text;
	size_t	 len;

	ck_assert_int_eq(checkpoint_format(a, SPEC_ORIGIN, 20852163,
	    spec_root, &text, &len), 0);
	ck_assert_str_eq(text, SPEC_BODY);
	ck_assert_uint_eq(len, strlen(SPEC_BODY));
}
END_TEST

START_TEST(parse_reads_the_spec_example)
{
	struct checkpoint	c;

	ck_assert_int_eq(parse(SPEC_BODY, &c), 0);
	ck_assert_str_eq(c.origin, SPEC_ORIGIN);
	ck_assert_uint_eq(c.origin_len, strlen(SPEC_ORIGIN));
	ck_assert_uint_eq(c.size, 20852163);
	ck_assert_mem_eq(c.root, spec_root, MERKLE_HASH_BYTES);
	ck_assert_str_eq(c.ext, "");
	ck_assert_uint_eq(c.ext_len, 0);
}
END_TEST

START_TEST(sumdb_checkpoint_opens_with_its_pinned_key)
{
	struct note_verifier	v;
	struct checkpoint	c;

	ck_assert_int_eq(note_verifier_parse(SUMDB_VKEY, strlen(SUMDB_VKEY),
	    &v), 0);
	ck_assert_int_eq(checkpoint_open(a, SUMDB_NOTE, strlen(SUMDB_NOTE),
	    SUMDB_ORIGIN, &v, 1, &c), NOTE_OK);
	ck_assert_str_eq(c.origin, SUMDB_ORIGIN);
	ck_assert_uint_eq(c.size, 13485);
}
END_TEST

START_TEST(sign_then_open_round_trips)
{
	struct checkpoint	c;
	char			*note;
	size_t			 len;

	ck_assert_int_eq(checkpoint_sign(a, signer, "portal.example/log", 42,
	    spec_root, &note, &len), NOTE_OK);
	ck_assert_int_eq(checkpoint_open(a, note, len, "portal.example/log",
	    &verifier, 1, &c), NOTE_OK);
	ck_assert_uint_eq(c.size, 42);
	ck_assert_mem_eq(c.root, spec_root, MERKLE_HASH_BYTES);
}
END_TEST

START_TEST(open_refuses_another_origin)
{
	struct checkpoint	c;
	char			*note;
	size_t			 len;

	/* Same key, another of its logs: verified, yet not ours. */
	ck_assert_int_eq(checkpoint_sign(a, signer, "portal.example/other", 1,
	    spec_root, &note, &len), NOTE_OK);
	ck_assert_int_eq(checkpoint_open(a, note, len, "portal.example/log",
	    &verifier, 1, &c), NOTE_ERR_BAD_CONTENT);
}
END_TEST

START_TEST(open_refuses_signed_text_that_is_no_checkpoint)
{
	struct checkpoint	c;
	const char		*text = "portal.example/log\n42\n";
	char			*note;
	size_t			 len;

	ck_assert_int_eq(note_sign(a, signer, text, strlen(text), &note,
	    &len), NOTE_OK);
	ck_assert_int_eq(checkpoint_open(a, note, len, "portal.example/log",
	    &verifier, 1, &c), NOTE_ERR_BAD_CONTENT);
}
END_TEST

START_TEST(open_passes_on_note_errors)
{
	struct checkpoint	c;
	char			*note;
	size_t			 len;

	ck_assert_int_eq(checkpoint_sign(a, signer, "portal.example/log", 7,
	    spec_root, &note, &len), NOTE_OK);
	note[len - 10] ^= 1;
	ck_assert_int_ne(checkpoint_open(a, note, len, "portal.example/log",
	    &verifier, 1, &c), NOTE_OK);
	ck_assert_int_eq(checkpoint_open(a, SUMDB_NOTE, strlen(SUMDB_NOTE),
	    SUMDB_ORIGIN, &verifier, 1, &c), NOTE_ERR_UNVERIFIED);
}
END_TEST

START_TEST(parse_accepts_extension_lines)
{
	struct checkpoint	c;

	ck_assert_int_eq(parse(SPEC_BODY "ext one\n\xc3\xa9xt two\n", &c), 0);
	ck_assert_str_eq(c.ext, "ext one\n\xc3\xa9xt two\n");
	ck_assert_uint_eq(c.size, 20852163);
}
END_TEST

START_TEST(parse_refuses_empty_extension_line)
{
	struct checkpoint	c;

	ck_assert_int_eq(parse(SPEC_BODY "\n", &c), -1);
	ck_assert_int_eq(parse(SPEC_BODY "ext\n\n", &c), -1);
	ck_assert_int_eq(parse(SPEC_BODY "\next\n", &c), -1);
}
END_TEST

START_TEST(size_is_canonical_decimal)
{
	static const char *const bad[] = {
		"", "00", "01", "-1", "+1", " 1", "1 ", "0x10", "1e3",
		"18446744073709551616", "99999999999999999999",
		"184467440737095516150",
	};
	struct checkpoint	c;
	size_t			i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(parse(arena_printf(a, "o\n%s\n" SPEC_ROOT "\n",
		    bad[i]), &c) == -1, "accepted size %s", bad[i]);
	ck_assert_int_eq(parse("o\n0\n" SPEC_ROOT "\n", &c), 0);
	ck_assert_uint_eq(c.size, 0);
	ck_assert_int_eq(parse("o\n18446744073709551615\n" SPEC_ROOT "\n", &c),
	    0);
	ck_assert_uint_eq(c.size, UINT64_MAX);
}
END_TEST

START_TEST(root_is_canonical_base64_of_32_bytes)
{
	static const char *const bad[] = {
		"", "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I",
		"CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=",
		"CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==",
		"CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=AA==",
		"CsUYapGGPo4dkMgIAUqom_Xajj7h2fB2MPA3j2jxq2I=",
		"CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I= ",
		"CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2Ij",
		"CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2IjAA==",
		/* "//" spelled as U+034D: libsodium alone would take it. */
		"CsUYapGGPo4dkMgIAUqom\315\215ajj7h2fB2MPA3j2jxq2I=",
	};
	struct checkpoint	c;
	size_t			i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(parse(arena_printf(a, "o\n1\n%s\n", bad[i]), &c)
		    == -1, "accepted root %s", bad[i]);
	ck_assert_int_eq(parse("o\n1\nCsUYapGGPo4dkMgIAUqom//ajj7h2fB2MPA3j2jxq2I=\n",
	    &c), 0);
}
END_TEST

START_TEST(parse_refuses_bad_shapes)
{
	static const char *const bad[] = {
		"", "\n", "o\n", "o\n1\n", "\n1\n" SPEC_ROOT "\n",
		"o\n1\n" SPEC_ROOT, "o\n\n1\n" SPEC_ROOT "\n",
		"o\r\n1\n" SPEC_ROOT "\n", "o\t\n1\n" SPEC_ROOT "\n",
		"\xc0\xaf\n1\n" SPEC_ROOT "\n",
	};
	struct checkpoint	c;
	size_t			i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(parse(bad[i], &c) == -1, "accepted #%zu", i);
	ck_assert_int_eq(checkpoint_parse(a, "o\n1\0\n" SPEC_ROOT "\n",
	    5 + strlen(SPEC_ROOT) + 1, &c), -1);
}
END_TEST

START_TEST(format_refuses_origin_that_cannot_be_a_key_name)
{
	char	*text, *note;
	size_t	 len;

	ck_assert_int_eq(checkpoint_format(a, "go.sum database tree", 1,
	    spec_root, &text, &len), -1);
	ck_assert_int_eq(checkpoint_format(a, "a+b", 1, spec_root, &text,
	    &len), -1);
	ck_assert_int_eq(checkpoint_format(a, "", 1, spec_root, &text, &len),
	    -1);
	ck_assert_int_eq(checkpoint_sign(a, signer, "a\nb", 1, spec_root,
	    &note, &len), NOTE_ERR_MALFORMED);
}
END_TEST

START_TEST(format_then_parse_round_trips_sizes)
{
	static const uint64_t sizes[] = { 0, 1, 9, 10, 255, 256, 1000000,
	    UINT64_MAX - 1, UINT64_MAX };
	struct checkpoint	c;
	char			*text;
	size_t			 len, i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		ck_assert_int_eq(checkpoint_format(a, "o", sizes[i], spec_root,
		    &text, &len), 0);
		ck_assert_int_eq(checkpoint_parse(a, text, len, &c), 0);
		ck_assert_uint_eq(c.size, sizes[i]);
	}
}
END_TEST

static Suite *
checkpoint_suite(void)
{
	Suite	*s = suite_create("checkpoint");
	TCase	*tc = tcase_create("checkpoint");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, format_writes_the_spec_example_exactly);
	tcase_add_test(tc, parse_reads_the_spec_example);
	tcase_add_test(tc, sumdb_checkpoint_opens_with_its_pinned_key);
	tcase_add_test(tc, sign_then_open_round_trips);
	tcase_add_test(tc, open_refuses_another_origin);
	tcase_add_test(tc, open_refuses_signed_text_that_is_no_checkpoint);
	tcase_add_test(tc, open_passes_on_note_errors);
	tcase_add_test(tc, parse_accepts_extension_lines);
	tcase_add_test(tc, parse_refuses_empty_extension_line);
	tcase_add_test(tc, size_is_canonical_decimal);
	tcase_add_test(tc, root_is_canonical_base64_of_32_bytes);
	tcase_add_test(tc, parse_refuses_bad_shapes);
	tcase_add_test(tc, format_refuses_origin_that_cannot_be_a_key_name);
	tcase_add_test(tc, format_then_parse_round_trips_sizes);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(checkpoint_suite)
