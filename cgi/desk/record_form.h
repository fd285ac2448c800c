/*
 * What the editor's desk pages share (pages/desk_comm*.c, desk_visit*.c,
 * desk_rec*.c): the role check, reading a POST (body, CSRF, session,
 * declared fields), the form's view (what was typed, errors beside each
 * field), the lists of choices, and committing a record together with
 * its audit link.
 *
 * Roles: editor and admin record; a reviewer or a State focal point gets
 * 403 on every route here, GET or POST. Without a session, a GET goes to
 * the login page; a POST without a valid CSRF token is refused (403)
 * before the session is looked at.
 */
#ifndef PORTAL_DESK_RECORD_FORM_H
#define PORTAL_DESK_RECORD_FORM_H

#include <stddef.h>
#include <stdint.h>

#include "data/record.h"
#include "desk/auth.h"
#include "http/form.h"

struct req;
struct view;

#define RF_LINE		300u		/* one-line fields (bytes) */
#define RF_TEXT		20000u		/* summaries and texts (bytes) */

struct rform {
	struct desk_session	 s;
	struct form		 f;
	int			 posted;
	size_t			 nerrors;	/* form's and the page's own */
	struct view		*v;		/* the page's view */
	struct view		*vals, *errs;	/* v.NAME, err.NAME */
};

/*
 * Open the page: session and role check, then the view with the desk's
 * keys; for a POST also the body, CSRF and the declared fields (their
 * errors already in err.*). 0 when the caller goes on (release with
 * rform_done), -1 when answered (a redirect), or an HTTP status.
 */
int		 rform_open(struct req *, const struct field_def *, size_t n,
		    int post, struct rform *) __attribute__((warn_unused_result));
void		 rform_done(struct rform *);
/*
 * rec_nav.* (links to the editor's pages, for templates/desk_bar.xhtml)
 * when the session's role may record; nothing otherwise. 0 or -1. Any
 * desk page may call it so that the bar shows them.
 */
int		 rform_nav(struct req *, struct view *,
		    const struct desk_session *) __attribute__((warn_unused_result));
/* The valid value of a field ("" if empty, missing or invalid). */
const char	*rform_val(const struct rform *, const char *name);
/* Put msgid beside field name. 0 or -1. */
int		 rform_error(struct req *, struct rform *, const char *name,
		    const char *msgid) __attribute__((warn_unused_result));
/* Set v.NAME (a default on first display). 0 or -1. */
int		 rform_default(struct rform *, const char *name,
		    const char *value) __attribute__((warn_unused_result));

/* Choice lists {code, name, selected} under key, selected from field. */
int		 rform_states(struct req *, struct rform *, const char *key,
		    const char *field) __attribute__((warn_unused_result));
int		 rform_mandates(struct req *, struct rform *, const char *key,
		    const char *field) __attribute__((warn_unused_result));
int		 rform_codes(struct req *, struct rform *, const char *key,
		    const char *field, const char *const *codes,
		    const char *(*label)(struct req *, const char *))
		    __attribute__((warn_unused_result));
/* One item {code, name, selected} of such a list. 0 or -1. */
int		 rform_item(struct rform *, const char *key, const char *field,
		    const char *code, const char *name)
		    __attribute__((warn_unused_result));
/* The six languages, for a text's language. */
int		 rform_langs(struct req *, struct rform *, const char *key,
		    const char *field) __attribute__((warn_unused_result));

/*
 * Append row i of t to the list key of v, cell j under cols[j] ("":
 * skipped; cols may be shorter than the row, NULL-ended). The new map,
 * for the caller to add labels and links to, or NULL.
 */
struct view	*rform_row(struct view *, const char *key,
		    const struct rec_table *t, int i, const char *const *cols);

/* The same for row 0, as the map key of v. */
struct view	*rform_map(struct view *, const char *key,
		    const struct rec_table *t, const char *const *cols);

/* A list page's show: fill rf->v, render with status, release rf. */
typedef int	(*rform_show_fn)(struct req *, struct rform *, int status);
/* A list page's GET: open, show with 200. */
int		 rform_get(struct req *, const struct field_def *, size_t n,
		    rform_show_fn);

/*
 * Pages about one row, named by the route's {id}. fill puts the row and
 * the form's choices in rf->v and returns 0, 404 (no such row) or -1.
 */
typedef int	(*rform_fill_fn)(struct req *, struct rform *, int64_t id);
/* Fill and render template with status; releases rf. Returns 0 or a status. */
int		 rform_show_one(struct req *, struct rform *, int64_t id,
		    rform_fill_fn, const char *tpl, int status);
/* The GET: open, read {id}, show. */
int		 rform_get_one(struct req *, const struct field_def *, size_t n,
		    rform_fill_fn, const char *tpl);
/*
 * The POST: open, read {id}, and read the row (REC_COMM, ...) into *t. 0 when
 * the caller goes on; otherwise as rform_open (-1 answered, or a
 * status), with rf released.
 */
int		 rform_post_one(struct req *, const struct field_def *, size_t n,
		    enum rec_get, struct rform *, int64_t *id,
		    struct rec_table *t)
		    __attribute__((warn_unused_result));
/*
 * After a successful write in the caller's transaction: audit action on
 * "kind id", commit, release rf, and 303 to /{lang}/desk/PATH/id.
 */
int		 rform_finish(struct req *, struct rform *, const char *action,
		    const char *kind, const char *path, int64_t id);

/* The route's {id}: 0, or -1 if it is not a positive integer. */
int		 rform_id(const struct req *, int64_t *id);
/* Audit action on "kind id", commit; roll back on failure. 0 or a status. */
int		 rform_commit(const char *action, const char *kind, int64_t id,
		    int64_t staff_id) __attribute__((warn_unused_result));
/* The same for an object named otherwise ("state IRN"). */
int		 rform_commit_object(const char *action, const char *object,
		    int64_t staff_id) __attribute__((warn_unused_result));
/*
 * After a failed insert (the transaction is rolled back here): on
 * DB_CONFLICT, msgid beside field and 0 (show the form again, 422);
 * otherwise the HTTP status, with rf released.
 */
int		 rform_failed(struct req *, struct rform *, enum db_err,
		    const char *field, const char *msgid)
		    __attribute__((warn_unused_result));
/* 303 See Other to /{lang}/desk/PATH. Returns 0, or 500 (path NULL). */
int		 rform_redirect(struct req *, const char *path);

#endif /* PORTAL_DESK_RECORD_FORM_H */
