/*
 * /{lang}/desk/assessments: the secretariat's check of civil society's
 * assessments. The pending ones, oldest first, with their evidence
 * (downloaded from /{lang}/desk/evidence/{id}); for each, a POST to
 * /{lang}/desk/assessments/{ref} with decision=publish or reject.
 *
 * For the review roles (reviewer, editor, admin); a focal point gets 404.
 * A decision is final and recorded once (update_reviews; a second one is
 * 409), in the same transaction as the audit link (ref, never content).
 */
#include <string.h>

#include "core/arena.h"
#include "data/audit.h"
#include "data/update.h"
#include "desk/auth.h"
#include "http/body.h"
#include "http/csrf.h"
#include "http/request.h"
#include "http/response.h"
#include "pages/common.h"
#include "pages/desk_progress_view.h"
#include "pages/desk_view.h"
#include "pages/pages.h"
#include "view/i18n.h"
#include "view/view.h"

#define PENDING_MAX	200

int
page_desk_assessments(struct req *r)
{
	struct desk_session	 s;
	struct upd_item		*u;
	struct view		*v;
	size_t			 n;
	enum db_err		 e;
	int			 rc;

	if ((rc = desk_guard(r, &s)) != 0)
		return rc < 0 ? 0 : rc;
	rc = 500;
	if ((e = upd_pending(r->arena, PENDING_MAX, &u, &n)) != DB_OK) {
		rc = db_http_status(e);
		goto out;
	}
	if ((v = page_view(r)) == NULL || desk_view_common(r, v, &s) == -1 ||
	    updv_items(r, v, "pending", u, n, 1) == -1)
		goto out;
	rc = page_render(r, 200, "desk_assess", v);
out:
	desk_session_free(&s);
	return rc;
}

/* U-2026-000001: refuse anything else before the database. */
static int
ref_ok(const char *ref)
{
	size_t	 len = strlen(ref);

	return len >= 13 && len < 32 && strncmp(ref, "U-", 2) == 0 &&
	    strspn(ref + 2, "0123456789-") == len - 2;
}

static int
decide(struct req *r, const struct desk_session *s, const char *decision)
{
	enum db_err	 e;
	char		*object, *to;
	int		 found;

	if ((object = arena_printf(r->arena, "update %s %s", r->params[0],
	    decision)) == NULL || (to = arena_printf(r->arena,
	    "/%s/desk/assessments", lang_code[r->lang])) == NULL)
		return 500;
	if ((e = db_begin()) != DB_OK ||
	    (e = upd_review(r->params[0], decision, s->staff_id, &found)) !=
	    DB_OK || (found && (e = audit_append("update.review", object,
	    s->staff_id)) != DB_OK) || (e = db_commit()) != DB_OK) {
		db_rollback();
		return e == DB_CONFLICT ? 409 : db_http_status(e);
	}
	if (!found)
		return 404;
	(void)resp_redirect(r, 303, to);
	return 0;
}

int
page_desk_assess_decide(struct req *r)
{
	struct desk_session	 s;
	const struct kv		*kv;
	struct kv		*pairs;
	const char		*decision = NULL;
	size_t			 n;
	int			 rc;

	if ((rc = body_urlencoded(r, &pairs, &n)) != 0)
		return rc;
	kv = kv_find(pairs, n, CSRF_FIELD);
	if (csrf_check(r, kv != NULL ? kv->val : NULL) != CSRF_OK)
		return 403;
	if ((rc = desk_guard(r, &s)) != 0)
		return rc < 0 ? 0 : rc;
	kv = kv_find(pairs, n, "decision");
	if (kv != NULL && strcmp(kv->val, "publish") == 0)
		decision = "published";
	else if (kv != NULL && strcmp(kv->val, "reject") == 0)
		decision = "rejected";
	if (!ref_ok(r->params[0]))
		rc = 404;
	else
		rc = decision == NULL ? 400 : decide(r, &s, decision);
	desk_session_free(&s);
	return rc;
}
