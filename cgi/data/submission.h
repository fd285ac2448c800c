/*
 * Submissions in the database: ids, one-time form claims, sealed file
 * chunks, the sealed submission row. Every function runs inside the
 * caller's transaction (db_begin .. db_commit); nothing here commits.
 * Binary values are passed as binary parameters, never as text.
 */
#ifndef PORTAL_DATA_SUBMISSION_H
#define PORTAL_DATA_SUBMISSION_H

#include <stddef.h>
#include <stdint.h>

#include "data/db.h"

struct arena;

/* Bytes for binary columns. */
struct bytes {
	const unsigned char	*p;
	size_t			 len;
};

struct sub_row {
	int64_t		 id;
	const char	*ref;
	const char	*kind;		/* "allegation" or "followup" */
	int64_t		 parent_id;	/* 0 if none */
	const char	*state;		/* ISO3 or NULL */
	const char	*received;	/* RFC 3339 */
	int		 consent_government;	/* 1 yes, 0 no, -1 unanswered */
	int		 consent_public;
	struct bytes	 sealed_key, body_nonce, sealed_body, sealed_receipt;
	struct bytes	 receipt_hash, code_hash;
};

struct sub_file_row {
	int64_t		 id;
	int64_t		 submission_id;
	int		 position;
	uint64_t	 size;
	struct bytes	 sealed_key, stream_header, meta_nonce, sealed_meta;
};

enum db_err	ref_state_exists(const char *iso3, int *exists)
		    __attribute__((warn_unused_result));
enum db_err	ref_mandate_exists(const char *slug, int *exists)
		    __attribute__((warn_unused_result));

enum db_err	sub_next_id(int64_t *) __attribute__((warn_unused_result));
enum db_err	sub_next_ref(int64_t *) __attribute__((warn_unused_result));
enum db_err	sub_file_next_id(int64_t *) __attribute__((warn_unused_result));
/*
 * Claim a one-time form token for submission id. *claimed is 0 when
 * another request has claimed it (after waiting for that one to commit).
 */
enum db_err	sub_claim(const unsigned char token_hash[32], int64_t id,
		    int *claimed) __attribute__((warn_unused_result));
/* The replay box of a claimed token, if still kept (*box NULL if not). */
enum db_err	sub_replay(struct arena *, const unsigned char token_hash[32],
		    struct bytes *nonce, struct bytes *box)
		    __attribute__((warn_unused_result));
enum db_err	sub_set_replay(const unsigned char token_hash[32],
		    struct bytes nonce, struct bytes box)
		    __attribute__((warn_unused_result));
enum db_err	sub_chunk_insert(int64_t file_id, int seq, struct bytes data)
		    __attribute__((warn_unused_result));
enum db_err	sub_file_insert(const struct sub_file_row *)
		    __attribute__((warn_unused_result));
enum db_err	sub_insert(const struct sub_row *)
		    __attribute__((warn_unused_result));
enum db_err	sub_mandate_insert(int64_t id, const char *slug)
		    __attribute__((warn_unused_result));

#endif /* PORTAL_DATA_SUBMISSION_H */
