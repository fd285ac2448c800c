/*
 * The editor's forms (see record_form.h). Typed values go back into the
 * view as data, never markup: the template engine escapes them.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/num.h"
#include "data/audit.h"
#include "data/reference.h"
#include "desk/record_form.h"
#include "http/body.h"
#include "http/csrf.h"
#include "http/request.h"
#include "http/response.h"
#include "pages/common.h"
#include "pages/desk_view.h"
#include "view/i18n.h"
#include "view/lang.h"
#include "view/view.h"

/* Editors and admins record; reviewers and focal points do not. */
static int
may_record(const struct desk_session *s)
{
	return strcmp(s->role, "editor") == 0 || strcmp(s->role, "admin") == 0;
}

/* 0 for an editor or admin; -1 answered (to the login page); a status. */
static int
guard(struct req *r, struct desk_session *s)
{
	int	 rc;

	/* desk_guard's 404 is for a focal point: here a role refused. */
	if ((rc = desk_guard(r, s)) != 0)
		return rc == 404 ? 403 : rc;
	if (!may_record(s)) {
		desk_session_free(s);
		return 403;
	}
	return 0;
}

/* Body, CSRF, then the declared fields. 0 or a status. */
static int
read_post(struct req *r, const struct field_def *defs, size_t n,
    struct rform *rf)
{
	const struct kv	*csrf;
	struct kv	*pairs;
	size_t		 np;
	int		 rc;

	if ((rc = body_urlencoded(r, &pairs, &np)) != 0)
		return rc;
	csrf = kv_find(pairs, np, CSRF_FIELD);
	if (csrf_check(r, csrf != NULL ? csrf->val : NULL) != CSRF_OK)
		return 403;
	switch (form_validate(r->arena, defs, n, pairs, np, &rf->f)) {
	case FORM_BAD:
		return 400;
	case FORM_NOMEM:
		return 500;
	default:
		break;
	}
	rf->posted = 1;
	return 0;
}

/* v.NAME as typed, err.NAME for the fields the validator refused. */
static int
fill_typed(struct req *r, struct rform *rf)
{
	const struct form_field	*ff;
	size_t			 i;

	for (i = 0; i < rf->f.nfields; i++) {
		ff = &rf->f.fields[i];
		if (ff->nvalues > 0 && view_set_str(rf->vals, ff->def->name,
		    ff->values[0].raw) == -1)
			return -1;
		if (ff->error != FE_NONE && rform_error(r, rf, ff->def->name,
		    field_error_msgids[ff->error]) == -1)
			return -1;
	}
	return 0;
}

int
rform_nav(struct req *r, struct view *v, const struct desk_session *s)
{
	static const char *const keys[] = { "comms", "visits",
	    "invitations", "recs" };
	static const char *const paths[] = { "communications", "visits",
	    "invitations", "recommendations" };
	struct view	*m;
	size_t		 i;

	if (!may_record(s))
		return 0;
	if ((m = view_set_map(v, "rec_nav")) == NULL)
		return -1;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (view_set_strf(m, keys[i], "/%s/desk/%s", lang_code[r->lang],
		    paths[i]) == -1)
			return -1;
	return 0;
}

int
rform_open(struct req *r, const struct field_def *defs, size_t n, int post,
    struct rform *rf)
{
	int	 rc;

	memset(rf, 0, sizeof(*rf));
	if (post && (rc = read_post(r, defs, n, rf)) != 0)
		return rc;
	if ((rc = guard(r, &rf->s)) != 0)
		return rc;
	if ((rf->v = page_view(r)) == NULL ||
	    desk_view_common(r, rf->v, &rf->s) == -1 ||
	    (rf->vals = view_set_map(rf->v, "v")) == NULL ||
	    (rf->errs = view_set_map(rf->v, "err")) == NULL ||
	    (post && fill_typed(r, rf) == -1)) {
		desk_session_free(&rf->s);
		return 500;
	}
	return 0;
}

