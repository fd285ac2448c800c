/*
 * The .mo loader: GNU gettext's binary catalog format, read by hand.
 *
 *	offset 0	magic 0x950412de, in the file's byte order
 *	       4	revision (major 0; minor 0 or 1)
 *	       8	N, the number of strings
 *	      12	O, offset of the table of original strings
 *	      16	T, offset of the table of translations
 *	      20	hash table size and offset (ignored: we sort)
 *	O + 8i		length and offset of msgid i (NUL after it)
 *	T + 8i		length and offset of msgstr i
 *
 * Security: a catalog is a file on disk that translators influence. Every
 * offset and length is checked against the file size in 64-bit arithmetic
 * before use, every string must be NUL-terminated where its length says,
 * be valid UTF-8, and the header must say charset=UTF-8. The hash table
 * and the sortedness msgfmt promises are not trusted: we sort an index of
 * our own and refuse duplicates.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "view/i18n.h"

#define MO_MAGIC	0x950412deu
#define MO_HEADER_BYTES	28u

struct msg {
	const char	*id;	/* NUL-terminated singular msgid */
	const char	*str;	/* NUL-terminated first form */
};

struct catalog {
	unsigned char	*data;	/* the file, owned */
	size_t		 size;
	struct msg	*msgs;	/* sorted by id */
	size_t		 n;
};

struct i18n {
	struct catalog	 cat[LANG__MAX];
};

struct i18n *
i18n_new(void)
{
	return calloc(1, sizeof(struct i18n));
}

static void
catalog_clear(struct catalog *c)
{
	free(c->data);
	free(c->msgs);
	memset(c, 0, sizeof(*c));
}

void
i18n_free(struct i18n *t)
{
	int	 i;

	if (t == NULL)
		return;
	for (i = 0; i < LANG__MAX; i++)
		catalog_clear(&t->cat[i]);
	free(t);
}

static uint32_t
get32(const unsigned char *p, int big)
{
	if (big)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		    (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | p[0];
}

/* Strict UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF. */
static int
utf8_ok(const unsigned char *s, size_t len)
{
	size_t		 i = 0, n, k;
	uint32_t	 c;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf) {
			n = 1;
			c = s[i] & 0x1f;
		} else if (s[i] >= 0xe0 && s[i] <= 0xef) {
			n = 2;
			c = s[i] & 0x0f;
		} else if (s[i] >= 0xf0 && s[i] <= 0xf4) {
			n = 3;
			c = s[i] & 0x07;
		} else
			return 0;
		if (len - i - 1 < n)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (s[i + k] & 0x3f);
		}
		if ((n == 2 && c < 0x800) || (n == 3 && c < 0x10000) ||
		    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		i += n + 1;
	}
	return 1;
}

/*
 * String i of the table at tab: checked, NUL-terminated, valid UTF-8.
 * NULL if anything is out of bounds.
 */
static const char *
mo_string(const unsigned char *d, size_t size, uint32_t tab, uint32_t i,
    int big, size_t *lenp)
{
	uint64_t	 at = (uint64_t)tab + (uint64_t)i * 8;
	uint32_t	 len, off;

	if (at + 8 > size)
		return NULL;
	len = get32(d + at, big);
	off = get32(d + at + 4, big);
	if ((uint64_t)off + len + 1 > size || d[(size_t)off + len] != '\0')
		return NULL;
	if (!utf8_ok(d + off, len))
		return NULL;
	*lenp = len;
	return (const char *)d + off;
}

/* The header must declare charset=UTF-8 (any case, as msgfmt allows). */
static int
header_utf8(const char *h)
{
	const char	*p;
	size_t		 n;

	if ((p = strstr(h, "charset=")) == NULL)
		return 0;
	p += strlen("charset=");
	n = strcspn(p, " \t\n;");
	return (n == 5 && strncasecmp(p, "UTF-8", 5) == 0) ||
	    (n == 4 && strncasecmp(p, "UTF8", 4) == 0);
}

static int
msg_cmp(const void *a, const void *b)
{
	return strcmp(((const struct msg *)a)->id, ((const struct msg *)b)->id);
}

static int
fail(char *err, size_t errlen, const char *why)
{
	if (errlen > 0)
		snprintf(err, errlen, "%s", why);
	return -1;
}

