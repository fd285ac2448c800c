/*
 * Reading an update form: fields into the arena, evidence files through
 * sniffing and SHA-256 into update_file_chunks (in clear: see update.h).
 */
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/filetype.h"
#include "core/log.h"
#include "core/writer.h"
#include "data/update.h"
#include "http/body.h"
#include "http/request.h"
#include "intake/update.h"

/* The file being received. */
struct upd_stream {
	struct upd_in_file		*f;
	crypto_hash_sha256_state	 sha;
	unsigned char			*buf;		/* UPD_CHUNK_BYTES */
	size_t				 fill;
	int				 seq;
	int				 typed;
	int				 none;		/* no file chosen */
};

struct upd_ctx {
	struct upd_intake	*in;
	struct buf		 value;
	struct upd_stream	 s;
};

static int
halt(struct upd_intake *in, enum upd_stop why)
{
	in->stop = why;
	return -1;
}

static int
halt_db(struct upd_intake *in, enum db_err e)
{
	in->db_err = e;
	return halt(in, UPD_DB);
}

/* The transaction opens with the first file: its rows need the id. */
static int
open_tx(struct upd_intake *in)
{
	enum db_err	 e;

	if (in->in_tx)
		return 0;
	if ((e = db_begin()) != DB_OK)
		return halt_db(in, e);
	in->in_tx = 1;
	if ((e = upd_next(STMT_UPD_NEXT_ID, &in->update_id)) != DB_OK)
		return halt_db(in, e);
	return 0;
}

/*
 * Browsers send the token first; a file before it is refused. Staff
 * hold a session cookie, an ambient credential: for them only a valid
 * token passes, never the cookieless program's way (http/csrf.h).
 */
static int
csrf_gate(struct upd_intake *in, const char *token)
{
	enum csrf_result	 res;

	if (!in->csrf_checked) {
		in->csrf_checked = 1;
		res = csrf_check(in->r, token);
		if (res == CSRF_REFUSED || (in->staff_id > 0 && res != CSRF_OK))
			return halt(in, UPD_CSRF);
	}
	return 0;
}

static int
field_end(struct upd_ctx *c, const struct mp_part *p)
{
	struct upd_intake	*in = c->in;
	struct kv		*kv;

	if (in->npairs == FORM_MAX_FIELDS)
		return halt(in, UPD_BAD);
	kv = &in->pairs[in->npairs++];
	if ((kv->key = arena_strdup(in->r->arena, p->name)) == NULL)
		return halt(in, UPD_NOMEM);
	kv->keylen = strlen(kv->key);
	kv->val = c->value.data != NULL ? c->value.data : "";
	kv->vallen = c->value.len;
	if (strcmp(kv->key, CSRF_FIELD) == 0)
		return csrf_gate(in, kv->val);
	if (strcmp(kv->key, "form_token") == 0 && !in->has_token) {
		crypto_hash_sha256(in->token_hash,
		    (const unsigned char *)kv->val, kv->vallen);
		in->has_token = 1;
	}
	return 0;
}

static int
flush(struct upd_intake *in, struct upd_stream *s)
{
	enum db_err	 e;

	if (!s->typed) {
		s->typed = 1;
		s->f->type = filetype_sniff(s->buf, s->fill <
		    FILETYPE_SNIFF_BYTES ? s->fill : FILETYPE_SNIFF_BYTES);
		if (s->f->type == NULL) {
			log_event(LOG_INFO, "update.refused", "reason=file-type");
			return halt(in, UPD_FILE_TYPE);
		}
	}
	if (s->fill == 0)
		return 0;
	if ((e = upd_chunk_insert(s->f->id, s->seq++,
	    (struct bytes){ s->buf, s->fill })) != DB_OK)
		return halt_db(in, e);
	s->fill = 0;
	return 0;
}

static int
file_begin(struct upd_ctx *c, const struct mp_part *p)
{
	struct upd_intake	*in = c->in;
	struct upd_stream	*s = &c->s;
	enum db_err		 e;

	memset(s, 0, sizeof(*s));
	if (p->filename[0] == '\0') {
		s->none = 1;
		return 0;
	}
	if (csrf_gate(in, NULL) == -1 || open_tx(in) == -1)
		return -1;
	if (in->nfiles == UPD_MAX_FILES)
		return halt(in, UPD_TOO_LARGE);
	s->f = &in->files[in->nfiles];
	memset(s->f, 0, sizeof(*s->f));
	if ((s->buf = arena_alloc(in->r->arena, UPD_CHUNK_BYTES)) == NULL)
		return halt(in, UPD_NOMEM);
	if ((e = upd_next(STMT_UPD_FILE_NEXT_ID, &s->f->id)) != DB_OK)
		return halt_db(in, e);
	crypto_hash_sha256_init(&s->sha);
	return 0;
}

