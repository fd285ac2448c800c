/*
 * Submitter keys (see submitter.h).
 */
#include <string.h>

#include "trust/submitter.h"

static const unsigned char	 ctx[] = "portal-submitter-key-v1";

static void
code_key(const char canonical[CODE_CHARS + 1], unsigned char *k)
{
	crypto_generichash(k, SEAL_KEY_BYTES, ctx, sizeof(ctx) - 1,
	    (const unsigned char *)canonical, CODE_CHARS);
}

int
submitter_key_new(const unsigned char *pk, const char canonical[CODE_CHARS + 1],
    unsigned char **key, unsigned char sealed[SEAL_SEALED_KEY_BYTES],
    unsigned char nonce[SEAL_NONCE_BYTES],
    unsigned char box[SUBMITTER_BOX_BYTES])
{
	unsigned char	*k;

	if ((k = sodium_malloc(SEAL_KEY_BYTES)) == NULL)
		return -1;
	if (seal_new_key(pk, key, sealed) == -1) {
		sodium_free(k);
		return -1;
	}
	code_key(canonical, k);
	randombytes_buf(nonce, SEAL_NONCE_BYTES);
	crypto_secretbox_easy(box, *key, SEAL_KEY_BYTES, nonce, k);
	sodium_free(k);
	return 0;
}

int
submitter_key_from_code(const char canonical[CODE_CHARS + 1],
    const unsigned char *nonce, size_t noncelen, const unsigned char *box,
    size_t boxlen, unsigned char **key)
{
	unsigned char	*k;
	int		 rc = -1;

	*key = NULL;
	if (noncelen != SEAL_NONCE_BYTES || boxlen != SUBMITTER_BOX_BYTES)
		return -1;
	if ((k = sodium_malloc(SEAL_KEY_BYTES)) == NULL)
		return -1;
	if ((*key = sodium_malloc(SEAL_KEY_BYTES)) != NULL) {
		code_key(canonical, k);
		if (crypto_secretbox_open_easy(*key, box, boxlen, nonce, k) == 0)
			rc = 0;
		else {
			sodium_free(*key);
			*key = NULL;
		}
	}
	sodium_free(k);
	return rc;
}
