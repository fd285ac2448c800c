/*
 * Structured logging: one line per event on stderr, as key=value pairs
 * ("logfmt"), for example
 *
 *   ts=2026-11-26T18:40:00Z level=warn pid=812 event=db.down detail="..."
 *
 * What may never be logged: client addresses, user agents, request bodies,
 * query strings, cookies, or anything a user typed. Callers pass only
 * program-made values; as a second line of defence every byte outside
 * printable ASCII is replaced, so a value can never forge a new line.
 */
#ifndef PORTAL_CORE_LOG_H
#define PORTAL_CORE_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG__MAX };

/* fmt yields the rest of the line after event=..., e.g. "status=%d". */
void	log_event(enum log_level, const char *event, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Events below this level are dropped (default LOG_INFO). */
void	log_set_level(enum log_level);
int	log_level_parse(const char *, enum log_level *);

#endif /* PORTAL_CORE_LOG_H */
