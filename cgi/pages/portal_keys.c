/*
 * GET /.well-known/portal-keys: the verifier keys of this portal, one per
 * line, in the Go note package's format (<name>+<hash>+<base64 key>): the
 * current receipt key first, then retired ones, so that every receipt
 * ever issued stays verifiable. The log's key is listed too.
 */
#include <string.h>

#include "core/arena.h"
#include "core/writer.h"
#include "http/request.h"
#include "http/response.h"
#include "pages/pages.h"
#include "trust/keys.h"
#include "trust/note.h"

int
page_portal_keys(struct req *r)
{
	struct buf	 b;
	struct writer	 w;
	size_t		 i;
	int		 rc = 0;

	buf_init(&b, r->arena, 64 * 1024);
	buf_writer(&b, &w);
	/* Current receipt key, the log's key, then retired receipt keys. */
	rc |= w_printf(&w, "%s\n%s\n", portal_keys.receipt_vkeys[0],
	    portal_keys.log_vkey);
	for (i = 1; i < portal_keys.nreceipt_verifiers; i++) {
		rc |= w_puts(&w, portal_keys.receipt_vkeys[i]);
		rc |= w_write(&w, "\n", 1);
	}
	if (rc)
		return 500;
	r->resp.cache = CACHE_REVALIDATE;
	resp_send(r, 200, "text/plain; charset=utf-8", b.data, b.len);
	return 0;
}
