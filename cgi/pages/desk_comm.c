/*
 * /{lang}/desk/communications: the communications recorded, newest
 * first, and the form that records one (GET shows, POST records). The
 * reference follows OHCHR's form and must agree with the type and the
 * addressee; the submissions it came from must exist. When it becomes
 * public is the database's rule (sent date + publication delay).
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

#define COMM_SUBS_MAX	20	/* submissions one letter cites */
#define COMM_MANDATES_MAX 30

static const struct field_def comm_fields[] = {
	{ "reference", FT_LINE, FIELD_REQUIRED, 20, 0, 0, NULL },
	{ "type", FT_CHOICE, FIELD_REQUIRED, 3, 0, 0, rck_comm_types },
	{ "sent_on", FT_DATE, FIELD_REQUIRED, 10, 0, 0, NULL },
	{ "state", FT_ISO3, 0, 3, 0, 0, NULL },
	{ "addressee", FT_LINE, 0, RF_LINE, 0, 0, NULL },
	{ "mandate", FT_SLUG, FIELD_MULTI | FIELD_REQUIRED, 100, 0, 0, NULL },
	{ "summary", FT_TEXT, 0, RF_TEXT, 0, 0, NULL },
	{ "summary_lang", FT_CHOICE, FIELD_REQUIRED, 2, 0, 0, rck_langs },
	{ "submissions", FT_LINE, 0, 1000, 0, 0, NULL },
};
#define COMM_NFIELDS	(sizeof(comm_fields) / sizeof(comm_fields[0]))

static const char *const comm_cols[] = { "id", "ref", "", "sent", "state",
	"addressee", "public_after", NULL };

static int
fill_list(struct req *r, struct rform *rf)
{
	struct rec_table t;
	struct view	*it;
	long long	 days;
	int		 i;

	if (rec_delay_days(r->arena, &days) != DB_OK ||
	    view_set_int(rf->v, "delay", days) == -1 ||
	    rec_list(r->arena, REC_COMMS, &t) != DB_OK ||
	    view_set_list(rf->v, "comms") == -1)
		return -1;
	for (i = 0; i < t.nrows; i++)
		if ((it = rform_row(rf->v, "comms", &t, i, comm_cols)) == NULL ||
		    view_set_strf(it, "href", "/%s/desk/communications/%s",
		    lang_code[r->lang], rec_cell(&t, i, RC_ID)) == -1 ||
		    view_set_str(it, "type", cv_type(r, rec_cell(&t, i,
		    RC_TYPE))) == -1 ||
		    view_set_str(it, "outcome", cv_category(r, rec_cell(&t, i,
		    RC_CATEGORY))) == -1 ||
		    view_set_bool(it, "is_public", strcmp(rec_cell(&t, i,
		    RC_IS_PUBLIC), "t") == 0) == -1)
			return -1;
	return 0;
}

static int
show(struct req *r, struct rform *rf, int status)
{
	int	 rc;

	if (!rf->posted && rform_default(rf, "summary_lang", "en") == -1)
		rc = 500;
	else if (fill_list(r, rf) == -1 ||
	    rform_codes(r, rf, "types", "type", rck_comm_types, cv_type) == -1 ||
	    rform_states(r, rf, "states", "state") == -1 ||
	    rform_mandates(r, rf, "mandates", "mandate") == -1 ||
	    rform_langs(r, rf, "text_langs", "summary_lang") == -1 ||
	    view_set_strf(rf->v, "action", "/%s/desk/communications",
	    lang_code[r->lang]) == -1)
		rc = 500;
	else
		rc = page_render(r, status, "desk_comm", rf->v);
	rform_done(rf);
	return rc;
}

int
page_desk_comms(struct req *r)
{
	return rform_get(r, comm_fields, COMM_NFIELDS, show);
}

/* "A-2026-000042" or "F-...": the shapes the portal issues. */
static int
subref_ok(const char *s)
{
	size_t	 n = strlen(s);

	return n >= 13 && n < 32 && (s[0] == 'A' || s[0] == 'F') &&
	    s[1] == '-' && strspn(s + 2, "0123456789-") == n - 2;
}

/* Each reference known; *out: them, joined by single spaces. */
static int
check_subs(struct req *r, struct rform *rf, char **out)
{
	char		*list, *tok, *save;
	size_t		 n = 0;
	int		 found;

	if ((list = arena_strdup(r->arena, rform_val(rf, "submissions"))) ==
	    NULL || (*out = arena_strdup(r->arena, "")) == NULL)
		return -1;
	for (tok = strtok_r(list, " ,;", &save); tok != NULL;
	    tok = strtok_r(NULL, " ,;", &save)) {
		if (++n > COMM_SUBS_MAX || !subref_ok(tok))
			return rform_error(r, rf, "submissions",
			    N_("Give the references of the submissions (such as A-2026-000042), separated by spaces."));
		if (rec_submission_known(tok, &found) != DB_OK)
			return -1;
		if (!found)
			return rform_error(r, rf, "submissions",
			    N_("No submission has this reference."));
		if ((*out = arena_printf(r->arena, "%s%s%s", *out,
		    **out != '\0' ? " " : "", tok)) == NULL)
			return -1;
	}
	return 0;
}

