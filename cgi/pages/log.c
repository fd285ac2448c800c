/*
 * The transparency log's public endpoints (README.md, "Transparency
 * log"):
 *
 *	GET /log/checkpoint			the latest signed checkpoint
 *	GET /log/tile/{L}/{N}[.p/{W}]		tiles (c2sp.org/tlog-tiles)
 *	GET /log/tile/entries/{N}[.p/{W}]	entry bundles
 *	GET /log/proof/inclusion?entry=HEX	index and inclusion proof (JSON)
 *	GET /log/proof/consistency?from=N&to=M	consistency proof (JSON)
 *
 * Everything served is a hash or a signed note of hashes: nothing from a
 * receipt but the SHA-256 of its signed text. Full tiles never change
 * and are cacheable for a year (nginx may keep them as files); partial
 * tiles and the checkpoint are revalidated. JSON is written here by
 * hand: every value is a number, base64, or the checkpoint note, which
 * goes through json_string().
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/num.h"
#include "core/writer.h"
#include "data/tlog.h"
#include "http/request.h"
#include "http/response.h"
#include "pages/pages.h"
#include "trust/merkle.h"
#include "trust/note.h"

#define JSON_TYPE	"application/json; charset=utf-8"
#define JSON_MAX_BYTES	(64u * 1024u)	/* a proof, a note: a few KB */

/* Headers for what the log hands out: data, never a page. */
static void
log_resp(struct req *r, enum resp_cache cache)
{
	r->resp.cache = cache;
	r->resp.csp = CSP_DOWNLOAD;
}

int
page_log_checkpoint(struct req *r)
{
	struct tlog_head	 head;
	enum db_err		 err;
	int			 found;

	if ((err = tlog_latest(r->arena, &head, &found)) != DB_OK)
		return db_http_status(err);
	if (!found)
		return 404;
	log_resp(r, CACHE_REVALIDATE);
	resp_send(r, 200, "text/plain; charset=utf-8", head.note,
	    head.note_len);
	return 0;
}

int
page_log_tile(struct req *r)
{
	struct tlog_tile	 t;
	const char		*rest = r->params[0];
	char			 path[TLOG_PATH_MAX_BYTES];
	uint8_t			*data;
	size_t			 len;
	enum db_err		 err;
	int			 n, found;

	/* The route matched "tile/"; the parser wants the whole path. */
	n = snprintf(path, sizeof(path), "tile/%s", rest);
	if (n < 0 || (size_t)n >= sizeof(path) ||
	    tlog_tile_parse(path, (size_t)n, &t) == -1)
		return 404;
	if ((err = tlog_tile_read(r->arena, &t, &data, &len, &found)) != DB_OK)
		return db_http_status(err);
	if (!found)
		return 404;
	log_resp(r, t.width == TLOG_TILE_WIDTH ? CACHE_IMMUTABLE :
	    CACHE_REVALIDATE);
	resp_send(r, 200, "application/octet-stream", data, len);
	return 0;
}

/* A JSON string: the note holds '\n' and non-ASCII (the em dash). */
static int
json_string(struct buf *b, const char *s)
{
	char	 esc[8];
	int	 rc = buf_append(b, "\"", 1);

	for (; *s != '\0' && rc == 0; s++) {
		if (*s == '"' || *s == '\\') {
			esc[0] = '\\';
			esc[1] = *s;
			rc = buf_append(b, esc, 2);
		} else if (*s == '\n')
			rc = buf_append(b, "\\n", 2);
		else if ((unsigned char)*s < 0x20) {
			(void)snprintf(esc, sizeof(esc), "\\u%04x",
			    (unsigned char)*s);
			rc = buf_append(b, esc, 6);
		} else
			rc = buf_append(b, s, 1);
	}
	return rc == 0 ? buf_append(b, "\"", 1) : -1;
}

/* "[\"<base64>\",...]" */
static int
json_hashes(struct buf *b, struct arena *a, const uint8_t (*h)[MERKLE_HASH_BYTES],
    size_t n)
{
	const char	*b64;
	size_t		 i;

	if (buf_append(b, "[", 1) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if ((b64 = note_b64_encode(a, h[i], MERKLE_HASH_BYTES)) == NULL ||
		    (i > 0 && buf_append(b, ",", 1) == -1) ||
		    json_string(b, b64) == -1)
			return -1;
	}
	return buf_append(b, "]", 1);
}

