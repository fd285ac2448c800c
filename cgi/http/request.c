/*
 * Requests from FastCGI parameters. Everything nginx hands over is copied
 * into the request arena and validated here, once, before routing.
 */
#include <string.h>

#include <fcgiapp.h>
#include <sodium.h>

#include "core/arena.h"
#include "core/num.h"
#include "core/utf8.h"
#include "http/cookie.h"
#include "http/path.h"
#include "http/request.h"
#include "http/urlenc.h"
#include "portal_limits.h"

const char *const method_names[METHOD__MAX] = {
	"GET", "HEAD", "POST", "OTHER",
};

/* FastCGI parameter of each header we read (CGI/1.1 naming). */
static const char *const header_params[HDR__MAX] = {
	[HDR_ACCEPT] = "HTTP_ACCEPT",
	[HDR_ACCEPT_LANGUAGE] = "HTTP_ACCEPT_LANGUAGE",
	[HDR_CONTENT_TYPE] = "CONTENT_TYPE",
	[HDR_COOKIE] = "HTTP_COOKIE",
	[HDR_IF_MODIFIED_SINCE] = "HTTP_IF_MODIFIED_SINCE",
	[HDR_IF_NONE_MATCH] = "HTTP_IF_NONE_MATCH",
	[HDR_ORIGIN] = "HTTP_ORIGIN",
	[HDR_SEC_FETCH_SITE] = "HTTP_SEC_FETCH_SITE",
};

static int
fcgi_write(void *cookie, const void *buf, size_t len)
{
	struct req	*r = cookie;
	FCGX_Request	*conn = r->conn;

	/* HEAD gets the headers of GET and none of its body. */
	if (r->resp.head_only && r->resp.in_body)
		return 0;
	if (len > INT32_MAX)
		return -1;
	if (FCGX_PutStr(buf, (int)len, conn->out) != (int)len)
		return -1;
	return 0;
}

void
req_new_incident(struct req *r)
{
	unsigned char	 id[INCIDENT_ID_BYTES];

	randombytes_buf(id, sizeof(id));
	sodium_bin2hex(r->incident, sizeof(r->incident), id, sizeof(id));
}

static enum method
method_parse(const char *s)
{
	int	 i;

	for (i = 0; i < METHOD_OTHER; i++)
		if (strcmp(s, method_names[i]) == 0)
			return (enum method)i;
	return METHOD_OTHER;
}

/* The path part of REQUEST_URI, made canonical. 0 or an HTTP status. */
static int
req_path(struct req *r, const char *uri)
{
	size_t		 len = strcspn(uri, "?#");
	char		*canon;

	switch (path_canonical(r->arena, uri, len, &canon, &r->segs,
	    &r->nsegs)) {
	case PATH_OK:
		r->path = canon;
		return 0;
	case PATH_TOO_LONG:
	case PATH_TOO_DEEP:
		return 414;
	case PATH_NOMEM:
		return 500;
	default:
		return 400;
	}
}

static int
req_query_parse(struct req *r, const char *qs)
{
	size_t	 len = strlen(qs);

	if (len > QUERY_MAX_BYTES)
		return 414;
	if (urlenc_parse(r->arena, qs, len, FORM_MAX_FIELDS, &r->query,
	    &r->nquery) != URLENC_OK)
		return 400;
	return 0;
}

static int
req_headers(struct req *r, FCGX_Request *conn)
{
	const char	*v;
	size_t		 len;
	int		 i;

	for (i = 0; i < HDR__MAX; i++) {
		/* nginx passes an absent header as an empty parameter. */
		if ((v = FCGX_GetParam(header_params[i], conn->envp)) == NULL ||
		    *v == '\0')
			continue;
		len = strlen(v);
		if (len > HEADER_MAX_BYTES || !utf8_valid(v, len))
			return 400;
		if ((r->headers[i] = arena_strndup(r->arena, v, len)) == NULL)
			return 500;
	}
	v = r->headers[HDR_COOKIE];
	if (v != NULL && cookie_parse(r->arena, v, strlen(v), &r->cookies,
	    &r->ncookies) != COOKIE_OK)
		return 400;
	return 0;
}

