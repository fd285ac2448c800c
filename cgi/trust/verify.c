/*
 * Receipt verification.
 */
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "trust/verify.h"
#include "view/i18n.h"

const char *const verify_result_str[VERIFY__MAX] = {
	[VERIFY_OK] = N_("valid receipt"),
	[VERIFY_NOT_A_NOTE] = N_("not a signed note"),
	[VERIFY_BAD_SIGNATURE] = N_("the signature does not verify"),
	[VERIFY_UNKNOWN_KEY] = N_("not signed by a key of this portal"),
	[VERIFY_NOT_A_RECEIPT] = N_("signed, but not a receipt"),
};

size_t
verify_parse_keys(const char *text, size_t len, struct note_verifier *out,
    const char **lines, size_t max, struct arena *a)
{
	const char	*p = text, *end = text + len, *nl;
	size_t		 n = 0, l;

	while (p < end && n < max) {
		nl = memchr(p, '\n', (size_t)(end - p));
		l = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if (l > 0 && note_verifier_parse(p, l, &out[n]) == 0 &&
		    (lines[n] = arena_strndup(a, p, l)) != NULL)
			n++;
		p += l + 1;
	}
	return n;
}

enum verify_result
verify_receipt(struct arena *a, const char *note, size_t len,
    const struct note_verifier *keys, const char *const *vkeys, size_t nkeys,
    struct verified *out)
{
	struct note_opened	 o;
	size_t			 k;

	memset(out, 0, sizeof(*out));
	switch (note_open(a, note, len, keys, nkeys, &o)) {
	case NOTE_OK:
		break;
	case NOTE_ERR_BAD_SIGNATURE:
		return VERIFY_BAD_SIGNATURE;
	case NOTE_ERR_UNVERIFIED:
		return VERIFY_UNKNOWN_KEY;
	default:
		return VERIFY_NOT_A_NOTE;
	}
	k = o.verified[0];
	out->key_name = keys[k].name;
	out->vkey = vkeys[k];
	crypto_hash_sha256(out->entry, (const unsigned char *)note, len);
	if (receipt_parse(a, o.text, o.text_len, &out->receipt) == -1)
		return VERIFY_NOT_A_RECEIPT;
	return VERIFY_OK;
}
