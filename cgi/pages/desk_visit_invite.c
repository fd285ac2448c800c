/*
 * /{lang}/desk/invitations: the States that have issued a standing
 * invitation to all mandates, with its date, and the form that records
 * one or changes its date (GET shows, POST records).
 */
#include "core/arena.h"
#include "data/record.h"
#include "desk/record_form.h"
#include "http/request.h"
#include "pages/common.h"
#include "pages/pages.h"
#include "view/i18n.h"
#include "view/view.h"

static const struct field_def invite_fields[] = {
	{ "state", FT_ISO3, FIELD_REQUIRED, 3, 0, 0, NULL },
	{ "since", FT_DATE, FIELD_REQUIRED, 10, 0, 0, NULL },
};
#define INVITE_NFIELDS	(sizeof(invite_fields) / sizeof(invite_fields[0]))

static const char *const invite_cols[] = { "state", "since", NULL };

static int
show(struct req *r, struct rform *rf, int status)
{
	struct rec_table t;
	int		 rc = 500, i;

	if (rec_list(r->arena, REC_INVITATIONS, &t) != DB_OK ||
	    view_set_list(rf->v, "invitations") == -1)
		goto out;
	for (i = 0; i < t.nrows; i++)
		if (rform_row(rf->v, "invitations", &t, i, invite_cols) == NULL)
			goto out;
	if (rform_states(r, rf, "states", "state") == -1 ||
	    view_set_strf(rf->v, "action", "/%s/desk/invitations",
	    lang_code[r->lang]) == -1)
		goto out;
	rc = page_render(r, status, "desk_visit_invite", rf->v);
out:
	rform_done(rf);
	return rc;
}

int
page_desk_invitations(struct req *r)
{
	return rform_get(r, invite_fields, INVITE_NFIELDS, show);
}

int
page_desk_invitation_record(struct req *r)
{
	struct rform	 rf;
	const char	*state;
	enum db_err	 e;
	int		 rc, found = 1;

	if ((rc = rform_open(r, invite_fields, INVITE_NFIELDS, 1, &rf)) != 0)
		return rc < 0 ? 0 : rc;
	state = rform_val(&rf, "state");
	if (*state != '\0' && (rec_state_known(state, &found) != DB_OK ||
	    (!found && rform_error(r, &rf, "state",
	    field_error_msgids[FE_INVALID]) == -1))) {
		rform_done(&rf);
		return 500;
	}
	if (rf.nerrors > 0)
		return show(r, &rf, 422);
	if ((e = db_begin()) != DB_OK || (e = rec_invitation_set(state,
	    rform_val(&rf, "since"))) != DB_OK) {
		db_rollback();
		rform_done(&rf);
		return db_http_status(e);
	}
	rc = rform_commit_object("invitation.record", arena_printf(r->arena,
	    "state %s", state), rf.s.staff_id);
	rform_done(&rf);
	return rc != 0 ? rc : rform_redirect(r, "invitations");
}