void
rform_done(struct rform *rf)
{
	desk_session_free(&rf->s);
}

const char *
rform_val(const struct rform *rf, const char *name)
{
	const char	*v;

	if (!rf->posted || (v = form_value(&rf->f, name)) == NULL)
		return "";
	return v;
}

int
rform_error(struct req *r, struct rform *rf, const char *name,
    const char *msgid)
{
	rf->nerrors++;
	if (view_set_str(rf->errs, name, page_tr(r, msgid)) == -1 ||
	    view_set_bool(rf->v, "has_errors", 1) == -1)
		return -1;
	return 0;
}

int
rform_default(struct rform *rf, const char *name, const char *value)
{
	return view_set_str(rf->vals, name, value);
}

/* Is code one of the values typed for field? */
static int
chosen(const struct rform *rf, const char *field, const char *code)
{
	const struct form_field	*ff;
	const char		*dflt;
	size_t			 i;

	if (!rf->posted)	/* first display: the default, if any */
		return (dflt = view_get_str(rf->vals, field)) != NULL &&
		    strcmp(dflt, code) == 0;
	if ((ff = form_field(&rf->f, field)) == NULL)
		return 0;
	for (i = 0; i < ff->nvalues; i++)
		if (strcmp(ff->values[i].raw, code) == 0)
			return 1;
	return 0;
}

int
rform_item(struct rform *rf, const char *key, const char *field,
    const char *code, const char *name)
{
	struct view	*it;

	if ((it = view_list_append(rf->v, key)) == NULL ||
	    view_set_str(it, "code", code) == -1 ||
	    view_set_str(it, "name", name != NULL ? name : code) == -1 ||
	    view_set_bool(it, "selected", chosen(rf, field, code)) == -1)
		return -1;
	return 0;
}

