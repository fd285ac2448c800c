/*
 * Dates and numbers for the six languages (see fmt.h for the forms).
 * Month names are in the case a date needs: Russian genitive, Spanish and
 * French lower case.
 */
#include <stdio.h>
#include <string.h>

#include "view/fmt.h"

static const char *const month_names[LANG__MAX][12] = {
	[LANG_AR] = { "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس",
	    "نيسان/أبريل", "أيار/مايو", "حزيران/يونيه", "تموز/يوليه",
	    "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
	    "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر" },
	[LANG_EN] = { "January", "February", "March", "April", "May", "June",
	    "July", "August", "September", "October", "November", "December" },
	[LANG_ES] = { "enero", "febrero", "marzo", "abril", "mayo", "junio",
	    "julio", "agosto", "septiembre", "octubre", "noviembre",
	    "diciembre" },
	[LANG_FR] = { "janvier", "février", "mars", "avril", "mai", "juin",
	    "juillet", "août", "septembre", "octobre", "novembre", "décembre" },
	[LANG_RU] = { "января", "февраля", "марта", "апреля", "мая", "июня",
	    "июля", "августа", "сентября", "октября", "ноября", "декабря" },
	[LANG_ZH] = { NULL },	/* numeric months */
};

/* Thousands separator; "" for none. */
static const char *const group_sep[LANG__MAX] = {
	[LANG_AR] = ",",
	[LANG_EN] = ",",
	[LANG_ES] = ".",
	[LANG_FR] = "\xe2\x80\xaf",	/* U+202F NARROW NO-BREAK SPACE */
	[LANG_RU] = "\xc2\xa0",		/* U+00A0 NO-BREAK SPACE */
	[LANG_ZH] = ",",
};

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
valid_date(int y, int m, int d)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

static int
done(int n, char *out, size_t len)
{
	if (n < 0 || (size_t)n >= len) {
		if (len > 0)
			out[0] = '\0';
		return -1;
	}
	return 0;
}

int
fmt_date(enum lang l, int y, int m, int d, char *out, size_t len)
{
	const char	*mn;
	int		 n;

	if (len > 0)
		out[0] = '\0';
	if ((unsigned)l >= LANG__MAX || !valid_date(y, m, d))
		return -1;
	mn = month_names[l][m - 1];
	switch (l) {
	case LANG_ZH:
		n = snprintf(out, len, "%d年%d月%d日", y, m, d);
		break;
	case LANG_ES:
		n = snprintf(out, len, "%d de %s de %d", d, mn, y);
		break;
	case LANG_FR:
		if (d == 1)
			n = snprintf(out, len, "1er %s %d", mn, y);
		else
			n = snprintf(out, len, "%d %s %d", d, mn, y);
		break;
	case LANG_RU:
		n = snprintf(out, len, "%d %s %d\xc2\xa0г.", d, mn, y);
		break;
	default:
		n = snprintf(out, len, "%d %s %d", d, mn, y);
		break;
	}
	return done(n, out, len);
}

/* Exactly ndigits decimal digits at s. */
static int
digits(const char *s, int ndigits, int *out)
{
	int	 i, v = 0;

	for (i = 0; i < ndigits; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
fmt_date_iso(enum lang l, const char *iso, char *out, size_t len)
{
	int	 y, m, d;

	if (len > 0)
		out[0] = '\0';
	if (iso == NULL || strlen(iso) < 10 || iso[4] != '-' ||
	    iso[7] != '-' || digits(iso, 4, &y) == -1 ||
	    digits(iso + 5, 2, &m) == -1 || digits(iso + 8, 2, &d) == -1 ||
	    (iso[10] != '\0' && (iso[10] >= '0' && iso[10] <= '9')))
		return -1;
	return fmt_date(l, y, m, d, out, len);
}

int
fmt_int(enum lang l, long long n, char *out, size_t len)
{
	char			 raw[FMT_INT_MAX], res[FMT_INT_MAX * 3];
	const char		*sep;
	unsigned long long	 u;
	size_t			 nd, i, o = 0, sl;
	int			 k;

	if (len > 0)
		out[0] = '\0';
	if ((unsigned)l >= LANG__MAX)
		return -1;
	u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	k = snprintf(raw, sizeof(raw), "%llu", u);
	if (k < 0 || (size_t)k >= sizeof(raw))
		return done(-1, out, len);
	nd = (size_t)k;
	sep = group_sep[l];
	sl = strlen(sep);
	/* Spanish groups only from five digits on (RAE, CLDR: 1234, 12.345). */
	if (l == LANG_ES && nd < 5)
		sl = 0;
	if (n < 0)
		res[o++] = '-';
	for (i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0 && sl > 0) {
			memcpy(res + o, sep, sl);
			o += sl;
		}
		res[o++] = raw[i];
	}
	res[o] = '\0';
	return done(snprintf(out, len, "%s", res), out, len);
}
