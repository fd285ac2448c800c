/*
 * Submission rows. Integers travel as text parameters, bytes as binary.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "data/submission.h"

#define MAX_PARAMS	14

/* Parameters being assembled for one statement. */
struct params {
	const char	*v[MAX_PARAMS];
	int		 len[MAX_PARAMS];
	int		 fmt[MAX_PARAMS];
	char		 num[MAX_PARAMS][24];
	int		 n;
};

static void
p_text(struct params *p, const char *s)
{
	p->v[p->n] = s;
	p->len[p->n] = 0;
	p->fmt[p->n] = 0;
	p->n++;
}

static void
p_int(struct params *p, int64_t i)
{
	(void)snprintf(p->num[p->n], sizeof(p->num[0]), "%" PRId64, i);
	p_text(p, p->num[p->n]);
}

static void
p_bytes(struct params *p, struct bytes b)
{
	p->v[p->n] = (const char *)b.p;
	p->len[p->n] = (int)b.len;
	p->fmt[p->n] = 1;
	p->n++;
}

static void
p_bool(struct params *p, int b)
{
	p_text(p, b < 0 ? NULL : b ? "true" : "false");
}

static enum db_err
p_run(enum stmt s, struct params *p)
{
	PGresult	*res;
	enum db_err	 err;

	err = db_exec_bin(s, p->v, p->len, p->fmt, p->n, &res);
	if (err == DB_OK)
		PQclear(res);
	return err;
}

/* A statement returning one bigint. */
static enum db_err
one_int(enum stmt s, int64_t *out)
{
	PGresult	*res;
	enum db_err	 err;

	if ((err = db_exec(s, NULL, 0, &res)) != DB_OK)
		return err;
	if (PQntuples(res) != 1 || sscanf(PQgetvalue(res, 0, 0), "%" SCNd64,
	    out) != 1)
		err = DB_ERROR;
	PQclear(res);
	return err;
}

static enum db_err
exists(enum stmt s, const char *key, int *found)
{
	const char	*params[1] = { key };
	PGresult	*res;
	enum db_err	 err;

	if ((err = db_exec(s, params, 1, &res)) != DB_OK)
		return err;
	*found = PQntuples(res) == 1;
	PQclear(res);
	return DB_OK;
}

enum db_err
ref_state_exists(const char *iso3, int *found)
{
	return exists(STMT_STATE_EXISTS, iso3, found);
}

enum db_err
ref_mandate_exists(const char *slug, int *found)
{
	return exists(STMT_MANDATE_EXISTS, slug, found);
}

enum db_err
sub_next_id(int64_t *id)
{
	return one_int(STMT_SUB_NEXT_ID, id);
}

enum db_err
sub_next_ref(int64_t *n)
{
	return one_int(STMT_SUB_NEXT_REF, n);
}

enum db_err
sub_file_next_id(int64_t *id)
{
	return one_int(STMT_SUB_FILE_NEXT_ID, id);
}

enum db_err
sub_claim(const unsigned char token_hash[32], int64_t id, int *claimed)
{
	struct params	 p = { .n = 0 };
	PGresult	*res;
	enum db_err	 err;

	p_bytes(&p, (struct bytes){ token_hash, 32 });
	p_int(&p, id);
	if ((err = db_exec_bin(STMT_SUB_CLAIM, p.v, p.len, p.fmt, p.n,
	    &res)) != DB_OK)
		return err;
	*claimed = PQntuples(res) == 1;
	PQclear(res);
	return DB_OK;
}

static int
copy_bytea(struct arena *a, PGresult *res, int col, struct bytes *out)
{
	unsigned char	*raw, *copy;
	size_t		 len;

	out->p = NULL;
	out->len = 0;
	if (PQgetisnull(res, 0, col))
		return 0;
	/* bytea comes back as text ("\x..."); unescape into the arena. */
	if ((raw = PQunescapeBytea((const unsigned char *)PQgetvalue(res, 0,
	    col), &len)) == NULL)
		return -1;
	if ((copy = arena_alloc(a, len + 1)) == NULL) {
		PQfreemem(raw);
		return -1;
	}
	memcpy(copy, raw, len);
	PQfreemem(raw);
	out->p = copy;
	out->len = len;
	return 0;
}

enum db_err
sub_replay(struct arena *a, const unsigned char token_hash[32],
    struct bytes *nonce, struct bytes *box)
{
	struct params	 p = { .n = 0 };
	PGresult	*res;
	enum db_err	 err;

	nonce->p = box->p = NULL;
	p_bytes(&p, (struct bytes){ token_hash, 32 });
	if ((err = db_exec_bin(STMT_SUB_REPLAY, p.v, p.len, p.fmt, p.n,
	    &res)) != DB_OK)
		return err;
	if (PQntuples(res) == 1 && (copy_bytea(a, res, 0, nonce) == -1 ||
	    copy_bytea(a, res, 1, box) == -1))
		err = DB_ERROR;
	PQclear(res);
	return err;
}

enum db_err
sub_set_replay(const unsigned char token_hash[32], struct bytes nonce,
    struct bytes box)
{
	struct params	 p = { .n = 0 };

	p_bytes(&p, (struct bytes){ token_hash, 32 });
	p_bytes(&p, nonce);
	p_bytes(&p, box);
	return p_run(STMT_SUB_SET_REPLAY, &p);
}

enum db_err
sub_chunk_insert(int64_t file_id, int seq, struct bytes data)
{
	struct params	 p = { .n = 0 };

	p_int(&p, file_id);
	p_int(&p, seq);
	p_bytes(&p, data);
	return p_run(STMT_SUB_CHUNK_INSERT, &p);
}

enum db_err
sub_file_insert(const struct sub_file_row *f)
{
	struct params	 p = { .n = 0 };

	p_int(&p, f->id);
	p_int(&p, f->submission_id);
	p_int(&p, f->position);
	p_int(&p, (int64_t)f->size);
	p_bytes(&p, f->sealed_key);
	p_bytes(&p, f->stream_header);
	p_bytes(&p, f->meta_nonce);
	p_bytes(&p, f->sealed_meta);
	return p_run(STMT_SUB_FILE_INSERT, &p);
}

enum db_err
sub_insert(const struct sub_row *s)
{
	struct params	 p = { .n = 0 };

	p_int(&p, s->id);
	p_text(&p, s->ref);
	p_text(&p, s->kind);
	if (s->parent_id > 0)
		p_int(&p, s->parent_id);
	else
		p_text(&p, NULL);
	p_text(&p, s->state);
	p_text(&p, s->received);
	p_bool(&p, s->consent_government);
	p_bool(&p, s->consent_public);
	p_bytes(&p, s->sealed_key);
	p_bytes(&p, s->body_nonce);
	p_bytes(&p, s->sealed_body);
	p_bytes(&p, s->sealed_receipt);
	p_bytes(&p, s->receipt_hash);
	p_bytes(&p, s->code_hash);
	return p_run(STMT_SUB_INSERT, &p);
}

enum db_err
sub_mandate_insert(int64_t id, const char *slug)
{
	struct params	 p = { .n = 0 };

	p_int(&p, id);
	p_text(&p, slug);
	return p_run(STMT_SUB_MANDATE_INSERT, &p);
}
