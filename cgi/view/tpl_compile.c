/*
 * The template compiler: a checked DOM (with its layout and includes) to
 * the program of one language. This file owns the template language:
 *
 *	t:text="path"		the element's content is the value, escaped
 *	t:attr="name path; ..."	attributes from values (URL ones checked;
 *				true: bare attribute; false/missing: none)
 *	t:if="path"		keep the element only if the value is true
 *	t:unless="path"		keep it only if the value is false
 *	t:each="item path"	repeat the element for each item of a list
 *	t:omit="" | "path"	write the children without the tag (if true)
 *	t:include="name"	this element is replaced by template name
 *	t:layout="name"		(page root) render layout name, filling slots
 *	t:slot="name"		(layout) an element a page may replace
 *	t:fill="name"		(page root's children) the element for a slot
 *	t:i18n=""		the element's text is a message, translated
 *	t:i18n-attr="a b"	these static attributes are messages too
 *
 * On one element they apply in this order: t:each, then t:if and
 * t:unless (so they may test the item), then the tag (t:omit) with its
 * attributes, then the content (t:text, t:i18n, t:include or children).
 * A value is true if it is a true boolean, a non-empty string or list, a
 * non-zero integer or a map; a missing value is false and writes nothing.
 *
 * Security decisions enforced here, at load, rather than at render:
 * data can reach only TEXT and ATTR ops, and both go through tpl_escape;
 * t:attr refuses event handler, style and other attributes that data
 * must not fill (tpl_html.c) and marks URL attributes for tpl_url_ok
 * (links) or tpl_url_local_ok (what the browser loads by itself);
 * <script> must be empty and <style> is refused, since their content is
 * not parsed as escaped text; templates can only name templates of the
 * same directory. Recursion (elements, includes, layouts) is bounded by
 * TPL_MAX_DEPTH and include cycles are refused.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/writer.h"
#include "view/i18n.h"
#include "view/tpl.h"
#include "view/tpl_impl.h"

#define XHTML_NS	"http://www.w3.org/1999/xhtml"
#define SVG_NS		"http://www.w3.org/2000/svg"
#define MATHML_NS	"http://www.w3.org/1998/Math/MathML"

enum dir {
	D_TEXT,
	D_ATTR,
	D_IF,
	D_UNLESS,
	D_EACH,
	D_OMIT,
	D_INCLUDE,
	D_LAYOUT,
	D_SLOT,
	D_FILL,
	D_I18N,
	D_I18N_ATTR,
	D__MAX
};

static const char *const dir_name[D__MAX] = {
	[D_TEXT] = "text",
	[D_ATTR] = "attr",
	[D_IF] = "if",
	[D_UNLESS] = "unless",
	[D_EACH] = "each",
	[D_OMIT] = "omit",
	[D_INCLUDE] = "include",
	[D_LAYOUT] = "layout",
	[D_SLOT] = "slot",
	[D_FILL] = "fill",
	[D_I18N] = "i18n",
	[D_I18N_ATTR] = "i18n-attr",
};

#define MAX_DYN_ATTRS	32

/* One attribute of t:attr. */
struct dyn {
	char		 name[65];
	struct tpl_path	 path;
	enum tpl_url	 url;
};

/* The directives of one element. */
struct dirs {
	const char	*v[D__MAX];	/* NULL if absent */
	struct dyn	 dyn[MAX_DYN_ATTRS];
	size_t		 ndyn;
};

static int	compile_element(struct tpl_cc *, xmlNodePtr);

/* Errors */

