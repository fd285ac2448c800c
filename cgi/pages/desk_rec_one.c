/*
 * /{lang}/desk/recommendations/{id}: one recommendation, its
 * implementation updates, and the form that records the secretariat's
 * or the mandate holder's update (GET shows, POST records). States'
 * progress reports and civil society's assessments arrive elsewhere.
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

/* The sources this desk records; the schema knows two more. */
static const char *const desk_sources[] = { "secretariat", "mandate_holder",
	NULL };

static const struct field_def upd_fields[] = {
	{ "reported_on", FT_DATE, FIELD_REQUIRED, 10, 0, 0, NULL },
	{ "status", FT_CHOICE, FIELD_REQUIRED, 30, 0, 0, rck_upd_statuses },
	{ "source", FT_CHOICE, FIELD_REQUIRED, 20, 0, 0, desk_sources },
	{ "explanation", FT_TEXT, 0, RF_TEXT, 0, 0, NULL },
};
#define UPD_NFIELDS	(sizeof(upd_fields) / sizeof(upd_fields[0]))

static const char *const head_cols[] = { "id", "symbol", "para", "state",
	"mandate", "issued", "text", "lang", "themes", "groups", "visit",
	NULL };
static const char *const upd_cols[] = { "date", "", "", "explanation",
	NULL };

static const char *
source_name(struct req *r, const char *code)
{
	static const char *const names[] = { N_("The State"),
	    N_("Civil society"), N_("The secretariat"),
	    N_("The mandate holder") };
	size_t	 i;

	for (i = 0; rck_upd_sources[i] != NULL; i++)
		if (strcmp(rck_upd_sources[i], code) == 0)
			return page_tr(r, names[i]);
	return code;
}

static int
fill_updates(struct req *r, struct rform *rf, int64_t id)
{
	struct rec_table t;
	struct view	*it;
	int		 i;

	if (rec_get(r->arena, REC_UPDATES, id, &t) != DB_OK ||
	    view_set_list(rf->v, "updates") == -1)
		return -1;
	for (i = 0; i < t.nrows; i++)
		if ((it = rform_row(rf->v, "updates", &t, i, upd_cols)) == NULL ||
		    view_set_str(it, "status", cv_rec_status(r, rec_cell(&t, i,
		    RU_STATUS))) == -1 || view_set_str(it, "source",
		    source_name(r, rec_cell(&t, i, RU_SOURCE))) == -1)
			return -1;
	return 0;
}

static int
fill(struct req *r, struct rform *rf, int64_t id)
{
	struct rec_table t;

	if (rec_get(r->arena, REC_REC, id, &t) != DB_OK)
		return -1;
	if (t.nrows != 1)
		return 404;
	if (rform_map(rf->v, "rec", &t, head_cols) == NULL ||
	    fill_updates(r, rf, id) == -1 ||
	    rform_codes(r, rf, "statuses", "status", rck_upd_statuses,
	    cv_rec_status) == -1 ||
	    rform_codes(r, rf, "sources", "source", desk_sources,
	    source_name) == -1 ||
	    view_set_strf(rf->v, "action", "/%s/desk/recommendations/%lld",
	    lang_code[r->lang], (long long)id) == -1)
		return -1;
	return 0;
}

int
page_desk_rec(struct req *r)
{
	return rform_get_one(r, upd_fields, UPD_NFIELDS, fill, "desk_rec_one");
}

int
page_desk_update_record(struct req *r)
{
	struct rform	 rf;
	struct rec_table t;
	enum db_err	 e;
	int64_t		 id;
	int		 rc;

	if ((rc = rform_post_one(r, upd_fields, UPD_NFIELDS, REC_REC, &rf, &id,
	    &t)) != 0)
		return rc < 0 ? 0 : rc;
	if (rf.nerrors > 0)
		return rform_show_one(r, &rf, id, fill, "desk_rec_one", 422);
	if ((e = db_begin()) != DB_OK || (e = rec_update_insert(id,
	    rform_val(&rf, "reported_on"), rform_val(&rf, "status"),
	    rform_val(&rf, "source"), rform_val(&rf, "explanation"))) !=
	    DB_OK) {
		if ((rc = rform_failed(r, &rf, e, "reported_on",
		    N_("An update from this source on this date is already recorded."))) != 0)
			return rc;
		return rform_show_one(r, &rf, id, fill, "desk_rec_one", 422);
	}
	return rform_finish(r, &rf, "recommendation.update", "recommendation",
	    "recommendations", id);
}
