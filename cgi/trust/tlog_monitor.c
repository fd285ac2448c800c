/*
 * Log monitoring. See tlog_monitor.h.
 *
 * The whole tree is recomputed in memory from the entries, level by
 * level (every complete subtree hash, as the log stores them), so each
 * hash a tile serves can be compared with the one its entries imply.
 * Candidates for the first bad index are collected as they are found;
 * the smallest wins, with its reason.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "trust/checkpoint.h"
#include "trust/tlog_monitor.h"

#define HB		MERKLE_HASH_BYTES
#define EB		TLOG_MON_ENTRY_BYTES
#define BUNDLE_ITEM	(2u + EB)	/* uint16 length, then the entry */
#define MON_ARENA_BYTES	(1u << 20)

/* Every complete subtree hash of the first n[0] leaves, by level. */
struct levels {
	uint8_t		(*h[64])[HB];
	uint64_t	  n[64];
	unsigned	  count;
};

struct mon {
	tlog_fetch_fn		 fetch;
	void			*ctx;
	struct tlog_mon_result	*out;
	uint8_t			 buf[TLOG_MON_FETCH_MAX];
};

static void
levels_free(struct levels *lv)
{
	unsigned	 i;

	for (i = 0; i < lv->count; i++)
		free(lv->h[i]);
	memset(lv, 0, sizeof(*lv));
}

static int
levels_build(struct levels *lv, const uint8_t (*e)[EB], uint64_t n)
{
	uint64_t	 i;
	unsigned	 l;

	memset(lv, 0, sizeof(*lv));
	if (n == 0)
		return 0;
	if (n > SIZE_MAX / HB || (lv->h[0] = malloc(n * HB)) == NULL)
		return -1;
	lv->n[0] = n;
	lv->count = 1;
	for (i = 0; i < n; i++)
		merkle_leaf_hash(e[i], EB, lv->h[0][i]);
	for (l = 1; l < 64 && lv->n[l - 1] >= 2; l++) {
		lv->n[l] = lv->n[l - 1] / 2;
		if ((lv->h[l] = malloc(lv->n[l] * HB)) == NULL) {
			levels_free(lv);
			return -1;
		}
		lv->count = l + 1;
		for (i = 0; i < lv->n[l]; i++)
			merkle_node_hash(lv->h[l - 1][2 * i],
			    lv->h[l - 1][2 * i + 1], lv->h[l][i]);
	}
	return 0;
}

static int
levels_cb(void *ctx, uint64_t level, uint64_t index, uint8_t out[HB])
{
	const struct levels	*lv = ctx;

	if (level >= lv->count || index >= lv->n[level])
		return -1;
	memcpy(out, lv->h[level][index], HB);
	return 0;
}

int
tlog_mon_root(const uint8_t (*e)[EB], uint64_t n, uint8_t root[HB])
{
	struct levels	 lv;
	int		 rc;

	if (levels_build(&lv, e, n) == -1)
		return -1;
	rc = merkle_root(levels_cb, &lv, n, root);
	levels_free(&lv);
	return rc;
}

int
tlog_mon_state_verify(const struct tlog_mon_state *s)
{
	uint8_t	 root[HB];

	if (s->size > 0 && s->entries == NULL)
		return -1;
	if (tlog_mon_root(s->entries, s->size, root) == -1)
		return -1;
	return memcmp(root, s->root, HB) == 0 ? 0 : -1;
}