static int
err(struct tpl_cc *cc, xmlNodePtr n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
err(struct tpl_cc *cc, xmlNodePtr n, const char *fmt, ...)
{
	char	 msg[512];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	tpl_errf(cc->err, cc->src->file, n != NULL ? xmlGetLineNo(n) : 0,
	    "%s", msg);
	return -1;
}

static int
oom(struct tpl_cc *cc, xmlNodePtr n)
{
	if (cc->toobig)
		return err(cc, n, "compiled template larger than "
		    "TPL_MAX_PROG_BYTES (includes repeated too often?)");
	return err(cc, n, "out of memory");
}

/* Emitting ops and pool bytes */

static int
pool_write(void *arg, const void *p, size_t len)
{
	struct tpl_cc	*cc = arg;
	struct tpl_prog	*prog = cc->p;
	size_t		 ncap;
	char		*n;

	if (len > TPL_MAX_PROG_BYTES - prog->poollen) {
		cc->toobig = 1;
		return -1;
	}
	if (prog->poollen + len > cc->poolcap) {
		ncap = cc->poolcap ? cc->poolcap : 4096;
		while (ncap < prog->poollen + len)
			ncap *= 2;
		if ((n = realloc(prog->pool, ncap)) == NULL)
			return -1;
		prog->pool = n;
		cc->poolcap = ncap;
	}
	memcpy(prog->pool + prog->poollen, p, len);
	prog->poollen += len;
	return 0;
}

static struct tpl_op *
op_push(struct tpl_cc *cc, enum tpl_opcode code)
{
	struct tpl_prog	*p = cc->p;
	struct tpl_op	*n;
	size_t		 ncap;

	if (p->nops == cc->opcap) {
		ncap = cc->opcap ? cc->opcap * 2 : 64;
		if (ncap * sizeof(*n) > TPL_MAX_PROG_BYTES) {
			cc->toobig = 1;
			return NULL;
		}
		if ((n = realloc(p->ops, ncap * sizeof(*n))) == NULL)
			return NULL;
		p->ops = n;
		cc->opcap = ncap;
	}
	n = &p->ops[p->nops++];
	memset(n, 0, sizeof(*n));
	n->code = (uint8_t)code;
	cc->open_static = 0;
	return n;
}

/* Bytes for an op to refer to (not output by themselves). */
int
tpl_cc_pool_add(struct tpl_cc *cc, const char *s, size_t len, uint32_t *off)
{
	cc->open_static = 0;
	*off = (uint32_t)cc->p->poollen;
	return w_write(cc->pw, s, len);
}

/* A jump target: the next op. Static bytes must not merge across it. */
static uint32_t
label(struct tpl_cc *cc)
{
	cc->open_static = 0;
	return (uint32_t)cc->p->nops;
}

/* Output bytes: markup made here (raw) or text (through tpl_escape). */
static int
emit(struct tpl_cc *cc, const char *s, size_t len, int escape)
{
	struct tpl_op	*op;
	int		 rc;

	if (len == 0)
		return 0;
	if (!cc->open_static) {
		if ((op = op_push(cc, TPL_OP_STATIC)) == NULL)
			return -1;
		op->off = (uint32_t)cc->p->poollen;
		cc->open_static = 1;
	}
	op = &cc->p->ops[cc->p->nops - 1];
	rc = escape ? tpl_escape(cc->pw, s, len) : w_write(cc->pw, s, len);
	op->len = (uint32_t)(cc->p->poollen - op->off);
	return rc;
}

static int
raw(struct tpl_cc *cc, const char *s)
{
	return emit(cc, s, strlen(s), 0);
}

static int
text(struct tpl_cc *cc, const char *s)
{
	return emit(cc, s, strlen(s), 1);
}

static int
op_path(struct tpl_cc *cc, enum tpl_opcode code, const struct tpl_path *p,
    uint32_t *at)
{
	struct tpl_op	*op;

	if ((op = op_push(cc, code)) == NULL)
		return -1;
	op->path = *p;
	if (at != NULL)
		*at = (uint32_t)(cc->p->nops - 1);
	return 0;
}

static void
patch(struct tpl_cc *cc, uint32_t at, uint32_t target)
{
	cc->p->ops[at].jump = target;
}

/* Reading directives */

static int
is_ns(xmlNsPtr ns, const char *href)
{
	return ns != NULL && strcmp((const char *)ns->href, href) == 0;
}

static const char *
name_of(xmlNodePtr n)
{
	return (const char *)n->name;
}

static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t' || **s == '\n')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' ||
	    (*s)[*len - 1] == '\n'))
		(*len)--;
}

static int
path(struct tpl_cc *cc, xmlNodePtr n, enum dir d, const char *s, size_t len,
    struct tpl_path *out)
{
	const char	*why = NULL;

	trim(&s, &len);
	if (tpl_path_parse(cc, s, len, out, &why) == -1)
		return err(cc, n, "t:%s=\"%.*s\": %s", dir_name[d], (int)len,
		    s, why);
	return 0;
}

static int
has_attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr	 a;

	for (a = n->properties; a != NULL; a = a->next)
		if (a->ns == NULL && strcasecmp(name_of((xmlNodePtr)a), name)
		    == 0)
			return 1;
	return 0;
}

/* t:attr="name path; name path" */
static int
parse_dyn(struct tpl_cc *cc, xmlNodePtr n, struct dirs *d)
{
	const char	*s = d->v[D_ATTR], *e, *sp, *why;
	struct dyn	*dy;
	size_t		 len, nlen, i;

	for (; *s != '\0'; s = *e ? e + 1 : e) {
		e = s + strcspn(s, ";");
		len = (size_t)(e - s);
		trim(&s, &len);
		if (len == 0)
			continue;
		if (d->ndyn == MAX_DYN_ATTRS)
			return err(cc, n, "t:attr: more than %d attributes",
			    MAX_DYN_ATTRS);
		dy = &d->dyn[d->ndyn];
		for (sp = s; sp < s + len && *sp != ' ' && *sp != '\t' &&
		    *sp != '\n'; sp++)
			continue;
		nlen = (size_t)(sp - s);
		if (sp == s + len || nlen >= sizeof(dy->name))
			return err(cc, n, "t:attr: \"%.*s\" is not "
			    "\"name path\"", (int)len, s);
		memcpy(dy->name, s, nlen);
		dy->name[nlen] = '\0';
		if (!tpl_html_name_ok(dy->name))
			return err(cc, n, "t:attr: bad attribute name \"%s\"",
			    dy->name);
		if ((why = tpl_html_data_attr_refused(name_of(n), dy->name,
		    has_attr(n, "http-equiv"))) != NULL)
			return err(cc, n, "t:attr %s: %s", dy->name, why);
		for (i = 0; i < d->ndyn; i++)
			if (strcasecmp(d->dyn[i].name, dy->name) == 0)
				return err(cc, n, "t:attr: %s given twice",
				    dy->name);
		if (path(cc, n, D_ATTR, sp, len - nlen, &dy->path) == -1)
			return -1;
		dy->url = tpl_html_url_attr(name_of(n), dy->name);
		if (dy->url != TPL_URL_NONE &&
		    dy->path.builtin != TPL_BUILTIN_NONE)
			return err(cc, n, "t:attr %s: @lang and @dir are not "
			    "URLs", dy->name);
		d->ndyn++;
	}
	return 0;
}

