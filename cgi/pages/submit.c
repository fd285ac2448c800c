/*
 * /{lang}/submit: the allegation form (GET) and its submission (POST,
 * multipart/form-data). A POST with Accept: application/json answers JSON
 * with the same fields, so programs can submit too (README, "Submitting
 * from a program").
 *
 * The receipt and the return code are shown only after the submission
 * has committed. A validation error shows the form again with everything
 * typed; files already streamed are not kept (they were never committed)
 * and the page names each one to attach again.
 */
#include <string.h>

#include "core/arena.h"
#include "core/json.h"
#include "core/writer.h"
#include "data/db.h"
#include "http/request.h"
#include "http/response.h"
#include "intake/allegation.h"
#include "intake/intake.h"
#include "intake/issue.h"
#include "pages/pages.h"
#include "pages/submit_view.h"

static int
answer_json(struct req *r, int status, const struct issued *out)
{
	struct writer	*w = &r->out;
	int		 rc = 0;

	if (resp_begin(r, status, "application/json") == -1)
		return 0;
	rc |= w_puts(w, "{\"ref\":");
	rc |= json_string(w, out->ref);
	rc |= w_puts(w, ",\"received\":");
	rc |= json_string(w, out->received);
	rc |= w_puts(w, ",\"receipt\":");
	rc |= json_string(w, out->receipt);
	rc |= w_puts(w, ",\"return_code\":");
	rc |= json_string(w, out->code);
	rc |= w_puts(w, "}\n");
	(void)rc;	/* a client that left is logged by the dispatcher */
	return 0;
}

static int
errors_json(struct req *r, int status, const struct form *f,
    const char *file_error)
{
	struct writer	*w = &r->out;
	size_t		 i;
	int		 rc = 0, first = 1;

	if (resp_begin(r, status, "application/json") == -1)
		return 0;
	rc |= w_puts(w, "{\"errors\":{");
	for (i = 0; f != NULL && i < f->nfields; i++) {
		if (f->fields[i].error == FE_NONE)
			continue;
		rc |= w_puts(w, first ? "" : ",");
		rc |= json_string(w, f->fields[i].def->name);
		rc |= w_puts(w, ":");
		rc |= json_string(w, field_error_msgids[f->fields[i].error]);
		first = 0;
	}
	if (file_error != NULL) {
		rc |= w_puts(w, first ? "" : ",");
		rc |= json_string(w, INTAKE_FILE_FIELD);
		rc |= w_puts(w, ":");
		rc |= json_string(w, file_error);
	}
	rc |= w_puts(w, "}}\n");
	(void)rc;
	return 0;
}

/* Show the form again, or the errors to a program. */
static int
again(struct req *r, int status, struct form *f, const struct intake *in,
    const char *file_error)
{
	db_rollback();
	if (req_wants_json(r))
		return errors_json(r, status, f, file_error);
	return submit_form_page(r, status, f, in, file_error);
}

static int
answer(struct req *r, const struct issued *out)
{
	if (req_wants_json(r))
		return answer_json(r, 201, out);
	return submit_receipt_page(r, out);
}

int
page_submit_post(struct req *r)
{
	struct intake	 in;
	struct form	 f;
	struct issue_in	 is;
	struct issued	 out;
	int		 status;

	status = intake_read(r, &in);
	if (status == 413)
		return again(r, 413, NULL, &in, SUBMIT_ERR_TOO_LARGE);
	if (status != 0)
		return status;
	if (in.stop == INTAKE_DUPLICATE) {
		if ((status = issue_replay(&in, &out)) != 0)
			return status == 404 ? 409 : status;
		return answer(r, &out);
	}
	if (in.stop == INTAKE_FILE_TYPE)
		return again(r, 422, NULL, &in, SUBMIT_ERR_FILE_TYPE);
	switch (form_validate(r->arena, allegation_fields, allegation_nfields,
	    in.pairs, in.npairs, &f)) {
	case FORM_BAD:
		return 400;
	case FORM_NOMEM:
		return 500;
	case FORM_INVALID:
		return again(r, 422, &f, &in, NULL);
	case FORM_OK:
		break;
	}
	if ((status = allegation_prepare(r->arena, &f, &in, &is)) > 0)
		return status;
	if (status == -1)
		return again(r, 422, &f, &in, NULL);
	if ((status = issue(&in, &is, &out)) != 0)
		return status;
	return answer(r, &out);
}

int
page_submit_get(struct req *r)
{
	return submit_form_page(r, 200, NULL, NULL, NULL);
}
