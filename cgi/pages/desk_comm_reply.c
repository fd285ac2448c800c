/*
 * /{lang}/desk/communications/{id}: one communication as recorded, its
 * replies, and the form that records a reply (GET shows, POST records).
 * A communication without any reply counts as "no response": that is
 * derived by the database, never recorded.
 */
#include <string.h>

#include "core/arena.h"
#include "data/record.h"
#include "data/record_check.h"
#include "desk/record_form.h"
#include "http/request.h"
#include "pages/common.h"
#include "pages/coopview.h"
#include "pages/pages.h"
#include "view/i18n.h"
#include "view/view.h"

static const struct field_def reply_fields[] = {
	{ "received_on", FT_DATE, FIELD_REQUIRED, 10, 0, 0, NULL },
	{ "confidential", FT_YESNO, FIELD_REQUIRED, 3, 0, 0, NULL },
	{ "classification", FT_CHOICE, FIELD_REQUIRED, 40, 0, 0,
	    rck_classifications },
	{ "summary", FT_TEXT, 0, RF_TEXT, 0, 0, NULL },
};
#define REPLY_NFIELDS	(sizeof(reply_fields) / sizeof(reply_fields[0]))

static const char *const head_cols[] = { "id", "ref", "", "sent", "state",
	"addressee", "public_after", "", "", "summary", "summary_lang",
	"mandates", "submissions", NULL };
static const char *const reply_cols[] = { "", "received", "", "", "summary",
	NULL };

static const char *
yes_no(struct req *r, const char *code)
{
	return page_tr(r, strcmp(code, "yes") == 0 ? N_("Yes") : N_("No"));
}

static int
fill_replies(struct req *r, struct rform *rf, int64_t id)
{
	struct rec_table t;
	struct view	*it;
	int		 i;

	if (rec_get(r->arena, REC_REPLIES, id, &t) != DB_OK ||
	    view_set_list(rf->v, "replies") == -1)
		return -1;
	for (i = 0; i < t.nrows; i++)
		if ((it = rform_row(rf->v, "replies", &t, i, reply_cols)) ==
		    NULL || view_set_str(it, "class", cv_category(r,
		    rec_cell(&t, i, RR_CLASS))) == -1 ||
		    view_set_bool(it, "confidential", strcmp(rec_cell(&t, i,
		    RR_CONF), "t") == 0) == -1)
			return -1;
	return 0;
}

/* The communication, its replies, the form's choices: 0, 404 or -1. */
static int
fill(struct req *r, struct rform *rf, int64_t id)
{
	static const char *const yn[] = { "yes", "no", NULL };
	struct rec_table t;
	struct view	*it;

	if (rec_get(r->arena, REC_COMM, id, &t) != DB_OK)
		return -1;
	if (t.nrows != 1)
		return 404;
	if ((it = rform_map(rf->v, "comm", &t, head_cols)) == NULL ||
	    view_set_str(it, "type", cv_type(r, rec_cell(&t, 0, RC_TYPE))) ==
	    -1 || view_set_str(it, "outcome", cv_category(r, rec_cell(&t, 0,
	    RC_CATEGORY))) == -1 || view_set_bool(it, "is_public",
	    strcmp(rec_cell(&t, 0, RC_IS_PUBLIC), "t") == 0) == -1 ||
	    view_set_strf(rf->v, "public_href", "/%s/communications/%lld",
	    lang_code[r->lang], (long long)id) == -1 ||
	    view_set_strf(rf->v, "action", "/%s/desk/communications/%lld",
	    lang_code[r->lang], (long long)id) == -1 ||
	    (!rf->posted && rform_default(rf, "confidential", "no") == -1) ||
	    rform_codes(r, rf, "classes", "classification",
	    rck_classifications, cv_category) == -1 ||
	    rform_codes(r, rf, "yesno", "confidential", yn, yes_no) == -1)
		return -1;
	return fill_replies(r, rf, id);
}

int
page_desk_comm(struct req *r)
{
	return rform_get_one(r, reply_fields, REPLY_NFIELDS, fill,
	    "desk_comm_one");
}

int
page_desk_reply_record(struct req *r)
{
	struct rform	 rf;
	struct rec_table t;
	const char	*got;
	enum db_err	 e;
	int64_t		 id;
	int		 rc;

	if ((rc = rform_post_one(r, reply_fields, REPLY_NFIELDS, REC_COMM, &rf,
	    &id, &t)) != 0)
		return rc < 0 ? 0 : rc;
	got = rform_val(&rf, "received_on");
	if (*got != '\0' && strcmp(got, rec_cell(&t, 0, RC_SENT)) < 0 &&
	    rform_error(r, &rf, "received_on",
	    N_("A reply cannot arrive before the letter was sent.")) == -1) {
		rform_done(&rf);
		return 500;
	}
	if (rf.nerrors > 0)
		return rform_show_one(r, &rf, id, fill, "desk_comm_one", 422);
	if ((e = db_begin()) != DB_OK || (e = rec_reply_insert(id, got,
	    strcmp(rform_val(&rf, "confidential"), "yes") == 0,
	    rform_val(&rf, "classification"), rform_val(&rf, "summary"))) !=
	    DB_OK) {
		if ((rc = rform_failed(r, &rf, e, "received_on",
		    N_("A reply received on this date is already recorded."))) != 0)
			return rc;
		return rform_show_one(r, &rf, id, fill, "desk_comm_one", 422);
	}
	return rform_finish(r, &rf, "reply.record", "communication",
	    "communications", id);
}
