/*
 * C2SP signed notes with Ed25519 keys. See note.h for the contract.
 *
 * Parsing is strict on purpose: a receipt is evidence, and two encodings
 * of one note (non-canonical base64, overlong UTF-8) would let a forger
 * argue about which one was signed. Every input is bounded before it is
 * looked at.
 */
#include <sodium.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "trust/note.h"

#define EM_DASH_SP	"\xe2\x80\x94 "		/* U+2014 and a space */
#define EM_DASH_SP_LEN	4u
#define SKEY_PREFIX	"PRIVATE+KEY+"
#define SKEY_PREFIX_LEN	12u
#define KEYDATA_BYTES	(1u + NOTE_PUBKEY_BYTES)	/* 0x01 || key */
#define KEYDATA_B64_LEN	44u
#define SIG_BYTES	(4u + crypto_sign_BYTES)
#define SIG_B64_LEN	92u
#define HASH_HEX_LEN	8u

struct note_signer {
	unsigned char	sk[crypto_sign_SECRETKEYBYTES];
	unsigned char	pk[crypto_sign_PUBLICKEYBYTES];
	uint32_t	hash;
	size_t		name_len;
	char		name[NOTE_NAME_MAX_BYTES + 1];
};

/* sodium_malloc() ends the block at a page end: keep the size aligned. */
_Static_assert(sizeof(struct note_signer) % _Alignof(max_align_t) == 0,
    "struct note_signer must be a multiple of the maximal alignment");

const char *const note_err_str[NOTE_ERR__MAX] = {
	[NOTE_OK] = "ok",
	[NOTE_ERR_MALFORMED] = "malformed note",
	[NOTE_ERR_TOO_LARGE] = "note too large",
	[NOTE_ERR_BAD_SIGNATURE] = "signature by a known key does not verify",
	[NOTE_ERR_UNVERIFIED] = "no signature by a known key",
	[NOTE_ERR_AMBIGUOUS_KEY] = "two verifiers share a name and key hash",
	[NOTE_ERR_BAD_CONTENT] = "note text is not what was expected",
	[NOTE_ERR_NOMEM] = "out of memory",
};

/*
 * Decode one UTF-8 sequence at s[*i]. Overlong forms, surrogates and
 * code points past U+10FFFF are refused, as Go's decoder does, so that
 * every implementation agrees on which notes are valid.
 */
