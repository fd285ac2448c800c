/*
 * Views of the submission pages. Values typed by the user go back into
 * the view as data; the template engine escapes them.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "data/reference.h"
#include "http/csrf.h"
#include "http/form.h"
#include "http/request.h"
#include "intake/allegation.h"
#include "intake/intake.h"
#include "intake/issue.h"
#include "pages/common.h"
#include "pages/submit_view.h"
#include "trust/receipt.h"
#include "view/lang.h"
#include "view/view.h"

#define FORM_TOKEN_BYTES	32

static const char *
new_form_token(struct arena *a)
{
	unsigned char	 raw[FORM_TOKEN_BYTES];
	size_t		 len = sodium_base64_ENCODED_LEN(FORM_TOKEN_BYTES,
			    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char		*out;

	if ((out = arena_alloc(a, len)) == NULL)
		return NULL;
	randombytes_buf(raw, sizeof(raw));
	return sodium_bin2base64(out, len, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* The raw value the user typed for name (for showing again), or "". */
static const char *
typed(const struct form *f, const struct intake *in, const char *name)
{
	const struct kv	*kv;

	if (f != NULL && form_raw(f, name) != NULL)
		return form_raw(f, name);
	if (in != NULL && (kv = kv_find(in->pairs, in->npairs, name)) != NULL)
		return kv->val;
	return "";
}

static int
was_chosen(const struct intake *in, const char *name, const char *value)
{
	size_t	 i;

	for (i = 0; in != NULL && i < in->npairs; i++)
		if (strcmp(in->pairs[i].key, name) == 0 &&
		    strcmp(in->pairs[i].val, value) == 0)
			return 1;
	return 0;
}

/* chk.<field>_<choice>: which option or radio button was chosen. */
static int
fill_chosen(struct view *chk, const struct field_def *def, const char *value)
{
	static const char *const yesno[] = { "yes", "no", NULL };
	const char *const	*c;
	char			 key[96];

	c = def->type == FT_YESNO ? yesno : def->choices;
	for (; c != NULL && *c != NULL; c++) {
		(void)snprintf(key, sizeof(key), "%s_%s", def->name, *c);
		/* View keys are names: the choice's dashes become underscores. */
		for (char *k = key; *k != '\0'; k++)
			if (*k == '-')
				*k = '_';
		if (view_set_bool(chk, key, strcmp(value, *c) == 0) == -1)
			return -1;
	}
	return 0;
}

static int
fill_values(struct req *r, struct view *v, const struct form *f,
    const struct intake *in)
{
	struct view	*vals, *errs, *chk;
	const char	*name;
	size_t		 i;

	if ((vals = view_set_map(v, "v")) == NULL ||
	    (errs = view_set_map(v, "err")) == NULL ||
	    (chk = view_set_map(v, "chk")) == NULL)
		return -1;
	for (i = 0; i < allegation_nfields; i++) {
		name = allegation_fields[i].name;
		if (view_set_str(vals, name, typed(f, in, name)) == -1)
			return -1;
		if ((allegation_fields[i].type == FT_CHOICE ||
		    allegation_fields[i].type == FT_YESNO) &&
		    fill_chosen(chk, &allegation_fields[i], typed(f, in, name)) ==
		    -1)
			return -1;
		if (f != NULL && f->fields[i].error != FE_NONE &&
		    view_set_str(errs, name, page_tr(r,
		    field_error_msgids[f->fields[i].error])) == -1)
			return -1;
	}
	if (f != NULL && f->nerrors > 0 && view_set_bool(v, "has_errors", 1) == -1)
		return -1;
	return 0;
}

