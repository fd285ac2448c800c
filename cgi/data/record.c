/*
 * The editor's rows (see record.h). Reads copy every cell into the
 * arena as text; writes go through the statement table with text
 * parameters, most of them the statements `portal import` uses too.
 */
#include <inttypes.h>
#include <stdio.h>

#include "core/arena.h"
#include "data/params.h"
#include "data/record.h"
#include "data/rows.h"
#include "data/update.h"

const char *
rec_cell(const struct rec_table *t, int row, int col)
{
	if (row < 0 || row >= t->nrows || col < 0 || col >= t->ncols)
		return "";
	return t->cell[row * t->ncols + col];
}

static enum db_err
table(struct arena *a, enum stmt s, struct params *p, struct rec_table *t)
{
	struct rows	 rs;
	enum db_err	 e;
	int		 i, j;

	t->nrows = t->ncols = 0;
	if ((e = rows_run(&rs, a, s, p->v, p->n)) != DB_OK)
		return e;
	t->nrows = PQntuples(rs.res);
	t->ncols = PQnfields(rs.res);
	if ((t->cell = rows_alloc(&rs, t->nrows * t->ncols,
	    sizeof(*t->cell))) != NULL)
		for (i = 0; i < t->nrows; i++)
			for (j = 0; j < t->ncols; j++)
				t->cell[i * t->ncols + j] = rows_col(&rs, i, j);
	if ((e = rows_end(&rs)) != DB_OK)
		t->nrows = 0;
	return e;
}

enum db_err
rec_delay_days(struct arena *a, long long *days)
{
	struct params	 p = { .n = 0 };
	struct rec_table t;
	enum db_err	 e;

	*days = 60;
	if ((e = table(a, STMT_REC_DELAY, &p, &t)) == DB_OK && t.nrows == 1)
		(void)sscanf(rec_cell(&t, 0, 0), "%lld", days);
	return e;
}

enum db_err
rec_list(struct arena *a, enum rec_list which, struct rec_table *t)
{
	static const enum stmt stmts[REC_LIST__MAX] = {
		[REC_COMMS] = STMT_REC_COMMS,
		[REC_VISITS] = STMT_REC_VISITS,
		[REC_RECS] = STMT_REC_RECS,
		[REC_INVITATIONS] = STMT_REC_INVITATIONS,
	};
	struct params	 p = { .n = 0 };

	if (which != REC_INVITATIONS)
		params_int(&p, REC_LIST_MAX);
	return table(a, stmts[which], &p, t);
}

enum db_err
rec_get(struct arena *a, enum rec_get which, int64_t id, struct rec_table *t)
{
	static const enum stmt stmts[REC_GET__MAX] = {
		[REC_COMM] = STMT_REC_COMM,
		[REC_REPLIES] = STMT_REC_REPLIES,
		[REC_VISIT] = STMT_REC_VISIT,
		[REC_VISIT_HISTORY] = STMT_REC_VISIT_HISTORY,
		[REC_REC] = STMT_REC_REC,
		[REC_UPDATES] = STMT_REC_UPDATES,
	};
	struct params	 p = { .n = 0 };

	params_int(&p, id);
	return table(a, stmts[which], &p, t);
}

static enum db_err
known(enum stmt s, const char *key, int *found)
{
	const char	*p[1] = { key };
	PGresult	*res;
	enum db_err	 e;

	*found = 0;
	if ((e = db_exec(s, p, 1, &res)) != DB_OK)
		return e;
	*found = PQntuples(res) == 1;
	PQclear(res);
	return DB_OK;
}

enum db_err
rec_state_known(const char *iso3, int *found)
{
	return known(STMT_STATE_EXISTS, iso3, found);
}

enum db_err
rec_mandate_known(const char *slug, int *found)
{
	return known(STMT_MON_MANDATE_KNOWN, slug, found);
}

enum db_err
rec_submission_known(const char *ref, int *found)
{
	return known(STMT_REC_SUB_EXISTS, ref, found);
}

/* Run s and read the id it returns. */
static enum db_err
insert_id(enum stmt s, struct params *p, int64_t *id)
{
	PGresult	*res;
	enum db_err	 e;

	if ((e = params_exec(s, p, &res)) != DB_OK)
		return e;
	if (PQntuples(res) != 1 || sscanf(PQgetvalue(res, 0, 0), "%" SCNd64,
	    id) != 1)
		e = DB_ERROR;
	PQclear(res);
	return e;
}

