/*
 * tlog-checkpoint bodies. See checkpoint.h.
 *
 * Parsing accepts exactly one spelling of each number and hash, so that
 * two different texts can never claim the same tree head.
 */
#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "trust/checkpoint.h"
#include "trust/merkle.h"
#include "trust/note.h"

#define ROOT_B64_LEN	44u	/* base64 of 32 bytes, with one '=' */

int
checkpoint_format(struct arena *a, const char *origin, uint64_t size,
    const uint8_t root[MERKLE_HASH_BYTES], char **text, size_t *len)
{
	char	*b64, *t;

	if (!note_name_valid(origin, strlen(origin)))
		return -1;
	if ((b64 = note_b64_encode(a, root, MERKLE_HASH_BYTES)) == NULL)
		return -1;
	if ((t = arena_printf(a, "%s\n%" PRIu64 "\n%s\n", origin, size,
	    b64)) == NULL)
		return -1;
	*text = t;
	*len = strlen(t);
	return 0;
}

/* The next line of [*p, end) without its '\n'; -1 if there is none. */
static int
next_line(const char **p, const char *end, const char **line, size_t *len)
{
	const char	*nl;

	if (*p >= end || (nl = memchr(*p, '\n', (size_t)(end - *p))) == NULL)
		return -1;
	*line = *p;
	*len = (size_t)(nl - *p);
	*p = nl + 1;
	return 0;
}

/* ASCII decimal, no sign, no leading zero but for "0", at most 2^64 - 1. */
static int
parse_size(const char *s, size_t len, uint64_t *out)
{
	uint64_t	v = 0, d;
	size_t		i;

	if (len == 0 || (len > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		d = (uint64_t)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/*
 * 1. The whole text is note text: UTF-8, no control character, final '\n'.
 * 2. Origin, size and root lines, each non-empty and well-formed.
 * 3. Whatever follows is extension lines, none of them empty.
 */
int
checkpoint_parse(struct arena *a, const char *text, size_t len,
    struct checkpoint *out)
{
	const char	*p = text, *end = text + len, *line, *ext;
	size_t		 n, got;

	memset(out, 0, sizeof(*out));
	if (len > NOTE_MAX_BYTES || !note_text_valid(text, len))
		return -1;
	if (next_line(&p, end, &line, &n) == -1 || n == 0)
		return -1;
	if ((out->origin = arena_strndup(a, line, n)) == NULL)
		return -1;
	out->origin_len = n;
	if (next_line(&p, end, &line, &n) == -1 ||
	    parse_size(line, n, &out->size) == -1)
		return -1;
	if (next_line(&p, end, &line, &n) == -1 || n != ROOT_B64_LEN ||
	    note_b64_decode(line, n, out->root, sizeof(out->root), &got) ==
	    -1 || got != MERKLE_HASH_BYTES)
		return -1;
	ext = p;
	while (p < end)
		if (next_line(&p, end, &line, &n) == -1 || n == 0)
			return -1;
	out->ext_len = (size_t)(end - ext);
	if ((out->ext = arena_strndup(a, ext, out->ext_len)) == NULL)
		return -1;
	return 0;
}

enum note_err
checkpoint_sign(struct arena *a, const struct note_signer *s,
    const char *origin, uint64_t size, const uint8_t root[MERKLE_HASH_BYTES],
    char **note, size_t *len)
{
	char	*text;
	size_t	 text_len;

	if (!note_name_valid(origin, strlen(origin)))
		return NOTE_ERR_MALFORMED;
	if (checkpoint_format(a, origin, size, root, &text, &text_len) == -1)
		return NOTE_ERR_NOMEM;
	return note_sign(a, s, text, text_len, note, len);
}

enum note_err
checkpoint_open(struct arena *a, const char *msg, size_t len,
    const char *origin, const struct note_verifier *v, size_t nv,
    struct checkpoint *out)
{
	struct note_opened	o;
	enum note_err		e;

	memset(out, 0, sizeof(*out));
	if ((e = note_open(a, msg, len, v, nv, &o)) != NOTE_OK)
		return e;
	if (checkpoint_parse(a, o.text, o.text_len, out) == -1)
		return NOTE_ERR_BAD_CONTENT;
	/* Signed by a key we trust, but perhaps for another of its logs. */
	if (strcmp(out->origin, origin) != 0)
		return NOTE_ERR_BAD_CONTENT;
	return NOTE_OK;
}
