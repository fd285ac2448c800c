/*
 * The desk's data: staff accounts, sessions, login and return-code rate
 * limits, the review queue, sealed submissions and files read back,
 * triage status events, messages and submitter keys.
 *
 * Binary columns travel as binary parameters and come back copied into
 * the caller's arena; strings too. Functions return DB_OK or the error;
 * "found" outputs say whether a row matched. Nothing here commits: the
 * caller owns the transaction.
 */
#ifndef PORTAL_DATA_DESK_H
#define PORTAL_DATA_DESK_H

#include <stddef.h>
#include <stdint.h>

#include "data/db.h"
#include "data/submission.h"

struct arena;

struct staff_row {
	int64_t		 id;
	const char	*role;
	const char	*state;		/* "" unless a focal point */
	const char	*password_hash;
	struct bytes	 key_salt, key_nonce, key_box;
	uint64_t	 key_ops, key_mem;
	int		 disabled;
};

struct staff_new {
	const char	*login, *role, *state;	/* state NULL if none */
	const char	*password_hash;
	struct bytes	 key_salt, key_nonce, key_box;
	uint64_t	 key_ops, key_mem;
};

struct session_row {
	int64_t		 staff_id;
	const char	*login, *role, *state;
	struct bytes	 sk_nonce, sk_box;
};

/* What the login policy looks at (see desk/auth.c). */
struct login_gate {
	int64_t		 failures;	/* this (account, address), last hour */
	int64_t		 since_failure;	/* seconds; huge if never */
	int		 known_addr;	/* a success from here in 30 days */
	int64_t		 acct_recent;	/* the account's failures, last hour */
	int64_t		 acct_since;	/* seconds since any failure */
};

struct desk_item {
	const char	*ref, *received, *state, *mandates, *status;
	int64_t		 followups;
};

struct desk_sub {
	int64_t		 id;
	const char	*ref, *kind, *state, *received, *parent_ref;
	struct bytes	 sealed_key, body_nonce, sealed_body;
};

struct desk_child {
	const char	*ref, *received;
};

struct desk_file {
	int64_t		 id;
	int		 position;
	uint64_t	 size;
	struct bytes	 sealed_key, stream_header, meta_nonce, sealed_meta;
	const char	*received;
};

struct desk_event {
	const char	*status, *at;
};

struct desk_msg {
	const char	*at;
	struct bytes	 nonce, box;
};

struct followup_case {
	int64_t		 id;
	const char	*ref, *state, *received;
};

enum db_err	staff_by_login(struct arena *, const char *login,
		    struct staff_row *, int *found)
		    __attribute__((warn_unused_result));
enum db_err	staff_insert(const struct staff_new *, int64_t *id)
		    __attribute__((warn_unused_result));

enum db_err	session_insert(const unsigned char token_hash[32],
		    int64_t staff_id, struct bytes nonce, struct bytes box)
		    __attribute__((warn_unused_result));
/* A live session (idle and absolute timeouts checked by the query). */
enum db_err	session_get(struct arena *, const unsigned char token_hash[32],
		    struct session_row *, int *found)
		    __attribute__((warn_unused_result));
enum db_err	session_touch(const unsigned char token_hash[32])
		    __attribute__((warn_unused_result));
enum db_err	session_delete(const unsigned char token_hash[32])
		    __attribute__((warn_unused_result));
enum db_err	session_expire(void) __attribute__((warn_unused_result));

enum db_err	login_gate(const unsigned char login_hash[32],
		    const unsigned char addr_hash[32], struct login_gate *)
		    __attribute__((warn_unused_result));
enum db_err	login_failed(const unsigned char login_hash[32],
		    const unsigned char addr_hash[32])
		    __attribute__((warn_unused_result));
enum db_err	login_ok(const unsigned char login_hash[32],
		    const unsigned char addr_hash[32])
		    __attribute__((warn_unused_result));

/* Newest allegations first, at most limit. */
enum db_err	desk_queue(struct arena *, size_t limit, struct desk_item **,
		    size_t *n) __attribute__((warn_unused_result));
enum db_err	desk_sub_by_ref(struct arena *, const char *ref,
		    struct desk_sub *, int *found)
		    __attribute__((warn_unused_result));
enum db_err	desk_children(struct arena *, int64_t id, struct desk_child **,
		    size_t *n) __attribute__((warn_unused_result));
enum db_err	desk_files(struct arena *, int64_t sub_id, struct desk_file **,
		    size_t *n) __attribute__((warn_unused_result));
/* One file's keys and metadata (id, position, received unset). */
enum db_err	desk_file(struct arena *, int64_t file_id, struct desk_file *,
		    int *found) __attribute__((warn_unused_result));
/*
 * Stored chunk seq of a file into buf (cap bytes), not the arena: a
 * download must not grow with the file. *len 0 and *found 0 past the end.
 */
enum db_err	desk_chunk(int64_t file_id, int seq, unsigned char *buf,
		    size_t cap, size_t *len, int *found)
		    __attribute__((warn_unused_result));
enum db_err	desk_status_insert(int64_t sub_id, const char *status,
		    int64_t staff_id) __attribute__((warn_unused_result));
enum db_err	desk_statuses(struct arena *, int64_t sub_id,
		    struct desk_event **, size_t *n)
		    __attribute__((warn_unused_result));
enum db_err	desk_message_insert(int64_t sub_id, int64_t staff_id,
		    struct bytes nonce, struct bytes box)
		    __attribute__((warn_unused_result));
enum db_err	desk_messages(struct arena *, int64_t sub_id,
		    struct desk_msg **, size_t *n)
		    __attribute__((warn_unused_result));

enum db_err	submitter_key_insert(int64_t sub_id, struct bytes sealed,
		    struct bytes nonce, struct bytes box)
		    __attribute__((warn_unused_result));
enum db_err	submitter_key_get(struct arena *, int64_t sub_id,
		    struct bytes *sealed, struct bytes *nonce, struct bytes *box,
		    int *found) __attribute__((warn_unused_result));

enum db_err	followup_by_code(struct arena *,
		    const unsigned char code_hash[32], struct followup_case *,
		    int *found) __attribute__((warn_unused_result));
/* Wrong codes from this address in the last 15 minutes. */
enum db_err	code_gate(const unsigned char addr_hash[32], int64_t *failures)
		    __attribute__((warn_unused_result));
enum db_err	code_failed(const unsigned char addr_hash[32])
		    __attribute__((warn_unused_result));
enum db_err	code_ok(const unsigned char addr_hash[32])
		    __attribute__((warn_unused_result));

#endif /* PORTAL_DATA_DESK_H */
