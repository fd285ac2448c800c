/*
 * The open data's XML (data/export_xml.c): the XSD made from the table
 * of kinds is a schema libxml2 accepts, a record written as the exports
 * write it validates against it, and no text can make the XML malformed.
 */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "check_main.h"
#include "core/arena.h"
#include "core/writer.h"
#include "data/export.h"
#include "data/export_xml.h"

static struct arena	*a;

/* The invalid document is meant to be: no report on stderr. */
static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void
setup(void)
{
	a = arena_new(1 << 20);
	ck_assert_ptr_nonnull(a);
}

static void
teardown(void)
{
	arena_free(a);
}

/* The XSD as a parsed schema. */
static xmlSchemaPtr
schema(void)
{
	xmlSchemaParserCtxtPtr	 pc;
	xmlSchemaPtr		 s;
	struct writer		 w;
	struct buf		 b;

	buf_init(&b, a, 1 << 20);
	buf_writer(&b, &w);
	ck_assert_int_eq(export_xsd(&w), 0);
	pc = xmlSchemaNewMemParserCtxt(b.data, (int)b.len);
	ck_assert_ptr_nonnull(pc);
	s = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	return s;
}

/* Validate doc (NUL-terminated) against the XSD: 0 when valid. */
static int
validate(const char *doc)
{
	xmlSchemaValidCtxtPtr	 vc;
	xmlSchemaPtr		 s = schema();
	xmlDocPtr		 d;
	int			 rc;

	ck_assert_ptr_nonnull(s);
	d = xmlReadMemory(doc, (int)strlen(doc), NULL, NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(d);
	vc = xmlSchemaNewValidCtxt(s);
	xmlSchemaSetValidErrors(vc, quiet, quiet, NULL);
	rc = xmlSchemaValidateDoc(vc, d);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(s);
	xmlFreeDoc(d);
	return rc;
}

/* A <replies> file with one reply whose summary is text. */
static const char *
replies_doc(const char *text)
{
	static const char *const vals[] = { "7", "3", "AL NOR 1/2023",
	    "2023-02-01", "steps_taken", "false", NULL };
	const struct export_def	*d = &export_defs[EX_REPLIES];
	xmlTextWriterPtr	 x;
	struct writer		 w;
	struct buf		 b;
	int			 i;

	buf_init(&b, a, 1 << 20);
	buf_writer(&b, &w);
	x = xml_open(&w);
	ck_assert_ptr_nonnull(x);
	ck_assert_int_ge(xmlTextWriterStartElement(x, BAD_CAST "replies"), 0);
	ck_assert_int_eq(xml_attribute(x, "licence", "CC BY 4.0"), 0);
	ck_assert_int_eq(xml_attribute(x, "licence-url", "https://x/"), 0);
	ck_assert_int_eq(xml_attribute(x, "sources", "<&\"'>"), 0);
	ck_assert_int_ge(xmlTextWriterStartElement(x, BAD_CAST "reply"), 0);
	for (i = 0; i < d->ncols; i++)
		ck_assert_int_eq(xml_element(x, d->cols[i].name,
		    vals[i] != NULL ? vals[i] : text), 0);
	ck_assert_int_eq(xml_close(x), 0);
	return b.data;
}

START_TEST(xsd_is_a_schema)
{
	xmlSchemaPtr	 s = schema();

	ck_assert_ptr_nonnull(s);
	xmlSchemaFree(s);
}
END_TEST

START_TEST(a_record_validates)
{
	ck_assert_int_eq(validate(replies_doc("The Government replied.")), 0);
}
END_TEST

START_TEST(a_wrong_type_does_not_validate)
{
	const char	*doc = replies_doc("ok");
	char		*bad = arena_strdup(a, doc), *p;

	ck_assert_ptr_nonnull(p = strstr(bad, "<id>7</id>"));
	memcpy(p, "<id>x</id>", 10);
	ck_assert_int_ne(validate(bad), 0);
}
END_TEST

START_TEST(markup_in_text_is_escaped)
{
	const char	*doc = replies_doc("<b>&amp;</b> ]]> \"q\"");

	ck_assert_ptr_null(strstr(doc, "<b>"));
	ck_assert_ptr_nonnull(strstr(doc, "&lt;b&gt;&amp;amp;&lt;/b&gt;"));
	ck_assert_int_eq(validate(doc), 0);
}
END_TEST

START_TEST(control_characters_become_replacement_characters)
{
	const char	*doc = replies_doc("a\x01" "b\x1f" "c\td\ne");

	ck_assert_ptr_nonnull(strstr(doc,
	    "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\td\ne"));
	ck_assert_int_eq(validate(doc), 0);
}
END_TEST

static Suite *
export_xml_suite(void)
{
	Suite	*s = suite_create("export_xml");
	TCase	*tc = tcase_create("export_xml");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, xsd_is_a_schema);
	tcase_add_test(tc, a_record_validates);
	tcase_add_test(tc, a_wrong_type_does_not_validate);
	tcase_add_test(tc, markup_in_text_is_escaped);
	tcase_add_test(tc, control_characters_become_replacement_characters);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(export_xml_suite)
