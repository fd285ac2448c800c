/*
 * Triage statuses (see status.h).
 */
#include <string.h>

#include "desk/status.h"
#include "view/i18n.h"

const char *const desk_status_code[STATUS__MAX] = {
	[STATUS_ADMISSIBLE] = "admissible",
	[STATUS_MORE_INFORMATION] = "more_information",
	[STATUS_NOT_ADMISSIBLE] = "not_admissible",
	[STATUS_DUPLICATE] = "duplicate",
};

const char *const desk_status_label[STATUS__MAX] = {
	[STATUS_ADMISSIBLE] = N_("Admissible"),
	[STATUS_MORE_INFORMATION] = N_("More information needed"),
	[STATUS_NOT_ADMISSIBLE] = N_("Not admissible"),
	[STATUS_DUPLICATE] = N_("Duplicate"),
};

/* The submitter sees the stage, not the secretariat's reasoning. */
const char *const desk_status_public[STATUS__MAX] = {
	[STATUS_ADMISSIBLE] = N_("Under review"),
	[STATUS_MORE_INFORMATION] = N_("More information requested"),
	[STATUS_NOT_ADMISSIBLE] = N_("Closed"),
	[STATUS_DUPLICATE] = N_("Closed"),
};

enum desk_status
desk_status_parse(const char *code)
{
	int	 i;

	for (i = 0; i < STATUS__MAX; i++)
		if (code != NULL && strcmp(code, desk_status_code[i]) == 0)
			return (enum desk_status)i;
	return STATUS__MAX;
}
