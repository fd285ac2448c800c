/*
 * Open data (README, "Open data"): GET /data/communications.csv and
 * /data/communications.json, every public communication with its
 * replies; /data/visits.csv, every visit request; and
 * /data/recommendations.csv, every recommendation with its published
 * implementation updates.
 *
 * Streamed in constant memory: the data layer fetches COOP_EXPORT_CHUNK
 * letters at a time by id and hands over one row at a time, which is
 * written at once; nothing is kept but the current letter's id. Nothing
 * confidential: a letter appears once its public date has passed, and a
 * confidential reply with its date and classification only.
 *
 * The CSV has exactly the columns of `portal import communications`, so
 * that an export imports again (a confidential reply then has an empty
 * summary). Texts are written as they are: no prefix against spreadsheet
 * formulas, since one would change the data and the round trip (README).
 *
 * Validators (communications, visits): an ETag and Last-Modified from the
 * newest public letter and reply (the newest visit change) and the day;
 * If-None-Match gives 304. Recommendations have none yet: an update's
 * publication changes no id.
 */
#include <string.h>

#include "core/arena.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/writer.h"
#include "data/coop.h"
#include "http/request.h"
#include "http/response.h"
#include "pages/pages.h"

#define DATA_LICENCE	"Creative Commons Attribution 4.0 International " \
	"(CC BY 4.0), https://creativecommons.org/licenses/by/4.0/"
#define DATA_LICENCE_LINK \
	"<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\""
/* A quoted field: at most 2 * len + 2 bytes (csv.h); texts <= 20,000. */
#define DATA_FIELD_MAX	(2u * 20000u + 64u)

struct out {
	struct req	*r;
	int		 ncols;		/* CSV: the importer's columns */
	char		*field;		/* DATA_FIELD_MAX bytes, for CSV */
	long long	 last;		/* the letter being written (JSON) */
	int		 nletters;
};

