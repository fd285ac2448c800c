/*
 * Opening what intake sealed (see intake/issue.c and intake/intake.c for
 * how it was sealed).
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/arena.h"
#include "desk/reader.h"
#include "trust/keys.h"
#include "trust/seal.h"
#include "trust/submitter.h"

#define CONTENT_MAGIC	"portal-content/v1\n"

/* Parse "field NAME LEN\nVALUE\n" records; file lines end the fields. */
static int
parse_content(struct arena *a, const char *p, size_t len,
    struct content_field **out, size_t *n)
{
	struct content_field	*f;
	const char		*end = p + len, *nl, *sp;
	char			*num, *stop;
	size_t			 max = 0, vlen, i;

	if (len < strlen(CONTENT_MAGIC) ||
	    memcmp(p, CONTENT_MAGIC, strlen(CONTENT_MAGIC)) != 0)
		return -1;
	for (i = 0; i < len; i++)
		max += p[i] == '\n';
	if ((f = arena_alloc(a, (max + 1) * sizeof(*f))) == NULL)
		return -1;
	*n = 0;
	p += strlen(CONTENT_MAGIC);
	while (p < end && strncmp(p, "field ", 6) == 0) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL ||
		    (sp = memchr(p + 6, ' ', (size_t)(nl - p - 6))) == NULL ||
		    (num = arena_strndup(a, sp + 1, (size_t)(nl - sp - 1))) ==
		    NULL)
			return -1;
		vlen = strtoul(num, &stop, 10);
		if (*stop != '\0' || vlen >= (size_t)(end - nl - 1) ||
		    nl[1 + vlen] != '\n')
			return -1;
		if ((f[*n].name = arena_strndup(a, p + 6,
		    (size_t)(sp - p - 6))) == NULL ||
		    (f[*n].value = arena_strndup(a, nl + 1, vlen)) == NULL)
			return -1;
		(*n)++;
		p = nl + 1 + vlen + 1;
	}
	*out = f;
	return 0;
}

int
reader_body(struct arena *a, const struct desk_sub *s, const unsigned char *sk,
    struct content_field **out, size_t *n)
{
	unsigned char	*key = NULL, *plain;
	size_t		 len;
	int		 rc = -1;

	if (s->sealed_key.len != SEAL_SEALED_KEY_BYTES ||
	    s->body_nonce.len != SEAL_NONCE_BYTES ||
	    seal_open_key(s->sealed_key.p, portal_keys.secretariat_pk, sk,
	    &key) == -1)
		return -1;
	if (seal_unbox(a, key, s->sealed_body.p, s->sealed_body.len,
	    s->body_nonce.p, &plain, &len) == 0)
		rc = parse_content(a, (const char *)plain, len, out, n);
	seal_free_key(key);
	return rc;
}

unsigned char *
reader_file_key(const struct desk_file *f, const unsigned char *sk)
{
	unsigned char	*key;

	if (f->sealed_key.len != SEAL_SEALED_KEY_BYTES ||
	    seal_open_key(f->sealed_key.p, portal_keys.secretariat_pk, sk,
	    &key) == -1)
		return NULL;
	return key;
}

/* "name LEN\nNAME\ntype TYPE\nsha256 HEX\n" */
int
reader_file_meta(struct arena *a, const struct desk_file *f,
    const unsigned char *sk, const char **name, const char **type)
{
	unsigned char	*key, *plain;
	const char	*p, *nl, *end;
	char		*stop;
	size_t		 len, nlen;
	int		 rc = -1;

	if (f->meta_nonce.len != SEAL_NONCE_BYTES ||
	    (key = reader_file_key(f, sk)) == NULL)
		return -1;
	if (seal_unbox(a, key, f->sealed_meta.p, f->sealed_meta.len,
	    f->meta_nonce.p, &plain, &len) == -1)
		goto out;
	p = (const char *)plain;
	end = p + len;
	if (len < 6 || strncmp(p, "name ", 5) != 0)
		goto out;
	nlen = strtoul(p + 5, &stop, 10);
	if (*stop != '\n' || nlen > (size_t)(end - stop - 1))
		goto out;
	if ((*name = arena_strndup(a, stop + 1, nlen)) == NULL)
		goto out;
	p = stop + 1 + nlen + 1;
	if (p + 5 >= end || strncmp(p, "type ", 5) != 0 ||
	    (nl = memchr(p, '\n', (size_t)(end - p))) == NULL ||
	    (*type = arena_strndup(a, p + 5, (size_t)(nl - p - 5))) == NULL)
		goto out;
	rc = 0;
out:
	seal_free_key(key);
	return rc;
}

int
reader_submitter_key(struct arena *a, int64_t sub_id, const unsigned char *sk,
    unsigned char **key)
{
	struct bytes	 sealed, nonce, box;
	enum db_err	 e;
	int		 found;

	*key = NULL;
	if ((e = submitter_key_get(a, sub_id, &sealed, &nonce, &box,
	    &found)) != DB_OK)
		return db_http_status(e);
	if (!found)
		return 1;
	if (sealed.len != SEAL_SEALED_KEY_BYTES ||
	    seal_open_key(sealed.p, portal_keys.secretariat_pk, sk, key) == -1)
		return -1;
	return 0;
}

int
reader_submitter_key_code(struct arena *a, int64_t sub_id,
    const char *canonical, unsigned char **key)
{
	struct bytes	 sealed, nonce, box;
	enum db_err	 e;
	int		 found;

	*key = NULL;
	if ((e = submitter_key_get(a, sub_id, &sealed, &nonce, &box,
	    &found)) != DB_OK)
		return db_http_status(e);
	if (!found)
		return 1;
	return submitter_key_from_code(canonical, nonce.p, nonce.len, box.p,
	    box.len, key);
}

int
reader_messages(struct arena *a, int64_t sub_id, const unsigned char *key,
    struct shown_msg **out, size_t *n)
{
	struct desk_msg	*m;
	struct shown_msg *s;
	unsigned char	*plain;
	size_t		 nm, i, len;
	enum db_err	 e;

	*out = NULL;
	*n = 0;
	if ((e = desk_messages(a, sub_id, &m, &nm)) != DB_OK)
		return db_http_status(e);
	if ((s = arena_alloc(a, (nm + 1) * sizeof(*s))) == NULL)
		return 500;
	for (i = 0; i < nm; i++) {
		if (m[i].nonce.len != SEAL_NONCE_BYTES ||
		    seal_unbox(a, key, m[i].box.p, m[i].box.len, m[i].nonce.p,
		    &plain, &len) == -1 ||
		    (s[i].text = arena_strndup(a, (const char *)plain, len)) ==
		    NULL)
			return 500;
		s[i].at = m[i].at;
	}
	*out = s;
	*n = nm;
	return 0;
}
