/*
 * C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys: the format
 * of receipts and of log checkpoints. This module owns the key formats
 * (the verifier and signer key strings of Go's sumdb/note package), signing
 * a text, and opening a signed note against a set of trusted verifiers.
 *
 * Caveats:
 * - sodium_init() must have succeeded before any function here is called;
 *   that is the program's job at start-up, not this module's.
 * - Only signature type 0x01 (Ed25519) is understood. Signature lines by
 *   other keys are checked for form and otherwise ignored, as the spec
 *   requires, so witnesses may cosign with other algorithms.
 * - Key names are stricter than the spec: besides Unicode spaces and '+',
 *   control characters (C0, DEL, C1) are refused, and a name is at most
 *   NOTE_NAME_MAX_BYTES bytes. A note naming such a key in any signature
 *   line is refused as malformed.
 * - A note is at most NOTE_MAX_BYTES bytes with at most NOTE_MAX_SIGS
 *   signature lines. That holds 16 Ed25519 signatures, as the spec asks,
 *   but not 16 post-quantum ones.
 * - The text of a note must be ignored unless note_open() succeeded.
 */
#ifndef PORTAL_TRUST_NOTE_H
#define PORTAL_TRUST_NOTE_H

#include <stddef.h>
#include <stdint.h>

struct arena;

#define NOTE_MAX_BYTES		16384u
#define NOTE_MAX_SIGS		16u
#define NOTE_NAME_MAX_BYTES	255u
#define NOTE_ALG_ED25519	0x01
#define NOTE_PUBKEY_BYTES	32u	/* crypto_sign_PUBLICKEYBYTES */

enum note_err {
	NOTE_OK = 0,
	NOTE_ERR_MALFORMED,	/* not a well-formed signed note */
	NOTE_ERR_TOO_LARGE,	/* over NOTE_MAX_BYTES or NOTE_MAX_SIGS */
	NOTE_ERR_BAD_SIGNATURE,	/* a known key's signature does not verify */
	NOTE_ERR_UNVERIFIED,	/* no signature by a known key */
	NOTE_ERR_AMBIGUOUS_KEY,	/* two verifiers share a name and key hash */
	NOTE_ERR_BAD_CONTENT,	/* verified, but not the text wanted */
	NOTE_ERR_NOMEM,		/* the arena is full */
	NOTE_ERR__MAX
};

/* A short English reason for logs, indexed by enum note_err. */
extern const char *const note_err_str[NOTE_ERR__MAX];

/*
 * A trusted public key, parsed from a verifier key string. Plain data with
 * no pointers: copy it, keep it for the life of the process.
 */
struct note_verifier {
	char		name[NOTE_NAME_MAX_BYTES + 1];	/* NUL-terminated */
	size_t		name_len;
	uint32_t	hash;				/* the key ID */
	unsigned char	pk[NOTE_PUBKEY_BYTES];
};

/*
 * A private key. Opaque: it lives in sodium_malloc() memory, read-only
 * once built, and is wiped when freed.
 */
struct note_signer;

/* What note_open() found. */
struct note_opened {
	const char	*text;		/* NUL-terminated, in the arena */
	size_t		 text_len;	/* ends in '\n' */
	size_t		 nsigs;		/* signature lines in the note */
	/* The distinct verifiers that verified, as indexes into the array. */
	size_t		 nverified;
	size_t		 verified[NOTE_MAX_SIGS];
};

/* 1 if name is a valid key name (see the caveats above), else 0. */
int	note_name_valid(const char *name, size_t len);

/*
 * 1 if text may be signed: non-empty, ends in '\n', valid UTF-8 with no
 * control character but '\n'. Else 0. Says nothing about its size.
 */
int	note_text_valid(const char *text, size_t len);

/*
 * Parse a verifier key "<name>+<8 lowercase hex>+<base64(0x01 || pubkey)>".
 * One trailing '\n' is allowed, as keys come from files. Checks the key
 * hash and that the key is a valid Ed25519 point. 0 on success; -1 if the
 * string is not such a key (out is then unspecified).
 */
