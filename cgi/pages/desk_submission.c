/*
 * /{lang}/desk/submissions/{ref}: one submission read decrypted (its
 * content, files, follow-ups, triage history, messages to the submitter),
 * and the two POSTs that act on it: .../status (a triage status event)
 * and .../message (a message sealed under the submitter key).
 *
 * Opening a submission and every action is recorded in the audit chain
 * (reference only, never content). The secretariat's key is unwrapped
 * for this request only and wiped before the response is written.
 */
#include <inttypes.h>
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/log.h"
#include "data/audit.h"
#include "data/desk.h"
#include "desk/auth.h"
#include "desk/reader.h"
#include "desk/status.h"
#include "http/body.h"
#include "http/csrf.h"
#include "http/request.h"
#include "http/response.h"
#include "pages/common.h"
#include "pages/desk_view.h"
#include "pages/pages.h"
#include "trust/seal.h"
#include "view/i18n.h"
#include "view/view.h"

#define MESSAGE_MAX_BYTES	(16u * 1024u)

/* References are "A-2026-000042": refuse anything else before the database. */
static int
ref_ok(const char *ref)
{
	size_t	 len = strlen(ref);

	return len >= 13 && len < 32 && (ref[0] == 'A' || ref[0] == 'F') &&
	    ref[1] == '-' && strspn(ref + 2, "0123456789-") == len - 2;
}

static int
fill_content(struct req *r, struct view *v, const struct desk_sub *sub,
    const unsigned char *sk)
{
	struct content_field	*f;
	struct view		*it;
	size_t			 n, i;

	if (reader_body(r->arena, sub, sk, &f, &n) == -1) {
		log_event(LOG_ERROR, "desk.unseal", "what=body");
		return view_set_bool(v, "unreadable", 1);
	}
	if (view_set_list(v, "fields") == -1)
		return -1;
	for (i = 0; i < n; i++)
		if ((it = view_list_append(v, "fields")) == NULL ||
		    view_set_str(it, "name", f[i].name) == -1 ||
		    view_set_str(it, "value", f[i].value) == -1)
			return -1;
	return 0;
}

static int
fill_files(struct req *r, struct view *v, const struct desk_sub *sub,
    const unsigned char *sk)
{
	struct desk_file	*f;
	struct view		*it;
	const char		*name, *type;
	size_t			 n, i;

	if (desk_files(r->arena, sub->id, &f, &n) != DB_OK ||
	    view_set_list(v, "files") == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (reader_file_meta(r->arena, &f[i], sk, &name, &type) == -1) {
			name = "?";
			type = "?";
		}
		if ((it = view_list_append(v, "files")) == NULL ||
		    view_set_strf(it, "href", "/%s/desk/files/%" PRId64,
		    lang_code[r->lang], f[i].id) == -1 ||
		    view_set_str(it, "name", name) == -1 ||
		    view_set_str(it, "type", type) == -1 ||
		    view_set_int(it, "size", (long long)f[i].size) == -1 ||
		    view_set_str(it, "received", f[i].received) == -1)
			return -1;
	}
	return 0;
}

