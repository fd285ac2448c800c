/*
 * Writers and arena-backed growable buffers.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/writer.h"

int
w_write(struct writer *w, const void *p, size_t len)
{
	if (w->failed)
		return -1;
	if (len == 0)
		return 0;
	if (w->write(w->cookie, p, len) == -1) {
		w->failed = 1;
		return -1;
	}
	w->written += len;
	return 0;
}

int
w_puts(struct writer *w, const char *s)
{
	return w_write(w, s, strlen(s));
}

int
w_printf(struct writer *w, const char *fmt, ...)
{
	char	 small[512];
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	/* Formatted output is for short, program-made strings only. */
	if (n < 0 || (size_t)n >= sizeof(small)) {
		w->failed = 1;
		return -1;
	}
	return w_write(w, small, (size_t)n);
}

void
buf_init(struct buf *b, struct arena *a, size_t max)
{
	b->arena = a;
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

int
buf_append(struct buf *b, const void *p, size_t len)
{
	size_t	 ncap;
	char	*n;

	if (len > b->max || b->len > b->max - len)
		return -1;
	if (b->cap - b->len <= len) {
		ncap = b->cap ? b->cap : 256;
		while (ncap - b->len <= len) {
			if (ncap > SIZE_MAX / 2)
				return -1;
			ncap *= 2;
		}
		if ((n = arena_alloc(b->arena, ncap)) == NULL)
			return -1;
		if (b->len)
			memcpy(n, b->data, b->len);
		b->data = n;
		b->cap = ncap;
	}
	memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

static int
buf_write(void *cookie, const void *p, size_t len)
{
	return buf_append(cookie, p, len);
}

void
buf_writer(struct buf *b, struct writer *w)
{
	w->write = buf_write;
	w->cookie = b;
	w->failed = 0;
	w->written = 0;
}
