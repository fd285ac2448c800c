/*
 * Declared form fields and their validators. Values have already been
 * decoded and checked to be UTF-8 without NUL by the body parsers.
 */
#include <string.h>

#include "core/arena.h"
#include "core/num.h"
#include "http/form.h"
#include "portal_limits.h"
#include "view/i18n.h"

const char *const field_error_msgids[FE__MAX] = {
	[FE_NONE] = "",
	[FE_MISSING] = N_("This field is required."),
	[FE_TOO_LONG] = N_("This is too long."),
	[FE_INVALID] = N_("This value is not valid."),
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* No C0 control or DEL; FT_TEXT may have tabs and line breaks. */
static int
controls_ok(const char *s, int multiline)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == 0x7f)
			return 0;
		if (*p >= 0x20)
			continue;
		if (multiline && (*p == '\n' || *p == '\r' || *p == '\t'))
			continue;
		return 0;
	}
	return 1;
}

static int
all_of(const char *s, const char *set)
{
	return *s != '\0' && s[strspn(s, set)] == '\0';
}

static int
leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
date_ok(const char *s)
{
	static const int	 mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31,
				    30, 31, 30, 31 };
	int64_t			 y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	/* Two digits each: num_parse refuses a leading zero, so skip it. */
	if (num_parse_i64(s, 4, 1000, 9999, &y) == -1 ||
	    num_parse_i64(s + 5 + (s[5] == '0'), 2 - (s[5] == '0'), 1, 12,
	    &m) == -1 ||
	    num_parse_i64(s + 8 + (s[8] == '0'), 2 - (s[8] == '0'), 1, 31,
	    &d) == -1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

static int
email_ok(const char *s)
{
	const char	*at = strchr(s, '@');

	return at != NULL && at != s && strchr(at + 1, '@') == NULL &&
	    strchr(at + 1, '.') != NULL && at[1] != '.' &&
	    s[strlen(s) - 1] != '.' && strpbrk(s, " \t<>\"(),;:\\[]") == NULL;
}

static int
choice_ok(const char *s, const char *const *choices)
{
	for (; choices != NULL && *choices != NULL; choices++)
		if (strcmp(s, *choices) == 0)
			return 1;
	return 0;
}

/* 1 if v (trimmed, non-empty) is a valid value of its type. */
static int
type_ok(const struct field_def *def, const char *v, int64_t *num)
{
	switch (def->type) {
	case FT_LINE:
		return controls_ok(v, 0);
	case FT_TEXT:
		return controls_ok(v, 1);
	case FT_INT:
		return num_parse_i64(v, strlen(v), def->min, def->max, num) == 0;
	case FT_CHOICE:
		return choice_ok(v, def->choices);
	case FT_YESNO:
		return strcmp(v, "yes") == 0 || strcmp(v, "no") == 0;
	case FT_ISO3:
		return strlen(v) == 3 && all_of(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
	case FT_SLUG:
		return v[0] >= 'a' && v[0] <= 'z' &&
		    all_of(v, "abcdefghijklmnopqrstuvwxyz0123456789-");
	case FT_DATE:
		return date_ok(v);
	case FT_EMAIL:
		return controls_ok(v, 0) && email_ok(v);
	case FT_TOKEN:
		return all_of(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
		    "qrstuvwxyz0123456789-_");
	default:
		return 0;
	}
}

static void
validate_value(struct arena *a, const struct field_def *def,
    struct field_value *fv)
{
	const char	*s = fv->raw, *e;
	size_t		 max = def->max_bytes ? def->max_bytes :
			    FIELD_VALUE_MAX_BYTES;

	while (is_space(*s))
		s++;
	e = s + strlen(s);
	while (e > s && is_space(e[-1]))
		e--;
	if (e == s) {
		fv->error = (def->flags & FIELD_REQUIRED) ? FE_MISSING : FE_NONE;
		fv->value = fv->error == FE_NONE ? "" : NULL;
		return;
	}
	if ((size_t)(e - s) > max) {
		fv->error = FE_TOO_LONG;
		return;
	}
	if ((fv->value = arena_strndup(a, s, (size_t)(e - s))) == NULL) {
		fv->error = FE_INVALID;
		return;
	}
	if (!type_ok(def, fv->value, &fv->num)) {
		fv->value = NULL;
		fv->error = FE_INVALID;
	}
}

static enum form_status
field_collect(struct arena *a, const struct field_def *def,
    const struct kv *pairs, size_t npairs, struct form_field *ff)
{
	size_t	 i, n = kv_count(pairs, npairs, def->name);

	ff->def = def;
	if (n > 1 && !(def->flags & FIELD_MULTI))
		return FORM_BAD;
	if (n > 0 && (ff->values = arena_calloc(a, n, sizeof(*ff->values))) ==
	    NULL)
		return FORM_NOMEM;
	for (i = 0; i < npairs; i++) {
		if (strcmp(pairs[i].key, def->name) != 0)
			continue;
		ff->values[ff->nvalues].raw = pairs[i].val;
		validate_value(a, def, &ff->values[ff->nvalues]);
		if (ff->error == FE_NONE)
			ff->error = ff->values[ff->nvalues].error;
		ff->nvalues++;
	}
	if (n == 0 && (def->flags & FIELD_REQUIRED))
		ff->error = FE_MISSING;
	return FORM_OK;
}

enum form_status
form_validate(struct arena *a, const struct field_def *defs, size_t ndefs,
    const struct kv *pairs, size_t npairs, struct form *out)
{
	enum form_status	 st;
	size_t			 i;

	memset(out, 0, sizeof(*out));
	if ((out->fields = arena_calloc(a, ndefs, sizeof(*out->fields))) ==
	    NULL && ndefs > 0)
		return FORM_NOMEM;
	out->nfields = ndefs;
	for (i = 0; i < ndefs; i++) {
		if ((st = field_collect(a, &defs[i], pairs, npairs,
		    &out->fields[i])) != FORM_OK)
			return st;
		if (out->fields[i].error != FE_NONE)
			out->nerrors++;
	}
	return out->nerrors ? FORM_INVALID : FORM_OK;
}

const struct form_field *
form_field(const struct form *f, const char *name)
{
	size_t	 i;

	for (i = 0; i < f->nfields; i++)
		if (strcmp(f->fields[i].def->name, name) == 0)
			return &f->fields[i];
	return NULL;
}

const char *
form_value(const struct form *f, const char *name)
{
	const struct form_field	*ff = form_field(f, name);
	size_t			 i;

	if (ff == NULL)
		return NULL;
	for (i = 0; i < ff->nvalues; i++)
		if (ff->values[i].error == FE_NONE)
			return ff->values[i].value;
	return NULL;
}

const char *
form_raw(const struct form *f, const char *name)
{
	const struct form_field	*ff = form_field(f, name);

	return (ff != NULL && ff->nvalues > 0) ? ff->values[0].raw : NULL;
}
