/*
 * The key set: creation (portal keys init) and loading (portal serve).
 *
 * The secretariat's private key is wrapped with a key derived from the
 * operator's passphrase by argon2id (MODERATE limits: this runs once per
 * unwrap, by an operator, not per request) and sealed with
 * crypto_secretbox. The wrapped file holds, on one line:
 *   portal-wrapped-key-v1 <opslimit> <memlimit> <b64 salt> <b64 nonce> <b64 box>
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "trust/keyfile.h"
#include "trust/keys.h"
#include "trust/note.h"

struct portal_keys	portal_keys;

#define WRAP_MAGIC	"portal-wrapped-key-v1"
#define PUB_MAGIC	"portal-secretariat-v1"
#define PATH_BYTES	4096

static int
key_path(char *buf, const char *dir, const char *name)
{
	return (size_t)snprintf(buf, PATH_BYTES, "%s/%s", dir, name) <
	    PATH_BYTES ? 0 : -1;
}

static int
exists(const char *path)
{
	struct stat	 st;

	return lstat(path, &st) == 0;
}

const char *
keys_origin_host(const char *origin)
{
	const char	*p = strstr(origin, "://");

	return p != NULL ? p + 3 : origin;
}

/* A signer key file for "<host>/<role>", unless one is there already. */
static int
init_signer(const char *dir, const char *host, const char *role)
{
	struct note_signer	*s;
	char			 path[PATH_BYTES], name[256], *skey;
	int			 rc;

	if (key_path(path, dir, role) == -1 ||
	    (size_t)snprintf(name, sizeof(name), "%s/%s", host,
	    strcmp(role, "receipt.key") == 0 ? "receipt" : "log") >=
	    sizeof(name))
		return -1;
	if (exists(path))
		return 0;
	if (note_signer_generate(name, &s, &skey) == -1) {
		fprintf(stderr, "keys: %s is not a valid key name\n", name);
		return -1;
	}
	rc = keyfile_create(path, skey, strlen(skey));
	sodium_free(skey);
	note_signer_free(s);
	if (rc == -1)
		fprintf(stderr, "keys: %s: %s\n", path, strerror(errno));
	else
		printf("keys: made %s (%s)\n", path, name);
	return rc;
}

static int
init_mac(const char *dir)
{
	unsigned char	 key[KEYS_MAC_BYTES];
	char		 hex[KEYS_MAC_BYTES * 2 + 2], path[PATH_BYTES];
	int		 rc;

	if (key_path(path, dir, "mac.key") == -1)
		return -1;
	if (exists(path))
		return 0;
	randombytes_buf(key, sizeof(key));
	sodium_bin2hex(hex, sizeof(hex) - 1, key, sizeof(key));
	strcat(hex, "\n");
	rc = keyfile_create(path, hex, strlen(hex));
	sodium_memzero(key, sizeof(key));
	sodium_memzero(hex, sizeof(hex));
	if (rc == 0)
		printf("keys: made %s\n", path);
	return rc;
}

static int
b64(char *out, size_t outlen, const unsigned char *in, size_t len)
{
	if (sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL) >
	    outlen)
		return -1;
	sodium_bin2base64(out, outlen, in, len, sodium_base64_VARIANT_ORIGINAL);
	return 0;
}

