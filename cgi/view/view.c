/*
 * Views: typed data trees in the request arena.
 *
 * Everything is allocated from the arena given to view_new and shared by
 * every child map; nothing is freed but by the arena.
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "view/view_impl.h"

uint32_t
view_hash(const char *s, size_t len)
{
	uint32_t	 h = 2166136261u;
	size_t		 i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* Keys are what a template path segment can name; see tpl_path.c. */
static int
key_ok(const char *k, size_t *lenp)
{
	size_t	 i;

	if (k == NULL || !((k[0] >= 'a' && k[0] <= 'z') ||
	    (k[0] >= 'A' && k[0] <= 'Z') || k[0] == '_'))
		return 0;
	for (i = 1; k[i] != '\0'; i++)
		if (!((k[i] >= 'a' && k[i] <= 'z') ||
		    (k[i] >= 'A' && k[i] <= 'Z') ||
		    (k[i] >= '0' && k[i] <= '9') || k[i] == '_'))
			return 0;
	*lenp = i;
	return 1;
}

/* Keys are short: a loop beats a call to memcmp on the render path. */
static int
key_eq(const char *a, const char *b, size_t len)
{
	while (len-- > 0)
		if (*a++ != *b++)
			return 0;
	return 1;
}

const struct view_value *
view_find(const struct view *v, const char *key, size_t len, uint32_t hash)
{
	const struct view_entry	*e;

	for (e = v->head; e != NULL; e = e->next)
		if (e->hash == hash && e->keylen == len &&
		    key_eq(e->key, key, len))
			return &e->v;
	return NULL;
}

struct view *
view_new(struct arena *a)
{
	struct view	*v;

	if ((v = arena_calloc(a, 1, sizeof(*v))) == NULL)
		return NULL;
	v->arena = a;
	return v;
}

/*
 * The entry for key, created (as a false boolean) if missing; *created
 * tells which, when not NULL.
 */
static struct view_entry *
entry_get(struct view *v, const char *key, int *created)
{
	struct view_entry	*e;
	size_t			 len;
	uint32_t		 h;

	if (v == NULL || !key_ok(key, &len))
		return NULL;
	h = view_hash(key, len);
	if (created != NULL)
		*created = 0;
	for (e = v->head; e != NULL; e = e->next)
		if (e->hash == h && e->keylen == len &&
		    memcmp(e->key, key, len) == 0)
			return e;
	if (created != NULL)
		*created = 1;
	if ((e = arena_calloc(v->arena, 1, sizeof(*e))) == NULL)
		return NULL;
	e->key = key;
	e->keylen = len;
	e->hash = h;
	e->v.type = VIEW_BOOL;
	if (v->tail == NULL)
		v->head = e;
	else
		v->tail->next = e;
	v->tail = e;
	return e;
}

static struct view_entry *
entry(struct view *v, const char *key)
{
	return entry_get(v, key, NULL);
}

int
view_set_str(struct view *v, const char *key, const char *value)
{
	struct view_entry	*e;

	if ((e = entry(v, key)) == NULL)
		return -1;
	if (value == NULL)
		value = "";
	e->v.type = VIEW_STR;
	e->v.u.s.p = value;
	e->v.u.s.len = strlen(value);
	return 0;
}

int
view_set_strf(struct view *v, const char *key, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	if (v == NULL)
		return -1;
	va_start(ap, fmt);
	s = arena_vprintf(v->arena, fmt, ap);
	va_end(ap);
	if (s == NULL)
		return -1;
	return view_set_str(v, key, s);
}

int
view_set_int(struct view *v, const char *key, long long value)
{
	struct view_entry	*e;

	if ((e = entry(v, key)) == NULL)
		return -1;
	e->v.type = VIEW_INT;
	e->v.u.i = value;
	return 0;
}

int
view_set_bool(struct view *v, const char *key, int value)
{
	struct view_entry	*e;

	if ((e = entry(v, key)) == NULL)
		return -1;
	e->v.type = VIEW_BOOL;
	e->v.u.b = value != 0;
	return 0;
}