static int
fill_history(struct req *r, struct view *v, const struct desk_sub *sub,
    const unsigned char *sk)
{
	struct desk_child	*c;
	struct desk_event	*ev;
	struct shown_msg	*m;
	struct view		*it;
	unsigned char		*key = NULL;
	enum desk_status	 st;
	size_t			 n, i;
	int			 rc;

	if (desk_children(r->arena, sub->id, &c, &n) != DB_OK ||
	    view_set_list(v, "children") == -1)
		return -1;
	for (i = 0; i < n; i++)
		if ((it = view_list_append(v, "children")) == NULL ||
		    view_set_str(it, "ref", c[i].ref) == -1 ||
		    view_set_strf(it, "href", "/%s/desk/submissions/%s",
		    lang_code[r->lang], c[i].ref) == -1 ||
		    view_set_str(it, "received", c[i].received) == -1)
			return -1;
	if (desk_statuses(r->arena, sub->id, &ev, &n) != DB_OK ||
	    view_set_list(v, "events") == -1)
		return -1;
	for (i = 0; i < n; i++) {
		st = desk_status_parse(ev[i].status);
		if (st == STATUS__MAX ||
		    (it = view_list_append(v, "events")) == NULL ||
		    view_set_str(it, "label", page_tr(r,
		    desk_status_label[st])) == -1 ||
		    view_set_str(it, "at", ev[i].at) == -1)
			return -1;
	}
	if (view_set_list(v, "statuses") == -1)
		return -1;
	for (i = 0; i < STATUS__MAX; i++)
		if ((it = view_list_append(v, "statuses")) == NULL ||
		    view_set_str(it, "code", desk_status_code[i]) == -1 ||
		    view_set_str(it, "label", page_tr(r,
		    desk_status_label[i])) == -1)
			return -1;
	/* Messages: only allegations issued with a submitter key have them. */
	if ((rc = reader_submitter_key(r->arena, sub->id, sk, &key)) != 0)
		return rc == 1 ? 0 : -1;
	rc = reader_messages(r->arena, sub->id, key, &m, &n);
	seal_free_key(key);
	if (rc != 0 || view_set_bool(v, "can_message", 1) == -1 ||
	    view_set_list(v, "messages") == -1)
		return -1;
	for (i = 0; i < n; i++)
		if ((it = view_list_append(v, "messages")) == NULL ||
		    view_set_str(it, "at", m[i].at) == -1 ||
		    view_set_str(it, "text", m[i].text) == -1)
			return -1;
	return 0;
}

static int
fill_head(struct req *r, struct view *v, const struct desk_sub *sub)
{
	const char	*l = lang_code[r->lang];

	return view_set_str(v, "ref", sub->ref) == -1 ||
	    view_set_str(v, "kind", sub->kind) == -1 ||
	    view_set_str(v, "state", sub->state) == -1 ||
	    view_set_str(v, "received", sub->received) == -1 ||
	    view_set_str(v, "parent_ref", sub->parent_ref) == -1 ||
	    view_set_strf(v, "parent_href", "/%s/desk/submissions/%s", l,
	    sub->parent_ref) == -1 ||
	    view_set_strf(v, "status_action", "/%s/desk/submissions/%s/status",
	    l, sub->ref) == -1 ||
	    view_set_strf(v, "message_action",
	    "/%s/desk/submissions/%s/message", l, sub->ref) == -1 ? -1 : 0;
}

/* The submission named by the route, for a review role. 0, -1 answered, status. */
static int
load(struct req *r, struct desk_session *s, struct desk_sub *sub)
{
	enum db_err	 e;
	int		 rc, found;

	if ((rc = desk_guard(r, s)) != 0)
		return rc;
	if (!ref_ok(r->params[0]))
		rc = 404;
	else if ((e = desk_sub_by_ref(r->arena, r->params[0], sub, &found)) !=
	    DB_OK)
		rc = db_http_status(e);
	else if (!found)
		rc = 404;
	if (rc != 0)
		desk_session_free(s);
	return rc;
}

int
page_desk_submission(struct req *r)
{
	struct desk_session	 s;
	struct desk_sub		 sub;
	struct view		*v;
	unsigned char		*sk = NULL;
	char			*object;
	int			 rc;

	if ((rc = load(r, &s, &sub)) != 0)
		return rc < 0 ? 0 : rc;
	rc = 500;
	if ((object = arena_printf(r->arena, "submission %s", sub.ref)) ==
	    NULL)
		goto out;
	if ((rc = desk_audit("submission.open", object, s.staff_id)) != 0)
		goto out;
	rc = 500;
	if ((sk = desk_unlock(&s)) == NULL) {
		log_event(LOG_ERROR, "desk.unlock", "result=failed");
		goto out;
	}
	if ((v = page_view(r)) == NULL || desk_view_common(r, v, &s) == -1 ||
	    fill_head(r, v, &sub) == -1 || fill_content(r, v, &sub, sk) == -1 ||
	    fill_files(r, v, &sub, sk) == -1 ||
	    fill_history(r, v, &sub, sk) == -1)
		goto out;
	sodium_free(sk);
	sk = NULL;
	rc = page_render(r, 200, "desk_submission", v);
out:
	if (sk != NULL)
		sodium_free(sk);
	desk_session_free(&s);
	return rc;
}

