/*
 * Monitoring a transparency log (c2sp.org/tlog-tiles) whose entries are
 * 32-byte hashes, as the portal's are: fetch and verify the signed
 * checkpoint, fetch every entry bundle and every hash tile, recompute
 * the tree, and compare it with the checkpoint, with the tiles, and with
 * what an earlier run verified. Pure: the fetching is a callback (HTTP
 * in tlog_fetch.c, the database for `portal log-monitor local`), so the
 * logic is unit-tested without a network.
 *
 * "First bad index": the smallest index whose entry is provably wrong or
 * missing: an entry that differs from the one an earlier run verified,
 * an entry whose leaf hash differs from the level-0 tile, the first
 * entry the log no longer serves (found by asking for narrower partial
 * bundles), or the first leaf of a subtree whose hash in a higher tile is
 * wrong. A checkpoint whose root matches none of this, when entries and
 * tiles all agree, names no index (a lie signed by the log key itself).
 *
 * Caveats: every run fetches the whole log (n / 256 bundles and as many
 * tiles), so that an old entry rewritten later is seen; memory is about
 * 100 bytes per entry.
 */
#ifndef PORTAL_TRUST_TLOG_MONITOR_H
#define PORTAL_TRUST_TLOG_MONITOR_H

#include <stddef.h>
#include <stdint.h>

#include "trust/merkle.h"
#include "trust/note.h"

#define TLOG_MON_ENTRY_BYTES	32u
/* A fetch never returns more than this (a bundle is 256 * 34 bytes). */
#define TLOG_MON_FETCH_MAX	(NOTE_MAX_BYTES > 256u * 34u ? \
				    NOTE_MAX_BYTES : 256u * 34u)

enum tlog_fetch_status {
	TLOG_FETCH_OK,
	TLOG_FETCH_MISSING,	/* the log answered, but not with it */
	TLOG_FETCH_UNAVAILABLE,	/* no answer: network, 502-504 */
};

/*
 * Fetch path, relative to the log's prefix ("checkpoint", or a tile path
 * as tlog_tile_path() writes it), into buf (at most max bytes; more is
 * TLOG_FETCH_MISSING) and its length into *len.
 */
typedef enum tlog_fetch_status (*tlog_fetch_fn)(void *ctx, const char *path,
    uint8_t *buf, size_t max, size_t *len);

/* What a previous run verified: the checkpoint and every entry under it. */
struct tlog_mon_state {
	uint64_t	  size;
	uint8_t		  root[MERKLE_HASH_BYTES];
	const uint8_t	(*entries)[TLOG_MON_ENTRY_BYTES];	/* size of them */
};

enum tlog_mon_verdict {
	TLOG_MON_OK,
	TLOG_MON_TAMPERED,
	TLOG_MON_UNAVAILABLE,	/* could not fetch: try again */
	TLOG_MON_NOMEM,
	TLOG_MON__MAX
};

struct tlog_mon_result {
	enum tlog_mon_verdict	  verdict;
	int			  has_index;	/* first_bad is set */
	uint64_t		  first_bad;
	char			  reason[512];
	/* TLOG_MON_OK: the new state; malloc'd, free with ..._free(). */
	uint64_t		  size;
	uint8_t			  root[MERKLE_HASH_BYTES];
	char			 *note;
	size_t			  note_len;
	uint8_t			(*entries)[TLOG_MON_ENTRY_BYTES];
};

/*
 * Check the log behind fetch against the log key v (whose name is the
 * log's origin) and the previous state (NULL on a first run; its entries
 * must have been checked against its root, see tlog_mon_state_verify()).
 * Always fills *out; free it with tlog_mon_result_free().
 */
void	tlog_monitor_check(tlog_fetch_fn, void *ctx,
	    const struct note_verifier *v, const struct tlog_mon_state *prev,
	    struct tlog_mon_result *out);

void	tlog_mon_result_free(struct tlog_mon_result *);

/* 0 if state's entries hash to its root, else -1 (a damaged cache). */
int	tlog_mon_state_verify(const struct tlog_mon_state *)
	    __attribute__((warn_unused_result));

/* The root of n entries (SHA-256 of nothing when n is 0). 0, -1 if out of memory. */
int	tlog_mon_root(const uint8_t (*entries)[TLOG_MON_ENTRY_BYTES], uint64_t n,
	    uint8_t root[MERKLE_HASH_BYTES])
	    __attribute__((warn_unused_result));

#endif /* PORTAL_TRUST_TLOG_MONITOR_H */
