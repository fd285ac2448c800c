/*
 * Staff passwords and the copies of the secretariat's private key that
 * staff and their sessions hold.
 *
 *   password       crypto_pwhash_str (argon2id, INTERACTIVE: 64 MiB)
 *   staff copy     secretbox(sk) under argon2id(password, own salt)
 *   session copy   secretbox(sk) under a random key that only the session
 *                  cookie carries (cookie = token || key): the database
 *                  row alone cannot open it, and the cookie alone has
 *                  nothing to open.
 *
 * Passwords are 12 to 128 bytes, taken whole (argon2id has no
 * truncation). Secret keys live in sodium_malloc memory.
 *
 * Caveat: every argon2id costs 64 MiB and ~60 ms; these functions do
 * not take the shared gate (trust/kdf_gate.h): callers in the server do,
 * once around a login's two hashes (desk/auth.c).
 */
#ifndef PORTAL_TRUST_STAFFKEY_H
#define PORTAL_TRUST_STAFFKEY_H

#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#define STAFF_PASSWORD_MIN	12u
#define STAFF_PASSWORD_MAX	128u
#define STAFFKEY_SALT_BYTES	crypto_pwhash_SALTBYTES
#define STAFFKEY_NONCE_BYTES	crypto_secretbox_NONCEBYTES
#define STAFFKEY_BOX_BYTES	(crypto_secretbox_MACBYTES + \
				    crypto_box_SECRETKEYBYTES)
#define STAFFKEY_SESSION_KEY_BYTES crypto_secretbox_KEYBYTES

struct staffkey_wrapped {
	unsigned char	 salt[STAFFKEY_SALT_BYTES];
	unsigned char	 nonce[STAFFKEY_NONCE_BYTES];
	unsigned char	 box[STAFFKEY_BOX_BYTES];
	uint64_t	 ops, mem;
};

/* 1 if len is an acceptable password length. */
int	staffkey_password_ok(size_t len);
/* The password's argon2id string into out. 0, or -1 when out of memory. */
int	staffkey_hash_password(const char *pw, size_t len,
	    char out[crypto_pwhash_STRBYTES]) __attribute__((warn_unused_result));
/* 0 if pw matches the stored string, -1 if not (constant work either way). */
int	staffkey_check_password(const char *stored, const char *pw, size_t len)
	    __attribute__((warn_unused_result));
/* Run one argon2id for nothing: an unknown login costs what a known one does. */
void	staffkey_dummy_check(const char *pw, size_t len);
/* Wrap sk under pw. 0, or -1. */
int	staffkey_wrap(const char *pw, size_t len, const unsigned char *sk,
	    struct staffkey_wrapped *) __attribute__((warn_unused_result));
/* Unwrap into sk (caller's sodium_malloc'd memory). 0, or -1 if wrong. */
int	staffkey_unwrap(const char *pw, size_t len,
	    const struct staffkey_wrapped *, unsigned char *sk)
	    __attribute__((warn_unused_result));
/* Box sk under a fresh key (written to key) for a session. */
void	staffkey_session_seal(const unsigned char *sk,
	    unsigned char key[STAFFKEY_SESSION_KEY_BYTES],
	    unsigned char nonce[STAFFKEY_NONCE_BYTES],
	    unsigned char box[STAFFKEY_BOX_BYTES]);
/* Open a session's box into sk. 0, or -1. */
int	staffkey_session_open(const unsigned char key[STAFFKEY_SESSION_KEY_BYTES],
	    const unsigned char *nonce, size_t noncelen, const unsigned char *box,
	    size_t boxlen, unsigned char *sk) __attribute__((warn_unused_result));

#endif /* PORTAL_TRUST_STAFFKEY_H */
