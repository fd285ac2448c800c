/*
 * The intake's multipart callbacks: fields into the arena, files through
 * sniffing, hashing and sealing into file_chunks.
 */
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/filetype.h"
#include "core/log.h"
#include "core/writer.h"
#include "data/submission.h"
#include "http/body.h"
#include "http/request.h"
#include "intake/intake.h"
#include "trust/keys.h"
#include "trust/seal.h"

/* The state of the file being received. */
struct intake_stream {
	struct intake_file		*f;
	unsigned char			*key;
	unsigned char			 sealed_key[SEAL_SEALED_KEY_BYTES];
	struct seal_stream		 seal;
	crypto_hash_sha256_state	 sha;
	unsigned char			*plain;		/* INTAKE_CHUNK_BYTES */
	unsigned char			*cipher;
	size_t				 fill;
	int				 seq;
	int				 sniffed;
	int				 empty_part;	/* no file chosen */
};

/* The text field being received. */
struct field_ctx {
	struct intake	*in;
	struct buf	 value;
};

struct ctx {
	struct intake		*in;
	struct field_ctx	 field;
	struct intake_stream	 stream;
};

void
intake_token_keys(const char *token, unsigned char hash[32],
    unsigned char replay_key[32])
{
	static const unsigned char ctx_key[] = "portal-replay-v1";

	crypto_hash_sha256(hash, (const unsigned char *)token, strlen(token));
	/* Independent of the hash: the database never holds this key. */
	crypto_generichash(replay_key, 32, (const unsigned char *)token,
	    strlen(token), ctx_key, sizeof(ctx_key) - 1);
}

static int
stop(struct intake *in, enum intake_stop why)
{
	in->stop = why;
	return -1;
}

static int
db_stop(struct intake *in, enum db_err e)
{
	in->db_err = e;
	return stop(in, INTAKE_DB);
}

int
intake_open(struct intake *in)
{
	enum db_err	 e;
	int		 claimed = 1;

	if (in->in_tx)
		return 0;
	if ((e = db_begin()) != DB_OK)
		return db_stop(in, e);
	in->in_tx = 1;
	if ((e = sub_next_id(&in->sub_id)) != DB_OK)
		return db_stop(in, e);
	if (in->has_token && (e = sub_claim(in->token_hash, in->sub_id,
	    &claimed)) != DB_OK)
		return db_stop(in, e);
	if (!claimed)
		return stop(in, INTAKE_DUPLICATE);
	return 0;
}

static int
require_csrf(struct intake *in, const char *token)
{
	if (!in->csrf_checked) {
		in->csrf = csrf_check(in->r, token);
		in->csrf_checked = 1;
	}
	return in->csrf == CSRF_REFUSED ? stop(in, INTAKE_CSRF) : 0;
}

/* A special field arrived: act on it at once. */
static int
field_special(struct intake *in, const char *name, const char *value)
{
	if (strcmp(name, CSRF_FIELD) == 0)
		return require_csrf(in, value);
	if (strcmp(name, INTAKE_TOKEN_FIELD) == 0 && !in->has_token &&
	    !in->in_tx) {
		intake_token_keys(value, in->token_hash, in->replay_key);
		in->has_token = 1;
		/* Claim now: a duplicate stops before its files are stored. */
		return intake_open(in);
	}
	return 0;
}

static int
field_end(struct ctx *c, const struct mp_part *p)
{
	struct intake	*in = c->in;
	struct kv	*kv;
	const char	*v = c->field.value.data != NULL ?
			    c->field.value.data : "";

	if (in->npairs == FORM_MAX_FIELDS)
		return stop(in, INTAKE_BAD);
	kv = &in->pairs[in->npairs++];
	if ((kv->key = arena_strdup(in->r->arena, p->name)) == NULL)
		return stop(in, INTAKE_NOMEM);
	kv->keylen = strlen(kv->key);
	kv->val = v;
	kv->vallen = c->field.value.len;
	return field_special(in, kv->key, kv->val);
}

