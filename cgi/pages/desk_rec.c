/*
 * /{lang}/desk/recommendations: recommendations recorded, newest first,
 * and the form that records one (GET shows, POST records): from a visit
 * report or another document, with its text, themes and affected groups.
 * Its implementation updates are recorded on its own page (desk_rec_one.c).
 */
#include <stdlib.h>
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

#define REC_TAGS_MAX	20	/* themes, affected groups */
#define REC_TAG_BYTES	100

static const struct field_def rec_fields[] = {
	{ "document_symbol", FT_LINE, FIELD_REQUIRED, 100, 0, 0, NULL },
	{ "paragraph", FT_LINE, FIELD_REQUIRED, 20, 0, 0, NULL },
	{ "visit", FT_INT, 0, 20, 1, INT64_MAX, NULL },
	{ "state", FT_ISO3, FIELD_REQUIRED, 3, 0, 0, NULL },
	{ "mandate", FT_SLUG, FIELD_REQUIRED, 100, 0, 0, NULL },
	{ "issued_on", FT_DATE, FIELD_REQUIRED, 10, 0, 0, NULL },
	{ "text", FT_TEXT, FIELD_REQUIRED, RF_TEXT, 0, 0, NULL },
	{ "text_lang", FT_CHOICE, FIELD_REQUIRED, 2, 0, 0, rck_langs },
	{ "themes", FT_LINE, 0, 1000, 0, 0, NULL },
	{ "affected_groups", FT_LINE, 0, 1000, 0, 0, NULL },
};
#define REC_NFIELDS	(sizeof(rec_fields) / sizeof(rec_fields[0]))

static const char *const rec_cols[] = { "", "symbol", "para", "state",
	"mandate", "issued", NULL };

/* Visits to choose from: "mandate, State, date requested". */
static int
fill_visits(struct req *r, struct rform *rf)
{
	struct rec_table t;
	int		 i;

	if (rec_list(r->arena, REC_VISITS, &t) != DB_OK ||
	    view_set_list(rf->v, "visits") == -1)
		return -1;
	for (i = 0; i < t.nrows; i++)
		if (rform_item(rf, "visits", "visit", rec_cell(&t, i, RV_ID),
		    arena_printf(r->arena, "%s, %s, %s", rec_cell(&t, i,
		    RV_MANDATE), rec_cell(&t, i, RV_STATE), rec_cell(&t, i,
		    RV_REQUESTED))) == -1)
			return -1;
	return 0;
}

static int
fill_list(struct req *r, struct rform *rf)
{
	struct rec_table t;
	struct view	*it;
	int		 i;

	if (rec_list(r->arena, REC_RECS, &t) != DB_OK ||
	    view_set_list(rf->v, "recs") == -1)
		return -1;
	for (i = 0; i < t.nrows; i++)
		if ((it = rform_row(rf->v, "recs", &t, i, rec_cols)) == NULL ||
		    view_set_strf(it, "href", "/%s/desk/recommendations/%s",
		    lang_code[r->lang], rec_cell(&t, i, RM_ID)) == -1)
			return -1;
	return 0;
}

static int
show(struct req *r, struct rform *rf, int status)
{
	int	 rc;

	if (!rf->posted && rform_default(rf, "text_lang", "en") == -1)
		rc = 500;
	else if (fill_list(r, rf) == -1 || fill_visits(r, rf) == -1 ||
	    rform_states(r, rf, "states", "state") == -1 ||
	    rform_mandates(r, rf, "mandates", "mandate") == -1 ||
	    rform_langs(r, rf, "text_langs", "text_lang") == -1 ||
	    view_set_strf(rf->v, "action", "/%s/desk/recommendations",
	    lang_code[r->lang]) == -1)
		rc = 500;
	else
		rc = page_render(r, status, "desk_rec", rf->v);
	rform_done(rf);
	return rc;
}

int
page_desk_recs(struct req *r)
{
	return rform_get(r, rec_fields, REC_NFIELDS, show);
}

