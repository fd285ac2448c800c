/*
 * Evidence of an implementation update, as an attachment that the
 * browser may neither sniff nor render: application/octet-stream,
 * Content-Disposition: attachment, nosniff (every response) and the
 * download CSP (sandbox, nothing runs), whatever type it was sniffed as.
 *
 * /{lang}/evidence/{id} serves a file of a published update only (404
 * before, exactly as for an unknown id); /{lang}/desk/evidence/{id}
 * serves any, to the review roles, so that the secretariat can check an
 * assessment before publishing it (audited). The stored bytes are the
 * first copy as received: one chunk in memory at a time.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/num.h"
#include "core/writer.h"
#include "data/update.h"
#include "desk/auth.h"
#include "http/request.h"
#include "http/response.h"
#include "intake/update.h"
#include "pages/pages.h"

static int
send_file(struct req *r, const struct upd_file *f)
{
	unsigned char	*buf;
	char		 size[24], *disp;
	size_t		 len;
	uint64_t	 sent = 0;
	int		 seq;

	(void)snprintf(size, sizeof(size), "%" PRIu64, f->size);
	if ((buf = arena_alloc(r->arena, UPD_CHUNK_BYTES)) == NULL ||
	    (disp = arena_printf(r->arena, "attachment; filename=\"evidence-%"
	    PRId64 "\"", f->id)) == NULL)
		return 500;
	r->resp.csp = CSP_DOWNLOAD;
	if (resp_header(r, "Content-Disposition", disp) == -1 ||
	    resp_header(r, "Content-Length", size) == -1)
		return 500;
	if (resp_begin(r, 200, "application/octet-stream") == -1 ||
	    r->resp.head_only)
		return 0;
	for (seq = 0; sent < f->size; seq++) {
		if (upd_chunk(r->arena, f->id, seq, buf, UPD_CHUNK_BYTES,
		    &len) != DB_OK || len == 0) {
			r->out.failed = 1;	/* a short file, never other bytes */
			return 0;
		}
		if (w_write(&r->out, buf, len) == -1)
			return 0;	/* the client left */
		sent += len;
	}
	return 0;
}

static int
lookup(struct req *r, int staff, struct upd_file *f)
{
	enum db_err	 e;
	int64_t		 id;
	int		 found;

	if (num_parse_i64(r->params[0], strlen(r->params[0]), 1, INT64_MAX,
	    &id) == -1)
		return 404;
	if ((e = upd_file_get(r->arena, id, staff, f, &found)) != DB_OK)
		return db_http_status(e);
	return found ? 0 : 404;
}

int
page_update_file(struct req *r)
{
	struct upd_file	 f;
	int		 rc;

	if ((rc = lookup(r, 0, &f)) != 0)
		return rc;
	return send_file(r, &f);
}

int
page_desk_update_file(struct req *r)
{
	struct desk_session	 s;
	struct upd_file		 f;
	char			*object;
	int			 rc;

	if ((rc = desk_guard(r, &s)) != 0)
		return rc < 0 ? 0 : rc;
	if ((rc = lookup(r, 1, &f)) == 0) {
		if ((object = arena_printf(r->arena, "evidence %" PRId64,
		    f.id)) == NULL)
			rc = 500;
		else if ((rc = desk_audit("evidence.download", object,
		    s.staff_id)) == 0)
			rc = send_file(r, &f);
	}
	desk_session_free(&s);
	return rc;
}
