/*
 * A writer is where output goes: the FastCGI stream in a worker, a memory
 * buffer in tests and golden files. Errors are sticky: after the first
 * failed write (a client that went away) every later write fails at once,
 * so a renderer can stop at its next check instead of writing into the void.
 */
#ifndef PORTAL_CORE_WRITER_H
#define PORTAL_CORE_WRITER_H

#include <stddef.h>

struct arena;

struct writer {
	/* Write all len bytes or return -1. */
	int	(*write)(void *cookie, const void *buf, size_t len);
	void	 *cookie;
	int	  failed;
	size_t	  written;
};

/* 0 on success, -1 if this or any earlier write failed. */
int	w_write(struct writer *, const void *, size_t)
	    __attribute__((warn_unused_result));
int	w_puts(struct writer *, const char *)
	    __attribute__((warn_unused_result));
int	w_printf(struct writer *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3), warn_unused_result));

/*
 * A growable memory buffer, allocated from an arena, usable as a writer.
 * data is NUL-terminated after every append (len excludes the NUL).
 */
struct buf {
	struct arena	*arena;
	char		*data;
	size_t		 len;
	size_t		 cap;
	size_t		 max;	/* refuse to grow past this many bytes */
};

void	buf_init(struct buf *, struct arena *, size_t max);
/* 0 on success, -1 when out of memory or past max. */
int	buf_append(struct buf *, const void *, size_t)
	    __attribute__((warn_unused_result));
/* A writer that appends to b. */
void	buf_writer(struct buf *b, struct writer *w);

#endif /* PORTAL_CORE_WRITER_H */
