/*
 * Open data (README, "Open data"): GET /data/{kind}.{csv,json,xml} for
 * the seven kinds of data/export.h, and /data/portal.xsd, the schema of
 * the XML.
 *
 * Streamed in constant memory: the data layer fetches a chunk of rows at
 * a time by key and hands over one row at a time, which is written at
 * once (the XML through libxml2's xmlTextWriter and a small buffer).
 * Nothing confidential: see data/export.h.
 *
 * The CSV of communications, visits and recommendations has exactly the
 * columns of `portal import` (data/coop.c), so that an export imports
 * again: one row per reply (per published update), the natural keys as
 * ids. Every other file has one record per row of its kind, the first
 * field its stable id. Texts are written as they are: no prefix against
 * spreadsheet formulas, since one would change the data and the round
 * trip (README).
 *
 * Validators from the data (data/export.c): If-None-Match (or
 * If-Modified-Since, where the kind has a Last-Modified) gives 304.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/writer.h"
#include "data/coop.h"
#include "data/export.h"
#include "data/export_xml.h"
#include "http/request.h"
#include "http/response.h"
#include "pages/pages.h"

#define DATA_LICENCE	"Creative Commons Attribution 4.0 International " \
	"(CC BY 4.0)"
#define DATA_LICENCE_URL "https://creativecommons.org/licenses/by/4.0/"
#define DATA_SCHEMA	"README.md, \"Open data\"; the XML: /data/portal.xsd"
#define DATA_LICENCE_LINK "<" DATA_LICENCE_URL ">; rel=\"license\""
/* A quoted field: at most 2 * len + 2 bytes (csv.h); texts <= 20,000. */
#define DATA_FIELD_MAX	(2u * 20000u + 64u)
#define XSD_MAX		(256u * 1024u)

enum fmt { FMT_CSV, FMT_JSON, FMT_XML, FMT__MAX };

static const char *const fmt_ext[FMT__MAX] = { "csv", "json", "xml" };
static const char *const fmt_type[FMT__MAX] = {
	"text/csv; charset=utf-8; header=present",
	"application/json; charset=utf-8", "application/xml; charset=utf-8" };

/* Where each kind's data comes from, and their own terms (README). */
static const char *const sources[EX__MAX] = {
	[EX_STATES] = "Codes, M49 regions and UNTERM names: UN Statistics "
	    "Division and UNTERM via datasets/country-codes (ODC PDDL 1.0); "
	    "UN regional groups: UN DGACM via openclimatedata/countrygroups "
	    "(CC0 1.0); standing invitations: compiled by the portal.",
	[EX_MANDATES] = "Compiled by the portal from OHCHR's lists of "
	    "thematic and country mandates and Human Rights Council "
	    "resolutions; names other than English are the portal's "
	    "translations (sql/reference/SOURCES.md).",
	[EX_COMMUNICATIONS] = "Compiled by the portal's secretariat.",
	[EX_REPLIES] = "Compiled by the portal's secretariat. The text of a "
	    "reply the State asked to keep confidential is never published.",
	[EX_VISITS] = "Compiled by the portal's secretariat.",
	[EX_RECOMMENDATIONS] = "Compiled by the portal's secretariat.",
	[EX_UPDATES] = "Compiled by the portal's secretariat; published "
	    "updates only.",
};

struct out {
	struct req		*r;
	enum export_kind	 k;
	char			*field;		/* CSV: DATA_FIELD_MAX bytes */
	enum coop_export	 ck;		/* CSV: the importer's, or __MAX */
	xmlTextWriterPtr	 x;		/* XML */
	long long		 n;		/* JSON: records written */
};

/*
 * The headers of an export; 1 when the body should follow, 0 when the
 * response is complete (304, HEAD), or an HTTP status.
 */
static int
begin(struct req *r, enum export_kind k, enum fmt f)
{
	struct export_version	 ver;
	const char		*disp;
	enum db_err		 e;
	int			 rc;

	if ((e = export_version(k, &ver)) != DB_OK)
		return db_http_status(e);
	if ((disp = arena_printf(r->arena, "attachment; filename=\"%s.%s\"",
	    export_defs[k].name, fmt_ext[f])) == NULL)
		return 500;
	r->resp.csp = CSP_DOWNLOAD;
	if (resp_header(r, "Link", DATA_LICENCE_LINK) == -1 ||
	    (rc = resp_validators(r, ver.etag, ver.last_modified)) == -1)
		return 500;
	if (rc == 1) {
		(void)resp_not_modified(r);
		return 0;
	}
	if (resp_header(r, "Content-Disposition", disp) == -1)
		return 500;
	if (resp_begin(r, 200, fmt_type[f]) == -1 || r->resp.head_only)
		return 0;
	return 1;
}

/* ---- CSV --------------------------------------------------------------- */

static int
csv_field(struct out *o, const char *s)
{
	size_t	 n = csv_quote(s, strlen(s), o->field, DATA_FIELD_MAX);

	if (n > DATA_FIELD_MAX)
		return -1;
	return w_write(&o->r->out, o->field, n);
}

