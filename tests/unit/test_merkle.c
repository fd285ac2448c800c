/*
 * Merkle trees: the RFC 6962 vectors every Certificate Transparency
 * implementation checks, every proof of small trees, seeded random
 * proofs of larger ones, and tlog-tiles paths.
 *
 * Vectors: transparency-dev/merkle, proof/verify_test.go (the CT test
 * suite's 8 leaves, roots of sizes 1 to 8, inclusion and consistency
 * proofs; the Go file numbers leaves from 1, this one from 0).
 */
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "trust/merkle.h"

#define HB	MERKLE_HASH_BYTES

static const struct {
	const char	*hex;
} ct_leaves[8] = {
	{ "" }, { "00" }, { "10" }, { "2021" }, { "3031" }, { "40414243" },
	{ "5051525354555657" }, { "606162636465666768696a6b6c6d6e6f" },
};

static const char *const ct_roots[8] = {
	"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
	"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
	"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
	"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
	"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
	"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

struct vector {
	uint64_t	 a, b;		/* (index, size) or (size1, size2) */
	size_t		 n;
	const char	*hash[3];
};

static const struct vector ct_inclusion[] = {
	{ 0, 8, 3, {
	    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
	    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" } },
	{ 5, 8, 3, {
	    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
	    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
	    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
	{ 2, 3, 1, {
	    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125" } },
	{ 1, 5, 3, {
	    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" } },
	{ 0, 1, 0, { NULL } },
};

static const struct vector ct_consistency[] = {
	{ 1, 1, 0, { NULL } },
	{ 1, 8, 3, {
	    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
	    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" } },
	{ 6, 8, 3, {
	    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
	    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
	    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
	{ 2, 5, 2, {
	    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" } },
	{ 6, 7, 3, {
	    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
	    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
	    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
};

static uint8_t		 ct_leaf_hash[8][HB];
static struct merkle_mem ct_tree = { ct_leaf_hash, 8 };

static void
unhex(const char *hex, uint8_t *out, size_t max, size_t *len)
{
	size_t	n;

	ck_assert_int_eq(sodium_hex2bin(out, max, hex, strlen(hex), NULL, &n,
	    NULL), 0);
	if (len != NULL)
		*len = n;
	else
		ck_assert_uint_eq(n, max);
}

static void
setup(void)
{
	uint8_t	entry[16];
	size_t	i, n;

	ck_assert_int_ge(sodium_init(), 0);
	for (i = 0; i < 8; i++) {
		unhex(ct_leaves[i].hex, entry, sizeof(entry), &n);
		merkle_leaf_hash(entry, n, ct_leaf_hash[i]);
	}
}

static void
root_of(uint64_t size, uint8_t out[HB])
{
	ck_assert_int_eq(merkle_root(merkle_mem_hash, &ct_tree, size, out), 0);
}

START_TEST(leaf_and_node_hashes_are_domain_separated)
{
	uint8_t	want[HB], got[HB], buf[1 + 2 * HB];

	/* SHA-256(0x00): the leaf hash of the empty entry. */
	buf[0] = 0x00;
	crypto_hash_sha256(want, buf, 1);
	merkle_leaf_hash(NULL, 0, got);
	ck_assert_mem_eq(got, want, HB);
	buf[0] = 0x01;
	memcpy(buf + 1, ct_leaf_hash[0], HB);
	memcpy(buf + 1 + HB, ct_leaf_hash[1], HB);
	crypto_hash_sha256(want, buf, sizeof(buf));
	merkle_node_hash(ct_leaf_hash[0], ct_leaf_hash[1], got);
	ck_assert_mem_eq(got, want, HB);
}
END_TEST

START_TEST(empty_tree_root_is_sha256_of_nothing)
{
	uint8_t	want[HB], got[HB];

	unhex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	    want, HB, NULL);
	root_of(0, got);
	ck_assert_mem_eq(got, want, HB);
}
END_TEST

START_TEST(roots_match_ct_vectors_for_sizes_1_to_8)
{
	uint8_t	want[HB], got[HB];
	size_t	i;

	for (i = 0; i < 8; i++) {
		unhex(ct_roots[i], want, HB, NULL);
		root_of(i + 1, got);
		ck_assert_mem_eq(got, want, HB);
	}
}
END_TEST

static void
check_vector(const struct vector *v, size_t len, uint8_t proof[][HB])
{
	uint8_t	want[HB];
	size_t	i;

	ck_assert_uint_eq(len, v->n);
	for (i = 0; i < v->n; i++) {
		unhex(v->hash[i], want, HB, NULL);
		ck_assert_mem_eq(proof[i], want, HB);
	}
}

START_TEST(inclusion_proofs_match_ct_vectors)
{
	uint8_t	proof[MERKLE_MAX_PROOF][HB], root[HB];
	size_t	i, len;

	for (i = 0; i < sizeof(ct_inclusion) / sizeof(ct_inclusion[0]); i++) {
		const struct vector *v = &ct_inclusion[i];

		ck_assert_int_eq(merkle_inclusion_proof(merkle_mem_hash,
		    &ct_tree, v->a, v->b, proof, &len), 0);
		check_vector(v, len, proof);
		root_of(v->b, root);
		ck_assert_int_eq(merkle_inclusion_verify(v->a, v->b,
		    ct_leaf_hash[v->a], proof, len, root), 0);
	}
}
END_TEST

START_TEST(consistency_proofs_match_ct_vectors)
{
	uint8_t	proof[MERKLE_MAX_PROOF][HB], r1[HB], r2[HB];
	size_t	i, len;

	for (i = 0; i < sizeof(ct_consistency) / sizeof(ct_consistency[0]);
	    i++) {
		const struct vector *v = &ct_consistency[i];

		ck_assert_int_eq(merkle_consistency_proof(merkle_mem_hash,
		    &ct_tree, v->a, v->b, proof, &len), 0);
		check_vector(v, len, proof);
		root_of(v->a, r1);
		root_of(v->b, r2);
		ck_assert_int_eq(merkle_consistency_verify(v->a, v->b, proof,
		    len, r1, r2), 0);
	}
}
END_TEST

/*
 * The corruptions of transparency-dev/merkle's verifierCheck: each must
 * make a valid inclusion proof fail. Changing the size by one is not
 * among them, and rightly: the path's shape depends only on the bit
 * length of size - 1 past the index, so a proof for (0, 3) also checks
 * against (0, 4). The root binds the size; a checkpoint binds the root.
 */
static void
inclusion_corruptions_fail(uint64_t idx, uint64_t size, const uint8_t *leaf,
    uint8_t proof[][HB], size_t len, const uint8_t *root, size_t bitstep)
{
	uint8_t	bad[MERKLE_MAX_PROOF + 1][HB], other[HB];
	size_t	i;

#define FAILS(i_, s_, l_, p_, n_, r_)					\
	ck_assert_msg(merkle_inclusion_verify((i_), (s_), (l_), (p_),	\
	    (n_), (r_)) == -1, "bad proof of (%llu, %llu) verifies: %s",	\
	    (unsigned long long)idx, (unsigned long long)size,		\
	    #i_ " " #s_ " " #l_ " " #n_)

	memset(other, 0x5a, HB);
	FAILS(idx - 1, size, leaf, proof, len, root);
	FAILS(idx + 1, size, leaf, proof, len, root);
	FAILS(idx ^ 2, size, leaf, proof, len, root);
	FAILS(idx, size * 2, leaf, proof, len, root);
	FAILS(idx, size / 2, leaf, proof, len, root);
	FAILS(idx, size, other, proof, len, root);
	FAILS(idx, size, leaf, proof, len, other);
	/* Trailing and leading garbage. */
	memcpy(bad, proof, len * HB);
	memcpy(bad[len], root, HB);
	FAILS(idx, size, leaf, bad, len + 1, root);
	memcpy(bad[0], root, HB);
	memcpy(bad + 1, proof, len * HB);
	FAILS(idx, size, leaf, bad, len + 1, root);
	if (len > 0)
		FAILS(idx, size, leaf, proof, len - 1, root);
	/* Every bitstep-th bit of every hash (every bit if bitstep is 1). */
	for (i = 0; i < len * HB * 8; i += bitstep) {
		memcpy(bad, proof, len * HB);
		bad[i / (HB * 8)][i / 8 % HB] ^= (uint8_t)(1u << (i % 8));
		FAILS(idx, size, leaf, bad, len, root);
	}
#undef FAILS
}

static void
consistency_corruptions_fail(uint64_t s1, uint64_t s2, uint8_t proof[][HB],
    size_t len, const uint8_t *r1, const uint8_t *r2, size_t bitstep)
{
	uint8_t	bad[MERKLE_MAX_PROOF + 1][HB], other[HB];
	size_t	i;

#define FAILS(a_, b_, p_, n_, x_, y_)					\
	ck_assert_msg(merkle_consistency_verify((a_), (b_), (p_), (n_),	\
	    (x_), (y_)) == -1, "bad proof %llu -> %llu verifies: %s",	\
	    (unsigned long long)s1, (unsigned long long)s2,		\
	    #a_ " " #b_ " " #n_ " " #x_ " " #y_)

	/* Trivial proofs (empty) have nothing to corrupt but the roots. */
	memset(other, 0x5a, HB);
	if (len == 0) {
		if (s1 == s2)
			FAILS(s1, s2, proof, 0, r1, other);
		return;
	}
	FAILS(s1 - 1, s2, proof, len, r1, r2);
	FAILS(s1 + 1, s2, proof, len, r1, r2);
	FAILS(s1 ^ 2, s2, proof, len, r1, r2);
	FAILS(s1, s2 * 2, proof, len, r1, r2);
	FAILS(s1, s2 / 2, proof, len, r1, r2);
	FAILS(s1, s2, proof, len, other, r2);
	FAILS(s1, s2, proof, len, r1, other);
	FAILS(s1, s2, proof, len, r2, r1);
	FAILS(s1, s2, proof, 0, r1, r2);
	FAILS(s1, s2, proof, len - 1, r1, r2);
	memcpy(bad, proof, len * HB);
	memcpy(bad[len], r2, HB);
	FAILS(s1, s2, bad, len + 1, r1, r2);
	memcpy(bad[len], r1, HB);
	FAILS(s1, s2, bad, len + 1, r1, r2);
	memcpy(bad + 1, proof, len * HB);
	memcpy(bad[0], r1, HB);
	FAILS(s1, s2, bad, len + 1, r1, r2);
	memcpy(bad[0], r2, HB);
	FAILS(s1, s2, bad, len + 1, r1, r2);
	memcpy(bad[0], proof[0], HB);
	FAILS(s1, s2, bad, len + 1, r1, r2);
	for (i = 0; i < len * HB * 8; i += bitstep) {
		memcpy(bad, proof, len * HB);
		bad[i / (HB * 8)][i / 8 % HB] ^= (uint8_t)(1u << (i % 8));
		FAILS(s1, s2, bad, len, r1, r2);
	}
#undef FAILS
}

START_TEST(every_inclusion_proof_up_to_8_verifies)
{
	uint8_t		proof[MERKLE_MAX_PROOF][HB], root[HB];
	uint64_t	size, idx;
	size_t		len;

	for (size = 1; size <= 8; size++) {
		root_of(size, root);
		for (idx = 0; idx < size; idx++) {
			ck_assert_int_eq(merkle_inclusion_proof(merkle_mem_hash,
			    &ct_tree, idx, size, proof, &len), 0);
			ck_assert_int_eq(merkle_inclusion_verify(idx, size,
			    ct_leaf_hash[idx], proof, len, root), 0);
		}
	}
}
END_TEST

START_TEST(every_corrupted_inclusion_proof_up_to_8_fails)
{
	uint8_t		proof[MERKLE_MAX_PROOF][HB], root[HB];
	uint64_t	size, idx;
	size_t		len;

	for (size = 1; size <= 8; size++) {
		root_of(size, root);
		for (idx = 0; idx < size; idx++) {
			ck_assert_int_eq(merkle_inclusion_proof(merkle_mem_hash,
			    &ct_tree, idx, size, proof, &len), 0);
			inclusion_corruptions_fail(idx, size, ct_leaf_hash[idx],
			    proof, len, root, 1);
		}
	}
}
END_TEST

START_TEST(every_consistency_proof_up_to_8_verifies)
{
	uint8_t		proof[MERKLE_MAX_PROOF][HB], r1[HB], r2[HB];
	uint64_t	s1, s2;
	size_t		len;

	for (s2 = 0; s2 <= 8; s2++) {
		root_of(s2, r2);
		for (s1 = 0; s1 <= s2; s1++) {
			root_of(s1, r1);
			ck_assert_int_eq(merkle_consistency_proof(
			    merkle_mem_hash, &ct_tree, s1, s2, proof, &len), 0);
			ck_assert_int_eq(merkle_consistency_verify(s1, s2,
			    proof, len, r1, r2), 0);
		}
	}
}
END_TEST

START_TEST(every_corrupted_consistency_proof_up_to_8_fails)
{
	uint8_t		proof[MERKLE_MAX_PROOF][HB], r1[HB], r2[HB];
	uint64_t	s1, s2;
	size_t		len;

	for (s2 = 1; s2 <= 8; s2++) {
		root_of(s2, r2);
		for (s1 = 1; s1 <= s2; s1++) {
			root_of(s1, r1);
			ck_assert_int_eq(merkle_consistency_proof(
			    merkle_mem_hash, &ct_tree, s1, s2, proof, &len), 0);
			consistency_corruptions_fail(s1, s2, proof, len, r1, r2,
			    1);
		}
	}
}
END_TEST

START_TEST(inclusion_needs_index_below_size)
{
	uint8_t	proof[MERKLE_MAX_PROOF][HB];
	size_t	len;

	ck_assert_int_eq(merkle_inclusion_proof(merkle_mem_hash, &ct_tree, 8,
	    8, proof, &len), -1);
	ck_assert_int_eq(merkle_inclusion_proof(merkle_mem_hash, &ct_tree, 0,
	    0, proof, &len), -1);
	ck_assert_int_eq(merkle_inclusion_verify(0, 0, ct_leaf_hash[0], proof,
	    0, ct_leaf_hash[0]), -1);
	ck_assert_int_eq(merkle_inclusion_verify(1, 1, ct_leaf_hash[0], proof,
	    0, ct_leaf_hash[0]), -1);
	/* A one-leaf tree's root is its leaf, with an empty proof. */
	ck_assert_int_eq(merkle_inclusion_verify(0, 1, ct_leaf_hash[0], proof,
	    0, ct_leaf_hash[0]), 0);
	ck_assert_int_eq(merkle_inclusion_verify(0, 1, ct_leaf_hash[0], proof,
	    MERKLE_MAX_PROOF + 1, ct_leaf_hash[0]), -1);
}
END_TEST

/* transparency-dev/merkle TestVerifyConsistency: the trivial cases. */
START_TEST(consistency_edge_cases_follow_rfc9162)
{
	uint8_t	empty[HB], r1[HB], r2[HB], proof[1][HB];
	size_t	len;

	root_of(0, empty);
	memset(r1, 1, HB);
	memset(r2, 2, HB);
	memcpy(proof[0], empty, HB);
	ck_assert_int_eq(merkle_consistency_verify(0, 0, proof, 0, r1, r2), -1);
	ck_assert_int_eq(merkle_consistency_verify(1, 1, proof, 0, r1, r2), -1);
	ck_assert_int_eq(merkle_consistency_verify(0, 0, proof, 0, r1, r1), 0);
	ck_assert_int_eq(merkle_consistency_verify(0, 1, proof, 0, r1, r2), 0);
	ck_assert_int_eq(merkle_consistency_verify(1, 1, proof, 0, r2, r2), 0);
	ck_assert_int_eq(merkle_consistency_verify(1, 0, proof, 0, r1, r2), -1);
	ck_assert_int_eq(merkle_consistency_verify(2, 1, proof, 0, r1, r2), -1);
	ck_assert_int_eq(merkle_consistency_verify(1, 2, proof, 0, r1, r2), -1);
	ck_assert_int_eq(merkle_consistency_verify(0, 0, proof, 1, empty,
	    empty), -1);
	ck_assert_int_eq(merkle_consistency_verify(0, 1, proof, 1, empty,
	    empty), -1);
	ck_assert_int_eq(merkle_consistency_verify(1, 1, proof, 1, empty,
	    empty), -1);
	ck_assert_int_eq(merkle_consistency_proof(merkle_mem_hash, &ct_tree, 3,
	    2, proof, &len), -1);
}
END_TEST

/* Leaf i of the big tree hashes its index, little-endian. */
#define BIG	10000u
static uint8_t	 big_leaf[BIG][HB];
static uint8_t	*big_level[16];	/* big_level[l][i]: subtree (l, i) */

static void
big_setup(void)
{
	uint8_t		e[8];
	uint64_t	i, n = BIG;
	unsigned	l, k;

	setup();
	for (i = 0; i < BIG; i++) {
		for (k = 0; k < 8; k++)
			e[k] = (uint8_t)(i >> (8 * k));
		merkle_leaf_hash(e, sizeof(e), big_leaf[i]);
	}
	big_level[0] = &big_leaf[0][0];
	for (l = 1; l < 16; l++) {
		n /= 2;
		big_level[l] = malloc((n ? n : 1) * HB);
		ck_assert_ptr_nonnull(big_level[l]);
		for (i = 0; i < n; i++)
			merkle_node_hash(big_level[l - 1] + 2 * i * HB,
			    big_level[l - 1] + (2 * i + 1) * HB,
			    big_level[l] + i * HB);
	}
}

static void
big_teardown(void)
{
	unsigned	l;

	for (l = 1; l < 16; l++)
		free(big_level[l]);
}

static unsigned long	calls;

/* Subtrees from the precomputed levels, as the log reads stored tiles. */
static int
big_hash(void *ctx, uint64_t level, uint64_t index, uint8_t out[HB])
{
	(void)ctx;
	calls++;
	if (level >= 16 || index >= (BIG >> level))
		return -1;
	memcpy(out, big_level[level] + index * HB, HB);
	return 0;
}

static int
failing_hash(void *ctx, uint64_t level, uint64_t index, uint8_t out[HB])
{
	(void)ctx;
	(void)level;
	(void)index;
	memset(out, 0, HB);
	return -1;
}

/* Any address, a made-up hash: for the shapes of proofs of huge trees. */
static int
any_hash(void *ctx, uint64_t level, uint64_t index, uint8_t out[HB])
{
	(void)ctx;
	(void)index;
	memset(out, (int)level, HB);
	return 0;
}

/* splitmix64: a fixed seed makes every run check the same pairs. */
static uint64_t
rnd(uint64_t *s)
{
	uint64_t	z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

START_TEST(precomputed_levels_agree_with_merkle_mem)
{
	struct merkle_mem	m = { big_leaf, BIG };
	uint8_t			x[HB], y[HB];
	uint64_t		level;

	for (level = 0; level < 14; level++) {
		ck_assert_int_eq(merkle_mem_hash(&m, level, 0, x), 0);
		ck_assert_int_eq(big_hash(NULL, level, 0, y), 0);
		ck_assert_mem_eq(x, y, HB);
		ck_assert_int_eq(merkle_mem_hash(&m, level,
		    (BIG >> level) - 1, x), 0);
		ck_assert_int_eq(big_hash(NULL, level, (BIG >> level) - 1, y),
		    0);
		ck_assert_mem_eq(x, y, HB);
	}
	/* An incomplete subtree is not a subtree. */
	ck_assert_int_eq(merkle_mem_hash(&m, 4, BIG >> 4, x), -1);
	ck_assert_int_eq(merkle_mem_hash(&m, 14, 0, x), -1);
	ck_assert_int_eq(merkle_mem_hash(&m, 64, 0, x), -1);
}
END_TEST

START_TEST(random_inclusion_proofs_verify_and_corruptions_fail)
{
	uint8_t		proof[MERKLE_MAX_PROOF][HB], root[HB];
	uint64_t	seed = 6962, size, idx;
	size_t		len;
	int		i;

	for (i = 0; i < 300; i++) {
		size = 1 + rnd(&seed) % BIG;
		idx = rnd(&seed) % size;
		ck_assert_int_eq(merkle_root(big_hash, NULL, size, root), 0);
		ck_assert_int_eq(merkle_inclusion_proof(big_hash, NULL, idx,
		    size, proof, &len), 0);
		ck_assert_int_eq(merkle_inclusion_verify(idx, size,
		    big_leaf[idx], proof, len, root), 0);
		/* 37 is prime to 256: a different bit in each hash. */
		inclusion_corruptions_fail(idx, size, big_leaf[idx], proof,
		    len, root, 37);
	}
}
END_TEST

START_TEST(random_consistency_proofs_verify_and_corruptions_fail)
{
	uint8_t		proof[MERKLE_MAX_PROOF][HB], r1[HB], r2[HB];
	uint64_t	seed = 9162, s1, s2;
	size_t		len;
	int		i;

	for (i = 0; i < 300; i++) {
		s2 = 1 + rnd(&seed) % BIG;
		s1 = 1 + rnd(&seed) % s2;
		ck_assert_int_eq(merkle_root(big_hash, NULL, s1, r1), 0);
		ck_assert_int_eq(merkle_root(big_hash, NULL, s2, r2), 0);
		ck_assert_int_eq(merkle_consistency_proof(big_hash, NULL, s1,
		    s2, proof, &len), 0);
		ck_assert_int_eq(merkle_consistency_verify(s1, s2, proof, len,
		    r1, r2), 0);
		consistency_corruptions_fail(s1, s2, proof, len, r1, r2, 37);
	}
}
END_TEST

START_TEST(proofs_read_logarithmically_many_subtrees)
{
	uint8_t		proof[MERKLE_MAX_PROOF][HB], root[HB];
	uint64_t	size, idx;
	size_t		len;

	/* At most one path's worth plus one right edge: 2 log2(n) + 1. */
	for (size = 1; size <= BIG; size += 997) {
		for (idx = 0; idx < size; idx += 1 + size / 7) {
			calls = 0;
			ck_assert_int_eq(merkle_inclusion_proof(big_hash, NULL,
			    idx, size, proof, &len), 0);
			ck_assert_uint_le(calls, 2 * 14 + 1);
			calls = 0;
			ck_assert_int_eq(merkle_consistency_proof(big_hash,
			    NULL, idx + 1, size, proof, &len), 0);
			ck_assert_uint_le(calls, 2 * 14 + 2);
		}
		calls = 0;
		ck_assert_int_eq(merkle_root(big_hash, NULL, size, root), 0);
		ck_assert_uint_le(calls, 14);
	}
}
END_TEST

START_TEST(callback_failure_is_passed_on)
{
	uint8_t	proof[MERKLE_MAX_PROOF][HB], root[HB];
	size_t	len;

	ck_assert_int_eq(merkle_root(failing_hash, NULL, 5, root), -1);
	ck_assert_int_eq(merkle_inclusion_proof(failing_hash, NULL, 1, 5,
	    proof, &len), -1);
	ck_assert_int_eq(merkle_consistency_proof(failing_hash, NULL, 3, 5,
	    proof, &len), -1);
	/* Past the stored leaves, the in-memory callback fails too. */
	ck_assert_int_eq(merkle_root(merkle_mem_hash, &ct_tree, 9, root), -1);
}
END_TEST

START_TEST(proofs_of_huge_trees_fit_the_bound)
{
	static uint8_t	proof[MERKLE_MAX_PROOF][HB];
	uint64_t	size = UINT64_MAX;
	size_t		len;

	ck_assert_int_eq(merkle_inclusion_proof(failing_hash, NULL, 0, 1,
	    proof, &len), 0);
	ck_assert_uint_eq(len, 0);
	/* Shapes only: a callback that never fails and hashes nothing. */
	ck_assert_int_eq(merkle_inclusion_proof(any_hash, NULL,
	    size - 1, size, proof, &len), 0);
	ck_assert_uint_le(len, 64);
	ck_assert_int_eq(merkle_consistency_proof(any_hash, NULL,
	    size - 2, size - 1, proof, &len), 0);
	ck_assert_uint_le(len, MERKLE_MAX_PROOF);
}
END_TEST

START_TEST(tile_paths_match_spec_examples)
{
	struct tlog_tile	t = { 0, 0, 1234067, TLOG_TILE_WIDTH };
	char			buf[TLOG_PATH_MAX_BYTES];

	ck_assert_int_eq(tlog_tile_path(&t, buf, sizeof(buf)), 20);
	ck_assert_str_eq(buf, "tile/0/x001/x234/067");
	t = (struct tlog_tile){ 0, 1, 2, 17 };
	ck_assert_int_gt(tlog_tile_path(&t, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "tile/1/002.p/17");
	t = (struct tlog_tile){ 1, 0, 1000, 5 };
	ck_assert_int_gt(tlog_tile_path(&t, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "tile/entries/x001/000.p/5");
	t = (struct tlog_tile){ 0, 63, 0, 256 };
	ck_assert_int_gt(tlog_tile_path(&t, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "tile/63/000");
}
END_TEST

static void
round_trip(const struct tlog_tile *t)
{
	struct tlog_tile	back;
	char			buf[TLOG_PATH_MAX_BYTES];
	int			n;

	n = tlog_tile_path(t, buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	ck_assert_int_eq(tlog_tile_parse(buf, (size_t)n, &back), 0);
	ck_assert_int_eq(back.entries, t->entries);
	ck_assert_uint_eq(back.level, t->level);
	ck_assert_uint_eq(back.index, t->index);
	ck_assert_uint_eq(back.width, t->width);
}

START_TEST(tile_paths_round_trip)
{
	struct tlog_tile	t;
	uint64_t		seed = 256;
	unsigned		shift;
	int			i;

	t = (struct tlog_tile){ 1, 0, UINT64_MAX, 255 };
	round_trip(&t);
	t = (struct tlog_tile){ 0, 63, UINT64_MAX, 1 };
	round_trip(&t);
	for (i = 0; i < 2000; i++) {
		t.entries = (int)(rnd(&seed) % 2);
		t.level = t.entries ? 0 : (unsigned)(rnd(&seed) % 64);
		shift = (unsigned)(rnd(&seed) % 64);
		t.index = rnd(&seed) >> shift;
		t.width = 1 + (unsigned)(rnd(&seed) % 256);
		round_trip(&t);
	}
}
END_TEST

START_TEST(tile_parse_refuses_malformed_paths)
{
	static const char *const bad[] = {
		"", "tile", "tile/", "tile/0", "tile/0/", "tile/0/1",
		"tile/0/01", "tile/0/0001", "tile/00/000", "tile/01/000",
		"tile/64/000", "tile/100/000", "tile/-1/000", "tile//000",
		"/tile/0/000", "tile/0/000/", "tile/0/x000/001",
		"tile/0/x001", "tile/0/x001/", "tile/0/x1/000",
		"tile/0/y001/000",
		"tile/0/000.p/256", "tile/0/000.p/0", "tile/0/000.p/012",
		"tile/0/000.p/", "tile/0/000.p", "tile/0/000.p/5x",
		"tile/0/000.p/1000", "tile/0/000.q/5", "tile/0/000p/5",
		"tile/0/x018/x446/x744/x073/x709/x551/616",
		"tile/0/x001/x018/x446/x744/x073/x709/x551/615",
		"tile/entries/", "tile/entries/1", "tile/entries/0/000",
		"tile/entry/000", "tile/data/000", "tile/8/0/000",
		"tile/0/abc", "TILE/0/000", "tile/0/000 ", " tile/0/000",
		"tile/0/x001/x002/x003/x004/x005/x006/x007/x008/x009/x010/000",
	};
	struct tlog_tile	t;
	size_t			i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(tlog_tile_parse(bad[i], strlen(bad[i]), &t) == -1,
		    "accepted %s", bad[i]);
	/* A NUL inside is not the end of the path. */
	ck_assert_int_eq(tlog_tile_parse("tile/0/000\0", 11, &t), -1);
	ck_assert_int_eq(tlog_tile_parse("tile/0/000", 10, &t), 0);
	ck_assert_int_eq(tlog_tile_parse(
	    "tile/0/x018/x446/x744/x073/x709/x551/615", 40, &t), 0);
	ck_assert_uint_eq(t.index, UINT64_MAX);
}
END_TEST

START_TEST(tile_path_refuses_out_of_range_tiles)
{
	struct tlog_tile	t = { 0, 64, 0, 256 };
	char			buf[TLOG_PATH_MAX_BYTES];

	ck_assert_int_eq(tlog_tile_path(&t, buf, sizeof(buf)), -1);
	t = (struct tlog_tile){ 0, 0, 0, 0 };
	ck_assert_int_eq(tlog_tile_path(&t, buf, sizeof(buf)), -1);
	t = (struct tlog_tile){ 0, 0, 0, 257 };
	ck_assert_int_eq(tlog_tile_path(&t, buf, sizeof(buf)), -1);
	t = (struct tlog_tile){ 1, 1, 0, 256 };
	ck_assert_int_eq(tlog_tile_path(&t, buf, sizeof(buf)), -1);
	t = (struct tlog_tile){ 0, 0, 1234067, 256 };
	ck_assert_int_eq(tlog_tile_path(&t, buf, 20), -1);
	ck_assert_int_eq(tlog_tile_path(&t, buf, 21), 20);
}
END_TEST

/* tlog-tiles, "Partial Tiles": the tree of size 70,000, and of 256. */
START_TEST(tile_widths_match_spec_example)
{
	ck_assert_uint_eq(tlog_tile_width_at(70000, 0, 0), 256);
	ck_assert_uint_eq(tlog_tile_width_at(70000, 0, 272), 256);
	ck_assert_uint_eq(tlog_tile_width_at(70000, 0, 273), 112);
	ck_assert_uint_eq(tlog_tile_width_at(70000, 0, 274), 0);
	ck_assert_uint_eq(tlog_tile_width_at(70000, 1, 0), 256);
	ck_assert_uint_eq(tlog_tile_width_at(70000, 1, 1), 17);
	ck_assert_uint_eq(tlog_tile_width_at(70000, 2, 0), 1);
	ck_assert_uint_eq(tlog_tile_width_at(70000, 3, 0), 0);
	ck_assert_uint_eq(tlog_tile_width_at(256, 0, 0), 256);
	ck_assert_uint_eq(tlog_tile_width_at(256, 0, 1), 0);
	ck_assert_uint_eq(tlog_tile_width_at(256, 1, 0), 1);
	ck_assert_uint_eq(tlog_tile_width_at(0, 0, 0), 0);
	ck_assert_uint_eq(tlog_tile_width_at(UINT64_MAX, 7, 0), 255);
	ck_assert_uint_eq(tlog_tile_width_at(UINT64_MAX, 8, 0), 0);
	ck_assert_uint_eq(tlog_tile_width_at(UINT64_MAX, 63, 0), 0);
	ck_assert_uint_eq(tlog_tile_width_at(UINT64_MAX, 0,
	    UINT64_MAX >> 8), 255);
}
END_TEST

static Suite *
merkle_suite(void)
{
	Suite	*s = suite_create("merkle");
	TCase	*tc = tcase_create("rfc6962");
	TCase	*big = tcase_create("random");
	TCase	*tiles = tcase_create("tiles");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, leaf_and_node_hashes_are_domain_separated);
	tcase_add_test(tc, empty_tree_root_is_sha256_of_nothing);
	tcase_add_test(tc, roots_match_ct_vectors_for_sizes_1_to_8);
	tcase_add_test(tc, inclusion_proofs_match_ct_vectors);
	tcase_add_test(tc, consistency_proofs_match_ct_vectors);
	tcase_add_test(tc, every_inclusion_proof_up_to_8_verifies);
	tcase_add_test(tc, every_corrupted_inclusion_proof_up_to_8_fails);
	tcase_add_test(tc, every_consistency_proof_up_to_8_verifies);
	tcase_add_test(tc, every_corrupted_consistency_proof_up_to_8_fails);
	tcase_add_test(tc, inclusion_needs_index_below_size);
	tcase_add_test(tc, consistency_edge_cases_follow_rfc9162);
	tcase_add_test(tc, callback_failure_is_passed_on);
	tcase_add_test(tc, proofs_of_huge_trees_fit_the_bound);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(big, big_setup, big_teardown);
	tcase_set_timeout(big, 60);
	tcase_add_test(big, precomputed_levels_agree_with_merkle_mem);
	tcase_add_test(big,
	    random_inclusion_proofs_verify_and_corruptions_fail);
	tcase_add_test(big,
	    random_consistency_proofs_verify_and_corruptions_fail);
	tcase_add_test(big, proofs_read_logarithmically_many_subtrees);
	suite_add_tcase(s, big);

	tcase_add_test(tiles, tile_paths_match_spec_examples);
	tcase_add_test(tiles, tile_paths_round_trip);
	tcase_add_test(tiles, tile_parse_refuses_malformed_paths);
	tcase_add_test(tiles, tile_path_refuses_out_of_range_tiles);
	tcase_add_test(tiles, tile_widths_match_spec_example);
	suite_add_tcase(s, tiles);
	return s;
}

CHECK_MAIN(merkle_suite)
