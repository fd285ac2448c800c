/*
 * The request arena: all memory a request needs comes from here and is
 * released at once when the request ends, so no request can leak.
 *
 * Caveats: there is no per-object free; an arena is not thread-safe; an
 * arena refuses to grow past its cap (ARENA_MAX_BYTES by default), so every
 * allocation can fail and callers must check for NULL.
 */
#ifndef PORTAL_CORE_ARENA_H
#define PORTAL_CORE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/* A new arena that will never hold more than cap bytes. NULL if out of memory. */
struct arena	*arena_new(size_t cap);
/* Give back everything but the first block; the arena is ready for reuse. */
void		 arena_reset(struct arena *);
void		 arena_free(struct arena *);
/* Bytes handed out since the last reset (for tests and accounting). */
size_t		 arena_used(const struct arena *);

/* Memory aligned for any type; NULL past the cap or on overflow. */
void	*arena_alloc(struct arena *, size_t)
	    __attribute__((malloc, warn_unused_result));
/* Zeroed n * size bytes; NULL if the product overflows or past the cap. */
void	*arena_calloc(struct arena *, size_t n, size_t size)
	    __attribute__((malloc, warn_unused_result));
/* A NUL-terminated copy of the first len bytes of s. */
char	*arena_strndup(struct arena *, const char *s, size_t len)
	    __attribute__((warn_unused_result));
char	*arena_strdup(struct arena *, const char *s)
	    __attribute__((warn_unused_result));
char	*arena_printf(struct arena *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3), warn_unused_result));
char	*arena_vprintf(struct arena *, const char *fmt, va_list)
	    __attribute__((format(printf, 2, 0), warn_unused_result));

#endif /* PORTAL_CORE_ARENA_H */