static int
dyn_has(const struct dirs *d, const char *name)
{
	size_t	 i;

	for (i = 0; i < d->ndyn; i++)
		if (strcasecmp(d->dyn[i].name, name) == 0)
			return 1;
	return 0;
}

/* Is name one of the space-separated words of list? */
static int
in_list(const char *list, const char *name)
{
	size_t	 len = strlen(name), n;

	if (list == NULL)
		return 0;
	for (;;) {
		list += strspn(list, " \t\n");
		if (*list == '\0')
			return 0;
		n = strcspn(list, " \t\n");
		if (n == len && strncmp(list, name, n) == 0)
			return 1;
		list += n;
	}
}

/* The element's namespace, name and attributes, checked. */
static int
check_element(struct tpl_cc *cc, xmlNodePtr n)
{
	const char	*why;
	xmlAttrPtr	 a;

	if (is_ns(n->ns, TPL_NS))
		return err(cc, n, "<%s:%s>: directives are attributes, not "
		    "elements", n->ns->prefix ? (const char *)n->ns->prefix :
		    "t", name_of(n));
	if (!is_ns(n->ns, XHTML_NS) && !is_ns(n->ns, SVG_NS) &&
	    !is_ns(n->ns, MATHML_NS))
		return err(cc, n, "<%s> is not in the XHTML namespace "
		    "(xmlns=\"" XHTML_NS "\")", name_of(n));
	if ((why = tpl_html_element_refused(name_of(n))) != NULL)
		return err(cc, n, "%s", why);
	for (a = n->properties; a != NULL; a = a->next) {
		if (is_ns(a->ns, TPL_NS))
			continue;
		if (a->ns != NULL)
			return err(cc, n, "attribute %s:%s: only unprefixed "
			    "attributes and t: directives are allowed",
			    a->ns->prefix ? (const char *)a->ns->prefix : "",
			    name_of((xmlNodePtr)a));
		if ((why = tpl_html_static_attr_refused(
		    name_of((xmlNodePtr)a))) != NULL)
			return err(cc, n, "%s: %s", name_of((xmlNodePtr)a),
			    why);
	}
	return 0;
}

static int
get_dirs(struct tpl_cc *cc, xmlNodePtr n, struct dirs *d)
{
	xmlAttrPtr	 a;
	const char	*v;
	int		 i;

	memset(d, 0, sizeof(*d));
	for (a = n->properties; a != NULL; a = a->next) {
		if (!is_ns(a->ns, TPL_NS))
			continue;
		for (i = 0; i < D__MAX; i++)
			if (strcmp(dir_name[i], name_of((xmlNodePtr)a)) == 0)
				break;
		if (i == D__MAX)
			return err(cc, n, "unknown directive t:%s",
			    name_of((xmlNodePtr)a));
		if (tpl_attr_value(a, &v) == -1)
			return err(cc, n, "t:%s: value must be plain text",
			    dir_name[i]);
		d->v[i] = v;
	}
	return 0;
}

/* Does the element hold anything but whitespace and comments? */
static int
has_content(xmlNodePtr n)
{
	xmlNodePtr	 c;
	const char	*s;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_COMMENT_NODE)
			continue;
		if (c->type != XML_TEXT_NODE)
			return 1;
		for (s = (const char *)c->content; *s != '\0'; s++)
			if (*s != ' ' && *s != '\t' && *s != '\n' &&
			    *s != '\r')
				return 1;
	}
	return 0;
}