struct view *
view_set_map(struct view *v, const char *key)
{
	struct view_entry	*e;
	struct view		*m;

	if ((e = entry(v, key)) == NULL || (m = view_new(v->arena)) == NULL)
		return NULL;
	e->v.type = VIEW_MAP;
	e->v.u.map = m;
	return m;
}

/* The list under key, created if the key was unset; NULL otherwise. */
static struct view_list *
list_of(struct view *v, const char *key)
{
	struct view_entry	*e;
	struct view_list	*l;
	int			 fresh;

	if ((e = entry_get(v, key, &fresh)) == NULL)
		return NULL;
	if (e->v.type == VIEW_LIST)
		return e->v.u.list;
	if (!fresh)
		return NULL;
	if ((l = arena_calloc(v->arena, 1, sizeof(*l))) == NULL)
		return NULL;
	e->v.type = VIEW_LIST;
	e->v.u.list = l;
	return l;
}

static struct view_item *
item_append(struct arena *a, struct view_list *l)
{
	struct view_item	*it;

	if ((it = arena_calloc(a, 1, sizeof(*it))) == NULL)
		return NULL;
	if (l->tail == NULL)
		l->head = it;
	else
		l->tail->next = it;
	l->tail = it;
	l->count++;
	return it;
}

struct view *
view_list_append(struct view *v, const char *list_key)
{
	struct view_list	*l;
	struct view_item	*it;
	struct view		*m;

	if ((l = list_of(v, list_key)) == NULL)
		return NULL;
	if ((m = view_new(v->arena)) == NULL)
		return NULL;
	if ((it = item_append(v->arena, l)) == NULL)
		return NULL;
	it->v.type = VIEW_MAP;
	it->v.u.map = m;
	return m;
}

int
view_list_append_str(struct view *v, const char *list_key, const char *value)
{
	struct view_list	*l;
	struct view_item	*it;

	if ((l = list_of(v, list_key)) == NULL)
		return -1;
	if ((it = item_append(v->arena, l)) == NULL)
		return -1;
	if (value == NULL)
		value = "";
	it->v.type = VIEW_STR;
	it->v.u.s.p = value;
	it->v.u.s.len = strlen(value);
	return 0;
}

int
view_set_list(struct view *v, const char *key)
{
	return list_of(v, key) == NULL ? -1 : 0;
}

/* Walk a dotted path through maps; NULL if any step is missing. */
static const struct view_value *
lookup(const struct view *v, const char *path)
{
	const struct view_value	*val = NULL;
	const char		*dot;
	size_t			 len;

	if (v == NULL || path == NULL)
		return NULL;
	for (;;) {
		if ((dot = strchr(path, '.')) == NULL)
			len = strlen(path);
		else
			len = (size_t)(dot - path);
		if ((val = view_find(v, path, len, view_hash(path, len))) ==
		    NULL)
			return NULL;
		if (dot == NULL)
			return val;
		if (val->type != VIEW_MAP)
			return NULL;
		v = val->u.map;
		path = dot + 1;
	}
}

const char *
view_get_str(const struct view *v, const char *path)
{
	const struct view_value	*val = lookup(v, path);

	return val != NULL && val->type == VIEW_STR ? val->u.s.p : NULL;
}

int
view_get_int(const struct view *v, const char *path, long long *out)
{
	const struct view_value	*val = lookup(v, path);

	if (val == NULL || val->type != VIEW_INT)
		return -1;
	*out = val->u.i;
	return 0;
}

int
view_value_truthy(const struct view_value *v)
{
	if (v == NULL)
		return 0;
	switch (v->type) {
	case VIEW_STR:
		return v->u.s.len > 0;
	case VIEW_INT:
		return v->u.i != 0;
	case VIEW_BOOL:
		return v->u.b;
	case VIEW_MAP:
		return 1;
	case VIEW_LIST:
		return v->u.list->count > 0;
	default:
		return 0;
	}
}

int
view_truthy(const struct view *v, const char *path)
{
	return view_value_truthy(lookup(v, path));
}
