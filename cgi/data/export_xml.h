/*
 * XML output for the open data and the feeds, written with libxml2's
 * xmlTextWriter (it escapes every text and attribute value) into one of
 * our writers, through a small output buffer: memory does not grow with
 * the document. Also the XSD of the exports, made from the table of
 * kinds in data/export.h, so that the schema cannot drift from the data.
 */
#ifndef PORTAL_DATA_EXPORT_XML_H
#define PORTAL_DATA_EXPORT_XML_H

#include <libxml/xmlwriter.h>

struct writer;

/* A text writer into w (no indentation), or NULL if out of memory. */
xmlTextWriterPtr	xml_open(struct writer *w);
/* End every open element, flush and free. 0, or -1 if anything failed. */
int			xml_close(xmlTextWriterPtr);
/*
 * Write an element with text content, or an attribute. Characters that
 * XML 1.0 cannot hold (C0 controls other than tab, LF and CR) become
 * U+FFFD. 0 or -1.
 */
int	xml_element(xmlTextWriterPtr, const char *name, const char *text);
int	xml_attribute(xmlTextWriterPtr, const char *name, const char *text);
/* The XSD of every export's XML into w (data/export.h). 0 or -1. */
int	export_xsd(struct writer *w);

#endif /* PORTAL_DATA_EXPORT_XML_H */
