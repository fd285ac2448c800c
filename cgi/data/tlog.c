/*
 * The transparency log's storage. See tlog.h.
 *
 * Reading subtree hashes: merkle.c asks a callback for each complete
 * subtree it needs. Asking the database once per subtree would cost a
 * round trip each (twenty for a proof in a million entries), so every
 * computation here runs twice: first with a callback that only records
 * the (level, index) addresses asked for, then, after ONE query has
 * fetched them all by primary key, with a callback that answers from
 * what was fetched. The addresses merkle.c asks for depend only on the
 * sizes and indexes, never on hash values, so both runs ask the same.
 *
 * Values cross to PostgreSQL as hex text (arrays of them for batches):
 * the statements decode() and encode() them, so no bytea escaping
 * format is involved. Entries going in alone are binary parameters.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/num.h"
#include "core/writer.h"
#include "data/tlog.h"
#include "trust/checkpoint.h"
#include "trust/note.h"

#define HB	MERKLE_HASH_BYTES
#define HEXB	(HB * 2 + 1)

/* A batch's arrays as text: {…} of up to TLOG_BATCH_MAX * 2 + 64 items. */
#define ARRAY_TEXT_MAX	(512u * 1024u)

int
tlog_origin(const char *portal_origin, char *buf, size_t bufsz)
{
	const char	*host = strstr(portal_origin, "://");
	size_t		 len;
	int		 n;

	host = host != NULL ? host + 3 : portal_origin;
	len = strlen(host);
	while (len > 0 && host[len - 1] == '/')
		len--;
	if (len == 0 || len > INT32_MAX)
		return -1;
	n = snprintf(buf, bufsz, "%.*s/log", (int)len, host);
	if (n < 0 || (size_t)n >= bufsz || !note_name_valid(buf, (size_t)n))
		return -1;
	return 0;
}

static int
unhex(const char *hex, uint8_t out[HB])
{
	size_t	 len;

	return (strlen(hex) == HB * 2 &&
	    sodium_hex2bin(out, HB, hex, HB * 2, NULL, &len, NULL) == 0 &&
	    len == HB) ? 0 : -1;
}

static int
parse_u64(const char *s, uint64_t *out)
{
	return num_parse_u64(s, strlen(s), INT64_MAX, out);
}

/* --- the two-pass subtree reader ------------------------------------ */

struct want {
	uint64_t	 level, index;
	uint8_t		 hash[HB];
	int		 have;
};

struct reader {
	struct want	*w;
	size_t		 n;
	int		 overflow;
};

static struct want *
reader_find(struct reader *rd, uint64_t level, uint64_t index)
{
	size_t	 i;

	for (i = 0; i < rd->n; i++)
		if (rd->w[i].level == level && rd->w[i].index == index)
			return &rd->w[i];
	return NULL;
}

static int
record_cb(void *ctx, uint64_t level, uint64_t index, uint8_t out[HB])
{
	struct reader	*rd = ctx;

	memset(out, 0, HB);
	if (reader_find(rd, level, index) != NULL)
		return 0;
	if (rd->n == TLOG_READ_MAX) {
		rd->overflow = 1;
		return -1;
	}
	rd->w[rd->n].level = level;
	rd->w[rd->n].index = index;
	rd->w[rd->n].have = 0;
	rd->n++;
	return 0;
}

static int
serve_cb(void *ctx, uint64_t level, uint64_t index, uint8_t out[HB])
{
	struct want	*w = reader_find(ctx, level, index);

	if (w == NULL || !w->have)
		return -1;
	memcpy(out, w->hash, HB);
	return 0;
}

/* A computation over subtree hashes, run once per pass. */
typedef int (*tree_op)(merkle_hash_fn, void *ctx, void *arg);

