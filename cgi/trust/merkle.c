/*
 * RFC 6962 Merkle trees and tlog-tiles paths. See merkle.h.
 *
 * The proof algorithms follow RFC 9162 section 2.1 step by step, with its
 * recursion unrolled into loops: a proof is at most 65 hashes, collected
 * top-down on the stack and reversed, so nothing here allocates.
 */
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trust/merkle.h"

#define HB	MERKLE_HASH_BYTES

void
merkle_leaf_hash(const uint8_t *entry, size_t len, uint8_t out[HB])
{
	crypto_hash_sha256_state	st;
	const uint8_t			prefix = 0x00;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &prefix, 1);
	crypto_hash_sha256_update(&st, entry, len);
	crypto_hash_sha256_final(&st, out);
}

/* out may be left or right: both are read before out is written. */
void
merkle_node_hash(const uint8_t left[HB], const uint8_t right[HB],
    uint8_t out[HB])
{
	crypto_hash_sha256_state	st;
	const uint8_t			prefix = 0x01;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &prefix, 1);
	crypto_hash_sha256_update(&st, left, HB);
	crypto_hash_sha256_update(&st, right, HB);
	crypto_hash_sha256_final(&st, out);
}

/* The largest power of two below n, for n >= 2 (RFC 9162's k). */
static uint64_t
split_point(uint64_t n)
{
	return (uint64_t)1 << (63 - __builtin_clzll(n - 1));
}

/*
 * MTH(D[start : start + n]) for a subtree that RFC 6962's recursion
 * visits: start is then a multiple of every power of two in n's binary
 * decomposition, so the range is a run of complete subtrees, largest
 * first, one call each, folded from the right.
 */
static int
range_hash(merkle_hash_fn fn, void *ctx, uint64_t start, uint64_t n,
    uint8_t out[HB])
{
	uint8_t		part[64][HB];
	uint64_t	off = start, w;
	size_t		np = 0;
	int		b;

	if (n == 0)
		abort();
	for (b = 63; b >= 0; b--) {
		w = (uint64_t)1 << b;
		if ((n & w) == 0)
			continue;
		/* Not a subtree of the RFC's recursion: a caller's bug. */
		if ((off & (w - 1)) != 0)
			abort();
		if (fn(ctx, (uint64_t)b, off >> b, part[np++]) == -1)
			return -1;
		off += w;
	}
	memcpy(out, part[np - 1], HB);
	while (np-- > 1)
		merkle_node_hash(part[np - 1], out, out);
	return 0;
}

int
merkle_root(merkle_hash_fn fn, void *ctx, uint64_t size, uint8_t out[HB])
{
	if (size == 0) {
		crypto_hash_sha256(out, NULL, 0);
		return 0;
	}
	return range_hash(fn, ctx, 0, size, out);
}

static void
reverse_into(uint8_t (*dst)[HB], uint8_t (*src)[HB], size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		memcpy(dst[i], src[n - 1 - i], HB);
}

int
merkle_inclusion_proof(merkle_hash_fn fn, void *ctx, uint64_t index,
    uint64_t size, uint8_t proof[][HB], size_t *len)
{
	uint8_t		top[MERKLE_MAX_PROOF][HB];
	uint64_t	lo = 0, n = size, m = index, k;
	size_t		np = 0;
	int		rc;

	if (index >= size)
		return -1;
	/* PATH(m, D[lo:lo+n]): descend towards m, keeping the other side. */
	while (n > 1) {
		k = split_point(n);
		if (m < k) {
			rc = range_hash(fn, ctx, lo + k, n - k, top[np]);
			n = k;
		} else {
			rc = range_hash(fn, ctx, lo, k, top[np]);
			lo += k;
			m -= k;
			n -= k;
		}
		if (rc == -1)
			return -1;
		np++;
	}
	reverse_into(proof, top, np);
	*len = np;
	return 0;
}