/* Encrypt and store what the plaintext buffer holds. */
static int
stream_flush(struct intake *in, struct intake_stream *s, int last)
{
	enum db_err	 e;

	seal_stream_push(&s->seal, s->plain, s->fill, s->cipher, last);
	if ((e = sub_chunk_insert(s->f->id, s->seq, (struct bytes){ s->cipher,
	    s->fill + SEAL_STREAM_ABYTES })) != DB_OK)
		return db_stop(in, e);
	s->seq++;
	s->fill = 0;
	return 0;
}

static int
stream_sniff(struct intake *in, struct intake_stream *s)
{
	s->sniffed = 1;
	s->f->type = filetype_sniff(s->plain, s->fill < FILETYPE_SNIFF_BYTES ?
	    s->fill : FILETYPE_SNIFF_BYTES);
	if (s->f->type == NULL) {
		in->refused_name = s->f->name;
		log_event(LOG_INFO, "intake.refused", "reason=file-type");
		return stop(in, INTAKE_FILE_TYPE);
	}
	return 0;
}

static int
file_begin(struct ctx *c, const struct mp_part *p)
{
	struct intake		*in = c->in;
	struct intake_stream	*s = &c->stream;
	enum db_err		 e;

	memset(s, 0, sizeof(*s));
	if (p->filename[0] == '\0') {
		s->empty_part = 1;	/* the browser's "no file chosen" */
		return 0;
	}
	if (require_csrf(in, NULL) == -1 || intake_open(in) == -1)
		return -1;
	if (in->nfiles == MP_MAX_FILES)
		return stop(in, INTAKE_BAD);
	s->f = &in->files[in->nfiles];
	memset(s->f, 0, sizeof(*s->f));
	s->f->position = (int)in->nfiles;
	if ((s->f->name = arena_strdup(in->r->arena, p->filename)) == NULL ||
	    (s->plain = arena_alloc(in->r->arena, INTAKE_CHUNK_BYTES)) == NULL ||
	    (s->cipher = arena_alloc(in->r->arena, INTAKE_CHUNK_BYTES +
	    SEAL_STREAM_ABYTES)) == NULL)
		return stop(in, INTAKE_NOMEM);
	if ((e = sub_file_next_id(&s->f->id)) != DB_OK)
		return db_stop(in, e);
	if (seal_new_key(portal_keys.secretariat_pk, &s->key,
	    s->sealed_key) == -1)
		return stop(in, INTAKE_NOMEM);
	seal_stream_init(&s->seal, s->key);
	crypto_hash_sha256_init(&s->sha);
	in->cur = s;
	return 0;
}

static int
file_data(struct ctx *c, const char *buf, size_t len)
{
	struct intake_stream	*s = &c->stream;
	size_t			 n;

	if (s->empty_part)
		return len == 0 ? 0 : stop(c->in, INTAKE_BAD);
	crypto_hash_sha256_update(&s->sha, (const unsigned char *)buf, len);
	s->f->size += len;
	while (len > 0) {
		n = INTAKE_CHUNK_BYTES - s->fill;
		if (n > len)
			n = len;
		memcpy(s->plain + s->fill, buf, n);
		s->fill += n;
		buf += n;
		len -= n;
		if (s->fill == INTAKE_CHUNK_BYTES) {
			if (!s->sniffed && stream_sniff(c->in, s) == -1)
				return -1;
			if (stream_flush(c->in, s, 0) == -1)
				return -1;
		}
	}
	return 0;
}

/* name, type and hash of the file, sealed under the file's key. */
static int
file_meta(struct intake *in, struct intake_stream *s, struct sub_file_row *row)
{
	char			 hex[65], *meta;
	unsigned char		*box, *nonce;
	size_t			 boxlen;

	sodium_bin2hex(hex, sizeof(hex), s->f->sha256, 32);
	if ((nonce = arena_alloc(in->r->arena, SEAL_NONCE_BYTES)) == NULL ||
	    (meta = arena_printf(in->r->arena, "name %zu\n%s\ntype %s\n"
	    "sha256 %s\n", strlen(s->f->name), s->f->name, s->f->type, hex)) ==
	    NULL || seal_box(in->r->arena, s->key, meta, strlen(meta), nonce,
	    &box, &boxlen) == -1)
		return stop(in, INTAKE_NOMEM);
	row->meta_nonce = (struct bytes){ nonce, SEAL_NONCE_BYTES };
	row->sealed_meta = (struct bytes){ box, boxlen };
	return 0;
}

