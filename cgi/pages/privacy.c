/*
 * GET /{lang}/privacy: what the portal stores, what it encrypts and what
 * it never logs. The text is the template's (templates/privacy.xhtml);
 * keep it true when storage or logging changes.
 */
#include "http/request.h"
#include "pages/common.h"
#include "pages/pages.h"
#include "view/view.h"

int
page_privacy(struct req *r)
{
	struct view	*v;

	if ((v = page_view(r)) == NULL)
		return 500;
	return page_render(r, 200, "privacy", v);
}
