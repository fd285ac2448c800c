/*
 * Declared form input, after kcgi: each route declares the fields it
 * takes, each with a type whose validator yields a checked value.
 * Undeclared fields are dropped. An invalid value is kept, with its
 * error, beside the valid ones, so the form can be shown again with
 * everything the user typed. A second value for a field that takes one
 * is not a user's mistake but a forged request: the whole form is refused.
 */
#ifndef PORTAL_HTTP_FORM_H
#define PORTAL_HTTP_FORM_H

#include <stddef.h>
#include <stdint.h>

#include "http/kv.h"

struct arena;

enum field_type {
	FT_LINE,	/* one line of text: no control characters */
	FT_TEXT,	/* free text: line breaks and tabs allowed */
	FT_INT,		/* decimal integer in [min, max] */
	FT_CHOICE,	/* one of choices[] */
	FT_YESNO,	/* "yes" or "no" */
	FT_ISO3,	/* ISO 3166-1 alpha-3: three capital letters */
	FT_SLUG,	/* [a-z0-9-], starting with a letter */
	FT_DATE,	/* YYYY-MM-DD, a real calendar date */
	FT_EMAIL,	/* local@domain, one line, no spaces */
	FT_TOKEN,	/* URL-safe base64 token, fixed by the route */
	FT__MAX
};

enum field_flags {
	FIELD_REQUIRED = 1 << 0,
	FIELD_MULTI = 1 << 1,	/* repeatable: every value is validated */
};

struct field_def {
	const char		*name;
	enum field_type		 type;
	unsigned		 flags;
	size_t			 max_bytes;	/* 0: FIELD_VALUE_MAX_BYTES */
	int64_t			 min, max;	/* FT_INT */
	const char *const	*choices;	/* FT_CHOICE, NULL-terminated */
};

enum field_error {
	FE_NONE,
	FE_MISSING,
	FE_TOO_LONG,
	FE_INVALID,
	FE__MAX
};

/* An English message id per error, for the translation catalogs. */
extern const char *const field_error_msgids[FE__MAX];

struct field_value {
	const char		*raw;		/* as typed, for showing again */
	const char		*value;		/* trimmed; NULL if invalid */
	int64_t			 num;		/* FT_INT */
	enum field_error	 error;
};

struct form_field {
	const struct field_def	*def;
	struct field_value	*values;
	size_t			 nvalues;
	enum field_error	 error;		/* the first error of its values */
};

struct form {
	struct form_field	*fields;	/* parallel to the definitions */
	size_t			 nfields;
	size_t			 nerrors;
};

enum form_status {
	FORM_OK,
	FORM_INVALID,	/* some fields have errors: show the form again */
	FORM_BAD,	/* a forged or broken request: answer 400 */
	FORM_NOMEM,	/* answer 500 */
};

/* Validate pairs (decoded, UTF-8 checked) against the definitions. */
enum form_status form_validate(struct arena *, const struct field_def *,
		    size_t ndefs, const struct kv *pairs, size_t npairs,
		    struct form *out) __attribute__((warn_unused_result));
/* The field named name, or NULL if it was not declared. */
const struct form_field *form_field(const struct form *, const char *name);
/* The first valid value of a field, or NULL. */
const char	*form_value(const struct form *, const char *name);
/* The first raw value of a field as typed (valid or not), or NULL. */
const char	*form_raw(const struct form *, const char *name);

#endif /* PORTAL_HTTP_FORM_H */
