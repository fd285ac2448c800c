/*
 * Reading sealed submissions back: the canonical content, file names,
 * the submitter key and the messages under it. Every function takes the
 * key that opens what it reads (the secretariat's private key, or a
 * submitter key) and returns plaintext in the request's arena, which is
 * dropped with the request. -1 means "does not open": altered, or not
 * sealed to this key.
 */
#ifndef PORTAL_DESK_READER_H
#define PORTAL_DESK_READER_H

#include <stddef.h>
#include <stdint.h>

#include "data/desk.h"

struct arena;

struct content_field {
	const char	*name, *value;
};

struct shown_msg {
	const char	*at, *text;
};

/* The fields of a submission's canonical content (allegation.h). */
int	reader_body(struct arena *, const struct desk_sub *,
	    const unsigned char *sk, struct content_field **, size_t *n)
	    __attribute__((warn_unused_result));
/* A file's name and sniffed type, from its sealed metadata. */
int	reader_file_meta(struct arena *, const struct desk_file *,
	    const unsigned char *sk, const char **name, const char **type)
	    __attribute__((warn_unused_result));
/* The file's key (sodium_malloc'd: seal_free_key it), or NULL. */
unsigned char *reader_file_key(const struct desk_file *, const unsigned char *sk);
/*
 * The submitter key of an allegation opened with the secretariat's key,
 * into *key (sodium_malloc'd: seal_free_key it). 0; 1 if it has none
 * (issued before submitter keys existed); -1; or a status > 1.
 */
int	reader_submitter_key(struct arena *, int64_t sub_id,
	    const unsigned char *sk, unsigned char **key)
	    __attribute__((warn_unused_result));
/* The same, opened with the return code (canonical form). */
int	reader_submitter_key_code(struct arena *, int64_t sub_id,
	    const char *canonical, unsigned char **key)
	    __attribute__((warn_unused_result));
/* The messages of a submission, opened with its submitter key. 0 or status. */
int	reader_messages(struct arena *, int64_t sub_id, const unsigned char *key,
	    struct shown_msg **, size_t *n) __attribute__((warn_unused_result));

#endif /* PORTAL_DESK_READER_H */