/* "{a,b,c}" of what each want holds, into the arena. */
static const char *
array_text(struct arena *a, const struct reader *rd, int levels)
{
	struct buf	 b;
	char		 num[24];
	size_t		 i;
	int		 n;

	buf_init(&b, a, ARRAY_TEXT_MAX);
	if (buf_append(&b, "{", 1) == -1)
		return NULL;
	for (i = 0; i < rd->n; i++) {
		n = snprintf(num, sizeof(num), "%s%" PRIu64, i > 0 ? "," : "",
		    levels ? rd->w[i].level : rd->w[i].index);
		if (n < 0 || buf_append(&b, num, (size_t)n) == -1)
			return NULL;
	}
	if (buf_append(&b, "}", 1) == -1)
		return NULL;
	return b.data;
}

/* Fetch every recorded subtree in one query. */
static enum db_err
reader_fetch(struct arena *a, struct reader *rd)
{
	const char	*params[2];
	PGresult	*res;
	struct want	*w;
	uint64_t	 level, index;
	enum db_err	 err;
	int		 i;

	if (rd->n == 0)
		return DB_OK;
	if ((params[0] = array_text(a, rd, 1)) == NULL ||
	    (params[1] = array_text(a, rd, 0)) == NULL)
		return DB_ERROR;
	if ((err = db_exec(STMT_TLOG_HASHES_READ, params, 2, &res)) != DB_OK)
		return err;
	for (i = 0; i < PQntuples(res); i++) {
		if (PQgetisnull(res, i, 2))
			continue;	/* not stored: with_hashes() says so */
		if (parse_u64(PQgetvalue(res, i, 0), &level) == -1 ||
		    parse_u64(PQgetvalue(res, i, 1), &index) == -1 ||
		    (w = reader_find(rd, level, index)) == NULL ||
		    unhex(PQgetvalue(res, i, 2), w->hash) == -1) {
			PQclear(res);
			return DB_ERROR;
		}
		w->have = 1;
	}
	PQclear(res);
	return DB_OK;
}

/*
 * Run op over the stored hashes: DB_OK, a db error, or DB_ERROR if op
 * fails on the stored data (a subtree the tree should hold is missing).
 */
static enum db_err
with_hashes(struct arena *a, tree_op op, void *arg)
{
	struct reader	 rd;
	enum db_err	 err;

	memset(&rd, 0, sizeof(rd));
	if ((rd.w = arena_calloc(a, TLOG_READ_MAX, sizeof(*rd.w))) == NULL)
		return DB_ERROR;
	if (op(record_cb, &rd, arg) == -1) {
		/* Only an impossible request or an overflow gets here. */
		log_event(LOG_ERROR, "tlog.bug", "reads=%zu overflow=%d", rd.n,
		    rd.overflow);
		return DB_ERROR;
	}
	if ((err = reader_fetch(a, &rd)) != DB_OK)
		return err;
	if (op(serve_cb, &rd, arg) == -1) {
		log_event(LOG_ERROR, "tlog.hash_missing", "reads=%zu", rd.n);
		return DB_ERROR;
	}
	return DB_OK;
}

/* The computations. */
struct op_args {
	uint64_t	 a, b;		/* (size) (index, size) (size1, size2) */
	uint8_t		 root[HB];
	uint8_t		 proof[MERKLE_MAX_PROOF][HB];
	size_t		 len;
	/* tlog_integrate: the old tree's right edge, read in the same query */
	uint8_t		 edge[64][HB];
	size_t		 nedge;
};

static int
op_root(merkle_hash_fn fn, void *ctx, void *arg)
{
	struct op_args	*o = arg;

	return merkle_root(fn, ctx, o->a, o->root);
}

static int
op_inclusion(merkle_hash_fn fn, void *ctx, void *arg)
{
	struct op_args	*o = arg;

	return merkle_inclusion_proof(fn, ctx, o->a, o->b, o->proof, &o->len);
}

static int
op_consistency(merkle_hash_fn fn, void *ctx, void *arg)
{
	struct op_args	*o = arg;

	return merkle_consistency_proof(fn, ctx, o->a, o->b, o->proof,
	    &o->len);
}

