/*
 * Validating and issuing an update: its canonical content, its receipt
 * (kind progress-report, ref U-YYYY-NNNNNN, parent R-<recommendation
 * id>), the row, the transparency log's entry, then the commit. The
 * receipt holds hashes only: no explanation, no organisation, no name.
 */
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "core/writer.h"
#include "data/audit.h"
#include "data/record.h"
#include "data/tlog.h"
#include "data/update.h"
#include "http/request.h"
#include "intake/update.h"
#include "trust/keys.h"
#include "trust/note.h"
#include "trust/receipt.h"
#include "view/i18n.h"

const char *const upd_status_codes[] = {
	"not_implemented", "partially_implemented", "implemented",
	"no_information", NULL,
};

const char *const upd_status_labels[] = {
	N_("Not implemented"), N_("Partially implemented"), N_("Implemented"),
	N_("No information"), NULL,
};

static const struct field_def upd_fields[] = {
	{ "status", FT_CHOICE, FIELD_REQUIRED, 0, 0, 0, upd_status_codes },
	{ "explanation", FT_TEXT, FIELD_REQUIRED, UPD_EXPLANATION_MAX, 0, 0,
	    NULL },
	{ "organisation", FT_LINE, 0, UPD_ORGANISATION_MAX, 0, 0, NULL },
};

/* The sources an editor records; States and civil society post their own. */
const char *const upd_editor_sources[] = { "secretariat",
	"mandate_holder", NULL };

const char *const upd_editor_source_labels[] = { N_("The secretariat"),
	N_("The mandate holder"), NULL };

static const struct field_def editor_fields[] = {
	{ "status", FT_CHOICE, FIELD_REQUIRED, 0, 0, 0, upd_status_codes },
	{ "explanation", FT_TEXT, FIELD_REQUIRED, UPD_EXPLANATION_MAX, 0, 0,
	    NULL },
	{ "source", FT_CHOICE, FIELD_REQUIRED, 0, 0, 0, upd_editor_sources },
	{ "reported_on", FT_DATE, 0, 10, 0, 0, NULL },
};

const char *
upd_today(struct arena *a)
{
	struct tm	 tm;
	time_t		 now = time(NULL);
	char		*today;

	if (gmtime_r(&now, &tm) == NULL || (today = arena_alloc(a, 11)) ==
	    NULL || strftime(today, 11, "%Y-%m-%d", &tm) != 10)
		return NULL;
	return today;
}

/* An editor's source and date; the date left empty is today (UTC). */
static int
editor_values(struct upd_intake *in, struct upd_form *uf)
{
	uf->source = form_value(&uf->f, "source");
	uf->reported_on = form_value(&uf->f, "reported_on");
	if (uf->reported_on != NULL && *uf->reported_on != '\0')
		return 0;
	return (uf->reported_on = upd_today(in->r->arena)) == NULL ? 500 : 0;
}

int
upd_validate(struct upd_intake *in, struct upd_form *uf)
{
	const struct field_def	*defs = in->editor ? editor_fields : upd_fields;
	size_t			 n = in->editor ?
	    sizeof(editor_fields) / sizeof(editor_fields[0]) :
	    sizeof(upd_fields) / sizeof(upd_fields[0]);

	memset(uf, 0, sizeof(*uf));
	switch (form_validate(in->r->arena, defs, n, in->pairs, in->npairs,
	    &uf->f)) {
	case FORM_BAD:
		return 400;
	case FORM_NOMEM:
		return 500;
	case FORM_INVALID:
		return 1;
	case FORM_OK:
		break;
	}
	uf->status = form_value(&uf->f, "status");
	uf->explanation = form_value(&uf->f, "explanation");
	uf->organisation = form_value(&uf->f, "organisation");
	return in->editor ? editor_values(in, uf) : 0;
}

/* The canonical content (README, "The canonical content"), for the hash. */
static char *
canonical(struct arena *a, const struct upd_intake *in,
    const char *const kv[][2], size_t nkv, size_t *len)
{
	struct buf	 b;
	struct writer	 w;
	char		 hex[65];
	size_t		 i;
	int		 err = 0;

	buf_init(&b, a, 64u * 1024u);
	buf_writer(&b, &w);
	err |= w_puts(&w, "portal-content/v1\n");
	for (i = 0; i < nkv; i++)
		if (kv[i][1] != NULL && *kv[i][1] != '\0')
			err |= w_printf(&w, "field %s %zu\n%s\n", kv[i][0],
			    strlen(kv[i][1]), kv[i][1]);
	for (i = 0; i < in->nfiles; i++) {
		sodium_bin2hex(hex, sizeof(hex), in->files[i].sha256, 32);
		err |= w_printf(&w, "file %zu sha256:%s %llu\n", i, hex,
		    (unsigned long long)in->files[i].size);
	}
	*len = b.len;
	return err ? NULL : b.data;
}

