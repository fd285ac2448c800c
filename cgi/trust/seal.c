/*
 * Sealing to the secretariat (libsodium sealed boxes, secretbox and
 * secretstream).
 */
#include <string.h>

#include "core/arena.h"
#include "trust/seal.h"

int
seal_new_key(const unsigned char *pk, unsigned char **key,
    unsigned char sealed[SEAL_SEALED_KEY_BYTES])
{
	if ((*key = sodium_malloc(SEAL_KEY_BYTES)) == NULL)
		return -1;
	crypto_secretbox_keygen(*key);
	if (crypto_box_seal(sealed, *key, SEAL_KEY_BYTES, pk) != 0) {
		seal_free_key(*key);
		*key = NULL;
		return -1;
	}
	return 0;
}

void
seal_free_key(unsigned char *key)
{
	if (key != NULL)
		sodium_free(key);
}

int
seal_box(struct arena *a, const unsigned char *key, const void *plain,
    size_t len, unsigned char nonce[SEAL_NONCE_BYTES], unsigned char **box,
    size_t *boxlen)
{
	if (len > SIZE_MAX - crypto_secretbox_MACBYTES ||
	    (*box = arena_alloc(a, len + crypto_secretbox_MACBYTES)) == NULL)
		return -1;
	randombytes_buf(nonce, SEAL_NONCE_BYTES);
	crypto_secretbox_easy(*box, plain, len, nonce, key);
	*boxlen = len + crypto_secretbox_MACBYTES;
	return 0;
}

int
seal_unbox(struct arena *a, const unsigned char *key, const unsigned char *box,
    size_t boxlen, const unsigned char nonce[SEAL_NONCE_BYTES],
    unsigned char **plain, size_t *len)
{
	if (boxlen < crypto_secretbox_MACBYTES ||
	    (*plain = arena_alloc(a, boxlen - crypto_secretbox_MACBYTES + 1)) ==
	    NULL)
		return -1;
	if (crypto_secretbox_open_easy(*plain, box, boxlen, nonce, key) != 0)
		return -1;
	*len = boxlen - crypto_secretbox_MACBYTES;
	(*plain)[*len] = '\0';
	return 0;
}

int
seal_open_key(const unsigned char sealed[SEAL_SEALED_KEY_BYTES],
    const unsigned char *pk, const unsigned char *sk, unsigned char **key)
{
	if ((*key = sodium_malloc(SEAL_KEY_BYTES)) == NULL)
		return -1;
	if (crypto_box_seal_open(*key, sealed, SEAL_SEALED_KEY_BYTES, pk,
	    sk) != 0) {
		seal_free_key(*key);
		*key = NULL;
		return -1;
	}
	return 0;
}

void
seal_stream_init(struct seal_stream *s, const unsigned char *key)
{
	crypto_secretstream_xchacha20poly1305_init_push(&s->state, s->header,
	    key);
}

void
seal_stream_push(struct seal_stream *s, const unsigned char *in, size_t len,
    unsigned char *out, int last)
{
	crypto_secretstream_xchacha20poly1305_push(&s->state, out, NULL, in,
	    len, NULL, 0, last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL :
	    0);
}