int	note_verifier_parse(const char *vkey, size_t len,
	    struct note_verifier *out)
	    __attribute__((warn_unused_result));

/*
 * Parse a signer key "PRIVATE+KEY+<name>+<hash>+<base64(0x01 || seed)>",
 * with one trailing '\n' allowed. The caller wipes skey afterwards. On
 * success *out is a signer to free with note_signer_free() and 0 is
 * returned; -1 if the string is malformed, its hash does not match the
 * derived public key, or memory ran out.
 */
int	note_signer_parse(const char *skey, size_t len,
	    struct note_signer **out)
	    __attribute__((warn_unused_result));

/*
 * A new random key named name (NUL-terminated). On success 0, *out is the
 * signer and *skey its signer key string, NUL-terminated, in sodium_malloc()
 * memory: the caller writes it to a 0600 file and releases it with
 * sodium_free(), which wipes it. -1 if the name is invalid or memory ran
 * out; nothing is then allocated.
 */
int	note_signer_generate(const char *name, struct note_signer **out,
	    char **skey)
	    __attribute__((warn_unused_result));

/* Wipe and free a signer. NULL is allowed. */
void	note_signer_free(struct note_signer *);

/* The key name, NUL-terminated; lives as long as the signer. */
const char	*note_signer_name(const struct note_signer *);
uint32_t	 note_signer_hash(const struct note_signer *);

/* The verifier key string of the signer, in the arena; NULL if it is full. */
char	*note_signer_vkey(const struct note_signer *, struct arena *)
	    __attribute__((warn_unused_result));

/* The verifier of the signer's own key, for checking what it signed. */
void	 note_signer_verifier(const struct note_signer *,
	    struct note_verifier *out);

/*
 * Sign text (see note_text_valid()) and write the signed note, NUL-
 * terminated, into the arena: *out and *outlen (which excludes the NUL).
 * NOTE_OK; NOTE_ERR_MALFORMED if the text may not be signed;
 * NOTE_ERR_TOO_LARGE if the signed note would pass NOTE_MAX_BYTES;
 * NOTE_ERR_NOMEM if the arena is full.
 */
enum note_err	note_sign(struct arena *, const struct note_signer *,
		    const char *text, size_t len, char **out, size_t *outlen)
		    __attribute__((warn_unused_result));

/*
 * Open a signed note: check its form, verify every signature line whose
 * name and key hash match one of the verifiers, ignore the others.
 * NOTE_OK and *out filled if at least one known key signed it and every
 * signature by a known key verifies. Otherwise the first problem found:
 * NOTE_ERR_TOO_LARGE, NOTE_ERR_MALFORMED, NOTE_ERR_AMBIGUOUS_KEY (the
 * verifiers are misconfigured), NOTE_ERR_BAD_SIGNATURE,
 * NOTE_ERR_UNVERIFIED, or NOTE_ERR_NOMEM; *out is then unspecified and
 * its text must not be used. Memory comes from the arena.
 */
enum note_err	note_open(struct arena *, const char *msg, size_t len,
		    const struct note_verifier *verifiers, size_t nverifiers,
		    struct note_opened *out)
		    __attribute__((warn_unused_result));

/*
 * Strict base64 (RFC 4648 section 4, with padding), shared with the
 * checkpoint code. Encode into the arena (NULL if full). Decode 0 on
 * success with *outlen bytes in out; -1 unless all of b64 is canonical
 * base64 of at most outmax bytes.
 */
char	*note_b64_encode(struct arena *, const unsigned char *, size_t)
	    __attribute__((warn_unused_result));
int	 note_b64_decode(const char *b64, size_t len, unsigned char *out,
	    size_t outmax, size_t *outlen)
	    __attribute__((warn_unused_result));

#endif /* PORTAL_TRUST_NOTE_H */