/* Wrap sk under passphrase into one line of text. */
static int
wrap(const unsigned char *sk, const char *pass, size_t passlen, char *line,
    size_t linelen)
{
	unsigned char	 salt[crypto_pwhash_SALTBYTES];
	unsigned char	 nonce[crypto_secretbox_NONCEBYTES];
	unsigned char	 box[crypto_secretbox_MACBYTES + crypto_box_SECRETKEYBYTES];
	unsigned char	*k;
	char		 s64[64], n64[64], b64box[128];
	int		 rc = -1;

	if ((k = sodium_malloc(crypto_secretbox_KEYBYTES)) == NULL)
		return -1;
	randombytes_buf(salt, sizeof(salt));
	randombytes_buf(nonce, sizeof(nonce));
	if (crypto_pwhash(k, crypto_secretbox_KEYBYTES, pass, passlen, salt,
	    crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		goto out;
	crypto_secretbox_easy(box, sk, crypto_box_SECRETKEYBYTES, nonce, k);
	if (b64(s64, sizeof(s64), salt, sizeof(salt)) == -1 ||
	    b64(n64, sizeof(n64), nonce, sizeof(nonce)) == -1 ||
	    b64(b64box, sizeof(b64box), box, sizeof(box)) == -1)
		goto out;
	if ((size_t)snprintf(line, linelen, "%s %llu %zu %s %s %s\n",
	    WRAP_MAGIC, (unsigned long long)crypto_pwhash_OPSLIMIT_MODERATE,
	    (size_t)crypto_pwhash_MEMLIMIT_MODERATE, s64, n64, b64box) < linelen)
		rc = 0;
out:
	sodium_free(k);
	return rc;
}

static int
init_secretariat(const char *dir, const char *pass, size_t passlen)
{
	unsigned char	 pk[crypto_box_PUBLICKEYBYTES], *sk;
	char		 pubpath[PATH_BYTES], keypath[PATH_BYTES];
	char		 line[512], p64[64];
	int		 rc = -1;

	if (key_path(pubpath, dir, "secretariat.pub") == -1 ||
	    key_path(keypath, dir, "secretariat.key") == -1)
		return -1;
	if (exists(pubpath) && exists(keypath))
		return 0;
	if (exists(pubpath) || exists(keypath)) {
		fprintf(stderr, "keys: only one of secretariat.pub and "
		    "secretariat.key exists in %s; refusing to guess\n", dir);
		return -1;
	}
	if ((sk = sodium_malloc(crypto_box_SECRETKEYBYTES)) == NULL)
		return -1;
	crypto_box_keypair(pk, sk);
	if (wrap(sk, pass, passlen, line, sizeof(line)) == -1 ||
	    keyfile_create(keypath, line, strlen(line)) == -1)
		goto out;
	if (b64(p64, sizeof(p64), pk, sizeof(pk)) == -1 ||
	    (size_t)snprintf(line, sizeof(line), "%s %s\n", PUB_MAGIC, p64) >=
	    sizeof(line) || keyfile_create(pubpath, line, strlen(line)) == -1)
		goto out;
	printf("keys: made %s and %s (wrapped under the passphrase)\n",
	    pubpath, keypath);
	rc = 0;
out:
	sodium_free(sk);
	return rc;
}

int
keys_init(const char *dir, const char *host, const char *pass, size_t passlen)
{
	char	 retired[PATH_BYTES];

	if (passlen < 12) {
		fprintf(stderr, "keys: the passphrase must have at least 12 "
		    "characters\n");
		return -1;
	}
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		return -1;
	if (key_path(retired, dir, "retired") == -1 ||
	    (mkdir(retired, 0700) == -1 && errno != EEXIST))
		return -1;
	if (init_signer(dir, host, "receipt.key") == -1 ||
	    init_signer(dir, host, "log.key") == -1 ||
	    init_mac(dir) == -1 ||
	    init_secretariat(dir, pass, passlen) == -1)
		return -1;
	return 0;
}

/* Split line into at most max fields separated by single spaces. */
static size_t
fields(char *line, char **f, size_t max)
{
	size_t	 n = 0;
	char	*p;

	line[strcspn(line, "\n")] = '\0';
	for (p = strtok(line, " "); p != NULL && n < max; p = strtok(NULL, " "))
		f[n++] = p;
	return p == NULL ? n : max + 1;
}

static int
unb64(const char *s, unsigned char *out, size_t want)
{
	size_t	 len;

	return note_b64_decode(s, strlen(s), out, want, &len) == 0 &&
	    len == want ? 0 : -1;
}

static int
load_public(const char *dir, unsigned char *pk, char *err, size_t errlen)
{
	char	 path[PATH_BYTES], *text, *f[3];
	size_t	 len;
	int	 rc = -1;

	if (key_path(path, dir, "secretariat.pub") == -1 ||
	    keyfile_read(path, &text, &len, err, errlen) == -1)
		return -1;
	if (fields(text, f, 2) == 2 && strcmp(f[0], PUB_MAGIC) == 0 &&
	    unb64(f[1], pk, crypto_box_PUBLICKEYBYTES) == 0)
		rc = 0;
	else
		(void)snprintf(err, errlen, "%s: malformed", path);
	sodium_free(text);
	return rc;
}

static int
load_mac(const char *dir, struct portal_keys *k, char *err, size_t errlen)
{
	char	 path[PATH_BYTES], *text;
	size_t	 len, bin;
	int	 rc = -1;

	if (key_path(path, dir, "mac.key") == -1 ||
	    keyfile_read(path, &text, &len, err, errlen) == -1)
		return -1;
	if ((k->mac = sodium_malloc(KEYS_MAC_BYTES)) != NULL &&
	    sodium_hex2bin(k->mac, KEYS_MAC_BYTES, text, len, "\n", &bin,
	    NULL) == 0 && bin == KEYS_MAC_BYTES)
		rc = 0;
	else
		(void)snprintf(err, errlen, "%s: malformed", path);
	sodium_free(text);
	return rc;
}

/* Verifier keys of retired signers, to keep old receipts verifiable. */
static int
load_retired(const char *dir, struct portal_keys *k)
{
	char		 path[PATH_BYTES], file[PATH_BYTES + 256], line[512];
	struct dirent	*e;
	DIR		*d;
	FILE		*f;

	if (key_path(path, dir, "retired") == -1 || (d = opendir(path)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL && k->nretired < KEYS_RETIRED_MAX) {
		if (strlen(e->d_name) < 6 || strcmp(e->d_name +
		    strlen(e->d_name) - 5, ".vkey") != 0)
			continue;
		(void)snprintf(file, sizeof(file), "%s/%s", path, e->d_name);
		if ((f = fopen(file, "r")) == NULL)
			continue;
		if (fgets(line, sizeof(line), f) != NULL) {
			line[strcspn(line, "\n")] = '\0';
			k->retired[k->nretired] = strdup(line);
			if (k->retired[k->nretired] != NULL)
				k->nretired++;
		}
		fclose(f);
	}
	closedir(d);
	return 0;
}

/* The log's verifier key, for /.well-known/portal-keys. */
static int
load_log_vkey(const char *dir, struct portal_keys *k, char *err,
    size_t errlen)
{
	struct note_signer	*s;
	struct arena		*a;
	char			 path[PATH_BYTES], *vkey;
	int			 rc = -1;

	if (key_path(path, dir, "log.key") == -1 ||
	    keyfile_load_signer(path, &s, err, errlen) == -1)
		return -1;
	if ((a = arena_new(4096)) != NULL &&
	    (vkey = note_signer_vkey(s, a)) != NULL &&
	    (k->log_vkey = strdup(vkey)) != NULL)
		rc = 0;
	arena_free(a);
	note_signer_free(s);
	return rc;
}

/* Parse every verifier key once, for the life of the process. */
static int
parse_verifiers(struct portal_keys *k, char *err, size_t errlen)
{
	struct arena	*a;
	const char	*vkey;
	char		*current;
	size_t		 i;
	int		 rc = -1;

	if ((a = arena_new(4096)) == NULL ||
	    (vkey = note_signer_vkey(k->receipt, a)) == NULL ||
	    (current = strdup(vkey)) == NULL)
		goto out;
	k->receipt_vkeys[0] = current;
	if (note_verifier_parse(current, strlen(current),
	    &k->receipt_verifiers[0]) == -1)
		goto out;
	k->nreceipt_verifiers = 1;
	for (i = 0; i < k->nretired; i++)
		if (note_verifier_parse(k->retired[i], strlen(k->retired[i]),
		    &k->receipt_verifiers[k->nreceipt_verifiers]) == 0)
			k->receipt_vkeys[k->nreceipt_verifiers++] = k->retired[i];
	if (note_verifier_parse(k->log_vkey, strlen(k->log_vkey),
	    &k->log_verifier) == -1)
		goto out;
	rc = 0;
out:
	if (rc == -1)
		(void)snprintf(err, errlen, "a verifier key does not parse");
	arena_free(a);
	return rc;
}

int
keys_load(const char *dir, struct portal_keys *k, char *err, size_t errlen)
{
	char	 path[PATH_BYTES];

	memset(k, 0, sizeof(*k));
	if (key_path(path, dir, "receipt.key") == -1 ||
	    keyfile_load_signer(path, &k->receipt, err, errlen) == -1 ||
	    load_public(dir, k->secretariat_pk, err, errlen) == -1 ||
	    load_mac(dir, k, err, errlen) == -1 ||
	    load_log_vkey(dir, k, err, errlen) == -1 ||
	    load_retired(dir, k) == -1 ||
	    parse_verifiers(k, err, errlen) == -1) {
		keys_free(k);
		return -1;
	}
	return 0;
}

void
keys_free(struct portal_keys *k)
{
	size_t	 i;

	if (k->receipt != NULL)
		note_signer_free(k->receipt);
	if (k->mac != NULL)
		sodium_free(k->mac);
	free(k->log_vkey);
	if (k->nreceipt_verifiers > 0)
		free((char *)k->receipt_vkeys[0]);
	for (i = 0; i < k->nretired; i++)
		free(k->retired[i]);
	memset(k, 0, sizeof(*k));
}

int
keys_unwrap_secretariat(const char *dir, const char *pass, size_t passlen,
    unsigned char *sk)
{
	unsigned char	 salt[crypto_pwhash_SALTBYTES];
	unsigned char	 nonce[crypto_secretbox_NONCEBYTES];
	unsigned char	 box[crypto_secretbox_MACBYTES + crypto_box_SECRETKEYBYTES];
	unsigned char	*k = NULL;
	char		 path[PATH_BYTES], err[256], *text, *f[7];
	unsigned long long ops;
	size_t		 len, mem;
	int		 rc = -1;

	if (key_path(path, dir, "secretariat.key") == -1 ||
	    keyfile_read(path, &text, &len, err, sizeof(err)) == -1)
		return -1;
	if (fields(text, f, 6) != 6 || strcmp(f[0], WRAP_MAGIC) != 0 ||
	    (ops = strtoull(f[1], NULL, 10)) == 0 ||
	    (mem = strtoull(f[2], NULL, 10)) == 0 ||
	    ops > crypto_pwhash_OPSLIMIT_SENSITIVE ||
	    mem > crypto_pwhash_MEMLIMIT_SENSITIVE ||
	    unb64(f[3], salt, sizeof(salt)) == -1 ||
	    unb64(f[4], nonce, sizeof(nonce)) == -1 ||
	    unb64(f[5], box, sizeof(box)) == -1)
		goto out;
	if ((k = sodium_malloc(crypto_secretbox_KEYBYTES)) == NULL ||
	    crypto_pwhash(k, crypto_secretbox_KEYBYTES, pass, passlen, salt,
	    ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
		goto out;
	if (crypto_secretbox_open_easy(sk, box, sizeof(box), nonce, k) == 0)
		rc = 0;
out:
	if (k != NULL)
		sodium_free(k);
	sodium_free(text);
	return rc;
}
