/*
 * /{lang}/verify: check a receipt, pasted or uploaded. Says whether the
 * signature is valid and by which key, what the receipt attests, and
 * whether it is in the transparency log, with the inclusion proof checked
 * here against the current signed checkpoint. JSON for programs.
 */
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/json.h"
#include "core/writer.h"
#include "data/tlog.h"
#include "http/csrf.h"
#include "http/request.h"
#include "http/response.h"
#include "pages/common.h"
#include "pages/pages.h"
#include "pages/verify_input.h"
#include "trust/checkpoint.h"
#include "trust/keys.h"
#include "trust/merkle.h"
#include "trust/verify.h"
#include "view/view.h"

struct logged {
	int		 known;		/* the log could be asked */
	int64_t		 index;		/* -1: not yet integrated */
	uint64_t	 size;
	int		 proof_ok;
};

/* Is the entry in the log, with a proof that checks out? */
static void
check_log(struct req *r, const struct verified *vr, struct logged *lg)
{
	struct tlog_proof	 p;
	struct checkpoint	 cp;
	uint8_t			 leaf[32];
	char			 origin[256];

	memset(lg, 0, sizeof(*lg));
	lg->index = -1;
	if (tlog_inclusion(r->arena, vr->entry, &p) != DB_OK)
		return;
	lg->known = 1;
	if ((lg->index = p.index) < 0)
		return;
	lg->size = p.tree_size;
	merkle_leaf_hash(vr->entry, 32, leaf);
	if (tlog_origin(config.origin, origin, sizeof(origin)) == -1 ||
	    checkpoint_open(r->arena, p.checkpoint, strlen(p.checkpoint),
	    origin, &portal_keys.log_verifier, 1, &cp) != NOTE_OK)
		return;
	lg->proof_ok = cp.size == p.tree_size &&
	    memcmp(cp.root, p.root, 32) == 0 &&
	    merkle_inclusion_verify((uint64_t)p.index, p.tree_size, leaf,
	    (const uint8_t (*)[32])p.hashes, p.nhashes, cp.root) == 0;
}

static int
answer_json(struct req *r, enum verify_result res, const struct verified *vr,
    const struct logged *lg)
{
	struct writer	*w = &r->out;
	char		 hex[65];
	size_t		 i;
	int		 rc = 0;

	if (resp_begin(r, 200, "application/json") == -1)
		return 0;
	rc |= w_printf(w, "{\"valid\":%s,\"result\":",
	    res == VERIFY_OK ? "true" : "false");
	rc |= json_string(w, verify_result_str[res]);
	if (res == VERIFY_OK) {
		const struct receipt *rc_ = &vr->receipt;
		rc |= w_puts(w, ",\"key\":");
		rc |= json_string(w, vr->vkey);
		rc |= w_puts(w, ",\"ref\":");
		rc |= json_string(w, rc_->ref);
		rc |= w_puts(w, ",\"kind\":");
		rc |= json_string(w, rc_->kind);
		rc |= w_puts(w, ",\"received\":");
		rc |= json_string(w, rc_->received);
		sodium_bin2hex(hex, sizeof(hex), rc_->content, 32);
		rc |= w_printf(w, ",\"content_sha256\":\"%s\",\"files\":[", hex);
		for (i = 0; i < rc_->nfiles; i++) {
			sodium_bin2hex(hex, sizeof(hex), rc_->files[i].sha256, 32);
			rc |= w_printf(w, "%s{\"sha256\":\"%s\",\"size\":%llu}",
			    i ? "," : "", hex,
			    (unsigned long long)rc_->files[i].size);
		}
		rc |= w_puts(w, "],\"parent\":");
		rc |= rc_->parent ? json_string(w, rc_->parent) : w_puts(w, "null");
		sodium_bin2hex(hex, sizeof(hex), vr->entry, 32);
		rc |= w_printf(w, ",\"log\":{\"entry\":\"%s\",\"index\":", hex);
		if (lg->index >= 0)
			rc |= w_printf(w, "%lld,\"tree_size\":%llu,"
			    "\"proof_verified\":%s}", (long long)lg->index,
			    (unsigned long long)lg->size,
			    lg->proof_ok ? "true" : "false");
		else
			rc |= w_puts(w, "null}");
	}
	rc |= w_puts(w, "}\n");
	(void)rc;
	return 0;
}

