/*
 * The importer's rows: validation in C (shapes, closed sets, dates),
 * then lookups and inserts through the statement table, each row under
 * the savepoint import_row so that a row the database refuses leaves
 * the transaction usable for the next one.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/import.h"
#include "data/record_check.h"
#include "data/submission.h"

const char *const imp_kind_name[IMP__MAX] = {
	[IMP_COMMUNICATIONS] = "communications",
	[IMP_VISITS] = "visits",
	[IMP_RECOMMENDATIONS] = "recommendations",
};

/* Column indexes: the order of the arrays below. */
enum { C_REF, C_TYPE, C_SENT, C_STATE, C_ADDRESSEE, C_MANDATES, C_PUBLIC,
	C_SLANG, C_SUMMARY, C_RDATE, C_RCONF, C_RCLASS, C_RSUMMARY };
enum { V_MANDATE, V_STATE, V_REQUESTED, V_STATUS, V_START, V_END, V_REPORT };
enum { R_SYMBOL, R_PARA, R_STATE, R_MANDATE, R_ISSUED, R_LANG, R_TEXT,
	R_THEMES, R_GROUPS, R_UDATE, R_USTATUS, R_USOURCE, R_UEXPL, R_UPUB };

static const char *const comm_cols[] = { "reference", "type", "sent_on",
	"state", "addressee", "mandates", "public_after", "summary_lang",
	"summary", "reply_date", "reply_confidential", "reply_classification",
	"reply_summary", NULL };
static const char *const visit_cols[] = { "mandate", "state",
	"requested_on", "status", "visit_start", "visit_end", "report_symbol",
	NULL };
static const char *const rec_cols[] = { "document_symbol", "paragraph",
	"state", "mandate", "issued_on", "text_lang", "text", "themes",
	"affected_groups", "update_date", "update_status", "update_source",
	"update_explanation", "update_published", NULL };

const char *const *const imp_columns[IMP__MAX] = {
	[IMP_COMMUNICATIONS] = comm_cols,
	[IMP_VISITS] = visit_cols,
	[IMP_RECOMMENDATIONS] = rec_cols,
};

/* Columns a file must have. */
static const int comm_required[] = { C_REF, C_TYPE, C_SENT, -1 };
static const int visit_required[] = { V_MANDATE, V_STATE, V_REQUESTED,
	V_STATUS, -1 };
static const int rec_required[] = { R_SYMBOL, R_PARA, R_STATE, R_MANDATE,
	R_ISSUED, R_TEXT, -1 };
static const int *const required_cols[IMP__MAX] = { comm_required,
	visit_required, rec_required };

/* A row being checked: its fields by column, and the first reason. */
struct row {
	struct imp		*imp;
	const struct csv_record	*rec;
	char			*reason;
	int			 bad;
};

static const char *
f(struct row *r, int c)
{
	int	 i = r->imp->col[c];

	return i >= 0 && (size_t)i < r->rec->nfields ? r->rec->field[i] : "";
}