int
i18n_add_mo(struct i18n *t, enum lang lang, const void *data, size_t size,
    char *err, size_t errlen)
{
	struct catalog	 c = { 0 };
	const char	*id, *str;
	uint32_t	 n, otab, ttab, i;
	size_t		 idlen, strlen_;
	int		 big, header = 0;

	if ((unsigned)lang >= LANG__MAX)
		return fail(err, errlen, "no such language");
	if (size > I18N_MAX_FILE_BYTES)
		return fail(err, errlen, "larger than I18N_MAX_FILE_BYTES");
	if (size < MO_HEADER_BYTES)
		return fail(err, errlen, "too short for a .mo header");
	if (get32(data, 0) == MO_MAGIC)
		big = 0;
	else if (get32(data, 1) == MO_MAGIC)
		big = 1;
	else
		return fail(err, errlen, "not a .mo file (bad magic)");
	if (get32((const unsigned char *)data + 4, big) >> 16 != 0)
		return fail(err, errlen, "unsupported .mo revision");
	n = get32((const unsigned char *)data + 8, big);
	otab = get32((const unsigned char *)data + 12, big);
	ttab = get32((const unsigned char *)data + 16, big);
	if ((uint64_t)otab + (uint64_t)n * 8 > size ||
	    (uint64_t)ttab + (uint64_t)n * 8 > size)
		return fail(err, errlen, "string tables past the end");
	if ((c.data = malloc(size)) == NULL ||
	    (c.msgs = calloc(n ? n : 1, sizeof(*c.msgs))) == NULL) {
		catalog_clear(&c);
		return fail(err, errlen, "out of memory");
	}
	memcpy(c.data, data, size);
	c.size = size;
	for (i = 0; i < n; i++) {
		id = mo_string(c.data, size, otab, i, big, &idlen);
		str = mo_string(c.data, size, ttab, i, big, &strlen_);
		if (id == NULL || str == NULL) {
			catalog_clear(&c);
			return fail(err, errlen, "string out of bounds, "
			    "unterminated or not UTF-8");
		}
		if (idlen == 0) {
			header = header_utf8(str);
			continue;
		}
		/* An empty translation is no translation. */
		if (str[0] == '\0')
			continue;
		c.msgs[c.n].id = id;
		c.msgs[c.n].str = str;
		c.n++;
	}
	if (!header) {
		catalog_clear(&c);
		return fail(err, errlen, "no header with charset=UTF-8");
	}
	qsort(c.msgs, c.n, sizeof(*c.msgs), msg_cmp);
	for (i = 1; i < c.n; i++)
		if (strcmp(c.msgs[i - 1].id, c.msgs[i].id) == 0) {
			catalog_clear(&c);
			return fail(err, errlen, "duplicate msgid");
		}
	catalog_clear(&t->cat[lang]);
	t->cat[lang] = c;
	return 0;
}

/* Read path whole; 1 if it does not exist, 0 on success, -1 on error. */
static int
read_mo(const char *path, unsigned char **out, size_t *outlen,
    const char **why)
{
	struct stat	 st;
	unsigned char	*buf = NULL;
	size_t		 got = 0;
	ssize_t		 r;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return 1;
		*why = strerror(errno);
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		*why = "not a regular file";
		goto fail;
	}
	if (st.st_size > (off_t)I18N_MAX_FILE_BYTES) {
		*why = "larger than I18N_MAX_FILE_BYTES";
		goto fail;
	}
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL) {
		*why = "out of memory";
		goto fail;
	}
	while (got < (size_t)st.st_size) {
		r = read(fd, buf + got, (size_t)st.st_size - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0) {
			*why = r == 0 ? "file shrank while read" :
			    strerror(errno);
			goto fail;
		}
		got += (size_t)r;
	}
	close(fd);
	*out = buf;
	*outlen = got;
	return 0;
fail:
	free(buf);
	close(fd);
	return -1;
}

struct i18n *
i18n_load(const char *dir, char *err, size_t errlen)
{
	struct i18n	*t;
	unsigned char	*buf;
	const char	*why = NULL;
	char		 path[4096], msg[256];
	size_t		 len;
	int		 i, rc;

	if ((t = i18n_new()) == NULL) {
		fail(err, errlen, "out of memory");
		return NULL;
	}
	for (i = 0; i < LANG__MAX; i++) {
		if (snprintf(path, sizeof(path), "%s/%s.mo", dir,
		    lang_code[i]) >= (int)sizeof(path)) {
			fail(err, errlen, "catalog path too long");
			goto bad;
		}
		if ((rc = read_mo(path, &buf, &len, &why)) == 1)
			continue;
		if (rc == -1) {
			snprintf(err, errlen, "%s: %s", path, why);
			goto bad;
		}
		rc = i18n_add_mo(t, (enum lang)i, buf, len, msg, sizeof(msg));
		free(buf);
		if (rc == -1) {
			snprintf(err, errlen, "%s: %s", path, msg);
			goto bad;
		}
	}
	return t;
bad:
	i18n_free(t);
	return NULL;
}

const char *
i18n_get(const struct i18n *t, enum lang lang, const char *msgid)
{
	const struct catalog	*c;
	const struct msg	*m;
	struct msg		 key;

	if (t == NULL || msgid == NULL || msgid[0] == '\0' ||
	    (unsigned)lang >= LANG__MAX)
		return msgid;
	c = &t->cat[lang];
	if (c->n == 0)
		return msgid;
	key.id = msgid;
	m = bsearch(&key, c->msgs, c->n, sizeof(*c->msgs), msg_cmp);
	return m != NULL ? m->str : msgid;
}

size_t
i18n_count(const struct i18n *t, enum lang lang)
{
	if (t == NULL || (unsigned)lang >= LANG__MAX)
		return 0;
	return t->cat[lang].n;
}