/* Read a desk form: body, CSRF (browsers only), then the session. */
static int
form_in(struct req *r, struct kv **pairs, size_t *n, struct desk_session *s,
    struct desk_sub *sub)
{
	const struct kv	*csrf;
	int		 rc;

	if ((rc = body_urlencoded(r, pairs, n)) != 0)
		return rc;
	csrf = kv_find(*pairs, *n, CSRF_FIELD);
	if (csrf_check(r, csrf != NULL ? csrf->val : NULL) != CSRF_OK)
		return 403;
	return load(r, s, sub);
}

static int
back(struct req *r, const struct desk_sub *sub)
{
	char	*to;

	if ((to = arena_printf(r->arena, "/%s/desk/submissions/%s",
	    lang_code[r->lang], sub->ref)) == NULL)
		return 500;
	(void)resp_redirect(r, 303, to);
	return 0;
}

int
page_desk_status(struct req *r)
{
	struct desk_session	 s;
	struct desk_sub		 sub;
	const struct kv		*kv;
	struct kv		*pairs;
	enum desk_status	 st;
	enum db_err		 e;
	char			*object;
	size_t			 n;
	int			 rc;

	if ((rc = form_in(r, &pairs, &n, &s, &sub)) != 0)
		return rc < 0 ? 0 : rc;
	kv = kv_find(pairs, n, "status");
	if ((st = desk_status_parse(kv != NULL ? kv->val : NULL)) ==
	    STATUS__MAX) {
		desk_session_free(&s);
		return 400;
	}
	if ((object = arena_printf(r->arena, "submission %s %s", sub.ref,
	    desk_status_code[st])) == NULL) {
		desk_session_free(&s);
		return 500;
	}
	if ((e = db_begin()) != DB_OK ||
	    (e = desk_status_insert(sub.id, desk_status_code[st],
	    s.staff_id)) != DB_OK ||
	    (e = audit_append("submission.status", object, s.staff_id)) !=
	    DB_OK || (e = db_commit()) != DB_OK) {
		db_rollback();
		desk_session_free(&s);
		return db_http_status(e);
	}
	desk_session_free(&s);
	return back(r, &sub);
}

int
page_desk_message(struct req *r)
{
	struct desk_session	 s;
	struct desk_sub		 sub;
	const struct kv		*kv;
	struct kv		*pairs;
	unsigned char		*sk = NULL, *key = NULL, *box;
	unsigned char		 nonce[SEAL_NONCE_BYTES];
	enum db_err		 e;
	char			*object;
	size_t			 n, boxlen;
	int			 rc;

	if ((rc = form_in(r, &pairs, &n, &s, &sub)) != 0)
		return rc < 0 ? 0 : rc;
	rc = 400;
	kv = kv_find(pairs, n, "message");
	if (kv == NULL || kv->vallen == 0 || kv->vallen > MESSAGE_MAX_BYTES)
		goto out;
	rc = 500;
	if ((sk = desk_unlock(&s)) == NULL)
		goto out;
	if ((rc = reader_submitter_key(r->arena, sub.id, sk, &key)) != 0) {
		rc = rc == 1 ? 409 : rc < 0 ? 500 : rc;
		goto out;
	}
	rc = 500;
	if (seal_box(r->arena, key, kv->val, kv->vallen, nonce, &box,
	    &boxlen) == -1 ||
	    (object = arena_printf(r->arena, "submission %s", sub.ref)) == NULL)
		goto out;
	if ((e = db_begin()) != DB_OK ||
	    (e = desk_message_insert(sub.id, s.staff_id, (struct bytes){ nonce,
	    sizeof(nonce) }, (struct bytes){ box, boxlen })) != DB_OK ||
	    (e = audit_append("submission.message", object, s.staff_id)) !=
	    DB_OK || (e = db_commit()) != DB_OK) {
		db_rollback();
		rc = db_http_status(e);
		goto out;
	}
	rc = back(r, &sub);
out:
	seal_free_key(key);
	if (sk != NULL)
		sodium_free(sk);
	desk_session_free(&s);
	return rc;
}