static void
bad(struct row *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
bad(struct row *r, const char *fmt, ...)
{
	va_list	 ap;

	if (r->bad++)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(r->reason, IMP_REASON_MAX, fmt, ap);
	va_end(ap);
}

int
imp_kind_parse(const char *name, enum imp_kind *k)
{
	int	 i;

	for (i = 0; i < IMP__MAX; i++)
		if (strcmp(name, imp_kind_name[i]) == 0) {
			*k = (enum imp_kind)i;
			return 0;
		}
	return -1;
}

void
imp_init(struct imp *imp, enum imp_kind k)
{
	size_t	 i;

	memset(imp, 0, sizeof(*imp));
	imp->kind = k;
	for (i = 0; i < IMP_COLS_MAX; i++)
		imp->col[i] = -1;
}

/* "J?(AL|UA|OL) XXX N/YYYY", its prefix matching type, its code state. */
static void
check_reference(struct row *r, const char *ref, const char *type,
    const char *state)
{
	switch (rck_reference(ref, type, state)) {
	case RCK_REF_FORM:
		bad(r, "reference \"%.40s\" is not of the form \"AL IRN "
		    "12/2024\"", ref);
		break;
	case RCK_REF_TYPE:
		bad(r, "reference %s does not match type %s", ref, type);
		break;
	case RCK_REF_ADDRESSEE:
		bad(r, "reference %s does not name the addressee %s", ref,
		    *state != '\0' ? state : "OTH");
		break;
	case RCK_REF_OK:
		break;
	}
}

static void
check_text(struct row *r, const char *col, const char *s, int required)
{
	if (required && *s == '\0')
		bad(r, "%s is empty", col);
	else if (strlen(s) > IMP_TEXT_MAX)
		bad(r, "%s is longer than %d bytes", col, IMP_TEXT_MAX);
}

static void
check_date(struct row *r, const char *col, const char *s, int required)
{
	if (*s == '\0') {
		if (required)
			bad(r, "%s is empty", col);
	} else if (!rck_date_ok(s))
		bad(r, "%s \"%.20s\" is not a date (YYYY-MM-DD)", col, s);
}

static void
check_set(struct row *r, const char *col, const char *s,
    const char *const *set)
{
	if (!rck_in_set(s, set))
		bad(r, "%s \"%.40s\" is not one of the allowed values", col, s);
}

/* "true", "false" or "" (false). -1 if none. */
static int
parse_bool(const char *s)
{
	if (*s == '\0' || strcmp(s, "false") == 0)
		return 0;
	if (strcmp(s, "true") == 0)
		return 1;
	return -1;
}

static enum db_err
known(struct row *r, enum stmt s, const char *what, const char *key)
{
	const char	*p[1] = { key };
	PGresult	*res;
	enum db_err	 e;

	if (r->bad)
		return DB_OK;
	if ((e = db_exec(s, p, 1, &res)) != DB_OK)
		return e;
	if (PQntuples(res) != 1)
		bad(r, "unknown %s %.40s", what, key);
	PQclear(res);
	return DB_OK;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * A ';'-separated list: items trimmed of spaces, empty ones dropped,
 * sorted and unique if sort, joined again by ';' into out. -1 if too long.
 */
static int
norm_list(const char *in, int sort, char *out, size_t outsz,
    const char **items, size_t *nitems, size_t maxitems)
{
	char	 tmp[2048], *s, *e, *next;
	size_t	 n = 0, i, o = 0, l;

	if (strlen(in) >= sizeof(tmp) || outsz == 0)
		return -1;
	memcpy(tmp, in, strlen(in) + 1);
	for (s = tmp; s != NULL; s = next) {
		if ((next = strchr(s, ';')) != NULL)
			*next++ = '\0';
		while (*s == ' ')
			s++;
		e = s + strlen(s);
		while (e > s && e[-1] == ' ')
			*--e = '\0';
		if (*s == '\0')
			continue;
		if (n == maxitems)
			return -1;
		items[n++] = s;
	}
	if (sort)
		qsort(items, n, sizeof(*items), cmp_str);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (sort && i > 0 && strcmp(items[i], items[i - 1]) == 0)
			continue;
		l = strlen(items[i]);
		if (o + l + 2 > outsz)
			return -1;
		if (o > 0)
			out[o++] = ';';
		memcpy(out + o, items[i], l + 1);
		o += l;
	}
	/* items point into tmp, which dies here: the caller uses out. */
	*nitems = n;
	return 0;
}

static enum db_err
comm_row(struct row *r)
{
	const char	*ref = f(r, C_REF), *type = f(r, C_TYPE);
	const char	*state = f(r, C_STATE), *addressee = f(r, C_ADDRESSEE);
	const char	*slang = f(r, C_SLANG), *rdate = f(r, C_RDATE);
	const char	*items[64], *p[8], *val[9];
	char		 mandates[2048], id[24];
	PGresult	*res;
	size_t		 nitems = 0, i;
	int		 conf = parse_bool(f(r, C_RCONF)), has_reply, diff;
	enum db_err	 e;

	if (*slang == '\0')
		slang = "en";
	check_set(r, "type", type, rck_comm_types);
	check_date(r, "sent_on", f(r, C_SENT), 1);
	if ((*state == '\0') == (*addressee == '\0'))
		bad(r, "exactly one of state and addressee must be given");
	else if (*state != '\0' && !rck_iso3_ok(state))
		bad(r, "state \"%.20s\" is not an ISO 3166 alpha-3 code", state);
	check_text(r, "addressee", addressee, 0);
	if (!r->bad)
		check_reference(r, ref, type, state);
	if (norm_list(f(r, C_MANDATES), 1, mandates, sizeof(mandates), items,
	    &nitems, sizeof(items) / sizeof(items[0])) == -1)
		bad(r, "mandates: too many or too long");
	check_date(r, "public_after", f(r, C_PUBLIC), 0);
	if (*f(r, C_PUBLIC) != '\0' && strcmp(f(r, C_PUBLIC),
	    f(r, C_SENT)) < 0)
		bad(r, "public_after is before sent_on");
	check_set(r, "summary_lang", slang, rck_langs);
	check_text(r, "summary", f(r, C_SUMMARY), 0);
	has_reply = *rdate != '\0' || *f(r, C_RCLASS) != '\0' ||
	    *f(r, C_RSUMMARY) != '\0' || *f(r, C_RCONF) != '\0';
	if (has_reply) {
		check_date(r, "reply_date", rdate, 1);
		if (*rdate != '\0' && strcmp(rdate, f(r, C_SENT)) < 0)
			bad(r, "reply_date is before sent_on");
		check_set(r, "reply_classification", f(r, C_RCLASS),
		    rck_classifications);
		if (conf == -1)
			bad(r, "reply_confidential must be true or false");
		check_text(r, "reply_summary", f(r, C_RSUMMARY), 0);
	}
	if (r->bad)
		return DB_OK;
	if (*state != '\0' && (e = known(r, STMT_STATE_EXISTS, "State",
	    state)) != DB_OK)
		return e;
	/* Re-split the normalised list: items pointed into a dead buffer. */
	{
		char	 tmp[2048], *s, *next;

		memcpy(tmp, mandates, strlen(mandates) + 1);
		for (s = tmp; *s != '\0' && s != NULL; s = next) {
			if ((next = strchr(s, ';')) != NULL)
				*next++ = '\0';
			if (!rck_slug_ok(s))
				bad(r, "mandate \"%.40s\" is not a mandate slug",
				    s);
			if ((e = known(r, STMT_MON_MANDATE_KNOWN, "mandate",
			    s)) != DB_OK)
				return e;
			if (next == NULL)
				break;
		}
	}
	if (r->bad)
		return DB_OK;

	p[0] = ref;
	if ((e = db_exec(STMT_MON_COMM_FIND, p, 1, &res)) != DB_OK)
		return e;
	if (PQntuples(res) == 1) {
		val[0] = type;
		val[1] = f(r, C_SENT);
		val[2] = state;
		val[3] = addressee;
		val[4] = f(r, C_SUMMARY);
		val[5] = slang;
		val[6] = f(r, C_PUBLIC);
		val[7] = mandates;
		for (i = 0, diff = -1; i < 8 && diff == -1; i++) {
			if (i == 6 && *val[6] == '\0')
				continue;
			if (strcmp(PQgetvalue(res, 0, (int)i + 1), val[i]) != 0)
				diff = (int)i;
		}
		(void)snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, 0));
		PQclear(res);
		if (diff != -1) {
			static const char *const what[] = { "type", "sent_on",
			    "state", "addressee", "summary", "summary_lang",
			    "public_after", "mandates" };

			bad(r, "communication %s is already recorded with "
			    "another %s", ref, what[diff]);
			return DB_OK;
		}
		r->imp->n.unchanged++;
	} else {
		PQclear(res);
		p[0] = ref;
		p[1] = type;
		p[2] = f(r, C_SENT);
		p[3] = state;
		p[4] = addressee;
		p[5] = f(r, C_SUMMARY);
		p[6] = slang;
		p[7] = f(r, C_PUBLIC);
		if ((e = db_exec(STMT_MON_COMM_INSERT, p, 8, &res)) != DB_OK)
			return e;
		(void)snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, 0));
		PQclear(res);
		if (*mandates != '\0') {
			p[0] = id;
			p[1] = mandates;
			if ((e = db_run(STMT_MON_COMM_MANDATE_INSERT, p,
			    2)) != DB_OK)
				return e;
		}
		r->imp->n.added++;
	}
	if (!has_reply)
		return DB_OK;

	p[0] = id;
	p[1] = rdate;
	if ((e = db_exec(STMT_MON_REPLY_FIND, p, 2, &res)) != DB_OK)
		return e;
	if (PQntuples(res) == 1) {
		diff = strcmp(PQgetvalue(res, 0, 0), conf ? "t" : "f") != 0 ||
		    strcmp(PQgetvalue(res, 0, 1), f(r, C_RCLASS)) != 0 ||
		    (strcmp(PQgetvalue(res, 0, 2), f(r, C_RSUMMARY)) != 0 &&
		    !(conf && *f(r, C_RSUMMARY) == '\0'));
		PQclear(res);
		if (diff)
			bad(r, "the reply of %s to %s is already recorded "
			    "differently", rdate, ref);
		else
			r->imp->n.sub_unchanged++;
		return DB_OK;
	}
	PQclear(res);
	p[0] = id;
	p[1] = rdate;
	p[2] = conf ? "true" : "false";
	p[3] = f(r, C_RCLASS);
	p[4] = f(r, C_RSUMMARY);
	if ((e = db_run(STMT_MON_REPLY_INSERT, p, 5)) != DB_OK)
		return e;
	r->imp->n.sub_added++;
	return DB_OK;
}

