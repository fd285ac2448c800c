/*
 * The allegation form: its declared fields (the public contract of
 * DESIGN.md section 3, plus the questionnaire's details) and the
 * canonical content that a receipt's `content` line hashes.
 */
#ifndef PORTAL_INTAKE_ALLEGATION_H
#define PORTAL_INTAKE_ALLEGATION_H

#include <stddef.h>

#include "http/form.h"
#include "intake/issue.h"

struct arena;

extern const struct field_def	allegation_fields[];
extern const size_t		allegation_nfields;

/* The mandate value meaning "not sure which mandate". */
#define MANDATE_NOT_SURE	"not-sure"

/*
 * The canonical content of a validated form and the files received:
 *
 *   portal-content/v1
 *   field <name> <length in bytes>
 *   <value>
 *   ...                                (declared order; each value of a
 *                                       repeatable field in the order sent)
 *   file <position> sha256:<hex> <size>
 *
 * Returns the text (arena) or NULL when out of memory.
 */
char	*content_canonical(struct arena *, const struct form *,
	    const struct intake *, size_t *len);

/*
 * Check what only the database knows (the State and mandates exist) and
 * fill the issue parameters of a valid allegation. Returns 0, -1 when a
 * field is invalid (its error set, form->nerrors raised), or an HTTP
 * status (> 0) when the database failed.
 */
int	allegation_prepare(struct arena *, struct form *, const struct intake *,
	    struct issue_in *) __attribute__((warn_unused_result));

#endif /* PORTAL_INTAKE_ALLEGATION_H */
