/*
 * The update forms' shared view and post flow (see desk_progress_view.h).
 */
#include <inttypes.h>
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/num.h"
#include "data/db.h"
#include "data/update.h"
#include "http/csrf.h"
#include "http/request.h"
#include "intake/update.h"
#include "pages/common.h"
#include "pages/desk_progress_view.h"
#include "pages/refview.h"
#include "pages/submit_view.h"
#include "view/i18n.h"
#include "view/view.h"

#define ERR_TOO_LARGE	N_("A file is larger than this form accepts (16 MiB each, 5 files at most). Nothing you typed has been lost: attach smaller files.")

const char *
updv_status_label(const struct req *r, const char *code)
{
	size_t	 i;

	for (i = 0; upd_status_codes[i] != NULL; i++)
		if (strcmp(code, upd_status_codes[i]) == 0)
			return page_tr(r, upd_status_labels[i]);
	return code;
}

int
updv_route_rec(struct req *r, struct upd_rec *rec)
{
	enum db_err	 e;
	int64_t		 id;
	int		 found;

	if (num_parse_i64(r->params[0], strlen(r->params[0]), 1, INT64_MAX,
	    &id) == -1)
		return 404;
	if ((e = upd_rec_get(r->arena, id, rec, &found)) != DB_OK)
		return db_http_status(e);
	return found ? 0 : 404;
}

int
updv_rec(struct req *r, struct view *v, const struct upd_rec *rec)
{
	struct view	*m;

	if ((m = view_set_map(v, "rec")) == NULL ||
	    view_set_int(m, "id", (long long)rec->id) == -1 ||
	    view_set_str(m, "symbol", rec->symbol) == -1 ||
	    view_set_str(m, "paragraph", rec->paragraph) == -1 ||
	    view_set_str(m, "state", rec->state) == -1 ||
	    view_set_str(m, "text", rec->text) == -1 ||
	    rv_set_date(r, m, "issued", rec->issued_on) == -1 ||
	    view_set_str(m, "latest", *rec->latest != '\0' ?
	    updv_status_label(r, rec->latest) : "") == -1)
		return -1;
	return 0;
}

static int
item_files(struct req *r, struct view *it, int64_t update_id, int desk)
{
	struct upd_file	*f;
	struct view	*fv;
	size_t		 n, i;

	if (upd_files(r->arena, update_id, &f, &n) != DB_OK ||
	    view_set_list(it, "files") == -1)
		return -1;
	for (i = 0; i < n; i++)
		if ((fv = view_list_append(it, "files")) == NULL ||
		    view_set_strf(fv, "href", "/%s/%sevidence/%" PRId64,
		    lang_code[r->lang], desk ? "desk/" : "", f[i].id) == -1 ||
		    view_set_str(fv, "type", f[i].media_type) == -1 ||
		    view_set_str(fv, "sha256", f[i].sha256_hex) == -1 ||
		    rv_set_int(r, fv, "size", (long long)f[i].size) == -1)
			return -1;
	return 0;
}

int
updv_items(struct req *r, struct view *v, const char *key,
    const struct upd_item *u, size_t n, int desk)
{
	struct view	*it;
	size_t		 i;

	if (view_set_list(v, key) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if ((it = view_list_append(v, key)) == NULL ||
		    view_set_str(it, "ref", u[i].ref) == -1 ||
		    view_set_str(it, "symbol", u[i].symbol) == -1 ||
		    view_set_str(it, "paragraph", u[i].paragraph) == -1 ||
		    view_set_str(it, "state", u[i].state) == -1 ||
		    view_set_strf(it, "rec_href", "/%s/recommendations/%" PRId64,
		    lang_code[r->lang], u[i].rec_id) == -1 ||
		    view_set_str(it, "status", updv_status_label(r,
		    u[i].status)) == -1 ||
		    view_set_str(it, "explanation", u[i].explanation) == -1 ||
		    view_set_str(it, "organisation", u[i].organisation) == -1 ||
		    view_set_str(it, "at", u[i].at) == -1 ||
		    rv_set_date(r, it, "at_text", u[i].at) == -1 ||
		    (desk && view_set_strf(it, "decide_action",
		    "/%s/desk/assessments/%s", lang_code[r->lang], u[i].ref) ==
		    -1) || item_files(r, it, u[i].id, desk) == -1)
			return -1;
	return 0;
}

/* A fresh one-time token: 24 random bytes in hex. */
static const char *
fresh_token(struct arena *a)
{
	unsigned char	 raw[24];
	char		*hex;

	if ((hex = arena_alloc(a, sizeof(raw) * 2 + 1)) == NULL)
		return NULL;
	randombytes_buf(raw, sizeof(raw));
	return sodium_bin2hex(hex, sizeof(raw) * 2 + 1, raw, sizeof(raw));
}

/* Radio choices {code, id (field-N), label, checked} under field's key. */
static int
choices(struct req *r, struct view *v, const char *key, const char *field,
    const char *const *codes, const char *const *labels, const char *typed)
{
	struct view	*it;
	size_t		 i;

	if (view_set_list(v, key) == -1)
		return -1;
	for (i = 0; codes[i] != NULL; i++)
		if ((it = view_list_append(v, key)) == NULL ||
		    view_set_str(it, "code", codes[i]) == -1 ||
		    view_set_strf(it, "id", "%s-%zu", field, i) == -1 ||
		    view_set_str(it, "label", page_tr(r, labels[i])) == -1 ||
		    view_set_bool(it, "checked", typed != NULL &&
		    strcmp(typed, codes[i]) == 0) == -1)
			return -1;
	return 0;
}

/* The editor's source choice and date (today on a first visit). */
static int
fill_editor(struct req *r, struct view *v, struct view *vals,
    const struct updv_state *st)
{
	const char	*today;

	if (st->uf == NULL && ((today = upd_today(r->arena)) == NULL ||
	    view_set_str(vals, "reported_on", today) == -1))
		return -1;
	return choices(r, v, "sources", "source", upd_editor_sources,
	    upd_editor_source_labels, st->uf != NULL ?
	    form_raw(&st->uf->f, "source") : NULL);
}

/* The typed values and the error beside each field. */
static int
fill_form(struct req *r, struct view *v, const struct updv_page *pg,
    const struct updv_state *st)
{
	static const char *const names[] = { "status", "explanation",
	    "organisation", "reported_on", "source" };
	const struct form_field	*ff;
	struct view		*vals, *errs;
	const char		*typed, *token = st->token;
	size_t			 i;

	if ((vals = view_set_map(v, "v")) == NULL ||
	    (errs = view_set_map(v, "err")) == NULL)
		return -1;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		typed = st->uf != NULL ? form_raw(&st->uf->f, names[i]) : NULL;
		ff = st->uf != NULL ? form_field(&st->uf->f, names[i]) : NULL;
		if (view_set_str(vals, names[i], typed != NULL ? typed : "") ==
		    -1 || (ff != NULL && ff->error != FE_NONE &&
		    view_set_str(errs, names[i], page_tr(r,
		    field_error_msgids[ff->error])) == -1))
			return -1;
	}
	typed = st->uf != NULL ? form_raw(&st->uf->f, "status") : NULL;
	if (choices(r, v, "statuses", "status", upd_status_codes,
	    upd_status_labels, typed) == -1 ||
	    (pg->editor && fill_editor(r, v, vals, st) == -1))
		return -1;
	if (token == NULL && (token = fresh_token(r->arena)) == NULL)
		return -1;
	return view_set_str(v, "form_token", token) == -1 ||
	    view_set_bool(v, "has_errors", (st->uf != NULL &&
	    st->uf->f.nerrors > 0) || st->file_error != NULL) == -1 ||
	    (st->file_error != NULL && view_set_str(v, "file_error",
	    page_tr(r, st->file_error)) == -1) ? -1 : 0;
}

