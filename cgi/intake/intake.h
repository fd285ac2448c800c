/*
 * The intake: one submission read from a multipart/form-data body and
 * stored, sealed, as it streams.
 *
 * Text fields are collected (each bounded by the multipart limits). Each
 * file part is sniffed for its type, hashed (SHA-256) and encrypted
 * (secretstream under a fresh key sealed to the secretariat) on the way,
 * and written to the database in chunks inside one transaction, so that
 * memory does not grow with the file and nothing of it touches a disk in
 * clear. Nothing is committed here: intake_issue (issue.h) commits the
 * submission and only then is a receipt shown.
 *
 * The one-time form token and the CSRF token are checked as soon as they
 * arrive (forms put them first), before any file is stored.
 */
#ifndef PORTAL_INTAKE_INTAKE_H
#define PORTAL_INTAKE_INTAKE_H

#include <stddef.h>
#include <stdint.h>

#include "http/csrf.h"
#include "http/kv.h"
#include "portal_limits.h"

struct req;

#define INTAKE_TOKEN_FIELD	"form_token"
#define INTAKE_FILE_FIELD	"evidence"
#define INTAKE_CHUNK_BYTES	(256u * 1024u)	/* plaintext per stored chunk */

enum intake_stop {
	INTAKE_DONE,		/* the body was read whole */
	INTAKE_CSRF,		/* 403 */
	INTAKE_DUPLICATE,	/* the token was used: show its receipt */
	INTAKE_FILE_TYPE,	/* a file is not of an allowed type */
	INTAKE_DB,		/* the database failed (db_err says how) */
	INTAKE_NOMEM,
	INTAKE_BAD,		/* a malformed body */
};

struct intake_file {
	int64_t		 id;
	int		 position;
	uint64_t	 size;
	unsigned char	 sha256[32];
	const char	*name;		/* as sent; shown back only to its sender */
	const char	*type;		/* sniffed */
};

struct intake_stream;

struct intake {
	struct req		*r;
	struct kv		 pairs[FORM_MAX_FIELDS];
	size_t			 npairs;
	struct intake_file	 files[MP_MAX_FILES];
	size_t			 nfiles;
	int64_t			 sub_id;	/* 0 until the transaction opens */
	int			 in_tx;
	int			 has_token;
	unsigned char		 token_hash[32];
	unsigned char		 replay_key[32];
	enum csrf_result	 csrf;
	int			 csrf_checked;
	enum intake_stop	 stop;
	int			 db_err;	/* enum db_err when stop == INTAKE_DB */
	const char		*refused_name;	/* the file of INTAKE_FILE_TYPE */
	struct intake_stream	*cur;		/* the file being received */
};

/*
 * Read the body of r into in. Returns 0 when it was read whole (in->stop
 * is INTAKE_DONE), else the HTTP status that the stop reason implies
 * (400, 403, 413, 415, 500, 503), with in->stop saying why; for
 * INTAKE_DUPLICATE and INTAKE_FILE_TYPE the status is 0 and the handler
 * decides what to show.
 */
int	intake_read(struct req *r, struct intake *in)
	    __attribute__((warn_unused_result));
/* Open the transaction and claim the form token, if not done yet. */
int	intake_open(struct intake *in) __attribute__((warn_unused_result));
/* The form token's SHA-256 and replay key, from its text. */
void	intake_token_keys(const char *token, unsigned char hash[32],
	    unsigned char replay_key[32]);

#endif /* PORTAL_INTAKE_INTAKE_H */