static int
file_data(struct upd_ctx *c, const char *p, size_t len)
{
	struct upd_stream	*s = &c->s;
	size_t			 n;

	if (s->none)
		return halt(c->in, UPD_BAD);
	crypto_hash_sha256_update(&s->sha, (const unsigned char *)p, len);
	s->f->size += len;
	for (; len > 0; p += n, len -= n) {
		n = UPD_CHUNK_BYTES - s->fill;
		n = n < len ? n : len;
		memcpy(s->buf + s->fill, p, n);
		s->fill += n;
		if (s->fill == UPD_CHUNK_BYTES && flush(c->in, s) == -1)
			return -1;
	}
	return 0;
}

static int
file_end(struct upd_ctx *c)
{
	struct upd_intake	*in = c->in;
	struct upd_stream	*s = &c->s;
	struct upd_file_row	 row;
	enum db_err		 e;

	if (s->none)
		return 0;
	if (s->f->size == 0)
		return halt(in, UPD_FILE_TYPE);	/* an empty file is no evidence */
	if (flush(in, s) == -1)
		return -1;
	crypto_hash_sha256_final(&s->sha, s->f->sha256);
	row.id = s->f->id;
	row.update_id = in->update_id;
	row.position = (int)in->nfiles;
	row.size = s->f->size;
	row.sha256 = (struct bytes){ s->f->sha256, 32 };
	row.media_type = s->f->type;
	row.staff_id = in->staff_id;
	if ((e = upd_file_insert(&row)) != DB_OK)
		return halt_db(in, e);
	in->nfiles++;
	return 0;
}

static int
cb_begin(void *arg, const struct mp_part *p)
{
	struct upd_ctx	*c = arg;

	if (p->filename != NULL)
		return strcmp(p->name, "evidence") == 0 ? file_begin(c, p) :
		    halt(c->in, UPD_BAD);
	buf_init(&c->value, c->in->r->arena, FIELD_VALUE_MAX_BYTES);
	return 0;
}

static int
cb_data(void *arg, const struct mp_part *p, const char *b, size_t len)
{
	struct upd_ctx	*c = arg;

	if (p->filename != NULL)
		return file_data(c, b, len);
	return buf_append(&c->value, b, len) == -1 ? halt(c->in, UPD_NOMEM) : 0;
}

static int
cb_end(void *arg, const struct mp_part *p)
{
	struct upd_ctx	*c = arg;

	return p->filename != NULL ? file_end(c) : field_end(c, p);
}

static int
halted_status(const struct upd_intake *in)
{
	static const int status[] = {
		[UPD_DONE] = 0, [UPD_CSRF] = 403, [UPD_FILE_TYPE] = 422,
		[UPD_TOO_LARGE] = 413, [UPD_DB] = 500, [UPD_NOMEM] = 500,
		[UPD_BAD] = 400,
	};

	return in->stop == UPD_DB ? db_http_status((enum db_err)in->db_err) :
	    status[in->stop];
}

int
upd_read(struct req *r, int64_t staff_id, struct upd_intake *in)
{
	static const struct mp_callbacks cb = { cb_begin, cb_data, cb_end };
	struct mp_limits	 lim;
	struct upd_ctx		 c;
	const struct kv		*tok;
	enum mp_err		 err;
	int			 status;

	memset(in, 0, sizeof(*in));
	memset(&c, 0, sizeof(c));
	in->r = r;
	in->staff_id = staff_id;
	c.in = in;
	mp_limits_default(&lim);
	lim.max_file_bytes = UPD_FILE_MAX_BYTES;
	lim.max_files = UPD_MAX_FILES;
	status = body_multipart(r, &lim, &cb, &c, &err);
	if (err == MP_CALLBACK)
		return halted_status(in);
	if (err == MP_FILE_TOO_LARGE || err == MP_TOO_MANY_FILES)
		in->stop = UPD_TOO_LARGE;
	if (status != 0)
		return status;
	tok = kv_find(in->pairs, in->npairs, CSRF_FIELD);
	if (csrf_gate(in, tok != NULL ? tok->val : NULL) == -1)
		return 403;
	in->stop = UPD_DONE;
	return 0;
}
