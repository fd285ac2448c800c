/*
 * The Atom feeds' entries (README, "Feeds"): the newest public letters,
 * replies and published implementation updates, of everyone, one State
 * or one mandate. A confidential reply has an entry (that a reply came
 * is public) but never its text: its summary is "".
 */
#ifndef PORTAL_DATA_FEEDS_H
#define PORTAL_DATA_FEEDS_H

#include <stddef.h>

#include "data/db.h"

struct arena;

#define FEED_ENTRIES_MAX	50	/* entries in a feed */

struct feed_entry {
	char		 kind;		/* 'c' letter, 'r' reply, 'u' update */
	const char	*id;		/* the entry's own id */
	const char	*parent;	/* the letter's or recommendation's id */
	const char	*title;
	const char	*updated;	/* RFC 3339, UTC */
	const char	*http_date;	/* the same as an HTTP date */
	const char	*summary;
};

/*
 * kinds: a set of 'c', 'r', 'u'; state, mandate: "" for any. Newest
 * first, at most FEED_ENTRIES_MAX, copied into the arena.
 */
enum db_err	feed_entries(struct arena *, const char *kinds,
		    const char *state, const char *mandate,
		    struct feed_entry **, size_t *)
		    __attribute__((warn_unused_result));
/* *found = 1 if state (or else mandate) names a State or a mandate. */
enum db_err	feed_scope_exists(const char *state, const char *mandate,
		    int *found) __attribute__((warn_unused_result));

#endif /* PORTAL_DATA_FEEDS_H */
