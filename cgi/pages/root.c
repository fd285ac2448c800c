/*
 * GET /: send the browser to the home page in the language it prefers.
 */
#include "core/arena.h"
#include "http/request.h"
#include "http/response.h"
#include "pages/pages.h"
#include "view/lang.h"

int
page_root(struct req *r)
{
	const char	*to;

	if (resp_header(r, "Vary", "Accept-Language") == -1 ||
	    (to = arena_printf(r->arena, "/%s/", lang_code[r->lang])) == NULL)
		return 500;
	resp_redirect(r, 302, to);
	return 0;
}
