/*
 * The receipt a verification request carries: pasted into the "receipt"
 * field or uploaded as the "receipt_file" file, in a multipart or
 * urlencoded body, with the CSRF token of a browser form.
 */
#ifndef PORTAL_PAGES_VERIFY_INPUT_H
#define PORTAL_PAGES_VERIFY_INPUT_H

#include <stddef.h>

struct req;

struct verify_input {
	const char	*receipt;	/* NULL if none was sent */
	size_t		 len;
	const char	*csrf;
};

/*
 * Read the body, the receipt normalized to LF line ends and one final
 * newline. 0, or the HTTP status to answer with.
 */
int	verify_input_read(struct req *, struct verify_input *)
	    __attribute__((warn_unused_result));

#endif /* PORTAL_PAGES_VERIFY_INPUT_H */
