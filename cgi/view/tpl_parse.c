/*
 * Reading and parsing one template file with libxml2, at load only.
 *
 * Security: templates are trusted, but the parser is still run as if
 * they were not, so that no template mistake or planted file can make a
 * worker read another file or the network. The file is read by us,
 * bounded by TPL_MAX_FILE_BYTES; libxml2 parses the bytes with NONET,
 * without entity substitution or DTD loading, and with an external
 * entity loader that refuses everything; a DOCTYPE is allowed only as
 * the bare "<!DOCTYPE html>" (no public or system identifier, no internal
 * subset, hence no entity can be declared). Any error or warning of the
 * parser fails the load with its line.
 *
 * Caveats: the entity loader and the structured error handler of libxml2
 * are process-wide; they are swapped in for the parse and restored after,
 * so templates must be loaded before any thread starts (they are: once
 * per process, before the workers fork).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "view/tpl_impl.h"

struct first_error {
	int	 set;
	long	 line;
	char	 msg[256];
};

static void
capture(void *arg, xmlErrorPtr e)
{
	struct first_error	*fe = arg;
	size_t			 len;

	if (fe->set || e == NULL)
		return;
	fe->set = 1;
	fe->line = e->line;
	snprintf(fe->msg, sizeof(fe->msg), "%s",
	    e->message != NULL ? e->message : "XML error");
	len = strlen(fe->msg);
	while (len > 0 && (fe->msg[len - 1] == '\n' ||
	    fe->msg[len - 1] == ' '))
		fe->msg[--len] = '\0';
}

static xmlParserInputPtr
deny_entities(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/* The whole file in a malloc'd buffer; -1 with errno-ish message set. */
static int
read_file(const char *path, char **out, size_t *outlen, const char **why)
{
	struct stat	 st;
	char		*buf = NULL;
	size_t		 got = 0;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		*why = strerror(errno);
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		*why = "not a regular file";
		goto fail;
	}
	if (st.st_size > (off_t)TPL_MAX_FILE_BYTES) {
		*why = "larger than TPL_MAX_FILE_BYTES";
		goto fail;
	}
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL) {
		*why = "out of memory";
		goto fail;
	}
	while (got < (size_t)st.st_size) {
		n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			*why = n == 0 ? "file shrank while read" :
			    strerror(errno);
			goto fail;
		}
		got += (size_t)n;
	}
	close(fd);
	*out = buf;
	*outlen = got;
	return 0;
fail:
	free(buf);
	close(fd);
	return -1;
}

/* Only "<!DOCTYPE html>" (any case for html, as HTML5 allows). */
static const char *
doctype_refused(xmlDocPtr doc)
{
	xmlDtdPtr	 dtd = doc->intSubset;

	if (doc->extSubset != NULL)
		return "external DTD";
	if (dtd == NULL)
		return NULL;
	if (dtd->ExternalID != NULL || dtd->SystemID != NULL)
		return "DOCTYPE with a public or system identifier: "
		    "write <!DOCTYPE html> or nothing";
	if (dtd->children != NULL || dtd->entities != NULL ||
	    dtd->pentities != NULL)
		return "DOCTYPE with an internal subset (entity or other "
		    "declarations) is not allowed";
	if (dtd->name == NULL ||
	    xmlStrcasecmp(dtd->name, (const xmlChar *)"html") != 0)
		return "DOCTYPE must be <!DOCTYPE html>";
	return NULL;
}

int
tpl_parse(struct tpl_src *src, struct tpl_err *err)
{
	struct first_error		 fe = { 0 };
	xmlParserCtxtPtr		 ctxt = NULL;
	xmlExternalEntityLoader		 saved;
	xmlStructuredErrorFunc		 saved_func;
	void				*saved_ctx;
	xmlNodePtr			 n;
	const char			*why = NULL;
	char				*buf = NULL;
	size_t				 len;
	int				 rc = -1;

	if (read_file(src->file, &buf, &len, &why) == -1) {
		tpl_errf(err, src->file, 0, "%s", why);
		return -1;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		tpl_errf(err, src->file, 0, "out of memory");
		goto out;
	}
	saved = xmlGetExternalEntityLoader();
	saved_func = xmlStructuredError;
	saved_ctx = xmlStructuredErrorContext;
	xmlSetExternalEntityLoader(deny_entities);
	/* Every error and warning, with its line, reaches capture(). */
	xmlSetStructuredErrorFunc(&fe, capture);
	src->doc = xmlCtxtReadMemory(ctxt, buf, (int)len, src->file, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(saved_ctx, saved_func);
	xmlSetExternalEntityLoader(saved);
	if (fe.set || src->doc == NULL || !ctxt->wellFormed) {
		tpl_errf(err, src->file, fe.set ? fe.line : 0, "%s",
		    fe.set ? fe.msg : "not well-formed XML");
		goto out;
	}
	if ((why = doctype_refused(src->doc)) != NULL) {
		tpl_errf(err, src->file, 1, "%s", why);
		goto out;
	}
	for (n = src->doc->children; n != NULL; n = n->next)
		if (n->type == XML_PI_NODE) {
			tpl_errf(err, src->file, xmlGetLineNo(n),
			    "processing instructions are not allowed");
			goto out;
		}
	if ((src->root = xmlDocGetRootElement(src->doc)) == NULL) {
		tpl_errf(err, src->file, 0, "no root element");
		goto out;
	}
	rc = 0;
out:
	if (rc == -1 && src->doc != NULL) {
		xmlFreeDoc(src->doc);
		src->doc = NULL;
		src->root = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	free(buf);
	return rc;
}

/*
 * The value of an attribute of the DOM: NUL-terminated, owned by the
 * DOM. -1 if it is not plain text (an entity reference), which the
 * DOCTYPE rule makes impossible but the compiler does not assume.
 */
int
tpl_attr_value(xmlAttrPtr a, const char **out)
{
	if (a->children == NULL) {
		*out = "";
		return 0;
	}
	if (a->children->type != XML_TEXT_NODE || a->children->next != NULL)
		return -1;
	*out = (const char *)a->children->content;
	return 0;
}
