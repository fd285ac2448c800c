/*
 * CSRF tokens: HMAC-SHA-256 of the browser's cookie under a subkey of the
 * portal's MAC key, compared in constant time.
 */
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "http/csrf.h"
#include "http/request.h"
#include "http/response.h"

#define CSRF_COOKIE_BYTES	32
#define CSRF_B64_LEN		\
	(sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING))

static unsigned char	*csrf_key;

void
csrf_init(const unsigned char *mac_key)
{
	if (csrf_key == NULL &&
	    (csrf_key = sodium_malloc(crypto_auth_hmacsha256_KEYBYTES)) == NULL)
		abort();
	crypto_kdf_derive_from_key(csrf_key, crypto_auth_hmacsha256_KEYBYTES,
	    1, "csrftokn", mac_key);
}

/* __Host- makes the cookie unsettable by a sibling subdomain (https only). */
static const char *
cookie_name(void)
{
	return config.secure_cookies ? "__Host-csrf" : "csrf";
}

static void
token_for(const char *cookie, char out[CSRF_B64_LEN])
{
	unsigned char	 mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256(mac, (const unsigned char *)cookie,
	    strlen(cookie), csrf_key);
	sodium_bin2base64(out, CSRF_B64_LEN, mac, sizeof(mac),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static int
cookie_well_formed(const char *c)
{
	return c != NULL && strlen(c) == CSRF_B64_LEN - 1 &&
	    strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") == CSRF_B64_LEN - 1;
}

const char *
csrf_token(struct req *r)
{
	unsigned char	 raw[CSRF_COOKIE_BYTES];
	const char	*cookie = req_cookie(r, cookie_name());
	char		*fresh, *token;

	if (!cookie_well_formed(cookie)) {
		if ((fresh = arena_alloc(r->arena, CSRF_B64_LEN)) == NULL)
			return NULL;
		randombytes_buf(raw, sizeof(raw));
		sodium_bin2base64(fresh, CSRF_B64_LEN, raw, sizeof(raw),
		    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		/* A session cookie: it lives as long as the browser window. */
		if (resp_cookie(r, cookie_name(), fresh, 0, COOKIE_SESSION) == -1)
			return NULL;
		cookie = fresh;
	}
	if ((token = arena_alloc(r->arena, CSRF_B64_LEN)) == NULL)
		return NULL;
	token_for(cookie, token);
	return token;
}

static int
origin_ok(const struct req *r)
{
	const char	*origin = req_header(r, HDR_ORIGIN);
	const char	*site = req_header(r, HDR_SEC_FETCH_SITE);

	if (site != NULL && strcmp(site, "same-origin") != 0 &&
	    strcmp(site, "none") != 0)
		return 0;
	/*
	 * Browsers send "Origin: null" for a form on a page with
	 * Referrer-Policy: no-referrer, which every page here has; the
	 * cookie-bound token still has to match. Another origin never passes.
	 */
	return origin == NULL || strcmp(origin, "null") == 0 ||
	    strcmp(origin, config.origin) == 0;
}

enum csrf_result
csrf_check(const struct req *r, const char *token)
{
	const char	*cookie = req_cookie(r, cookie_name());
	char		 want[CSRF_B64_LEN];

	if (!origin_ok(r)) {
		log_event(LOG_INFO, "csrf.refused", "reason=origin");
		return CSRF_REFUSED;
	}
	if (cookie == NULL) {
		if (req_wants_json(r) && req_header(r, HDR_ORIGIN) == NULL &&
		    req_header(r, HDR_SEC_FETCH_SITE) == NULL)
			return CSRF_PROGRAM;
		log_event(LOG_INFO, "csrf.refused", "reason=no-cookie");
		return CSRF_REFUSED;
	}
	if (!cookie_well_formed(cookie) || token == NULL ||
	    strlen(token) != CSRF_B64_LEN - 1) {
		log_event(LOG_INFO, "csrf.refused", "reason=malformed");
		return CSRF_REFUSED;
	}
	token_for(cookie, want);
	if (sodium_memcmp(want, token, CSRF_B64_LEN - 1) != 0) {
		log_event(LOG_INFO, "csrf.refused", "reason=mismatch");
		return CSRF_REFUSED;
	}
	return CSRF_OK;
}
