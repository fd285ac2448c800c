/*
 * Receipt texts: writing and strict parsing.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/num.h"
#include "core/writer.h"
#include "trust/note.h"
#include "trust/receipt.h"

#define RECEIPT_MAX_BYTES	4096

static const char *const kinds[] = {
	"allegation", "followup", "progress-report", NULL,
};

void
receipt_time(long long t, char out[RECEIPT_TIME_BYTES])
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	gmtime_r(&tt, &tm);
	(void)strftime(out, RECEIPT_TIME_BYTES, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

char *
receipt_text(struct arena *a, const struct receipt *rc)
{
	char		 hex[65], *nonce;
	struct buf	 b;
	struct writer	 w;
	size_t		 i;
	int		 err = 0;

	buf_init(&b, a, RECEIPT_MAX_BYTES);
	buf_writer(&b, &w);
	sodium_bin2hex(hex, sizeof(hex), rc->content, 32);
	if ((nonce = note_b64_encode(a, rc->nonce, RECEIPT_NONCE_BYTES)) == NULL)
		return NULL;
	err |= w_printf(&w, "%s/receipt/v1\nref %s\nkind %s\nreceived %s\n"
	    "content sha256:%s\n", rc->origin, rc->ref, rc->kind, rc->received,
	    hex);
	for (i = 0; i < rc->nfiles; i++) {
		sodium_bin2hex(hex, sizeof(hex), rc->files[i].sha256, 32);
		err |= w_printf(&w, "file sha256:%s %llu\n", hex,
		    (unsigned long long)rc->files[i].size);
	}
	if (rc->parent != NULL)
		err |= w_printf(&w, "parent %s\n", rc->parent);
	err |= w_printf(&w, "nonce %s\n", nonce);
	return err ? NULL : b.data;
}

/* Take the next line of text; NULL at the end. */
static char *
next_line(char **p)
{
	char	*line = *p, *nl;

	if (line == NULL || *line == '\0')
		return NULL;
	if ((nl = strchr(line, '\n')) == NULL)
		return NULL;	/* every line ends with a newline */
	*nl = '\0';
	*p = nl + 1;
	return line;
}

static int
hex32(const char *s, unsigned char out[32])
{
	size_t	 len;

	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64 &&
	    sodium_hex2bin(out, 32, s, 64, NULL, &len, NULL) == 0 &&
	    len == 32 ? 0 : -1;
}

static int
parse_file(const char *v, struct receipt_file *f)
{
	const char	*sp = strchr(v, ' ');
	char		 hex[65];

	if (strncmp(v, "sha256:", 7) != 0 || sp == NULL || sp - v != 71)
		return -1;
	memcpy(hex, v + 7, 64);
	hex[64] = '\0';
	return hex32(hex, f->sha256) == 0 &&
	    num_parse_u64(sp + 1, strlen(sp + 1), UINT64_MAX, &f->size) == 0 ?
	    0 : -1;
}

static int
kind_ok(const char *k)
{
	size_t	 i;

	for (i = 0; kinds[i] != NULL; i++)
		if (strcmp(k, kinds[i]) == 0)
			return 1;
	return 0;
}

static int
parse_header(char **p, struct receipt *out)
{
	char	*l;
	size_t	 len;

	if ((l = next_line(p)) == NULL || (len = strlen(l)) <= 11 ||
	    strcmp(l + len - 11, "/receipt/v1") != 0)
		return -1;
	l[len - 11] = '\0';
	out->origin = l;
	if ((l = next_line(p)) == NULL || strncmp(l, "ref ", 4) != 0 ||
	    strlen(l + 4) == 0 || strlen(l + 4) > RECEIPT_REF_MAX)
		return -1;
	out->ref = l + 4;
	if ((l = next_line(p)) == NULL || strncmp(l, "kind ", 5) != 0 ||
	    !kind_ok(l + 5))
		return -1;
	out->kind = l + 5;
	if ((l = next_line(p)) == NULL || strncmp(l, "received ", 9) != 0 ||
	    strlen(l + 9) != RECEIPT_TIME_BYTES - 1)
		return -1;
	memcpy(out->received, l + 9, RECEIPT_TIME_BYTES);
	if ((l = next_line(p)) == NULL || strncmp(l, "content sha256:", 15) != 0 ||
	    hex32(l + 15, out->content) == -1)
		return -1;
	return 0;
}

int
receipt_parse(struct arena *a, const char *text, size_t len,
    struct receipt *out)
{
	char	*copy, *p, *l;
	size_t	 n;

	memset(out, 0, sizeof(*out));
	if (len > RECEIPT_MAX_BYTES ||
	    (copy = arena_strndup(a, text, len)) == NULL ||
	    strlen(copy) != len)
		return -1;
	p = copy;
	if (parse_header(&p, out) == -1)
		return -1;
	while ((l = next_line(&p)) != NULL) {
		if (strncmp(l, "file ", 5) == 0 && out->parent == NULL) {
			if (out->nfiles == MP_MAX_FILES ||
			    parse_file(l + 5, &out->files[out->nfiles]) == -1)
				return -1;
			out->nfiles++;
		} else if (strncmp(l, "parent ", 7) == 0 && out->parent == NULL)
			out->parent = l + 7;
		else if (strncmp(l, "nonce ", 6) == 0)
			break;
		else
			return -1;
	}
	if (l == NULL || note_b64_decode(l + 6, strlen(l + 6), out->nonce,
	    RECEIPT_NONCE_BYTES, &n) == -1 || n != RECEIPT_NONCE_BYTES)
		return -1;
	/* The nonce is the last line. */
	return *p == '\0' ? 0 : -1;
}
