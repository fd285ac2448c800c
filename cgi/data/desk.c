/*
 * The desk's rows. Integers travel as text parameters, bytes as binary;
 * results are copied into the caller's arena before PQclear.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "data/desk.h"
#include "data/params.h"

/* Copies of result cells; -1 when out of memory or malformed. */
static int
c_str(struct arena *a, PGresult *res, int row, int col, const char **out)
{
	return (*out = arena_strdup(a, PQgetvalue(res, row, col))) == NULL ?
	    -1 : 0;
}

static int
c_int(PGresult *res, int row, int col, int64_t *out)
{
	const char	*s = PQgetvalue(res, row, col);
	char		*end;
	long long	 v;

	v = strtoll(s, &end, 10);
	if (end == s || *end != '\0')
		return -1;
	*out = (int64_t)v;
	return 0;
}

static int
c_bool(PGresult *res, int row, int col)
{
	return strcmp(PQgetvalue(res, row, col), "t") == 0;
}

static int
c_bytes(struct arena *a, PGresult *res, int row, int col, struct bytes *out)
{
	unsigned char	*raw, *copy;
	size_t		 len;

	out->p = NULL;
	out->len = 0;
	if (PQgetisnull(res, row, col))
		return 0;
	if ((raw = PQunescapeBytea((const unsigned char *)PQgetvalue(res, row,
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

/* An arena array of n elements of size sz, overflow-checked. */
static void *
rows_alloc(struct arena *a, size_t n, size_t sz)
{
	if (n == 0)
		n = 1;
	if (n > SIZE_MAX / sz)
		return NULL;
	return arena_alloc(a, n * sz);
}

enum db_err
staff_by_login(struct arena *a, const char *login, struct staff_row *s,
    int *found)
{
	struct params	 p = { .n = 0 };
	PGresult	*res;
	enum db_err	 e;
	int64_t		 ops, mem;

	*found = 0;
	memset(s, 0, sizeof(*s));
	params_text(&p, login);
	if ((e = params_exec(STMT_STAFF_BY_LOGIN, &p, &res)) != DB_OK)
		return e;
	if (PQntuples(res) == 1) {
		if (c_int(res, 0, 0, &s->id) == -1 ||
		    c_str(a, res, 0, 1, &s->role) == -1 ||
		    c_str(a, res, 0, 2, &s->state) == -1 ||
		    c_str(a, res, 0, 3, &s->password_hash) == -1 ||
		    c_bytes(a, res, 0, 4, &s->key_salt) == -1 ||
		    c_int(res, 0, 5, &ops) == -1 || c_int(res, 0, 6, &mem) == -1 ||
		    c_bytes(a, res, 0, 7, &s->key_nonce) == -1 ||
		    c_bytes(a, res, 0, 8, &s->key_box) == -1 || ops <= 0 ||
		    mem <= 0)
			e = DB_ERROR;
		else {
			s->key_ops = (uint64_t)ops;
			s->key_mem = (uint64_t)mem;
			s->disabled = c_bool(res, 0, 9);
			*found = 1;
		}
	}
	PQclear(res);
	return e;
}

enum db_err
staff_insert(const struct staff_new *s, int64_t *id)
{
	struct params	 p = { .n = 0 };
	PGresult	*res;
	enum db_err	 e;

	params_text(&p, s->login);
	params_text(&p, s->role);
	params_text(&p, s->state);
	params_text(&p, s->password_hash);
	params_bytes(&p, s->key_salt.p, s->key_salt.len);
	params_int(&p, (int64_t)s->key_ops);
	params_int(&p, (int64_t)s->key_mem);
	params_bytes(&p, s->key_nonce.p, s->key_nonce.len);
	params_bytes(&p, s->key_box.p, s->key_box.len);
	if ((e = params_exec(STMT_STAFF_INSERT, &p, &res)) != DB_OK)
		return e;
	if (PQntuples(res) != 1 || c_int(res, 0, 0, id) == -1)
		e = DB_ERROR;
	PQclear(res);
	return e;
}

enum db_err
session_insert(const unsigned char th[32], int64_t staff_id,
    struct bytes nonce, struct bytes box)
{
	struct params	 p = { .n = 0 };

	params_bytes(&p, th, 32);
	params_int(&p, staff_id);
	params_bytes(&p, nonce.p, nonce.len);
	params_bytes(&p, box.p, box.len);
	return params_run(STMT_SESSION_INSERT, &p);
}

enum db_err
session_get(struct arena *a, const unsigned char th[32], struct session_row *s,
    int *found)
{
	struct params	 p = { .n = 0 };
	PGresult	*res;
	enum db_err	 e;

	*found = 0;
	memset(s, 0, sizeof(*s));
	params_bytes(&p, th, 32);
	if ((e = params_exec(STMT_SESSION_GET, &p, &res)) != DB_OK)
		return e;
	if (PQntuples(res) == 1) {
		if (c_int(res, 0, 0, &s->staff_id) == -1 ||
		    c_str(a, res, 0, 1, &s->login) == -1 ||
		    c_str(a, res, 0, 2, &s->role) == -1 ||
		    c_str(a, res, 0, 3, &s->state) == -1 ||
		    c_bytes(a, res, 0, 4, &s->sk_nonce) == -1 ||
		    c_bytes(a, res, 0, 5, &s->sk_box) == -1)
			e = DB_ERROR;
		else
			*found = 1;
	}
	PQclear(res);
	return e;
}

static enum db_err
by_hash(enum stmt s, const unsigned char h[32])
{
	struct params	 p = { .n = 0 };

	params_bytes(&p, h, 32);
	return params_run(s, &p);
}

static enum db_err
by_two_hashes(enum stmt s, const unsigned char a[32], const unsigned char b[32])
{
	struct params	 p = { .n = 0 };

	params_bytes(&p, a, 32);
	params_bytes(&p, b, 32);
	return params_run(s, &p);
}

enum db_err
session_touch(const unsigned char th[32])
{
	return by_hash(STMT_SESSION_TOUCH, th);
}

enum db_err
session_delete(const unsigned char th[32])
{
	return by_hash(STMT_SESSION_DELETE, th);
}

enum db_err
session_expire(void)
{
	struct params	 p = { .n = 0 };

	return params_run(STMT_SESSION_EXPIRE, &p);
}

enum db_err
login_gate(const unsigned char lh[32], const unsigned char ah[32],
    struct login_gate *g)
{
	struct params	 p = { .n = 0 };
	PGresult	*res;
	enum db_err	 e;

	memset(g, 0, sizeof(*g));
	params_bytes(&p, lh, 32);
	params_bytes(&p, ah, 32);
	if ((e = params_exec(STMT_LOGIN_GATE, &p, &res)) != DB_OK)
		return e;
	if (PQntuples(res) != 1 || c_int(res, 0, 0, &g->failures) == -1 ||
	    c_int(res, 0, 1, &g->since_failure) == -1 ||
	    c_int(res, 0, 3, &g->acct_recent) == -1 ||
	    c_int(res, 0, 4, &g->acct_since) == -1)
		e = DB_ERROR;
	else
		g->known_addr = c_bool(res, 0, 2);
	PQclear(res);
	return e;
}

enum db_err
login_failed(const unsigned char lh[32], const unsigned char ah[32])
{
	return by_two_hashes(STMT_LOGIN_FAILED, lh, ah);
}

enum db_err
login_ok(const unsigned char lh[32], const unsigned char ah[32])
{
	return by_two_hashes(STMT_LOGIN_OK, lh, ah);
}

enum db_err
desk_queue(struct arena *a, size_t limit, struct desk_item **out, size_t *n)
{
	struct params	 p = { .n = 0 };
	struct desk_item *it;
	PGresult	*res;
	enum db_err	 e;
	int		 i, rows;

	*out = NULL;
	*n = 0;
	params_int(&p, (int64_t)limit);
	if ((e = params_exec(STMT_DESK_QUEUE, &p, &res)) != DB_OK)
		return e;
	rows = PQntuples(res);
	if ((it = rows_alloc(a, (size_t)rows, sizeof(*it))) == NULL)
		e = DB_ERROR;
	for (i = 0; e == DB_OK && i < rows; i++)
		if (c_str(a, res, i, 0, &it[i].ref) == -1 ||
		    c_str(a, res, i, 1, &it[i].received) == -1 ||
		    c_str(a, res, i, 2, &it[i].state) == -1 ||
		    c_str(a, res, i, 3, &it[i].mandates) == -1 ||
		    c_str(a, res, i, 4, &it[i].status) == -1 ||
		    c_int(res, i, 5, &it[i].followups) == -1)
			e = DB_ERROR;
	PQclear(res);
	if (e == DB_OK) {
		*out = it;
		*n = (size_t)rows;
	}
	return e;
}

enum db_err
desk_sub_by_ref(struct arena *a, const char *ref, struct desk_sub *s,
    int *found)
{
	struct params	 p = { .n = 0 };
	PGresult	*res;
	enum db_err	 e;

	*found = 0;
	memset(s, 0, sizeof(*s));
	params_text(&p, ref);
	if ((e = params_exec(STMT_DESK_SUB, &p, &res)) != DB_OK)
		return e;
	if (PQntuples(res) == 1) {
		if (c_int(res, 0, 0, &s->id) == -1 ||
		    c_str(a, res, 0, 1, &s->ref) == -1 ||
		    c_str(a, res, 0, 2, &s->kind) == -1 ||
		    c_str(a, res, 0, 3, &s->state) == -1 ||
		    c_str(a, res, 0, 4, &s->received) == -1 ||
		    c_bytes(a, res, 0, 5, &s->sealed_key) == -1 ||
		    c_bytes(a, res, 0, 6, &s->body_nonce) == -1 ||
		    c_bytes(a, res, 0, 7, &s->sealed_body) == -1 ||
		    c_str(a, res, 0, 8, &s->parent_ref) == -1)
			e = DB_ERROR;
		else
			*found = 1;
	}
	PQclear(res);
	return e;
}

enum db_err
desk_children(struct arena *a, int64_t id, struct desk_child **out, size_t *n)
{
	struct params	 p = { .n = 0 };
	struct desk_child *c;
	PGresult	*res;
	enum db_err	 e;
	int		 i, rows;

	*out = NULL;
	*n = 0;
	params_int(&p, id);
	if ((e = params_exec(STMT_DESK_CHILDREN, &p, &res)) != DB_OK)
		return e;
	rows = PQntuples(res);
	if ((c = rows_alloc(a, (size_t)rows, sizeof(*c))) == NULL)
		e = DB_ERROR;
	for (i = 0; e == DB_OK && i < rows; i++)
		if (c_str(a, res, i, 0, &c[i].ref) == -1 ||
		    c_str(a, res, i, 1, &c[i].received) == -1)
			e = DB_ERROR;
	PQclear(res);
	if (e == DB_OK) {
		*out = c;
		*n = (size_t)rows;
	}
	return e;
}

enum db_err
desk_files(struct arena *a, int64_t sub_id, struct desk_file **out, size_t *n)
{
	struct params	 p = { .n = 0 };
	struct desk_file *f;
	PGresult	*res;
	enum db_err	 e;
	int64_t		 pos = 0, size = 0;
	int		 i, rows;

	*out = NULL;
	*n = 0;
	params_int(&p, sub_id);
	if ((e = params_exec(STMT_DESK_FILES, &p, &res)) != DB_OK)
		return e;
	rows = PQntuples(res);
	if ((f = rows_alloc(a, (size_t)rows, sizeof(*f))) == NULL)
		e = DB_ERROR;
	for (i = 0; e == DB_OK && i < rows; i++) {
		memset(&f[i], 0, sizeof(f[i]));
		if (c_int(res, i, 0, &f[i].id) == -1 ||
		    c_int(res, i, 1, &pos) == -1 ||
		    c_int(res, i, 2, &size) == -1 ||
		    c_bytes(a, res, i, 3, &f[i].sealed_key) == -1 ||
		    c_bytes(a, res, i, 4, &f[i].meta_nonce) == -1 ||
		    c_bytes(a, res, i, 5, &f[i].sealed_meta) == -1 ||
		    c_str(a, res, i, 6, &f[i].received) == -1 || size < 0)
			e = DB_ERROR;
		f[i].position = (int)pos;
		f[i].size = (uint64_t)size;
	}
	PQclear(res);
	if (e == DB_OK) {
		*out = f;
		*n = (size_t)rows;
	}
	return e;
}

enum db_err
desk_file(struct arena *a, int64_t file_id, struct desk_file *f, int *found)
{
	struct params	 p = { .n = 0 };
	PGresult	*res;
	enum db_err	 e;
	int64_t		 size;

	*found = 0;
	memset(f, 0, sizeof(*f));
	params_int(&p, file_id);
	if ((e = params_exec(STMT_DESK_FILE, &p, &res)) != DB_OK)
		return e;
	if (PQntuples(res) == 1) {
		if (c_bytes(a, res, 0, 0, &f->sealed_key) == -1 ||
		    c_bytes(a, res, 0, 1, &f->stream_header) == -1 ||
		    c_bytes(a, res, 0, 2, &f->meta_nonce) == -1 ||
		    c_bytes(a, res, 0, 3, &f->sealed_meta) == -1 ||
		    c_int(res, 0, 4, &size) == -1 || size < 0)
			e = DB_ERROR;
		else {
			f->id = file_id;
			f->size = (uint64_t)size;
			*found = 1;
		}
	}
	PQclear(res);
	return e;
}

enum db_err
desk_chunk(int64_t file_id, int seq, unsigned char *buf, size_t cap,
    size_t *len, int *found)
{
	struct params	 p = { .n = 0 };
	PGresult	*res;
	enum db_err	 e;
	unsigned char	*raw;
	size_t		 n;

	*found = 0;
	*len = 0;
	params_int(&p, file_id);
	params_int(&p, seq);
	if ((e = params_exec(STMT_DESK_CHUNK, &p, &res)) != DB_OK)
		return e;
	if (PQntuples(res) == 1) {
		raw = PQunescapeBytea((const unsigned char *)PQgetvalue(res, 0, 0),
		    &n);
		if (raw == NULL || n > cap)
			e = DB_ERROR;
		else {
			memcpy(buf, raw, n);
			*len = n;
			*found = 1;
		}
		if (raw != NULL)
			PQfreemem(raw);
	}
	PQclear(res);
	return e;
}

enum db_err
desk_status_insert(int64_t sub_id, const char *status, int64_t staff_id)
{
	struct params	 p = { .n = 0 };

	params_int(&p, sub_id);
	params_text(&p, status);
	params_int(&p, staff_id);
	return params_run(STMT_DESK_STATUS_INSERT, &p);
}

enum db_err
desk_statuses(struct arena *a, int64_t sub_id, struct desk_event **out,
    size_t *n)
{
	struct params	 p = { .n = 0 };
	struct desk_event *ev;
	PGresult	*res;
	enum db_err	 e;
	int		 i, rows;

	*out = NULL;
	*n = 0;
	params_int(&p, sub_id);
	if ((e = params_exec(STMT_DESK_STATUSES, &p, &res)) != DB_OK)
		return e;
	rows = PQntuples(res);
	if ((ev = rows_alloc(a, (size_t)rows, sizeof(*ev))) == NULL)
		e = DB_ERROR;
	for (i = 0; e == DB_OK && i < rows; i++)
		if (c_str(a, res, i, 0, &ev[i].status) == -1 ||
		    c_str(a, res, i, 1, &ev[i].at) == -1)
			e = DB_ERROR;
	PQclear(res);
	if (e == DB_OK) {
		*out = ev;
		*n = (size_t)rows;
	}
	return e;
}

enum db_err
desk_message_insert(int64_t sub_id, int64_t staff_id, struct bytes nonce,
    struct bytes box)
{
	struct params	 p = { .n = 0 };

	params_int(&p, sub_id);
	params_int(&p, staff_id);
	params_bytes(&p, nonce.p, nonce.len);
	params_bytes(&p, box.p, box.len);
	return params_run(STMT_DESK_MESSAGE_INSERT, &p);
}

enum db_err
desk_messages(struct arena *a, int64_t sub_id, struct desk_msg **out,
    size_t *n)
{
	struct params	 p = { .n = 0 };
	struct desk_msg	*m;
	PGresult	*res;
	enum db_err	 e;
	int		 i, rows;

	*out = NULL;
	*n = 0;
	params_int(&p, sub_id);
	if ((e = params_exec(STMT_DESK_MESSAGES, &p, &res)) != DB_OK)
		return e;
	rows = PQntuples(res);
	if ((m = rows_alloc(a, (size_t)rows, sizeof(*m))) == NULL)
		e = DB_ERROR;
	for (i = 0; e == DB_OK && i < rows; i++)
		if (c_str(a, res, i, 0, &m[i].at) == -1 ||
		    c_bytes(a, res, i, 1, &m[i].nonce) == -1 ||
		    c_bytes(a, res, i, 2, &m[i].box) == -1)
			e = DB_ERROR;
	PQclear(res);
	if (e == DB_OK) {
		*out = m;
		*n = (size_t)rows;
	}
	return e;
}

enum db_err
submitter_key_insert(int64_t sub_id, struct bytes sealed, struct bytes nonce,
    struct bytes box)
{
	struct params	 p = { .n = 0 };

	params_int(&p, sub_id);
	params_bytes(&p, sealed.p, sealed.len);
	params_bytes(&p, nonce.p, nonce.len);
	params_bytes(&p, box.p, box.len);
	return params_run(STMT_SUBMITTER_KEY_INSERT, &p);
}

enum db_err
submitter_key_get(struct arena *a, int64_t sub_id, struct bytes *sealed,
    struct bytes *nonce, struct bytes *box, int *found)
{
	struct params	 p = { .n = 0 };
	PGresult	*res;
	enum db_err	 e;

	*found = 0;
	params_int(&p, sub_id);
	if ((e = params_exec(STMT_SUBMITTER_KEY, &p, &res)) != DB_OK)
		return e;
	if (PQntuples(res) == 1) {
		if (c_bytes(a, res, 0, 0, sealed) == -1 ||
		    c_bytes(a, res, 0, 1, nonce) == -1 ||
		    c_bytes(a, res, 0, 2, box) == -1)
			e = DB_ERROR;
		else
			*found = 1;
	}
	PQclear(res);
	return e;
}

enum db_err
followup_by_code(struct arena *a, const unsigned char code_hash[32],
    struct followup_case *c, int *found)
{
	struct params	 p = { .n = 0 };
	PGresult	*res;
	enum db_err	 e;

	*found = 0;
	memset(c, 0, sizeof(*c));
	params_bytes(&p, code_hash, 32);
	if ((e = params_exec(STMT_FOLLOWUP_BY_CODE, &p, &res)) != DB_OK)
		return e;
	if (PQntuples(res) == 1) {
		if (c_int(res, 0, 0, &c->id) == -1 ||
		    c_str(a, res, 0, 1, &c->ref) == -1 ||
		    c_str(a, res, 0, 2, &c->state) == -1 ||
		    c_str(a, res, 0, 3, &c->received) == -1)
			e = DB_ERROR;
		else
			*found = 1;
	}
	PQclear(res);
	return e;
}

enum db_err
code_gate(const unsigned char ah[32], int64_t *failures)
{
	struct params	 p = { .n = 0 };
	PGresult	*res;
	enum db_err	 e;

	*failures = 0;
	params_bytes(&p, ah, 32);
	if ((e = params_exec(STMT_CODE_GATE, &p, &res)) != DB_OK)
		return e;
	if (PQntuples(res) == 1 && c_int(res, 0, 0, failures) == -1)
		e = DB_ERROR;
	PQclear(res);
	return e;
}

enum db_err
code_failed(const unsigned char ah[32])
{
	return by_hash(STMT_CODE_FAILED, ah);
}

enum db_err
code_ok(const unsigned char ah[32])
{
	return by_hash(STMT_CODE_OK, ah);
}
