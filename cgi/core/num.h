/*
 * The one integer parser: every number from outside (ids, page numbers,
 * years, sizes) goes through here with the range the caller accepts.
 *
 * Caveats: only the canonical decimal spelling is accepted, so that one
 * value has one spelling: no sign other than a leading '-' for signed
 * values, no '+', no spaces, no leading zeros ("007"), no "-0", no hex.
 * The whole of s[0..len) must be the number; s need not be NUL-terminated.
 */
#ifndef PORTAL_CORE_NUM_H
#define PORTAL_CORE_NUM_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse s[0..len) as a signed decimal in [min, max] into *out.
 * Returns 0 on success, -1 if the text is not a canonical decimal, does
 * not fit in int64_t or lies outside [min, max]; *out is then untouched.
 */
int	num_parse_i64(const char *s, size_t len, int64_t min, int64_t max,
	    int64_t *out)
	    __attribute__((warn_unused_result));

/*
 * Parse s[0..len) as an unsigned decimal in [0, max] into *out.
 * Returns 0 on success, -1 otherwise (*out is then untouched).
 */
int	num_parse_u64(const char *s, size_t len, uint64_t max, uint64_t *out)
	    __attribute__((warn_unused_result));

#endif /* PORTAL_CORE_NUM_H */
