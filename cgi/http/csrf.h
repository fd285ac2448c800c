/*
 * CSRF protection for every state-changing request.
 *
 * A browser gets a random cookie; each form carries a token that is an
 * HMAC of that cookie under a server key, so a page on another site can
 * neither read nor forge it. On top of that, a request whose Origin is
 * not ours, or whose Sec-Fetch-Site says another site, is refused before
 * anything else is looked at.
 *
 * Programs (NGOs' case-management systems) post without cookies: a
 * request with no cookie, no Origin, no Sec-Fetch-Site and Accept:
 * application/json is no browser's cross-site request, and carries no
 * ambient credential to abuse, so it passes as CSRF_PROGRAM.
 */
#ifndef PORTAL_HTTP_CSRF_H
#define PORTAL_HTTP_CSRF_H

struct req;

#define CSRF_FIELD	"csrf"

enum csrf_result {
	CSRF_OK,	/* a browser with a valid token */
	CSRF_PROGRAM,	/* a program without browser state */
	CSRF_REFUSED,	/* answer 403 and change nothing */
};

/* Keyed by the portal's MAC key; call once at start-up. */
void		csrf_init(const unsigned char *mac_key);
/*
 * The token to put in a form. Sets the cookie when the browser has none.
 * Returns NULL when out of memory.
 */
const char	*csrf_token(struct req *);
/* Check a state-changing request; token is the form's field (or NULL). */
enum csrf_result csrf_check(const struct req *, const char *token);

#endif /* PORTAL_HTTP_CSRF_H */
