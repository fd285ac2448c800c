/*
 * The visit forms' shared part (see record_visit.h).
 */
#include <string.h>

#include "data/record_check.h"
#include "desk/record_visit.h"
#include "pages/coopview.h"
#include "view/i18n.h"

int
rvisit_check(struct req *r, struct rform *rf, struct rec_visit_in *v)
{
	v->status = rform_val(rf, "status");
	v->start = rform_val(rf, "visit_start");
	v->end = rform_val(rf, "visit_end");
	v->report = rform_val(rf, "report_symbol");
	if (*v->start != '\0' && *v->end != '\0' &&
	    strcmp(v->end, v->start) < 0 && rform_error(r, rf, "visit_end",
	    N_("The visit cannot end before it starts.")) == -1)
		return -1;
	if (*v->report != '\0' && !rck_symbol_ok(v->report) &&
	    rform_error(r, rf, "report_symbol",
	    N_("Write a United Nations document symbol, such as A/HRC/55/52/Add.1.")) == -1)
		return -1;
	return 0;
}

int
rvisit_choices(struct req *r, struct rform *rf)
{
	return rform_codes(r, rf, "statuses", "status", rck_visit_statuses,
	    cv_visit_status);
}
