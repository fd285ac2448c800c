/*
 * Response headers and the security headers every response carries.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/writer.h"
#include "http/request.h"
#include "http/response.h"

static int secure_cookies = 1;

/*
 * No inline script or style anywhere, nothing from another origin, no
 * framing: a page that is made to carry injected markup still cannot run
 * it or send it elsewhere.
 */
static const char *const csp_values[] = {
	[CSP_PAGE] = "default-src 'none'; style-src 'self'; img-src 'self'; "
	    "script-src 'self'; form-action 'self'; frame-ancestors 'none'; "
	    "base-uri 'none'",
	[CSP_DOWNLOAD] = "default-src 'none'; sandbox; frame-ancestors 'none'",
};

static const char *const cache_values[] = {
	[CACHE_NO_STORE] = "no-store",
	[CACHE_REVALIDATE] = "no-cache",
	[CACHE_IMMUTABLE] = "public, max-age=31536000, immutable",
};

static const struct resp_header security_headers[] = {
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "no-referrer" },
	{ "X-Frame-Options", "DENY" },
	{ "Cross-Origin-Opener-Policy", "same-origin" },
	{ "Cross-Origin-Resource-Policy", "same-origin" },
	{ "Permissions-Policy", "camera=(), microphone=(), geolocation=(), "
	    "interest-cohort=()" },
};

void
resp_set_secure_cookies(int on)
{
	secure_cookies = on;
}

const char *
resp_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 307: return "Temporary Redirect";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 411: return "Length Required";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

