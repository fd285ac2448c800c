/*
 * Signed notes: the known answers of Go's sumdb/note package and of the
 * C2SP signed-note spec, round trips, and every way a note must fail.
 */
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "core/arena.h"
#include "trust/note.h"

/*
 * golang.org/x/mod/sumdb/note, package documentation and TestSign: the
 * key pair and the exact bytes Sign must produce.
 */
#define GO_SKEY	"PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
#define GO_VKEY	"PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
#define GO_TEXT	"If you think cryptography is the answer to your problem,\n" \
		"then you don't know what your problem is.\n"
#define GO_SIG	"\xe2\x80\x94 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
#define GO_NOTE	GO_TEXT "\n" GO_SIG
/* The same package's documentation: a second signature on that note. */
#define ENOCH_SIG "\xe2\x80\x94 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n"

/* c2sp.org/signed-note v1.1.0, "Example". */
#define SPEC_VKEY "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
#define SPEC_NOTE "This is an example message.\n\n" \
	"\xe2\x80\x94 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"

#define DASH	"\xe2\x80\x94 "

static struct arena		*a;
static struct note_signer	*go_signer;
static struct note_verifier	 go_verifier;

static void
setup(void)
{
	ck_assert_int_ge(sodium_init(), 0);
	a = arena_new(4u << 20);
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(note_signer_parse(GO_SKEY, strlen(GO_SKEY),
	    &go_signer), 0);
	ck_assert_int_eq(note_verifier_parse(GO_VKEY, strlen(GO_VKEY),
	    &go_verifier), 0);
}

static void
teardown(void)
{
	note_signer_free(go_signer);
	go_signer = NULL;
	arena_free(a);
	a = NULL;
}

static enum note_err
open1(const char *msg, size_t len, const struct note_verifier *v,
    struct note_opened *o)
{
	return note_open(a, msg, len, v, 1, o);
}

static enum note_err
open_str(const char *msg)
{
	struct note_opened	o;

	return open1(msg, strlen(msg), &go_verifier, &o);
}

/* A fresh signer with its verifier. */
static struct note_signer *
fresh(const char *name, struct note_verifier *v)
{
	struct note_signer	*s;
	char			*skey;

	ck_assert_int_eq(note_signer_generate(name, &s, &skey), 0);
	sodium_free(skey);
	note_signer_verifier(s, v);
	return s;
}

/* The signature line s would add to text. */
static const char *
sig_line(const struct note_signer *s, const char *text)
{
	char	*note;
	size_t	 len;

	ck_assert_int_eq(note_sign(a, s, text, strlen(text), &note, &len),
	    NOTE_OK);
	return note + strlen(text) + 1;
}

START_TEST(go_vkey_parses_to_its_name_and_hash)
{
	ck_assert_str_eq(go_verifier.name, "PeterNeumann");
	ck_assert_uint_eq(go_verifier.name_len, 12);
	ck_assert_uint_eq(go_verifier.hash, 0xc74f20a3u);
}
END_TEST

START_TEST(go_skey_derives_the_go_vkey)
{
	char	*vkey = note_signer_vkey(go_signer, a);

	ck_assert_str_eq(vkey, GO_VKEY);
	ck_assert_str_eq(note_signer_name(go_signer), "PeterNeumann");
	ck_assert_uint_eq(note_signer_hash(go_signer), 0xc74f20a3u);
}
END_TEST

START_TEST(sign_matches_go_bytes_exactly)
{
	char	*note;
	size_t	 len;

	ck_assert_int_eq(note_sign(a, go_signer, GO_TEXT, strlen(GO_TEXT),
	    &note, &len), NOTE_OK);
	ck_assert_uint_eq(len, strlen(GO_NOTE));
	ck_assert_str_eq(note, GO_NOTE);
}
END_TEST

START_TEST(go_note_opens_with_go_vkey)
{
	struct note_opened	o;

	ck_assert_int_eq(open1(GO_NOTE, strlen(GO_NOTE), &go_verifier, &o),
	    NOTE_OK);
	ck_assert_str_eq(o.text, GO_TEXT);
	ck_assert_uint_eq(o.text_len, strlen(GO_TEXT));
	ck_assert_uint_eq(o.nsigs, 1);
	ck_assert_uint_eq(o.nverified, 1);
	ck_assert_uint_eq(o.verified[0], 0);
}
END_TEST

