/*
 * The view: the data a handler hands to a template, a tree of typed values
 * (maps, lists, strings, integers, booleans) in the request arena.
 *
 * A view holds data, never markup: whatever a string contains, the
 * renderer writes it escaped, as text or as an attribute value.
 *
 * Caveats: strings and keys are not copied. The caller guarantees that
 * they live as long as the request (string literals, or memory from the
 * same arena). Keys are names: [A-Za-z_][A-Za-z0-9_]*, because templates
 * address values by dotted paths ("state.name"). Setting a key twice
 * replaces its value. Nothing is ever freed but by the arena.
 */
#ifndef PORTAL_VIEW_VIEW_H
#define PORTAL_VIEW_VIEW_H

#include <stddef.h>

struct arena;
struct view;		/* a map */

/* An empty map in arena a; NULL when the arena is exhausted. */
struct view	*view_new(struct arena *a)
		    __attribute__((warn_unused_result));

/*
 * Set key to a scalar. 0 on success; -1 when the arena is exhausted, the
 * key is not a name, or (view_set_strf) the formatted string cannot be
 * made. view_set_str keeps the value pointer; NULL is stored as "".
 * view_set_strf formats into the arena.
 */
int	view_set_str(struct view *, const char *key, const char *value)
	    __attribute__((warn_unused_result));
int	view_set_strf(struct view *, const char *key, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4), warn_unused_result));
int	view_set_int(struct view *, const char *key, long long value)
	    __attribute__((warn_unused_result));
int	view_set_bool(struct view *, const char *key, int value)
	    __attribute__((warn_unused_result));

/*
 * A new empty map stored under key, for the caller to fill. NULL when the
 * arena is exhausted or the key is not a name.
 */
struct view	*view_set_map(struct view *, const char *key)
		    __attribute__((warn_unused_result));

/*
 * Append a new empty map to the list under list_key, creating the list if
 * the key is unset, and return the map for the caller to fill. NULL when
 * the arena is exhausted, the key is not a name, or the key holds
 * something other than a list.
 */
struct view	*view_list_append(struct view *, const char *list_key)
		    __attribute__((warn_unused_result));
/* The same for a list of strings (value kept, NULL stored as ""): 0 or -1. */
int		 view_list_append_str(struct view *, const char *list_key,
		    const char *value)
		    __attribute__((warn_unused_result));

/*
 * Make key an empty list if it is unset, so that a template can tell "no
 * rows" from "not computed"; 0, or -1 as for view_list_append.
 */
int		 view_set_list(struct view *, const char *key)
		    __attribute__((warn_unused_result));

/*
 * Lookups by dotted path ("a.b.c": maps only, no list indexing), for
 * handlers and tests; the renderer uses precompiled paths instead.
 * view_get_str returns NULL unless the path holds a string; view_get_int
 * returns 0 and sets *out only for an integer; view_truthy is the rule
 * of t:if (true boolean, non-empty string or list, non-zero integer, any
 * map), 0 for a missing path.
 */
const char	*view_get_str(const struct view *, const char *path);
int		 view_get_int(const struct view *, const char *path,
		    long long *out) __attribute__((warn_unused_result));
int		 view_truthy(const struct view *, const char *path);

#endif /* PORTAL_VIEW_VIEW_H */
