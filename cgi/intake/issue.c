/*
 * Issuing receipts and return codes. The order matters: everything is
 * written inside the intake's transaction, and the commit comes last.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "data/desk.h"
#include "data/submission.h"
#include "data/tlog.h"
#include "http/request.h"
#include "intake/issue.h"
#include "trust/keys.h"
#include "trust/note.h"
#include "trust/seal.h"
#include "trust/submitter.h"

/*
 * Desk (issue 6): an allegation's submitter key, sealed to the secretariat
 * and boxed under the return code, so that the secretariat can write to
 * its submitter (trust/submitter.h). Follow-ups write to their parent.
 */
static enum db_err
store_submitter_key(const struct issue_in *is, int64_t id,
    const char canon[CODE_CHARS + 1])
{
	unsigned char	*key, sealed[SEAL_SEALED_KEY_BYTES];
	unsigned char	 nonce[SEAL_NONCE_BYTES], box[SUBMITTER_BOX_BYTES];

	if (is->parent_id > 0)
		return DB_OK;
	if (submitter_key_new(portal_keys.secretariat_pk, canon, &key, sealed,
	    nonce, box) == -1)
		return DB_ERROR;
	seal_free_key(key);
	return submitter_key_insert(id,
	    (struct bytes){ sealed, sizeof(sealed) },
	    (struct bytes){ nonce, sizeof(nonce) },
	    (struct bytes){ box, sizeof(box) });
}

/* nonce || box, so that one column holds both. */
static int
box_with_nonce(struct arena *a, const unsigned char *key, const char *text,
    size_t len, struct bytes *out)
{
	unsigned char	 nonce[SEAL_NONCE_BYTES], *box, *all;
	size_t		 boxlen;

	if (seal_box(a, key, text, len, nonce, &box, &boxlen) == -1 ||
	    (all = arena_alloc(a, sizeof(nonce) + boxlen)) == NULL)
		return -1;
	memcpy(all, nonce, sizeof(nonce));
	memcpy(all + sizeof(nonce), box, boxlen);
	out->p = all;
	out->len = sizeof(nonce) + boxlen;
	return 0;
}

static int
make_receipt(struct intake *in, const struct issue_in *is, int64_t seq,
    struct receipt *rc, struct issued *out)
{
	struct arena	*a = in->r->arena;
	char		*text, *signed_note;
	size_t		 i, len;

	memset(rc, 0, sizeof(*rc));
	rc->origin = keys_origin_host(config.origin);
	receipt_time((long long)time(NULL), rc->received);
	if ((rc->ref = arena_printf(a, "%c-%.4s-%06" PRId64, is->ref_prefix,
	    rc->received, seq)) == NULL)
		return -1;
	rc->kind = is->kind;
	crypto_hash_sha256(rc->content, (const unsigned char *)is->content,
	    is->content_len);
	for (i = 0; i < in->nfiles; i++) {
		memcpy(rc->files[i].sha256, in->files[i].sha256, 32);
		rc->files[i].size = in->files[i].size;
	}
	rc->nfiles = in->nfiles;
	rc->parent = is->parent_ref;
	randombytes_buf(rc->nonce, sizeof(rc->nonce));
	if ((text = receipt_text(a, rc)) == NULL ||
	    note_sign(a, portal_keys.receipt, text, strlen(text), &signed_note,
	    &len) != NOTE_OK)
		return -1;
	out->ref = rc->ref;
	out->receipt = signed_note;
	out->received = arena_strdup(a, rc->received);
	return out->received == NULL ? -1 : 0;
}

/* The replay box: what a reload with the same token shows again. */
static enum db_err
store_replay(struct intake *in, const struct issued *out)
{
	struct arena	*a = in->r->arena;
	struct bytes	 all;
	char		*text;

	if (!in->has_token)
		return DB_OK;
	if ((text = arena_printf(a, "%s\n%s\n%s\n%s", out->code, out->ref,
	    out->received, out->receipt)) == NULL ||
	    box_with_nonce(a, in->replay_key, text, strlen(text), &all) == -1)
		return DB_ERROR;
	return sub_set_replay(in->token_hash,
	    (struct bytes){ all.p, SEAL_NONCE_BYTES },
	    (struct bytes){ all.p + SEAL_NONCE_BYTES, all.len - SEAL_NONCE_BYTES });
}

