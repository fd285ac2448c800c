/*
 * The HTML of the submission pages: the form (first shown, or again with
 * what was typed and the errors), and the receipt with the return code.
 */
#ifndef PORTAL_PAGES_SUBMIT_VIEW_H
#define PORTAL_PAGES_SUBMIT_VIEW_H

#include "view/i18n.h"

struct req;
struct form;
struct intake;
struct issued;

/* Message ids of the errors about the evidence files. */
#define SUBMIT_ERR_TOO_LARGE	N_("A file is larger than the portal accepts (64 MiB each, 256 MiB in all, 20 files at most).")
#define SUBMIT_ERR_FILE_TYPE	N_("This kind of file is not accepted. Send documents, images, audio, video or archives.")

/* The form; f and in are NULL on a first visit. Returns 0 or a status. */
int	submit_form_page(struct req *, int status, const struct form *f,
	    const struct intake *in, const char *file_error);
/* The receipt, the return code and how to keep and check them. */
int	submit_receipt_page(struct req *, const struct issued *);

#endif /* PORTAL_PAGES_SUBMIT_VIEW_H */