static enum db_err
visit_row(struct row *r)
{
	const char	*p[7], *st = f(r, V_START), *en = f(r, V_END);
	PGresult	*res;
	char		 id[24];
	enum db_err	 e;
	int		 same;

	if (!rck_slug_ok(f(r, V_MANDATE)))
		bad(r, "mandate \"%.40s\" is not a mandate slug",
		    f(r, V_MANDATE));
	if (!rck_iso3_ok(f(r, V_STATE)))
		bad(r, "state \"%.20s\" is not an ISO 3166 alpha-3 code",
		    f(r, V_STATE));
	check_date(r, "requested_on", f(r, V_REQUESTED), 1);
	check_set(r, "status", f(r, V_STATUS), rck_visit_statuses);
	check_date(r, "visit_start", st, 0);
	check_date(r, "visit_end", en, 0);
	if (*st != '\0' && *en != '\0' && strcmp(en, st) < 0)
		bad(r, "visit_end is before visit_start");
	check_text(r, "report_symbol", f(r, V_REPORT), 0);
	if (strlen(f(r, V_REPORT)) > 100)
		bad(r, "report_symbol is too long");
	if (r->bad)
		return DB_OK;
	if ((e = known(r, STMT_STATE_EXISTS, "State", f(r, V_STATE))) !=
	    DB_OK || (e = known(r, STMT_MON_MANDATE_KNOWN, "mandate",
	    f(r, V_MANDATE))) != DB_OK || r->bad)
		return e;
	p[0] = f(r, V_MANDATE);
	p[1] = f(r, V_STATE);
	p[2] = f(r, V_REQUESTED);
	if ((e = db_exec(STMT_MON_VISIT_FIND, p, 3, &res)) != DB_OK)
		return e;
	if (PQntuples(res) == 0) {
		PQclear(res);
		p[3] = f(r, V_STATUS);
		p[4] = st;
		p[5] = en;
		p[6] = f(r, V_REPORT);
		if ((e = db_run(STMT_MON_VISIT_INSERT, p, 7)) == DB_OK)
			r->imp->n.added++;
		return e;
	}
	same = strcmp(PQgetvalue(res, 0, 1), f(r, V_STATUS)) == 0 &&
	    strcmp(PQgetvalue(res, 0, 2), st) == 0 &&
	    strcmp(PQgetvalue(res, 0, 3), en) == 0 &&
	    strcmp(PQgetvalue(res, 0, 4), f(r, V_REPORT)) == 0;
	(void)snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	if (same) {
		r->imp->n.unchanged++;
		return DB_OK;
	}
	p[0] = id;
	p[1] = f(r, V_STATUS);
	p[2] = st;
	p[3] = en;
	p[4] = f(r, V_REPORT);
	if ((e = db_run(STMT_MON_VISIT_UPDATE, p, 5)) == DB_OK)
		r->imp->n.changed++;
	return e;
}