/* What directives may go together, and where; t:attr parsed. */
static int
check_dirs(struct tpl_cc *cc, xmlNodePtr n, struct dirs *d)
{
	const char	*el = name_of(n);
	int		 i;

	if (d->v[D_LAYOUT] != NULL)
		return err(cc, n, "t:layout belongs on the root element of a "
		    "page (and an included template cannot have one)");
	if (d->v[D_FILL] != NULL && n != cc->filling)
		return err(cc, n, "t:fill belongs on a child of the root of "
		    "a page with t:layout");
	if (d->v[D_TEXT] != NULL && d->v[D_I18N] != NULL)
		return err(cc, n, "t:text and t:i18n both give the content");
	if (d->v[D_INCLUDE] != NULL) {
		for (i = 0; i < D__MAX; i++)
			if (d->v[i] != NULL && i != D_INCLUDE && i != D_IF &&
			    i != D_UNLESS && i != D_EACH && i != D_FILL &&
			    i != D_SLOT)
				return err(cc, n, "t:include replaces the "
				    "element: only t:if, t:unless and t:each "
				    "may go with it, not t:%s", dir_name[i]);
		for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
			if (a->ns == NULL)
				return err(cc, n, "t:include replaces the "
				    "element: attribute %s would be lost",
				    name_of((xmlNodePtr)a));
		if (has_content(n))
			return err(cc, n, "t:include replaces the element: "
			    "its content would be lost");
	}
	if (d->v[D_I18N] != NULL && d->v[D_I18N][0] != '\0')
		return err(cc, n, "t:i18n takes no value (write t:i18n=\"\")");
	if (tpl_html_void(el) && (d->v[D_TEXT] != NULL ||
	    d->v[D_I18N] != NULL || has_content(n)))
		return err(cc, n, "<%s> is a void element: it has no content",
		    el);
	if (strcasecmp(el, "script") == 0 && (d->v[D_TEXT] != NULL ||
	    d->v[D_I18N] != NULL || has_content(n)))
		return err(cc, n, "inline script is not allowed (CSP): "
		    "<script> must be empty, with src");
	if (strcmp(el, "html") == 0 && is_ns(n->ns, XHTML_NS) &&
	    (has_attr(n, "lang") || has_attr(n, "dir")))
		return err(cc, n, "lang and dir of <html> are set from the "
		    "render language (or t:attr)");
	return 0;
}

/*
 * t:attr and t:i18n-attr, once the element's own loop variable (if any)
 * is in scope: t:attr="title item.name" on the element with t:each.
 */
static int
check_attrs(struct tpl_cc *cc, xmlNodePtr n, struct dirs *d)
{
	if (d->v[D_ATTR] != NULL && parse_dyn(cc, n, d) == -1)
		return -1;
	if (d->v[D_I18N_ATTR] != NULL) {
		const char	*s = d->v[D_I18N_ATTR];
		size_t		 len;
		char		 name[65];

		for (;;) {
			s += strspn(s, " \t\n");
			if (*s == '\0')
				break;
			len = strcspn(s, " \t\n");
			if (len >= sizeof(name))
				return err(cc, n, "t:i18n-attr: name too "
				    "long");
			memcpy(name, s, len);
			name[len] = '\0';
			if (!has_attr(n, name))
				return err(cc, n, "t:i18n-attr: no static "
				    "attribute %s to translate", name);
			if (dyn_has(d, name))
				return err(cc, n, "t:i18n-attr: %s is "
				    "filled by t:attr", name);
			s += len;
		}
	}
	return 0;
}

/* Text and i18n */

static int
ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Static text. Outside <pre> and <textarea> a run of whitespace is
 * written as one newline (if it had one) or one space: the same page for
 * a browser, without the indentation of the template.
 */
static int
compile_text(struct tpl_cc *cc, xmlNodePtr n)
{
	const char	*s = (const char *)n->content, *p;
	int		 nl;

	if (cc->preserve)
		return text(cc, s);
	while (*s != '\0') {
		for (p = s; *p != '\0' && !ws(*p); p++)
			continue;
		if (emit(cc, s, (size_t)(p - s), 1) == -1)
			return -1;
		if (*p == '\0')
			break;
		for (nl = 0; ws(*p); p++)
			nl |= *p == '\n';
		if (raw(cc, nl ? "\n" : " ") == -1)
			return -1;
		s = p;
	}
	return 0;
}

/* The translated text of s (an element's text or an attribute value). */
static int
emit_translated(struct tpl_cc *cc, xmlNodePtr n, const char *s, int is_attr)
{
	const char	*why = NULL;
	char		*id, *tr;
	int		 rc;

	if ((id = tpl_msgid(s, is_attr, &why)) == NULL)
		return err(cc, n, "t:i18n%s: message %s", is_attr ? "-attr" :
		    "", why);
	tr = tpl_translate(cc->cat, cc->lang, id);
	free(id);
	if (tr == NULL)
		return oom(cc, n);
	rc = text(cc, tr);
	free(tr);
	return rc == -1 ? oom(cc, n) : 0;
}

/* t:i18n: the element holds text only, which is the msgid. */
static int
compile_i18n(struct tpl_cc *cc, xmlNodePtr n)
{
	xmlNodePtr	 c = n->children;

	if (c == NULL)
		return err(cc, n, "t:i18n on an empty element");
	for (; c != NULL; c = c->next)
		if (c->type != XML_TEXT_NODE)
			return err(cc, n, "t:i18n: the element must hold text "
			    "only (no elements, no comments)");
	/* Adjacent text and CDATA are one node after parsing. */
	if (n->children->next != NULL)
		return err(cc, n, "t:i18n: the element must be one text");
	return emit_translated(cc, n, (const char *)n->children->content, 0);
}

