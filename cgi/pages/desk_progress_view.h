/*
 * What the update forms share: a State focal point's progress report
 * (desk_progress.c), a civil-society assessment (assess.c) and the
 * secretariat's or mandate holder's update on the editor's desk
 * (desk_rec_one.c, which adds a source and a date to the form).
 * Both show a recommendation, a form (status, explanation, evidence; an
 * organisation for assessments) that comes back with everything typed
 * and each error beside its field, and, once committed, the receipt.
 * The form itself is templates/assess_form.xhtml, the receipt
 * templates/assess_receipt.xhtml, included by each page.
 */
#ifndef PORTAL_PAGES_DESK_PROGRESS_VIEW_H
#define PORTAL_PAGES_DESK_PROGRESS_VIEW_H

#include <stddef.h>
#include <stdint.h>

struct req;
struct view;
struct upd_rec;
struct upd_item;
struct upd_form;
struct upd_issued;

struct updv_page {
	const char	*tpl;		/* the page's template */
	const char	*source;	/* "state", "civil_society"; NULL: chosen */
	int		 editor;	/* the editor's desk: source and date */
	int64_t		 staff_id;	/* 0: the public */
	const struct upd_rec *rec;
	/* The page's own keys (its bar, its action); 0 or -1. */
	int		(*fill)(struct req *, struct view *, const void *arg);
	const void	*arg;
};

/*
 * The recommendation named by the route's {id} into *rec: 0, 404 for a
 * malformed or unknown id (before or after asking the database), or the
 * status of a database failure.
 */
int	updv_route_rec(struct req *, struct upd_rec *rec);
/* The recommendation's keys: rec.symbol, rec.text, ... 0 or -1. */
int	updv_rec(struct req *, struct view *, const struct upd_rec *);
/* A list of updates under key, each with its files (desk: staff links). */
int	updv_items(struct req *, struct view *, const char *key,
	    const struct upd_item *, size_t n, int desk);
/* The translated label of a status code. */
const char *updv_status_label(const struct req *, const char *code);
/* What one rendering of the page shows. */
struct updv_state {
	const struct upd_form	*uf;		/* NULL on a first visit */
	const char		*token;		/* the form token posted, or NULL */
	const char		*file_error;	/* a msgid, or NULL */
	const struct upd_issued	*issued;	/* the receipt, once committed */
};

/* The page: the form, or the receipt. Returns 0 or a status. */
int	updv_show(struct req *, int status, const struct updv_page *,
	    const struct updv_state *);
/* Read, validate and issue a posted update for pg. 0 or a status. */
int	updv_post(struct req *, const struct updv_page *);

#endif /* PORTAL_PAGES_DESK_PROGRESS_VIEW_H */
