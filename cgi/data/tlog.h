/*
 * The transparency log's storage (sql/migrations/0004_tlog.sql): the
 * queue that submissions append to, the integration step that turns the
 * queue into leaves, subtree hashes and a signed checkpoint, and the
 * reads behind /log/ (checkpoint, tiles, proofs). The only place with
 * tlog SQL.
 *
 * An entry is the SHA-256 of a receipt's signed text (TLOG_ENTRY_BYTES),
 * never the text. Every complete subtree hash is stored, so a proof or a
 * root is one indexed read of O(log n) rows and a tile is one range read.
 *
 * Caveats:
 * - Memory comes from the caller's arena; nothing here must be freed.
 * - Reads trust the stored hashes as far as serving them goes, but every
 *   proof handed out is first checked against the root inside the latest
 *   signed checkpoint: a tampered store gives DB_ERROR (and a log line
 *   event=tlog.proof_mismatch), never a proof that does not verify.
 * - tlog_integrate() checks only the hashes it reads (the old tree's
 *   right edge and the proof); a changed old entry or leaf hash elsewhere
 *   is the monitor's to find (portal log-monitor).
 */
#ifndef PORTAL_DATA_TLOG_H
#define PORTAL_DATA_TLOG_H

#include <stddef.h>
#include <stdint.h>

#include "data/db.h"
#include "trust/merkle.h"

struct arena;
struct note_signer;

#define TLOG_ENTRY_BYTES	32u	/* SHA-256 of a receipt's signed text */
#define TLOG_BATCH_MAX		1024u	/* entries per integration step */
/* Distinct subtree hashes one root or proof may read (see tlog.c). */
#define TLOG_READ_MAX		4096u
#define TLOG_ORIGIN_MAX_BYTES	256u

/*
 * The checkpoint origin of this portal's log, and the name its log key
 * must have: PORTAL_ORIGIN without scheme and trailing '/', then "/log"
 * ("https://portal.example" -> "portal.example/log"). Into buf,
 * NUL-terminated; 0, or -1 if it does not fit or is not a valid key name.
 */
int	tlog_origin(const char *portal_origin, char *buf, size_t bufsz)
	    __attribute__((warn_unused_result));

/*
 * Queue entry for the log. Called inside the submission's transaction,
 * so that the entry is logged if and only if the submission commits.
 * DB_OK or the error of db_exec_bin().
 */
enum db_err	tlog_enqueue(const uint8_t entry[TLOG_ENTRY_BYTES])
		    __attribute__((warn_unused_result));

/*
 * The index of entry in the log into *index, or -1 if it is not
 * integrated yet (still queued, or unknown). DB_OK or a db error.
 */
enum db_err	tlog_lookup(struct arena *, const uint8_t entry[TLOG_ENTRY_BYTES],
		    int64_t *index) __attribute__((warn_unused_result));

/* The latest signed checkpoint. */
struct tlog_head {
	uint64_t	 size;
	uint8_t		 root[MERKLE_HASH_BYTES];
	const char	*note;		/* the signed note, in the arena */
	size_t		 note_len;
};

/*
 * The latest checkpoint into *out; *found is 0 (and out untouched) when
 * the log has none yet. DB_OK, a db error, or DB_ERROR if the stored
 * note is not a checkpoint.
 */
enum db_err	tlog_latest(struct arena *, struct tlog_head *out, int *found)
		    __attribute__((warn_unused_result));

struct tlog_proof {
	int64_t		  index;	/* -1: not integrated yet; rest unset */
	uint64_t	  tree_size;
	uint8_t		  root[MERKLE_HASH_BYTES];
	const char	 *checkpoint;	/* the signed note */
	size_t		  nhashes;
	uint8_t		(*hashes)[MERKLE_HASH_BYTES];	/* bottom-up */
};

/*
 * The index of entry and its inclusion proof against the latest
 * checkpoint, all in the arena. out->index is -1 when the entry is not
 * integrated yet (the receipt is still queued: try again in a second).
 * DB_OK or a db error; DB_ERROR if the stored hashes do not prove the
 * entry against the signed root (tampering; logged).
 */
