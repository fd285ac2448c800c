/*
 * The transparency log's Merkle tree (RFC 6962 / RFC 9162 section 2.1):
 * leaf and node hashing, tree heads, inclusion and consistency proofs, and
 * the tile paths of c2sp.org/tlog-tiles. Pure functions: no storage.
 *
 * Proof generation never walks the tree. It asks a callback for the hash
 * of complete subtrees, addressed as tlog-tiles addresses them: (level,
 * index) is MTH(D[index * 2^level : (index + 1) * 2^level]), level 0
 * being the leaf hashes. A proof or a tree head costs O(log n) calls, so
 * the log can answer them from stored tiles.
 *
 * Caveats: hashes are SHA-256 (libsodium; sodium_init() is the program's
 * job). The trees' hashes are public, so comparisons are not constant-time.
 */
#ifndef PORTAL_TRUST_MERKLE_H
#define PORTAL_TRUST_MERKLE_H

#include <stddef.h>
#include <stdint.h>

#define MERKLE_HASH_BYTES	32u
/*
 * An inclusion proof has one hash per level of a tree of up to 2^64 - 1
 * leaves (64); a consistency proof may add one for the old tree (65).
 */
#define MERKLE_MAX_PROOF	65u

/* tlog-tiles: tiles are 8 levels high, 256 hashes wide. */
#define TLOG_TILE_HEIGHT	8u
#define TLOG_TILE_WIDTH		256u
#define TLOG_MAX_LEVEL		63u
#define TLOG_PATH_MAX_BYTES	64u	/* the longest tile path and its NUL */

/*
 * The hash of the complete subtree (level, index) into out. 0 on success,
 * -1 on failure (storage error, or a subtree outside the tree), which the
 * functions below pass on as -1.
 */
typedef int (*merkle_hash_fn)(void *ctx, uint64_t level, uint64_t index,
    uint8_t out[MERKLE_HASH_BYTES]);

/* SHA-256(0x00 || entry). */
void	merkle_leaf_hash(const uint8_t *entry, size_t len,
	    uint8_t out[MERKLE_HASH_BYTES]);
/* SHA-256(0x01 || left || right). */
void	merkle_node_hash(const uint8_t left[MERKLE_HASH_BYTES],
	    const uint8_t right[MERKLE_HASH_BYTES],
	    uint8_t out[MERKLE_HASH_BYTES]);

/*
 * The root of the first size leaves (SHA-256 of nothing when size is 0),
 * with one call per set bit of size. 0, or -1 if a call failed.
 */
int	merkle_root(merkle_hash_fn, void *ctx, uint64_t size,
	    uint8_t out[MERKLE_HASH_BYTES])
	    __attribute__((warn_unused_result));

/*
 * The inclusion proof of leaf index in the tree of size leaves (RFC 9162
 * 2.1.3.1), bottom-up, into proof; its length into *len. 0, or -1 if
 * index >= size or a call failed.
 */
int	merkle_inclusion_proof(merkle_hash_fn, void *ctx, uint64_t index,
	    uint64_t size, uint8_t proof[][MERKLE_HASH_BYTES], size_t *len)
	    __attribute__((warn_unused_result));

/*
 * 0 if proof shows that leaf (a leaf hash) is at index in the tree of
 * size leaves whose root is root (RFC 9162 2.1.3.2); -1 otherwise.
 */
int	merkle_inclusion_verify(uint64_t index, uint64_t size,
	    const uint8_t leaf[MERKLE_HASH_BYTES],
	    const uint8_t proof[][MERKLE_HASH_BYTES], size_t len,
	    const uint8_t root[MERKLE_HASH_BYTES])
	    __attribute__((warn_unused_result));

/*
 * The consistency proof from the tree of size1 leaves to the tree of
 * size2 leaves (RFC 9162 2.1.4.1) into proof, its length into *len; empty
 * when size1 is 0 or size1 == size2. 0, or -1 if size1 > size2 or a call
 * failed.
 */
int	merkle_consistency_proof(merkle_hash_fn, void *ctx, uint64_t size1,
	    uint64_t size2, uint8_t proof[][MERKLE_HASH_BYTES], size_t *len)
	    __attribute__((warn_unused_result));

/*
 * 0 if proof shows that the tree (size1, root1) is a prefix of the tree
 * (size2, root2) (RFC 9162 2.1.4.2): an empty proof for equal sizes with
 * equal roots, or for size1 == 0; -1 otherwise.
 */
int	merkle_consistency_verify(uint64_t size1, uint64_t size2,
	    const uint8_t proof[][MERKLE_HASH_BYTES], size_t len,
	    const uint8_t root1[MERKLE_HASH_BYTES],
	    const uint8_t root2[MERKLE_HASH_BYTES])
	    __attribute__((warn_unused_result));

/*
 * A merkle_hash_fn over leaf hashes held in memory, for tests and tools:
 * ctx is a struct merkle_mem. A subtree at level l costs 2^l - 1 hashes.
 */
struct merkle_mem {
	const uint8_t	(*leaves)[MERKLE_HASH_BYTES];
	uint64_t	  n;
};
int	merkle_mem_hash(void *ctx, uint64_t level, uint64_t index,
	    uint8_t out[MERKLE_HASH_BYTES]);

/*
 * A tile of c2sp.org/tlog-tiles: tile/<L>/<N>[.p/<W>], or, for entry
 * bundles, tile/entries/<N>[.p/<W>]. Tile hash i of tile (L, N) is the
 * subtree (level 8L, index 256N + i).
 */
struct tlog_tile {
	int		entries;	/* 1: an entry bundle (level is 0) */
	unsigned	level;		/* 0 to TLOG_MAX_LEVEL */
	uint64_t	index;
	unsigned	width;		/* 1 to 256; 256 is a full tile */
};

/*
 * The path of a tile, relative to the log's prefix (no leading '/'), into
 * buf, NUL-terminated. Its length, or -1 if the tile is out of range or
 * buf is too small (TLOG_PATH_MAX_BYTES always suffices).
 */
int	tlog_tile_path(const struct tlog_tile *, char *buf, size_t bufsz)
	    __attribute__((warn_unused_result));

/*
 * Parse a tile path as tlog_tile_path() writes it (and only that
 * spelling: no leading zeroes, no "x000" group, no ".p/256"). 0, or -1 if
 * path is not a tile path.
 */
int	tlog_tile_parse(const char *path, size_t len, struct tlog_tile *out)
	    __attribute__((warn_unused_result));

/*
 * How many hashes (or entries, for level 0) tile (level, index) holds in
 * a tree of tree_size leaves: TLOG_TILE_WIDTH if it is full, less for the
 * partial tile at the right edge, 0 if it does not exist yet.
 */
unsigned	tlog_tile_width_at(uint64_t tree_size, unsigned level,
		    uint64_t index);

#endif /* PORTAL_TRUST_MERKLE_H */
