/*
 * libcurl behind tlog_fetch_fn. A response larger than the caller's
 * buffer is cut off and counts as "missing", never as data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "trust/tlog_fetch.h"

struct tlog_http {
	CURL	*curl;
	char	 origin[TLOG_HTTP_URL_MAX];
};

struct sink {
	uint8_t	*buf;
	size_t	 max, len;
	int	 overflow;
};

static size_t
on_data(char *p, size_t size, size_t n, void *arg)
{
	struct sink	*s = arg;
	size_t		 len = size * n;

	if (len > s->max - s->len) {
		s->overflow = 1;
		return 0;	/* curl stops with CURLE_WRITE_ERROR */
	}
	memcpy(s->buf + s->len, p, len);
	s->len += len;
	return len;
}

struct tlog_http *
tlog_http_new(const char *origin)
{
	struct tlog_http	*h;
	size_t			 len = strlen(origin);

	if ((strncmp(origin, "http://", 7) != 0 &&
	    strncmp(origin, "https://", 8) != 0) ||
	    len >= TLOG_HTTP_URL_MAX / 2)
		return NULL;
	if ((h = calloc(1, sizeof(*h))) == NULL)
		return NULL;
	while (len > 0 && origin[len - 1] == '/')
		len--;
	memcpy(h->origin, origin, len);
	h->origin[len] = '\0';
	if ((h->curl = curl_easy_init()) == NULL) {
		free(h);
		return NULL;
	}
	if (curl_easy_setopt(h->curl, CURLOPT_PROTOCOLS_STR, "http,https") ||
	    curl_easy_setopt(h->curl, CURLOPT_FOLLOWLOCATION, 0L) ||
	    curl_easy_setopt(h->curl, CURLOPT_NOSIGNAL, 1L) ||
	    curl_easy_setopt(h->curl, CURLOPT_CONNECTTIMEOUT,
	    (long)TLOG_HTTP_CONNECT_TIMEOUT_S) ||
	    curl_easy_setopt(h->curl, CURLOPT_TIMEOUT,
	    (long)TLOG_HTTP_TIMEOUT_S) ||
	    curl_easy_setopt(h->curl, CURLOPT_ACCEPT_ENCODING, "") ||
	    curl_easy_setopt(h->curl, CURLOPT_USERAGENT,
	    "portal-log-monitor/1") ||
	    curl_easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, on_data)) {
		tlog_http_free(h);
		return NULL;
	}
	return h;
}

void
tlog_http_free(struct tlog_http *h)
{
	if (h == NULL)
		return;
	curl_easy_cleanup(h->curl);
	free(h);
}

enum tlog_fetch_status
tlog_http_get(struct tlog_http *h, const char *path, uint8_t *buf, size_t max,
    size_t *len)
{
	struct sink	 s = { buf, max, 0, 0 };
	char		 url[TLOG_HTTP_URL_MAX];
	long		 status = 0;
	CURLcode	 rc;
	int		 n;

	*len = 0;
	n = snprintf(url, sizeof(url), "%s%s", h->origin, path);
	if (n < 0 || (size_t)n >= sizeof(url))
		return TLOG_FETCH_MISSING;
	if (curl_easy_setopt(h->curl, CURLOPT_URL, url) ||
	    curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, &s))
		return TLOG_FETCH_UNAVAILABLE;
	rc = curl_easy_perform(h->curl);
	if (rc == CURLE_WRITE_ERROR && s.overflow)
		return TLOG_FETCH_MISSING;
	if (rc != CURLE_OK ||
	    curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &status) !=
	    CURLE_OK)
		return TLOG_FETCH_UNAVAILABLE;
	/* A gateway or an overloaded server says nothing about the log. */
	if (status == 502 || status == 503 || status == 504 || status == 429)
		return TLOG_FETCH_UNAVAILABLE;
	if (status != 200)
		return TLOG_FETCH_MISSING;
	*len = s.len;
	return TLOG_FETCH_OK;
}

enum tlog_fetch_status
tlog_http_fetch(void *ctx, const char *path, uint8_t *buf, size_t max,
    size_t *len)
{
	char	 p[TLOG_HTTP_URL_MAX];
	int	 n;

	n = snprintf(p, sizeof(p), "/log/%s", path);
	if (n < 0 || (size_t)n >= sizeof(p))
		return TLOG_FETCH_MISSING;
	return tlog_http_get(ctx, p, buf, max, len);
}
