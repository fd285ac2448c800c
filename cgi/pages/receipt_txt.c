/*
 * POST /{lang}/receipt.txt: hand a receipt back as a text file to save,
 * byte for byte the signed note. Only a valid receipt of this portal is
 * returned, so the route cannot be used to serve anything else.
 */
#include <string.h>

#include "core/arena.h"
#include "http/csrf.h"
#include "http/request.h"
#include "http/response.h"
#include "pages/pages.h"
#include "pages/verify_input.h"
#include "trust/keys.h"
#include "trust/verify.h"

int
page_receipt_txt(struct req *r)
{
	struct verify_input	 in;
	struct verified		 vr;
	char			*name;
	int			 status;

	if ((status = verify_input_read(r, &in)) != 0)
		return status;
	if (csrf_check(r, in.csrf) == CSRF_REFUSED)
		return 403;
	/* The current key only: a download is of a receipt just issued. */
	if (in.receipt == NULL || verify_receipt(r->arena, in.receipt, in.len,
	    portal_keys.receipt_verifiers, portal_keys.receipt_vkeys, 1, &vr) !=
	    VERIFY_OK)
		return 400;
	/* The reference is [AF]-YYYY-NNNNNN: safe in a file name. */
	if ((name = arena_printf(r->arena, "attachment; filename=\"receipt-%s.txt\"",
	    strspn(vr.receipt.ref, "AF-0123456789") == strlen(vr.receipt.ref) ?
	    vr.receipt.ref : "portal")) == NULL ||
	    resp_header(r, "Content-Disposition", name) == -1)
		return 500;
	r->resp.csp = CSP_DOWNLOAD;
	resp_send(r, 200, "text/plain; charset=utf-8", in.receipt, in.len);
	return 0;
}
