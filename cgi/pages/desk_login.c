/*
 * /{lang}/desk/login (GET the form, POST the credentials) and
 * /{lang}/desk/logout (POST). Both POSTs are CSRF-protected like every
 * state-changing route, and only browsers log in: a program's
 * cookie-less CSRF_PROGRAM pass is refused here.
 */
#include <string.h>

#include "core/arena.h"
#include "desk/auth.h"
#include "http/body.h"
#include "http/csrf.h"
#include "http/request.h"
#include "http/response.h"
#include "pages/common.h"
#include "pages/pages.h"
#include "view/i18n.h"
#include "view/view.h"

#define LOGIN_ERR_WRONG	N_("The login or the password is wrong.")
#define LOGIN_ERR_WAIT	N_("Too many failed attempts from here. Wait a few minutes and try again.")

static int
show(struct req *r, int status, const char *login, const char *error)
{
	struct view	*v;
	const char	*csrf;

	if ((v = page_view(r)) == NULL || (csrf = csrf_token(r)) == NULL ||
	    view_set_str(v, "csrf", csrf) == -1 ||
	    view_set_strf(v, "action", "/%s/desk/login", lang_code[r->lang]) ==
	    -1 || view_set_str(v, "login", login) == -1 ||
	    (error != NULL && view_set_str(v, "error", page_tr(r, error)) == -1))
		return 500;
	return page_render(r, status, "desk_login", v);
}

int
page_desk_login_get(struct req *r)
{
	return show(r, 200, "", NULL);
}

static const char *
pair(const struct kv *pairs, size_t n, const char *name, size_t *len)
{
	const struct kv	*kv = kv_find(pairs, n, name);

	if (len != NULL)
		*len = kv != NULL ? kv->vallen : 0;
	return kv != NULL ? kv->val : NULL;
}

int
page_desk_login_post(struct req *r)
{
	enum desk_login_result	 res;
	struct kv		*pairs;
	const char		*login, *pw;
	size_t			 n, pwlen;
	char			*to;
	int			 status;

	if ((status = body_urlencoded(r, &pairs, &n)) != 0)
		return status;
	if (csrf_check(r, pair(pairs, n, CSRF_FIELD, NULL)) != CSRF_OK)
		return 403;
	login = pair(pairs, n, "login", NULL);
	pw = pair(pairs, n, "password", &pwlen);
	if (login == NULL || pw == NULL)
		return show(r, 422, login != NULL ? login : "", LOGIN_ERR_WRONG);
	if ((status = desk_login(r, login, pw, pwlen, &res)) != 0)
		return status;
	if (res == DESK_LOGIN_WAIT)
		return show(r, 429, login, LOGIN_ERR_WAIT);
	if (res == DESK_LOGIN_WRONG)
		return show(r, 422, login, LOGIN_ERR_WRONG);
	if ((to = arena_printf(r->arena, "/%s/desk", lang_code[r->lang])) ==
	    NULL)
		return 500;
	(void)resp_redirect(r, 303, to);
	return 0;
}

int
page_desk_logout(struct req *r)
{
	struct desk_session	 s;
	struct kv		*pairs;
	size_t			 n;
	char			*to;
	int			 status;

	if ((status = body_urlencoded(r, &pairs, &n)) != 0)
		return status;
	if (csrf_check(r, pair(pairs, n, CSRF_FIELD, NULL)) != CSRF_OK)
		return 403;
	if ((status = desk_session_load(r, &s)) > 1)
		return status;
	if (status == 0) {
		status = desk_logout(r, &s);
		desk_session_free(&s);
		if (status != 0)
			return status;
	}
	if ((to = arena_printf(r->arena, "/%s/desk/login",
	    lang_code[r->lang])) == NULL)
		return 500;
	(void)resp_redirect(r, 303, to);
	return 0;
}