START_TEST(go_doubly_signed_note_opens_ignoring_unknown_enoch)
{
	const char		*msg = GO_NOTE ENOCH_SIG;
	struct note_opened	 o;

	ck_assert_int_eq(open1(msg, strlen(msg), &go_verifier, &o), NOTE_OK);
	ck_assert_uint_eq(o.nsigs, 2);
	ck_assert_uint_eq(o.nverified, 1);
}
END_TEST

START_TEST(spec_example_note_opens_with_spec_vkey)
{
	struct note_verifier	v;
	struct note_opened	o;

	ck_assert_int_eq(note_verifier_parse(SPEC_VKEY, strlen(SPEC_VKEY),
	    &v), 0);
	ck_assert_uint_eq(v.hash, 0x530d903au);
	ck_assert_int_eq(open1(SPEC_NOTE, strlen(SPEC_NOTE), &v, &o),
	    NOTE_OK);
	ck_assert_str_eq(o.text, "This is an example message.\n");
}
END_TEST

START_TEST(generated_key_round_trips_through_skey_and_vkey)
{
	struct note_signer	*s, *s2;
	struct note_verifier	 v;
	char			*skey, *vkey;

	ck_assert_int_eq(note_signer_generate("portal.example/log", &s,
	    &skey), 0);
	ck_assert_int_eq(strncmp(skey, "PRIVATE+KEY+portal.example/log+",
	    31), 0);
	ck_assert_int_eq(note_signer_parse(skey, strlen(skey), &s2), 0);
	vkey = note_signer_vkey(s, a);
	ck_assert_str_eq(note_signer_vkey(s2, a), vkey);
	ck_assert_int_eq(note_verifier_parse(vkey, strlen(vkey), &v), 0);
	ck_assert_uint_eq(v.hash, note_signer_hash(s));
	sodium_free(skey);
	note_signer_free(s);
	note_signer_free(s2);
}
END_TEST

START_TEST(sign_then_open_round_trips)
{
	const char		*text =
	    "portal.example/receipt/v1\nref A-2026-000042\n";
	struct note_verifier	 v;
	struct note_signer	*s = fresh("portal.example", &v);
	struct note_opened	 o;
	char			*note;
	size_t			 len;

	ck_assert_int_eq(note_sign(a, s, text, strlen(text), &note, &len),
	    NOTE_OK);
	ck_assert_int_eq(open1(note, len, &v, &o), NOTE_OK);
	ck_assert_str_eq(o.text, text);
	note_signer_free(s);
}
END_TEST

START_TEST(every_single_byte_change_fails)
{
	char			 buf[sizeof(GO_NOTE)];
	size_t			 len = strlen(GO_NOTE), i;
	struct note_opened	 o;
	unsigned		 c;

	for (i = 0; i < len; i++) {
		for (c = 0; c < 256; c++) {
			memcpy(buf, GO_NOTE, len);
			if ((unsigned char)buf[i] == c)
				continue;
			buf[i] = (char)c;
			if (open1(buf, len, &go_verifier, &o) == NOTE_OK)
				ck_abort_msg("byte %zu = 0x%02x still opens", i,
				    c);
		}
	}
}
END_TEST

START_TEST(every_signature_bit_flip_fails)
{
	unsigned char	 raw[68];
	const char	*b64 = strrchr(GO_NOTE, ' ') + 1;
	char		*enc, *msg;
	size_t		 n, bit;

	ck_assert_int_eq(note_b64_decode(b64, strlen(b64) - 1, raw,
	    sizeof(raw), &n), 0);
	ck_assert_uint_eq(n, 68);
	for (bit = 0; bit < 68 * 8; bit++) {
		raw[bit / 8] ^= (unsigned char)(1u << (bit % 8));
		enc = note_b64_encode(a, raw, sizeof(raw));
		msg = arena_printf(a, GO_TEXT "\n" DASH "PeterNeumann %s\n",
		    enc);
		if (open_str(msg) == NOTE_OK)
			ck_abort_msg("bit %zu flipped still opens", bit);
		raw[bit / 8] ^= (unsigned char)(1u << (bit % 8));
	}
}
END_TEST