static int
csv_fields(struct out *o, const char *const *f, int n)
{
	int	 c;

	for (c = 0; c < n; c++)
		if ((c > 0 && w_write(&o->r->out, ",", 1) == -1) ||
		    csv_field(o, f[c]) == -1)
			return -1;
	return w_write(&o->r->out, "\r\n", 2);
}

static int
csv_row(const struct export_row *row, void *arg)
{
	struct out	*o = arg;

	return csv_fields(o, row->field, export_defs[o->k].ncols);
}

/* The importer's format, from data/coop.c. */
static int
csv_coop_row(const struct coop_row *row, void *arg)
{
	struct out	*o = arg;

	return csv_fields(o, row->field, coop_export_ncsv[o->ck]);
}

/* The kinds whose CSV is the importer's (README, "Importing data"). */
static enum coop_export
coop_kind(enum export_kind k)
{
	switch (k) {
	case EX_COMMUNICATIONS:
		return COOP_EX_COMMUNICATIONS;
	case EX_VISITS:
		return COOP_EX_VISITS;
	case EX_RECOMMENDATIONS:
		return COOP_EX_RECOMMENDATIONS;
	default:
		return COOP_EX__MAX;
	}
}

static int
csv_body(struct out *o)
{
	const char		*names[EXPORT_COLS_MAX] = { NULL };
	const char *const	*cols = names;
	enum db_err		 e;
	int			 c, n, stopped;

	if ((o->ck = coop_kind(o->k)) != COOP_EX__MAX) {
		cols = coop_export_cols[o->ck];
		n = coop_export_ncsv[o->ck];
	} else {
		n = export_defs[o->k].ncols;
		for (c = 0; c < n; c++)
			names[c] = export_defs[o->k].cols[c].name;
	}
	if (csv_fields(o, cols, n) == -1)
		return -1;
	e = o->ck != COOP_EX__MAX ? coop_export(o->ck, csv_coop_row, o,
	    &stopped) : export_rows(o->k, csv_row, o, &stopped);
	return e != DB_OK || stopped ? -1 : 0;
}

/* ---- JSON -------------------------------------------------------------- */

/* Call fn on each item of a ';'-separated list ("" has none). */
static int
list_each(const char *s, int (*fn)(const char *, void *), void *arg)
{
	const char	*semi;
	char		 item[256];
	size_t		 n;

	for (; *s != '\0'; s = *semi == '\0' ? semi : semi + 1) {
		if ((semi = strchr(s, ';')) == NULL)
			semi = s + strlen(s);
		if ((n = (size_t)(semi - s)) >= sizeof(item))
			return -1;
		memcpy(item, s, n);
		item[n] = '\0';
		if (fn(item, arg) == -1)
			return -1;
	}
	return 0;
}

struct json_items {
	struct writer	*w;
	int		 n;
};

static int
json_item(const char *item, void *arg)
{
	struct json_items	*j = arg;

	if (j->n++ > 0 && w_write(j->w, ",", 1) == -1)
		return -1;
	return json_string(j->w, item);
}

static int
json_list(struct writer *w, const char *s)
{
	struct json_items	 j = { w, 0 };

	return w_write(w, "[", 1) == -1 || list_each(s, json_item, &j) == -1 ?
	    -1 : w_write(w, "]", 1);
}

static int
json_value(struct writer *w, const struct export_col *c, const char *v)
{
	if (c->optional && *v == '\0')
		return w_puts(w, "null");
	switch (c->type) {
	case EXT_INT:
		return w_puts(w, *v == '\0' ? "null" : v);
	case EXT_BOOL:
		return w_puts(w, strcmp(v, "true") == 0 ? "true" : "false");
	case EXT_LIST:
		return json_list(w, v);
	default:
		return json_string(w, v);
	}
}

static int
json_row(const struct export_row *row, void *arg)
{
	struct out		*o = arg;
	struct writer		*w = &o->r->out;
	const struct export_def	*d = &export_defs[o->k];
	int			 c;

	if (w_puts(w, o->n++ > 0 ? ",\n{" : "\n{") == -1)
		return -1;
	for (c = 0; c < d->ncols; c++)
		if ((c > 0 && w_write(w, ",", 1) == -1) ||
		    json_string(w, d->cols[c].name) == -1 ||
		    w_write(w, ":", 1) == -1 ||
		    json_value(w, &d->cols[c], row->field[c]) == -1)
			return -1;
	return w_write(w, "}", 1);
}