static enum db_err
rec_row(struct row *r)
{
	const char	*items[64], *p[9], *lang = f(r, R_LANG);
	const char	*udate = f(r, R_UDATE);
	char		 themes[2048], groups[2048], id[24];
	PGresult	*res;
	size_t		 nitems, i;
	int		 pub = parse_bool(f(r, R_UPUB)), has_upd, diff;
	enum db_err	 e;

	if (*lang == '\0')
		lang = "en";
	if (strlen(f(r, R_SYMBOL)) < 3 || strlen(f(r, R_SYMBOL)) > 100 ||
	    strchr(f(r, R_SYMBOL), ' ') != NULL)
		bad(r, "document_symbol \"%.40s\" is not a document symbol",
		    f(r, R_SYMBOL));
	if (*f(r, R_PARA) == '\0' || strlen(f(r, R_PARA)) > 20 ||
	    strchr(f(r, R_PARA), ' ') != NULL)
		bad(r, "paragraph \"%.20s\" is not a paragraph number",
		    f(r, R_PARA));
	if (!rck_iso3_ok(f(r, R_STATE)))
		bad(r, "state \"%.20s\" is not an ISO 3166 alpha-3 code",
		    f(r, R_STATE));
	if (!rck_slug_ok(f(r, R_MANDATE)))
		bad(r, "mandate \"%.40s\" is not a mandate slug",
		    f(r, R_MANDATE));
	check_date(r, "issued_on", f(r, R_ISSUED), 1);
	check_set(r, "text_lang", lang, rck_langs);
	check_text(r, "text", f(r, R_TEXT), 1);
	if (norm_list(f(r, R_THEMES), 0, themes, sizeof(themes), items,
	    &nitems, 64) == -1 || norm_list(f(r, R_GROUPS), 0, groups,
	    sizeof(groups), items, &nitems, 64) == -1)
		bad(r, "themes or affected_groups: too many or too long");
	has_upd = *udate != '\0' || *f(r, R_USTATUS) != '\0' ||
	    *f(r, R_USOURCE) != '\0' || *f(r, R_UEXPL) != '\0' ||
	    *f(r, R_UPUB) != '\0';
	if (has_upd) {
		check_date(r, "update_date", udate, 1);
		check_set(r, "update_status", f(r, R_USTATUS), rck_upd_statuses);
		check_set(r, "update_source", f(r, R_USOURCE), rck_upd_sources);
		check_text(r, "update_explanation", f(r, R_UEXPL), 0);
		if (pub == -1)
			bad(r, "update_published must be true or false");
	}
	if (r->bad)
		return DB_OK;
	if ((e = known(r, STMT_STATE_EXISTS, "State", f(r, R_STATE))) !=
	    DB_OK || (e = known(r, STMT_MON_MANDATE_KNOWN, "mandate",
	    f(r, R_MANDATE))) != DB_OK || r->bad)
		return e;
	p[0] = f(r, R_SYMBOL);
	p[1] = f(r, R_PARA);
	if ((e = db_exec(STMT_MON_REC_FIND, p, 2, &res)) != DB_OK)
		return e;
	if (PQntuples(res) == 1) {
		const char *val[7] = { f(r, R_STATE), f(r, R_MANDATE),
		    f(r, R_ISSUED), f(r, R_TEXT), lang, themes, groups };
		static const char *const what[7] = { "state", "mandate",
		    "issued_on", "text", "text_lang", "themes",
		    "affected_groups" };

		for (i = 0, diff = -1; i < 7 && diff == -1; i++)
			if (strcmp(PQgetvalue(res, 0, (int)i + 1), val[i]) != 0)
				diff = (int)i;
		(void)snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, 0));
		PQclear(res);
		if (diff != -1) {
			bad(r, "recommendation %s %s is already recorded with "
			    "another %s", p[0], p[1], what[diff]);
			return DB_OK;
		}
		r->imp->n.unchanged++;
	} else {
		PQclear(res);
		p[2] = f(r, R_STATE);
		p[3] = f(r, R_MANDATE);
		p[4] = f(r, R_ISSUED);
		p[5] = f(r, R_TEXT);
		p[6] = lang;
		p[7] = themes;
		p[8] = groups;
		if ((e = db_exec(STMT_MON_REC_INSERT, p, 9, &res)) != DB_OK)
			return e;
		(void)snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, 0));
		PQclear(res);
		r->imp->n.added++;
	}
	if (!has_upd)
		return DB_OK;
	p[0] = id;
	p[1] = udate;
	p[2] = f(r, R_USOURCE);
	p[3] = f(r, R_USTATUS);
	p[4] = f(r, R_UEXPL);
	if ((e = db_exec(STMT_MON_UPD_FIND, p, 5, &res)) != DB_OK)
		return e;
	diff = PQntuples(res) == 1 &&
	    (strcmp(PQgetvalue(res, 0, 1), f(r, R_USTATUS)) != 0 ||
	    strcmp(PQgetvalue(res, 0, 2), f(r, R_UEXPL)) != 0);
	/* A different report received through the portal is no conflict. */
	if (diff && strcmp(PQgetvalue(res, 0, 4), "f") == 0) {
		PQclear(res);
		res = NULL;
	}
	if (res != NULL && PQntuples(res) == 1) {
		diff = diff || (strcmp(PQgetvalue(res, 0, 3), "t") == 0 && !pub);
		(void)snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, 0));
		i = strcmp(PQgetvalue(res, 0, 3), "f") == 0 && pub;
		PQclear(res);
		if (diff) {
			bad(r, "the update of %s (%s) is already recorded "
			    "differently", udate, f(r, R_USOURCE));
			return DB_OK;
		}
		if (i) {
			p[0] = id;
			if ((e = db_run(STMT_MON_UPD_PUBLISH, p, 1)) != DB_OK)
				return e;
		}
		r->imp->n.sub_unchanged++;
		return DB_OK;
	}
	PQclear(res);		/* PQclear(NULL) does nothing */
	p[2] = f(r, R_USTATUS);
	p[3] = f(r, R_USOURCE);
	p[4] = f(r, R_UEXPL);
	p[5] = pub ? "true" : "false";
	if ((e = db_run(STMT_MON_UPD_INSERT, p, 6)) != DB_OK)
		return e;
	r->imp->n.sub_added++;
	return DB_OK;
}

