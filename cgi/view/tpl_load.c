/*
 * The template set: find dir/NAME.xhtml, parse every file, compile every
 * template for every language, drop the DOMs. Also `check-templates`.
 *
 * All of this happens once per worker, before the first request; the
 * set is then read-only. Every template is compiled, not only those that
 * handlers render, so that a mistake in a partial or a layout is found
 * at load even if no page uses it yet.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "view/tpl.h"
#include "view/tpl_impl.h"

#define SUFFIX		".xhtml"
#define SUFFIX_LEN	(sizeof(SUFFIX) - 1)

void
tpl_errf(struct tpl_err *e, const char *file, long line, const char *fmt,
    ...)
{
	char	 msg[512];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (e->report != NULL) {
		if (line > 0)
			fprintf(e->report, "%s:%ld: %s\n", file, line, msg);
		else
			fprintf(e->report, "%s: %s\n", file, msg);
	} else if (e->count == 0 && e->len > 0) {
		if (line > 0)
			snprintf(e->buf, e->len, "%s:%ld: %s", file, line, msg);
		else
			snprintf(e->buf, e->len, "%s: %s", file, msg);
	}
	e->count++;
}

static int
src_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tpl_src *)a)->name,
	    ((const struct tpl_src *)b)->name);
}

static int
tpl_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tpl *)a)->name,
	    ((const struct tpl *)b)->name);
}

static void
srcs_free(struct tpl_srcs *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		xmlFreeDoc(s->v[i].doc);
		free(s->v[i].name);
		free(s->v[i].file);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* Template names are file names: [a-z0-9_-]+ before ".xhtml". */
static int
template_name(const char *f, size_t *len)
{
	size_t	 n = strlen(f), i;

	if (n <= SUFFIX_LEN || strcmp(f + n - SUFFIX_LEN, SUFFIX) != 0)
		return 0;
	n -= SUFFIX_LEN;
	for (i = 0; i < n; i++)
		if (!((f[i] >= 'a' && f[i] <= 'z') ||
		    (f[i] >= '0' && f[i] <= '9') || f[i] == '_' ||
		    f[i] == '-'))
			return -1;
	*len = n;
	return 1;
}

static char *
path_join(const char *dir, const char *file)
{
	size_t	 a = strlen(dir), b = strlen(file);
	char	*p;

	if ((p = malloc(a + b + 2)) == NULL)
		return NULL;
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, file, b + 1);
	return p;
}

static int
scan(const char *dir, struct tpl_srcs *s, struct tpl_err *e)
{
	struct tpl_src	*n;
	struct dirent	*de;
	DIR		*d;
	size_t		 len, cap = 0;
	int		 rc = -1, k;

	if ((d = opendir(dir)) == NULL) {
		tpl_errf(e, dir, 0, "cannot open the template directory");
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if ((k = template_name(de->d_name, &len)) == 0)
			continue;
		if (k == -1) {
			tpl_errf(e, de->d_name, 0, "template file names are "
			    "[a-z0-9_-]+.xhtml");
			goto out;
		}
		if (s->n == TPL_MAX_TEMPLATES) {
			tpl_errf(e, dir, 0, "more than TPL_MAX_TEMPLATES");
			goto out;
		}
		if (s->n == cap) {
			cap = cap ? cap * 2 : 32;
			if ((n = reallocarray(s->v, cap, sizeof(*n))) == NULL)
				goto oom;
			s->v = n;
		}
		n = &s->v[s->n];
		memset(n, 0, sizeof(*n));
		if ((n->name = strndup(de->d_name, len)) == NULL)
			goto oom;
		s->n++;
		if ((n->file = path_join(dir, de->d_name)) == NULL)
			goto oom;
	}
	qsort(s->v, s->n, sizeof(*s->v), src_cmp);
	rc = 0;
	goto out;
oom:
	tpl_errf(e, dir, 0, "out of memory");
out:
	closedir(d);
	return rc;
}

void
tpl_free(struct tpl_set *set)
{
	size_t	 i;
	int	 l;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++) {
		for (l = 0; l < LANG__MAX; l++)
			tpl_prog_free(&set->v[i].prog[l]);
		free(set->v[i].name);
	}
	free(set->v);
	free(set);
}

/*
 * Parse and compile everything. With e->report, carry on after an error
 * to find the others (and compile for one language only: errors do not
 * depend on it); otherwise stop at the first.
 */
static struct tpl_set *
load(const char *dir, const struct i18n *cat, struct tpl_err *e)
{
	struct tpl_srcs	 srcs = { 0 };
	struct tpl_set	*set = NULL;
	struct tpl	*t;
	size_t		 i;
	int		 l, nlang = e->report != NULL ? 1 : LANG__MAX;

	xmlInitParser();
	if (scan(dir, &srcs, e) == -1)
		goto fail;
	for (i = 0; i < srcs.n; i++)
		if (tpl_parse(&srcs.v[i], e) == -1 && e->report == NULL)
			goto fail;
	if ((set = calloc(1, sizeof(*set))) == NULL ||
	    (set->v = calloc(srcs.n ? srcs.n : 1, sizeof(*set->v))) == NULL) {
		tpl_errf(e, dir, 0, "out of memory");
		goto fail;
	}
	for (i = 0; i < srcs.n; i++) {
		if (srcs.v[i].doc == NULL)
			continue;
		t = &set->v[set->n++];
		if ((t->name = strdup(srcs.v[i].name)) == NULL) {
			tpl_errf(e, dir, 0, "out of memory");
			goto fail;
		}
		for (l = 0; l < nlang; l++)
			if (tpl_compile(&srcs, &srcs.v[i], (enum lang)(nlang ==
			    1 ? LANG_EN : l), cat, &t->prog[l], e) == -1)
				break;
		if (l < nlang && e->report == NULL)
			goto fail;
	}
	srcs_free(&srcs);
	if (e->count > 0) {
		tpl_free(set);
		return NULL;
	}
	qsort(set->v, set->n, sizeof(*set->v), tpl_cmp);
	return set;
fail:
	srcs_free(&srcs);
	tpl_free(set);
	return NULL;
}

struct tpl_set *
tpl_load(const char *dir, const struct i18n *catalogs, char *err,
    size_t errlen)
{
	struct tpl_err	 e = { err, errlen, NULL, 0 };

	if (errlen > 0)
		err[0] = '\0';
	return load(dir, catalogs, &e);
}

int
tpl_check(const char *dir, FILE *report)
{
	struct tpl_err	 e = { NULL, 0, report, 0 };
	struct tpl_set	*set;

	set = load(dir, NULL, &e);
	tpl_free(set);
	return e.count == 0 && set != NULL ? 0 : -1;
}