static int
utf8_next(const unsigned char *s, size_t len, size_t *i, uint32_t *cp)
{
	uint32_t	c = s[*i], min;
	size_t		n, k;

	if (c < 0x80) {
		*cp = c;
		(*i)++;
		return 0;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 1;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 2;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 3;
		c &= 0x07;
		min = 0x10000;
	} else
		return -1;
	if (len - *i <= n)
		return -1;
	for (k = 1; k <= n; k++) {
		if ((s[*i + k] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (s[*i + k] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*cp = c;
	*i += n + 1;
	return 0;
}

/* Valid UTF-8 with no control character below U+0020 but '\n'. */
static int
utf8_text_ok(const char *p, size_t len)
{
	const unsigned char	*s = (const unsigned char *)p;
	size_t			 i = 0;
	uint32_t		 cp;

	while (i < len) {
		if (utf8_next(s, len, &i, &cp) == -1)
			return 0;
		if (cp < 0x20 && cp != '\n')
			return 0;
	}
	return 1;
}

/* Unicode White_Space, the set Go's unicode.IsSpace uses. */
static int
is_space(uint32_t c)
{
	return (c >= 0x09 && c <= 0x0d) || c == 0x20 || c == 0x85 ||
	    c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
	    c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f ||
	    c == 0x3000;
}

int
note_name_valid(const char *name, size_t len)
{
	const unsigned char	*s = (const unsigned char *)name;
	size_t			 i = 0;
	uint32_t		 cp;

	if (len == 0 || len > NOTE_NAME_MAX_BYTES)
		return 0;
	while (i < len) {
		if (utf8_next(s, len, &i, &cp) == -1)
			return 0;
		if (cp == '+' || is_space(cp) || cp < 0x20 ||
		    (cp >= 0x7f && cp <= 0x9f))
			return 0;
	}
	return 1;
}

int
note_text_valid(const char *text, size_t len)
{
	return len > 0 && text[len - 1] == '\n' && utf8_text_ok(text, len);
}

char *
note_b64_encode(struct arena *a, const unsigned char *bin, size_t len)
{
	size_t	 n;
	char	*out;

	if (len > (SIZE_MAX - 4) / 4 * 3)
		return NULL;
	n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	if ((out = arena_alloc(a, n)) == NULL)
		return NULL;
	return sodium_bin2base64(out, n, bin, len,
	    sodium_base64_VARIANT_ORIGINAL);
}

/*
 * 1 if every byte is in the base64 alphabet or '=', without a branch on
 * the bytes: secret keys pass through here.
 */
static int
b64_alphabet_only(const char *b64, size_t len)
{
	unsigned	c, ok, bad = 0;
	size_t		i;

	for (i = 0; i < len; i++) {
		c = (unsigned char)b64[i];
		ok = (c - 'A' <= 'Z' - 'A') | (c - 'a' <= 'z' - 'a') |
		    (c - '0' <= '9' - '0') | (c == '+') | (c == '/') |
		    (c == '=');
		bad |= ok ^ 1;
	}
	return bad == 0;
}

int
note_b64_decode(const char *b64, size_t len, unsigned char *out,
    size_t outmax, size_t *outlen)
{
	size_t	 n = 0;

	/*
	 * libsodium 1.0.18 reads the input as signed char and decodes every
	 * byte from 0x80 up as '/': "\xcd\x8d" is valid UTF-8 and would be a
	 * second spelling of "//" in a signature or a root. Check first.
	 */
	if (!b64_alphabet_only(b64, len))
		return -1;
	/*
	 * libsodium refuses non-zero padding bits and missing or extra '=';
	 * a NULL end pointer makes it refuse anything left over.
	 */
	if (sodium_base642bin(out, outmax, b64, len, NULL, &n, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0)
		return -1;
	*outlen = n;
	return 0;
}

static uint32_t
key_hash(const char *name, size_t len, const unsigned char pk[32])
{
	crypto_hash_sha256_state	st;
	unsigned char			h[crypto_hash_sha256_BYTES];
	unsigned char			sep[2] = { '\n', NOTE_ALG_ED25519 };

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)name, len);
	crypto_hash_sha256_update(&st, sep, sizeof(sep));
	crypto_hash_sha256_update(&st, pk, NOTE_PUBKEY_BYTES);
	crypto_hash_sha256_final(&st, h);
	return (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 |
	    (uint32_t)h[2] << 8 | h[3];
}

/* Exactly 8 lowercase hex digits, the form every implementation writes. */
static int
parse_hash_hex(const char *s, uint32_t *out)
{
	uint32_t	v = 0;
	size_t		i;

	for (i = 0; i < HASH_HEX_LEN; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			v = v << 4 | (uint32_t)(s[i] - '0');
		else if (s[i] >= 'a' && s[i] <= 'f')
			v = v << 4 | (uint32_t)(s[i] - 'a' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/*
 * Split "<name>+<hash>+<keydata>" (the tail of both key strings) into its
 * parts; keydata is what follows the second '+'.
 */
static int
split_key(const char *s, size_t len, size_t *name_len, uint32_t *hash,
    const char **kd, size_t *kd_len)
{
	const char	*plus;

	if (len > 0 && s[len - 1] == '\n')
		len--;
	if ((plus = memchr(s, '+', len)) == NULL)
		return -1;
	*name_len = (size_t)(plus - s);
	if (!note_name_valid(s, *name_len))
		return -1;
	s = plus + 1;
	len -= *name_len + 1;
	if (len < HASH_HEX_LEN + 1 || s[HASH_HEX_LEN] != '+' ||
	    parse_hash_hex(s, hash) == -1)
		return -1;
	*kd = s + HASH_HEX_LEN + 1;
	*kd_len = len - HASH_HEX_LEN - 1;
	return 0;
}

int
note_verifier_parse(const char *vkey, size_t len, struct note_verifier *out)
{
	unsigned char	 kd[KEYDATA_BYTES];
	const char	*b64;
	size_t		 b64_len, n;

	if (split_key(vkey, len, &out->name_len, &out->hash, &b64,
	    &b64_len) == -1)
		return -1;
	if (note_b64_decode(b64, b64_len, kd, sizeof(kd), &n) == -1 ||
	    n != KEYDATA_BYTES || kd[0] != NOTE_ALG_ED25519)
		return -1;
	/* Small-order and off-curve keys would verify forged signatures. */
	if (!crypto_core_ed25519_is_valid_point(kd + 1))
		return -1;
	if (key_hash(vkey, out->name_len, kd + 1) != out->hash)
		return -1;
	memcpy(out->name, vkey, out->name_len);
	out->name[out->name_len] = '\0';
	memcpy(out->pk, kd + 1, NOTE_PUBKEY_BYTES);
	return 0;
}

static struct note_signer *
signer_alloc(const char *name, size_t name_len)
{
	struct note_signer	*s;

	if ((s = sodium_malloc(sizeof(*s))) == NULL)
		return NULL;
	memset(s, 0, sizeof(*s));
	memcpy(s->name, name, name_len);
	s->name[name_len] = '\0';
	s->name_len = name_len;
	return s;
}

int
note_signer_parse(const char *skey, size_t len, struct note_signer **out)
{
	struct note_signer	*s = NULL;
	unsigned char		*kd = NULL;
	const char		*b64;
	size_t			 name_len, b64_len, n;
	uint32_t		 hash;
	int			 rc = -1;

	*out = NULL;
	if (len < SKEY_PREFIX_LEN ||
	    memcmp(skey, SKEY_PREFIX, SKEY_PREFIX_LEN) != 0)
		return -1;
	skey += SKEY_PREFIX_LEN;
	len -= SKEY_PREFIX_LEN;
	if (split_key(skey, len, &name_len, &hash, &b64, &b64_len) == -1)
		return -1;
	/* The seed is secret from the moment it is decoded. */
	if ((kd = sodium_malloc(KEYDATA_BYTES)) == NULL)
		return -1;
	if (note_b64_decode(b64, b64_len, kd, KEYDATA_BYTES, &n) == -1 ||
	    n != KEYDATA_BYTES || kd[0] != NOTE_ALG_ED25519)
		goto out;
	if ((s = signer_alloc(skey, name_len)) == NULL)
		goto out;
	if (crypto_sign_seed_keypair(s->pk, s->sk, kd + 1) != 0)
		goto out;
	/* A key file whose hash is not its own would sign under a lie. */
	if ((s->hash = key_hash(s->name, name_len, s->pk)) != hash)
		goto out;
	(void)sodium_mprotect_readonly(s);
	*out = s;
	s = NULL;
	rc = 0;
out:
	sodium_free(kd);
	if (s != NULL)
		sodium_free(s);
	return rc;
}

/* "PRIVATE+KEY+<name>+<hash>+<base64(0x01 || seed)>" in sodium memory. */
static char *
signer_skey(const struct note_signer *s)
{
	unsigned char	*kd;
	char		*txt;
	size_t		 n, off;

	n = SKEY_PREFIX_LEN + s->name_len + 1 + HASH_HEX_LEN + 1 +
	    KEYDATA_B64_LEN + 1;
	if ((kd = sodium_malloc(KEYDATA_BYTES)) == NULL)
		return NULL;
	if ((txt = sodium_malloc(n)) == NULL) {
		sodium_free(kd);
		return NULL;
	}
	kd[0] = NOTE_ALG_ED25519;
	crypto_sign_ed25519_sk_to_seed(kd + 1, s->sk);
	off = (size_t)snprintf(txt, n, "%s%s+%08x+", SKEY_PREFIX, s->name,
	    (unsigned)s->hash);
	sodium_bin2base64(txt + off, n - off, kd, KEYDATA_BYTES,
	    sodium_base64_VARIANT_ORIGINAL);
	sodium_free(kd);
	return txt;
}

int
note_signer_generate(const char *name, struct note_signer **out, char **skey)
{
	struct note_signer	*s;
	size_t			 name_len = strlen(name);

	*out = NULL;
	*skey = NULL;
	if (!note_name_valid(name, name_len))
		return -1;
	if ((s = signer_alloc(name, name_len)) == NULL)
		return -1;
	if (crypto_sign_keypair(s->pk, s->sk) != 0) {
		sodium_free(s);
		return -1;
	}
	s->hash = key_hash(s->name, name_len, s->pk);
	if ((*skey = signer_skey(s)) == NULL) {
		sodium_free(s);
		return -1;
	}
	(void)sodium_mprotect_readonly(s);
	*out = s;
	return 0;
}

void
note_signer_free(struct note_signer *s)
{
	/* sodium_free() makes the pages writable and wipes them first. */
	if (s != NULL)
		sodium_free(s);
}

const char *
note_signer_name(const struct note_signer *s)
{
	return s->name;
}

uint32_t
note_signer_hash(const struct note_signer *s)
{
	return s->hash;
}

void
note_signer_verifier(const struct note_signer *s, struct note_verifier *v)
{
	memcpy(v->name, s->name, s->name_len + 1);
	v->name_len = s->name_len;
	v->hash = s->hash;
	memcpy(v->pk, s->pk, NOTE_PUBKEY_BYTES);
}

char *
note_signer_vkey(const struct note_signer *s, struct arena *a)
{
	unsigned char	 kd[KEYDATA_BYTES];
	char		 b64[KEYDATA_B64_LEN + 1];

	kd[0] = NOTE_ALG_ED25519;
	memcpy(kd + 1, s->pk, NOTE_PUBKEY_BYTES);
	sodium_bin2base64(b64, sizeof(b64), kd, sizeof(kd),
	    sodium_base64_VARIANT_ORIGINAL);
	return arena_printf(a, "%s+%08x+%s", s->name, (unsigned)s->hash, b64);
}

enum note_err
note_sign(struct arena *a, const struct note_signer *s, const char *text,
    size_t len, char **out, size_t *outlen)
{
	unsigned char	 sig[SIG_BYTES];
	size_t		 extra, n;
	char		*p;

	if (!note_text_valid(text, len))
		return NOTE_ERR_MALFORMED;
	/* "\n" "— " name " " base64 "\n" */
	extra = 1 + EM_DASH_SP_LEN + s->name_len + 1 + SIG_B64_LEN + 1;
	if (len > NOTE_MAX_BYTES || extra > NOTE_MAX_BYTES - len)
		return NOTE_ERR_TOO_LARGE;
	n = len + extra;
	if ((p = arena_alloc(a, n + 1)) == NULL)
		return NOTE_ERR_NOMEM;

	sig[0] = (unsigned char)(s->hash >> 24);
	sig[1] = (unsigned char)(s->hash >> 16);
	sig[2] = (unsigned char)(s->hash >> 8);
	sig[3] = (unsigned char)s->hash;
	if (crypto_sign_detached(sig + 4, NULL, (const unsigned char *)text,
	    len, s->sk) != 0)
		abort();

	memcpy(p, text, len);
	memcpy(p + len, "\n" EM_DASH_SP, 1 + EM_DASH_SP_LEN);
	memcpy(p + len + 1 + EM_DASH_SP_LEN, s->name, s->name_len);
	p[n - SIG_B64_LEN - 2] = ' ';
	sodium_bin2base64(p + n - SIG_B64_LEN - 1, SIG_B64_LEN + 1, sig,
	    sizeof(sig), sodium_base64_VARIANT_ORIGINAL);
	p[n - 1] = '\n';
	p[n] = '\0';
	*out = p;
	*outlen = n;
	return NOTE_OK;
}

/*
 * Where the last "\n\n" in msg starts, or -1: the text ends with the
 * first of those two newlines.
 */
static long
last_blank_line(const char *msg, size_t len)
{
	size_t	i;

	for (i = len - 1; i > 0; i--)
		if (msg[i] == '\n' && msg[i - 1] == '\n')
			return (long)(i - 1);
	return -1;
}

/*
 * The verifier for (name, key hash) into *idx, nv if there is none; an
 * error if the caller configured two, since either could be the one meant.
 */
static enum note_err
find_verifier(const struct note_verifier *v, size_t nv, const char *name,
    size_t name_len, uint32_t hash, size_t *idx)
{
	size_t	i, found = nv;

	for (i = 0; i < nv; i++) {
		if (v[i].hash != hash || v[i].name_len != name_len ||
		    memcmp(v[i].name, name, name_len) != 0)
			continue;
		if (found != nv)
			return NOTE_ERR_AMBIGUOUS_KEY;
		found = i;
	}
	*idx = found;
	return NOTE_OK;
}

static void
mark_verified(struct note_opened *o, size_t idx)
{
	size_t	i;

	for (i = 0; i < o->nverified; i++)
		if (o->verified[i] == idx)
			return;
	o->verified[o->nverified++] = idx;
}

/*
 * One signature line "— <name> <base64>" (without its '\n'): check its
 * form and, if its key is known, the signature over text.
 */
static enum note_err
open_line(struct arena *a, const char *line, size_t len, const char *text,
    size_t text_len, const struct note_verifier *v, size_t nv,
    struct note_opened *o)
{
	const char	*name, *b64, *sp;
	unsigned char	*sig;
	size_t		 name_len, b64_len, n, idx;
	uint32_t	 hash;
	enum note_err	 e;

	if (len < EM_DASH_SP_LEN ||
	    memcmp(line, EM_DASH_SP, EM_DASH_SP_LEN) != 0)
		return NOTE_ERR_MALFORMED;
	name = line + EM_DASH_SP_LEN;
	len -= EM_DASH_SP_LEN;
	if ((sp = memchr(name, ' ', len)) == NULL)
		return NOTE_ERR_MALFORMED;
	name_len = (size_t)(sp - name);
	b64 = sp + 1;
	b64_len = len - name_len - 1;
	if (!note_name_valid(name, name_len) || b64_len == 0)
		return NOTE_ERR_MALFORMED;
	n = b64_len / 4 * 3;
	if ((sig = arena_alloc(a, n)) == NULL)
		return NOTE_ERR_NOMEM;
	/* The key ID and at least one byte of signature, as Go requires. */
	if (note_b64_decode(b64, b64_len, sig, n, &n) == -1 || n < 5)
		return NOTE_ERR_MALFORMED;
	hash = (uint32_t)sig[0] << 24 | (uint32_t)sig[1] << 16 |
	    (uint32_t)sig[2] << 8 | sig[3];
	if ((e = find_verifier(v, nv, name, name_len, hash, &idx)) != NOTE_OK)
		return e;
	if (idx == nv)
		return NOTE_OK;		/* someone else's key: ignored */
	if (n != SIG_BYTES || crypto_sign_verify_detached(sig + 4,
	    (const unsigned char *)text, text_len, v[idx].pk) != 0)
		return NOTE_ERR_BAD_SIGNATURE;
	mark_verified(o, idx);
	return NOTE_OK;
}

enum note_err
note_open(struct arena *a, const char *msg, size_t len,
    const struct note_verifier *v, size_t nv, struct note_opened *out)
{
	const char	*sigs, *nl;
	size_t		 text_len, left;
	long		 split;
	enum note_err	 e;

	memset(out, 0, sizeof(*out));
	if (len > NOTE_MAX_BYTES)
		return NOTE_ERR_TOO_LARGE;
	if (len < 2 || !utf8_text_ok(msg, len) || msg[len - 1] != '\n')
		return NOTE_ERR_MALFORMED;
	/* Text may hold blank lines; the last one separates the signatures. */
	if ((split = last_blank_line(msg, len)) < 0)
		return NOTE_ERR_MALFORMED;
	text_len = (size_t)split + 1;
	sigs = msg + text_len + 1;
	left = len - text_len - 1;
	if (left == 0)
		return NOTE_ERR_MALFORMED;

	while (left > 0) {
		if (++out->nsigs > NOTE_MAX_SIGS)
			return NOTE_ERR_TOO_LARGE;
		/* Always found: the block ends in '\n'. */
		nl = memchr(sigs, '\n', left);
		e = open_line(a, sigs, (size_t)(nl - sigs), msg, text_len, v,
		    nv, out);
		if (e != NOTE_OK)
			return e;
		left -= (size_t)(nl - sigs) + 1;
		sigs = nl + 1;
	}
	if (out->nverified == 0)
		return NOTE_ERR_UNVERIFIED;
	if ((out->text = arena_strndup(a, msg, text_len)) == NULL)
		return NOTE_ERR_NOMEM;
	out->text_len = text_len;
	return NOTE_OK;
}
