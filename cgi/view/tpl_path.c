/*
 * Paths in directive values, parsed and resolved at load.
 *
 *	path	= "@lang" / "@dir"
 *		/ name *( "." name ) 
 *		/ loopvar "@" ( "index" / "number" / "first" / "last" )
 *	name	= ( ALPHA / "_" ) *( ALPHA / DIGIT / "_" )
 *
 * A path whose first name is the variable of an enclosing t:each starts
 * at the current item of that loop (the innermost one if names repeat,
 * which t:each refuses anyway); any other path starts at the view. Each
 * name becomes a segment with its hash, so that render compares integers
 * before bytes. Anything else is a load-time error.
 */
#include <string.h>

#include "view/tpl_impl.h"
#include "view/view_impl.h"

#define TPL_PATH_MAX_SEGS	32u
#define TPL_NAME_MAX_BYTES	64u

const char *const tpl_meta_name[TPL_META__MAX] = {
	[TPL_META_NONE] = "",
	[TPL_META_INDEX] = "index",
	[TPL_META_NUMBER] = "number",
	[TPL_META_FIRST] = "first",
	[TPL_META_LAST] = "last",
};

static const char *const builtin_name[TPL_BUILTIN__MAX] = {
	[TPL_BUILTIN_NONE] = "",
	[TPL_BUILTIN_LANG] = "@lang",
	[TPL_BUILTIN_DIR] = "@dir",
};

static int
alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

int
tpl_name_ok(const char *s, size_t len)
{
	size_t	 i;

	if (len == 0 || len > TPL_NAME_MAX_BYTES || !alpha(s[0]))
		return 0;
	for (i = 1; i < len; i++)
		if (!alpha(s[i]) && !(s[i] >= '0' && s[i] <= '9'))
			return 0;
	return 1;
}

static int
seg_add(struct tpl_cc *cc, const char *s, size_t len)
{
	struct tpl_prog	*p = cc->p;
	struct tpl_seg	*n;
	uint32_t	 off;
	size_t		 ncap;

	if (tpl_cc_pool_add(cc, s, len, &off) == -1)
		return -1;
	if (p->nsegs == cc->segcap) {
		ncap = cc->segcap ? cc->segcap * 2 : 32;
		if (ncap * sizeof(*n) > TPL_MAX_PROG_BYTES) {
			cc->toobig = 1;
			return -1;
		}
		if ((n = realloc(p->segs, ncap * sizeof(*n))) == NULL)
			return -1;
		p->segs = n;
		cc->segcap = ncap;
	}
	p->segs[p->nsegs].off = off;
	p->segs[p->nsegs].len = (uint32_t)len;
	p->segs[p->nsegs].hash = view_hash(s, len);
	p->nsegs++;
	return 0;
}

/* The scope (1-based loop depth) of a loop variable, or 0. */
static uint16_t
loop_scope(const struct tpl_cc *cc, const char *s, size_t len)
{
	size_t	 i;

	for (i = cc->nloops; i > 0; i--)
		if (strlen(cc->loops[i - 1]) == len &&
		    memcmp(cc->loops[i - 1], s, len) == 0)
			return (uint16_t)i;
	return 0;
}

int
tpl_path_parse(struct tpl_cc *cc, const char *s, size_t len,
    struct tpl_path *out, const char **why)
{
	const char	*p, *e = s + len, *dot, *at;
	size_t		 nlen;
	int		 i;

	memset(out, 0, sizeof(*out));
	out->seg = (uint32_t)cc->p->nsegs;
	for (i = 1; i < TPL_BUILTIN__MAX; i++)
		if (strlen(builtin_name[i]) == len &&
		    memcmp(builtin_name[i], s, len) == 0) {
			out->builtin = (uint8_t)i;
			return 0;
		}
	if ((at = memchr(s, '@', len)) != NULL) {
		e = at;
		for (i = 1; i < TPL_META__MAX; i++)
			if (strlen(tpl_meta_name[i]) == (size_t)(s + len - at - 1)
			    && memcmp(tpl_meta_name[i], at + 1,
			    (size_t)(s + len - at - 1)) == 0)
				out->meta = (uint8_t)i;
		if (out->meta == TPL_META_NONE) {
			*why = "unknown loop value after '@' (index, number, "
			    "first, last) or unknown built-in (@lang, @dir)";
			return -1;
		}
	}
	for (p = s; p <= e; p = dot + 1) {
		if ((dot = memchr(p, '.', (size_t)(e - p))) == NULL)
			dot = e;
		nlen = (size_t)(dot - p);
		if (!tpl_name_ok(p, nlen)) {
			*why = "bad path: names are [A-Za-z_][A-Za-z0-9_]* "
			    "joined by '.'";
			return -1;
		}
		if (p == s && (out->scope = loop_scope(cc, p, nlen)) != 0)
			continue;
		if (out->nseg == TPL_PATH_MAX_SEGS) {
			*why = "path too long";
			return -1;
		}
		if (seg_add(cc, p, nlen) == -1) {
			*why = "out of memory";
			return -1;
		}
		out->nseg++;
		if (dot == e)
			break;
	}
	if (out->meta != TPL_META_NONE &&
	    (out->scope == 0 || out->nseg != 0)) {
		*why = "@index, @number, @first and @last follow a loop "
		    "variable alone (item@index)";
		return -1;
	}
	return 0;
}
