/*
 * JSON output, for the API answers. Strings are escaped so that the
 * result is safe even if a browser were made to read it as HTML: <, >,
 * & and the line separators are written as \u escapes.
 */
#ifndef PORTAL_CORE_JSON_H
#define PORTAL_CORE_JSON_H

struct writer;

/* Write s as a JSON string literal, quotes included. 0 or -1. */
int	json_string(struct writer *, const char *s)
	    __attribute__((warn_unused_result));

#endif /* PORTAL_CORE_JSON_H */