START_TEST(every_truncation_fails)
{
	size_t			len = strlen(GO_NOTE), i;
	struct note_opened	o;

	for (i = 0; i < len; i++)
		ck_assert_int_ne(open1(GO_NOTE, i, &go_verifier, &o), NOTE_OK);
}
END_TEST

START_TEST(changed_text_is_a_bad_signature)
{
	const char	*msg =
	    "If you think cryptography is the answer to your problem,\n"
	    "then you don't know what your problem is!\n\n" GO_SIG;

	ck_assert_int_eq(open_str(msg), NOTE_ERR_BAD_SIGNATURE);
}
END_TEST

START_TEST(same_name_other_key_is_unverified)
{
	struct note_verifier	 v;
	struct note_signer	*s = fresh("PeterNeumann", &v);
	struct note_opened	 o;

	ck_assert_int_eq(open1(GO_NOTE, strlen(GO_NOTE), &v, &o),
	    NOTE_ERR_UNVERIFIED);
	note_signer_free(s);
}
END_TEST

START_TEST(wrong_key_with_colliding_id_is_a_bad_signature)
{
	struct note_verifier	 v;
	struct note_signer	*s = fresh("PeterNeumann", &v);
	struct note_opened	 o;

	/* An attacker can collide the 32-bit ID; the key still decides. */
	v.hash = go_verifier.hash;
	ck_assert_int_eq(open1(GO_NOTE, strlen(GO_NOTE), &v, &o),
	    NOTE_ERR_BAD_SIGNATURE);
	note_signer_free(s);
}
END_TEST

START_TEST(unknown_key_only_is_unverified)
{
	struct note_verifier	 v;
	struct note_signer	*s = fresh("other.example", &v);
	struct note_opened	 o;

	ck_assert_int_eq(open1(GO_NOTE, strlen(GO_NOTE), &v, &o),
	    NOTE_ERR_UNVERIFIED);
	ck_assert_int_eq(note_open(a, GO_NOTE, strlen(GO_NOTE), NULL, 0, &o),
	    NOTE_ERR_UNVERIFIED);
	note_signer_free(s);
}
END_TEST

START_TEST(bad_known_signature_rejects_note_despite_good_one)
{
	struct note_verifier	 v[2];
	struct note_signer	*s = fresh("witness.example", &v[1]);
	struct note_opened	 o;
	const char		*other, *msg;

	v[0] = go_verifier;
	/* witness.example's signature, but over another text. */
	other = sig_line(s, "another text\n");
	msg = arena_printf(a, "%s%s", GO_NOTE, other);
	ck_assert_int_eq(note_open(a, msg, strlen(msg), v, 2, &o),
	    NOTE_ERR_BAD_SIGNATURE);
	note_signer_free(s);
}
END_TEST

START_TEST(two_known_signers_are_both_reported)
{
	struct note_verifier	 v[3];
	struct note_signer	*s = fresh("witness.example", &v[2]);
	struct note_opened	 o;
	const char		*msg;

	ck_assert_int_eq(note_verifier_parse(SPEC_VKEY, strlen(SPEC_VKEY),
	    &v[0]), 0);
	v[1] = go_verifier;
	msg = arena_printf(a, "%s%s", GO_NOTE, sig_line(s, GO_TEXT));
	ck_assert_int_eq(note_open(a, msg, strlen(msg), v, 3, &o), NOTE_OK);
	ck_assert_uint_eq(o.nverified, 2);
	ck_assert_uint_eq(o.verified[0], 1);
	ck_assert_uint_eq(o.verified[1], 2);
	note_signer_free(s);
}
END_TEST

START_TEST(repeated_signature_counts_one_verifier)
{
	const char		*msg = GO_NOTE GO_SIG;
	struct note_opened	 o;

	ck_assert_int_eq(open1(msg, strlen(msg), &go_verifier, &o), NOTE_OK);
	ck_assert_uint_eq(o.nsigs, 2);
	ck_assert_uint_eq(o.nverified, 1);
}
END_TEST