int
merkle_inclusion_verify(uint64_t index, uint64_t size, const uint8_t leaf[HB],
    const uint8_t proof[][HB], size_t len, const uint8_t root[HB])
{
	uint8_t		r[HB];
	uint64_t	fn = index, sn;
	size_t		i;

	if (index >= size || len > MERKLE_MAX_PROOF)
		return -1;
	sn = size - 1;
	memcpy(r, leaf, HB);
	for (i = 0; i < len; i++) {
		if (sn == 0)
			return -1;	/* proof longer than the path */
		if ((fn & 1) || fn == sn) {
			merkle_node_hash(proof[i], r, r);
			/* Skip levels where the right edge has no sibling. */
			while ((fn & 1) == 0 && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else
			merkle_node_hash(r, proof[i], r);
		fn >>= 1;
		sn >>= 1;
	}
	if (sn != 0 || memcmp(r, root, HB) != 0)
		return -1;
	return 0;
}

int
merkle_consistency_proof(merkle_hash_fn fn, void *ctx, uint64_t size1,
    uint64_t size2, uint8_t proof[][HB], size_t *len)
{
	uint8_t		top[MERKLE_MAX_PROOF][HB];
	uint64_t	lo = 0, m = size1, n = size2, k;
	size_t		np = 0;
	int		whole = 1, rc;

	if (size1 > size2)
		return -1;
	*len = 0;
	if (size1 == 0 || size1 == size2)
		return 0;
	/* SUBPROOF(m, D[lo:lo+n], whole), RFC 9162 2.1.4.1. */
	for (;;) {
		if (m == n) {
			/* The old tree's own root, unless it is the whole. */
			if (!whole &&
			    range_hash(fn, ctx, lo, m, top[np++]) == -1)
				return -1;
			break;
		}
		k = split_point(n);
		if (m <= k) {
			rc = range_hash(fn, ctx, lo + k, n - k, top[np]);
			n = k;
		} else {
			rc = range_hash(fn, ctx, lo, k, top[np]);
			lo += k;
			m -= k;
			n -= k;
			whole = 0;
		}
		if (rc == -1)
			return -1;
		np++;
	}
	reverse_into(proof, top, np);
	*len = np;
	return 0;
}

int
merkle_consistency_verify(uint64_t size1, uint64_t size2,
    const uint8_t proof[][HB], size_t len, const uint8_t root1[HB],
    const uint8_t root2[HB])
{
	const uint8_t	*c;
	uint8_t		 fr[HB], sr[HB];
	uint64_t	 fn, sn;
	size_t		 i;

	if (size1 > size2 || len > MERKLE_MAX_PROOF)
		return -1;
	if (size1 == size2)
		return len == 0 && memcmp(root1, root2, HB) == 0 ? 0 : -1;
	if (size1 == 0)
		return len == 0 ? 0 : -1;	/* everything extends nothing */
	if (len == 0)
		return -1;

	/*
	 * A power-of-two old tree is a subtree of the new one and its root
	 * is left out of the proof: the walk starts from root1 instead.
	 */
	fn = size1 - 1;
	sn = size2 - 1;
	while (fn & 1) {
		fn >>= 1;
		sn >>= 1;
	}
	if ((size1 & (size1 - 1)) == 0) {
		c = root1;
		i = 0;
	} else {
		c = proof[0];
		i = 1;
	}
	memcpy(fr, c, HB);
	memcpy(sr, c, HB);
	for (; i < len; i++) {
		if (sn == 0)
			return -1;
		if ((fn & 1) || fn == sn) {
			merkle_node_hash(proof[i], fr, fr);
			merkle_node_hash(proof[i], sr, sr);
			while ((fn & 1) == 0 && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else
			merkle_node_hash(sr, proof[i], sr);
		fn >>= 1;
		sn >>= 1;
	}
	if (sn != 0 || memcmp(fr, root1, HB) != 0 ||
	    memcmp(sr, root2, HB) != 0)
		return -1;
	return 0;
}

int
merkle_mem_hash(void *ctx, uint64_t level, uint64_t index, uint8_t out[HB])
{
	const struct merkle_mem	*t = ctx;
	uint8_t			 l[HB], r[HB];

	if (level >= 64 || index >= (t->n >> level))
		return -1;
	if (level == 0) {
		memcpy(out, t->leaves[index], HB);
		return 0;
	}
	if (merkle_mem_hash(ctx, level - 1, 2 * index, l) == -1 ||
	    merkle_mem_hash(ctx, level - 1, 2 * index + 1, r) == -1)
		return -1;
	merkle_node_hash(l, r, out);
	return 0;
}

int
tlog_tile_path(const struct tlog_tile *t, char *buf, size_t bufsz)
{
	unsigned	group[7];	/* 2^64 has 20 digits: 7 groups */
	uint64_t	n = t->index;
	size_t		ng = 0, off;
	int		w;

	if (t->level > TLOG_MAX_LEVEL || (t->entries && t->level != 0) ||
	    t->width == 0 || t->width > TLOG_TILE_WIDTH)
		return -1;
	do {
		group[ng++] = (unsigned)(n % 1000);
		n /= 1000;
	} while (n > 0);

	if (t->entries)
		w = snprintf(buf, bufsz, "tile/entries/");
	else
		w = snprintf(buf, bufsz, "tile/%u/", t->level);
	if (w < 0 || (size_t)w >= bufsz)
		return -1;
	off = (size_t)w;
	while (ng-- > 0) {
		w = snprintf(buf + off, bufsz - off, ng > 0 ? "x%03u/" : "%03u",
		    group[ng]);
		if (w < 0 || (size_t)w >= bufsz - off)
			return -1;
		off += (size_t)w;
	}
	if (t->width < TLOG_TILE_WIDTH) {
		w = snprintf(buf + off, bufsz - off, ".p/%u", t->width);
		if (w < 0 || (size_t)w >= bufsz - off)
			return -1;
		off += (size_t)w;
	}
	return (int)off;
}

/* Exactly three ASCII digits at p. */
static int
three_digits(const char *p, const char *end, unsigned *v)
{
	if (end - p < 3 || p[0] < '0' || p[0] > '9' || p[1] < '0' ||
	    p[1] > '9' || p[2] < '0' || p[2] > '9')
		return -1;
	*v = (unsigned)((p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0'));
	return 0;
}

/* A decimal of one to three digits at *pp, advanced past it. */
static int
small_decimal(const char **pp, const char *end, unsigned *v)
{
	const char	*p = *pp;

	*v = 0;
	while (p < end && p - *pp < 3 && *p >= '0' && *p <= '9')
		*v = *v * 10 + (unsigned)(*p++ - '0');
	if (p == *pp)
		return -1;
	*pp = p;
	return 0;
}

/*
 * 1. "tile/", then "entries/" or a level and '/'.
 * 2. The index: "xDDD/" groups, then a last "DDD".
 * 3. An optional ".p/" and width, then the end.
 * 4. The spelling must be the one tlog_tile_path() writes: this refuses
 *    leading zeroes, "x000" groups and ".p/256" in one place, so each
 *    tile has exactly one URL (and one cache entry).
 */
int
tlog_tile_parse(const char *path, size_t len, struct tlog_tile *out)
{
	char		 canon[TLOG_PATH_MAX_BYTES];
	const char	*p = path, *end = path + len;
	unsigned	 v;
	int		 n;

	memset(out, 0, sizeof(*out));
	if (len >= TLOG_PATH_MAX_BYTES || len < 5 ||
	    memcmp(p, "tile/", 5) != 0)
		return -1;
	p += 5;
	if (end - p >= 8 && memcmp(p, "entries/", 8) == 0) {
		out->entries = 1;
		p += 8;
	} else {
		if (small_decimal(&p, end, &out->level) == -1 ||
		    out->level > TLOG_MAX_LEVEL || p == end || *p++ != '/')
			return -1;
	}

	while (p < end && *p == 'x') {
		if (three_digits(p + 1, end, &v) == -1 || end - p < 5 ||
		    p[4] != '/' || out->index > (UINT64_MAX - 999) / 1000)
			return -1;
		out->index = out->index * 1000 + v;
		p += 5;
	}
	if (three_digits(p, end, &v) == -1 ||
	    out->index > (UINT64_MAX - v) / 1000)
		return -1;
	out->index = out->index * 1000 + v;
	p += 3;

	out->width = TLOG_TILE_WIDTH;
	if (p < end) {
		if (end - p < 4 || memcmp(p, ".p/", 3) != 0)
			return -1;
		p += 3;
		if (small_decimal(&p, end, &out->width) == -1 || p != end)
			return -1;
	}

	n = tlog_tile_path(out, canon, sizeof(canon));
	if (n < 0 || (size_t)n != len || memcmp(canon, path, len) != 0)
		return -1;
	return 0;
}

unsigned
tlog_tile_width_at(uint64_t tree_size, unsigned level, uint64_t index)
{
	uint64_t	count, full;

	/* Level 8 would need 2^64 leaves for a single hash. */
	if (level >= 64 / TLOG_TILE_HEIGHT)
		return 0;
	count = tree_size >> (level * TLOG_TILE_HEIGHT);
	full = count / TLOG_TILE_WIDTH;
	if (index < full)
		return TLOG_TILE_WIDTH;
	if (index == full)
		return (unsigned)(count % TLOG_TILE_WIDTH);
	return 0;
}
