/*
 * What the lists of the public record share (communications.c,
 * visits.c, recommendations.c): filters read from the query string and
 * checked for shape, the options of a filter's select, and the pager,
 * whose links carry the filters percent-encoded.
 */
#ifndef PORTAL_PAGES_TRACKVIEW_H
#define PORTAL_PAGES_TRACKVIEW_H

#include <stddef.h>

struct req;
struct view;

#define TV_PAGE_MAX	2000	/* the deepest page a list shows */

/* One filter of a list: its query name and its (checked) value. */
struct tv_kv {
	const char	*name;
	const char	*value;		/* "" for any: left out of links */
};

/* The filter's value if ok() accepts it, else "" (any). */
const char	*tv_param(struct req *, const char *name,
		    int (*ok)(const char *));
/* The page asked for, 1 to TV_PAGE_MAX; 1 when absent or malformed. */
int		 tv_page(struct req *);

/* Append {code, name, selected} to the list. 0, or -1 out of memory. */
int		 tv_option(struct view *, const char *list, const char *code,
		    const char *name, const char *selected)
		    __attribute__((warn_unused_result));

/* path?name=value&... (filters percent-encoded); NULL out of memory. */
const char	*tv_link(struct req *, const char *path, const struct tv_kv *,
		    size_t);

/*
 * The State and mandate filters every list has: lists "states" and
 * "mandates" of options, and "all_states", "all_mandates" for "any".
 * 0, or the HTTP status of a failure.
 */
int		 tv_place_filters(struct req *, struct view *,
		    const char *state, const char *mandate)
		    __attribute__((warn_unused_result));

/*
 * A tracker list's own keys: action (path), total (formatted), none,
 * an empty list "rows", and the pager (tv_pager), for n rows fetched
 * with one more than per_page. 0, or -1 out of memory.
 */
int		 tv_list(struct req *, struct view *, const char *path,
		    long long total, size_t n, size_t per_page,
		    const struct tv_kv *, size_t, int p)
		    __attribute__((warn_unused_result));

/*
 * The pager of page p: keys page, pager (whether to show it), prev and
 * next (links to path with the filters, percent-encoded), when there is
 * such a page. more: there is a page after p. 0, or -1 out of memory.
 */
int		 tv_pager(struct req *, struct view *, const char *path,
		    const struct tv_kv *, size_t, int p, int more)
		    __attribute__((warn_unused_result));

#endif /* PORTAL_PAGES_TRACKVIEW_H */
