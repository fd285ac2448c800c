/*
 * Log checkpoints (c2sp.org/tlog-checkpoint): the signed note body
 *
 *	<origin>\n<tree size>\n<base64 root hash>\n[<extension line>\n]...
 *
 * This module owns writing, signing, parsing and opening that body. The
 * portal writes no extension lines but accepts them when it parses, as
 * the spec requires; it never interprets them.
 *
 * Caveats: the origin written is held to the key-name rules (no spaces,
 * no '+'), so that it can also be the log key's name, as the spec
 * recommends; an origin parsed is only required to be non-empty. A
 * checkpoint's text means nothing until checkpoint_open() verified it.
 */
#ifndef PORTAL_TRUST_CHECKPOINT_H
#define PORTAL_TRUST_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>

#include "trust/merkle.h"
#include "trust/note.h"

struct arena;

struct checkpoint {
	const char	*origin;	/* NUL-terminated, in the arena */
	size_t		 origin_len;
	uint64_t	 size;		/* tree size */
	uint8_t		 root[MERKLE_HASH_BYTES];
	/* Extension lines, each ending in '\n', NUL-terminated, in arena. */
	const char	*ext;		/* "" if none */
	size_t		 ext_len;
};

/*
 * The checkpoint body for (origin, size, root), NUL-terminated, into the
 * arena: *text, *len (without the NUL). 0; -1 if origin is not a valid
 * key name (note_name_valid()) or the arena is full.
 */
int	checkpoint_format(struct arena *, const char *origin, uint64_t size,
	    const uint8_t root[MERKLE_HASH_BYTES], char **text, size_t *len)
	    __attribute__((warn_unused_result));

/*
 * Parse a checkpoint body (the text of an opened note). 0 with *out
 * filled from the arena; -1 if the text is not a checkpoint (empty
 * origin, size not canonical decimal or past 2^64 - 1, root not canonical
 * base64 of 32 bytes, an empty extension line, no final newline, invalid
 * UTF-8 or a control character) or the arena is full.
 */
int	checkpoint_parse(struct arena *, const char *text, size_t len,
	    struct checkpoint *out)
	    __attribute__((warn_unused_result));

/*
 * Format and sign a checkpoint: the signed note, NUL-terminated, into the
 * arena (*note, *len). The errors of checkpoint_format() are
 * NOTE_ERR_MALFORMED, or NOTE_ERR_NOMEM; then those of note_sign().
 */
enum note_err	checkpoint_sign(struct arena *, const struct note_signer *,
		    const char *origin, uint64_t size,
		    const uint8_t root[MERKLE_HASH_BYTES], char **note,
		    size_t *len)
		    __attribute__((warn_unused_result));

/*
 * Open a signed checkpoint of the log named origin (NUL-terminated):
 * note_open() with the verifiers, then checkpoint_parse(). NOTE_OK with
 * *out filled from the arena; an error of note_open(); NOTE_ERR_BAD_CONTENT
 * if the verified text is not a checkpoint or is one of another origin
 * (a key may sign for more than one log).
 */
enum note_err	checkpoint_open(struct arena *, const char *msg, size_t len,
		    const char *origin, const struct note_verifier *verifiers,
		    size_t nverifiers, struct checkpoint *out)
		    __attribute__((warn_unused_result));

#endif /* PORTAL_TRUST_CHECKPOINT_H */