static int
fill_result(struct req *r, struct view *v, enum verify_result res,
    const struct verified *vr, const struct logged *lg)
{
	struct view	*it;
	char		 hex[65];
	size_t		 i;

	if (view_set_bool(v, "checked", 1) == -1 ||
	    view_set_bool(v, "valid", res == VERIFY_OK) == -1 ||
	    view_set_str(v, "result", page_tr(r, verify_result_str[res])) == -1)
		return -1;
	if (res != VERIFY_OK)
		return 0;
	sodium_bin2hex(hex, sizeof(hex), vr->receipt.content, 32);
	if (view_set_str(v, "key", vr->vkey) == -1 ||
	    view_set_str(v, "ref", vr->receipt.ref) == -1 ||
	    view_set_str(v, "kind", vr->receipt.kind) == -1 ||
	    view_set_str(v, "received", vr->receipt.received) == -1 ||
	    view_set_strf(v, "content", "%s", hex) == -1 ||
	    view_set_str(v, "parent", vr->receipt.parent) == -1 ||
	    view_set_list(v, "files") == -1 ||
	    view_set_bool(v, "logged", lg->index >= 0) == -1 ||
	    view_set_bool(v, "log_unknown", !lg->known) == -1 ||
	    view_set_int(v, "log_index", lg->index) == -1 ||
	    view_set_int(v, "log_size", (long long)lg->size) == -1 ||
	    view_set_bool(v, "proof_ok", lg->proof_ok) == -1)
		return -1;
	for (i = 0; i < vr->receipt.nfiles; i++) {
		sodium_bin2hex(hex, sizeof(hex), vr->receipt.files[i].sha256, 32);
		if ((it = view_list_append(v, "files")) == NULL ||
		    view_set_int(it, "number", (long long)i + 1) == -1 ||
		    view_set_int(it, "size",
		    (long long)vr->receipt.files[i].size) == -1 ||
		    view_set_strf(it, "sha256", "%s", hex) == -1)
			return -1;
	}
	return 0;
}

static int
show(struct req *r, const char *pasted, enum verify_result res,
    const struct verified *vr, const struct logged *lg)
{
	struct view	*v;
	const char	*csrf;

	if ((v = page_view(r)) == NULL || (csrf = csrf_token(r)) == NULL ||
	    view_set_str(v, "csrf", csrf) == -1 ||
	    view_set_strf(v, "action", "/%s/verify", lang_code[r->lang]) == -1 ||
	    view_set_str(v, "pasted", pasted) == -1 ||
	    (vr != NULL && fill_result(r, v, res, vr, lg) == -1))
		return 500;
	return page_render(r, 200, "verify", v);
}

int
page_verify_get(struct req *r)
{
	return show(r, "", VERIFY_OK, NULL, NULL);
}

int
page_verify_post(struct req *r)
{
	struct verify_input	 in;
	struct verified		 vr;
	struct logged		 lg;
	enum verify_result	 res;
	char			*note;
	size_t			 len;
	int			 status;

	if ((status = verify_input_read(r, &in)) != 0)
		return status;
	if (csrf_check(r, in.csrf) == CSRF_REFUSED)
		return 403;
	if (in.receipt == NULL)
		return req_wants_json(r) ? 400 : show(r, "", VERIFY_OK, NULL,
		    NULL);
	note = (char *)in.receipt;
	len = in.len;
	res = verify_receipt(r->arena, note, len, portal_keys.receipt_verifiers,
	    portal_keys.receipt_vkeys, portal_keys.nreceipt_verifiers, &vr);
	memset(&lg, 0, sizeof(lg));
	lg.index = -1;
	if (res == VERIFY_OK)
		check_log(r, &vr, &lg);
	if (req_wants_json(r))
		return answer_json(r, res, &vr, &lg);
	return show(r, note, res, &vr, &lg);
}
