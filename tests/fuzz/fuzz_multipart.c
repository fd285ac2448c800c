/*
 * The streaming multipart parser, fed the same body whole and in chunks
 * whose sizes come from the first bytes of the input. Both runs must end
 * with the same result and, when they succeed, deliver the same parts
 * and bytes; every callback checks the limits it was promised.
 *
 * Input: byte 0 seeds the chunk sizes, byte 1 bounds them, the rest is
 * the body. The Content-Type is fixed; seeds use its boundary.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "http/multipart.h"
#include "portal_limits.h"

#define FUZZ_CT	"multipart/form-data; boundary=AaB03x"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Small limits, so that the fuzzer reaches every one of them. */
static const struct mp_limits lim = {
	.max_parts = 8,
	.max_header_bytes = 256,
	.max_field_bytes = 32,
	.max_file_bytes = 96,
	.max_files = 3,
};

struct seen {
	uint64_t	 hash;		/* FNV-1a over everything delivered */
	uint64_t	 partbytes;
	size_t		 parts;
	size_t		 files;
	int		 open;
};

static void
mix(struct seen *s, const void *p, size_t len)
{
	const unsigned char	*b = p;
	size_t			 i;

	for (i = 0; i < len; i++) {
		s->hash ^= b[i];
		s->hash *= 0x100000001b3ULL;
	}
}

static void
mix_str(struct seen *s, const char *str)
{
	if (str == NULL)
		mix(s, "\x01", 1);
	else
		mix(s, str, strlen(str) + 1);
}

static int
on_begin(void *ctx, const struct mp_part *p)
{
	struct seen	*s = ctx;

	if (s->open || p->index != s->parts || p->name == NULL ||
	    p->name[0] == '\0' || !utf8_valid(p->name, strlen(p->name)) ||
	    strlen(p->name) > FIELD_NAME_MAX_BYTES)
		abort();
	if (p->filename != NULL &&
	    (strlen(p->filename) > MP_FILENAME_MAX_BYTES ||
	    !utf8_valid(p->filename, strlen(p->filename))))
		abort();
	if (++s->parts > lim.max_parts)
		abort();
	if (p->filename != NULL && ++s->files > lim.max_files)
		abort();
	s->open = 1;
	s->partbytes = 0;
	mix(s, "B", 1);
	mix_str(s, p->name);
	mix_str(s, p->filename);
	mix_str(s, p->content_type);
	return 0;
}

static int
on_data(void *ctx, const struct mp_part *p, const char *buf, size_t len)
{
	struct seen	*s = ctx;

	if (!s->open || len == 0)
		abort();
	s->partbytes += len;
	if (s->partbytes > (p->filename != NULL ? lim.max_file_bytes :
	    lim.max_field_bytes))
		abort();
	mix(s, buf, len);
	return 0;
}

static int
on_end(void *ctx, const struct mp_part *p)
{
	struct seen	*s = ctx;

	(void)p;
	if (!s->open)
		abort();
	s->open = 0;
	mix(s, "E", 1);
	return 0;
}

static const struct mp_callbacks cbs = { on_begin, on_data, on_end };

static enum mp_err
parse(struct arena *a, const char *body, size_t len, uint32_t seed,
    size_t maxchunk, struct seen *s)
{
	struct mp_parser	*p;
	enum mp_err		 e;
	size_t			 off, n;

	memset(s, 0, sizeof(*s));
	s->hash = 0xcbf29ce484222325ULL;
	arena_reset(a);
	p = mp_new(a, FUZZ_CT, strlen(FUZZ_CT), &lim, &cbs, s, &e);
	if (p == NULL)
		abort();
	for (off = 0; off < len; off += n) {
		if (maxchunk == 0)
			n = len;
		else {
			/* xorshift32: cheap, reproducible from the input. */
			seed ^= seed << 13;
			seed ^= seed >> 17;
			seed ^= seed << 5;
			n = 1 + seed % maxchunk;
			if (n > len - off)
				n = len - off;
		}
		if ((e = mp_feed(p, body + off, n)) != MP_OK)
			break;
	}
	e = mp_finish(p);
	if (e == MP_OK && s->open)
		abort();
	return e;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct seen	 whole, chunked;
	enum mp_err	 e1, e2;

	if (size < 2)
		return 0;
	if ((a = arena_new(ARENA_MAX_BYTES)) == NULL)
		abort();
	e1 = parse(a, (const char *)data + 2, size - 2, 0, 0, &whole);
	e2 = parse(a, (const char *)data + 2, size - 2,
	    (uint32_t)data[0] * 2654435761u + 1, 1 + data[1] % 96, &chunked);
	if (e1 != e2)
		abort();
	if (e1 == MP_OK && (whole.hash != chunked.hash ||
	    whole.parts != chunked.parts))
		abort();
	arena_free(a);
	return 0;
}
