/*
 * Dates and numbers written for a language, the way UN documents in that
 * language write them:
 *
 *	ar	26 تشرين الثاني/نوفمبر 2026	1,234
 *	en	26 November 2026		1,234
 *	es	26 de noviembre de 2026		1234, 12.345
 *	fr	1er novembre 2026		1 234 (narrow no-break space)
 *	ru	26 ноября 2026 г.		1 234 (no-break space)
 *	zh	2026年11月26日			1,234
 *
 * Arabic uses Western (European) digits, as UN Arabic documents and the
 * UN's Arabic web pages do, and the double month name (Levantine/Egyptian)
 * of UN Arabic usage. Years are never grouped.
 *
 * Caveats: Gregorian calendar only; no time of day (pages that show one
 * show UTC in ISO 8601).
 */
#ifndef PORTAL_VIEW_FMT_H
#define PORTAL_VIEW_FMT_H

#include <stddef.h>

#include "view/lang.h"

#define FMT_DATE_MAX	64	/* enough for every language's longest date */
#define FMT_INT_MAX	40

/*
 * Write the date y-m-d for lang into out (NUL-terminated). Returns 0, or
 * -1 (out set to "") when the date is not a valid Gregorian date in
 * years 1..9999 or out is too small.
 */
int	fmt_date(enum lang, int y, int m, int d, char *out, size_t len)
	    __attribute__((warn_unused_result));

/* The same from "YYYY-MM-DD" (anything may follow: a time, a zone). */
int	fmt_date_iso(enum lang, const char *iso, char *out, size_t len)
	    __attribute__((warn_unused_result));

/* Write n with the language's grouping of thousands. 0 or -1 as above. */
int	fmt_int(enum lang, long long n, char *out, size_t len)
	    __attribute__((warn_unused_result));

#endif /* PORTAL_VIEW_FMT_H */
