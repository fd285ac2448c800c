/*
 * Statement parameters. Overflowing PARAMS_MAX is a bug in the caller,
 * caught here rather than written past the arrays.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "data/params.h"

static int
next(struct params *p)
{
	if (p->n >= PARAMS_MAX)
		abort();
	return p->n++;
}

void
params_text(struct params *p, const char *s)
{
	int	 i = next(p);

	p->v[i] = s;
	p->len[i] = 0;
	p->fmt[i] = 0;
}

void
params_int(struct params *p, int64_t v)
{
	int	 i = next(p);

	(void)snprintf(p->num[i], sizeof(p->num[0]), "%" PRId64, v);
	p->v[i] = p->num[i];
	p->len[i] = 0;
	p->fmt[i] = 0;
}

void
params_bytes(struct params *p, const unsigned char *b, size_t len)
{
	int	 i = next(p);

	p->v[i] = (const char *)b;
	p->len[i] = (int)len;
	p->fmt[i] = 1;
}

void
params_bool(struct params *p, int b)
{
	params_text(p, b < 0 ? NULL : b ? "true" : "false");
}

enum db_err
params_exec(enum stmt s, struct params *p, PGresult **res)
{
	return db_exec_bin(s, p->v, p->len, p->fmt, p->n, res);
}

enum db_err
params_run(enum stmt s, struct params *p)
{
	PGresult	*res;
	enum db_err	 e;

	if ((e = params_exec(s, p, &res)) == DB_OK)
		PQclear(res);
	return e;
}