static int
ref_list(struct req *r, struct rform *rf, const char *key, const char *field,
    enum db_err (*get)(struct arena *, enum lang, struct ref_item **,
    size_t *))
{
	struct ref_item	*items;
	size_t		 n, i;

	if (get(r->arena, r->lang, &items, &n) != DB_OK ||
	    view_set_list(rf->v, key) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (rform_item(rf, key, field, items[i].code,
		    items[i].name) == -1)
			return -1;
	return 0;
}

int
rform_states(struct req *r, struct rform *rf, const char *key,
    const char *field)
{
	return ref_list(r, rf, key, field, ref_states);
}

int
rform_mandates(struct req *r, struct rform *rf, const char *key,
    const char *field)
{
	return ref_list(r, rf, key, field, ref_mandates);
}

int
rform_codes(struct req *r, struct rform *rf, const char *key,
    const char *field, const char *const *codes,
    const char *(*label)(struct req *, const char *))
{
	if (view_set_list(rf->v, key) == -1)
		return -1;
	for (; *codes != NULL; codes++)
		if (rform_item(rf, key, field, *codes, label(r, *codes)) == -1)
			return -1;
	return 0;
}

int
rform_langs(struct req *r, struct rform *rf, const char *key,
    const char *field)
{
	int	 i;

	(void)r;
	if (view_set_list(rf->v, key) == -1)
		return -1;
	for (i = 0; i < LANG__MAX; i++)
		if (rform_item(rf, key, field, lang_code[i], lang_name[i]) == -1)
			return -1;
	return 0;
}

static int
cells(struct view *it, const struct rec_table *t, int i,
    const char *const *cols)
{
	int	 j;

	for (j = 0; j < t->ncols && cols[j] != NULL; j++)
		if (*cols[j] != '\0' &&
		    view_set_str(it, cols[j], rec_cell(t, i, j)) == -1)
			return -1;
	return 0;
}

struct view *
rform_row(struct view *v, const char *key, const struct rec_table *t, int i,
    const char *const *cols)
{
	struct view	*it;

	if ((it = view_list_append(v, key)) == NULL ||
	    cells(it, t, i, cols) == -1)
		return NULL;
	return it;
}

struct view *
rform_map(struct view *v, const char *key, const struct rec_table *t,
    const char *const *cols)
{
	struct view	*it;

	if ((it = view_set_map(v, key)) == NULL || cells(it, t, 0, cols) == -1)
		return NULL;
	return it;
}

int
rform_id(const struct req *r, int64_t *id)
{
	const char	*s = r->params[0];

	return s == NULL ? -1 : num_parse_i64(s, strlen(s), 1, INT64_MAX, id);
}

int
rform_commit(const char *action, const char *kind, int64_t id,
    int64_t staff_id)
{
	char		 object[64];

	(void)snprintf(object, sizeof(object), "%s %lld", kind, (long long)id);
	return rform_commit_object(action, object, staff_id);
}

int
rform_commit_object(const char *action, const char *object,
    int64_t staff_id)
{
	enum db_err	 e;

	if ((e = audit_append(action, object, staff_id)) != DB_OK ||
	    (e = db_commit()) != DB_OK) {
		db_rollback();
		return db_http_status(e);
	}
	return 0;
}

int
rform_get(struct req *r, const struct field_def *defs, size_t n,
    rform_show_fn show)
{
	struct rform	 rf;
	int		 rc;

	if ((rc = rform_open(r, defs, n, 0, &rf)) != 0)
		return rc < 0 ? 0 : rc;
	return show(r, &rf, 200);
}

int
rform_show_one(struct req *r, struct rform *rf, int64_t id, rform_fill_fn fill,
    const char *tpl, int status)
{
	int	 rc;

	if ((rc = fill(r, rf, id)) != 0)
		rc = rc == 404 ? 404 : 500;
	else
		rc = page_render(r, status, tpl, rf->v);
	rform_done(rf);
	return rc;
}

int
rform_get_one(struct req *r, const struct field_def *defs, size_t n,
    rform_fill_fn fill, const char *tpl)
{
	struct rform	 rf;
	int64_t		 id;
	int		 rc;

	if ((rc = rform_open(r, defs, n, 0, &rf)) != 0)
		return rc < 0 ? 0 : rc;
	if (rform_id(r, &id) == -1) {
		rform_done(&rf);
		return 404;
	}
	return rform_show_one(r, &rf, id, fill, tpl, 200);
}

int
rform_post_one(struct req *r, const struct field_def *defs, size_t n,
    enum rec_get which, struct rform *rf, int64_t *id, struct rec_table *t)
{
	enum db_err	 e;
	int		 rc;

	if ((rc = rform_open(r, defs, n, 1, rf)) != 0)
		return rc;
	if (rform_id(r, id) == -1)
		rc = 404;
	else if ((e = rec_get(r->arena, which, *id, t)) != DB_OK)
		rc = db_http_status(e);
	else if (t->nrows != 1)
		rc = 404;
	if (rc != 0)
		rform_done(rf);
	return rc;
}

int
rform_finish(struct req *r, struct rform *rf, const char *action,
    const char *kind, const char *path, int64_t id)
{
	int	 rc;

	rc = rform_commit(action, kind, id, rf->s.staff_id);
	rform_done(rf);
	if (rc != 0)
		return rc;
	return rform_redirect(r, arena_printf(r->arena, "%s/%lld", path,
	    (long long)id));
}

int
rform_failed(struct req *r, struct rform *rf, enum db_err e,
    const char *field, const char *msgid)
{
	db_rollback();
	if (e == DB_CONFLICT && rform_error(r, rf, field, msgid) == 0)
		return 0;
	rform_done(rf);
	return e == DB_CONFLICT ? 500 : db_http_status(e);
}

int
rform_redirect(struct req *r, const char *path)
{
	char	*to;

	if (path == NULL || (to = arena_printf(r->arena, "/%s/desk/%s",
	    lang_code[r->lang], path)) == NULL)
		return 500;
	(void)resp_redirect(r, 303, to);
	return 0;
}