static int
json_send(struct req *r, int status, struct buf *b)
{
	if (buf_append(b, "}\n", 2) == -1)
		return 500;
	log_resp(r, CACHE_NO_STORE);
	resp_send(r, status, JSON_TYPE, b->data, b->len);
	return 0;
}

/* A small JSON error, so that programs need not parse an HTML page. */
static int
json_error(struct req *r, int status, const char *code)
{
	struct buf	 b;

	buf_init(&b, r->arena, JSON_MAX_BYTES);
	if (buf_append(&b, "{\"error\":", 9) == -1 ||
	    json_string(&b, code) == -1)
		return 500;
	return json_send(r, status, &b);
}

int
page_log_inclusion(struct req *r)
{
	struct tlog_proof	 p;
	struct buf		 b;
	const char		*hex = req_query(r, "entry"), *b64;
	uint8_t			 entry[TLOG_ENTRY_BYTES];
	char			 num[64];
	size_t			 len;
	enum db_err		 err;

	if (hex == NULL || strlen(hex) != TLOG_ENTRY_BYTES * 2 ||
	    sodium_hex2bin(entry, sizeof(entry), hex, strlen(hex), NULL, &len,
	    NULL) != 0 || len != sizeof(entry))
		return json_error(r, 400, "entry: 64 hex digits (SHA-256)");
	if ((err = tlog_inclusion(r->arena, entry, &p)) != DB_OK)
		return db_http_status(err);
	if (p.index < 0)
		return json_error(r, 404, "not logged yet");
	buf_init(&b, r->arena, JSON_MAX_BYTES);
	(void)snprintf(num, sizeof(num), "{\"index\":%" PRId64
	    ",\"tree_size\":%" PRIu64 ",\"root\":", p.index, p.tree_size);
	if ((b64 = note_b64_encode(r->arena, p.root, sizeof(p.root))) == NULL ||
	    buf_append(&b, num, strlen(num)) == -1 ||
	    json_string(&b, b64) == -1 ||
	    buf_append(&b, ",\"checkpoint\":", 14) == -1 ||
	    json_string(&b, p.checkpoint) == -1 ||
	    buf_append(&b, ",\"proof\":", 9) == -1 ||
	    json_hashes(&b, r->arena, (const uint8_t (*)[MERKLE_HASH_BYTES])
	    p.hashes, p.nhashes) == -1)
		return 500;
	return json_send(r, 200, &b);
}

static int
query_size(struct req *r, const char *name, uint64_t *out)
{
	const char	*v = req_query(r, name);

	return v == NULL ? -1 : num_parse_u64(v, strlen(v), INT64_MAX, out);
}

int
page_log_consistency(struct req *r)
{
	uint8_t		(*h)[MERKLE_HASH_BYTES] = NULL;
	struct buf	 b;
	uint64_t	 from, to;
	size_t		 n = 0;
	char		 num[64];
	enum db_err	 err;
	int		 ok;

	if (query_size(r, "from", &from) == -1 ||
	    query_size(r, "to", &to) == -1 || from > to)
		return json_error(r, 400, "from, to: tree sizes, from <= to");
	if ((err = tlog_consistency(r->arena, from, to, &h, &n, &ok)) != DB_OK)
		return db_http_status(err);
	if (!ok)
		return json_error(r, 404, "to is past the latest checkpoint");
	buf_init(&b, r->arena, JSON_MAX_BYTES);
	(void)snprintf(num, sizeof(num), "{\"from\":%" PRIu64 ",\"to\":%"
	    PRIu64 ",\"proof\":", from, to);
	if (buf_append(&b, num, strlen(num)) == -1 ||
	    json_hashes(&b, r->arena, (const uint8_t (*)[MERKLE_HASH_BYTES])h,
	    n) == -1)
		return 500;
	return json_send(r, 200, &b);
}
