/*
 * Internals of the template engine, shared by its files and no one else:
 * tpl_parse.c (libxml2 in, checked DOM out), tpl_compile.c and tpl_path.c
 * (DOM to program, per language), tpl_html.c (what HTML5 says about
 * elements and attributes), tpl_escape.c (the one escaping function),
 * tpl_render.c (program to writer), tpl_load.c (the set).
 *
 * A compiled template is a flat program per language: an array of ops
 * over a pool of bytes. Static markup and text are escaped once, at load,
 * by the same function that escapes data at render; an op either writes
 * pool bytes as they are or writes one value from the view through
 * tpl_escape. Control flow (t:if, t:each) is forward and backward jumps,
 * so rendering needs no recursion and no allocation.
 */
#ifndef PORTAL_VIEW_TPL_IMPL_H
#define PORTAL_VIEW_TPL_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <libxml/tree.h>

#include "portal_limits.h"
#include "view/lang.h"

/* Compile-time bounds; see portal_limits.h for TPL_MAX_FILE_BYTES, TPL_MAX_DEPTH. */
#ifndef TPL_MAX_TEMPLATES
#define TPL_MAX_TEMPLATES	512u		/* files in the directory */
#endif
#ifndef TPL_MAX_PROG_BYTES
#define TPL_MAX_PROG_BYTES	(4u * 1024u * 1024u)	/* one compiled program */
#endif

struct i18n;
struct writer;

enum tpl_opcode {
	TPL_OP_STATIC,		/* pool bytes: markup, escaped at load */
	TPL_OP_TEXT,		/* a value as text, escaped */
	TPL_OP_ATTR,		/* ' name="value"', ' name' if true, or nothing */
	TPL_OP_ATTR_URL,	/* the same, the value checked by tpl_url_ok */
	TPL_OP_ATTR_SRC,	/* the same, checked by tpl_url_local_ok */
	TPL_OP_IF,		/* jump unless the value is truthy */
	TPL_OP_UNLESS,		/* jump if the value is truthy */
	TPL_OP_EACH,		/* enter a loop; jump past it if the list is empty */
	TPL_OP_NEXT,		/* next item: jump back to the body, or fall out */
	TPL_OP__MAX
};

/* Values a loop makes for its variable: item@index and so on. */
enum tpl_meta {
	TPL_META_NONE,
	TPL_META_INDEX,		/* 0, 1, ... */
	TPL_META_NUMBER,	/* 1, 2, ... */
	TPL_META_FIRST,		/* boolean */
	TPL_META_LAST,		/* boolean */
	TPL_META__MAX
};
extern const char *const tpl_meta_name[TPL_META__MAX];

/* Names a path may start with that the engine answers, per language. */
enum tpl_builtin {
	TPL_BUILTIN_NONE,
	TPL_BUILTIN_LANG,	/* @lang: "fr" */
	TPL_BUILTIN_DIR,	/* @dir: "ltr" */
	TPL_BUILTIN__MAX
};

struct tpl_seg {
	uint32_t	 off;		/* the key's bytes in the pool */
	uint32_t	 len;
	uint32_t	 hash;		/* view_hash of the key */
};

struct tpl_path {
	uint32_t	 seg;		/* first segment in prog->segs */
	uint16_t	 nseg;
	uint16_t	 scope;		/* 0: the view; n: item of loop n - 1 */
	uint8_t		 meta;		/* enum tpl_meta */
	uint8_t		 builtin;	/* enum tpl_builtin */
};

struct tpl_op {
	uint8_t		 code;		/* enum tpl_opcode */
	uint16_t	 slot;		/* EACH, NEXT: the loop's depth */
	uint32_t	 off;		/* STATIC: bytes; ATTR: ' name="' */
	uint32_t	 len;
	uint32_t	 jump;		/* IF, UNLESS, EACH, NEXT: target op */
	struct tpl_path	 path;
};

struct tpl_prog {
	struct tpl_op	*ops;
	size_t		 nops;
	char		*pool;
	size_t		 poollen;
	struct tpl_seg	*segs;
	size_t		 nsegs;
};

struct tpl {
	char		*name;
	struct tpl_prog	 prog[LANG__MAX];
};

