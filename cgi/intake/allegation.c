/*
 * The allegation form's fields and canonical content.
 */
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/writer.h"
#include "data/submission.h"
#include "intake/allegation.h"
#include "intake/intake.h"

static const char *const victim_kinds[] = {
	"individual", "group", "community", NULL,
};
static const char *const perpetrator_kinds[] = {
	"state-agents", "non-state", "unknown", NULL,
};

#define LINE	1024u		/* one-line answers */
#define TEXT	(32u * 1024u)	/* free text */

/* Order matters: it is the order of the canonical content. */
const struct field_def allegation_fields[] = {
	{ "state", FT_ISO3, FIELD_REQUIRED, 3, 0, 0, NULL },
	{ "mandate", FT_SLUG, FIELD_MULTI, 64, 0, 0, NULL },
	{ "victim_kind", FT_CHOICE, 0, 0, 0, 0, victim_kinds },
	{ "victims", FT_TEXT, 0, TEXT, 0, 0, NULL },
	{ "incident_date", FT_DATE, 0, 10, 0, 0, NULL },
	{ "incident_date_end", FT_DATE, 0, 10, 0, 0, NULL },
	{ "incident_place", FT_LINE, 0, LINE, 0, 0, NULL },
	{ "summary", FT_TEXT, FIELD_REQUIRED, TEXT, 0, 0, NULL },
	{ "perpetrator_kind", FT_CHOICE, 0, 0, 0, 0, perpetrator_kinds },
	{ "perpetrators", FT_TEXT, 0, TEXT, 0, 0, NULL },
	{ "domestic_remedies", FT_TEXT, 0, TEXT, 0, 0, NULL },
	{ "consent_disclose_name", FT_YESNO, FIELD_REQUIRED, 3, 0, 0, NULL },
	{ "consent_public_name", FT_YESNO, FIELD_REQUIRED, 3, 0, 0, NULL },
	{ "submitter_name", FT_LINE, 0, LINE, 0, 0, NULL },
	{ "submitter_org", FT_LINE, 0, LINE, 0, 0, NULL },
	{ "submitter_email", FT_EMAIL, 0, 254, 0, 0, NULL },
	{ "relationship", FT_LINE, 0, LINE, 0, 0, NULL },
	{ CSRF_FIELD, FT_TOKEN, 0, 64, 0, 0, NULL },
	{ INTAKE_TOKEN_FIELD, FT_TOKEN, 0, 64, 0, 0, NULL },
};

const size_t allegation_nfields =
    sizeof(allegation_fields) / sizeof(allegation_fields[0]);

/* Fields that travel with the form but are not its content. */
static int
is_control(const char *name)
{
	return strcmp(name, CSRF_FIELD) == 0 ||
	    strcmp(name, INTAKE_TOKEN_FIELD) == 0;
}

char *
content_canonical(struct arena *a, const struct form *f,
    const struct intake *in, size_t *len)
{
	const struct form_field	*ff;
	struct buf		 b;
	struct writer		 w;
	char			 hex[65];
	size_t			 i, j;
	int			 err = 0;

	buf_init(&b, a, (size_t)FORM_MAX_FIELDS * FIELD_VALUE_MAX_BYTES);
	buf_writer(&b, &w);
	err |= w_puts(&w, "portal-content/v1\n");
	for (i = 0; i < f->nfields; i++) {
		ff = &f->fields[i];
		if (is_control(ff->def->name))
			continue;
		for (j = 0; j < ff->nvalues; j++) {
			if (ff->values[j].value == NULL ||
			    ff->values[j].value[0] == '\0')
				continue;
			err |= w_printf(&w, "field %s %zu\n", ff->def->name,
			    strlen(ff->values[j].value));
			err |= w_puts(&w, ff->values[j].value);
			err |= w_write(&w, "\n", 1);
		}
	}
	for (i = 0; i < in->nfiles; i++) {
		sodium_bin2hex(hex, sizeof(hex), in->files[i].sha256, 32);
		err |= w_printf(&w, "file %d sha256:%s %llu\n",
		    in->files[i].position, hex,
		    (unsigned long long)in->files[i].size);
	}
	if (err)
		return NULL;
	*len = b.len;
	return b.data;
}

static void
mark_invalid(struct form *f, const char *name)
{
	size_t	 i;

	for (i = 0; i < f->nfields; i++)
		if (strcmp(f->fields[i].def->name, name) == 0 &&
		    f->fields[i].error == FE_NONE) {
			f->fields[i].error = FE_INVALID;
			f->nerrors++;
		}
}

static int
yesno(const struct form *f, const char *name)
{
	const char	*v = form_value(f, name);

	if (v == NULL || *v == '\0')
		return -1;
	return strcmp(v, "yes") == 0;
}

/* The mandates chosen, without "not sure"; each must exist. */
static int
mandates(struct arena *a, struct form *f, struct issue_in *is)
{
	const struct form_field	*ff = form_field(f, "mandate");
	const char		**list;
	enum db_err		 e;
	size_t			 i;
	int			 found;

	is->nmandates = 0;
	if (ff == NULL || ff->nvalues == 0)
		return 0;
	if ((list = arena_calloc(a, ff->nvalues, sizeof(*list))) == NULL)
		return 500;
	for (i = 0; i < ff->nvalues; i++) {
		const char *v = ff->values[i].value;
		if (v == NULL || *v == '\0' || strcmp(v, MANDATE_NOT_SURE) == 0)
			continue;
		if ((e = ref_mandate_exists(v, &found)) != DB_OK)
			return db_http_status(e);
		if (!found) {
			mark_invalid(f, "mandate");
			return -1;
		}
		list[is->nmandates++] = v;
	}
	is->mandates = list;
	return 0;
}

int
allegation_prepare(struct arena *a, struct form *f, const struct intake *in,
    struct issue_in *is)
{
	enum db_err	 e;
	int		 found, rc;

	memset(is, 0, sizeof(*is));
	is->kind = "allegation";
	is->ref_prefix = 'A';
	is->state = form_value(f, "state");
	if ((e = ref_state_exists(is->state, &found)) != DB_OK)
		return db_http_status(e);
	if (!found)
		mark_invalid(f, "state");
	if ((rc = mandates(a, f, is)) > 0)
		return rc;
	if (f->nerrors > 0)
		return -1;
	is->consent_government = yesno(f, "consent_disclose_name");
	is->consent_public = yesno(f, "consent_public_name");
	if ((is->content = content_canonical(a, f, in, &is->content_len)) ==
	    NULL)
		return 500;
	return 0;
}