START_TEST(ambiguous_verifiers_are_refused)
{
	struct note_verifier	v[2];
	struct note_opened	o;

	v[0] = go_verifier;
	v[1] = go_verifier;
	v[1].pk[0] ^= 1;
	ck_assert_int_eq(note_open(a, GO_NOTE, strlen(GO_NOTE), v, 2, &o),
	    NOTE_ERR_AMBIGUOUS_KEY);
}
END_TEST

START_TEST(sixteen_signatures_open_seventeen_are_too_many)
{
	char	*msg = arena_strdup(a, GO_NOTE);
	int	 i;

	for (i = 1; i < 16; i++)
		msg = arena_printf(a, "%s" ENOCH_SIG, msg);
	ck_assert_int_eq(open_str(msg), NOTE_OK);
	msg = arena_printf(a, "%s" ENOCH_SIG, msg);
	ck_assert_int_eq(open_str(msg), NOTE_ERR_TOO_LARGE);
}
END_TEST

START_TEST(note_over_max_bytes_is_too_large)
{
	size_t	 n = NOTE_MAX_BYTES + 1;
	char	*text = arena_alloc(a, n + 1);
	char	*note;
	size_t	 len;

	memset(text, 'a', n);
	text[n - 1] = '\n';
	text[n] = '\0';
	ck_assert_int_eq(open_str(text), NOTE_ERR_TOO_LARGE);
	/* Signing refuses what opening would. */
	ck_assert_int_eq(note_sign(a, go_signer, text, NOTE_MAX_BYTES - 100,
	    &note, &len), NOTE_ERR_MALFORMED);
	text[NOTE_MAX_BYTES - 101] = '\n';
	ck_assert_int_eq(note_sign(a, go_signer, text, NOTE_MAX_BYTES - 100,
	    &note, &len), NOTE_ERR_TOO_LARGE);
	text[NOTE_MAX_BYTES - 200] = '\n';
	ck_assert_int_eq(note_sign(a, go_signer, text, NOTE_MAX_BYTES - 199,
	    &note, &len), NOTE_OK);
	ck_assert_uint_le(len, NOTE_MAX_BYTES);
	ck_assert_int_eq(open_str(note), NOTE_OK);
}
END_TEST

START_TEST(sign_refuses_text_without_final_newline)
{
	char	*note;
	size_t	 len;

	ck_assert_int_eq(note_sign(a, go_signer, "abc", 3, &note, &len),
	    NOTE_ERR_MALFORMED);
	ck_assert_int_eq(note_sign(a, go_signer, "", 0, &note, &len),
	    NOTE_ERR_MALFORMED);
}
END_TEST

#define S(x)	{ x, sizeof(x) - 1 }

START_TEST(sign_refuses_control_characters_and_bad_utf8)
{
	static const struct {
		const char	*s;
		size_t		 n;
	} bad[] = {
		S("tab\there\n"), S("cr\r\n"), S("nul\0x\n"), S("esc\x1b\n"),
		S("overlong \xc0\xaf\n"), S("surrogate \xed\xa0\x80\n"),
		S("past max \xf4\x90\x80\x80\n"), S("truncated \xe2\x80\n"),
		S("lone continuation \x80\n"), S("overlong 3 \xe0\x80\xaf\n"),
	};
	char	*note;
	size_t	 len, i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_int_eq(note_sign(a, go_signer, bad[i].s, bad[i].n,
		    &note, &len), NOTE_ERR_MALFORMED);
	/* DEL and U+FFFD are text the spec allows. */
	ck_assert_int_eq(note_sign(a, go_signer, "del \x7f \xef\xbf\xbd\n",
	    10, &note, &len), NOTE_OK);
}
END_TEST

START_TEST(text_with_blank_lines_round_trips)
{
	const char		*text =
	    "\xc3\xa9t\xc3\xa9\n\nsecond paragraph\n\n";
	struct note_opened	 o;
	char			*note;
	size_t			 len;

	ck_assert_int_eq(note_sign(a, go_signer, text, strlen(text), &note,
	    &len), NOTE_OK);
	ck_assert_int_eq(open1(note, len, &go_verifier, &o), NOTE_OK);
	ck_assert_str_eq(o.text, text);
}
END_TEST

START_TEST(note_without_blank_line_is_malformed)
{
	ck_assert_int_eq(open_str(GO_TEXT GO_SIG), NOTE_ERR_MALFORMED);
}
END_TEST