static enum db_err
store(struct intake *in, const struct issue_in *is, struct sub_row *row,
    const struct issued *out)
{
	enum db_err	 e;
	size_t		 i;

	if ((e = sub_insert(row)) != DB_OK)
		return e;
	for (i = 0; i < is->nmandates; i++)
		if ((e = sub_mandate_insert(row->id, is->mandates[i])) != DB_OK)
			return e;
	if ((e = tlog_enqueue(row->receipt_hash.p)) != DB_OK)
		return e;
	return store_replay(in, out);
}

int
issue(struct intake *in, const struct issue_in *is, struct issued *out)
{
	struct arena	*a = in->r->arena;
	struct receipt	 rc;
	struct sub_row	 row;
	unsigned char	*key = NULL, sealed[SEAL_SEALED_KEY_BYTES];
	unsigned char	 rhash[32], chash[CODE_HASH_BYTES], nonce[SEAL_NONCE_BYTES];
	unsigned char	*body;
	char		 canon[CODE_CHARS + 1];
	size_t		 bodylen;
	int64_t		 seq;
	enum db_err	 e;
	int		 status = 500;

	if (intake_open(in) == -1)
		return in->stop == INTAKE_DB ? db_http_status(in->db_err) : 409;
	if ((e = sub_next_ref(&seq)) != DB_OK)
		return db_http_status(e);
	if (make_receipt(in, is, seq, &rc, out) == -1)
		return 500;
	code_generate(out->code);
	if (code_normalize(out->code, canon) == -1 || code_hash(canon, chash) == -1)
		return 503;	/* the argon2id gate was full */
	crypto_hash_sha256(rhash, (const unsigned char *)out->receipt,
	    strlen(out->receipt));
	if (seal_new_key(portal_keys.secretariat_pk, &key, sealed) == -1)
		return 500;
	memset(&row, 0, sizeof(row));
	if (seal_box(a, key, is->content, is->content_len, nonce, &body,
	    &bodylen) == -1 || box_with_nonce(a, key, out->receipt,
	    strlen(out->receipt), &row.sealed_receipt) == -1)
		goto out;
	row.id = in->sub_id;
	row.ref = out->ref;
	row.kind = is->kind;
	row.parent_id = is->parent_id;
	row.state = is->state;
	row.received = out->received;
	row.consent_government = is->consent_government;
	row.consent_public = is->consent_public;
	row.sealed_key = (struct bytes){ sealed, sizeof(sealed) };
	row.body_nonce = (struct bytes){ nonce, sizeof(nonce) };
	row.sealed_body = (struct bytes){ body, bodylen };
	row.receipt_hash = (struct bytes){ rhash, sizeof(rhash) };
	row.code_hash = (struct bytes){ chash, sizeof(chash) };
	if ((e = store(in, is, &row, out)) != DB_OK ||
	    (e = store_submitter_key(is, row.id, canon)) != DB_OK ||
	    (e = db_commit()) != DB_OK) {
		status = db_http_status(e);
		goto out;
	}
	in->in_tx = 0;
	log_event(LOG_INFO, "intake.issued", "kind=%s files=%zu", is->kind,
	    in->nfiles);
	status = 0;
out:
	seal_free_key(key);
	sodium_memzero(canon, sizeof(canon));
	return status;
}

/* Split the replay text "code\nref\nreceived\nreceipt". */
static int
replay_parse(char *text, struct issued *out)
{
	char	*p[3];
	int	 i;

	for (i = 0; i < 3; i++) {
		p[i] = text;
		if ((text = strchr(text, '\n')) == NULL)
			return -1;
		*text++ = '\0';
	}
	if (strlen(p[0]) >= sizeof(out->code))
		return -1;
	memcpy(out->code, p[0], strlen(p[0]) + 1);
	out->ref = p[1];
	out->received = p[2];
	out->receipt = text;
	return 0;
}

int
issue_replay(struct intake *in, struct issued *out)
{
	struct bytes	 nonce, box;
	unsigned char	*plain;
	size_t		 len;
	enum db_err	 e;

	/* The claim that made this one wait has committed or rolled back. */
	db_rollback();
	in->in_tx = 0;
	if ((e = sub_replay(in->r->arena, in->token_hash, &nonce, &box)) !=
	    DB_OK)
		return db_http_status(e);
	if (box.p == NULL || nonce.len != SEAL_NONCE_BYTES)
		return 404;
	if (seal_unbox(in->r->arena, in->replay_key, box.p, box.len, nonce.p,
	    &plain, &len) == -1 || replay_parse((char *)plain,
	    out) == -1)
		return 500;
	return 0;
}