/* Start and end tags */

static int
static_attr(struct tpl_cc *cc, xmlNodePtr n, xmlAttrPtr a,
    const struct dirs *d)
{
	const char	*name = name_of((xmlNodePtr)a), *v;

	if (tpl_attr_value(a, &v) == -1)
		return err(cc, n, "%s: value must be plain text", name);
	if (raw(cc, " ") == -1 || raw(cc, name) == -1 || raw(cc, "=\"") == -1)
		return oom(cc, n);
	if (in_list(d->v[D_I18N_ATTR], name)) {
		if (emit_translated(cc, n, v, 1) == -1)
			return -1;
	} else if (text(cc, v) == -1)
		return oom(cc, n);
	return raw(cc, "\"") == -1 ? oom(cc, n) : 0;
}

static int
dyn_attr(struct tpl_cc *cc, xmlNodePtr n, const struct dyn *dy)
{
	static const enum tpl_opcode code[TPL_URL__MAX] = {
		[TPL_URL_NONE] = TPL_OP_ATTR,
		[TPL_URL_LINK] = TPL_OP_ATTR_URL,
		[TPL_URL_LOAD] = TPL_OP_ATTR_SRC,
	};
	struct tpl_op	*op;
	const char	*v;
	char		 prefix[72];
	uint32_t	 off;

	if (dy->path.builtin != TPL_BUILTIN_NONE) {
		v = dy->path.builtin == TPL_BUILTIN_LANG ? lang_code[cc->lang] :
		    lang_dir[cc->lang];
		if (raw(cc, " ") == -1 || raw(cc, dy->name) == -1 ||
		    raw(cc, "=\"") == -1 || text(cc, v) == -1 ||
		    raw(cc, "\"") == -1)
			return oom(cc, n);
		return 0;
	}
	snprintf(prefix, sizeof(prefix), " %s=\"", dy->name);
	if (tpl_cc_pool_add(cc, prefix, strlen(prefix), &off) == -1 ||
	    (op = op_push(cc, code[dy->url])) == NULL)
		return oom(cc, n);
	op->off = off;
	op->len = (uint32_t)strlen(prefix);
	op->path = dy->path;
	return 0;
}

static int
start_tag(struct tpl_cc *cc, xmlNodePtr n, const struct dirs *d)
{
	xmlAttrPtr	 a;
	size_t		 i;
	int		 is_html;

	is_html = strcmp(name_of(n), "html") == 0 && is_ns(n->ns, XHTML_NS);
	if (is_html) {
		if (cc->depth != 1)
			return err(cc, n, "<html> must be the root element");
		if (raw(cc, "<!DOCTYPE html>\n") == -1)
			return oom(cc, n);
	}
	if (raw(cc, "<") == -1 || raw(cc, name_of(n)) == -1)
		return oom(cc, n);
	if (is_html && !dyn_has(d, "lang") && (raw(cc, " lang=\"") == -1 ||
	    text(cc, lang_code[cc->lang]) == -1 || raw(cc, "\"") == -1))
		return oom(cc, n);
	if (is_html && !dyn_has(d, "dir") && (raw(cc, " dir=\"") == -1 ||
	    text(cc, lang_dir[cc->lang]) == -1 || raw(cc, "\"") == -1))
		return oom(cc, n);
	for (a = n->properties; a != NULL; a = a->next)
		if (a->ns == NULL && !dyn_has(d, name_of((xmlNodePtr)a)) &&
		    static_attr(cc, n, a, d) == -1)
			return -1;
	for (i = 0; i < d->ndyn; i++)
		if (dyn_attr(cc, n, &d->dyn[i]) == -1)
			return -1;
	/*
	 * HTML parsers drop a newline right after these start tags: write
	 * one, so that content (data) starting with a newline keeps it.
	 */
	if (strcmp(name_of(n), "pre") == 0 ||
	    strcmp(name_of(n), "textarea") == 0 ||
	    strcmp(name_of(n), "listing") == 0)
		return raw(cc, ">\n") == -1 ? oom(cc, n) : 0;
	return raw(cc, ">") == -1 ? oom(cc, n) : 0;
}

static int
end_tag(struct tpl_cc *cc, xmlNodePtr n)
{
	if (tpl_html_void(name_of(n)))
		return 0;
	if (raw(cc, "</") == -1 || raw(cc, name_of(n)) == -1 ||
	    raw(cc, ">") == -1)
		return oom(cc, n);
	return 0;
}

/*
 * A tag, unless t:omit: with a path, the tag is skipped when the value
 * is true (the value is tested again for the end tag).
 */
static int
tag(struct tpl_cc *cc, xmlNodePtr n, const struct dirs *d, int start,
    const struct tpl_path *omit)
{
	uint32_t	 j = 0;
	int		 rc;

	if (d->v[D_OMIT] != NULL && omit == NULL)
		return 0;
	if (omit != NULL && op_path(cc, TPL_OP_UNLESS, omit, &j) == -1)
		return oom(cc, n);
	rc = start ? start_tag(cc, n, d) : end_tag(cc, n);
	if (omit != NULL)
		patch(cc, j, label(cc));
	return rc;
}