static int
json_body(struct out *o)
{
	struct writer	*w = &o->r->out;
	enum db_err	 e;
	int		 stopped;

	if (w_puts(w, "{\"licence\":") == -1 ||
	    json_string(w, DATA_LICENCE) == -1 ||
	    w_puts(w, ",\"licence_url\":") == -1 ||
	    json_string(w, DATA_LICENCE_URL) == -1 ||
	    w_puts(w, ",\"sources\":") == -1 ||
	    json_string(w, sources[o->k]) == -1 ||
	    w_puts(w, ",\"schema\":") == -1 ||
	    json_string(w, DATA_SCHEMA) == -1 || w_write(w, ",", 1) == -1 ||
	    json_string(w, export_defs[o->k].name) == -1 ||
	    w_puts(w, ":[") == -1)
		return -1;
	/* Cut short: left malformed rather than seemingly whole. */
	if ((e = export_rows(o->k, json_row, o, &stopped)) != DB_OK || stopped)
		return -1;
	return w_puts(w, "\n]}\n");
}

/* ---- XML --------------------------------------------------------------- */

struct xml_items {
	xmlTextWriterPtr	 x;
	const char		*name;
};

static int
xml_item(const char *item, void *arg)
{
	struct xml_items	*xi = arg;

	return xml_element(xi->x, xi->name, item);
}

static int
xml_list(xmlTextWriterPtr x, const struct export_col *c, const char *s)
{
	struct xml_items	 xi = { x, c->item };

	return xmlTextWriterStartElement(x, BAD_CAST c->name) < 0 ||
	    list_each(s, xml_item, &xi) == -1 ||
	    xmlTextWriterEndElement(x) < 0 ? -1 : 0;
}

static int
xml_row(const struct export_row *row, void *arg)
{
	struct out		*o = arg;
	const struct export_def	*d = &export_defs[o->k];
	const struct export_col	*c;
	int			 i;

	if (xmlTextWriterStartElement(o->x, BAD_CAST d->item) < 0)
		return -1;
	for (i = 0; i < d->ncols; i++) {
		c = &d->cols[i];
		if (c->optional && *row->field[i] == '\0')
			continue;
		if ((c->type == EXT_LIST ? xml_list(o->x, c, row->field[i]) :
		    xml_element(o->x, c->name, row->field[i])) == -1)
			return -1;
	}
	return xmlTextWriterEndElement(o->x) < 0 ? -1 : 0;
}

static int
xml_body(struct out *o)
{
	enum db_err	 e;
	int		 stopped, rc = 0;

	if ((o->x = xml_open(&o->r->out)) == NULL)
		return -1;
	if (xmlTextWriterStartElement(o->x,
	    BAD_CAST export_defs[o->k].name) < 0 ||
	    xml_attribute(o->x, "licence", DATA_LICENCE) == -1 ||
	    xml_attribute(o->x, "licence-url", DATA_LICENCE_URL) == -1 ||
	    xml_attribute(o->x, "sources", sources[o->k]) == -1)
		rc = -1;
	if (rc == 0 && ((e = export_rows(o->k, xml_row, o, &stopped)) !=
	    DB_OK || stopped))
		rc = -1;
	/* Cut short: no closing tags, so that it does not parse as whole. */
	if (rc == -1) {
		xmlFreeTextWriter(o->x);
		return -1;
	}
	return xml_close(o->x);
}

/* ---- the handlers ------------------------------------------------------ */

/* "communications.json" into its kind and format; -1 if none. */
static int
parse_name(const char *name, enum export_kind *k, enum fmt *f)
{
	const char	*dot = strrchr(name, '.');
	char		 base[32];
	int		 i;

	if (dot == NULL || (size_t)(dot - name) >= sizeof(base))
		return -1;
	memcpy(base, name, (size_t)(dot - name));
	base[dot - name] = '\0';
	for (i = 0; i < FMT__MAX; i++)
		if (strcmp(dot + 1, fmt_ext[i]) == 0)
			break;
	if (i == FMT__MAX || export_kind_parse(base, k) == -1)
		return -1;
	*f = (enum fmt)i;
	return 0;
}

/* The XSD, made from the table of kinds; its tag is its digest. */
static int
page_xsd(struct req *r)
{
	struct writer	 w;
	struct buf	 b;

	buf_init(&b, r->arena, XSD_MAX);
	buf_writer(&b, &w);
	if (export_xsd(&w) == -1)
		return 500;
	r->resp.csp = CSP_DOWNLOAD;
	(void)resp_send_tagged(r, "application/xml; charset=utf-8", NULL,
	    b.data, b.len);
	return 0;
}

int
page_data(struct req *r)
{
	struct out	 o;
	enum fmt	 f;
	int		 rc;

	if (strcmp(r->params[0], "portal.xsd") == 0)
		return page_xsd(r);
	memset(&o, 0, sizeof(o));
	o.r = r;
	if (parse_name(r->params[0], &o.k, &f) == -1)
		return 404;
	if ((rc = begin(r, o.k, f)) != 1)
		return rc;
	if (f == FMT_CSV &&
	    (o.field = arena_alloc(r->arena, DATA_FIELD_MAX)) == NULL)
		rc = -1;
	else
		rc = f == FMT_CSV ? csv_body(&o) : f == FMT_JSON ?
		    json_body(&o) : xml_body(&o);
	/* Once the body has begun, a failure can only cut it short. */
	if (rc == -1)
		r->out.failed = 1;
	return 0;
}