START_TEST(blank_line_after_signatures_is_malformed)
{
	ck_assert_int_eq(open_str(GO_NOTE "\n"), NOTE_ERR_MALFORMED);
	ck_assert_int_eq(open_str(GO_TEXT "\n\n"), NOTE_ERR_MALFORMED);
}
END_TEST

START_TEST(signature_line_needs_em_dash_name_and_base64)
{
	static const char *const lines[] = {
		"-- PeterNeumann x08g=\n",
		"\xe2\x80\x93 PeterNeumann x08go/ZJ\n",		/* en dash */
		DASH "PeterNeumann\n",
		DASH "PeterNeumann \n",
		DASH " x08go/ZJ\n",
		DASH "PeterNeumann  x08go/ZJ\n",
		DASH "Peter+Neumann x08go/ZJ\n",
		DASH "PeterNeumann x08go/ZJ \n",
		DASH "PeterNeumann AQID\n",			/* 3 bytes */
		DASH "PeterNeumann AQIDBA==\n",			/* 4 bytes */
		"junk\n",
	};
	size_t	i;
	char	*msg;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		msg = arena_printf(a, "%s%s", GO_NOTE, lines[i]);
		ck_assert_int_eq(open_str(msg), NOTE_ERR_MALFORMED);
	}
}
END_TEST

START_TEST(non_canonical_base64_is_malformed)
{
	/* "AM=" ends in bits 001100: "AN=" has a stray low bit set. */
	const char	*msg = GO_TEXT "\n" DASH "PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAN=\n";
	const char	*nopad = GO_TEXT "\n" DASH "PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM\n";

	ck_assert_int_eq(open_str(msg), NOTE_ERR_MALFORMED);
	ck_assert_int_eq(open_str(nopad), NOTE_ERR_MALFORMED);
}
END_TEST

START_TEST(known_key_signature_of_wrong_length_is_bad)
{
	unsigned char	 raw[69];
	char		*msg;

	memset(raw, 0, sizeof(raw));
	raw[0] = 0xc7;
	raw[1] = 0x4f;
	raw[2] = 0x20;
	raw[3] = 0xa3;
	msg = arena_printf(a, GO_TEXT "\n" DASH "PeterNeumann %s\n",
	    note_b64_encode(a, raw, sizeof(raw)));
	ck_assert_int_eq(open_str(msg), NOTE_ERR_BAD_SIGNATURE);
}
END_TEST

START_TEST(nul_byte_anywhere_is_malformed)
{
	char			buf[sizeof(GO_NOTE)];
	struct note_opened	o;

	memcpy(buf, GO_NOTE, sizeof(buf));
	buf[3] = '\0';
	ck_assert_int_eq(open1(buf, sizeof(buf) - 1, &go_verifier, &o),
	    NOTE_ERR_MALFORMED);
}
END_TEST

START_TEST(key_names_refuse_spaces_plus_and_controls)
{
	static const char *const bad[] = {
		"", "a b", "a+b", "a\tb", "a\xc2\xa0" "b", "a\xe3\x80\x80" "b",
		"a\xe2\x80\xa8" "b", "a\x7f" "b", "a\xc2\x85" "b", "\xc0\xaf",
	};
	char	long_name[NOTE_NAME_MAX_BYTES + 2];
	size_t	i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_int_eq(note_name_valid(bad[i], strlen(bad[i])), 0);
	ck_assert_int_eq(note_name_valid("example.com/log", 15), 1);
	ck_assert_int_eq(note_name_valid("\xc3\xbcn\xc3\xaf" "code", 9), 1);
	memset(long_name, 'a', sizeof(long_name));
	ck_assert_int_eq(note_name_valid(long_name, NOTE_NAME_MAX_BYTES), 1);
	ck_assert_int_eq(note_name_valid(long_name, NOTE_NAME_MAX_BYTES + 1),
	    0);
}
END_TEST

