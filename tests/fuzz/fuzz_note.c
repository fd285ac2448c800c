/*
 * libFuzzer target for the trust layer's parsers: signed notes opened
 * against fixed verifiers, checkpoint bodies, key strings and tile paths,
 * on arbitrary bytes. Besides memory errors it checks properties: an
 * opened note's text is a prefix of the input, a parsed checkpoint or
 * tile path is written back byte for byte, and any valid text signs and
 * opens again.
 */
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "trust/checkpoint.h"
#include "trust/merkle.h"
#include "trust/note.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Go's sumdb/note example key, and sum.golang.org's. */
#define GO_SKEY		"PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
#define GO_VKEY		"PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
#define SUMDB_VKEY	"sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8"

static struct arena		*a;
static struct note_signer	*signer;
static struct note_verifier	 v[2];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sodium_init() < 0 || (a = arena_new(1u << 20)) == NULL ||
	    note_signer_parse(GO_SKEY, strlen(GO_SKEY), &signer) != 0 ||
	    note_verifier_parse(GO_VKEY, strlen(GO_VKEY), &v[0]) != 0 ||
	    note_verifier_parse(SUMDB_VKEY, strlen(SUMDB_VKEY), &v[1]) != 0)
		abort();
	return 0;
}

static void
fuzz_open(const char *s, size_t n)
{
	struct note_opened	o;
	struct checkpoint	c;

	if (note_open(a, s, n, v, 2, &o) == NOTE_OK) {
		if (o.text_len >= n || memcmp(o.text, s, o.text_len) != 0 ||
		    !note_text_valid(o.text, o.text_len) || o.nverified == 0)
			abort();
	}
	(void)checkpoint_open(a, s, n, "go.sum database tree", v, 2, &c);
}

/* A checkpoint the portal could have written must be written back as is. */
static void
fuzz_checkpoint(const char *s, size_t n)
{
	struct checkpoint	 c;
	char			*text;
	size_t			 len;

	if (checkpoint_parse(a, s, n, &c) != 0)
		return;
	if (!note_name_valid(c.origin, c.origin_len))
		return;
	if (checkpoint_format(a, c.origin, c.size, c.root, &text, &len) != 0)
		abort();
	if (len + c.ext_len != n || memcmp(text, s, len) != 0 ||
	    memcmp(c.ext, s + len, c.ext_len) != 0)
		abort();
}

static void
fuzz_sign(const char *s, size_t n)
{
	struct note_opened	 o;
	char			*note;
	size_t			 len;

	if (!note_text_valid(s, n))
		return;
	if (note_sign(a, signer, s, n, &note, &len) != NOTE_OK)
		return;		/* too large */
	if (note_open(a, note, len, v, 1, &o) != NOTE_OK ||
	    o.text_len != n || memcmp(o.text, s, n) != 0)
		abort();
}

static void
fuzz_keys_and_paths(const char *s, size_t n)
{
	struct note_verifier	 nv;
	struct note_signer	*ns;
	struct tlog_tile	 t;
	char			 buf[TLOG_PATH_MAX_BYTES];
	int			 len;

	(void)note_verifier_parse(s, n, &nv);
	/* sodium_malloc() costs system calls: only for likely keys. */
	if (n > 12 && memcmp(s, "PRIVATE+KEY+", 12) == 0 &&
	    note_signer_parse(s, n, &ns) == 0)
		note_signer_free(ns);
	if (tlog_tile_parse(s, n, &t) == 0) {
		len = tlog_tile_path(&t, buf, sizeof(buf));
		if (len < 0 || (size_t)len != n || memcmp(buf, s, n) != 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*s = (const char *)data;

	if (size > 2 * NOTE_MAX_BYTES)
		return 0;
	fuzz_open(s, size);
	fuzz_checkpoint(s, size);
	fuzz_sign(s, size);
	fuzz_keys_and_paths(s, size);
	arena_reset(a);
	return 0;
}
