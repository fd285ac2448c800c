/*
 * /{lang}/followup: the submitter's return.
 *
 * GET shows a form for the return code; the code is only ever sent in a
 * POST body, never in a URL or a cookie. POST /{lang}/followup checks it
 * (one argon2id whether it is right or wrong, so the answer takes the
 * same time; at most CODE_MAX_FAILURES wrong codes per address in 15
 * minutes, on top of nginx's POST rate) and shows the case: its status
 * timeline, the secretariat's messages (opened with the submitter key
 * that only the code unlocks), what was added, and a form to add more.
 *
 * The code crosses to that form as a hidden field of the page (served
 * no-store, like every dynamic page), not as server-side state: nothing
 * outlives the visit. POST /{lang}/followup/add streams the addition
 * through the same intake as /submit, checks the code again, and issues
 * a follow-up with its own signed receipt whose parent line names the
 * allegation; it enters the transparency log like every receipt. The
 * receipt page shows the allegation's code again (the follow-up's own
 * code is never shown: one code per case). Files of a post with a wrong
 * code were streamed into a transaction that is rolled back.
 */
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/log.h"
#include "data/desk.h"
#include "desk/auth.h"
#include "desk/reader.h"
#include "desk/status.h"
#include "http/body.h"
#include "http/csrf.h"
#include "http/form.h"
#include "http/request.h"
#include "intake/allegation.h"
#include "intake/intake.h"
#include "intake/issue.h"
#include "pages/common.h"
#include "pages/pages.h"
#include "pages/submit_view.h"
#include "trust/code.h"
#include "trust/seal.h"
#include "view/i18n.h"
#include "view/view.h"

#define CODE_MAX_FAILURES	10
#define FOLLOWUP_TOKEN_BYTES	32

#define ERR_CODE	N_("This return code was not recognised. Check it and try again.")
#define ERR_WAIT	N_("Too many wrong codes from here. Wait a quarter of an hour and try again.")
#define ERR_EMPTY	N_("Add some information or at least one file.")

static const struct field_def followup_fields[] = {
	{ "information", FT_TEXT, 0, 0, 0, 0, NULL },
};

struct code_check {
	char			 canon[CODE_CHARS + 1];
	unsigned char		 addr[DESK_HASH_BYTES];
	struct followup_case	 c;
	int			 found;
};

/*
 * Check a typed code: 0 with cc->found set, or a status (429 when this
 * address has had too many wrong codes). Records nothing.
 */
static int
code_lookup(struct req *r, const char *typed, struct code_check *cc)
{
	unsigned char	 hash[CODE_HASH_BYTES];
	int64_t		 failures;
	enum db_err	 e;
	int		 ok;

	memset(cc, 0, sizeof(*cc));
	desk_addr_hash(r, cc->addr);
	if ((e = code_gate(cc->addr, &failures)) != DB_OK)
		return db_http_status(e);
	if (failures >= CODE_MAX_FAILURES)
		return 429;
	ok = typed != NULL && code_normalize(typed, cc->canon) == 0;
	if (!ok) {
		/* The same argon2id as a well-formed code: the same time. */
		memset(cc->canon, '0', CODE_CHARS);
		cc->canon[CODE_CHARS] = '\0';
	}
	if (code_hash(cc->canon, hash) == -1)
		return 500;
	if (ok && (e = followup_by_code(r->arena, hash, &cc->c, &cc->found)) !=
	    DB_OK)
		return db_http_status(e);
	return 0;
}

static int
code_record(const struct code_check *cc)
{
	enum db_err	 e;

	e = cc->found ? code_ok(cc->addr) : code_failed(cc->addr);
	return e == DB_OK ? 0 : db_http_status(e);
}

/* The canonical code in its groups of four, as the receipt showed it. */
static void
grouped(const char canon[CODE_CHARS + 1], char out[CODE_TEXT_BYTES])
{
	size_t	 i, j = 0;

	for (i = 0; i < CODE_CHARS; i++) {
		if (i > 0 && i % 4 == 0)
			out[j++] = '-';
		out[j++] = canon[i];
	}
	out[j] = '\0';
}

