/*
 * Update rows: writes take typed parameters (bytes in binary), reads
 * are copied into the arena through data/rows.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "data/params.h"
#include "data/rows.h"
#include "data/update.h"

#define ID_TEXT	24

static const char *
id_text(char buf[ID_TEXT], int64_t id)
{
	(void)snprintf(buf, ID_TEXT, "%" PRId64, id);
	return buf;
}

/* A staff id, or SQL NULL for the public. */
static void
params_staff(struct params *p, int64_t staff_id)
{
	if (staff_id > 0)
		params_int(p, staff_id);
	else
		params_text(p, NULL);
}

enum db_err
upd_next(enum stmt s, int64_t *out)
{
	struct rows	 rs;
	enum db_err	 e;

	if ((e = rows_run(&rs, NULL, s, NULL, 0)) != DB_OK)
		return e;
	if (PQntuples(rs.res) != 1)
		rs.bad = 1;
	else
		*out = rows_int(&rs, 0, 0);
	return rows_end(&rs);
}

enum db_err
upd_chunk_insert(int64_t file_id, int seq, struct bytes data)
{
	struct params	 p = { .n = 0 };

	params_int(&p, file_id);
	params_int(&p, seq);
	params_bytes(&p, data.p, data.len);
	return params_run(STMT_UPD_CHUNK_INSERT, &p);
}

enum db_err
upd_file_insert(const struct upd_file_row *f)
{
	struct params	 p = { .n = 0 };

	params_int(&p, f->id);
	params_int(&p, f->update_id);
	params_int(&p, f->position);
	params_int(&p, (int64_t)f->size);
	params_bytes(&p, f->sha256.p, f->sha256.len);
	params_text(&p, f->media_type);
	params_text(&p, f->staff_id > 0 ? "staff" : "public");
	params_staff(&p, f->staff_id);
	return params_run(STMT_UPD_FILE_INSERT, &p);
}

enum db_err
upd_insert(const struct upd_row *u)
{
	struct params	 p = { .n = 0 };

	params_int(&p, u->id);
	params_int(&p, u->rec_id);
	params_text(&p, u->status);
	params_text(&p, u->source);
	params_text(&p, u->explanation);
	params_bool(&p, u->published);
	params_text(&p, u->ref);
	params_text(&p, u->receipt);
	params_bytes(&p, u->receipt_hash.p, u->receipt_hash.len);
	params_text(&p, u->staff_id > 0 ? "staff" : "public");
	params_staff(&p, u->staff_id);
	params_text(&p, u->organisation != NULL && *u->organisation != '\0' ?
	    u->organisation : NULL);
	if (u->token_hash.len == 32)
		params_bytes(&p, u->token_hash.p, 32);
	else
		params_text(&p, NULL);
	return params_run(STMT_UPD_INSERT, &p);
}

enum db_err
upd_by_token(struct arena *a, const unsigned char hash[32], const char **ref,
    const char **receipt, int *found)
{
	struct params	 p = { .n = 0 };
	struct rows	 rs = { .a = a };
	enum db_err	 e;

	*found = 0;
	params_bytes(&p, hash, 32);
	if ((e = params_exec(STMT_UPD_BY_TOKEN, &p, &rs.res)) != DB_OK)
		return e;
	if (PQntuples(rs.res) == 1) {
		*ref = rows_col(&rs, 0, 0);
		*receipt = rows_col(&rs, 0, 1);
		*found = 1;
	}
	return rows_end(&rs);
}

static void
rec_row(struct rows *rs, int i, struct upd_rec *r)
{
	r->id = rows_int(rs, i, 0);
	r->state = rows_col(rs, i, 1);
	r->symbol = rows_col(rs, i, 2);
	r->paragraph = rows_col(rs, i, 3);
	r->issued_on = rows_col(rs, i, 4);
	r->text = rows_col(rs, i, 5);
	r->latest = rows_col(rs, i, 6);
}

enum db_err
upd_rec_get(struct arena *a, int64_t id, struct upd_rec *r, int *found)
{
	char		 buf[ID_TEXT];
	const char	*p[1] = { id_text(buf, id) };
	struct rows	 rs;
	enum db_err	 e;

	*found = 0;
	if ((e = rows_run(&rs, a, STMT_UPD_REC, p, 1)) != DB_OK)
		return e;
	if (PQntuples(rs.res) == 1) {
		rec_row(&rs, 0, r);
		*found = 1;
	}
	return rows_end(&rs);
}

enum db_err
upd_state_recs(struct arena *a, const char *iso3, size_t limit,
    struct upd_rec **out, size_t *n)
{
	char		 buf[ID_TEXT];
	const char	*p[2] = { iso3, id_text(buf, (int64_t)limit) };
	struct rows	 rs;
	enum db_err	 e;
	int		 i, rows;

	*n = 0;
	if ((e = rows_run(&rs, a, STMT_UPD_STATE_RECS, p, 2)) != DB_OK)
		return e;
	rows = PQntuples(rs.res);
	if ((*out = rows_alloc(&rs, rows, sizeof(**out))) != NULL) {
		for (i = 0; i < rows; i++)
			rec_row(&rs, i, &(*out)[i]);
		*n = (size_t)rows;
	}
	return rows_end(&rs);
}

/* Columns: id, rec id, ref, symbol, paragraph, state, status, explanation,
 * organisation, time. */