static int
fill_receipt(struct req *r, struct view *v, const struct upd_issued *is)
{
	const char	*l = lang_code[r->lang];

	return view_set_bool(v, "issued", 1) == -1 ||
	    view_set_bool(v, "replayed", is->replayed) == -1 ||
	    view_set_str(v, "ref", is->ref) == -1 ||
	    view_set_str(v, "receipt", is->receipt) == -1 ||
	    view_set_strf(v, "download_action", "/%s/receipt.txt", l) == -1 ||
	    view_set_strf(v, "verify_href", "/%s/verify", l) == -1 ? -1 : 0;
}

int
updv_show(struct req *r, int status, const struct updv_page *pg,
    const struct updv_state *st)
{
	struct view	*v;
	const char	*csrf;

	if ((v = page_view(r)) == NULL || (csrf = csrf_token(r)) == NULL ||
	    view_set_str(v, "csrf", csrf) == -1 ||
	    view_set_bool(v, "public_form", pg->staff_id == 0) == -1 ||
	    updv_rec(r, v, pg->rec) == -1 || pg->fill(r, v, pg->arg) == -1)
		return 500;
	if (st->issued != NULL ? fill_receipt(r, v, st->issued) == -1 :
	    fill_form(r, v, pg, st) == -1)
		return 500;
	return page_render(r, status, pg->tpl, v);
}

static int
again(struct req *r, int status, const struct updv_page *pg,
    struct upd_intake *in, const char *file_error)
{
	struct upd_form	 uf;
	struct updv_state st = { NULL, NULL, file_error, NULL };
	const struct kv	*tok;

	db_rollback();
	in->in_tx = 0;
	/* What was typed before the refusal, shown again. */
	if (upd_validate(in, &uf) <= 1)
		st.uf = &uf;
	if ((tok = kv_find(in->pairs, in->npairs, "form_token")) != NULL &&
	    tok->vallen > 0 && tok->vallen <= 64)
		st.token = tok->val;
	return updv_show(r, status, pg, &st);
}

int
updv_post(struct req *r, const struct updv_page *pg)
{
	struct upd_intake	 in;
	struct upd_form		 uf;
	struct upd_issued	 out;
	struct updv_state	 st = { NULL, NULL, NULL, NULL };
	int			 rc;

	rc = upd_read(r, pg->staff_id, &in);
	in.editor = pg->editor;
	if (in.stop == UPD_TOO_LARGE)
		return again(r, 413, pg, &in, ERR_TOO_LARGE);
	if (in.stop == UPD_FILE_TYPE)
		return again(r, 422, pg, &in, SUBMIT_ERR_FILE_TYPE);
	if (rc != 0)
		return rc;	/* the dispatcher rolls back what is open */
	if ((rc = upd_validate(&in, &uf)) == 1)
		return again(r, 422, pg, &in, NULL);
	if (rc != 0 || (rc = upd_issue(&in, &uf, pg->rec->id, pg->source !=
	    NULL ? pg->source : uf.source, &out)) != 0)
		return rc;
	st.issued = &out;
	return updv_show(r, 200, pg, &st);
}