static int
fill_choices(struct req *r, struct view *v, const struct intake *in)
{
	struct ref_item	*items;
	struct view	*it;
	size_t		 n, i;
	const char	*state = typed(NULL, in, "state");

	if (ref_states(r->arena, r->lang, &items, &n) != DB_OK ||
	    view_set_list(v, "states") == -1)
		return -1;
	for (i = 0; i < n; i++)
		if ((it = view_list_append(v, "states")) == NULL ||
		    view_set_str(it, "code", items[i].code) == -1 ||
		    view_set_str(it, "name", items[i].name) == -1 ||
		    view_set_bool(it, "selected",
		    strcmp(items[i].code, state) == 0) == -1)
			return -1;
	if (ref_mandates(r->arena, r->lang, &items, &n) != DB_OK ||
	    view_set_list(v, "mandates") == -1)
		return -1;
	for (i = 0; i < n; i++)
		if ((it = view_list_append(v, "mandates")) == NULL ||
		    view_set_str(it, "code", items[i].code) == -1 ||
		    view_set_strf(it, "id", "mandate-%s", items[i].code) == -1 ||
		    view_set_str(it, "name", items[i].name) == -1 ||
		    view_set_bool(it, "checked", was_chosen(in, "mandate",
		    items[i].code)) == -1)
			return -1;
	return view_set_bool(v, "not_sure_checked", was_chosen(in, "mandate",
	    MANDATE_NOT_SURE));
}

/* Files received by a post that failed: the user must attach them again. */
static int
fill_files(struct req *r, struct view *v, const struct intake *in,
    const char *file_error)
{
	size_t	 i;

	if (file_error != NULL && view_set_str(v, "file_error",
	    page_tr(r, file_error)) == -1)
		return -1;
	if (in == NULL || view_set_list(v, "reattach") == -1)
		return in == NULL ? 0 : -1;
	for (i = 0; i < in->nfiles; i++)
		if (view_list_append_str(v, "reattach", in->files[i].name) == -1)
			return -1;
	if (in->refused_name != NULL &&
	    view_set_str(v, "refused_file", in->refused_name) == -1)
		return -1;
	return 0;
}

int
submit_form_page(struct req *r, int status, const struct form *f,
    const struct intake *in, const char *file_error)
{
	struct view	*v;
	const char	*csrf, *token;

	token = typed(f, in, INTAKE_TOKEN_FIELD);
	if (*token == '\0' && (token = new_form_token(r->arena)) == NULL)
		return 500;
	if ((v = page_view(r)) == NULL || (csrf = csrf_token(r)) == NULL ||
	    view_set_str(v, "csrf", csrf) == -1 ||
	    view_set_str(v, "form_token", token) == -1 ||
	    view_set_strf(v, "action", "/%s/submit", lang_code[r->lang]) == -1 ||
	    fill_values(r, v, f, in) == -1 || fill_choices(r, v, in) == -1 ||
	    fill_files(r, v, in, file_error) == -1)
		return 500;
	return page_render(r, status, "submit", v);
}

static int
fill_receipt_files(struct req *r, struct view *v, const struct issued *out)
{
	struct receipt	 rc;
	struct view	*it;
	const char	*end = strstr(out->receipt, "\n\n");
	char		 hex[65];
	size_t		 i;

	/* The signed note's text ends before its blank line. */
	if (end == NULL || receipt_parse(r->arena, out->receipt,
	    (size_t)(end - out->receipt) + 1, &rc) == -1 ||
	    view_set_list(v, "files") == -1)
		return -1;
	for (i = 0; i < rc.nfiles; i++) {
		sodium_bin2hex(hex, sizeof(hex), rc.files[i].sha256, 32);
		if ((it = view_list_append(v, "files")) == NULL ||
		    view_set_int(it, "number", (long long)i + 1) == -1 ||
		    view_set_int(it, "size", (long long)rc.files[i].size) == -1 ||
		    view_set_strf(it, "sha256", "%s", hex) == -1)
			return -1;
	}
	return 0;
}

int
submit_receipt_page(struct req *r, const struct issued *out)
{
	struct view	*v;
	const char	*csrf;

	if ((v = page_view(r)) == NULL || (csrf = csrf_token(r)) == NULL ||
	    view_set_str(v, "csrf", csrf) == -1 ||
	    view_set_str(v, "ref", out->ref) == -1 ||
	    view_set_str(v, "received", out->received) == -1 ||
	    view_set_str(v, "receipt", out->receipt) == -1 ||
	    view_set_str(v, "code", out->code) == -1 ||
	    view_set_strf(v, "download_action", "/%s/receipt.txt",
	    lang_code[r->lang]) == -1 ||
	    view_set_strf(v, "verify_href", "/%s/verify",
	    lang_code[r->lang]) == -1 ||
	    view_set_strf(v, "followup_href", "/%s/followup",
	    lang_code[r->lang]) == -1 ||
	    fill_receipt_files(r, v, out) == -1)
		return 500;
	return page_render(r, 200, "receipt", v);
}
