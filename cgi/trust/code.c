/*
 * Return codes: generation, normalisation and the argon2id hash.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "trust/code.h"
#include "trust/kdf_gate.h"

static const char	 alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
static unsigned char	*salt_key;

void
code_init(const unsigned char *mac_key)
{
	if (salt_key == NULL &&
	    (salt_key = sodium_malloc(crypto_generichash_KEYBYTES)) == NULL)
		abort();
	crypto_kdf_derive_from_key(salt_key, crypto_generichash_KEYBYTES, 2,
	    "codesalt", mac_key);
}

void
code_generate(char out[CODE_TEXT_BYTES])
{
	unsigned char	 raw[CODE_RANDOM_BYTES];
	unsigned	 acc = 0, bits = 0;
	size_t		 i, n = 0, o = 0;

	randombytes_buf(raw, sizeof(raw));
	for (i = 0; i < sizeof(raw); i++) {
		acc = (acc << 8) | raw[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			if (n > 0 && n % 4 == 0)
				out[o++] = '-';
			out[o++] = alphabet[(acc >> bits) & 31];
			n++;
		}
	}
	out[o] = '\0';
	sodium_memzero(raw, sizeof(raw));
}

static int
crockford(int c)
{
	if (c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	switch (c) {
	case 'O':
		return '0';
	case 'I':
	case 'L':
		return '1';
	case 'U':
		return -1;
	default:
		return strchr(alphabet, c) != NULL && c != '\0' ? c : -1;
	}
}

int
code_normalize(const char *typed, char out[CODE_CHARS + 1])
{
	size_t	 n = 0;
	int	 c;

	for (; *typed != '\0'; typed++) {
		if (*typed == '-' || *typed == ' ' || *typed == '\t')
			continue;
		if (n == CODE_CHARS || (c = crockford((unsigned char)*typed)) == -1)
			return -1;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return n == CODE_CHARS ? 0 : -1;
}

int
code_hash(const char canonical[CODE_CHARS + 1], unsigned char out[CODE_HASH_BYTES])
{
	unsigned char	 salt[crypto_pwhash_SALTBYTES];

	int		 rc;

	crypto_generichash(salt, sizeof(salt), (const unsigned char *)canonical,
	    CODE_CHARS, salt_key, crypto_generichash_KEYBYTES);
	if (kdf_gate_enter() == -1)
		return -1;
	rc = crypto_pwhash(out, CODE_HASH_BYTES, canonical, CODE_CHARS, salt,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) == 0 ? 0 : -1;
	kdf_gate_leave();
	return rc;
}