static int
req_length(struct req *r, const char *cl)
{
	if (cl == NULL || *cl == '\0')
		return 0;
	if (num_parse_u64(cl, strlen(cl), UINT64_MAX, &r->content_length) == -1)
		return 400;
	r->has_length = 1;
	return 0;
}

/* The language of the page: the path prefix, else what the browser asks. */
static void
req_lang(struct req *r)
{
	enum lang	 l;

	if (r->nsegs > 0 && lang_from_code(r->segs[0], strlen(r->segs[0]),
	    &l) == 0)
		r->lang = l;
	else
		r->lang = lang_negotiate(r->headers[HDR_ACCEPT_LANGUAGE]);
}

int
req_from_fcgi(struct req *r, struct arena *a, void *c)
{
	FCGX_Request	*conn = c;
	const char	*v, *addr;
	int		 status;

	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->conn = conn;
	r->out.write = fcgi_write;
	r->out.cookie = r;
	r->lang = LANG_EN;
	req_new_incident(r);

	v = FCGX_GetParam("REQUEST_METHOD", conn->envp);
	r->method = method_parse(v != NULL ? v : "");
	r->resp.head_only = r->method == METHOD_HEAD;

	if ((status = req_headers(r, conn)) != 0)
		return status;
	if ((v = FCGX_GetParam("REQUEST_URI", conn->envp)) == NULL)
		return 400;
	if ((status = req_path(r, v)) != 0)
		return status;
	req_lang(r);
	v = FCGX_GetParam("QUERY_STRING", conn->envp);
	if (v != NULL && (status = req_query_parse(r, v)) != 0)
		return status;
	if ((status = req_length(r,
	    FCGX_GetParam("CONTENT_LENGTH", conn->envp))) != 0)
		return status;
	addr = FCGX_GetParam("REMOTE_ADDR", conn->envp);
	if (addr != NULL && (r->client_addr = arena_strdup(a, addr)) == NULL)
		return 500;
	return 0;
}

long
req_body_read(struct req *r, void *buf, size_t len)
{
	FCGX_Request	*conn = r->conn;
	uint64_t	 left = r->content_length - r->body_read;
	size_t		 got = 0;
	int		 n;

	if (left == 0)
		return 0;
	if (len > left)
		len = (size_t)left;
	if (len > BODY_CHUNK_BYTES)
		len = BODY_CHUNK_BYTES;
	/* FCGX_GetStr may return short counts: loop until len or EOF. */
	while (got < len) {
		n = FCGX_GetStr((char *)buf + got, (int)(len - got), conn->in);
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	r->body_read += got;
	return (long)got;
}

const char *
req_header(const struct req *r, enum header h)
{
	return r->headers[h];
}

/* The value of the first pair named name, or NULL. */
static const char *
kv_first(const struct kv *kv, size_t n, const char *name)
{
	const struct kv	*p = kv_find(kv, n, name);

	return p != NULL ? p->val : NULL;
}

const char *
req_cookie(const struct req *r, const char *name)
{
	/*
	 * Two cookies of one name mean one was planted (by a sibling
	 * subdomain, or for a narrower path) to shadow ours: trust neither.
	 */
	if (kv_count(r->cookies, r->ncookies, name) > 1)
		return NULL;
	return kv_first(r->cookies, r->ncookies, name);
}

const char *
req_query(const struct req *r, const char *name)
{
	return kv_first(r->query, r->nquery, name);
}

int
req_wants_json(const struct req *r)
{
	const char	*a = r->headers[HDR_ACCEPT];

	return a != NULL && strstr(a, "application/json") != NULL;
}
