/*
 * Verifying a receipt: its signature by one of the portal's verifier keys
 * (current or retired), and its text as a receipt. Shared by the verify
 * page and `portal verify-receipt`, which needs nothing but the receipt
 * and the published keys.
 */
#ifndef PORTAL_TRUST_VERIFY_H
#define PORTAL_TRUST_VERIFY_H

#include <stddef.h>

#include "trust/note.h"
#include "trust/receipt.h"

struct arena;

#define VERIFY_MAX_KEYS		32

enum verify_result {
	VERIFY_OK,		/* signed by a known key, and a well-formed receipt */
	VERIFY_NOT_A_NOTE,	/* not a signed note at all */
	VERIFY_BAD_SIGNATURE,	/* a known key's signature does not verify */
	VERIFY_UNKNOWN_KEY,	/* signed, but by no key of this portal */
	VERIFY_NOT_A_RECEIPT,	/* a valid note, but not a receipt */
	VERIFY__MAX
};

/* A short English description of each result, for logs and the CLI. */
extern const char *const verify_result_str[VERIFY__MAX];

struct verified {
	struct receipt	 receipt;
	const char	*key_name;	/* the key that signed it */
	const char	*vkey;		/* its verifier key text */
	unsigned char	 entry[32];	/* SHA-256 of the signed note: the log entry */
};

/* Parse verifier key lines ("<name>+<hash>+<key>", one per line). */
size_t		 verify_parse_keys(const char *text, size_t len,
		    struct note_verifier *out, const char **lines, size_t max,
		    struct arena *);
enum verify_result verify_receipt(struct arena *, const char *note,
		    size_t len, const struct note_verifier *, const char *const *vkeys,
		    size_t nkeys, struct verified *out);

#endif /* PORTAL_TRUST_VERIFY_H */
