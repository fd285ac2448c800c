/*
 * What the two visit forms share (pages/desk_visit.c records a request,
 * pages/desk_visit_one.c updates its status): the fields of the status
 * and dates, their checks, and their choices.
 */
#ifndef PORTAL_DESK_RECORD_VISIT_H
#define PORTAL_DESK_RECORD_VISIT_H

#include "data/record.h"
#include "data/record_check.h"
#include "desk/record_form.h"

/* Field definitions of status, visit_start, visit_end, report_symbol. */
#define RVISIT_STATUS_FIELDS \
	{ "status", FT_CHOICE, FIELD_REQUIRED, 20, 0, 0, rck_visit_statuses }, \
	{ "visit_start", FT_DATE, 0, 10, 0, 0, NULL }, \
	{ "visit_end", FT_DATE, 0, 10, 0, 0, NULL }, \
	{ "report_symbol", FT_LINE, 0, 100, 0, 0, NULL }

/* Read and check the status fields into *v (errors beside them). 0 or -1. */
int	rvisit_check(struct req *, struct rform *, struct rec_visit_in *)
	    __attribute__((warn_unused_result));
/* The status choices, "statuses". 0 or -1. */
int	rvisit_choices(struct req *, struct rform *)
	    __attribute__((warn_unused_result));

#endif /* PORTAL_DESK_RECORD_VISIT_H */
