/*
 * Reading a receipt from a form. Only two fields are kept; the file is
 * held in memory because a receipt is small (NOTE_MAX_BYTES at most).
 */
#include <string.h>

#include "core/arena.h"
#include "core/writer.h"
#include "http/body.h"
#include "http/csrf.h"
#include "http/request.h"
#include "pages/verify_input.h"
#include "trust/note.h"

struct collect {
	struct arena	*arena;
	struct buf	 cur;
	int		 keep;
	const char	*receipt, *file, *csrf;
	size_t		 receipt_len, file_len;
};

static int
c_begin(void *arg, const struct mp_part *p)
{
	struct collect	*c = arg;

	c->keep = strcmp(p->name, "receipt") == 0 ||
	    strcmp(p->name, "receipt_file") == 0 ||
	    strcmp(p->name, CSRF_FIELD) == 0;
	buf_init(&c->cur, c->arena, NOTE_MAX_BYTES);
	return 0;
}

static int
c_data(void *arg, const struct mp_part *p, const char *buf, size_t len)
{
	struct collect	*c = arg;

	(void)p;
	if (!c->keep)
		return 0;
	return buf_append(&c->cur, buf, len);	/* -1 past NOTE_MAX_BYTES */
}

static int
c_end(void *arg, const struct mp_part *p)
{
	struct collect	*c = arg;
	const char	*v = c->cur.data != NULL ? c->cur.data : "";

	if (!c->keep)
		return 0;
	if (strcmp(p->name, "receipt") == 0) {
		c->receipt = v;
		c->receipt_len = c->cur.len;
	} else if (strcmp(p->name, "receipt_file") == 0) {
		c->file = v;
		c->file_len = c->cur.len;
	} else
		c->csrf = v;
	return 0;
}

static int
read_multipart(struct req *r, struct verify_input *in)
{
	static const struct mp_callbacks cb = { c_begin, c_data, c_end };
	struct mp_limits	 lim;
	struct collect		 c;
	enum mp_err		 err;
	int			 status;

	memset(&c, 0, sizeof(c));
	c.arena = r->arena;
	mp_limits_default(&lim);
	lim.max_files = 1;
	lim.max_file_bytes = NOTE_MAX_BYTES;
	lim.max_parts = 8;
	if ((status = body_multipart(r, &lim, &cb, &c, &err)) != 0)
		return err == MP_CALLBACK ? 413 : status;
	/* A pasted receipt wins over an empty file input, and vice versa. */
	if (c.receipt != NULL && c.receipt_len > 0) {
		in->receipt = c.receipt;
		in->len = c.receipt_len;
	} else if (c.file != NULL && c.file_len > 0) {
		in->receipt = c.file;
		in->len = c.file_len;
	}
	in->csrf = c.csrf;
	return 0;
}

static int
read_urlencoded(struct req *r, struct verify_input *in)
{
	const struct kv	*kv;
	struct kv	*pairs;
	size_t		 n;
	int		 status;

	if ((status = body_urlencoded(r, &pairs, &n)) != 0)
		return status;
	if (kv_count(pairs, n, "receipt") > 1 || kv_count(pairs, n, CSRF_FIELD) > 1)
		return 400;
	if ((kv = kv_find(pairs, n, "receipt")) != NULL) {
		in->receipt = kv->val;
		in->len = kv->vallen;
	}
	if ((kv = kv_find(pairs, n, CSRF_FIELD)) != NULL)
		in->csrf = kv->val;
	return 0;
}

/*
 * Browsers send form values with CRLF line ends (HTML's form encoding)
 * and people paste with stray blank lines; a signed note has LF and
 * ends with one newline.
 */
static int
normalize(struct arena *a, struct verify_input *in)
{
	char	*s, *d;
	size_t	 i;

	if ((s = arena_alloc(a, in->len + 2)) == NULL)
		return -1;
	for (d = s, i = 0; i < in->len; i++)
		if (!(in->receipt[i] == '\r' && i + 1 < in->len &&
		    in->receipt[i + 1] == '\n'))
			*d++ = in->receipt[i];
	while (d > s && (d[-1] == '\n' || d[-1] == ' ' || d[-1] == '\r' ||
	    d[-1] == '\t'))
		d--;
	*d++ = '\n';
	*d = '\0';
	in->receipt = s;
	in->len = (size_t)(d - s);
	return 0;
}

int
verify_input_read(struct req *r, struct verify_input *in)
{
	int	 status;

	memset(in, 0, sizeof(*in));
	if (body_is(r, "multipart/form-data"))
		status = read_multipart(r, in);
	else
		status = read_urlencoded(r, in);
	if (status == 0 && in->receipt != NULL && normalize(r->arena, in) == -1)
		return 500;
	return status;
}
