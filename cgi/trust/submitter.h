/*
 * The submitter key: a random key per allegation under which the
 * secretariat writes to the submitter. It is stored twice, never in
 * clear: sealed to the secretariat's public key (so any unlocked staff
 * session can open it), and boxed under a key derived from the return
 * code (so the holder of the code can). The database holds only an
 * argon2id hash of the code, so it cannot derive the code's key.
 *
 * The code's key is BLAKE2b keyed by the canonical code (160 random
 * bits: a slow hash would add nothing against guessing it).
 */
#ifndef PORTAL_TRUST_SUBMITTER_H
#define PORTAL_TRUST_SUBMITTER_H

#include <stddef.h>

#include "trust/code.h"
#include "trust/seal.h"

#define SUBMITTER_BOX_BYTES	(crypto_secretbox_MACBYTES + SEAL_KEY_BYTES)

/*
 * A fresh key (*key, sodium_malloc'd: seal_free_key it), sealed to pk and
 * boxed under the code's key. 0, or -1 when out of memory.
 */
int	submitter_key_new(const unsigned char *pk,
	    const char canonical[CODE_CHARS + 1], unsigned char **key,
	    unsigned char sealed[SEAL_SEALED_KEY_BYTES],
	    unsigned char nonce[SEAL_NONCE_BYTES],
	    unsigned char box[SUBMITTER_BOX_BYTES])
	    __attribute__((warn_unused_result));
/* The key, from the code. 0, or -1 if the box does not open. */
int	submitter_key_from_code(const char canonical[CODE_CHARS + 1],
	    const unsigned char *nonce, size_t noncelen,
	    const unsigned char *box, size_t boxlen, unsigned char **key)
	    __attribute__((warn_unused_result));

#endif /* PORTAL_TRUST_SUBMITTER_H */
