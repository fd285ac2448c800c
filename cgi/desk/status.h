/*
 * Triage statuses: the closed set the desk may set (the database checks
 * it too), their labels for staff, and what the submitter's timeline
 * calls them.
 */
#ifndef PORTAL_DESK_STATUS_H
#define PORTAL_DESK_STATUS_H

enum desk_status {
	STATUS_ADMISSIBLE,
	STATUS_MORE_INFORMATION,
	STATUS_NOT_ADMISSIBLE,
	STATUS_DUPLICATE,
	STATUS__MAX
};

extern const char *const desk_status_code[STATUS__MAX];
extern const char *const desk_status_label[STATUS__MAX];	/* msgids */
extern const char *const desk_status_public[STATUS__MAX];	/* msgids */

/* The status of code, or STATUS__MAX if it is none. */
enum desk_status desk_status_parse(const char *code);

#endif /* PORTAL_DESK_STATUS_H */