static const char *
new_token(struct arena *a)
{
	unsigned char	 raw[FOLLOWUP_TOKEN_BYTES];
	size_t		 len = sodium_base64_ENCODED_LEN(FOLLOWUP_TOKEN_BYTES,
			    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char		*out;

	if ((out = arena_alloc(a, len)) == NULL)
		return NULL;
	randombytes_buf(raw, sizeof(raw));
	return sodium_bin2base64(out, len, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static struct view *
base_view(struct req *r, const char *error)
{
	struct view	*v;
	const char	*csrf;

	if ((v = page_view(r)) == NULL || (csrf = csrf_token(r)) == NULL ||
	    view_set_str(v, "csrf", csrf) == -1 ||
	    view_set_strf(v, "action", "/%s/followup", lang_code[r->lang]) ==
	    -1 || (error != NULL &&
	    view_set_str(v, "error", page_tr(r, error)) == -1))
		return NULL;
	return v;
}

static int
show_form(struct req *r, int status, const char *error)
{
	struct view	*v;

	if ((v = base_view(r, error)) == NULL)
		return 500;
	return page_render(r, status, "followup", v);
}

static int
fill_timeline(struct req *r, struct view *v, const struct followup_case *c)
{
	struct desk_event	*ev;
	struct desk_child	*ch;
	struct view		*it;
	enum desk_status	 st;
	size_t			 n, i;

	if (view_set_list(v, "events") == -1 ||
	    (it = view_list_append(v, "events")) == NULL ||
	    view_set_str(it, "label", page_tr(r, N_("Received"))) == -1 ||
	    view_set_str(it, "at", c->received) == -1)
		return -1;
	if (desk_statuses(r->arena, c->id, &ev, &n) != DB_OK)
		return -1;
	for (i = 0; i < n; i++) {
		if ((st = desk_status_parse(ev[i].status)) == STATUS__MAX)
			continue;
		if ((it = view_list_append(v, "events")) == NULL ||
		    view_set_str(it, "label", page_tr(r,
		    desk_status_public[st])) == -1 ||
		    view_set_str(it, "at", ev[i].at) == -1)
			return -1;
	}
	if (desk_children(r->arena, c->id, &ch, &n) != DB_OK ||
	    view_set_list(v, "children") == -1)
		return -1;
	for (i = 0; i < n; i++)
		if ((it = view_list_append(v, "children")) == NULL ||
		    view_set_str(it, "ref", ch[i].ref) == -1 ||
		    view_set_str(it, "received", ch[i].received) == -1)
			return -1;
	return 0;
}

static int
fill_messages(struct req *r, struct view *v, const struct code_check *cc)
{
	struct shown_msg	*m;
	struct view		*it;
	unsigned char		*key;
	size_t			 n, i;
	int			 rc;

	if (view_set_list(v, "messages") == -1)
		return -1;
	if ((rc = reader_submitter_key_code(r->arena, cc->c.id, cc->canon,
	    &key)) != 0)
		return rc == 1 ? 0 : -1;
	rc = reader_messages(r->arena, cc->c.id, key, &m, &n);
	seal_free_key(key);
	if (rc != 0)
		return -1;
	for (i = 0; i < n; i++)
		if ((it = view_list_append(v, "messages")) == NULL ||
		    view_set_str(it, "at", m[i].at) == -1 ||
		    view_set_str(it, "text", m[i].text) == -1)
			return -1;
	return 0;
}

static int
show_case(struct req *r, int status, const struct code_check *cc,
    const char *error)
{
	struct view	*v;
	const char	*token;
	char		 code[CODE_TEXT_BYTES], *copy;
	int		 rc;

	/* The view keeps pointers: the code goes to the request's arena. */
	grouped(cc->canon, code);
	copy = arena_strdup(r->arena, code);
	sodium_memzero(code, sizeof(code));
	if (copy == NULL || (v = base_view(r, error)) == NULL ||
	    (token = new_token(r->arena)) == NULL ||
	    view_set_bool(v, "case", 1) == -1 ||
	    view_set_str(v, "ref", cc->c.ref) == -1 ||
	    view_set_str(v, "code", copy) == -1 ||
	    view_set_str(v, "form_token", token) == -1 ||
	    view_set_strf(v, "add_action", "/%s/followup/add",
	    lang_code[r->lang]) == -1 ||
	    fill_timeline(r, v, &cc->c) == -1 || fill_messages(r, v, cc) == -1)
		return 500;
	rc = page_render(r, status, "followup", v);
	sodium_memzero(copy, strlen(copy));
	return rc;
}

int
page_followup_get(struct req *r)
{
	return show_form(r, 200, NULL);
}

int
page_followup_post(struct req *r)
{
	struct code_check	 cc;
	const struct kv		*kv;
	struct kv		*pairs;
	size_t			 n;
	int			 rc;

	if ((rc = body_urlencoded(r, &pairs, &n)) != 0)
		return rc;
	kv = kv_find(pairs, n, CSRF_FIELD);
	if (csrf_check(r, kv != NULL ? kv->val : NULL) == CSRF_REFUSED)
		return 403;
	kv = kv_find(pairs, n, "code");
	rc = code_lookup(r, kv != NULL ? kv->val : NULL, &cc);
	if (rc == 429)
		return show_form(r, 429, ERR_WAIT);
	if (rc != 0 || (rc = code_record(&cc)) != 0)
		goto out;
	if (!cc.found) {
		log_event(LOG_INFO, "followup.code", "result=wrong");
		rc = show_form(r, 422, ERR_CODE);
		goto out;
	}
	rc = show_case(r, 200, &cc, NULL);
out:
	sodium_memzero(&cc, sizeof(cc));
	return rc;
}

/* Issue the follow-up; the intake's transaction is open. */
static int
add(struct req *r, struct intake *in, const struct code_check *cc)
{
	struct issue_in	 is;
	struct issued	 out;
	struct form	 f;
	const char	*info;
	int		 rc;

	if (in->stop == INTAKE_DUPLICATE) {
		if ((rc = issue_replay(in, &out)) != 0)
			return rc == 404 ? 409 : rc;
		grouped(cc->canon, out.code);
		return submit_receipt_page(r, &out);
	}
	if (in->stop == INTAKE_FILE_TYPE) {
		db_rollback();
		return show_case(r, 422, cc, SUBMIT_ERR_FILE_TYPE);
	}
	switch (form_validate(r->arena, followup_fields,
	    sizeof(followup_fields) / sizeof(followup_fields[0]), in->pairs,
	    in->npairs, &f)) {
	case FORM_BAD:
		return 400;
	case FORM_NOMEM:
		return 500;
	case FORM_INVALID:
		db_rollback();
		return show_case(r, 422, cc, ERR_EMPTY);
	case FORM_OK:
		break;
	}
	info = form_value(&f, "information");
	if ((info == NULL || *info == '\0') && in->nfiles == 0) {
		db_rollback();
		return show_case(r, 422, cc, ERR_EMPTY);
	}
	memset(&is, 0, sizeof(is));
	is.kind = "followup";
	is.ref_prefix = 'F';
	if ((is.content = content_canonical(r->arena, &f, in,
	    &is.content_len)) == NULL)
		return 500;
	is.state = *cc->c.state != '\0' ? cc->c.state : NULL;
	is.consent_government = is.consent_public = -1;
	is.parent_id = cc->c.id;
	is.parent_ref = cc->c.ref;
	if ((rc = issue(in, &is, &out)) != 0)
		return rc;
	grouped(cc->canon, out.code);
	return submit_receipt_page(r, &out);
}

int
page_followup_add(struct req *r)
{
	struct code_check	 cc;
	struct intake		 in;
	const struct kv		*kv;
	int			 rc;

	rc = intake_read(r, &in);
	if (rc != 0) {
		db_rollback();
		return rc;
	}
	kv = kv_find(in.pairs, in.npairs, "code");
	if ((rc = code_lookup(r, kv != NULL ? kv->val : NULL, &cc)) != 0) {
		db_rollback();
		return rc == 429 ? show_form(r, 429, ERR_WAIT) : rc;
	}
	if (!cc.found) {
		/* Nothing of this post is kept, files included. */
		db_rollback();
		in.in_tx = 0;
		if ((rc = code_record(&cc)) == 0)
			rc = show_form(r, 422, ERR_CODE);
		goto out;
	}
	rc = add(r, &in, &cc);
out:
	sodium_memzero(&cc, sizeof(cc));
	return rc;
}