enum db_err	tlog_inclusion(struct arena *,
		    const uint8_t entry[TLOG_ENTRY_BYTES], struct tlog_proof *out)
		    __attribute__((warn_unused_result));

/*
 * The consistency proof from the tree of size1 leaves to that of size2
 * (RFC 9162 2.1.4), bottom-up, in the arena. size1 <= size2 <= the
 * latest checkpoint's size, else *ok is 0 and nothing else is set.
 * DB_OK or a db error.
 */
enum db_err	tlog_consistency(struct arena *, uint64_t size1, uint64_t size2,
		    uint8_t (**hashes)[MERKLE_HASH_BYTES], size_t *nhashes,
		    int *ok) __attribute__((warn_unused_result));

/*
 * The body of a tile or entry bundle (c2sp.org/tlog-tiles) of the tree
 * of the latest checkpoint, in the arena. *found is 0 when the tile is
 * beyond that tree (answer 404). An entry bundle is each 32-byte entry
 * prefixed by its length as a 2-byte big-endian number. DB_OK; a db
 * error; DB_ERROR if rows the checkpoint covers are missing (logged).
 */
enum db_err	tlog_tile_read(struct arena *, const struct tlog_tile *,
		    uint8_t **data, size_t *len, int *found)
		    __attribute__((warn_unused_result));

/* What one integration step did. */
struct tlog_step {
	size_t		 integrated;	/* entries appended */
	uint64_t	 size;		/* tree size after the step */
	uint8_t		 root[MERKLE_HASH_BYTES];	/* if signed_new */
	int		 signed_new;	/* 1 if a checkpoint was signed */
};

enum tlog_step_err {
	TLOG_STEP_OK,
	TLOG_STEP_DB,		/* the database: see the db_err */
	TLOG_STEP_INCONSISTENT,	/* would contradict the last checkpoint */
	TLOG_STEP_BAD_CHECKPOINT, /* the stored checkpoint does not verify */
	TLOG_STEP_SIGN,		/* signing failed */
	TLOG_STEP__MAX
};

/*
 * One integration step, in one transaction under an advisory lock (so
 * one integrator at a time, whatever the number of hosts): take up to
 * TLOG_BATCH_MAX queued entries in queue order, append them as leaves
 * with every new complete subtree hash, compute the new root, prove the
 * new tree consistent with the last signed checkpoint out of the stored
 * hashes and verify that proof against the root inside that checkpoint's
 * note (signed by signer), sign a checkpoint for the new tree, store it,
 * delete the queue rows, commit. With an empty queue nothing is signed,
 * except the size-0 checkpoint of a new log.
 *
 * signer's name must be origin. last_size/last_root, when last_size is
 * not UINT64_MAX, are what this process last signed: a stored checkpoint
 * older than that (rolled back) is refused too.
 *
 * On any error the transaction is rolled back and nothing is signed;
 * TLOG_STEP_INCONSISTENT and TLOG_STEP_BAD_CHECKPOINT are logged at
 * level error (event=tlog.inconsistent, tlog.bad_checkpoint). *dberr is
 * set for TLOG_STEP_DB.
 */
enum tlog_step_err tlog_integrate(struct arena *, const struct note_signer *,
		    const char *origin, uint64_t last_size,
		    const uint8_t last_root[MERKLE_HASH_BYTES],
		    struct tlog_step *out, enum db_err *dberr)
		    __attribute__((warn_unused_result));

/*
 * Store a checkpoint as tlog_integrate() does, for tools that build a
 * log another way (the benchmark). DB_OK, DB_CONFLICT, or a db error.
 */
enum db_err	tlog_checkpoint_insert(uint64_t size,
		    const uint8_t root[MERKLE_HASH_BYTES], const char *note)
		    __attribute__((warn_unused_result));

/* The root of the first size leaves, from the stored hashes. */
enum db_err	tlog_root(struct arena *, uint64_t size,
		    uint8_t root[MERKLE_HASH_BYTES])
		    __attribute__((warn_unused_result));

#endif /* PORTAL_DATA_TLOG_H */
