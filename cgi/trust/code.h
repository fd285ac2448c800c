/*
 * Return codes: the secret a submitter keeps to come back to their case.
 *
 * 160 random bits, written as 32 Crockford base32 characters in groups of
 * four ("7K3M-9QXR-..."): no I, L, O or U to misread when copied by hand,
 * and reading forgives case, spaces, dashes and the look-alikes (O as 0,
 * I and L as 1).
 *
 * Stored only as an argon2id hash. Its salt is a keyed hash of the code
 * itself, so the slow hash is also the lookup key: a wrong code costs
 * exactly what a right one costs, and a stolen database without the key
 * file cannot even be attacked offline.
 */
#ifndef PORTAL_TRUST_CODE_H
#define PORTAL_TRUST_CODE_H

#include <stddef.h>

#define CODE_RANDOM_BYTES	20
#define CODE_CHARS		32			/* 160 bits / 5 */
#define CODE_TEXT_BYTES		(CODE_CHARS + CODE_CHARS / 4)	/* dashes + NUL */
#define CODE_HASH_BYTES		32

void	code_init(const unsigned char *mac_key);
/* A fresh code, grouped for reading, NUL-terminated. */
void	code_generate(char out[CODE_TEXT_BYTES]);
/* The canonical 32 characters of what a user typed; -1 if it cannot be a code. */
int	code_normalize(const char *typed, char out[CODE_CHARS + 1])
	    __attribute__((warn_unused_result));
/*
 * The stored hash of a canonical code. 0, or -1 when out of memory or
 * when the argon2id gate (kdf_gate.h) did not admit it in time.
 */
int	code_hash(const char canonical[CODE_CHARS + 1],
	    unsigned char out[CODE_HASH_BYTES]) __attribute__((warn_unused_result));

#endif /* PORTAL_TRUST_CODE_H */
