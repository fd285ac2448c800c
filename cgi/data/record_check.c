/*
 * Shapes and closed sets of the monitoring data (see record_check.h).
 * Pure functions over strings: no database, no allocation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/record_check.h"

const char *const rck_comm_types[] = { "AL", "UA", "OL", "JAL", "JUA",
	"JOL", NULL };
const char *const rck_classifications[] = { "immaterial",
	"rejected_unsubstantiated", "responsive_incomplete",
	"investigation_or_steps_announced", "steps_taken", NULL };
const char *const rck_visit_statuses[] = { "requested", "reminder_sent",
	"accepted", "declined", "acknowledged", "invited", "dates_proposed",
	"completed", NULL };
const char *const rck_upd_statuses[] = { "not_implemented",
	"partially_implemented", "implemented", "no_information", NULL };
const char *const rck_upd_sources[] = { "state", "civil_society",
	"secretariat", "mandate_holder", NULL };
const char *const rck_langs[] = { "ar", "en", "es", "fr", "ru", "zh",
	NULL };

int
rck_in_set(const char *s, const char *const *set)
{
	for (; *set != NULL; set++)
		if (strcmp(s, *set) == 0)
			return 1;
	return 0;
}

int
rck_date_ok(const char *s)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int	 y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1945 || y > 2100 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1])
		return 0;
	return !(m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)));
}

int
rck_iso3_ok(const char *s)
{
	return strlen(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' &&
	    s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z';
}

int
rck_slug_ok(const char *s)
{
	size_t	 i, n = strlen(s);

	if (n == 0 || n > 100 || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9') || (s[i] == '-' && s[i + 1] != '-')))
			return 0;
	return 1;
}

static int
chars_ok(const char *s, const char *extra)
{
	for (; *s != '\0'; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || strchr(extra, *s) != NULL))
			return 0;
	return 1;
}

int
rck_symbol_ok(const char *s)
{
	size_t	 n = strlen(s);

	return n >= 3 && n <= 100 && s[0] >= 'A' && s[0] <= 'Z' &&
	    chars_ok(s, "./()-");
}

int
rck_paragraph_ok(const char *s)
{
	size_t	 n = strlen(s);

	return n >= 1 && n <= 20 && chars_ok(s, ".()-");
}

enum rck_ref
rck_reference(const char *ref, const char *type, const char *state)
{
	char	 pre[4], code[4];
	int	 num, year, len = 0;

	if (sscanf(ref, "%3[A-Z] %3[A-Z] %5d/%4d%n", pre, code, &num, &year,
	    &len) != 4 || (size_t)len != strlen(ref) || strlen(code) != 3 ||
	    num < 0 || year < 1945 || !rck_in_set(pre, rck_comm_types) ||
	    ref[strlen(pre) + 5] < '0' || ref[strlen(pre) + 5] > '9')
		return RCK_REF_FORM;
	if (strcmp(pre, type) != 0 && !(type[0] == 'J' &&
	    strcmp(pre, type + 1) == 0))
		return RCK_REF_TYPE;
	if (strcmp(code, *state != '\0' ? state : "OTH") != 0)
		return RCK_REF_ADDRESSEE;
	return RCK_REF_OK;
}
