/*
 * xmlTextWriter into our writers, and the exports' XSD.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlsave.h>

#include "core/writer.h"
#include "data/export.h"
#include "data/export_xml.h"

#define XS	"xs"
#define XS_NS	"http://www.w3.org/2001/XMLSchema"

static int
out_write(void *ctx, const char *buf, int len)
{
	return len < 0 || w_write(ctx, buf, (size_t)len) == -1 ? -1 : len;
}

xmlTextWriterPtr
xml_open(struct writer *w)
{
	xmlOutputBufferPtr	 ob;
	xmlTextWriterPtr	 x;

	if ((ob = xmlOutputBufferCreateIO(out_write, NULL, w, NULL)) == NULL)
		return NULL;
	/* The writer owns the buffer from here, and frees it with itself. */
	if ((x = xmlNewTextWriter(ob)) == NULL) {
		(void)xmlOutputBufferClose(ob);
		return NULL;
	}
	if (xmlTextWriterStartDocument(x, "1.0", "UTF-8", NULL) < 0) {
		xmlFreeTextWriter(x);
		return NULL;
	}
	return x;
}

int
xml_close(xmlTextWriterPtr x)
{
	int	 rc = xmlTextWriterEndDocument(x) < 0 ||
	    xmlTextWriterFlush(x) < 0 ? -1 : 0;

	xmlFreeTextWriter(x);
	return rc;
}

/* Does s hold a character XML 1.0 cannot carry? */
static int
needs_cleaning(const char *s)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return 1;
	return 0;
}

/* A heap copy of s with each such character as U+FFFD, or NULL. */
static char *
cleaned(const char *s)
{
	size_t	 n = strlen(s), i, j;
	char	*c;

	if (n > (SIZE_MAX - 1) / 3 || (c = malloc(3 * n + 1)) == NULL)
		return NULL;
	for (i = 0, j = 0; i < n; i++) {
		unsigned char	 b = (unsigned char)s[i];

		if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
			memcpy(c + j, "\xef\xbf\xbd", 3);
			j += 3;
		} else
			c[j++] = s[i];
	}
	c[j] = '\0';
	return c;
}

static int
write_text(xmlTextWriterPtr x, const char *name, const char *text, int attr)
{
	char	*c = NULL;
	int	 rc;

	if (needs_cleaning(text) && (text = c = cleaned(text)) == NULL)
		return -1;
	rc = attr ? xmlTextWriterWriteAttribute(x, BAD_CAST name,
	    BAD_CAST text) : xmlTextWriterWriteElement(x, BAD_CAST name,
	    BAD_CAST text);
	free(c);
	return rc < 0 ? -1 : 0;
}

int
xml_element(xmlTextWriterPtr x, const char *name, const char *text)
{
	return write_text(x, name, text, 0);
}

int
xml_attribute(xmlTextWriterPtr x, const char *name, const char *text)
{
	return write_text(x, name, text, 1);
}

/* <xs:NAME name="..."> */
static int
xs_start(xmlTextWriterPtr x, const char *el, const char *name)
{
	return xmlTextWriterStartElementNS(x, BAD_CAST XS, BAD_CAST el,
	    NULL) < 0 || (name != NULL && xml_attribute(x, "name",
	    name) == -1) ? -1 : 0;
}

static int
xs_end(xmlTextWriterPtr x)
{
	return xmlTextWriterEndElement(x) < 0 ? -1 : 0;
}

/* <xs:element name= type= minOccurs= maxOccurs=/> */
static int
xs_leaf(xmlTextWriterPtr x, const char *name, const char *type, int optional,
    int many)
{
	return xs_start(x, "element", name) == -1 ||
	    xml_attribute(x, "type", type) == -1 ||
	    (optional && xml_attribute(x, "minOccurs", "0") == -1) ||
	    (many && xml_attribute(x, "maxOccurs", "unbounded") == -1) ||
	    xs_end(x) == -1 ? -1 : 0;
}

