/*
 * Staff authentication for the desk: logging in (with the rate-limit
 * policy), the session cookie, unlocking the secretariat's key for one
 * request, logging out.
 *
 * The cookie ("__Host-session" on https, "session" on plain http for
 * local use; HttpOnly, SameSite=Strict, Secure on https, no Max-Age) is
 * base64url(token || key): the database keeps SHA-256(token) and the
 * secretariat's key boxed under key. Sessions end after 30 minutes idle
 * or 12 hours in all (checked by the query), and at logout, which
 * deletes the row. A login always makes a new token (no fixation).
 */
#ifndef PORTAL_DESK_AUTH_H
#define PORTAL_DESK_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "data/desk.h"

struct req;

#define DESK_TOKEN_BYTES	32
#define DESK_HASH_BYTES		32

struct desk_session {
	int64_t		 staff_id;
	const char	*login, *role, *state;
	unsigned char	 token_hash[DESK_HASH_BYTES];
	unsigned char	*key;		/* sodium_malloc'd, from the cookie */
	struct bytes	 sk_nonce, sk_box;
};

enum desk_login_result {
	DESK_LOGIN_OK,
	DESK_LOGIN_WRONG,	/* unknown login, wrong password, disabled */
	DESK_LOGIN_WAIT,	/* rate-limited: try later */
};

/* A keyed hash of the client's address (never stored in clear). */
void	desk_addr_hash(const struct req *, unsigned char out[DESK_HASH_BYTES]);
/*
 * The request's live session: 0 and *s filled, 1 if there is none, or an
 * HTTP status. Free with desk_session_free.
 */
int	desk_session_load(struct req *, struct desk_session *s)
	    __attribute__((warn_unused_result));
void	desk_session_free(struct desk_session *);
/*
 * For desk pages: 0 with *s filled when a session of one of the review
 * roles is there; -1 when it answered (a redirect to the login page);
 * 404 for a role that has no business here; another status on error.
 */
int	desk_guard(struct req *, struct desk_session *s)
	    __attribute__((warn_unused_result));
/* The secretariat's key for this request (sodium_free it), or NULL. */
unsigned char *desk_unlock(const struct desk_session *);
/*
 * Check login and password, and on success open a session, set the
 * cookie and record it in the audit chain. Returns 0 with *res, or an
 * HTTP status.
 */
int	desk_login(struct req *, const char *login, const char *pw, size_t len,
	    enum desk_login_result *res) __attribute__((warn_unused_result));
/* Delete the session row, expire the cookie, audit. 0 or a status. */
int	desk_logout(struct req *, struct desk_session *)
	    __attribute__((warn_unused_result));
/* Append to the audit chain in a transaction of its own. 0 or a status. */
int	desk_audit(const char *action, const char *object, int64_t staff_id)
	    __attribute__((warn_unused_result));

#endif /* PORTAL_DESK_AUTH_H */
