/*
 * The representation of views, shared by view.c and the renderer only.
 * Handlers include view.h and never see these structures.
 *
 * Maps are insertion-ordered linked lists of entries carrying a 32-bit
 * hash of their key: maps are small (tens of keys), and a compiled path
 * segment carries the same hash, so a lookup compares integers first.
 */
#ifndef PORTAL_VIEW_VIEW_IMPL_H
#define PORTAL_VIEW_VIEW_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "view/view.h"

enum view_type {
	VIEW_STR,
	VIEW_INT,
	VIEW_BOOL,
	VIEW_MAP,
	VIEW_LIST,
	VIEW_TYPE__MAX
};

struct view_list;

struct view_value {
	enum view_type		 type;
	union {
		struct {
			const char	*p;
			size_t		 len;
		}			 s;
		long long		 i;
		int			 b;
		struct view		*map;
		struct view_list	*list;
	}			 u;
};

struct view_entry {
	struct view_entry	*next;
	const char		*key;
	size_t			 keylen;
	uint32_t		 hash;
	struct view_value	 v;
};

struct view {
	struct arena		*arena;
	struct view_entry	*head;
	struct view_entry	*tail;
};

struct view_item {
	struct view_item	*next;
	struct view_value	 v;
};

struct view_list {
	struct view_item	*head;
	struct view_item	*tail;
	size_t			 count;
};

/* FNV-1a over len bytes: the hash of keys and of compiled path segments. */
uint32_t		 view_hash(const char *, size_t);
/* The value under one key of a map, or NULL. */
const struct view_value	*view_find(const struct view *, const char *key,
			    size_t len, uint32_t hash);
/* The rule of t:if for one value; NULL is false. */
int			 view_value_truthy(const struct view_value *);

#endif /* PORTAL_VIEW_VIEW_IMPL_H */
