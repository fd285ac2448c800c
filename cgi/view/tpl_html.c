/*
 * What the engine needs to know about HTML5: void elements, attributes
 * that hold URLs, and the elements and attributes it refuses.
 *
 * Refusals are security decisions made at load: content that HTML does
 * not parse as text (script, style) cannot be escaped into safety, and
 * event handler or style attributes filled from data would be script.
 * Under the portal's strict Content-Security-Policy inline script, inline
 * style and handlers would not run anyway, so templates may not have them
 * even as static text: a template that needs them is a template bug.
 */
#include <string.h>
#include <strings.h>

#include "view/tpl_impl.h"

/* HTML5 section 13.1.2: written as <br>, never with an end tag. */
static const char *const void_elements[] = {
	"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
	"meta", "source", "track", "wbr",
};

/* Attributes whose URL the user follows (href only on <a> and <area>). */
static const char *const link_attrs[] = {
	"action", "cite", "formaction", "longdesc",
};

/*
 * Attributes whose URL the browser loads by itself (and href on any
 * element but <a> and <area>: <link>, SVG's <use> and <image>). Data may
 * make these point only to our own origin: an image from another host
 * would tell that host who reads the page, and when.
 */
static const char *const load_attrs[] = {
	"archive", "background", "classid", "codebase", "data", "dynsrc",
	"icon", "lowsrc", "manifest", "poster", "profile", "src", "usemap",
	"xlink:href",
};

/*
 * Attributes that data may not fill whatever the value: they hold script
 * or style, several URLs (which the URL rule cannot vet), a whole
 * document, or change how a page is processed.
 */
static const struct {
	const char	*name;
	const char	*why;
} data_refused[] = {
	{ "style", "style attributes cannot be filled from data" },
	{ "srcdoc", "srcdoc holds a document and cannot be filled from data" },
	{ "srcset", "srcset holds several URLs and cannot be filled from data" },
	{ "imagesrcset", "imagesrcset cannot be filled from data" },
	{ "ping", "ping holds several URLs and cannot be filled from data" },
	{ "http-equiv", "http-equiv cannot be filled from data" },
	{ "is", "is cannot be filled from data" },
	{ "slot", "slot cannot be filled from data" },
};

/*
 * Elements whose attributes data may not fill at all: they load code or
 * change where every relative URL of the page points, and an http(s) URL
 * from data is acceptable for a link, not for those.
 */
static const char *const data_refused_elements[] = {
	"applet", "base", "embed", "object", "script",
};

/* Elements whose content HTML does not parse as escaped text. */
static const struct {
	const char	*name;
	const char	*why;
} elements_refused[] = {
	{ "style", "<style> is not allowed: inline style breaks the CSP; "
	    "use a stylesheet" },
	{ "plaintext", "<plaintext> is not allowed" },
	{ "xmp", "<xmp> is not allowed" },
	{ "noembed", "<noembed> is not allowed" },
	{ "noframes", "<noframes> is not allowed" },
};

static int
in(const char *s, const char *const *set, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcasecmp(s, set[i]) == 0)
			return 1;
	return 0;
}

int
tpl_html_void(const char *element)
{
	return in(element, void_elements,
	    sizeof(void_elements) / sizeof(void_elements[0]));
}

enum tpl_url
tpl_html_url_attr(const char *element, const char *attr)
{
	if (strcasecmp(attr, "href") == 0)
		return strcasecmp(element, "a") == 0 ||
		    strcasecmp(element, "area") == 0 ? TPL_URL_LINK :
		    TPL_URL_LOAD;
	if (in(attr, link_attrs, sizeof(link_attrs) / sizeof(link_attrs[0])))
		return TPL_URL_LINK;
	if (in(attr, load_attrs, sizeof(load_attrs) / sizeof(load_attrs[0])))
		return TPL_URL_LOAD;
	return TPL_URL_NONE;
}

static int
is_handler(const char *attr)
{
	return strncasecmp(attr, "on", 2) == 0;
}

/* Why a static attribute is refused, or NULL. */
const char *
tpl_html_static_attr_refused(const char *attr)
{
	if (is_handler(attr))
		return "event handler attributes are not allowed (CSP): "
		    "use a script file";
	if (strcasecmp(attr, "style") == 0)
		return "style attributes are not allowed (CSP): use a class";
	return NULL;
}

/* Why an attribute filled from data is refused, or NULL. */
const char *
tpl_html_data_attr_refused(const char *element, const char *attr,
    int has_http_equiv)
{
	size_t	 i;

	if (is_handler(attr))
		return "event handler attributes cannot be filled from data";
	if (strncasecmp(attr, "xmlns", 5) == 0)
		return "xmlns cannot be filled from data";
	for (i = 0; i < sizeof(data_refused) / sizeof(data_refused[0]); i++)
		if (strcasecmp(attr, data_refused[i].name) == 0)
			return data_refused[i].why;
	/* <meta http-equiv=refresh content="0;url=javascript:..."> */
	if (strcasecmp(element, "meta") == 0 &&
	    strcasecmp(attr, "content") == 0 && has_http_equiv)
		return "content of a <meta http-equiv> cannot be filled "
		    "from data";
	for (i = 0; i < sizeof(data_refused_elements) /
	    sizeof(data_refused_elements[0]); i++)
		if (strcasecmp(element, data_refused_elements[i]) == 0)
			return "attributes of <script>, <base>, <object>, "
			    "<embed> and <applet> cannot be filled from data";
	return NULL;
}

/* Why an element is refused, or NULL. */
const char *
tpl_html_element_refused(const char *element)
{
	size_t	 i;

	for (i = 0; i < sizeof(elements_refused) /
	    sizeof(elements_refused[0]); i++)
		if (strcasecmp(element, elements_refused[i].name) == 0)
			return elements_refused[i].why;
	return NULL;
}

/*
 * Names of attributes that t:attr may create: letters, digits, '-', '_',
 * '.', ':' after a letter. XML already guarantees this for static ones.
 */
int
tpl_html_name_ok(const char *s)
{
	size_t	 i;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '-' || s[i] == '_' || s[i] == '.' || s[i] == ':'))
			return 0;
	return i <= 64;
}