/* The header: every column known, none twice, the required ones there. */
static void
header(struct row *r)
{
	const char *const	*cols = imp_columns[r->imp->kind];
	const int		*req;
	size_t			 i;
	int			 c;

	for (i = 0; i < r->rec->nfields; i++) {
		for (c = 0; cols[c] != NULL; c++)
			if (strcmp(cols[c], r->rec->field[i]) == 0)
				break;
		if (cols[c] == NULL) {
			bad(r, "unknown column \"%.40s\"", r->rec->field[i]);
			return;
		}
		if (r->imp->col[c] != -1) {
			bad(r, "column %s appears twice", cols[c]);
			return;
		}
		r->imp->col[c] = (int)i;
	}
	r->imp->ncols = r->rec->nfields;
	for (req = required_cols[r->imp->kind]; *req != -1; req++)
		if (r->imp->col[*req] == -1) {
			bad(r, "missing column %s", cols[*req]);
			return;
		}
	r->imp->have_header = 1;
}

enum db_err
imp_record(struct imp *imp, const struct csv_record *rec, int *isbad,
    char reason[IMP_REASON_MAX])
{
	struct row	 r = { imp, rec, reason, 0 };
	enum db_err	 e;

	*isbad = 0;
	reason[0] = '\0';
	if (!imp->have_header) {
		header(&r);
		*isbad = r.bad != 0;
		return DB_OK;
	}
	imp->n.rows++;
	if (rec->nfields != imp->ncols) {
		bad(&r, "%zu fields where the header has %zu", rec->nfields,
		    imp->ncols);
	} else if ((e = db_run(STMT_MON_SAVEPOINT, NULL, 0)) != DB_OK)
		return e;
	else {
		switch (imp->kind) {
		case IMP_COMMUNICATIONS:
			e = comm_row(&r);
			break;
		case IMP_VISITS:
			e = visit_row(&r);
			break;
		default:
			e = rec_row(&r);
			break;
		}
		if (e == DB_ERROR || e == DB_CONFLICT) {
			bad(&r, "the database refused the row (%s)",
			    e == DB_CONFLICT ? "a duplicate key" :
			    "a constraint");
			e = DB_OK;
		}
		if (e != DB_OK)
			return e;
		if ((e = db_run(r.bad ? STMT_MON_ROLLBACK_TO :
		    STMT_MON_RELEASE, NULL, 0)) != DB_OK)
			return e;
		if (r.bad && (e = db_run(STMT_MON_RELEASE, NULL, 0)) != DB_OK)
			return e;
	}
	if (r.bad)
		imp->n.bad++;
	*isbad = r.bad != 0;
	return DB_OK;
}
