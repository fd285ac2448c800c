/*
 * Staff passwords and key wrapping (see staffkey.h).
 */
#include <string.h>

#include "trust/staffkey.h"

#define OPS	crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEM	crypto_pwhash_MEMLIMIT_INTERACTIVE

int
staffkey_password_ok(size_t len)
{
	return len >= STAFF_PASSWORD_MIN && len <= STAFF_PASSWORD_MAX;
}

int
staffkey_hash_password(const char *pw, size_t len,
    char out[crypto_pwhash_STRBYTES])
{
	return crypto_pwhash_str(out, pw, len, OPS, MEM) == 0 ? 0 : -1;
}

int
staffkey_check_password(const char *stored, const char *pw, size_t len)
{
	if (strlen(stored) >= crypto_pwhash_STRBYTES)
		return -1;
	return crypto_pwhash_str_verify(stored, pw, len) == 0 ? 0 : -1;
}

void
staffkey_dummy_check(const char *pw, size_t len)
{
	static const unsigned char	 salt[crypto_pwhash_SALTBYTES];
	unsigned char			 out[32];

	if (crypto_pwhash(out, sizeof(out), pw, len, salt, OPS, MEM,
	    crypto_pwhash_ALG_ARGON2ID13) == 0)
		sodium_memzero(out, sizeof(out));
}

static int
derive(const char *pw, size_t len, const unsigned char *salt, uint64_t ops,
    uint64_t mem, unsigned char *k)
{
	if (ops == 0 || mem == 0 || ops > crypto_pwhash_OPSLIMIT_SENSITIVE ||
	    mem > crypto_pwhash_MEMLIMIT_SENSITIVE)
		return -1;
	return crypto_pwhash(k, crypto_secretbox_KEYBYTES, pw, len, salt,
	    (unsigned long long)ops, (size_t)mem,
	    crypto_pwhash_ALG_ARGON2ID13) == 0 ? 0 : -1;
}

int
staffkey_wrap(const char *pw, size_t len, const unsigned char *sk,
    struct staffkey_wrapped *w)
{
	unsigned char	*k;
	int		 rc = -1;

	if ((k = sodium_malloc(crypto_secretbox_KEYBYTES)) == NULL)
		return -1;
	randombytes_buf(w->salt, sizeof(w->salt));
	randombytes_buf(w->nonce, sizeof(w->nonce));
	w->ops = OPS;
	w->mem = MEM;
	if (derive(pw, len, w->salt, w->ops, w->mem, k) == 0) {
		crypto_secretbox_easy(w->box, sk, crypto_box_SECRETKEYBYTES,
		    w->nonce, k);
		rc = 0;
	}
	sodium_free(k);
	return rc;
}

int
staffkey_unwrap(const char *pw, size_t len, const struct staffkey_wrapped *w,
    unsigned char *sk)
{
	unsigned char	*k;
	int		 rc = -1;

	if ((k = sodium_malloc(crypto_secretbox_KEYBYTES)) == NULL)
		return -1;
	if (derive(pw, len, w->salt, w->ops, w->mem, k) == 0 &&
	    crypto_secretbox_open_easy(sk, w->box, sizeof(w->box), w->nonce,
	    k) == 0)
		rc = 0;
	sodium_free(k);
	return rc;
}

void
staffkey_session_seal(const unsigned char *sk,
    unsigned char key[STAFFKEY_SESSION_KEY_BYTES],
    unsigned char nonce[STAFFKEY_NONCE_BYTES],
    unsigned char box[STAFFKEY_BOX_BYTES])
{
	crypto_secretbox_keygen(key);
	randombytes_buf(nonce, STAFFKEY_NONCE_BYTES);
	crypto_secretbox_easy(box, sk, crypto_box_SECRETKEYBYTES, nonce, key);
}

int
staffkey_session_open(const unsigned char key[STAFFKEY_SESSION_KEY_BYTES],
    const unsigned char *nonce, size_t noncelen, const unsigned char *box,
    size_t boxlen, unsigned char *sk)
{
	if (noncelen != STAFFKEY_NONCE_BYTES || boxlen != STAFFKEY_BOX_BYTES)
		return -1;
	return crypto_secretbox_open_easy(sk, box, boxlen, nonce, key) == 0 ?
	    0 : -1;
}