/* The new root and the proof from the old tree: one query for both. */
static int
op_root_and_consistency(merkle_hash_fn fn, void *ctx, void *arg)
{
	struct op_args	*o = arg;

	if (merkle_root(fn, ctx, o->b, o->root) == -1)
		return -1;
	return merkle_consistency_proof(fn, ctx, o->a, o->b, o->proof,
	    &o->len);
}

/*
 * The complete subtrees that make up a tree of size leaves, largest
 * first: one per set bit, (b, (size >> b) - 1).
 */
static int
op_edge(merkle_hash_fn fn, void *ctx, void *arg)
{
	struct op_args	*o = arg;
	int		 b;

	o->nedge = 0;
	for (b = 63; b >= 0; b--)
		if (o->a & ((uint64_t)1 << b) &&
		    fn(ctx, (uint64_t)b, (o->a >> b) - 1, o->edge[o->nedge++]) ==
		    -1)
			return -1;
	return 0;
}

enum db_err
tlog_root(struct arena *a, uint64_t size, uint8_t root[HB])
{
	struct op_args	*o;
	enum db_err	 err;

	if ((o = arena_calloc(a, 1, sizeof(*o))) == NULL)
		return DB_ERROR;
	o->a = size;
	if ((err = with_hashes(a, op_root, o)) == DB_OK)
		memcpy(root, o->root, HB);
	return err;
}

/* --- the queue and lookups ------------------------------------------ */

enum db_err
tlog_enqueue(const uint8_t entry[TLOG_ENTRY_BYTES])
{
	const char	*params[1] = { (const char *)entry };
	const int	 lengths[1] = { TLOG_ENTRY_BYTES };
	const int	 formats[1] = { 1 };
	PGresult	*res;
	enum db_err	 err;

	if ((err = db_exec_bin(STMT_TLOG_ENQUEUE, params, lengths, formats, 1,
	    &res)) == DB_OK)
		PQclear(res);
	return err;
}

enum db_err
tlog_lookup(struct arena *a, const uint8_t entry[TLOG_ENTRY_BYTES],
    int64_t *index)
{
	const char	*params[1] = { (const char *)entry };
	const int	 lengths[1] = { TLOG_ENTRY_BYTES };
	const int	 formats[1] = { 1 };
	PGresult	*res;
	uint64_t	 v;
	enum db_err	 err;

	(void)a;
	*index = -1;
	if ((err = db_exec_bin(STMT_TLOG_LOOKUP, params, lengths, formats, 1,
	    &res)) != DB_OK)
		return err;
	if (PQntuples(res) == 1) {
		if (parse_u64(PQgetvalue(res, 0, 0), &v) == -1)
			err = DB_ERROR;
		else
			*index = (int64_t)v;
	}
	PQclear(res);
	return err;
}

/* The text of a signed note: everything up to and including "\n\n"'s
 * first newline. -1 if there is no blank line. */
static int
note_body(const char *note, size_t len, size_t *body_len)
{
	size_t	 i;

	for (i = 0; i + 1 < len; i++)
		if (note[i] == '\n' && note[i + 1] == '\n') {
			*body_len = i + 1;
			return 0;
		}
	return -1;
}

enum db_err
tlog_latest(struct arena *a, struct tlog_head *out, int *found)
{
	struct checkpoint	 cp;
	PGresult		*res;
	const char		*note;
	size_t			 body;
	uint64_t		 size;
	enum db_err		 err;

	*found = 0;
	if ((err = db_exec(STMT_TLOG_LATEST, NULL, 0, &res)) != DB_OK)
		return err;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return DB_OK;
	}
	/*
	 * The root served is the one inside the signed note, which clients
	 * check, not a column that could say something else.
	 */
	note = PQgetvalue(res, 0, 1);
	if (parse_u64(PQgetvalue(res, 0, 0), &size) == -1 ||
	    (out->note = arena_strdup(a, note)) == NULL ||
	    note_body(out->note, strlen(out->note), &body) == -1 ||
	    checkpoint_parse(a, out->note, body, &cp) == -1 ||
	    cp.size != size) {
		PQclear(res);
		log_event(LOG_ERROR, "tlog.bad_checkpoint", "reason=%s",
		    "not a checkpoint");
		return DB_ERROR;
	}
	PQclear(res);
	out->note_len = strlen(out->note);
	out->size = cp.size;
	memcpy(out->root, cp.root, HB);
	*found = 1;
	return DB_OK;
}

