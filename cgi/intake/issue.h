/*
 * Issuing: the last step of a submission. Seals the content, signs the
 * receipt, makes the return code, writes the submission, queues the
 * receipt's hash for the transparency log, and commits. Only after the
 * commit does the caller show the receipt and the code: nothing is
 * acknowledged that is not durable.
 */
#ifndef PORTAL_INTAKE_ISSUE_H
#define PORTAL_INTAKE_ISSUE_H

#include <stdint.h>

#include "intake/intake.h"
#include "trust/code.h"
#include "trust/receipt.h"

struct issue_in {
	const char	*kind;		/* "allegation" or "followup" */
	char		 ref_prefix;	/* 'A' or 'F' */
	const char	*content;	/* the canonical content (content.h) */
	size_t		 content_len;
	const char	*state;		/* ISO3, or NULL */
	const char	*const *mandates;
	size_t		 nmandates;
	int		 consent_government;	/* 1, 0, or -1 unanswered */
	int		 consent_public;
	int64_t		 parent_id;	/* follow-ups */
	const char	*parent_ref;
};

struct issued {
	const char	*ref;
	const char	*receipt;	/* the signed note */
	const char	*received;
	char		 code[CODE_TEXT_BYTES];
};

/*
 * Issue the submission that in has received. Returns 0, or the HTTP
 * status (500, 503) when it could not be stored; nothing is then kept.
 */
int	issue(struct intake *in, const struct issue_in *, struct issued *out)
	    __attribute__((warn_unused_result));
/*
 * For a form token that was used already: the receipt and code issued
 * then (kept for a day, readable only with the token). Returns 0, 404 if
 * the replay box is gone, or a status for a database failure.
 */
int	issue_replay(struct intake *in, struct issued *out)
	    __attribute__((warn_unused_result));

#endif /* PORTAL_INTAKE_ISSUE_H */
