/*
 * portal verify-receipt RECEIPT KEYS
 *
 * Offline verification: RECEIPT is a saved receipt, KEYS the text of a
 * portal's /.well-known/portal-keys. Prints what the receipt attests;
 * exits 0 if it is valid, 1 if not, 2 on a usage error.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cli/cli.h"
#include "core/arena.h"
#include "trust/verify.h"

#define FILE_MAX	(64u * 1024u)

static char *
slurp(struct arena *a, const char *path, size_t *len)
{
	FILE	*f;
	char	*buf;

	if ((f = fopen(path, "rb")) == NULL ||
	    (buf = arena_alloc(a, FILE_MAX + 1)) == NULL) {
		if (f != NULL)
			fclose(f);
		return NULL;
	}
	*len = fread(buf, 1, FILE_MAX + 1, f);
	fclose(f);
	if (*len > FILE_MAX)
		return NULL;
	buf[*len] = '\0';
	return buf;
}

static void
print(const struct verified *v)
{
	char	 hex[65];
	size_t	 i;

	printf("signed by: %s\nref: %s\nkind: %s\nreceived: %s\n", v->vkey,
	    v->receipt.ref, v->receipt.kind, v->receipt.received);
	sodium_bin2hex(hex, sizeof(hex), v->receipt.content, 32);
	printf("content sha256: %s\n", hex);
	for (i = 0; i < v->receipt.nfiles; i++) {
		sodium_bin2hex(hex, sizeof(hex), v->receipt.files[i].sha256, 32);
		printf("file %zu: sha256 %s, %llu bytes\n", i + 1, hex,
		    (unsigned long long)v->receipt.files[i].size);
	}
	if (v->receipt.parent != NULL)
		printf("adds to: %s\n", v->receipt.parent);
	sodium_bin2hex(hex, sizeof(hex), v->entry, 32);
	printf("log entry (sha256 of the receipt): %s\n", hex);
}

int
cli_verify_receipt(int argc, char *argv[])
{
	struct note_verifier	 keys[VERIFY_MAX_KEYS];
	const char		*lines[VERIFY_MAX_KEYS];
	struct verified		 v;
	enum verify_result	 res;
	struct arena		*a;
	char			*note, *ktext;
	size_t			 nlen, klen, n;
	int			 rc = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: portal verify-receipt RECEIPT KEYS\n");
		return 2;
	}
	if ((a = arena_new(1u << 20)) == NULL)
		return 1;
	if ((note = slurp(a, argv[1], &nlen)) == NULL ||
	    (ktext = slurp(a, argv[2], &klen)) == NULL) {
		fprintf(stderr, "verify-receipt: cannot read %s or %s\n",
		    argv[1], argv[2]);
		goto out;
	}
	if ((n = verify_parse_keys(ktext, klen, keys, lines, VERIFY_MAX_KEYS,
	    a)) == 0) {
		fprintf(stderr, "verify-receipt: no verifier key in %s\n",
		    argv[2]);
		goto out;
	}
	res = verify_receipt(a, note, nlen, keys, lines, n, &v);
	printf("%s\n", verify_result_str[res]);
	if (res == VERIFY_OK) {
		print(&v);
		rc = 0;
	}
out:
	arena_free(a);
	return rc;
}