/* Was value i of ff already given? (A forged form may repeat one.) */
static int
repeated(const struct form_field *ff, size_t i)
{
	size_t	 j;

	for (j = 0; j < i; j++)
		if (strcmp(ff->values[j].value, ff->values[i].value) == 0)
			return 1;
	return 0;
}

static int
check_mandates(struct req *r, struct rform *rf, char **out)
{
	const struct form_field	*ff = form_field(&rf->f, "mandate");
	size_t			 i;
	int			 found;

	if ((*out = arena_strdup(r->arena, "")) == NULL)
		return -1;
	if (ff == NULL || ff->error != FE_NONE)
		return 0;
	if (ff->nvalues > COMM_MANDATES_MAX)
		return rform_error(r, rf, "mandate",
		    field_error_msgids[FE_TOO_LONG]);
	for (i = 0; i < ff->nvalues; i++) {
		if (repeated(ff, i))
			continue;
		if (rec_mandate_known(ff->values[i].value, &found) != DB_OK)
			return -1;
		if (!found)
			return rform_error(r, rf, "mandate",
			    field_error_msgids[FE_INVALID]);
		if ((*out = arena_printf(r->arena, "%s%s%s", *out,
		    **out != '\0' ? " " : "", ff->values[i].value)) == NULL)
			return -1;
	}
	return 0;
}

static int
check_addressee(struct req *r, struct rform *rf)
{
	const char	*state = rform_val(rf, "state");
	int		 found;

	if ((*state == '\0') == (*rform_val(rf, "addressee") == '\0'))
		return rform_error(r, rf, "state",
		    N_("Choose a State, or name another addressee: one of the two."));
	if (*state == '\0')
		return 0;
	if (rec_state_known(state, &found) != DB_OK)
		return -1;
	return found ? 0 : rform_error(r, rf, "state",
	    field_error_msgids[FE_INVALID]);
}

static int
check_reference(struct req *r, struct rform *rf)
{
	const char	*ref = rform_val(rf, "reference");

	if (*ref == '\0' || *rform_val(rf, "type") == '\0')
		return 0;
	switch (rck_reference(ref, rform_val(rf, "type"),
	    rform_val(rf, "state"))) {
	case RCK_REF_FORM:
		return rform_error(r, rf, "reference",
		    N_("Write the reference in OHCHR's form, such as AL IRN 12/2024."));
	case RCK_REF_TYPE:
		return rform_error(r, rf, "reference",
		    N_("The reference does not match the type of letter."));
	case RCK_REF_ADDRESSEE:
		return rform_error(r, rf, "reference",
		    N_("The reference must name the State addressed, or OTH for another addressee."));
	default:
		return 0;
	}
}

static int
check(struct req *r, struct rform *rf, struct rec_comm_in *c)
{
	char	*mandates, *subs;

	c->ref = rform_val(rf, "reference");
	c->type = rform_val(rf, "type");
	c->sent = rform_val(rf, "sent_on");
	c->state = rform_val(rf, "state");
	c->addressee = rform_val(rf, "addressee");
	c->summary = rform_val(rf, "summary");
	c->slang = rform_val(rf, "summary_lang");
	if (*c->sent != '\0' && strcmp(c->sent, "1980-01-01") < 0 &&
	    rform_error(r, rf, "sent_on", field_error_msgids[FE_INVALID]) == -1)
		return -1;
	if (check_addressee(r, rf) == -1 || check_reference(r, rf) == -1 ||
	    check_mandates(r, rf, &mandates) == -1 ||
	    check_subs(r, rf, &subs) == -1)
		return -1;
	c->mandates = mandates;
	c->submissions = subs;
	return 0;
}

int
page_desk_comm_record(struct req *r)
{
	struct rform		 rf;
	struct rec_comm_in	 c;
	enum db_err		 e;
	int64_t			 id;
	int			 rc;

	if ((rc = rform_open(r, comm_fields, COMM_NFIELDS, 1, &rf)) != 0)
		return rc < 0 ? 0 : rc;
	if (check(r, &rf, &c) == -1) {
		rform_done(&rf);
		return 500;
	}
	if (rf.nerrors > 0)
		return show(r, &rf, 422);
	if ((e = db_begin()) != DB_OK || (e = rec_comm_insert(&c, &id)) !=
	    DB_OK) {
		if ((rc = rform_failed(r, &rf, e, "reference",
		    N_("This reference is already recorded."))) != 0)
			return rc;
		return show(r, &rf, 422);
	}
	return rform_finish(r, &rf, "communication.record",
	    "communication", "communications", id);
}
