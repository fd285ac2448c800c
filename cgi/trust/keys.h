/*
 * The portal's keys, kept as files in PORTAL_KEYS (see keyfile.h):
 *
 *   receipt.key       signs receipts (C2SP signed-note signer key)
 *   log.key           signs transparency-log checkpoints
 *   mac.key           32 random bytes: keys CSRF tokens and the salts
 *                     of return-code hashes (subkeys by crypto_kdf)
 *   secretariat.pub   the secretariat's X25519 public key: confidential
 *                     data is sealed to it
 *   secretariat.key   its private key, wrapped under the operator's
 *                     passphrase with argon2id; never loaded by `serve`
 *   retired/NAME.vkey verifier keys of retired receipt or log keys
 *
 * `portal keys init` creates whichever of these is missing and never
 * overwrites one. The running server holds the signing keys and the
 * secretariat's public key only: it can seal, never unseal.
 */
#ifndef PORTAL_TRUST_KEYS_H
#define PORTAL_TRUST_KEYS_H

#include <stddef.h>

#include <sodium.h>

#include "trust/note.h"

struct arena;

#define KEYS_MAC_BYTES		32u
#define KEYS_RETIRED_MAX	32u

struct portal_keys {
	struct note_signer	*receipt;
	unsigned char		 secretariat_pk[crypto_box_PUBLICKEYBYTES];
	unsigned char		*mac;		/* sodium_malloc'd */
	char			*log_vkey;	/* the log's verifier key */
	char			*retired[KEYS_RETIRED_MAX];	/* vkeys */
	size_t			 nretired;
	/*
	 * Parsed once here, not per request (parsing checks each key is on
	 * the curve): the receipt verifiers, current first then retired,
	 * with their text; and the log's verifier.
	 */
	struct note_verifier	 receipt_verifiers[1 + KEYS_RETIRED_MAX];
	const char		*receipt_vkeys[1 + KEYS_RETIRED_MAX];
	size_t			 nreceipt_verifiers;
	struct note_verifier	 log_verifier;
};

/* The keys of this process, loaded by `portal serve` before it forks. */
extern struct portal_keys portal_keys;

/* The keys a worker needs. 0, or -1 with the reason in err. */
int	keys_load(const char *dir, struct portal_keys *, char *err,
	    size_t errlen) __attribute__((warn_unused_result));
void	keys_free(struct portal_keys *);

/*
 * Create the missing key files in dir for the portal at host (the origin
 * without its scheme, e.g. "portal.example"), wrapping the secretariat's
 * private key under passphrase. Prints what it made. 0, or -1.
 */
int	keys_init(const char *dir, const char *host, const char *passphrase,
	    size_t passlen);

/*
 * Unwrap the secretariat's private key with passphrase into sk
 * (crypto_box_SECRETKEYBYTES, caller's sodium_malloc'd memory).
 * 0, or -1 if the passphrase is wrong or the file is damaged.
 */
int	keys_unwrap_secretariat(const char *dir, const char *passphrase,
	    size_t passlen, unsigned char *sk)
	    __attribute__((warn_unused_result));

/* The host part of an origin ("https://a.example:8443" -> "a.example:8443"). */
const char *keys_origin_host(const char *origin);

#endif /* PORTAL_TRUST_KEYS_H */