struct tpl_set {
	struct tpl	*v;		/* sorted by name */
	size_t		 n;
};

/* A parsed, checked source file; the DOM lives only during tpl_load. */
struct tpl_src {
	char		*name;		/* file name without .xhtml */
	char		*file;		/* dir/name.xhtml, for messages */
	xmlDocPtr	 doc;
	xmlNodePtr	 root;
	int		 busy;		/* being compiled: include cycles */
};

struct tpl_srcs {
	struct tpl_src	*v;		/* sorted by name */
	size_t		 n;
};

/* Where errors go: the first into buf (tpl_load), or all to report. */
struct tpl_err {
	char		*buf;
	size_t		 len;
	FILE		*report;
	int		 count;
};

/* A page's t:fill element, while its layout is compiled. */
struct tpl_fill {
	const char	*name;
	xmlNodePtr	 node;
	struct tpl_src	*src;
	int		 used;
};

/* The state of compiling one template for one language. */
struct tpl_cc {
	struct tpl_prog		*p;
	size_t			 opcap;
	size_t			 poolcap;
	size_t			 segcap;
	int			 open_static;	/* last op may grow */
	int			 toobig;
	struct writer		*pw;		/* appends to p->pool */
	struct tpl_srcs		*srcs;
	struct tpl_src		*src;		/* file of the current node */
	const struct i18n	*cat;
	enum lang		 lang;
	const char		*loops[TPL_MAX_DEPTH];	/* loop variables */
	size_t			 nloops;
	size_t			 depth;
	int			 preserve;	/* in <pre> or <textarea> */
	struct tpl_fill		*fills;		/* when compiling a layout */
	size_t			 nfills;
	xmlNodePtr		 filling;	/* the fill being compiled */
	struct tpl_err		*err;
};

void	tpl_errf(struct tpl_err *, const char *file, long line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* tpl_escape.c: the one escaping function, for text and attributes. */
int	tpl_escape(struct writer *, const char *, size_t)
	    __attribute__((warn_unused_result));

/* tpl_parse.c: read, parse and check one file; 0 or -1 (error reported). */
int	tpl_parse(struct tpl_src *, struct tpl_err *)
	    __attribute__((warn_unused_result));
int	tpl_attr_value(xmlAttrPtr, const char **)
	    __attribute__((warn_unused_result));

/* tpl_path.c: paths and names in directive values. */
int	tpl_path_parse(struct tpl_cc *, const char *, size_t,
	    struct tpl_path *, const char **why)
	    __attribute__((warn_unused_result));
int	tpl_name_ok(const char *, size_t);
int	tpl_cc_pool_add(struct tpl_cc *, const char *, size_t, uint32_t *)
	    __attribute__((warn_unused_result));

/* tpl_compile.c: one template for one language; 0 or -1. */
int	tpl_compile(struct tpl_srcs *, struct tpl_src *, enum lang,
	    const struct i18n *, struct tpl_prog *, struct tpl_err *)
	    __attribute__((warn_unused_result));
void	tpl_prog_free(struct tpl_prog *);
struct tpl_src	*tpl_src_find(const struct tpl_srcs *, const char *name);

/* tpl_html.c: what HTML5 says; names are local names. */
enum tpl_url {
	TPL_URL_NONE,		/* not a URL */
	TPL_URL_LINK,		/* followed by the user: tpl_url_ok */
	TPL_URL_LOAD,		/* loaded by the browser: tpl_url_local_ok */
	TPL_URL__MAX
};
int	tpl_html_void(const char *element);
enum tpl_url tpl_html_url_attr(const char *element, const char *attr);
const char *tpl_html_static_attr_refused(const char *attr);
const char *tpl_html_data_attr_refused(const char *element,
	    const char *attr, int has_http_equiv);
const char *tpl_html_element_refused(const char *element);
int	tpl_html_name_ok(const char *);

/* tpl_i18n.c: msgids as xgettext extracts them, translations as text. */
char	*tpl_msgid(const char *text, int is_attr, const char **why);
char	*tpl_translate(const struct i18n *, enum lang, const char *msgid);

#endif /* PORTAL_VIEW_TPL_IMPL_H */