static enum db_err
items(struct rows *rs, struct upd_item **out, size_t *n)
{
	struct upd_item	*it;
	int		 i, rows = PQntuples(rs->res);

	*n = 0;
	if ((it = rows_alloc(rs, rows, sizeof(*it))) != NULL) {
		for (i = 0; i < rows; i++) {
			it[i].id = rows_int(rs, i, 0);
			it[i].rec_id = rows_int(rs, i, 1);
			it[i].ref = rows_col(rs, i, 2);
			it[i].symbol = rows_col(rs, i, 3);
			it[i].paragraph = rows_col(rs, i, 4);
			it[i].state = rows_col(rs, i, 5);
			it[i].status = rows_col(rs, i, 6);
			it[i].explanation = rows_col(rs, i, 7);
			it[i].organisation = rows_col(rs, i, 8);
			it[i].at = rows_col(rs, i, 9);
		}
		*n = (size_t)rows;
	}
	*out = it;
	return rows_end(rs);
}

enum db_err
upd_list(struct arena *a, int64_t rec_id, const char *source,
    struct upd_item **out, size_t *n)
{
	char		 buf[ID_TEXT];
	const char	*p[2] = { id_text(buf, rec_id), source };
	struct rows	 rs;
	enum db_err	 e;

	*n = 0;
	if ((e = rows_run(&rs, a, STMT_UPD_LIST, p, 2)) != DB_OK)
		return e;
	return items(&rs, out, n);
}

enum db_err
upd_pending(struct arena *a, size_t limit, struct upd_item **out, size_t *n)
{
	char		 buf[ID_TEXT];
	const char	*p[1] = { id_text(buf, (int64_t)limit) };
	struct rows	 rs;
	enum db_err	 e;

	*n = 0;
	if ((e = rows_run(&rs, a, STMT_UPD_PENDING, p, 1)) != DB_OK)
		return e;
	return items(&rs, out, n);
}

enum db_err
upd_files(struct arena *a, int64_t update_id, struct upd_file **out,
    size_t *n)
{
	char		 buf[ID_TEXT];
	const char	*p[1] = { id_text(buf, update_id) };
	struct rows	 rs;
	struct upd_file	*f;
	enum db_err	 e;
	int		 i, rows;

	*n = 0;
	if ((e = rows_run(&rs, a, STMT_UPD_FILES, p, 1)) != DB_OK)
		return e;
	rows = PQntuples(rs.res);
	if ((f = rows_alloc(&rs, rows, sizeof(*f))) != NULL) {
		for (i = 0; i < rows; i++) {
			f[i].id = rows_int(&rs, i, 0);
			f[i].size = (uint64_t)rows_int(&rs, i, 1);
			f[i].sha256_hex = rows_col(&rs, i, 2);
			f[i].media_type = rows_col(&rs, i, 3);
		}
		*n = (size_t)rows;
	}
	*out = f;
	return rows_end(&rs);
}

enum db_err
upd_review(const char *ref, const char *decision, int64_t staff_id,
    int *found)
{
	struct params	 p = { .n = 0 };
	PGresult	*res;
	enum db_err	 e;
	char		 id[ID_TEXT];
	const char	*ids[1] = { id };

	*found = 0;
	params_text(&p, ref);
	params_text(&p, decision);
	params_int(&p, staff_id);
	if ((e = params_exec(STMT_UPD_REVIEW, &p, &res)) != DB_OK)
		return e;
	if (PQntuples(res) == 1) {
		*found = 1;
		(void)snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, 0));
	}
	PQclear(res);
	if (!*found || strcmp(decision, "published") != 0)
		return DB_OK;
	return db_run(STMT_UPD_PUBLISH, ids, 1);
}

enum db_err
upd_file_get(struct arena *a, int64_t id, int staff, struct upd_file *f,
    int *found)
{
	char		 buf[ID_TEXT];
	const char	*p[2] = { id_text(buf, id), staff ? "true" : "false" };
	struct rows	 rs;
	enum db_err	 e;

	*found = 0;
	if ((e = rows_run(&rs, a, STMT_UPD_FILE_GET, p, 2)) != DB_OK)
		return e;
	if (PQntuples(rs.res) == 1) {
		f->id = id;
		f->size = (uint64_t)rows_int(&rs, 0, 0);
		f->sha256_hex = rows_col(&rs, 0, 1);
		f->media_type = rows_col(&rs, 0, 2);
		*found = 1;
	}
	return rows_end(&rs);
}

enum db_err
upd_chunk(struct arena *a, int64_t file_id, int seq, unsigned char *buf,
    size_t cap, size_t *len)
{
	char		 b1[ID_TEXT], b2[ID_TEXT];
	const char	*p[2] = { id_text(b1, file_id), id_text(b2, seq) };
	const char	*hex;
	struct rows	 rs;
	enum db_err	 e;

	*len = 0;
	if ((e = rows_run(&rs, a, STMT_UPD_CHUNK, p, 2)) != DB_OK)
		return e;
	/* bytea in text form is "\x" and hex digits (bytea_output = hex). */
	if (PQntuples(rs.res) != 1 ||
	    strncmp(hex = PQgetvalue(rs.res, 0, 0), "\\x", 2) != 0 ||
	    sodium_hex2bin(buf, cap, hex + 2, strlen(hex + 2), NULL, len,
	    NULL) != 0)
		rs.bad = 1;
	return rows_end(&rs);
}
