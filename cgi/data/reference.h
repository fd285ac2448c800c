/*
 * Reference data for forms and pages: States and mandates with their
 * names in one of the six languages, sorted for that language.
 */
#ifndef PORTAL_DATA_REFERENCE_H
#define PORTAL_DATA_REFERENCE_H

#include <stddef.h>

#include "data/db.h"
#include "view/lang.h"

struct arena;

struct ref_item {
	const char	*code;		/* ISO3 or mandate slug */
	const char	*name;
	const char	*extra;		/* regional group, or mandate kind */
};

enum db_err	ref_states(struct arena *, enum lang, struct ref_item **,
		    size_t *) __attribute__((warn_unused_result));
enum db_err	ref_mandates(struct arena *, enum lang, struct ref_item **,
		    size_t *) __attribute__((warn_unused_result));

#endif /* PORTAL_DATA_REFERENCE_H */