/* The import's statement takes ';'-separated mandates. */
static const char *
semicolons(char *s)
{
	char	*c;

	for (c = s; *c != '\0'; c++)
		if (*c == ' ')
			*c = ';';
	return s;
}

enum db_err
rec_comm_insert(const struct rec_comm_in *c, int64_t *id)
{
	struct params	 p = { .n = 0 };
	char		 mandates[4096];	/* 30 slugs of at most 100 bytes */
	enum db_err	 e;

	params_text(&p, c->ref);
	params_text(&p, c->type);
	params_text(&p, c->sent);
	params_text(&p, c->state);
	params_text(&p, c->addressee);
	params_text(&p, c->summary);
	params_text(&p, c->slang);
	params_text(&p, "");		/* public_after: the trigger's */
	if ((e = insert_id(STMT_MON_COMM_INSERT, &p, id)) != DB_OK)
		return e;
	if (snprintf(mandates, sizeof(mandates), "%s", c->mandates) >=
	    (int)sizeof(mandates))
		return DB_ERROR;
	p.n = 0;
	params_int(&p, *id);
	params_text(&p, semicolons(mandates));
	if (*mandates != '\0' &&
	    (e = params_run(STMT_MON_COMM_MANDATE_INSERT, &p)) != DB_OK)
		return e;
	p.n = 0;
	params_int(&p, *id);
	params_text(&p, c->submissions);
	if (*c->submissions != '\0')
		e = params_run(STMT_REC_COMM_SUBS_INSERT, &p);
	return e;
}

enum db_err
rec_reply_insert(int64_t comm, const char *received, int conf,
    const char *classification, const char *summary)
{
	struct params	 p = { .n = 0 };

	params_int(&p, comm);
	params_text(&p, received);
	params_text(&p, conf ? "true" : "false");
	params_text(&p, classification);
	params_text(&p, summary);
	return params_run(STMT_MON_REPLY_INSERT, &p);
}

static void
visit_params(struct params *p, const struct rec_visit_in *v)
{
	params_text(p, v->status);
	params_text(p, v->start);
	params_text(p, v->end);
	params_text(p, v->report);
}

enum db_err
rec_visit_insert(const struct rec_visit_in *v, int64_t *id)
{
	struct params	 p = { .n = 0 };

	params_text(&p, v->mandate);
	params_text(&p, v->state);
	params_text(&p, v->requested);
	visit_params(&p, v);
	return insert_id(STMT_REC_VISIT_INSERT, &p, id);
}

enum db_err
rec_visit_update(int64_t id, const struct rec_visit_in *v)
{
	struct params	 p = { .n = 0 };

	params_int(&p, id);
	visit_params(&p, v);
	return params_run(STMT_MON_VISIT_UPDATE, &p);
}

enum db_err
rec_invitation_set(const char *state, const char *since)
{
	struct params	 p = { .n = 0 };

	params_text(&p, state);
	params_text(&p, since);
	return params_run(STMT_REC_INVITATION_SET, &p);
}

enum db_err
rec_rec_insert(const struct rec_rec_in *r, int64_t *id)
{
	struct params	 p = { .n = 0 };

	params_text(&p, r->symbol);
	params_text(&p, r->para);
	params_text(&p, r->visit);
	params_text(&p, r->state);
	params_text(&p, r->mandate);
	params_text(&p, r->issued);
	params_text(&p, r->text);
	params_text(&p, r->lang);
	params_text(&p, r->themes);
	params_text(&p, r->groups);
	return insert_id(STMT_REC_REC_INSERT, &p, id);
}

/*
 * An editor's update through the intake (intake/update_issue.c): its
 * date chosen, its receipt and token, published at once, added by staff.
 */
enum db_err
rec_update_issued(const struct upd_row *u, const char *reported_on)
{
	struct params	 p = { .n = 0 };

	params_int(&p, u->id);
	params_int(&p, u->rec_id);
	params_text(&p, reported_on);
	params_text(&p, u->status);
	params_text(&p, u->source);
	params_text(&p, u->explanation);
	params_text(&p, u->ref);
	params_text(&p, u->receipt);
	params_bytes(&p, u->receipt_hash.p, u->receipt_hash.len);
	params_int(&p, u->staff_id);
	if (u->token_hash.len == 32)
		params_bytes(&p, u->token_hash.p, 32);
	else
		params_text(&p, NULL);
	return params_run(STMT_REC_UPDATE_ISSUED, &p);
}
