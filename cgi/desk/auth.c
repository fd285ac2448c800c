/*
 * Logins, sessions and the rate-limit policy.
 *
 * The policy (README, "The secretariat's desk"): for each (account,
 * address) pair, 5 failures in an hour are free; after that each attempt
 * must wait 2^(n-5) seconds after the last failure, up to 15 minutes,
 * and is refused without running argon2id. Across addresses, once an
 * account has 100 failures in the last hour it enters the slow path: an
 * address that has not logged in to it in the last 30 days may try only
 * when no failure happened on that account in the last 5 seconds. An
 * attacker can thus slow strangers down, never lock out the real user
 * from an address they have used. Both keys are keyed hashes (the MAC
 * key), so a stolen table names no address and no login.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "data/audit.h"
#include "desk/auth.h"
#include "http/request.h"
#include "http/response.h"
#include "trust/kdf_gate.h"
#include "trust/keys.h"
#include "trust/staffkey.h"
#include "view/lang.h"

#define LOGIN_FREE_FAILURES	5
#define LOGIN_DELAY_MAX_S	900
#define LOGIN_ACCOUNT_CAP	100
#define LOGIN_SLOW_PATH_S	5
#define LOGIN_MAX_BYTES		64
#define COOKIE_RAW_BYTES	(DESK_TOKEN_BYTES + STAFFKEY_SESSION_KEY_BYTES)
#define COOKIE_B64_LEN		sodium_base64_ENCODED_LEN(COOKIE_RAW_BYTES, \
				    sodium_base64_VARIANT_URLSAFE_NO_PADDING)

static const char *
cookie_name(void)
{
	return config.secure_cookies ? "__Host-session" : "session";
}

static void
keyed_hash(const char *ctx8, const char *s, size_t len,
    unsigned char out[DESK_HASH_BYTES])
{
	unsigned char	 k[crypto_generichash_KEYBYTES];

	crypto_kdf_derive_from_key(k, sizeof(k), 2, ctx8, portal_keys.mac);
	crypto_generichash(out, DESK_HASH_BYTES, (const unsigned char *)s, len,
	    k, sizeof(k));
	sodium_memzero(k, sizeof(k));
}

void
desk_addr_hash(const struct req *r, unsigned char out[DESK_HASH_BYTES])
{
	const char	*a = r->client_addr != NULL ? r->client_addr : "";

	keyed_hash("deskaddr", a, strlen(a), out);
}

int
desk_audit(const char *action, const char *object, int64_t staff_id)
{
	enum db_err	 e;

	if ((e = db_begin()) != DB_OK ||
	    (e = audit_append(action, object, staff_id)) != DB_OK ||
	    (e = db_commit()) != DB_OK) {
		db_rollback();
		return db_http_status(e);
	}
	return 0;
}

void
desk_session_free(struct desk_session *s)
{
	if (s->key != NULL)
		sodium_free(s->key);
	s->key = NULL;
}

/* Split the cookie into token hash and key; -1 if malformed. */
static int
cookie_parse_value(const char *v, struct desk_session *s)
{
	unsigned char	*raw;
	size_t		 len;
	int		 rc = -1;

	if (v == NULL || strlen(v) != COOKIE_B64_LEN - 1)
		return -1;
	if ((raw = sodium_malloc(COOKIE_RAW_BYTES)) == NULL)
		return -1;
	if (sodium_base642bin(raw, COOKIE_RAW_BYTES, v, strlen(v), NULL, &len,
	    NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0 &&
	    len == COOKIE_RAW_BYTES &&
	    (s->key = sodium_malloc(STAFFKEY_SESSION_KEY_BYTES)) != NULL) {
		crypto_hash_sha256(s->token_hash, raw, DESK_TOKEN_BYTES);
		memcpy(s->key, raw + DESK_TOKEN_BYTES,
		    STAFFKEY_SESSION_KEY_BYTES);
		rc = 0;
	}
	sodium_free(raw);
	return rc;
}

int
desk_session_load(struct req *r, struct desk_session *s)
{
	struct session_row	 row;
	enum db_err		 e;
	int			 found;

	memset(s, 0, sizeof(*s));
	if (cookie_parse_value(req_cookie(r, cookie_name()), s) == -1) {
		desk_session_free(s);
		return 1;
	}
	if ((e = session_get(r->arena, s->token_hash, &row, &found)) != DB_OK) {
		desk_session_free(s);
		return db_http_status(e);
	}
	if (!found) {
		desk_session_free(s);
		return 1;
	}
	s->staff_id = row.staff_id;
	s->login = row.login;
	s->role = row.role;
	s->state = row.state;
	s->sk_nonce = row.sk_nonce;
	s->sk_box = row.sk_box;
	if ((e = session_touch(s->token_hash)) != DB_OK) {
		desk_session_free(s);
		return db_http_status(e);
	}
	return 0;
}

int
desk_guard(struct req *r, struct desk_session *s)
{
	char	*to;
	int	 rc;

	if ((rc = desk_session_load(r, s)) == 1) {
		if ((to = arena_printf(r->arena, "/%s/desk/login",
		    lang_code[r->lang])) == NULL)
			return 500;
		(void)resp_redirect(r, 303, to);
		return -1;
	}
	if (rc != 0)
		return rc;
	/* The review queue is the secretariat's; focal points see none of it. */
	if (strcmp(s->role, "focal_point") == 0) {
		desk_session_free(s);
		return 404;
	}
	return 0;
}

unsigned char *
desk_unlock(const struct desk_session *s)
{
	unsigned char	*sk;

	if (s->key == NULL ||
	    (sk = sodium_malloc(crypto_box_SECRETKEYBYTES)) == NULL)
		return NULL;
	if (staffkey_session_open(s->key, s->sk_nonce.p, s->sk_nonce.len,
	    s->sk_box.p, s->sk_box.len, sk) == -1) {
		sodium_free(sk);
		return NULL;
	}
	return sk;
}

/* May this (account, address) try now? */
static int
may_try(const struct login_gate *g)
{
	int64_t	 n, delay;

	if (g->failures >= LOGIN_FREE_FAILURES) {
		n = g->failures - LOGIN_FREE_FAILURES;
		delay = n >= 10 ? LOGIN_DELAY_MAX_S : (int64_t)1 << n;
		if (delay > LOGIN_DELAY_MAX_S)
			delay = LOGIN_DELAY_MAX_S;
		if (g->since_failure < delay)
			return 0;
	}
	if (!g->known_addr && g->acct_recent >= LOGIN_ACCOUNT_CAP &&
	    g->acct_since < LOGIN_SLOW_PATH_S)
		return 0;
	return 1;
}

/* A new session for staff: row, cookie. */
static int
open_session(struct req *r, const struct staff_row *st, const unsigned char *sk,
    const unsigned char lh[DESK_HASH_BYTES],
    const unsigned char ah[DESK_HASH_BYTES])
{
	struct desk_session	 old;
	unsigned char		*raw, th[DESK_HASH_BYTES];
	unsigned char		 nonce[STAFFKEY_NONCE_BYTES];
	unsigned char		 box[STAFFKEY_BOX_BYTES];
	char			*cookie, object[48];
	enum db_err		 e;
	int			 status = 500;

	if ((raw = sodium_malloc(COOKIE_RAW_BYTES)) == NULL ||
	    (cookie = arena_alloc(r->arena, COOKIE_B64_LEN)) == NULL) {
		if (raw != NULL)
			sodium_free(raw);
		return 500;
	}
	randombytes_buf(raw, DESK_TOKEN_BYTES);
	staffkey_session_seal(sk, raw + DESK_TOKEN_BYTES, nonce, box);
	crypto_hash_sha256(th, raw, DESK_TOKEN_BYTES);
	sodium_bin2base64(cookie, COOKIE_B64_LEN, raw, COOKIE_RAW_BYTES,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_free(raw);
	(void)snprintf(object, sizeof(object), "staff %" PRId64, st->id);
	memset(&old, 0, sizeof(old));
	if ((e = db_begin()) != DB_OK)
		goto db;
	/* Whatever session the browser had ends here: a login never reuses one. */
	if (cookie_parse_value(req_cookie(r, cookie_name()), &old) == 0 &&
	    (e = session_delete(old.token_hash)) != DB_OK)
		goto db;
	if ((e = session_expire()) != DB_OK ||
	    (e = session_insert(th, st->id, (struct bytes){ nonce,
	    sizeof(nonce) }, (struct bytes){ box, sizeof(box) })) != DB_OK ||
	    (e = login_ok(lh, ah)) != DB_OK ||
	    (e = audit_append("login", object, st->id)) != DB_OK ||
	    (e = db_commit()) != DB_OK)
		goto db;
	desk_session_free(&old);
	if (resp_cookie(r, cookie_name(), cookie, 0, COOKIE_SESSION) == -1)
		return 500;
	sodium_memzero(cookie, COOKIE_B64_LEN);
	return 0;
db:
	desk_session_free(&old);
	db_rollback();
	status = db_http_status(e);
	return status;
}

static int
record_failure(const struct staff_row *st, int found,
    const unsigned char lh[DESK_HASH_BYTES],
    const unsigned char ah[DESK_HASH_BYTES])
{
	char		 object[48];
	enum db_err	 e;

	(void)snprintf(object, sizeof(object), "staff %" PRId64, st->id);
	if ((e = db_begin()) != DB_OK ||
	    (e = login_failed(lh, ah)) != DB_OK ||
	    (found && (e = audit_append("login.failed", object, 0)) != DB_OK) ||
	    (e = db_commit()) != DB_OK) {
		db_rollback();
		return db_http_status(e);
	}
	return 0;
}

/* The member's wrapped key, from the row. -1 if the row is malformed. */
static int
wrapped_of(const struct staff_row *st, struct staffkey_wrapped *w)
{
	memset(w, 0, sizeof(*w));
	if (st->key_salt.len != sizeof(w->salt) ||
	    st->key_nonce.len != sizeof(w->nonce) ||
	    st->key_box.len != sizeof(w->box))
		return -1;
	memcpy(w->salt, st->key_salt.p, sizeof(w->salt));
	memcpy(w->nonce, st->key_nonce.p, sizeof(w->nonce));
	memcpy(w->box, st->key_box.p, sizeof(w->box));
	w->ops = st->key_ops;
	w->mem = st->key_mem;
	return 0;
}

/*
 * The argon2id part of a login, inside the shared gate (trust/kdf_gate.h):
 * 1 and sk filled when the password is right, 0 when not (an unknown
 * login costs one hash too), or a status (503 when the gate stayed full).
 */
static int
check(const struct staff_row *st, int found, const char *pw, size_t pwlen,
    unsigned char *sk)
{
	struct staffkey_wrapped	 w;
	int			 rc = 0;

	if (kdf_gate_enter() == -1)
		return 503;
	if (!found)
		staffkey_dummy_check(pw, pwlen);
	else if (staffkey_check_password(st->password_hash, pw, pwlen) == 0 &&
	    !st->disabled) {
		if (wrapped_of(st, &w) == -1 ||
		    staffkey_unwrap(pw, pwlen, &w, sk) == -1) {
			log_event(LOG_ERROR, "desk.login", "result=key-unwrap");
			rc = 500;
		} else
			rc = 1;
		sodium_memzero(&w, sizeof(w));
	}
	kdf_gate_leave();
	return rc;
}

int
desk_login(struct req *r, const char *login, const char *pw, size_t pwlen,
    enum desk_login_result *res)
{
	struct staff_row	 st;
	struct login_gate	 g;
	unsigned char		 lh[DESK_HASH_BYTES], ah[DESK_HASH_BYTES];
	unsigned char		*sk;
	char			 norm[LOGIN_MAX_BYTES + 1];
	size_t			 i, len = strlen(login);
	enum db_err		 e;
	int			 found = 0, rc;

	*res = DESK_LOGIN_WRONG;
	memset(&st, 0, sizeof(st));
	if (len == 0 || len > LOGIN_MAX_BYTES || !staffkey_password_ok(pwlen)) {
		/* Same work as a real check: the answer tells nothing. */
		if (kdf_gate_enter() == -1)
			return 503;
		staffkey_dummy_check(pw, pwlen > STAFF_PASSWORD_MAX ?
		    STAFF_PASSWORD_MAX : pwlen);
		kdf_gate_leave();
		return 0;
	}
	for (i = 0; i < len; i++)
		norm[i] = (char)tolower((unsigned char)login[i]);
	norm[len] = '\0';
	keyed_hash("desklogn", norm, len, lh);
	desk_addr_hash(r, ah);
	if ((e = login_gate(lh, ah, &g)) != DB_OK)
		return db_http_status(e);
	if (!may_try(&g)) {
		log_event(LOG_INFO, "desk.login", "result=wait");
		*res = DESK_LOGIN_WAIT;
		return 0;
	}
	if ((e = staff_by_login(r->arena, norm, &st, &found)) != DB_OK)
		return db_http_status(e);
	if ((sk = sodium_malloc(crypto_box_SECRETKEYBYTES)) == NULL)
		return 500;
	if ((rc = check(&st, found, pw, pwlen, sk)) == 1) {
		rc = open_session(r, &st, sk, lh, ah);
		sodium_free(sk);
		if (rc != 0)
			return rc;
		log_event(LOG_INFO, "desk.login", "result=ok");
		*res = DESK_LOGIN_OK;
		return 0;
	}
	sodium_free(sk);
	if (rc != 0)
		return rc;
	log_event(LOG_INFO, "desk.login", "result=wrong");
	return record_failure(&st, found, lh, ah);
}

int
desk_logout(struct req *r, struct desk_session *s)
{
	char		 object[48];
	enum db_err	 e;

	(void)snprintf(object, sizeof(object), "staff %" PRId64, s->staff_id);
	if ((e = db_begin()) != DB_OK ||
	    (e = session_delete(s->token_hash)) != DB_OK ||
	    (e = audit_append("logout", object, s->staff_id)) != DB_OK ||
	    (e = db_commit()) != DB_OK) {
		db_rollback();
		return db_http_status(e);
	}
	return resp_cookie(r, cookie_name(), "", 0, COOKIE_DELETE) == -1 ?
	    500 : 0;
}
