/*
 * Inclusion proofs at 1,000 and at 1,000,000 entries, in the same run:
 * the time per proof must grow with log n (one indexed read of the
 * O(log n) subtrees a proof needs), not with n.
 *
 *	tlog_bench CONNINFO_1K CONNINFO_1M [proofs]	(default 2000)
 *
 * Each conninfo reaches a log of that size (tests/bench/tlog_bench.sh
 * builds them as schemas bench_1k and bench_1m, selected by search_path)
 * whose entry i is SHA-256 of i as 8 big-endian bytes. This program
 * signs a checkpoint for each (with a throwaway key), then times
 * tlog_inclusion() for random entries: the function /{lang}/verify and
 * /log/proof/inclusion call (three indexed queries: the entry's index,
 * the latest checkpoint, the proof's subtrees). The two sizes take turns
 * in rounds, so that a busy machine slows both alike; the median time of
 * each is reported, with their ratio. Exits 1 if the ratio is 2 or more.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "core/arena.h"
#include "data/db.h"
#include "data/tlog.h"
#include "trust/checkpoint.h"
#include "trust/note.h"

#define RATIO_MAX	2.0
#define ROUNDS		10
#define WARMUP		20	/* untimed proofs after each reconnect */

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
entry_of(uint64_t i, uint8_t out[32])
{
	uint8_t	 be[8];
	int	 k;

	for (k = 0; k < 8; k++)
		be[k] = (uint8_t)(i >> (56 - 8 * k));
	crypto_hash_sha256(out, be, sizeof(be));
}

/* Sign a checkpoint for the log of size leaves, unless there is one. */
static int
prepare(struct arena *a, const struct note_signer *s, uint64_t size)
{
	struct tlog_head	 head;
	uint8_t			 root[32];
	char			*note;
	size_t			 len;
	int			 found;

	if (tlog_latest(a, &head, &found) != DB_OK)
		return -1;
	if (found && head.size == size)
		return 0;
	if (tlog_root(a, size, root) != DB_OK ||
	    checkpoint_sign(a, s, "bench.example/log", size, root, &note,
	    &len) != NOTE_OK ||
	    tlog_checkpoint_insert(size, root, note) != DB_OK)
		return -1;
	return 0;
}

/* Time n inclusion proofs of random entries into t[]. */
static void
time_proofs(struct arena *a, uint64_t size, unsigned n, double *t)
{
	struct tlog_proof	 p;
	uint8_t			 e[32];
	double			 t0;
	unsigned		 i;

	for (i = 0; i < n + WARMUP; i++) {
		entry_of(randombytes_uniform((uint32_t)size), e);
		t0 = now();
		if (tlog_inclusion(a, e, &p) != DB_OK || p.index < 0) {
			fprintf(stderr, "tlog_bench: no proof\n");
			exit(2);
		}
		if (i >= WARMUP)
			t[i - WARMUP] = now() - t0;
		arena_reset(a);
	}
}

static int
cmp_double(const void *x, const void *y)
{
	double	 a = *(const double *)x, b = *(const double *)y;

	return a < b ? -1 : a > b;
}

int
main(int argc, char *argv[])
{
	static const uint64_t	 sizes[2] = { 1000, 1000000 };
	struct note_signer	*s;
	struct arena		*a;
	double			*t[2], med[2];
	char			*skey;
	unsigned		 n = 2000, per, r;
	int			 i;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: tlog_bench CONNINFO_1K CONNINFO_1M "
		    "[proofs]\n");
		return 2;
	}
	if (argc == 4)
		n = (unsigned)strtoul(argv[3], NULL, 10);
	if (sodium_init() < 0 || n == 0 ||
	    (a = arena_new(16u << 20)) == NULL ||
	    note_signer_generate("bench.example/log", &s, &skey) == -1)
		return 2;
	sodium_free(skey);
	per = (n + ROUNDS - 1) / ROUNDS;
	n = per * ROUNDS;
	for (i = 0; i < 2; i++) {
		if ((t[i] = calloc(n, sizeof(double))) == NULL ||
		    db_configure(argv[1 + i]) == -1 ||
		    prepare(a, s, sizes[i]) == -1) {
			fprintf(stderr, "tlog_bench: cannot prepare the log of "
			    "%" PRIu64 "\n", sizes[i]);
			return 2;
		}
		db_close();
		arena_reset(a);
	}
	for (r = 0; r < ROUNDS; r++)
		for (i = 0; i < 2; i++) {
			if (db_configure(argv[1 + i]) == -1)
				return 2;
			time_proofs(a, sizes[i], per, t[i] + r * per);
			db_close();
		}
	for (i = 0; i < 2; i++) {
		qsort(t[i], n, sizeof(double), cmp_double);
		med[i] = t[i][n / 2];
		printf("inclusion proof, %7" PRIu64 " entries: %8.1f us "
		    "(median of %u; 90th percentile %.1f us)\n", sizes[i],
		    med[i] * 1e6, n, t[i][n * 9 / 10] * 1e6);
		free(t[i]);
	}
	printf("ratio 1M / 1k: %.2f (must stay under %.0f)\n", med[1] / med[0],
	    RATIO_MAX);
	note_signer_free(s);
	arena_free(a);
	return med[1] / med[0] < RATIO_MAX ? 0 : 1;
}