/* A bad index, with why; the smallest one found is reported. */
static void	candidate(struct mon *, uint64_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static void
candidate(struct mon *m, uint64_t index, const char *fmt, ...)
{
	struct tlog_mon_result	*o = m->out;
	va_list			 ap;

	o->verdict = TLOG_MON_TAMPERED;
	if (o->has_index && o->first_bad <= index)
		return;
	o->has_index = 1;
	o->first_bad = index;
	va_start(ap, fmt);
	(void)vsnprintf(o->reason, sizeof(o->reason), fmt, ap);
	va_end(ap);
}

/* Tampering that names no index (only if nothing better was found). */
static void
tampered(struct mon *m, const char *why)
{
	m->out->verdict = TLOG_MON_TAMPERED;
	if (!m->out->has_index && m->out->reason[0] == '\0')
		(void)snprintf(m->out->reason, sizeof(m->out->reason), "%s",
		    why);
}

/*
 * Fetch a tile or bundle; *got is how many of its items are well formed
 * (an entry must be 32 bytes long), from the first.
 */
static enum tlog_fetch_status
fetch_items(struct mon *m, const struct tlog_tile *t, unsigned *got)
{
	char			 path[TLOG_PATH_MAX_BYTES];
	size_t			 len, item = t->entries ? BUNDLE_ITEM : HB;
	unsigned		 i;
	enum tlog_fetch_status	 st;

	*got = 0;
	if (tlog_tile_path(t, path, sizeof(path)) < 0)
		return TLOG_FETCH_MISSING;
	st = m->fetch(m->ctx, path, m->buf, sizeof(m->buf), &len);
	if (st != TLOG_FETCH_OK)
		return st;
	for (i = 0; i < t->width && (size_t)(i + 1) * item <= len; i++)
		if (t->entries && (m->buf[i * item] != 0 ||
		    m->buf[i * item + 1] != EB))
			break;
	*got = i;
	return TLOG_FETCH_OK;
}

/*
 * Fetch tile t in full or learn how much of it the log still serves:
 * partial tiles of every width below are valid URLs, and a log that lost
 * rows serves the narrower ones only, so a bisection on the width finds
 * the first item missing. TLOG_FETCH_OK with *got == t->width, or
 * TLOG_FETCH_MISSING with *got < t->width items in m->buf, or
 * TLOG_FETCH_UNAVAILABLE.
 */
static enum tlog_fetch_status
fetch_tile(struct mon *m, const struct tlog_tile *t, unsigned *got)
{
	struct tlog_tile	 u = *t;
	enum tlog_fetch_status	 st;
	unsigned		 lo, hi, mid, g;

	st = fetch_items(m, t, got);
	if (st == TLOG_FETCH_UNAVAILABLE)
		return st;
	if (st == TLOG_FETCH_OK)
		return *got == t->width ? TLOG_FETCH_OK : TLOG_FETCH_MISSING;
	lo = 0;
	hi = t->width - 1;
	while (lo < hi) {
		mid = lo + (hi - lo + 1) / 2;
		u.width = mid;
		if ((st = fetch_items(m, &u, &g)) == TLOG_FETCH_UNAVAILABLE)
			return st;
		if (st == TLOG_FETCH_OK && g == mid)
			lo = mid;
		else
			hi = mid - 1;
	}
	*got = 0;
	if (lo > 0) {
		u.width = lo;
		if (fetch_items(m, &u, &g) != TLOG_FETCH_OK || g != lo)
			return TLOG_FETCH_UNAVAILABLE;	/* it changed meanwhile */
		*got = lo;
	}
	return TLOG_FETCH_MISSING;
}

/* Every entry bundle, into e; returns how many entries were obtained. */
static int
fetch_entries(struct mon *m, uint64_t n, uint8_t (*e)[EB], uint64_t *have)
{
	struct tlog_tile	 t;
	enum tlog_fetch_status	 st;
	uint64_t		 k;
	unsigned		 got, i;

	*have = 0;
	for (k = 0; k < (n + TLOG_TILE_WIDTH - 1) / TLOG_TILE_WIDTH; k++) {
		memset(&t, 0, sizeof(t));
		t.entries = 1;
		t.index = k;
		t.width = tlog_tile_width_at(n, 0, k);
		if (t.width == 0)
			t.width = TLOG_TILE_WIDTH;
		st = fetch_tile(m, &t, &got);
		if (st == TLOG_FETCH_UNAVAILABLE)
			return -1;
		for (i = 0; i < got; i++)
			memcpy(e[*have + i], m->buf + i * BUNDLE_ITEM + 2, EB);
		*have += got;
		if (got < t.width) {
			candidate(m, *have, "entry %" PRIu64 " is not served "
			    "(or malformed) though the checkpoint of size %"
			    PRIu64 " covers it", *have, n);
			return 0;
		}
	}
	return 0;
}

/*
 * A bad index already found in [from, to) explains a wrong hash of that
 * subtree: the subtree's start would be a worse answer.
 */
static int
explained(const struct mon *m, uint64_t from, uint64_t to)
{
	return m->out->has_index && m->out->first_bad >= from &&
	    m->out->first_bad < to;
}

/*
 * Compare every hash tile with the tree the entries make, level 0 first,
 * so that a wrong entry is named rather than the subtree above it.
 */
static int
check_tiles(struct mon *m, uint64_t n, const struct levels *lv)
{
	struct tlog_tile	 t;
	enum tlog_fetch_status	 st;
	uint64_t		 j, tiles, idx;
	unsigned		 L, lvl, got, i;

	for (L = 0; L < 64 / TLOG_TILE_HEIGHT; L++) {
		lvl = L * TLOG_TILE_HEIGHT;
		if ((n >> lvl) == 0)
			break;
		tiles = ((n >> lvl) + TLOG_TILE_WIDTH - 1) / TLOG_TILE_WIDTH;
		for (j = 0; j < tiles; j++) {
			memset(&t, 0, sizeof(t));
			t.level = L;
			t.index = j;
			t.width = tlog_tile_width_at(n, L, j);
			if (t.width == 0)
				t.width = TLOG_TILE_WIDTH;
			if ((st = fetch_tile(m, &t, &got)) ==
			    TLOG_FETCH_UNAVAILABLE)
				return -1;
			for (i = 0; i < got; i++) {
				idx = j * TLOG_TILE_WIDTH + i;
				if (lvl >= lv->count || idx >= lv->n[lvl])
					break;	/* entries missing: known */
				if (memcmp(lv->h[lvl][idx], m->buf + i * HB,
				    HB) == 0)
					continue;
				if (lvl == 0)
					candidate(m, idx, "the leaf hash of "
					    "entry %" PRIu64 " is not the one "
					    "tile 0 serves", idx);
				else if (!explained(m, idx << lvl,
				    (idx + 1) << lvl))
					candidate(m, idx << lvl, "the hash of "
					    "entries %" PRIu64 " to %" PRIu64
					    " is not the one tile %u serves",
					    idx << lvl, ((idx + 1) << lvl) - 1,
					    L);
				break;
			}
			if (got < t.width)
				candidate(m, (j * TLOG_TILE_WIDTH + got) << lvl,
				    "tile %u is not served in full", L);
		}
	}
	return 0;
}

/* Compare with what the previous run verified. */
static void
check_prev(struct mon *m, const struct tlog_mon_state *prev, uint64_t n,
    const uint8_t (*e)[EB], uint64_t have, const struct levels *lv)
{
	uint8_t		 root[HB];
	uint64_t	 i, lim;

	if (prev->entries != NULL) {
		lim = have < prev->size ? have : prev->size;
		for (i = 0; i < lim; i++)
			if (memcmp(e[i], prev->entries[i], EB) != 0) {
				candidate(m, i, "entry %" PRIu64 " differs "
				    "from the one verified before", i);
				break;
			}
	}
	if (n < prev->size)
		candidate(m, n, "the log shrank from %" PRIu64 " to %" PRIu64
		    " entries", prev->size, n);
	else if (have < prev->size)
		candidate(m, have, "entry %" PRIu64 ", verified before, is "
		    "no longer served", have);
	else if (merkle_root(levels_cb, (void *)lv, prev->size, root) == 0 &&
	    memcmp(root, prev->root, HB) != 0)
		tampered(m, "the log is not consistent with the checkpoint "
		    "verified before");
}

void
tlog_monitor_check(tlog_fetch_fn fetch, void *ctx,
    const struct note_verifier *v, const struct tlog_mon_state *prev,
    struct tlog_mon_result *out)
{
	struct checkpoint	 cp;
	struct levels		 lv;
	struct arena		*a = NULL;
	struct mon		*m = NULL;
	uint8_t			(*e)[EB] = NULL, root[HB];
	uint64_t		 have = 0;
	size_t			 len;
	enum note_err		 ne;

	memset(out, 0, sizeof(*out));
	memset(&lv, 0, sizeof(lv));
	out->verdict = TLOG_MON_NOMEM;
	if ((a = arena_new(MON_ARENA_BYTES)) == NULL ||
	    (m = calloc(1, sizeof(*m))) == NULL)
		goto out;
	m->fetch = fetch;
	m->ctx = ctx;
	m->out = out;
	out->verdict = TLOG_MON_UNAVAILABLE;
	if (fetch(ctx, "checkpoint", m->buf, NOTE_MAX_BYTES, &len) !=
	    TLOG_FETCH_OK) {
		snprintf(out->reason, sizeof(out->reason), "no checkpoint");
		goto out;
	}
	ne = checkpoint_open(a, (const char *)m->buf, len, v->name, v, 1, &cp);
	if (ne != NOTE_OK) {
		out->verdict = TLOG_MON_TAMPERED;
		snprintf(out->reason, sizeof(out->reason), "the checkpoint "
		    "does not verify with %s: %s", v->name, note_err_str[ne]);
		goto out;
	}
	out->verdict = TLOG_MON_NOMEM;
	if (cp.size > SIZE_MAX / EB ||
	    (e = malloc(cp.size ? cp.size * EB : 1)) == NULL ||
	    (out->note = malloc(len + 1)) == NULL)
		goto out;
	memcpy(out->note, m->buf, len);
	out->note[len] = '\0';
	out->note_len = len;
	out->verdict = TLOG_MON_OK;

	if (fetch_entries(m, cp.size, e, &have) == -1)
		goto unavailable;
	if (levels_build(&lv, (const uint8_t (*)[EB])e, have) == -1) {
		out->verdict = TLOG_MON_NOMEM;
		goto out;
	}
	/* What was verified before first: it names entries, not subtrees. */
	if (prev != NULL)
		check_prev(m, prev, cp.size, (const uint8_t (*)[EB])e, have,
		    &lv);
	if (check_tiles(m, cp.size, &lv) == -1)
		goto unavailable;
	if (have == cp.size && (merkle_root(levels_cb, &lv, cp.size, root) ==
	    -1 || memcmp(root, cp.root, HB) != 0)) {
		/* Entries and tiles agree: what is new since last time lies. */
		if (prev != NULL && prev->size < cp.size)
			candidate(m, prev->size, "the entries from %" PRIu64
			    " on do not hash to the signed root", prev->size);
		else
			tampered(m, "the entries do not hash to the signed "
			    "root");
	}
	if (out->verdict != TLOG_MON_OK)
		goto out;
	out->size = cp.size;
	memcpy(out->root, cp.root, HB);
	out->entries = e;
	e = NULL;
	goto out;
unavailable:
	/* Tampering already proven outranks a failed fetch. */
	if (out->verdict != TLOG_MON_TAMPERED) {
		out->verdict = TLOG_MON_UNAVAILABLE;
		snprintf(out->reason, sizeof(out->reason), "a tile could not "
		    "be fetched");
	}
out:
	levels_free(&lv);
	free(e);
	free(m);
	arena_free(a);
	if (out->verdict != TLOG_MON_OK) {
		free(out->note);
		out->note = NULL;
		out->note_len = 0;
	}
}

void
tlog_mon_result_free(struct tlog_mon_result *r)
{
	free(r->note);
	free(r->entries);
	r->note = NULL;
	r->entries = NULL;
}