START_TEST(vkey_parse_refuses_malformed_keys)
{
	static const char *const bad[] = {
		"",
		"PeterNeumann",
		"PeterNeumann+c74f20a3",
		"PeterNeumann+c74f20a3+",
		"PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
		"PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
		"PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
		"PeterNeumann+0c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
		"Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
		"+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
		"PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
		"PeterNeumann+c74f20a3+AhpcZ2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
		"PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW=",
		"PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW\n\n",
		"PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW ",
		GO_SKEY,
	};
	struct note_verifier	v;
	size_t			i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(note_verifier_parse(bad[i], strlen(bad[i]), &v)
		    == -1, "accepted %s", bad[i]);
	ck_assert_int_eq(note_verifier_parse(GO_VKEY "\n",
	    strlen(GO_VKEY) + 1, &v), 0);
}
END_TEST

/* A vkey string for name over key data kd, with the right key hash. */
static char *
vkey_for(const char *name, const unsigned char kd[33])
{
	crypto_hash_sha256_state	st;
	unsigned char			h[32];

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)name,
	    strlen(name));
	crypto_hash_sha256_update(&st, (const unsigned char *)"\n", 1);
	crypto_hash_sha256_update(&st, kd, 33);
	crypto_hash_sha256_final(&st, h);
	return arena_printf(a, "%s+%02x%02x%02x%02x+%s", name, h[0], h[1],
	    h[2], h[3], note_b64_encode(a, kd, 33));
}

START_TEST(vkey_parse_refuses_other_algorithms)
{
	struct note_verifier	 v;
	unsigned char		 kd[33];
	char			*vkey;

	kd[0] = 0x01;
	memcpy(kd + 1, go_verifier.pk, 32);
	vkey = vkey_for("PeterNeumann", kd);
	ck_assert_str_eq(vkey, GO_VKEY);
	kd[0] = 0x02;
	vkey = vkey_for("PeterNeumann", kd);
	ck_assert_int_eq(note_verifier_parse(vkey, strlen(vkey), &v), -1);
}
END_TEST

START_TEST(vkey_parse_refuses_small_order_key)
{
	struct note_verifier	 v;
	unsigned char		 kd[33];
	char			*vkey;

	/*
	 * The identity point, of order 1: a verifier that accepted it
	 * would depend on libsodium to refuse forged signatures.
	 */
	memset(kd, 0, sizeof(kd));
	kd[0] = 0x01;
	kd[1] = 0x01;
	vkey = vkey_for("weak", kd);
	ck_assert_int_eq(note_verifier_parse(vkey, strlen(vkey), &v), -1);
}
END_TEST

START_TEST(skey_parse_refuses_mismatched_hash_and_prefix)
{
	static const char *const bad[] = {
		"PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
		"PRIVATE+KEY+EnochRoot+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
		"private+key+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
		"PRIVATE+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
		"PRIVATE+KEY+PeterNeumann+c74f20a3+AoEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
		"PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDF",
		GO_VKEY,
		"PRIVATE+KEY+",
		"",
	};
	struct note_signer	*s;
	size_t			 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(note_signer_parse(bad[i], strlen(bad[i]), &s)
		    == -1, "accepted %s", bad[i]);
		ck_assert_ptr_null(s);
	}
}
END_TEST

START_TEST(generate_refuses_invalid_names)
{
	struct note_signer	*s;
	char			*skey;

	ck_assert_int_eq(note_signer_generate("bad name", &s, &skey), -1);
	ck_assert_ptr_null(s);
	ck_assert_ptr_null(skey);
	ck_assert_int_eq(note_signer_generate("a+b", &s, &skey), -1);
	ck_assert_int_eq(note_signer_generate("", &s, &skey), -1);
	note_signer_free(NULL);
}
END_TEST

