/*
 * Implementation updates received through the portal, their evidence
 * files and the secretariat's decisions on them (sql/migrations/
 * 0010_updates.sql). Evidence is public evidence, stored in clear; the
 * queries that serve it check that its update is published.
 *
 * Every function returns DB_OK or the database's error; strings and
 * arrays it returns live in the arena given.
 */
#ifndef PORTAL_DATA_UPDATE_H
#define PORTAL_DATA_UPDATE_H

#include <stddef.h>
#include <stdint.h>

#include "data/db.h"
#include "data/submission.h"

struct arena;

/* A recommendation, as an update form shows it. */
struct upd_rec {
	int64_t		 id;
	const char	*state, *symbol, *paragraph, *issued_on, *text;
	const char	*latest;	/* latest published status, or "" */
};

struct upd_file_row {
	int64_t		 id, update_id;
	int		 position;
	uint64_t	 size;
	struct bytes	 sha256;
	const char	*media_type;
	int64_t		 staff_id;	/* 0: added by the public */
};

struct upd_row {
	int64_t		 id, rec_id, staff_id;	/* staff_id 0: public */
	const char	*status, *source, *explanation, *organisation;
	const char	*ref, *receipt;
	struct bytes	 receipt_hash, token_hash;	/* token: len 0 if none */
	int		 published;
};

/* An update as the desk and the focal point's page list it. */
struct upd_item {
	int64_t		 id, rec_id;
	const char	*ref, *symbol, *paragraph, *state, *status;
	const char	*explanation, *organisation, *at;
};

struct upd_file {
	int64_t		 id;
	uint64_t	 size;
	const char	*sha256_hex, *media_type;
};

enum db_err	upd_next(enum stmt, int64_t *out)
		    __attribute__((warn_unused_result));
enum db_err	upd_chunk_insert(int64_t file_id, int seq, struct bytes)
		    __attribute__((warn_unused_result));
enum db_err	upd_file_insert(const struct upd_file_row *)
		    __attribute__((warn_unused_result));
/* DB_CONFLICT when the form token was used already. */
enum db_err	upd_insert(const struct upd_row *)
		    __attribute__((warn_unused_result));
/* The ref and receipt of the update posted with this token; *found. */
enum db_err	upd_by_token(struct arena *, const unsigned char hash[32],
		    const char **ref, const char **receipt, int *found)
		    __attribute__((warn_unused_result));
enum db_err	upd_rec_get(struct arena *, int64_t id, struct upd_rec *,
		    int *found) __attribute__((warn_unused_result));
/* A State's recommendations, newest first, at most limit. */
enum db_err	upd_state_recs(struct arena *, const char *iso3, size_t limit,
		    struct upd_rec **out, size_t *n)
		    __attribute__((warn_unused_result));
/* Published updates of one source on a recommendation, newest first. */
enum db_err	upd_list(struct arena *, int64_t rec_id, const char *source,
		    struct upd_item **out, size_t *n)
		    __attribute__((warn_unused_result));
/* Civil-society assessments waiting for a decision, oldest first. */
enum db_err	upd_pending(struct arena *, size_t limit, struct upd_item **out,
		    size_t *n) __attribute__((warn_unused_result));
enum db_err	upd_files(struct arena *, int64_t update_id,
		    struct upd_file **out, size_t *n)
		    __attribute__((warn_unused_result));
/*
 * Record the decision ("published" or "rejected") on a pending
 * assessment and publish it if so, inside the caller's transaction.
 * *found is 0 when ref names no pending assessment; DB_CONFLICT when
 * it was decided already.
 */
enum db_err	upd_review(const char *ref, const char *decision,
		    int64_t staff_id, int *found)
		    __attribute__((warn_unused_result));
/* A file of a published update (or of any update, for staff). */
enum db_err	upd_file_get(struct arena *, int64_t id, int staff,
		    struct upd_file *, int *found)
		    __attribute__((warn_unused_result));
/* Chunk seq of a file into buf (cap bytes). */
enum db_err	upd_chunk(struct arena *, int64_t file_id, int seq,
		    unsigned char *buf, size_t cap, size_t *len)
		    __attribute__((warn_unused_result));

#endif /* PORTAL_DATA_UPDATE_H */
