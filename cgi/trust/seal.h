/*
 * Sealing confidential data to the secretariat.
 *
 * Each submission and each file gets a fresh random key; the key is
 * sealed to the secretariat's X25519 public key (crypto_box_seal), so
 * only the holder of the private key can recover it, and the data is
 * encrypted under it: records with crypto_secretbox, files as a stream of
 * crypto_secretstream messages, one per stored chunk.
 *
 * Keys live in sodium_malloc memory and are wiped when freed. The server
 * can seal and never unseal; unsealing (seal_open_key) is for the desk.
 */
#ifndef PORTAL_TRUST_SEAL_H
#define PORTAL_TRUST_SEAL_H

#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

struct arena;

#define SEAL_KEY_BYTES		crypto_secretbox_KEYBYTES
#define SEAL_SEALED_KEY_BYTES	(crypto_box_SEALBYTES + SEAL_KEY_BYTES)
#define SEAL_NONCE_BYTES	crypto_secretbox_NONCEBYTES
#define SEAL_STREAM_HEADER_BYTES crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define SEAL_STREAM_ABYTES	crypto_secretstream_xchacha20poly1305_ABYTES

/*
 * A fresh key in sodium_malloc memory (*key) and that key sealed to pk
 * (sealed, SEAL_SEALED_KEY_BYTES). 0, or -1 when out of memory.
 */
int	seal_new_key(const unsigned char *pk, unsigned char **key,
	    unsigned char sealed[SEAL_SEALED_KEY_BYTES])
	    __attribute__((warn_unused_result));
void	seal_free_key(unsigned char *key);

/* Encrypt len bytes under key into a new arena buffer (len + MAC). */
int	seal_box(struct arena *, const unsigned char *key, const void *plain,
	    size_t len, unsigned char nonce[SEAL_NONCE_BYTES],
	    unsigned char **box, size_t *boxlen)
	    __attribute__((warn_unused_result));
/* Decrypt a box; -1 if it was altered. */
int	seal_unbox(struct arena *, const unsigned char *key,
	    const unsigned char *box, size_t boxlen,
	    const unsigned char nonce[SEAL_NONCE_BYTES], unsigned char **plain,
	    size_t *len) __attribute__((warn_unused_result));
/* Recover a key sealed to (pk, sk) into sodium_malloc memory; -1 if bad. */
int	seal_open_key(const unsigned char sealed[SEAL_SEALED_KEY_BYTES],
	    const unsigned char *pk, const unsigned char *sk,
	    unsigned char **key) __attribute__((warn_unused_result));

/* A file being encrypted, one message per stored chunk. */
struct seal_stream {
	crypto_secretstream_xchacha20poly1305_state	 state;
	unsigned char	 header[SEAL_STREAM_HEADER_BYTES];
};

void	seal_stream_init(struct seal_stream *, const unsigned char *key);
/* Encrypt one chunk into out (len + SEAL_STREAM_ABYTES); last marks the end. */
void	seal_stream_push(struct seal_stream *, const unsigned char *in,
	    size_t len, unsigned char *out, int last);

#endif /* PORTAL_TRUST_SEAL_H */
