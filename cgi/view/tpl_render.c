/*
 * Rendering: walk a compiled program, writing to a writer.
 *
 * Static ops are written as they are (they were escaped at load); every
 * value from the view goes through tpl_escape, and URL attribute values
 * through tpl_url_ok or tpl_url_local_ok first. There is no other way for a view's bytes to
 * reach the writer. The walk is a loop over ops with jumps, so it needs
 * neither recursion nor allocation; loop state lives in a fixed array
 * bounded by TPL_MAX_DEPTH, which the compiler enforces.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/writer.h"
#include "view/tpl.h"
#include "view/tpl_impl.h"
#include "view/view_impl.h"

struct frame {
	const struct view_item	*cur;
	size_t			 index;
	size_t			 count;
};

struct render {
	const struct tpl_prog	*p;
	const struct view	*root;
	struct writer		*w;
	struct frame		 frames[TPL_MAX_DEPTH];
	int			 refused;
};

static const struct view_value *
resolve(struct render *r, const struct tpl_path *path, struct view_value *tmp)
{
	const struct view_value	*v;
	const struct tpl_seg	*seg = &r->p->segs[path->seg];
	const struct frame	*f;
	uint16_t		 i = 0;

	if (path->scope == 0) {
		if (r->root == NULL)
			return NULL;
		v = view_find(r->root, r->p->pool + seg[0].off, seg[0].len,
		    seg[0].hash);
		i = 1;
	} else {
		f = &r->frames[path->scope - 1];
		switch (path->meta) {
		case TPL_META_INDEX:
		case TPL_META_NUMBER:
			tmp->type = VIEW_INT;
			tmp->u.i = (long long)f->index +
			    (path->meta == TPL_META_NUMBER);
			return tmp;
		case TPL_META_FIRST:
		case TPL_META_LAST:
			tmp->type = VIEW_BOOL;
			tmp->u.b = path->meta == TPL_META_FIRST ?
			    f->index == 0 : f->index + 1 == f->count;
			return tmp;
		default:
			v = &f->cur->v;
			break;
		}
	}
	for (; i < path->nseg; i++) {
		if (v == NULL || v->type != VIEW_MAP)
			return NULL;
		v = view_find(v->u.map, r->p->pool + seg[i].off, seg[i].len,
		    seg[i].hash);
	}
	return v;
}

/* Decimal digits of v at the end of buf[24]; returns the first. */
static char *
fmt_int(char buf[24], long long v)
{
	unsigned long long	 u;
	char			*p = buf + 24;

	u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	return p;
}

/* The bytes of a scalar, or NULL for values that write nothing. */
static const char *
scalar(const struct view_value *v, char buf[24], size_t *len)
{
	const char	*s;

	if (v == NULL)
		return NULL;
	switch (v->type) {
	case VIEW_STR:
		*len = v->u.s.len;
		return v->u.s.p;
	case VIEW_INT:
		s = fmt_int(buf, v->u.i);
		*len = (size_t)(buf + 24 - s);
		return s;
	default:
		return NULL;
	}
}

static int
op_text(struct render *r, const struct tpl_op *op)
{
	struct view_value	 tmp;
	const char		*s;
	char			 buf[24];
	size_t			 len;

	if ((s = scalar(resolve(r, &op->path, &tmp), buf, &len)) == NULL)
		return 0;
	return tpl_escape(r->w, s, len);
}

/*
 * ' name="value"'; ' name' for true (boolean attributes such as checked);
 * nothing for false, missing, maps and lists. url: TPL_URL_*.
 */
static int
op_attr(struct render *r, const struct tpl_op *op, enum tpl_url url)
{
	const struct view_value	*v;
	struct view_value	 tmp;
	const char		*s, *prefix = r->p->pool + op->off;
	char			 buf[24];
	size_t			 len = 0;

	if ((v = resolve(r, &op->path, &tmp)) == NULL)
		return 0;
	if (v->type == VIEW_BOOL && url == TPL_URL_NONE) {
		if (!v->u.b)
			return 0;
		/* The prefix is ' name="': drop '="'. */
		return w_write(r->w, prefix, op->len - 2);
	}
	if (v->type == VIEW_BOOL && !v->u.b)
		return 0;
	if ((s = scalar(v, buf, &len)) == NULL && v->type != VIEW_BOOL)
		return 0;
	if (url != TPL_URL_NONE && (s == NULL || (url == TPL_URL_LINK ?
	    !tpl_url_ok(s, len) : !tpl_url_local_ok(s, len)))) {
		/* Security: the value is dropped, and counted for the log. */
		r->refused++;
		s = "#";
		len = 1;
	}
	if (w_write(r->w, prefix, op->len) == -1 ||
	    tpl_escape(r->w, s, len) == -1)
		return -1;
	return w_write(r->w, "\"", 1);
}

static int
run(struct render *r)
{
	const struct tpl_op	*op;
	const struct view_value	*v;
	struct view_value	 tmp;
	struct frame		*f;
	size_t			 pc = 0;

	while (pc < r->p->nops) {
		op = &r->p->ops[pc];
		switch (op->code) {
		case TPL_OP_STATIC:
			if (w_write(r->w, r->p->pool + op->off, op->len) == -1)
				return -1;
			break;
		case TPL_OP_TEXT:
			if (op_text(r, op) == -1)
				return -1;
			break;
		case TPL_OP_ATTR:
			if (op_attr(r, op, TPL_URL_NONE) == -1)
				return -1;
			break;
		case TPL_OP_ATTR_URL:
			if (op_attr(r, op, TPL_URL_LINK) == -1)
				return -1;
			break;
		case TPL_OP_ATTR_SRC:
			if (op_attr(r, op, TPL_URL_LOAD) == -1)
				return -1;
			break;
		case TPL_OP_IF:
		case TPL_OP_UNLESS:
			if (view_value_truthy(resolve(r, &op->path, &tmp)) !=
			    (op->code == TPL_OP_IF)) {
				pc = op->jump;
				continue;
			}
			break;
		case TPL_OP_EACH:
			v = resolve(r, &op->path, &tmp);
			if (v == NULL || v->type != VIEW_LIST ||
			    v->u.list->count == 0) {
				pc = op->jump;
				continue;
			}
			f = &r->frames[op->slot];
			f->cur = v->u.list->head;
			f->index = 0;
			f->count = v->u.list->count;
			break;
		case TPL_OP_NEXT:
			f = &r->frames[op->slot];
			if ((f->cur = f->cur->next) != NULL) {
				f->index++;
				pc = op->jump;
				continue;
			}
			break;
		default:
			abort();
		}
		pc++;
	}
	return 0;
}

static int
tpl_cmp(const void *key, const void *t)
{
	return strcmp(key, ((const struct tpl *)t)->name);
}

static const struct tpl *
find(const struct tpl_set *set, const char *name)
{
	if (set == NULL || name == NULL)
		return NULL;
	return bsearch(name, set->v, set->n, sizeof(*set->v), tpl_cmp);
}

int
tpl_has(const struct tpl_set *set, const char *name)
{
	return find(set, name) != NULL;
}

int
tpl_render(const struct tpl_set *set, const char *name, enum lang lang,
    const struct view *view, struct writer *w)
{
	const struct tpl	*t;
	struct render		 r;

	if ((t = find(set, name)) == NULL || (unsigned)lang >= LANG__MAX)
		return -1;
	r.p = &t->prog[lang];
	r.root = view;
	r.w = w;
	r.refused = 0;
	if (run(&r) == -1)
		return -1;
	return r.refused;
}