/* Content */

static int
compile_children(struct tpl_cc *cc, xmlNodePtr n)
{
	xmlNodePtr	 c;
	int		 preserve = cc->preserve;

	if (strcmp(name_of(n), "pre") == 0 ||
	    strcmp(name_of(n), "textarea") == 0)
		cc->preserve = 1;
	for (c = n->children; c != NULL; c = c->next) {
		switch (c->type) {
		case XML_ELEMENT_NODE:
			if (compile_element(cc, c) == -1)
				return -1;
			break;
		case XML_TEXT_NODE:
			if (compile_text(cc, c) == -1)
				return oom(cc, n);
			break;
		case XML_COMMENT_NODE:
			break;
		default:
			return err(cc, c, "only elements, text and comments "
			    "are allowed (node type %d)", (int)c->type);
		}
	}
	cc->preserve = preserve;
	return 0;
}

static int
compile_include(struct tpl_cc *cc, xmlNodePtr n, const char *name)
{
	struct tpl_src	*t, *saved = cc->src;
	int		 rc;

	if ((t = tpl_src_find(cc->srcs, name)) == NULL)
		return err(cc, n, "t:include: no template \"%s\"", name);
	if (t->doc == NULL)
		return err(cc, n, "t:include: template \"%s\" did not load",
		    name);
	if (t->busy)
		return err(cc, n, "t:include: \"%s\" includes itself "
		    "(include cycle)", name);
	t->busy = 1;
	cc->src = t;
	rc = compile_element(cc, t->root);
	cc->src = saved;
	t->busy = 0;
	return rc;
}

static int
content(struct tpl_cc *cc, xmlNodePtr n, const struct dirs *d)
{
	struct tpl_path	 p;

	if (d->v[D_INCLUDE] != NULL)
		return compile_include(cc, n, d->v[D_INCLUDE]);
	if (d->v[D_I18N] != NULL)
		return compile_i18n(cc, n);
	if (d->v[D_TEXT] == NULL)
		return compile_children(cc, n);
	if (path(cc, n, D_TEXT, d->v[D_TEXT], strlen(d->v[D_TEXT]), &p) == -1)
		return -1;
	if (p.builtin != TPL_BUILTIN_NONE)
		return text(cc, p.builtin == TPL_BUILTIN_LANG ?
		    lang_code[cc->lang] : lang_dir[cc->lang]) == -1 ?
		    oom(cc, n) : 0;
	return op_path(cc, TPL_OP_TEXT, &p, NULL) == -1 ? oom(cc, n) : 0;
}

/* t:slot: the page's fill replaces the element, if there is one. */
static struct tpl_fill *
fill_for(struct tpl_cc *cc, const char *slot)
{
	size_t	 i;

	for (i = 0; i < cc->nfills; i++)
		if (strcmp(cc->fills[i].name, slot) == 0)
			return &cc->fills[i];
	return NULL;
}

static int
compile_fill(struct tpl_cc *cc, struct tpl_fill *f)
{
	struct tpl_src	*src = cc->src;
	struct tpl_fill	*fills = cc->fills;
	size_t		 nfills = cc->nfills;
	xmlNodePtr	 filling = cc->filling;
	int		 rc;

	f->used = 1;
	/* A slot inside the fill is the page's own business: no refilling. */
	cc->src = f->src;
	cc->fills = NULL;
	cc->nfills = 0;
	cc->filling = f->node;
	rc = compile_element(cc, f->node);
	cc->src = src;
	cc->fills = fills;
	cc->nfills = nfills;
	cc->filling = filling;
	return rc;
}

/* Elements */

static int
loop_enter(struct tpl_cc *cc, xmlNodePtr n, const char *v, uint32_t *at)
{
	struct tpl_op	*op;
	struct tpl_path	 p;
	const char	*s = v, *sp;
	size_t		 len = strlen(v), i;
	char		*name;

	trim(&s, &len);
	for (sp = s; sp < s + len && *sp != ' ' && *sp != '\t' && *sp != '\n';
	    sp++)
		continue;
	if (sp == s + len || !tpl_name_ok(s, (size_t)(sp - s)))
		return err(cc, n, "t:each=\"%s\": write \"item path\"", v);
	for (i = 0; i < cc->nloops; i++)
		if (strlen(cc->loops[i]) == (size_t)(sp - s) &&
		    memcmp(cc->loops[i], s, (size_t)(sp - s)) == 0)
			return err(cc, n, "t:each: \"%.*s\" is already the "
			    "variable of an enclosing loop", (int)(sp - s), s);
	if (path(cc, n, D_EACH, sp, len - (size_t)(sp - s), &p) == -1)
		return -1;
	if (p.builtin != TPL_BUILTIN_NONE || p.meta != TPL_META_NONE)
		return err(cc, n, "t:each: \"%s\" is not a list", v);
	if ((name = strndup(s, (size_t)(sp - s))) == NULL)
		return oom(cc, n);
	if (op_path(cc, TPL_OP_EACH, &p, at) == -1) {
		free(name);
		return oom(cc, n);
	}
	op = &cc->p->ops[*at];
	op->slot = (uint16_t)cc->nloops;
	cc->loops[cc->nloops++] = name;
	(void)label(cc);
	return 0;
}

