/*
 * multipart/form-data request bodies (RFC 2046 section 5.1, RFC 7578),
 * parsed as a stream: the body is fed in chunks of any size as it is read
 * and each part's data goes to callbacks as it arrives, so no part is
 * ever held in memory. The parser itself keeps one part header
 * (max_header_bytes) and nothing of the data: the bytes it holds back
 * while a delimiter might be starting are by definition a prefix of the
 * delimiter, which it knows.
 *
 * Caveats:
 * - Strict where the RFCs allow a choice: lines end in CRLF (a bare CR or
 *   LF in a part header is MP_SYNTAX); a delimiter line followed by
 *   anything but "--", blanks or CRLF is MP_SYNTAX, since RFC 2046 forbids
 *   the delimiter inside a part; header folding is MP_SYNTAX; a repeated
 *   Content-Disposition or Content-Type, or a repeated name or filename
 *   parameter, is MP_SYNTAX rather than a guess at which one counts.
 * - Quoted-string parameters follow RFC 7230 (backslash escapes), not
 *   the HTML form encoder (which sends '"' as %22 and never escapes '\'):
 *   a filename with a backslash loses it. No percent-decoding is done.
 *   filename*= (RFC 5987) is ignored, as RFC 7578 section 4.2 advises.
 * - Field (non-file) data is checked as UTF-8 without NUL as it streams
 *   (MP_BAD_UTF8); file data is not looked at.
 * - filename is whatever the client sent: display it escaped, never use
 *   it as a path. content_type is the client's claim, not a fact.
 * - The caller caps the body as a whole (CONTENT_LENGTH against the
 *   route's limit); preamble and epilogue are discarded unbounded.
 * - After an error no more callbacks are made: a part whose part_begin
 *   was called may never see part_end, so the caller cleans up what it
 *   opened when mp_feed or mp_finish returns an error.
 */
#ifndef PORTAL_HTTP_MULTIPART_H
#define PORTAL_HTTP_MULTIPART_H

#include <stddef.h>
#include <stdint.h>

struct arena;

struct mp_limits {
	size_t		 max_parts;
	size_t		 max_header_bytes;	/* one part's header block */
	size_t		 max_field_bytes;	/* one non-file part's data */
	uint64_t	 max_file_bytes;	/* one file part's data */
	size_t		 max_files;
};

/* The defaults from portal_limits.h. */
void	mp_limits_default(struct mp_limits *);

/*
 * The part being delivered. The strings are NUL-terminated, valid UTF-8
 * and in the arena, so they outlive the callbacks (until the arena is
 * reset). name is at most FIELD_NAME_MAX_BYTES, filename at most
 * MP_FILENAME_MAX_BYTES.
 */
struct mp_part {
	const char	*name;
	const char	*filename;	/* NULL for a plain field */
	const char	*content_type;	/* NULL if absent */
	size_t		 index;		/* 0 for the first part */
};

/*
 * Each callback returns 0 to go on, or -1 (any non-zero value) to stop
 * the parse with MP_CALLBACK. Any of them may be NULL. part_data is never
 * called with len 0; one part's data may arrive in any number of calls.
 */
struct mp_callbacks {
	int	(*part_begin)(void *ctx, const struct mp_part *);
	int	(*part_data)(void *ctx, const struct mp_part *,
		    const char *buf, size_t len);
	int	(*part_end)(void *ctx, const struct mp_part *);
};

enum mp_err {
	MP_OK,
	MP_NOMEM,
	MP_BAD_CONTENT_TYPE,	/* not form-data, or no usable boundary */
	MP_SYNTAX,
	MP_TOO_MANY_PARTS,
	MP_HEADER_TOO_LARGE,	/* header block, name or filename */
	MP_FIELD_TOO_LARGE,
	MP_FILE_TOO_LARGE,
	MP_TOO_MANY_FILES,
	MP_TRUNCATED,		/* the body ended before the close delimiter */
	MP_BAD_UTF8,		/* name, filename, header or field data */
	MP_CALLBACK		/* a callback returned -1 */
};

/* A static English description, for logs; never NULL. */
const char	*mp_strerror(enum mp_err);

/*
 * A parser for a body whose Content-Type header value is
 * content_type[0..ctlen): multipart/form-data with a boundary parameter
 * (quoted or not, 1..MP_BOUNDARY_MAX_BYTES characters of the RFC 2046
 * bchars set, not ending in a space). limits NULL means the defaults;
 * both limits and callbacks are copied. Returns NULL with *err set to
 * MP_BAD_CONTENT_TYPE or MP_NOMEM. The parser lives in the arena.
 */
struct mp_parser	*mp_new(struct arena *, const char *content_type,
			    size_t ctlen, const struct mp_limits *,
			    const struct mp_callbacks *, void *ctx,
			    enum mp_err *err)
			    __attribute__((warn_unused_result));

/*
 * Parse the next len bytes of the body; chunks may be of any size, even
 * one byte. Returns MP_OK or the error; errors are sticky, every later
 * call returns the same one. Bytes after the close delimiter are ignored.
 */
enum mp_err	 mp_feed(struct mp_parser *, const char *buf, size_t len)
		    __attribute__((warn_unused_result));

/*
 * The body has ended. MP_OK if the close delimiter was seen, the sticky
 * error if there was one, MP_TRUNCATED otherwise.
 */
enum mp_err	 mp_finish(struct mp_parser *)
		    __attribute__((warn_unused_result));

#endif /* PORTAL_HTTP_MULTIPART_H */