static int
file_end(struct ctx *c)
{
	struct intake		*in = c->in;
	struct intake_stream	*s = &c->stream;
	struct sub_file_row	 row;
	enum db_err		 e;
	int			 rc = -1;

	if (s->empty_part)
		return 0;
	if (!s->sniffed && stream_sniff(in, s) == -1)
		goto out;
	if (stream_flush(in, s, 1) == -1)
		goto out;
	crypto_hash_sha256_final(&s->sha, s->f->sha256);
	memset(&row, 0, sizeof(row));
	row.id = s->f->id;
	row.submission_id = in->sub_id;
	row.position = s->f->position;
	row.size = s->f->size;
	row.sealed_key = (struct bytes){ s->sealed_key, sizeof(s->sealed_key) };
	row.stream_header = (struct bytes){ s->seal.header,
	    sizeof(s->seal.header) };
	if (file_meta(in, s, &row) == -1)
		goto out;
	if ((e = sub_file_insert(&row)) != DB_OK) {
		db_stop(in, e);
		goto out;
	}
	in->nfiles++;
	rc = 0;
out:
	seal_free_key(s->key);
	s->key = NULL;
	in->cur = NULL;
	return rc;
}

static int
cb_begin(void *arg, const struct mp_part *p)
{
	struct ctx	*c = arg;

	if (p->filename != NULL) {
		if (strcmp(p->name, INTAKE_FILE_FIELD) != 0)
			return stop(c->in, INTAKE_BAD);
		return file_begin(c, p);
	}
	buf_init(&c->field.value, c->in->r->arena, FIELD_VALUE_MAX_BYTES);
	return 0;
}

static int
cb_data(void *arg, const struct mp_part *p, const char *buf, size_t len)
{
	struct ctx	*c = arg;

	if (p->filename != NULL)
		return file_data(c, buf, len);
	return buf_append(&c->field.value, buf, len) == -1 ?
	    stop(c->in, INTAKE_NOMEM) : 0;
}

static int
cb_end(void *arg, const struct mp_part *p)
{
	struct ctx	*c = arg;

	return p->filename != NULL ? file_end(c) : field_end(c, p);
}

static int
stop_status(const struct intake *in)
{
	switch (in->stop) {
	case INTAKE_CSRF:
		return 403;
	case INTAKE_DB:
		return db_http_status((enum db_err)in->db_err);
	case INTAKE_NOMEM:
		return 500;
	case INTAKE_BAD:
		return 400;
	default:
		return 0;	/* the handler shows what happened */
	}
}

int
intake_read(struct req *r, struct intake *in)
{
	static const struct mp_callbacks cb = { cb_begin, cb_data, cb_end };
	struct mp_limits	 lim;
	struct ctx		 c;
	enum mp_err		 err;
	int			 status;

	memset(in, 0, sizeof(*in));
	in->r = r;
	memset(&c, 0, sizeof(c));
	c.in = in;
	mp_limits_default(&lim);
	status = body_multipart(r, &lim, &cb, &c, &err);
	/* A key left by a part the parser cut short. */
	seal_free_key(c.stream.key);
	if (err == MP_CALLBACK)
		return stop_status(in);
	if (status != 0)
		return status;
	/* A form with no file still needs its CSRF check. */
	if (require_csrf(in, kv_find(in->pairs, in->npairs, CSRF_FIELD) ?
	    kv_find(in->pairs, in->npairs, CSRF_FIELD)->val : NULL) == -1)
		return 403;
	in->stop = INTAKE_DONE;
	return 0;
}
