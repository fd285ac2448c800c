/*
 * Key files: secrets on disk, outside the database, readable only by
 * their owner. A key file whose mode lets anyone else read it is refused,
 * as ssh refuses a private key that others can read.
 *
 * Layout of PORTAL_KEYS (made by `portal keys init`):
 *   receipt.key   the receipt signing key (note signer key text)
 *   log.key       the transparency log's checkpoint key
 *   retired/      verifier keys no longer used for signing, one per file
 */
#ifndef PORTAL_TRUST_KEYFILE_H
#define PORTAL_TRUST_KEYFILE_H

#include <stddef.h>

struct note_signer;

#define KEYFILE_MAX_BYTES	4096u

/*
 * Read a whole key file into sodium_malloc'd memory (*out, NUL-terminated,
 * freed with sodium_free) after checking that it is a regular file of mode
 * 0600 or stricter. Returns 0, or -1 with the reason in err.
 */
int	keyfile_read(const char *path, char **out, size_t *len, char *err,
	    size_t errlen) __attribute__((warn_unused_result));
/* Load a note signer from a key file. 0, or -1 with the reason in err. */
int	keyfile_load_signer(const char *path, struct note_signer **out,
	    char *err, size_t errlen) __attribute__((warn_unused_result));
/*
 * Create path with mode 0600, refusing to overwrite, write text, fsync
 * the file and its directory. 0, or -1 with errno set.
 */
int	keyfile_create(const char *path, const void *text, size_t len)
	    __attribute__((warn_unused_result));

#endif /* PORTAL_TRUST_KEYFILE_H */
