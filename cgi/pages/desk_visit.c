/*
 * /{lang}/desk/visits: visit requests recorded, most recently changed
 * first, and the form that records a new one (GET shows, POST records).
 * Each request's status is then updated on its own page (desk_visit_one.c).
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

static const struct field_def visit_fields[] = {
	{ "mandate", FT_SLUG, FIELD_REQUIRED, 100, 0, 0, NULL },
	{ "state", FT_ISO3, FIELD_REQUIRED, 3, 0, 0, NULL },
	{ "requested_on", FT_DATE, FIELD_REQUIRED, 10, 0, 0, NULL },
	RVISIT_STATUS_FIELDS,
};
#define VISIT_NFIELDS	(sizeof(visit_fields) / sizeof(visit_fields[0]))

static const char *const visit_cols[] = { "", "mandate", "state",
	"requested", "", "start", "end", "report", NULL };

static int
fill_list(struct req *r, struct rform *rf)
{
	struct rec_table t;
	struct view	*it;
	int		 i;

	if (rec_list(r->arena, REC_VISITS, &t) != DB_OK ||
	    view_set_list(rf->v, "visits") == -1)
		return -1;
	for (i = 0; i < t.nrows; i++)
		if ((it = rform_row(rf->v, "visits", &t, i, visit_cols)) ==
		    NULL || view_set_strf(it, "href", "/%s/desk/visits/%s",
		    lang_code[r->lang], rec_cell(&t, i, RV_ID)) == -1 ||
		    view_set_str(it, "status", cv_visit_status(r, rec_cell(&t, i,
		    RV_STATUS))) == -1)
			return -1;
	return 0;
}

static int
show(struct req *r, struct rform *rf, int status)
{
	int	 rc;

	if (!rf->posted && rform_default(rf, "status", "requested") == -1)
		rc = 500;
	else if (fill_list(r, rf) == -1 || rvisit_choices(r, rf) == -1 ||
	    rform_states(r, rf, "states", "state") == -1 ||
	    rform_mandates(r, rf, "mandates", "mandate") == -1 ||
	    view_set_strf(rf->v, "action", "/%s/desk/visits",
	    lang_code[r->lang]) == -1)
		rc = 500;
	else
		rc = page_render(r, status, "desk_visit", rf->v);
	rform_done(rf);
	return rc;
}

int
page_desk_visits(struct req *r)
{
	return rform_get(r, visit_fields, VISIT_NFIELDS, show);
}

/* The State and the mandate exist. 0 or -1. */
static int
check_keys(struct req *r, struct rform *rf, struct rec_visit_in *v)
{
	int	 found = 1;

	v->mandate = rform_val(rf, "mandate");
	v->state = rform_val(rf, "state");
	v->requested = rform_val(rf, "requested_on");
	if (*v->state != '\0' && (rec_state_known(v->state, &found) != DB_OK ||
	    (!found && rform_error(r, rf, "state",
	    field_error_msgids[FE_INVALID]) == -1)))
		return -1;
	found = 1;
	if (*v->mandate != '\0' && (rec_mandate_known(v->mandate, &found) !=
	    DB_OK || (!found && rform_error(r, rf, "mandate",
	    field_error_msgids[FE_INVALID]) == -1)))
		return -1;
	return 0;
}

int
page_desk_visit_record(struct req *r)
{
	struct rform		 rf;
	struct rec_visit_in	 v;
	enum db_err		 e;
	int64_t			 id;
	int			 rc;

	if ((rc = rform_open(r, visit_fields, VISIT_NFIELDS, 1, &rf)) != 0)
		return rc < 0 ? 0 : rc;
	if (check_keys(r, &rf, &v) == -1 || rvisit_check(r, &rf, &v) == -1) {
		rform_done(&rf);
		return 500;
	}
	if (rf.nerrors > 0)
		return show(r, &rf, 422);
	if ((e = db_begin()) != DB_OK || (e = rec_visit_insert(&v, &id)) !=
	    DB_OK) {
		if ((rc = rform_failed(r, &rf, e, "requested_on",
		    N_("This mandate's request to this State on this date is already recorded."))) != 0)
			return rc;
		return show(r, &rf, 422);
	}
	return rform_finish(r, &rf, "visit.record", "visit", "visits",
	    id);
}