enum db_err
tlog_inclusion(struct arena *a, const uint8_t entry[TLOG_ENTRY_BYTES],
    struct tlog_proof *out)
{
	struct tlog_head	 head;
	struct op_args		*o;
	uint8_t			 leaf[HB];
	int64_t			 index;
	enum db_err		 err;
	int			 found;

	memset(out, 0, sizeof(*out));
	out->index = -1;
	if ((err = tlog_lookup(a, entry, &index)) != DB_OK || index < 0)
		return err;
	if ((err = tlog_latest(a, &head, &found)) != DB_OK)
		return err;
	/* Appended, but its checkpoint is not committed yet: later. */
	if (!found || (uint64_t)index >= head.size)
		return DB_OK;
	if ((o = arena_calloc(a, 1, sizeof(*o))) == NULL)
		return DB_ERROR;
	o->a = (uint64_t)index;
	o->b = head.size;
	if ((err = with_hashes(a, op_inclusion, o)) != DB_OK)
		return err;
	merkle_leaf_hash(entry, TLOG_ENTRY_BYTES, leaf);
	if (merkle_inclusion_verify(o->a, o->b, leaf,
	    (const uint8_t (*)[HB])o->proof, o->len, head.root) == -1) {
		log_event(LOG_ERROR, "tlog.proof_mismatch", "index=%" PRId64
		    " size=%" PRIu64, index, head.size);
		return DB_ERROR;
	}
	if ((out->hashes = arena_calloc(a, o->len ? o->len : 1, HB)) == NULL)
		return DB_ERROR;
	memcpy(out->hashes, o->proof, o->len * HB);
	out->nhashes = o->len;
	out->index = index;
	out->tree_size = head.size;
	memcpy(out->root, head.root, HB);
	out->checkpoint = head.note;
	return DB_OK;
}

enum db_err
tlog_consistency(struct arena *a, uint64_t size1, uint64_t size2,
    uint8_t (**hashes)[HB], size_t *nhashes, int *ok)
{
	struct tlog_head	 head;
	struct op_args		*o;
	enum db_err		 err;
	int			 found;

	*ok = 0;
	if ((err = tlog_latest(a, &head, &found)) != DB_OK)
		return err;
	if (!found || size1 > size2 || size2 > head.size)
		return DB_OK;
	if ((o = arena_calloc(a, 1, sizeof(*o))) == NULL)
		return DB_ERROR;
	o->a = size1;
	o->b = size2;
	if ((err = with_hashes(a, op_consistency, o)) != DB_OK)
		return err;
	if ((*hashes = arena_calloc(a, o->len ? o->len : 1, HB)) == NULL)
		return DB_ERROR;
	memcpy(*hashes, o->proof, o->len * HB);
	*nhashes = o->len;
	*ok = 1;
	return DB_OK;
}

/* --- tiles ---------------------------------------------------------- */

