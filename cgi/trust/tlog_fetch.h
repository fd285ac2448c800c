/*
 * The monitor's HTTP client: GET <origin>/log/<path> with libcurl (http
 * and https only, no redirects, deadlines on connect and transfer), as a
 * tlog_fetch_fn. One connection is kept and reused between fetches.
 *
 * Caveat: curl_global_init() is the program's job, once, before
 * tlog_http_new().
 */
#ifndef PORTAL_TRUST_TLOG_FETCH_H
#define PORTAL_TRUST_TLOG_FETCH_H

#include <stddef.h>
#include <stdint.h>

#include "trust/tlog_monitor.h"

#define TLOG_HTTP_CONNECT_TIMEOUT_S	10
#define TLOG_HTTP_TIMEOUT_S		30
#define TLOG_HTTP_URL_MAX		2048u

struct tlog_http;

/*
 * A client of the portal at origin ("https://portal.example"; a trailing
 * '/' is allowed). NULL if origin is not http(s):// or memory ran out.
 */
struct tlog_http	*tlog_http_new(const char *origin);
void			 tlog_http_free(struct tlog_http *);

/* A tlog_fetch_fn: ctx is the struct tlog_http, path is under /log/. */
enum tlog_fetch_status	 tlog_http_fetch(void *ctx, const char *path,
			    uint8_t *buf, size_t max, size_t *len);

/* GET an absolute path of the origin ("/.well-known/portal-keys"). */
enum tlog_fetch_status	 tlog_http_get(struct tlog_http *, const char *path,
			    uint8_t *buf, size_t max, size_t *len);

#endif /* PORTAL_TRUST_TLOG_FETCH_H */
