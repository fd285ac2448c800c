/*
 * UTF-8 validation (RFC 3629): the gate every string from outside passes
 * before any validator sees it.
 *
 * Caveats: stricter than RFC 3629 in one way: a NUL byte is refused,
 * because a C string would silently end there and two layers would then
 * disagree about the value. Nothing is normalised: two different byte
 * strings can look alike (NFC and NFD, confusables), so a match on
 * user-visible text is never a security decision.
 */
#ifndef PORTAL_CORE_UTF8_H
#define PORTAL_CORE_UTF8_H

#include <stddef.h>

/*
 * 1 if s[0..len) is well-formed UTF-8 (no overlong form, no surrogate,
 * nothing past U+10FFFF, no truncated sequence) and holds no NUL byte;
 * 0 otherwise. s may be NULL when len is 0.
 */
int	utf8_valid(const char *s, size_t len)
	    __attribute__((warn_unused_result));

/*
 * The same check over data that arrives in pieces, such as a multipart
 * field; a sequence may be split across pieces. Initialise, feed every
 * piece in order, then ask whether the data ended on a character.
 */
struct utf8_stream {
	unsigned int	need;	/* continuation bytes still expected */
	unsigned char	lo;	/* range of the next continuation byte */
	unsigned char	hi;
	int		bad;	/* sticky */
};

void	utf8_stream_init(struct utf8_stream *);
/* 0 if everything fed so far can start valid UTF-8; -1, for good, if not. */
int	utf8_stream_feed(struct utf8_stream *, const char *, size_t)
	    __attribute__((warn_unused_result));
/* 0 if the data is valid and complete, -1 if invalid or truncated. */
int	utf8_stream_end(const struct utf8_stream *)
	    __attribute__((warn_unused_result));

#endif /* PORTAL_CORE_UTF8_H */