enum db_err
tlog_tile_read(struct arena *a, const struct tlog_tile *t, uint8_t **data,
    size_t *len, int *found)
{
	struct tlog_head	 head;
	const char		*params[3];
	char			 level[8], from[24], to[24];
	PGresult		*res;
	uint8_t			*p;
	size_t			 item = t->entries ? 2 + TLOG_ENTRY_BYTES : HB;
	unsigned		 avail;
	enum db_err		 err;
	int			 i, hfound;

	*found = 0;
	if ((err = tlog_latest(a, &head, &hfound)) != DB_OK || !hfound)
		return err;
	/*
	 * A full tile may also be asked for as any partial width (a client
	 * that saw an older checkpoint); a partial one only up to what the
	 * latest checkpoint covers.
	 */
	avail = tlog_tile_width_at(head.size, t->level, t->index);
	if (avail == 0 || (avail < TLOG_TILE_WIDTH && t->width > avail))
		return DB_OK;
	(void)snprintf(level, sizeof(level), "%u", t->level * TLOG_TILE_HEIGHT);
	(void)snprintf(from, sizeof(from), "%" PRIu64,
	    t->index * TLOG_TILE_WIDTH);
	(void)snprintf(to, sizeof(to), "%" PRIu64,
	    t->index * TLOG_TILE_WIDTH + t->width);
	if (t->entries) {
		params[0] = from;
		params[1] = to;
		err = db_exec(STMT_TLOG_TILE_ENTRIES, params, 2, &res);
	} else {
		params[0] = level;
		params[1] = from;
		params[2] = to;
		err = db_exec(STMT_TLOG_TILE_HASHES, params, 3, &res);
	}
	if (err != DB_OK)
		return err;
	if ((unsigned)PQntuples(res) != t->width) {
		log_event(LOG_ERROR, "tlog.rows_missing", "level=%u index=%"
		    PRIu64 " width=%u rows=%d entries=%d", t->level, t->index,
		    t->width, PQntuples(res), t->entries);
		PQclear(res);
		return DB_ERROR;
	}
	if ((p = arena_alloc(a, item * t->width)) == NULL) {
		PQclear(res);
		return DB_ERROR;
	}
	for (i = 0; i < PQntuples(res); i++) {
		uint8_t	*slot = p + item * (size_t)i;

		if (t->entries) {
			/* tlog-tiles: a big-endian uint16 length, then the entry. */
			slot[0] = 0;
			slot[1] = TLOG_ENTRY_BYTES;
			slot += 2;
		}
		if (unhex(PQgetvalue(res, i, 0), slot) == -1) {
			PQclear(res);
			return DB_ERROR;
		}
	}
	PQclear(res);
	*data = p;
	*len = item * t->width;
	*found = 1;
	return DB_OK;
}

/* --- integration ---------------------------------------------------- */

enum db_err
tlog_checkpoint_insert(uint64_t size, const uint8_t root[HB], const char *note)
{
	const char	*params[3];
	char		 sz[24], hex[HEXB];

	(void)snprintf(sz, sizeof(sz), "%" PRIu64, size);
	sodium_bin2hex(hex, sizeof(hex), root, HB);
	params[0] = sz;
	params[1] = hex;
	params[2] = note;
	return db_run(STMT_TLOG_CHECKPOINT_INSERT, params, 3);
}

/* A new row of tlog_hashes, made in memory during a step. */
struct node {
	uint64_t	 level, index;
	uint8_t		 hash[HB];
};

struct step {
	struct arena	*a;
	uint64_t	 old_size, new_size;
	uint8_t		 old_root[HB];
	size_t		 n;			/* entries taken */
	char		*ids;			/* "{id,...}" */
	char		*entries;		/* "{hex,...}" */
	uint8_t		(*entry)[TLOG_ENTRY_BYTES];
	struct node	*rows;
	size_t		 nrows;
	struct node	 stack[64 + 1];
	size_t		 depth;
};

/* Read the batch: ids and entries, in queue order. */
static enum db_err
step_read_queue(struct step *s)
{
	const char	*params[1];
	struct buf	 ids, ents;
	char		 lim[16];
	PGresult	*res;
	enum db_err	 err;
	size_t		 i;

	(void)snprintf(lim, sizeof(lim), "%u", TLOG_BATCH_MAX);
	params[0] = lim;
	if ((err = db_exec(STMT_TLOG_QUEUE_READ, params, 1, &res)) != DB_OK)
		return err;
	s->n = (size_t)PQntuples(res);
	buf_init(&ids, s->a, ARRAY_TEXT_MAX);
	buf_init(&ents, s->a, ARRAY_TEXT_MAX);
	if ((s->entry = arena_calloc(s->a, s->n + 1, TLOG_ENTRY_BYTES)) ==
	    NULL || buf_append(&ids, "{", 1) == -1 ||
	    buf_append(&ents, "{", 1) == -1)
		goto fail;
	for (i = 0; i < s->n; i++) {
		const char	*id = PQgetvalue(res, (int)i, 0);
		const char	*hex = PQgetvalue(res, (int)i, 1);

		if (unhex(hex, s->entry[i]) == -1 ||
		    (i > 0 && (buf_append(&ids, ",", 1) == -1 ||
		    buf_append(&ents, ",", 1) == -1)) ||
		    buf_append(&ids, id, strlen(id)) == -1 ||
		    buf_append(&ents, hex, strlen(hex)) == -1)
			goto fail;
	}
	if (buf_append(&ids, "}", 1) == -1 || buf_append(&ents, "}", 1) == -1)
		goto fail;
	PQclear(res);
	s->ids = ids.data;
	s->entries = ents.data;
	return DB_OK;
fail:
	PQclear(res);
	return DB_ERROR;
}