START_TEST(base64_decode_is_strict)
{
	unsigned char	out[8];
	size_t		n;

	ck_assert_int_eq(note_b64_decode("AA==", 4, out, 8, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(note_b64_decode("AB==", 4, out, 8, &n), -1);
	ck_assert_int_eq(note_b64_decode("AA", 2, out, 8, &n), -1);
	ck_assert_int_eq(note_b64_decode("AA=", 3, out, 8, &n), -1);
	ck_assert_int_eq(note_b64_decode("AA==AA==", 8, out, 8, &n), -1);
	ck_assert_int_eq(note_b64_decode("AA== ", 5, out, 8, &n), -1);
	ck_assert_int_eq(note_b64_decode("A-_A", 4, out, 8, &n), -1);
	ck_assert_int_eq(note_b64_decode("AAAAAAAA", 8, out, 5, &n), -1);
}
END_TEST

START_TEST(base64_refuses_bytes_past_ascii)
{
	unsigned char	out[8];
	size_t		n;
	unsigned	c;
	char		s[4] = { 'A', 'A', 'A', 'A' };

	/* libsodium 1.0.18 alone decodes each of these as '/'. */
	for (c = 0x80; c < 0x100; c++) {
		s[3] = (char)c;
		ck_assert_int_eq(note_b64_decode(s, 4, out, 8, &n), -1);
	}
}
END_TEST

START_TEST(utf8_respelling_of_slashes_in_signature_fails)
{
	/* 0x00000000 || ffffff, another key's signature: "AAAAAP///w==". */
	const char	*plain = GO_NOTE DASH "other.example AAAAAP///w==\n";
	/* The same line with "//" spelled as U+034D, valid UTF-8. */
	const char	*respelled = GO_NOTE DASH "other.example AAAAAP\xcd\x8d/w==\n";

	ck_assert_int_eq(open_str(plain), NOTE_OK);
	ck_assert_int_eq(open_str(respelled), NOTE_ERR_MALFORMED);
}


static Suite *
note_suite(void)
{
	Suite	*s = suite_create("note");
	TCase	*tc = tcase_create("note");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, go_vkey_parses_to_its_name_and_hash);
	tcase_add_test(tc, go_skey_derives_the_go_vkey);
	tcase_add_test(tc, sign_matches_go_bytes_exactly);
	tcase_add_test(tc, go_note_opens_with_go_vkey);
	tcase_add_test(tc, go_doubly_signed_note_opens_ignoring_unknown_enoch);
	tcase_add_test(tc, spec_example_note_opens_with_spec_vkey);
	tcase_add_test(tc, generated_key_round_trips_through_skey_and_vkey);
	tcase_add_test(tc, sign_then_open_round_trips);
	tcase_add_test(tc, every_single_byte_change_fails);
	tcase_add_test(tc, every_signature_bit_flip_fails);
	tcase_add_test(tc, every_truncation_fails);
	tcase_add_test(tc, changed_text_is_a_bad_signature);
	tcase_add_test(tc, same_name_other_key_is_unverified);
	tcase_add_test(tc, wrong_key_with_colliding_id_is_a_bad_signature);
	tcase_add_test(tc, unknown_key_only_is_unverified);
	tcase_add_test(tc, bad_known_signature_rejects_note_despite_good_one);
	tcase_add_test(tc, two_known_signers_are_both_reported);
	tcase_add_test(tc, repeated_signature_counts_one_verifier);
	tcase_add_test(tc, ambiguous_verifiers_are_refused);
	tcase_add_test(tc, sixteen_signatures_open_seventeen_are_too_many);
	tcase_add_test(tc, note_over_max_bytes_is_too_large);
	tcase_add_test(tc, sign_refuses_text_without_final_newline);
	tcase_add_test(tc, sign_refuses_control_characters_and_bad_utf8);
	tcase_add_test(tc, text_with_blank_lines_round_trips);
	tcase_add_test(tc, note_without_blank_line_is_malformed);
	tcase_add_test(tc, blank_line_after_signatures_is_malformed);
	tcase_add_test(tc, signature_line_needs_em_dash_name_and_base64);
	tcase_add_test(tc, non_canonical_base64_is_malformed);
	tcase_add_test(tc, known_key_signature_of_wrong_length_is_bad);
	tcase_add_test(tc, nul_byte_anywhere_is_malformed);
	tcase_add_test(tc, key_names_refuse_spaces_plus_and_controls);
	tcase_add_test(tc, vkey_parse_refuses_malformed_keys);
	tcase_add_test(tc, vkey_parse_refuses_other_algorithms);
	tcase_add_test(tc, vkey_parse_refuses_small_order_key);
	tcase_add_test(tc, skey_parse_refuses_mismatched_hash_and_prefix);
	tcase_add_test(tc, generate_refuses_invalid_names);
	tcase_add_test(tc, base64_decode_is_strict);
	tcase_add_test(tc, base64_refuses_bytes_past_ascii);
	tcase_add_test(tc, utf8_respelling_of_slashes_in_signature_fails);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(note_suite)