/* A header name is a token; a value may not break the header block. */
static int
header_safe(const char *name, const char *value)
{
	const char	*p;

	if (*name == '\0')
		return 0;
	for (p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-'))
			return 0;
	for (p = value; *p != '\0'; p++)
		if (*p == '\r' || *p == '\n' || (unsigned char)*p < 0x20)
			return 0;
	return 1;
}

int
resp_header(struct req *r, const char *name, const char *value)
{
	struct resp	*rp = &r->resp;

	if (rp->begun || rp->nheaders == RESP_MAX_HEADERS ||
	    !header_safe(name, value))
		return -1;
	rp->headers[rp->nheaders].name = name;
	rp->headers[rp->nheaders].value = value;
	rp->nheaders++;
	return 0;
}

int
resp_cookie(struct req *r, const char *name, const char *value,
    long max_age, unsigned flags)
{
	char	*v;

	if (strpbrk(value, ";, \"\\") != NULL)
		return -1;
	v = arena_printf(r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s",
	    name, (flags & COOKIE_DELETE) ? "" : value,
	    secure_cookies ? "; Secure" : "");
	if (v == NULL)
		return -1;
	if (flags & COOKIE_DELETE)
		v = arena_printf(r->arena, "%s; Max-Age=0", v);
	else if (!(flags & COOKIE_SESSION))
		v = arena_printf(r->arena, "%s; Max-Age=%ld", v, max_age);
	if (v == NULL)
		return -1;
	return resp_header(r, "Set-Cookie", v);
}

int
resp_begin(struct req *r, int status, const char *content_type)
{
	struct resp	*rp = &r->resp;
	size_t		 i;
	int		 rc = 0;

	if (rp->begun)
		return -1;
	rp->begun = 1;
	rp->status = status;
	rc |= w_printf(&r->out, "Status: %d %s\r\n", status, resp_reason(status));
	if (content_type != NULL)
		rc |= w_printf(&r->out, "Content-Type: %s\r\n", content_type);
	for (i = 0; i < sizeof(security_headers) / sizeof(security_headers[0]); i++)
		rc |= w_printf(&r->out, "%s: %s\r\n", security_headers[i].name,
		    security_headers[i].value);
	rc |= w_printf(&r->out, "Content-Security-Policy: %s\r\n",
	    csp_values[rp->csp]);
	rc |= w_printf(&r->out, "Cache-Control: %s\r\n", cache_values[rp->cache]);
	for (i = 0; i < rp->nheaders; i++) {
		rc |= w_puts(&r->out, rp->headers[i].name);
		rc |= w_write(&r->out, ": ", 2);
		rc |= w_puts(&r->out, rp->headers[i].value);
		rc |= w_write(&r->out, "\r\n", 2);
	}
	rc |= w_write(&r->out, "\r\n", 2);
	rp->in_body = 1;
	return rc ? -1 : 0;
}

int
resp_redirect(struct req *r, int status, const char *location)
{
	/* Only local paths: an open redirect would help phishing. */
	if (location[0] != '/' || location[1] == '/' || location[1] == '\\')
		return -1;
	if (resp_header(r, "Location", location) == -1)
		return -1;
	return resp_send(r, status, "text/plain; charset=utf-8", "", 0);
}

int
resp_send(struct req *r, int status, const char *content_type,
    const void *body, size_t len)
{
	char	 clen[32];

	(void)snprintf(clen, sizeof(clen), "%zu", len);
	if (resp_header(r, "Content-Length", clen) == -1)
		return -1;
	if (resp_begin(r, status, content_type) == -1)
		return -1;
	if (r->resp.head_only)
		return 0;
	return w_write(&r->out, body, len);
}

int
resp_etag_matches(const char *h, const char *etag)
{
	size_t	 n = strlen(etag), len;

	if (h == NULL || n == 0)
		return 0;
	for (;;) {
		h += strspn(h, " \t,");
		if (*h == '\0')
			return 0;
		if (h[0] == '*' && (h[1] == '\0' || strchr(" \t,", h[1])))
			return 1;
		if (strncmp(h, "W/", 2) == 0)
			h += 2;
		/* A quoted tag may hold a comma: end at its closing quote. */
		if (*h == '"' && strchr(h + 1, '"') != NULL)
			len = (size_t)(strchr(h + 1, '"') - h) + 1;
		else
			len = strcspn(h, " \t,");
		if (len == n && strncmp(h, etag, n) == 0)
			return 1;
		h += len;
	}
}

/* "Jan".."Dec" as 0..11, or -1. */
static int
month_index(const char *m)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	int	 i;

	for (i = 0; i < 12; i++)
		if (strncmp(m, months + 3 * i, 3) == 0)
			return i;
	return -1;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long long
days_from_civil(long long y, int m, int d)
{
	long long	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
resp_http_date(const char *s, long long *secs)
{
	int	 d, mon, y, hh, mm, ss;
	char	 m[4], canon[40];

	/* "Dow, DD Mon YYYY HH:MM:SS GMT", nothing else (RFC 9110, 5.6.7). */
	if (strlen(s) != 29 || sscanf(s + 5, "%2d %3s %4d %2d:%2d:%2d", &d, m,
	    &y, &hh, &mm, &ss) != 6 || (mon = month_index(m)) == -1 ||
	    d < 1 || d > 31 || hh < 0 || hh > 23 || mm < 0 || mm > 59 ||
	    ss < 0 || ss > 60)
		return -1;
	(void)snprintf(canon, sizeof(canon), "%.3s, %02d %s %04d "
	    "%02d:%02d:%02d GMT", s, d, m, y, hh, mm, ss);
	if (strcmp(canon, s) != 0)
		return -1;
	*secs = days_from_civil(y, mon + 1, d) * 86400LL + hh * 3600 +
	    mm * 60 + ss;
	return 0;
}

int
resp_validators(struct req *r, const char *etag, const char *last_modified)
{
	const char	*inm = req_header(r, HDR_IF_NONE_MATCH);
	const char	*ims = req_header(r, HDR_IF_MODIFIED_SINCE);
	long long	 a, b;
	int		 has_lm = last_modified != NULL && *last_modified != '\0';

	r->resp.cache = CACHE_REVALIDATE;
	if (resp_header(r, "ETag", etag) == -1 ||
	    (has_lm && resp_header(r, "Last-Modified", last_modified) == -1))
		return -1;
	if (inm != NULL)
		return resp_etag_matches(inm, etag);
	return has_lm && ims != NULL && resp_http_date(ims, &a) == 0 &&
	    resp_http_date(last_modified, &b) == 0 && b <= a;
}

int
resp_not_modified(struct req *r)
{
	return resp_begin(r, 304, NULL);
}

int
resp_send_tagged(struct req *r, const char *content_type,
    const char *last_modified, const void *body, size_t len)
{
	crypto_generichash_state st;
	unsigned char		 h[16];
	char			 etag[2 * sizeof(h) + 3];
	int			 rc;

	(void)crypto_generichash_init(&st, NULL, 0, sizeof(h));
	(void)crypto_generichash_update(&st, (const void *)content_type,
	    strlen(content_type) + 1);
	(void)crypto_generichash_update(&st, body, len);
	(void)crypto_generichash_final(&st, h, sizeof(h));
	etag[0] = '"';
	sodium_bin2hex(etag + 1, sizeof(etag) - 2, h, sizeof(h));
	memcpy(etag + 1 + 2 * sizeof(h), "\"", 2);
	if ((rc = resp_validators(r, etag, last_modified)) == -1)
		return -1;
	if (rc == 1)
		return resp_not_modified(r);
	return resp_send(r, 200, content_type, body, len);
}