static void
step_emit(struct step *s, uint64_t level, uint64_t index, const uint8_t h[HB])
{
	struct node	*n = &s->rows[s->nrows++];

	n->level = level;
	n->index = index;
	memcpy(n->hash, h, HB);
}

/*
 * Append the batch's leaves to the old tree's right edge (a compact
 * range): each new leaf is pushed, and two subtrees of one level merge
 * into the next; every merge is a new complete subtree to store.
 */
static int
step_hash(struct step *s, const struct op_args *edge)
{
	struct node	*l, *r;
	uint64_t	 pos;
	size_t		 i;
	int		 b;

	if ((s->rows = arena_calloc(s->a, 2 * s->n + 64, sizeof(*s->rows))) ==
	    NULL)
		return -1;
	s->depth = 0;
	for (b = 63, i = 0; b >= 0; b--)
		if (s->old_size & ((uint64_t)1 << b)) {
			s->stack[s->depth].level = (uint64_t)b;
			s->stack[s->depth].index = (s->old_size >> b) - 1;
			memcpy(s->stack[s->depth].hash, edge->edge[i++], HB);
			s->depth++;
		}
	for (i = 0; i < s->n; i++) {
		pos = s->old_size + i;
		r = &s->stack[s->depth++];
		r->level = 0;
		r->index = pos;
		merkle_leaf_hash(s->entry[i], TLOG_ENTRY_BYTES, r->hash);
		step_emit(s, 0, pos, r->hash);
		while (s->depth >= 2 && s->stack[s->depth - 2].level ==
		    s->stack[s->depth - 1].level) {
			l = &s->stack[s->depth - 2];
			r = &s->stack[s->depth - 1];
			merkle_node_hash(l->hash, r->hash, l->hash);
			l->level++;
			l->index /= 2;
			step_emit(s, l->level, l->index, l->hash);
			s->depth--;
		}
	}
	return 0;
}

static enum db_err
step_store(struct step *s)
{
	struct buf	 lv, ix, hx;
	const char	*params[3];
	char		 num[48], hex[HEXB];
	enum db_err	 err;
	size_t		 i;
	int		 n;

	(void)snprintf(num, sizeof(num), "%" PRIu64, s->old_size);
	params[0] = num;
	params[1] = s->entries;
	/* DB_CONFLICT: a leaf already there (see step_run). */
	if ((err = db_run(STMT_TLOG_LEAVES_INSERT, params, 2)) != DB_OK)
		return err;
	buf_init(&lv, s->a, ARRAY_TEXT_MAX);
	buf_init(&ix, s->a, ARRAY_TEXT_MAX);
	buf_init(&hx, s->a, ARRAY_TEXT_MAX);
	if (buf_append(&lv, "{", 1) == -1 || buf_append(&ix, "{", 1) == -1 ||
	    buf_append(&hx, "{", 1) == -1)
		return DB_ERROR;
	for (i = 0; i < s->nrows; i++) {
		const char	*sep = i > 0 ? "," : "";

		sodium_bin2hex(hex, sizeof(hex), s->rows[i].hash, HB);
		n = snprintf(num, sizeof(num), "%s%" PRIu64, sep,
		    s->rows[i].level);
		if (n < 0 || buf_append(&lv, num, (size_t)n) == -1)
			return DB_ERROR;
		n = snprintf(num, sizeof(num), "%s%" PRIu64, sep,
		    s->rows[i].index);
		if (n < 0 || buf_append(&ix, num, (size_t)n) == -1 ||
		    buf_append(&hx, sep, strlen(sep)) == -1 ||
		    buf_append(&hx, hex, HB * 2) == -1)
			return DB_ERROR;
	}
	if (buf_append(&lv, "}", 1) == -1 || buf_append(&ix, "}", 1) == -1 ||
	    buf_append(&hx, "}", 1) == -1)
		return DB_ERROR;
	params[0] = lv.data;
	params[1] = ix.data;
	params[2] = hx.data;
	return db_run(STMT_TLOG_HASHES_INSERT, params, 3);
}

