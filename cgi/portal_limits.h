/*
 * Every limit the portal enforces on what comes from outside, in one place.
 * A limit that is configurable at run time has its default here and its
 * override documented in README.md (Configuration).
 */
#ifndef PORTAL_PORTAL_LIMITS_H
#define PORTAL_PORTAL_LIMITS_H

/* Request memory: one arena per request, never larger than this. */
#define ARENA_BLOCK_SIZE	(64u * 1024u)
#define ARENA_MAX_BYTES		(16u * 1024u * 1024u)
/* Standard-size blocks kept across requests (no page faults per request). */
#define ARENA_KEEP_BLOCKS	16u

/* Request line and headers, as handed over by nginx in FastCGI params. */
#define PATH_MAX_BYTES		2048u
#define PATH_MAX_SEGMENTS	16u
#define QUERY_MAX_BYTES		4096u
#define COOKIE_MAX_BYTES	4096u
#define COOKIE_MAX_PAIRS	32u
#define HEADER_MAX_BYTES	8192u

/* Bodies. Each route declares its own limit; these are the defaults. */
#define BODY_FORM_MAX_BYTES	(256u * 1024u)		/* urlencoded forms */
#define BODY_CHUNK_BYTES	(64u * 1024u)		/* one read from FastCGI */
#define BODY_UPLOAD_MAX_BYTES	(256ull * 1024u * 1024u)	/* whole submission */

/* x-www-form-urlencoded and multipart fields. */
#define FORM_MAX_FIELDS		128u
#define FIELD_NAME_MAX_BYTES	64u
#define FIELD_VALUE_MAX_BYTES	(64u * 1024u)

/* multipart/form-data (RFC 2046, RFC 7578). */
#define MP_BOUNDARY_MAX_BYTES	70u			/* RFC 2046 section 5.1.1 */
#define MP_MAX_PARTS		64u
#define MP_PART_HEADER_MAX_BYTES 2048u
#define MP_FILENAME_MAX_BYTES	1024u
#define MP_MAX_FILES		20u
#define MP_FILE_MAX_BYTES	(64ull * 1024u * 1024u)

/* Templates, rendered once per worker at start-up. */
#define TPL_MAX_FILE_BYTES	(512u * 1024u)
#define TPL_MAX_DEPTH		64u

/* Database: every query has a deadline, so a stopped server is a 503. */
#define DB_QUERY_TIMEOUT_MS	3000
#define DB_CONNECT_TIMEOUT_S	2
#define DB_RETRY_AFTER_S	5
#define DB_RECONNECT_BACKOFF_MS	500

/* Process model. */
#define WORKERS_MAX		64u
#define WORKER_RESTART_BACKOFF_MAX_MS 5000u
#define LISTEN_BACKLOG		256

#endif /* PORTAL_PORTAL_LIMITS_H */