static int
sign(struct upd_intake *in, const struct upd_form *uf, int64_t rec_id,
    const char *source, struct upd_row *row)
{
	struct arena	*a = in->r->arena;
	struct receipt	 rc;
	const char	*content, *recref;
	char		*text, *note;
	size_t		 i, clen, nlen;
	int64_t		 seq;
	unsigned char	*rhash;

	if (upd_next(STMT_UPD_NEXT_REF, &seq) != DB_OK ||
	    (recref = arena_printf(a, "R-%" PRId64, rec_id)) == NULL)
		return -1;
	{
		const char *const kv[][2] = {
			{ "recommendation", recref }, { "source", source },
			{ "status", uf->status }, { "explanation", uf->explanation },
			{ "organisation", uf->organisation },
			{ "reported_on", uf->reported_on },
		};
		if ((content = canonical(a, in, kv, sizeof(kv) / sizeof(kv[0]),
		    &clen)) == NULL)
			return -1;
	}
	memset(&rc, 0, sizeof(rc));
	rc.origin = keys_origin_host(config.origin);
	receipt_time((long long)time(NULL), rc.received);
	rc.kind = "progress-report";
	rc.parent = recref;
	crypto_hash_sha256(rc.content, (const unsigned char *)content, clen);
	for (i = 0; i < in->nfiles; i++) {
		memcpy(rc.files[i].sha256, in->files[i].sha256, 32);
		rc.files[i].size = in->files[i].size;
	}
	rc.nfiles = in->nfiles;
	randombytes_buf(rc.nonce, sizeof(rc.nonce));
	if ((rc.ref = arena_printf(a, "U-%.4s-%06" PRId64, rc.received,
	    seq)) == NULL || (text = receipt_text(a, &rc)) == NULL ||
	    note_sign(a, portal_keys.receipt, text, strlen(text), &note,
	    &nlen) != NOTE_OK || (rhash = arena_alloc(a, 32)) == NULL)
		return -1;
	crypto_hash_sha256(rhash, (const unsigned char *)note, nlen);
	row->ref = rc.ref;
	row->receipt = note;
	row->receipt_hash = (struct bytes){ rhash, 32 };
	return 0;
}

/* The token was used: show the receipt of the update it made. */
static int
replay(struct upd_intake *in, struct upd_issued *out)
{
	enum db_err	 e;
	int		 found;

	db_rollback();
	in->in_tx = 0;
	if ((e = upd_by_token(in->r->arena, in->token_hash, &out->ref,
	    &out->receipt, &found)) != DB_OK)
		return db_http_status(e);
	out->replayed = 1;
	return found ? 0 : 409;
}

/*
 * A staff member's report is a staff action: audited (ref, never
 * content); an editor's, like the desk's other records, on the
 * recommendation's id.
 */
static enum db_err
staff_audit(const struct upd_intake *in, const char *ref, int64_t rec_id)
{
	char	*object;

	if (in->staff_id <= 0)
		return DB_OK;
	object = in->editor ? arena_printf(in->r->arena, "recommendation %"
	    PRId64, rec_id) : arena_printf(in->r->arena, "update %s", ref);
	if (object == NULL)
		return DB_ERROR;
	return audit_append(in->editor ? "recommendation.update" :
	    "update.report", object, in->staff_id);
}

int
upd_issue(struct upd_intake *in, const struct upd_form *uf, int64_t rec_id,
    const char *source, struct upd_issued *out)
{
	struct upd_row	 row;
	enum db_err	 e;

	memset(out, 0, sizeof(*out));
	memset(&row, 0, sizeof(row));
	if (!in->in_tx) {
		if ((e = db_begin()) != DB_OK ||
		    (e = upd_next(STMT_UPD_NEXT_ID, &in->update_id)) != DB_OK)
			return db_http_status(e);
		in->in_tx = 1;
	}
	if (sign(in, uf, rec_id, source, &row) == -1)
		return 500;
	row.id = in->update_id;
	row.rec_id = rec_id;
	row.staff_id = in->staff_id;
	row.status = uf->status;
	row.source = source;
	row.explanation = uf->explanation;
	row.organisation = uf->organisation;
	/* A State's claim is public at once; an assessment after a check. */
	row.published = in->editor || strcmp(source, "state") == 0;
	if (in->has_token)
		row.token_hash = (struct bytes){ in->token_hash, 32 };
	e = uf->reported_on != NULL ? rec_update_issued(&row, uf->reported_on) :
	    upd_insert(&row);
	if (e == DB_CONFLICT && in->has_token)
		return replay(in, out);
	if (e != DB_OK || (e = tlog_enqueue(row.receipt_hash.p)) != DB_OK ||
	    (e = staff_audit(in, row.ref, rec_id)) != DB_OK ||
	    (e = db_commit()) != DB_OK)
		return db_http_status(e);
	in->in_tx = 0;
	log_event(LOG_INFO, "update.issued", "source=%s files=%zu", source,
	    in->nfiles);
	out->ref = row.ref;
	out->receipt = row.receipt;
	return 0;
}