static int
xs_column(xmlTextWriterPtr x, const struct export_col *c)
{
	static const char *const types[] = { [EXT_TEXT] = "xs:string",
	    [EXT_INT] = "xs:long", [EXT_BOOL] = "xs:boolean",
	    [EXT_DATE] = "xs:date" };

	if (c->type != EXT_LIST)
		return xs_leaf(x, c->name, types[c->type], c->optional, 0);
	return xs_start(x, "element", c->name) == -1 ||
	    xs_start(x, "complexType", NULL) == -1 ||
	    xs_start(x, "sequence", NULL) == -1 ||
	    xs_leaf(x, c->item, "xs:string", 1, 1) == -1 ||
	    xs_end(x) == -1 || xs_end(x) == -1 || xs_end(x) == -1 ? -1 : 0;
}

/* One record: an element with a child per column, in order. */
static int
xs_record(xmlTextWriterPtr x, const struct export_def *d)
{
	int	 i;

	if (xs_start(x, "element", d->item) == -1 ||
	    xml_attribute(x, "minOccurs", "0") == -1 ||
	    xml_attribute(x, "maxOccurs", "unbounded") == -1 ||
	    xs_start(x, "complexType", NULL) == -1 ||
	    xs_start(x, "sequence", NULL) == -1)
		return -1;
	for (i = 0; i < d->ncols; i++)
		if (xs_column(x, &d->cols[i]) == -1)
			return -1;
	return xs_end(x) == -1 || xs_end(x) == -1 || xs_end(x) == -1 ? -1 : 0;
}

static int
xs_attr(xmlTextWriterPtr x, const char *name, const char *type)
{
	return xs_start(x, "attribute", name) == -1 ||
	    xml_attribute(x, "type", type) == -1 ||
	    xml_attribute(x, "use", "required") == -1 ||
	    xs_end(x) == -1 ? -1 : 0;
}

/* The root of one kind's file, its records' key unique. */
static int
xs_kind(xmlTextWriterPtr x, const struct export_def *d)
{
	char	 key[64];

	(void)snprintf(key, sizeof(key), "%s-key", d->name);
	if (xs_start(x, "element", d->name) == -1 ||
	    xs_start(x, "complexType", NULL) == -1 ||
	    xs_start(x, "sequence", NULL) == -1 || xs_record(x, d) == -1 ||
	    xs_end(x) == -1 || xs_attr(x, "licence", "xs:string") == -1 ||
	    xs_attr(x, "licence-url", "xs:anyURI") == -1 ||
	    xs_attr(x, "sources", "xs:string") == -1 || xs_end(x) == -1)
		return -1;
	return xs_start(x, "unique", key) == -1 ||
	    xs_start(x, "selector", NULL) == -1 ||
	    xml_attribute(x, "xpath", d->item) == -1 || xs_end(x) == -1 ||
	    xs_start(x, "field", NULL) == -1 ||
	    xml_attribute(x, "xpath", d->cols[0].name) == -1 ||
	    xs_end(x) == -1 || xs_end(x) == -1 || xs_end(x) == -1 ? -1 : 0;
}

int
export_xsd(struct writer *w)
{
	xmlTextWriterPtr	 x;
	int			 k, rc = 0;

	if ((x = xml_open(w)) == NULL)
		return -1;
	(void)xmlTextWriterSetIndent(x, 1);
	if (xmlTextWriterWriteComment(x, BAD_CAST " The open data of the "
	    "portal (README, \"Open data\"): one root element per file of "
	    "/data/NAME.xml. Made by the portal from its table of exports. ")
	    < 0 || xmlTextWriterStartElementNS(x, BAD_CAST XS,
	    BAD_CAST "schema", BAD_CAST XS_NS) < 0 ||
	    xml_attribute(x, "elementFormDefault", "unqualified") == -1)
		rc = -1;
	for (k = 0; rc == 0 && k < EX__MAX; k++)
		rc = xs_kind(x, &export_defs[k]);
	if (xml_close(x) == -1)
		rc = -1;
	return rc;
}
