/*
 * Receipts: the text a submitter keeps, signed as a C2SP signed note
 * (see note.h), in the form DESIGN.md fixes:
 *
 *   <origin>/receipt/v1
 *   ref A-2026-000042
 *   kind allegation|followup|progress-report
 *   received 2026-11-26T18:40:00Z
 *   content sha256:<hex>
 *   file sha256:<hex> <size>      one line per file, in the order sent
 *   parent <ref>                  follow-ups only
 *   nonce <base64 of 16 random bytes>
 *
 * It holds no name, no text of the allegation and no file name: a receipt
 * may be found on a defender's phone. The nonce makes its hash, which is
 * what the public log holds, impossible to guess from public facts.
 */
#ifndef PORTAL_TRUST_RECEIPT_H
#define PORTAL_TRUST_RECEIPT_H

#include <stddef.h>
#include <stdint.h>

#include "portal_limits.h"

struct arena;

#define RECEIPT_NONCE_BYTES	16
#define RECEIPT_TIME_BYTES	21	/* "YYYY-MM-DDTHH:MM:SSZ" + NUL */
#define RECEIPT_REF_MAX		32

struct receipt_file {
	unsigned char	 sha256[32];
	uint64_t	 size;
};

struct receipt {
	const char		*origin;	/* host, e.g. "portal.example" */
	const char		*ref;
	const char		*kind;
	char			 received[RECEIPT_TIME_BYTES];
	unsigned char		 content[32];
	struct receipt_file	 files[MP_MAX_FILES];
	size_t			 nfiles;
	const char		*parent;	/* NULL unless a follow-up */
	unsigned char		 nonce[RECEIPT_NONCE_BYTES];
};

/* The text to sign, in the arena; NULL when out of memory. */
char	*receipt_text(struct arena *, const struct receipt *);
/*
 * Parse the text of a receipt (the part before the signatures), strictly:
 * every line in order, nothing else. 0, or -1 if it is not a receipt.
 */
int	 receipt_parse(struct arena *, const char *text, size_t len,
	    struct receipt *out) __attribute__((warn_unused_result));
/* Format t as RFC 3339 UTC into out. */
void	 receipt_time(long long t, char out[RECEIPT_TIME_BYTES]);

#endif /* PORTAL_TRUST_RECEIPT_H */
