/*
 * CSV: the records of an input fed whole and fed in two pieces (split at
 * a point taken from the input) must be the same, and every record,
 * written back with csv_quote and parsed again, must give the same
 * fields.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A digest of the records seen: a running hash and counts. */
struct digest {
	uint64_t	 h;
	size_t		 records;
	int		 requote;	/* parse each record again */
};

static void
mix(struct digest *d, const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		d->h = (d->h ^ (unsigned char)s[i]) * 1099511628211ull;
	d->h = (d->h ^ 0x1ff) * 1099511628211ull;
}

static int	record(const struct csv_record *, void *);

struct again {
	const struct csv_record	*want;
	int			 same;
	size_t			 n;
};

static int
compare(const struct csv_record *r, void *arg)
{
	struct again	*a = arg;
	size_t		 i;

	a->n++;
	if (r->nfields != a->want->nfields)
		a->same = 0;
	for (i = 0; a->same && i < r->nfields; i++)
		if (r->len[i] != a->want->len[i] ||
		    memcmp(r->field[i], a->want->field[i], r->len[i]) != 0)
			a->same = 0;
	return 0;
}

static void
requote(const struct csv_record *r)
{
	struct again	 a = { r, 1, 0 };
	struct csv	 p;
	char		*out;
	size_t		 i, n = 0, cap = 2;

	for (i = 0; i < r->nfields; i++)
		cap += 2 * r->len[i] + 3;
	if ((out = malloc(cap)) == NULL)
		abort();
	for (i = 0; i < r->nfields; i++) {
		if (i > 0)
			out[n++] = ',';
		n += csv_quote(r->field[i], r->len[i], out + n, cap - n);
	}
	out[n++] = '\n';
	if (csv_init(&p, compare, &a) == -1)
		abort();
	/* A record that was a lone empty field is written as a blank line. */
	if (csv_feed(&p, out, n) == CSV_OK && csv_end(&p) == CSV_OK &&
	    !(r->nfields == 1 && r->len[0] == 0 && a.n == 0) &&
	    (a.n != 1 || !a.same))
		abort();
	csv_free(&p);
	free(out);
}

static int
record(const struct csv_record *r, void *arg)
{
	struct digest	*d = arg;
	size_t		 i;

	d->records++;
	for (i = 0; i < r->nfields; i++) {
		if (strlen(r->field[i]) != r->len[i])
			abort();
		mix(d, r->field[i], r->len[i]);
	}
	mix(d, "\n", 1);
	if (d->requote)
		requote(r);
	return 0;
}

static enum csv_err
run(const char *s, size_t size, size_t split, struct digest *d)
{
	struct csv	 p;
	enum csv_err	 e;

	if (csv_init(&p, record, d) == -1)
		abort();
	if ((e = csv_feed(&p, s, split)) == CSV_OK &&
	    (e = csv_feed(&p, s + split, size - split)) == CSV_OK)
		e = csv_end(&p);
	csv_free(&p);
	return e;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*s = (const char *)data;
	struct digest	 whole = { 14695981039346656037ull, 0, 1 };
	struct digest	 parts = { 14695981039346656037ull, 0, 0 };
	enum csv_err	 a, b;
	size_t		 split;

	split = size == 0 ? 0 : data[0] % (size + 1);
	a = run(s, size, size, &whole);
	b = run(s, size, split, &parts);
	if (a != b || whole.h != parts.h || whole.records != parts.records)
		abort();
	return 0;
}
