/*
 * The monitoring data's closed sets and shapes, shared by `portal
 * import` (data/import.c) and the editor's desk forms (desk/record_form.c,
 * pages/desk_comm*.c, desk_visit*.c, desk_rec*.c), so that a row is valid
 * by the same rules whichever way it arrives. The database checks them
 * again (sql/migrations/0005_monitoring.sql).
 */
#ifndef PORTAL_DATA_RECORD_CHECK_H
#define PORTAL_DATA_RECORD_CHECK_H

/* NULL-ended sets of codes, in the order forms list them. */
extern const char *const rck_comm_types[];
extern const char *const rck_classifications[];
extern const char *const rck_visit_statuses[];
extern const char *const rck_upd_statuses[];
extern const char *const rck_upd_sources[];
extern const char *const rck_langs[];

enum rck_ref {
	RCK_REF_OK,
	RCK_REF_FORM,		/* not "J?(AL|UA|OL) XXX N/YYYY" */
	RCK_REF_TYPE,		/* its prefix does not match the type */
	RCK_REF_ADDRESSEE,	/* its code is not the State's (or OTH) */
};

int		rck_in_set(const char *, const char *const *set);
/* YYYY-MM-DD, a real day, years 1945 to 2100. */
int		rck_date_ok(const char *);
/* Three capital letters. */
int		rck_iso3_ok(const char *);
/* [a-z0-9-], no leading, trailing or double dash, at most 100 bytes. */
int		rck_slug_ok(const char *);
/* A recommendation's document symbol and paragraph, as the schema. */
int		rck_symbol_ok(const char *);
int		rck_paragraph_ok(const char *);
/* state is "" for a non-State addressee (code OTH). */
enum rck_ref	rck_reference(const char *ref, const char *type,
		    const char *state);

#endif /* PORTAL_DATA_RECORD_CHECK_H */