/* 1 if the request's If-None-Match names etag (or is "*"). */
static int
not_modified(const struct req *r, const char *etag)
{
	const char	*h = req_header(r, HDR_IF_NONE_MATCH), *p;
	size_t		 n = strlen(etag);

	if (h == NULL)
		return 0;
	if (strcmp(h, "*") == 0)
		return 1;
	for (p = h; (p = strstr(p, etag)) != NULL; p += n)
		if ((p == h || p[-1] == ' ' || p[-1] == ',' ||
		    (p - h >= 2 && p[-2] == 'W' && p[-1] == '/')) &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return 1;
	return 0;
}

/*
 * The headers of an export; 1 when the body should follow, 0 when the
 * response is complete (304, HEAD), or an HTTP status.
 */
static int
begin(struct req *r, enum coop_export k, const char *type,
    const char *filename)
{
	struct coop_version	 ver;
	const char		*disp;
	enum db_err		 e;
	int			 has;

	if ((e = coop_export_version(k, &ver, &has)) != DB_OK)
		return db_http_status(e);
	if ((disp = arena_printf(r->arena, "attachment; filename=\"%s\"",
	    filename)) == NULL)
		return 500;
	r->resp.csp = CSP_DOWNLOAD;
	if (resp_header(r, "Link", DATA_LICENCE_LINK) == -1)
		return 500;
	if (has) {
		r->resp.cache = CACHE_REVALIDATE;
		if (resp_header(r, "ETag", ver.etag) == -1 ||
		    resp_header(r, "Last-Modified", ver.last_modified) == -1)
			return 500;
	}
	if (has && not_modified(r, ver.etag)) {
		if (resp_begin(r, 304, NULL) == -1)
			r->out.failed = 1;
		return 0;
	}
	if (resp_header(r, "Content-Disposition", disp) == -1)
		return 500;
	if (resp_begin(r, 200, type) == -1 || r->resp.head_only)
		return 0;
	return 1;
}

static int
csv_field(struct out *o, const char *s)
{
	size_t	 n = csv_quote(s, strlen(s), o->field, DATA_FIELD_MAX);

	if (n > DATA_FIELD_MAX)
		return -1;
	return w_write(&o->r->out, o->field, n);
}

static int
csv_row(const struct coop_row *row, void *arg)
{
	struct out	*o = arg;
	int		 c;

	for (c = 0; c < o->ncols && c < row->nfields; c++)
		if ((c > 0 && w_write(&o->r->out, ",", 1) == -1) ||
		    csv_field(o, row->field[c]) == -1)
			return -1;
	return w_write(&o->r->out, "\r\n", 2);
}

static int
export_csv(struct req *r, enum coop_export k, const char *filename)
{
	const char *const	*cols = coop_export_cols[k];
	struct out		 o;
	enum db_err		 e;
	int			 c, rc, stopped;

	if ((rc = begin(r, k, "text/csv; charset=utf-8; header=present",
	    filename)) != 1)
		return rc;
	memset(&o, 0, sizeof(o));
	o.r = r;
	o.ncols = coop_export_ncsv[k];
	if ((o.field = arena_alloc(r->arena, DATA_FIELD_MAX)) == NULL) {
		r->out.failed = 1;
		return 0;
	}
	for (c = 0; c < o.ncols; c++)
		if ((c > 0 && w_write(&r->out, ",", 1) == -1) ||
		    w_puts(&r->out, cols[c]) == -1)
			return 0;
	if (w_write(&r->out, "\r\n", 2) == -1)
		return 0;
	/* Once the body has begun, a failure can only cut it short. */
	if ((e = coop_export(k, csv_row, &o, &stopped)) != DB_OK || stopped)
		r->out.failed = 1;
	return 0;
}

int
page_data_communications_csv(struct req *r)
{
	return export_csv(r, COOP_EX_COMMUNICATIONS, "communications.csv");
}

int
page_data_visits_csv(struct req *r)
{
	return export_csv(r, COOP_EX_VISITS, "visits.csv");
}

int
page_data_recommendations_csv(struct req *r)
{
	return export_csv(r, COOP_EX_RECOMMENDATIONS, "recommendations.csv");
}

static int
json_kv(struct writer *w, const char *key, const char *val, int comma)
{
	return (comma && w_write(w, ",", 1) == -1) ||
	    json_string(w, key) == -1 || w_write(w, ":", 1) == -1 ||
	    json_string(w, val) == -1 ? -1 : 0;
}

/* Rows come one per reply, in id order: a letter opens on its first. */
static int
json_row(const struct coop_row *row, void *arg)
{
	static const int letter[] = { COOP_REFERENCE, COOP_TYPE, COOP_SENT_ON,
	    COOP_STATE, COOP_ADDRESSEE, COOP_PUBLIC_AFTER, COOP_SUMMARY_LANG,
	    COOP_SUMMARY, COOP_CATEGORY };
	struct out	*o = arg;
	struct writer	*w = &o->r->out;
	const char	*m, *semi;
	size_t		 i;

	if (row->id != o->last) {
		if (o->nletters > 0 && w_puts(w, "]}") == -1)
			return -1;
		if (w_puts(w, o->nletters > 0 ? ",\n{" : "\n{") == -1 ||
		    w_printf(w, "\"id\":%lld", row->id) == -1)
			return -1;
		for (i = 0; i < sizeof(letter) / sizeof(letter[0]); i++)
			if (json_kv(w, coop_export_cols[
			    COOP_EX_COMMUNICATIONS][letter[i]],
			    row->field[letter[i]], 1) == -1)
				return -1;
		if (w_puts(w, ",\"mandates\":[") == -1)
			return -1;
		for (m = row->field[COOP_MANDATES]; *m != '\0'; m = semi + 1) {
			char	 slug[128];
			size_t	 n;

			if ((semi = strchr(m, ';')) == NULL)
				semi = m + strlen(m);
			n = (size_t)(semi - m);
			if (n >= sizeof(slug))
				return -1;
			memcpy(slug, m, n);
			slug[n] = '\0';
			if ((m != row->field[COOP_MANDATES] &&
			    w_write(w, ",", 1) == -1) ||
			    json_string(w, slug) == -1)
				return -1;
			if (*semi == '\0')
				break;
		}
		if (w_puts(w, "],\"replies\":[") == -1)
			return -1;
		o->last = row->id;
		o->nletters++;
	} else if (w_write(w, ",", 1) == -1)
		return -1;
	if (*row->field[COOP_REPLY_DATE] == '\0')
		return 0;
	return w_puts(w, "{") == -1 ||
	    json_kv(w, "date", row->field[COOP_REPLY_DATE], 0) == -1 ||
	    json_kv(w, "classification",
	    row->field[COOP_REPLY_CLASSIFICATION], 1) == -1 ||
	    w_printf(w, ",\"confidential\":%s", strcmp(
	    row->field[COOP_REPLY_CONFIDENTIAL], "true") == 0 ?
	    "true" : "false") == -1 ||
	    json_kv(w, "summary", row->field[COOP_REPLY_SUMMARY], 1) == -1 ||
	    w_puts(w, "}") == -1 ? -1 : 0;
}

int
page_data_communications_json(struct req *r)
{
	struct out	 o;
	enum db_err	 e;
	int		 rc, stopped;

	if ((rc = begin(r, COOP_EX_COMMUNICATIONS,
	    "application/json; charset=utf-8",
	    "communications.json")) != 1)
		return rc;
	memset(&o, 0, sizeof(o));
	o.r = r;
	if (w_puts(&r->out, "{\"licence\":") == -1 ||
	    json_string(&r->out, DATA_LICENCE) == -1 ||
	    w_puts(&r->out, ",\"communications\":[") == -1)
		return 0;
	if ((e = coop_export(COOP_EX_COMMUNICATIONS, json_row, &o,
	    &stopped)) != DB_OK ||
	    stopped) {
		/* Cut short: leave it malformed rather than seemingly whole. */
		r->out.failed = 1;
		return 0;
	}
	if (w_puts(&r->out, o.nletters > 0 ? "]}\n]}\n" : "]}\n") == -1)
		r->out.failed = 1;
	return 0;
}
