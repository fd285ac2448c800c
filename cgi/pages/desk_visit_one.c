/*
 * /{lang}/desk/visits/{id}: one visit request, the history of its
 * status (kept by the database on every change), and the form that
 * changes its status, dates and report (GET shows, POST records).
 */
#include <string.h>

#include "core/arena.h"
#include "data/record.h"
#include "data/record_check.h"
#include "desk/record_visit.h"
#include "http/request.h"
#include "pages/common.h"
#include "pages/coopview.h"
#include "pages/pages.h"
#include "view/i18n.h"
#include "view/view.h"

static const struct field_def status_fields[] = {
	RVISIT_STATUS_FIELDS,
};
#define STATUS_NFIELDS	(sizeof(status_fields) / sizeof(status_fields[0]))

static const char *const head_cols[] = { "id", "mandate", "state",
	"requested", "", "start", "end", "report", NULL };
static const char *const hist_cols[] = { "", "start", "end", "report", "at",
	NULL };

/* On first display the form shows what is stored. */
static int
defaults(struct rform *rf, const struct rec_table *t)
{
	return rform_default(rf, "status", rec_cell(t, 0, RV_STATUS)) == -1 ||
	    rform_default(rf, "visit_start", rec_cell(t, 0, RV_START)) == -1 ||
	    rform_default(rf, "visit_end", rec_cell(t, 0, RV_END)) == -1 ||
	    rform_default(rf, "report_symbol", rec_cell(t, 0, RV_REPORT)) ==
	    -1 ? -1 : 0;
}

static int
fill(struct req *r, struct rform *rf, int64_t id)
{
	struct rec_table t;
	struct view	*it;
	int		 i;

	if (rec_get(r->arena, REC_VISIT, id, &t) != DB_OK)
		return -1;
	if (t.nrows != 1)
		return 404;
	if ((it = rform_map(rf->v, "visit", &t, head_cols)) == NULL ||
	    view_set_str(it, "status", cv_visit_status(r, rec_cell(&t, 0,
	    RV_STATUS))) == -1 || (!rf->posted && defaults(rf, &t) == -1) ||
	    rvisit_choices(r, rf) == -1 ||
	    view_set_strf(rf->v, "action", "/%s/desk/visits/%lld",
	    lang_code[r->lang], (long long)id) == -1 ||
	    rec_get(r->arena, REC_VISIT_HISTORY, id, &t) != DB_OK ||
	    view_set_list(rf->v, "history") == -1)
		return -1;
	for (i = 0; i < t.nrows; i++)
		if ((it = rform_row(rf->v, "history", &t, i, hist_cols)) ==
		    NULL || view_set_str(it, "status", cv_visit_status(r,
		    rec_cell(&t, i, RH_STATUS))) == -1)
			return -1;
	return 0;
}

int
page_desk_visit(struct req *r)
{
	return rform_get_one(r, status_fields, STATUS_NFIELDS, fill,
	    "desk_visit_one");
}

int
page_desk_visit_update(struct req *r)
{
	struct rform		 rf;
	struct rec_visit_in	 v;
	struct rec_table	 t;
	enum db_err		 e;
	int64_t			 id;
	int			 rc;

	if ((rc = rform_post_one(r, status_fields, STATUS_NFIELDS, REC_VISIT,
	    &rf, &id, &t)) != 0)
		return rc < 0 ? 0 : rc;
	if (rvisit_check(r, &rf, &v) == -1) {
		rform_done(&rf);
		return 500;
	}
	if (rf.nerrors > 0)
		return rform_show_one(r, &rf, id, fill, "desk_visit_one", 422);
	if ((e = db_begin()) != DB_OK || (e = rec_visit_update(id, &v)) !=
	    DB_OK) {
		db_rollback();
		rform_done(&rf);
		return db_http_status(e);
	}
	return rform_finish(r, &rf, "visit.update", "visit", "visits", id);
}
