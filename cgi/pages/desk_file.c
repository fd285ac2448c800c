/*
 * /{lang}/desk/files/{id}: one evidence file, decrypted as it streams
 * (one secretstream message per stored chunk, one chunk in memory at a
 * time), handed out as an attachment that the browser may neither sniff
 * nor render: application/octet-stream, Content-Disposition: attachment,
 * nosniff (every response) and the download CSP (sandbox, nothing runs).
 *
 * Caveat: once the headers are out, a chunk that fails to open can only
 * cut the response short (logged): the client sees a truncated file,
 * never altered bytes.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/num.h"
#include "core/writer.h"
#include "data/desk.h"
#include "desk/auth.h"
#include "desk/reader.h"
#include "http/request.h"
#include "http/response.h"
#include "intake/intake.h"
#include "pages/pages.h"
#include "trust/seal.h"

/* filename*= (RFC 6266, RFC 8187): every byte outside a safe set escaped. */
static char *
disposition(struct arena *a, int64_t id, const char *name)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	char			*enc, *d;
	size_t			 len = strlen(name);

	if (len > 1024 || (enc = arena_alloc(a, len * 3 + 1)) == NULL)
		return NULL;
	for (d = enc, p = (const unsigned char *)name; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL)
			*d++ = (char)*p;
		else {
			*d++ = '%';
			*d++ = hex[*p >> 4];
			*d++ = hex[*p & 15];
		}
	}
	*d = '\0';
	return arena_printf(a, "attachment; filename=\"evidence-%" PRId64
	    "\"; filename*=UTF-8''%s", id, enc);
}

static int
stream(struct req *r, const struct desk_file *f, const unsigned char *key)
{
	crypto_secretstream_xchacha20poly1305_state	 st;
	unsigned char	*cipher, *plain, tag = 0;
	unsigned long long plen;
	size_t		 clen;
	enum db_err	 e;
	int		 seq, found;

	if (f->stream_header.len != SEAL_STREAM_HEADER_BYTES ||
	    crypto_secretstream_xchacha20poly1305_init_pull(&st,
	    f->stream_header.p, key) != 0 ||
	    (cipher = arena_alloc(r->arena, INTAKE_CHUNK_BYTES +
	    SEAL_STREAM_ABYTES)) == NULL ||
	    (plain = arena_alloc(r->arena, INTAKE_CHUNK_BYTES)) == NULL)
		return -1;
	for (seq = 0; tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL;
	    seq++) {
		if ((e = desk_chunk(f->id, seq, cipher, INTAKE_CHUNK_BYTES +
		    SEAL_STREAM_ABYTES, &clen, &found)) != DB_OK || !found)
			return -1;
		if (crypto_secretstream_xchacha20poly1305_pull(&st, plain, &plen,
		    &tag, cipher, clen, NULL, 0) != 0)
			return -1;
		if (w_write(&r->out, plain, (size_t)plen) == -1)
			return 0;	/* the client left */
	}
	sodium_memzero(plain, INTAKE_CHUNK_BYTES);
	return 0;
}

int
page_desk_file(struct req *r)
{
	struct desk_session	 s;
	struct desk_file	 f;
	unsigned char		*sk = NULL, *key = NULL;
	const char		*name, *type;
	char			*object, *disp, size[24];
	int64_t			 id;
	enum db_err		 e;
	int			 rc, found;

	if ((rc = desk_guard(r, &s)) != 0)
		return rc < 0 ? 0 : rc;
	rc = 404;
	if (num_parse_i64(r->params[0], strlen(r->params[0]), 1, INT64_MAX,
	    &id) == -1)
		goto out;
	if ((e = desk_file(r->arena, id, &f, &found)) != DB_OK) {
		rc = db_http_status(e);
		goto out;
	}
	if (!found)
		goto out;
	rc = 500;
	if ((sk = desk_unlock(&s)) == NULL ||
	    reader_file_meta(r->arena, &f, sk, &name, &type) == -1 ||
	    (key = reader_file_key(&f, sk)) == NULL ||
	    (disp = disposition(r->arena, id, name)) == NULL ||
	    (object = arena_printf(r->arena, "file %" PRId64, id)) == NULL)
		goto out;
	sodium_free(sk);
	sk = NULL;
	if ((rc = desk_audit("file.download", object, s.staff_id)) != 0)
		goto out;
	(void)snprintf(size, sizeof(size), "%" PRIu64, f.size);
	r->resp.csp = CSP_DOWNLOAD;
	rc = 0;
	if (resp_header(r, "Content-Disposition", disp) == -1 ||
	    resp_header(r, "Content-Length", size) == -1) {
		rc = 500;
		goto out;
	}
	if (resp_begin(r, 200, "application/octet-stream") == -1 ||
	    r->resp.head_only)
		goto out;
	if (stream(r, &f, key) == -1) {
		log_event(LOG_ERROR, "desk.download", "result=unseal-failed");
		r->out.failed = 1;
	}
out:
	seal_free_key(key);
	if (sk != NULL)
		sodium_free(sk);
	desk_session_free(&s);
	return rc;
}
