/*
 * Submission rows. Integers travel as text parameters, bytes as binary.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "data/params.h"
#include "data/submission.h"

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

	params_bytes(&p, token_hash, 32);
	params_int(&p, id);
	if ((err = params_exec(STMT_SUB_CLAIM, &p, &res)) != DB_OK)
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
	params_bytes(&p, token_hash, 32);
	if ((err = params_exec(STMT_SUB_REPLAY, &p, &res)) != DB_OK)
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

	params_bytes(&p, token_hash, 32);
	params_bytes(&p, nonce.p, nonce.len);
	params_bytes(&p, box.p, box.len);
	return params_run(STMT_SUB_SET_REPLAY, &p);
}

enum db_err
sub_chunk_insert(int64_t file_id, int seq, struct bytes data)
{
	struct params	 p = { .n = 0 };

	params_int(&p, file_id);
	params_int(&p, seq);
	params_bytes(&p, data.p, data.len);
	return params_run(STMT_SUB_CHUNK_INSERT, &p);
}

enum db_err
sub_file_insert(const struct sub_file_row *f)
{
	struct params	 p = { .n = 0 };

	params_int(&p, f->id);
	params_int(&p, f->submission_id);
	params_int(&p, f->position);
	params_int(&p, (int64_t)f->size);
	params_bytes(&p, f->sealed_key.p, f->sealed_key.len);
	params_bytes(&p, f->stream_header.p, f->stream_header.len);
	params_bytes(&p, f->meta_nonce.p, f->meta_nonce.len);
	params_bytes(&p, f->sealed_meta.p, f->sealed_meta.len);
	return params_run(STMT_SUB_FILE_INSERT, &p);
}

enum db_err
sub_insert(const struct sub_row *s)
{
	struct params	 p = { .n = 0 };

	params_int(&p, s->id);
	params_text(&p, s->ref);
	params_text(&p, s->kind);
	if (s->parent_id > 0)
		params_int(&p, s->parent_id);
	else
		params_text(&p, NULL);
	params_text(&p, s->state);
	params_text(&p, s->received);
	params_bool(&p, s->consent_government);
	params_bool(&p, s->consent_public);
	params_bytes(&p, s->sealed_key.p, s->sealed_key.len);
	params_bytes(&p, s->body_nonce.p, s->body_nonce.len);
	params_bytes(&p, s->sealed_body.p, s->sealed_body.len);
	params_bytes(&p, s->sealed_receipt.p, s->sealed_receipt.len);
	params_bytes(&p, s->receipt_hash.p, s->receipt_hash.len);
	params_bytes(&p, s->code_hash.p, s->code_hash.len);
	return params_run(STMT_SUB_INSERT, &p);
}

enum db_err
sub_mandate_insert(int64_t id, const char *slug)
{
	struct params	 p = { .n = 0 };

	params_int(&p, id);
	params_text(&p, slug);
	return params_run(STMT_SUB_MANDATE_INSERT, &p);
}