/*
 * The last checkpoint, its root taken from the note verified with our
 * own key, so that a root column edited in the database cannot make us
 * sign a rewritten history.
 */
static enum tlog_step_err
step_old(struct step *s, const struct note_signer *signer, const char *origin,
    int *found, enum db_err *dberr)
{
	struct tlog_head	 head;
	struct note_verifier	 v;
	struct checkpoint	 cp;
	enum note_err		 ne;

	if ((*dberr = tlog_latest(s->a, &head, found)) != DB_OK)
		return TLOG_STEP_DB;
	if (!*found) {
		s->old_size = 0;
		crypto_hash_sha256(s->old_root, NULL, 0);
		return TLOG_STEP_OK;
	}
	note_signer_verifier(signer, &v);
	ne = checkpoint_open(s->a, head.note, head.note_len, origin, &v, 1, &cp);
	if (ne != NOTE_OK || cp.size != head.size) {
		log_event(LOG_ERROR, "tlog.bad_checkpoint", "size=%" PRIu64
		    " reason=\"%s\"", head.size, ne != NOTE_OK ?
		    note_err_str[ne] : "size differs");
		return TLOG_STEP_BAD_CHECKPOINT;
	}
	s->old_size = cp.size;
	memcpy(s->old_root, cp.root, HB);
	return TLOG_STEP_OK;
}

/* Refuse to go on from a tree that does not extend what we last signed. */
static enum tlog_step_err
step_check_last(struct step *s, uint64_t last_size, const uint8_t last_root[HB],
    enum db_err *dberr)
{
	struct op_args	*o;

	if (last_size == UINT64_MAX ||
	    (last_size == s->old_size &&
	    memcmp(last_root, s->old_root, HB) == 0))
		return TLOG_STEP_OK;
	if (last_size > s->old_size) {
		log_event(LOG_ERROR, "tlog.inconsistent", "reason=rolled-back "
		    "signed=%" PRIu64 " stored=%" PRIu64, last_size,
		    s->old_size);
		return TLOG_STEP_INCONSISTENT;
	}
	/* Another host's integrator signed since: it must extend ours. */
	if ((o = arena_calloc(s->a, 1, sizeof(*o))) == NULL) {
		*dberr = DB_ERROR;
		return TLOG_STEP_DB;
	}
	o->a = last_size;
	o->b = s->old_size;
	if ((*dberr = with_hashes(s->a, op_root_and_consistency, o)) != DB_OK)
		return TLOG_STEP_DB;
	if (merkle_consistency_verify(last_size, s->old_size,
	    (const uint8_t (*)[HB])o->proof, o->len, last_root, s->old_root) ==
	    -1) {
		log_event(LOG_ERROR, "tlog.inconsistent", "reason=proof "
		    "from=%" PRIu64 " to=%" PRIu64, last_size, s->old_size);
		return TLOG_STEP_INCONSISTENT;
	}
	return TLOG_STEP_OK;
}

static enum tlog_step_err
step_run(struct step *s, const struct note_signer *signer, const char *origin,
    uint64_t last_size, const uint8_t last_root[HB], struct tlog_step *out,
    enum db_err *dberr)
{
	struct op_args		*o;
	enum tlog_step_err	 e;
	char			*note;
	size_t			 notelen;
	int			 found;

