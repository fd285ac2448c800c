/*
 * Range-checked decimal parsing without strtol(3): no locale, no errno,
 * no silent acceptance of leading space, '+' or trailing junk.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/num.h"

/*
 * The magnitude of the digits s[0..len) in *out, or -1 if there are none,
 * if anything is not a digit, if there is a leading zero, or if it does
 * not fit in limit.
 */
static int
num_digits(const char *s, size_t len, uint64_t limit, uint64_t *out)
{
	uint64_t	 v = 0, d;
	size_t		 i;

	if (len == 0)
		return -1;
	/* One value, one spelling: "0" but never "00" or "01". */
	if (s[0] == '0' && len > 1)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		d = (uint64_t)(s[i] - '0');
		/* v * 10 + d <= limit, without computing it. */
		if (d > limit || v > (limit - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

int
num_parse_u64(const char *s, size_t len, uint64_t max, uint64_t *out)
{
	uint64_t	 v;

	if (num_digits(s, len, max, &v) == -1)
		return -1;
	*out = v;
	return 0;
}

int
num_parse_i64(const char *s, size_t len, int64_t min, int64_t max,
    int64_t *out)
{
	uint64_t	 mag;
	int64_t		 v;

	if (min > max)
		return -1;
	if (len > 0 && s[0] == '-') {
		/* INT64_MIN's magnitude is one more than INT64_MAX. */
		if (num_digits(s + 1, len - 1, (uint64_t)INT64_MAX + 1,
		    &mag) == -1)
			return -1;
		/* "-0" would be a second spelling of 0. */
		if (mag == 0)
			return -1;
		if (mag == (uint64_t)INT64_MAX + 1)
			v = INT64_MIN;
		else
			v = -(int64_t)mag;
	} else {
		if (num_digits(s, len, (uint64_t)INT64_MAX, &mag) == -1)
			return -1;
		v = (int64_t)mag;
	}
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}
