/*
 * /{lang}/desk/recommendations/{id}: one recommendation, its
 * implementation updates, and the form that records the secretariat's
 * or the mandate holder's update (GET shows, POST records). States'
 * progress reports and civil society's assessments arrive elsewhere.
 *
 * The update goes through the same intake as theirs (intake/update.h):
 * a multipart form with evidence files, a one-time form token, a signed
 * receipt shown once it is stored, and a transparency-log entry. The
 * editor chooses the source and the report's date; the update is
 * published at once, with the editor's staff id on it and its files.
 */
#include <string.h>

#include "core/arena.h"
#include "data/record.h"
#include "data/record_check.h"
#include "data/update.h"
#include "desk/record_form.h"
#include "http/request.h"
#include "pages/common.h"
#include "pages/coopview.h"
#include "pages/desk_progress_view.h"
#include "pages/desk_view.h"
#include "pages/pages.h"
#include "view/i18n.h"
#include "view/view.h"

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
fill_updates(struct req *r, struct view *v, int64_t id)
{
	struct rec_table t;
	struct view	*it;
	int		 i;

	if (rec_get(r->arena, REC_UPDATES, id, &t) != DB_OK ||
	    view_set_list(v, "updates") == -1)
		return -1;
	for (i = 0; i < t.nrows; i++)
		if ((it = rform_row(v, "updates", &t, i, upd_cols)) == NULL ||
		    view_set_str(it, "status", cv_rec_status(r, rec_cell(&t, i,
		    RU_STATUS))) == -1 || view_set_str(it, "source",
		    source_name(r, rec_cell(&t, i, RU_SOURCE))) == -1)
			return -1;
	return 0;
}

struct desk_rec_arg {
	const struct desk_session	*s;
	int64_t				 id;
};

/* The page's own keys: the desk bar, the row in full, its updates. */
static int
fill(struct req *r, struct view *v, const void *arg)
{
	const struct desk_rec_arg	*a = arg;
	struct rec_table		 t;

	if (desk_view_common(r, v, a->s) == -1 ||
	    rec_get(r->arena, REC_REC, a->id, &t) != DB_OK || t.nrows != 1 ||
	    rform_map(v, "head", &t, head_cols) == NULL ||
	    fill_updates(r, v, a->id) == -1 ||
	    view_set_strf(v, "action", "/%s/desk/recommendations/%lld",
	    lang_code[r->lang], (long long)a->id) == -1)
		return -1;
	return 0;
}

/* GET and POST: the editor's role, the recommendation, the form. */
static int
desk_rec(struct req *r, int post)
{
	static const struct updv_state	 first = { NULL, NULL, NULL, NULL };
	struct rform			 rf;
	struct upd_rec			 rec;
	struct desk_rec_arg		 a;
	struct updv_page		 pg;
	int				 rc;

	if ((rc = rform_open(r, NULL, 0, 0, &rf)) != 0)
		return rc < 0 ? 0 : rc;
	if ((rc = updv_route_rec(r, &rec)) == 0) {
		a.s = &rf.s;
		a.id = rec.id;
		memset(&pg, 0, sizeof(pg));
		pg.tpl = "desk_rec_one";
		pg.editor = 1;		/* the source is the form's */
		pg.staff_id = rf.s.staff_id;
		pg.rec = &rec;
		pg.fill = fill;
		pg.arg = &a;
		rc = post ? updv_post(r, &pg) : updv_show(r, 200, &pg, &first);
	}
	rform_done(&rf);
	return rc;
}

int
page_desk_rec(struct req *r)
{
	return desk_rec(r, 0);
}

int
page_desk_update_record(struct req *r)
{
	return desk_rec(r, 1);
}