static int
loop_leave(struct tpl_cc *cc, xmlNodePtr n, uint32_t at)
{
	struct tpl_op	*op;

	if ((op = op_push(cc, TPL_OP_NEXT)) == NULL)
		return oom(cc, n);
	op->slot = cc->p->ops[at].slot;
	op->jump = at + 1;
	patch(cc, at, label(cc));
	free((char *)cc->loops[--cc->nloops]);
	return 0;
}

static int
cond(struct tpl_cc *cc, xmlNodePtr n, const struct dirs *d, enum dir which,
    uint32_t *at)
{
	struct tpl_path	 p;

	if (path(cc, n, which, d->v[which], strlen(d->v[which]), &p) == -1)
		return -1;
	if (p.builtin != TPL_BUILTIN_NONE)
		return err(cc, n, "t:%s: @lang and @dir are always true",
		    dir_name[which]);
	return op_path(cc, which == D_IF ? TPL_OP_IF : TPL_OP_UNLESS, &p, at)
	    == -1 ? oom(cc, n) : 0;
}

static int
element_body(struct tpl_cc *cc, xmlNodePtr n, const struct dirs *d)
{
	struct tpl_path	 omit, *omitp = NULL;
	uint32_t	 jif = 0, junless = 0;

	if (d->v[D_IF] != NULL && cond(cc, n, d, D_IF, &jif) == -1)
		return -1;
	if (d->v[D_UNLESS] != NULL && cond(cc, n, d, D_UNLESS, &junless) == -1)
		return -1;
	if (d->v[D_OMIT] != NULL && d->v[D_OMIT][0] != '\0') {
		if (path(cc, n, D_OMIT, d->v[D_OMIT], strlen(d->v[D_OMIT]),
		    &omit) == -1)
			return -1;
		if (omit.builtin != TPL_BUILTIN_NONE)
			return err(cc, n, "t:omit: @lang and @dir are always "
			    "true");
		omitp = &omit;
	}
	if (d->v[D_INCLUDE] != NULL) {
		if (content(cc, n, d) == -1)
			return -1;
	} else if (tag(cc, n, d, 1, omitp) == -1 || content(cc, n, d) == -1 ||
	    tag(cc, n, d, 0, omitp) == -1)
		return -1;
	if (d->v[D_UNLESS] != NULL)
		patch(cc, junless, label(cc));
	if (d->v[D_IF] != NULL)
		patch(cc, jif, label(cc));
	return 0;
}

static int
compile_element(struct tpl_cc *cc, xmlNodePtr n)
{
	struct dirs	*d;
	struct tpl_fill	*f;
	uint32_t	 jeach = 0;
	int		 rc = -1;

	if (cc->depth >= TPL_MAX_DEPTH)
		return err(cc, n, "nested deeper than TPL_MAX_DEPTH (%u) "
		    "elements, includes and layouts", TPL_MAX_DEPTH);
	if ((d = malloc(sizeof(*d))) == NULL)
		return oom(cc, n);
	cc->depth++;
	if (check_element(cc, n) == -1 || get_dirs(cc, n, d) == -1)
		goto out;
	if (d->v[D_SLOT] != NULL && !tpl_name_ok(d->v[D_SLOT],
	    strlen(d->v[D_SLOT]))) {
		err(cc, n, "t:slot=\"%s\": bad slot name", d->v[D_SLOT]);
		goto out;
	}
	if (d->v[D_SLOT] != NULL && (f = fill_for(cc, d->v[D_SLOT])) != NULL) {
		rc = compile_fill(cc, f);
		goto out;
	}
	if (check_dirs(cc, n, d) == -1)
		goto out;
	if (d->v[D_EACH] != NULL && loop_enter(cc, n, d->v[D_EACH], &jeach)
	    == -1)
		goto out;
	if (check_attrs(cc, n, d) == -1)
		goto out;
	if (element_body(cc, n, d) == -1)
		goto out;
	if (d->v[D_EACH] != NULL && loop_leave(cc, n, jeach) == -1)
		goto out;
	rc = 0;
out:
	cc->depth--;
	free(d);
	return rc;
}

/* Pages with a layout */