/* "a; b;; c" -> "a;b;c" in *out; an error beside field if too many. */
static int
tags(struct req *r, struct rform *rf, const char *field, const char **out)
{
	char	*list, *tok, *save, *e, *acc = "";
	size_t	 n = 0;

	if ((list = arena_strdup(r->arena, rform_val(rf, field))) == NULL)
		return -1;
	for (tok = strtok_r(list, ";", &save); tok != NULL;
	    tok = strtok_r(NULL, ";", &save)) {
		tok += strspn(tok, " ");
		for (e = tok + strlen(tok); e > tok && e[-1] == ' '; )
			*--e = '\0';
		if (*tok == '\0')
			continue;
		if (++n > REC_TAGS_MAX || strlen(tok) > REC_TAG_BYTES)
			return rform_error(r, rf, field,
			    field_error_msgids[FE_TOO_LONG]);
		if ((acc = arena_printf(r->arena, "%s%s%s", acc,
		    *acc != '\0' ? ";" : "", tok)) == NULL)
			return -1;
	}
	*out = acc;
	return 0;
}

/* The State and mandate exist; the visit, if any, is theirs. */
static int
check_keys(struct req *r, struct rform *rf, const struct rec_rec_in *in)
{
	struct rec_table t;
	int		 s = 1, m = 1;

	if ((*in->state != '\0' && rec_state_known(in->state, &s) != DB_OK) ||
	    (*in->mandate != '\0' && rec_mandate_known(in->mandate, &m) !=
	    DB_OK) || (!s && rform_error(r, rf, "state",
	    field_error_msgids[FE_INVALID]) == -1) || (!m && rform_error(r, rf,
	    "mandate", field_error_msgids[FE_INVALID]) == -1))
		return -1;
	if (*in->visit == '\0')
		return 0;
	if (rec_get(r->arena, REC_VISIT, strtoll(in->visit, NULL, 10), &t) != DB_OK)
		return -1;
	if (t.nrows != 1 || strcmp(rec_cell(&t, 0, RV_STATE), in->state) != 0 ||
	    strcmp(rec_cell(&t, 0, RV_MANDATE), in->mandate) != 0)
		return rform_error(r, rf, "visit",
		    N_("This visit is not of this mandate to this State."));
	return 0;
}

static int
check(struct req *r, struct rform *rf, struct rec_rec_in *in)
{
	in->symbol = rform_val(rf, "document_symbol");
	in->para = rform_val(rf, "paragraph");
	in->visit = rform_val(rf, "visit");
	in->state = rform_val(rf, "state");
	in->mandate = rform_val(rf, "mandate");
	in->issued = rform_val(rf, "issued_on");
	in->text = rform_val(rf, "text");
	in->lang = rform_val(rf, "text_lang");
	if ((*in->symbol != '\0' && !rck_symbol_ok(in->symbol) &&
	    rform_error(r, rf, "document_symbol",
	    N_("Write a United Nations document symbol, such as A/HRC/55/52/Add.1.")) == -1) ||
	    (*in->para != '\0' && !rck_paragraph_ok(in->para) &&
	    rform_error(r, rf, "paragraph",
	    N_("Write the paragraph's number, such as 87(b).")) == -1))
		return -1;
	if (tags(r, rf, "themes", &in->themes) == -1 ||
	    tags(r, rf, "affected_groups", &in->groups) == -1)
		return -1;
	return check_keys(r, rf, in);
}

int
page_desk_rec_record(struct req *r)
{
	struct rform		 rf;
	struct rec_rec_in	 in;
	enum db_err		 e;
	int64_t			 id;
	int			 rc;

	if ((rc = rform_open(r, rec_fields, REC_NFIELDS, 1, &rf)) != 0)
		return rc < 0 ? 0 : rc;
	if (check(r, &rf, &in) == -1) {
		rform_done(&rf);
		return 500;
	}
	if (rf.nerrors > 0)
		return show(r, &rf, 422);
	if ((e = db_begin()) != DB_OK || (e = rec_rec_insert(&in, &id)) !=
	    DB_OK) {
		if ((rc = rform_failed(r, &rf, e, "paragraph",
		    N_("This paragraph of this document is already recorded."))) != 0)
			return rc;
		return show(r, &rf, 422);
	}
	return rform_finish(r, &rf, "recommendation.record",
	    "recommendation", "recommendations", id);
}
