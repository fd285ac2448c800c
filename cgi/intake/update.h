/*
 * The intake of an implementation update: a State focal point's progress
 * report, a civil-society assessment or an editor's update (the
 * secretariat's or the mandate holder's) on one recommendation, read
 * from a multipart/form-data body, with its evidence files.
 *
 * Evidence on an update is public evidence (it is sent to be published
 * beside the claim it supports), so unlike an allegation's files it is
 * not sealed: each file streams through type sniffing (the allow-list of
 * core/filetype.h, by content) and SHA-256 into update_file_chunks in
 * clear, inside one transaction, 256 KiB at a time. It is served only
 * once its update is published (pages/update_file.c). File names are not
 * kept: a name may identify its author.
 *
 * The CSRF token and the one-time form token come first in the form and
 * are checked before any file is stored. Nothing is committed until
 * upd_issue: a refused post leaves nothing behind.
 */
#ifndef PORTAL_INTAKE_UPDATE_H
#define PORTAL_INTAKE_UPDATE_H

#include <stddef.h>
#include <stdint.h>

#include "http/csrf.h"
#include "http/form.h"
#include "http/kv.h"
#include "portal_limits.h"

struct arena;
struct req;

#define UPD_MAX_FILES		5u
#define UPD_FILE_MAX_BYTES	(16ull * 1024u * 1024u)
#define UPD_EXPLANATION_MAX	20000u	/* the column's CHECK */
#define UPD_ORGANISATION_MAX	300u
#define UPD_CHUNK_BYTES		(256u * 1024u)
/*
 * The route's body limit: every file at its limit and the fields. A file
 * over its own limit is then seen by the multipart parser after the
 * fields (forms put them first), so the form comes back with the text.
 */
#define UPD_BODY_MAX_BYTES	\
	(UPD_MAX_FILES * UPD_FILE_MAX_BYTES + BODY_FORM_MAX_BYTES)

enum upd_stop {
	UPD_DONE,
	UPD_CSRF,		/* 403 */
	UPD_FILE_TYPE,		/* a file not on the allow-list: 422 */
	UPD_TOO_LARGE,		/* a file over its limit, or too many: 413 */
	UPD_DB,
	UPD_NOMEM,
	UPD_BAD,		/* a malformed body: 400 */
};

struct upd_in_file {
	int64_t		 id;
	uint64_t	 size;
	unsigned char	 sha256[32];
	const char	*type;
};

struct upd_intake {
	struct req		*r;
	int64_t			 staff_id;	/* 0: the public */
	struct kv		 pairs[FORM_MAX_FIELDS];
	size_t			 npairs;
	struct upd_in_file	 files[UPD_MAX_FILES];
	size_t			 nfiles;
	int64_t			 update_id;	/* 0 until the transaction opens */
	int			 in_tx, csrf_checked;
	enum upd_stop		 stop;
	int			 db_err;
	int			 has_token;
	unsigned char		 token_hash[32];
	/*
	 * The editor's desk (pages/desk_rec_one.c): set by the caller after
	 * upd_read. The form then names its source (the secretariat or the
	 * mandate holder) and the report's date; the update is published
	 * at once and audited as the recommendation's.
	 */
	int			 editor;
};

/* The validated form of an update. */
struct upd_form {
	struct form	 f;
	const char	*status, *explanation, *organisation;
	const char	*source, *reported_on;	/* editor's form only, else NULL */
};

/* What was issued: shown to the sender once committed. */
struct upd_issued {
	const char	*ref;
	const char	*receipt;
	int		 replayed;	/* the form token had been used */
};

/* The statuses a sender may claim, for forms (NULL-terminated). */
extern const char *const upd_status_codes[];
extern const char *const upd_status_labels[];	/* msgids */
/* The sources an editor chooses from (NULL-terminated). */
extern const char *const upd_editor_sources[];
extern const char *const upd_editor_source_labels[];	/* msgids */
/* Today's date (UTC), YYYY-MM-DD in a, or NULL. */
const char	*upd_today(struct arena *);

/*
 * Read r's body into in (staff_id: who sends it, 0 for the public).
 * Returns 0 when it was read whole, else the HTTP status (in->stop says
 * why; on UPD_FILE_TYPE and UPD_TOO_LARGE the fields read so far are in
 * in->pairs, to show the form again). The caller rolls back on error.
 */
int	upd_read(struct req *r, int64_t staff_id, struct upd_intake *in)
	    __attribute__((warn_unused_result));
/*
 * Validate the fields (an editor's form: also source and reported_on,
 * today when left empty). 0 when valid, 1 when the form must be shown
 * again (uf->f holds the errors), or an HTTP status (400, 500).
 */
int	upd_validate(struct upd_intake *, struct upd_form *uf)
	    __attribute__((warn_unused_result));
/*
 * Sign the receipt, write the update (source "state" and an editor's
 * published at once, "civil_society" unpublished until the secretariat's
 * check), queue the
 * receipt's hash for the transparency log, and commit. A form token used
 * already gives the first update's receipt (out->replayed). Returns 0 or
 * an HTTP status; nothing is kept on error.
 */
int	upd_issue(struct upd_intake *, const struct upd_form *, int64_t rec_id,
	    const char *source, struct upd_issued *out)
	    __attribute__((warn_unused_result));

#endif /* PORTAL_INTAKE_UPDATE_H */