static int
collect_fills(struct tpl_cc *cc, xmlNodePtr root, struct tpl_fill *fills,
    size_t *nfills)
{
	xmlNodePtr	 c;
	xmlAttrPtr	 a;
	const char	*v = NULL;
	size_t		 i;

	for (c = root->children; c != NULL; c = c->next) {
		if (c->type == XML_COMMENT_NODE)
			continue;
		if (c->type == XML_TEXT_NODE) {
			for (v = (const char *)c->content; *v != '\0'; v++)
				if (!ws(*v))
					return err(cc, c, "text outside a "
					    "t:fill would be lost");
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			return err(cc, c, "only elements with t:fill may be "
			    "children of a root with t:layout");
		for (a = c->properties, v = NULL; a != NULL; a = a->next)
			if (is_ns(a->ns, TPL_NS) &&
			    strcmp(name_of((xmlNodePtr)a), "fill") == 0 &&
			    tpl_attr_value(a, &v) == -1)
				v = NULL;
		if (v == NULL)
			return err(cc, c, "<%s> without t:fill: a page with "
			    "t:layout holds only fills", name_of(c));
		if (!tpl_name_ok(v, strlen(v)))
			return err(cc, c, "t:fill=\"%s\": bad slot name", v);
		for (i = 0; i < *nfills; i++)
			if (strcmp(fills[i].name, v) == 0)
				return err(cc, c, "t:fill=\"%s\" given twice",
				    v);
		if (*nfills == TPL_MAX_DEPTH)
			return err(cc, c, "too many fills");
		fills[*nfills].name = v;
		fills[*nfills].node = c;
		fills[*nfills].src = cc->src;
		fills[*nfills].used = 0;
		(*nfills)++;
	}
	return 0;
}

static int
compile_page(struct tpl_cc *cc, xmlNodePtr root, const char *layout)
{
	struct tpl_fill	 fills[TPL_MAX_DEPTH];
	struct tpl_src	*page = cc->src, *l;
	xmlAttrPtr	 a;
	size_t		 nfills = 0, i;
	int		 rc;

	for (a = root->properties; a != NULL; a = a->next)
		if (!is_ns(a->ns, TPL_NS) ||
		    strcmp(name_of((xmlNodePtr)a), "layout") != 0)
			return err(cc, root, "the root of a page with t:layout "
			    "is replaced by the layout: it can have no other "
			    "attribute (%s)", name_of((xmlNodePtr)a));
	if ((l = tpl_src_find(cc->srcs, layout)) == NULL)
		return err(cc, root, "t:layout: no template \"%s\"", layout);
	if (l->doc == NULL)
		return err(cc, root, "t:layout: template \"%s\" did not load",
		    layout);
	if (l == page || l->busy)
		return err(cc, root, "t:layout: \"%s\" cannot be its own "
		    "layout", layout);
	if (xmlHasNsProp(l->root, (const xmlChar *)"layout",
	    (const xmlChar *)TPL_NS) != NULL)
		return err(cc, root, "t:layout: \"%s\" has a layout itself "
		    "(layouts do not nest)", layout);
	if (collect_fills(cc, root, fills, &nfills) == -1)
		return -1;
	cc->fills = fills;
	cc->nfills = nfills;
	cc->src = l;
	l->busy = 1;
	rc = compile_element(cc, l->root);
	l->busy = 0;
	cc->src = page;
	cc->fills = NULL;
	cc->nfills = 0;
	if (rc == -1)
		return -1;
	for (i = 0; i < nfills; i++)
		if (!fills[i].used)
			return err(cc, fills[i].node, "t:fill=\"%s\": layout "
			    "\"%s\" has no such t:slot", fills[i].name,
			    layout);
	return 0;
}

/* Entry points */

struct tpl_src *
tpl_src_find(const struct tpl_srcs *srcs, const char *name)
{
	size_t	 lo = 0, hi = srcs->n, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(name, srcs->v[mid].name)) == 0)
			return &srcs->v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

void
tpl_prog_free(struct tpl_prog *p)
{
	free(p->ops);
	free(p->pool);
	free(p->segs);
	memset(p, 0, sizeof(*p));
}

int
tpl_compile(struct tpl_srcs *srcs, struct tpl_src *src, enum lang lang,
    const struct i18n *cat, struct tpl_prog *out, struct tpl_err *e)
{
	struct tpl_cc	 cc;
	struct writer	 pw;
	xmlAttrPtr	 layout;
	const char	*v;
	int		 rc;

	memset(&cc, 0, sizeof(cc));
	memset(out, 0, sizeof(*out));
	cc.p = out;
	pw.write = pool_write;
	pw.cookie = &cc;
	pw.failed = 0;
	pw.written = 0;
	cc.pw = &pw;
	cc.srcs = srcs;
	cc.src = src;
	cc.cat = cat;
	cc.lang = lang;
	cc.err = e;
	src->busy = 1;
	layout = xmlHasNsProp(src->root, (const xmlChar *)"layout",
	    (const xmlChar *)TPL_NS);
	if (layout != NULL) {
		if (tpl_attr_value(layout, &v) == -1)
			rc = err(&cc, src->root, "t:layout: value must be "
			    "plain text");
		else
			rc = compile_page(&cc, src->root, v);
	} else
		rc = compile_element(&cc, src->root);
	src->busy = 0;
	while (cc.nloops > 0)
		free((char *)cc.loops[--cc.nloops]);
	if (rc == -1)
		tpl_prog_free(out);
	return rc;
}