	if ((*dberr = db_run(STMT_BEGIN, NULL, 0)) != DB_OK ||
	    (*dberr = db_run(STMT_TLOG_LOCK, NULL, 0)) != DB_OK)
		return TLOG_STEP_DB;
	if ((e = step_old(s, signer, origin, &found, dberr)) != TLOG_STEP_OK ||
	    (e = step_check_last(s, last_size, last_root, dberr)) !=
	    TLOG_STEP_OK)
		return e;
	if ((*dberr = step_read_queue(s)) != DB_OK)
		return TLOG_STEP_DB;
	out->size = s->old_size;
	if (s->n == 0 && found)
		return TLOG_STEP_OK;		/* nothing to do */
	s->new_size = s->old_size + s->n;
	if ((o = arena_calloc(s->a, 1, sizeof(*o))) == NULL) {
		*dberr = DB_ERROR;
		return TLOG_STEP_DB;
	}
	o->a = s->old_size;
	if ((*dberr = with_hashes(s->a, op_edge, o)) != DB_OK)
		return TLOG_STEP_DB;
	if (step_hash(s, o) == -1) {
		*dberr = DB_ERROR;
		return TLOG_STEP_DB;
	}
	if ((*dberr = step_store(s)) != DB_OK) {
		if (*dberr == DB_CONFLICT) {
			/* Rows past the signed tree: storage was tampered with. */
			log_event(LOG_ERROR, "tlog.inconsistent", "reason=rows "
			    "past size=%" PRIu64, s->old_size);
			return TLOG_STEP_INCONSISTENT;
		}
		return TLOG_STEP_DB;
	}
	o->a = s->old_size;
	o->b = s->new_size;
	if ((*dberr = with_hashes(s->a, op_root_and_consistency, o)) != DB_OK)
		return TLOG_STEP_DB;
	if (merkle_consistency_verify(s->old_size, s->new_size,
	    (const uint8_t (*)[HB])o->proof, o->len, s->old_root, o->root) ==
	    -1) {
		log_event(LOG_ERROR, "tlog.inconsistent", "reason=proof "
		    "from=%" PRIu64 " to=%" PRIu64, s->old_size, s->new_size);
		return TLOG_STEP_INCONSISTENT;
	}
	if (checkpoint_sign(s->a, signer, origin, s->new_size, o->root, &note,
	    &notelen) != NOTE_OK) {
		log_event(LOG_ERROR, "tlog.sign", "size=%" PRIu64, s->new_size);
		return TLOG_STEP_SIGN;
	}
	if ((*dberr = tlog_checkpoint_insert(s->new_size, o->root, note)) !=
	    DB_OK)
		return TLOG_STEP_DB;
	if (s->n > 0) {
		const char	*params[1] = { s->ids };

		if ((*dberr = db_run(STMT_TLOG_QUEUE_DELETE, params, 1)) !=
		    DB_OK)
			return TLOG_STEP_DB;
	}
	if ((*dberr = db_run(STMT_COMMIT, NULL, 0)) != DB_OK)
		return TLOG_STEP_DB;
	out->integrated = s->n;
	out->size = s->new_size;
	memcpy(out->root, o->root, HB);
	out->signed_new = 1;
	return TLOG_STEP_OK;
}

enum tlog_step_err
tlog_integrate(struct arena *a, const struct note_signer *signer,
    const char *origin, uint64_t last_size, const uint8_t last_root[HB],
    struct tlog_step *out, enum db_err *dberr)
{
	struct step		 s;
	enum tlog_step_err	 e;

	memset(&s, 0, sizeof(s));
	memset(out, 0, sizeof(*out));
	s.a = a;
	*dberr = DB_OK;
	e = step_run(&s, signer, origin, last_size, last_root, out, dberr);
	/* Nothing to do, or any failure: leave no transaction open. */
	if (!out->signed_new)
		db_request_end();
	return e;
}
