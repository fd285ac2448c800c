/*
 * The main navigation's links, one per public section.
 */
#include <stddef.h>

#include "view/lang.h"
#include "view/nav.h"
#include "view/view.h"

static const char *const sections[] = { "submit", "states", "mandates",
    "communications", "recommendations", "visits", "analysis", "privacy" };

int
view_nav(struct view *v, enum lang l)
{
	struct view	*nav;
	size_t		 i;

	if ((nav = view_set_map(v, "nav")) == NULL)
		return -1;
	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		if (view_set_strf(nav, sections[i], "/%s/%s", lang_code[l],
		    sections[i]) == -1)
			return -1;
	return 0;
}
