/*
 * portal log-monitor [--vkey VKEY] URL|local STATEFILE
 *
 * Checks a portal's transparency log (see trust/tlog_monitor.h): over
 * HTTP(S) from URL, the portal's origin, as anyone can; or, with
 * "local", straight from this portal's database (PORTAL_DB) through the
 * same functions that serve /log/.
 *
 * STATEFILE keeps what the last good run verified: the log's verifier
 * key (pinned on first use: from --vkey, else from the portal's
 * /.well-known/portal-keys, or for "local" from PORTAL_KEYS/log.key),
 * and the checkpoint's size, root and note; STATEFILE.entries keeps the
 * entries under it (32 bytes each, public hashes), so that a later run
 * names the first entry that changed. Both are written only after a
 * good run, each to a temporary file renamed into place.
 *
 * Exit status: 0 the log is consistent; 1 tampering ("tampering: first
 * bad index N: ..." on stdout); 2 usage or a state file that does not
 * fit; 3 the log could not be fetched, or a local failure.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <sodium.h>

#include "cli/cli.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/num.h"
#include "data/db.h"
#include "data/tlog.h"
#include "trust/checkpoint.h"
#include "trust/keyfile.h"
#include "trust/note.h"
#include "trust/tlog_fetch.h"
#include "trust/tlog_monitor.h"

#define STATE_MAGIC	"portal-log-monitor 1"
#define STATE_MAX_BYTES	(64u * 1024u)
#define KEYS_MAX_BYTES	(64u * 1024u)
#define VKEY_MAX_BYTES	1024u
#define PATH_BYTES	4096u

enum { EXIT_OK, EXIT_TAMPERED, EXIT_USAGE, EXIT_FAIL };

struct state {
	int		 present;
	char		 vkey[VKEY_MAX_BYTES];
	uint64_t	 size;
	uint8_t		 root[MERKLE_HASH_BYTES];
	uint8_t		(*entries)[TLOG_MON_ENTRY_BYTES];
};

/* --- files ---------------------------------------------------------- */

/* The whole of a small file into malloc'd memory, NUL-terminated. */
static int
slurp(const char *path, size_t max, char **out, size_t *len)
{
	struct stat	 st;
	char		*buf;
	ssize_t		 n;
	size_t		 got = 0;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || st.st_size < 0 ||
	    (size_t)st.st_size > max ||
	    (buf = malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		errno = EFBIG;
		return -1;
	}
	while (got < (size_t)st.st_size) {
		if ((n = read(fd, buf + got, (size_t)st.st_size - got)) <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			free(buf);
			close(fd);
			return -1;
		}
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*out = buf;
	*len = got;
	return 0;
}

/* Write path.tmp, fsync it, rename it over path. */
static int
replace_file(const char *path, const void *data, size_t len)
{
	char		 tmp[PATH_BYTES];
	size_t		 done = 0;
	ssize_t		 n;
	int		 fd;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp))
		return -1;
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) ==
	    -1)
		return -1;
	while (done < len) {
		if ((n = write(fd, (const char *)data + done, len - done)) <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			goto fail;
		}
		done += (size_t)n;
	}
	if (fsync(fd) == -1)
		goto fail;
	close(fd);
	return rename(tmp, path);
fail:
	close(fd);
	(void)unlink(tmp);
	return -1;
}

static int
entries_path(const char *statefile, char *buf, size_t len)
{
	return (size_t)snprintf(buf, len, "%s.entries", statefile) < len ?
	    0 : -1;
}

/* "key value\n" lines: the value of key, NUL-terminated in place. */
static char *
state_field(char *text, const char *key)
{
	size_t	 klen = strlen(key);
	char	*p, *nl;

	for (p = text; p != NULL && *p != '\0'; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if (strncmp(p, key, klen) == 0 && p[klen] == ' ') {
			if (nl != NULL)
				*nl = '\0';
			return p + klen + 1;
		}
	}
	return NULL;
}

/*
 * Load STATEFILE and its entries; an absent file is a first run. -1 (said
 * on stderr) if it exists but does not hold together.
 */
static int
state_load(const char *path, struct state *s)
{
	struct tlog_mon_state	 ms;
	char			 epath[PATH_BYTES], *text = NULL, *v, *bin = NULL;
	size_t			 len, blen, rl;
	int			 rc = -1;

	memset(s, 0, sizeof(*s));
	if (slurp(path, STATE_MAX_BYTES, &text, &len) == -1) {
		if (errno == ENOENT)
			return 0;
		fprintf(stderr, "log-monitor: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (strncmp(text, STATE_MAGIC "\n", strlen(STATE_MAGIC) + 1) != 0)
		goto bad;
	/* Each state_field() cuts its line: read them in file order. */
	if ((v = state_field(text, "vkey")) == NULL ||
	    strlen(v) >= sizeof(s->vkey))
		goto bad;
	memcpy(s->vkey, v, strlen(v) + 1);
	if ((v = state_field(v + strlen(v) + 1, "size")) == NULL ||
	    num_parse_u64(v, strlen(v), INT64_MAX, &s->size) == -1)
		goto bad;
	if ((v = state_field(v + strlen(v) + 1, "root")) == NULL ||
	    note_b64_decode(v, strlen(v), s->root, sizeof(s->root), &rl) ==
	    -1 || rl != sizeof(s->root))
		goto bad;
	if (entries_path(path, epath, sizeof(epath)) == -1 ||
	    slurp(epath, SIZE_MAX - 1, &bin, &blen) == -1 ||
	    blen / TLOG_MON_ENTRY_BYTES < s->size)
		goto bad;
	/* A longer file is a run that wrote its entries but not its state. */
	s->entries = (uint8_t (*)[TLOG_MON_ENTRY_BYTES])(void *)bin;
	bin = NULL;
	ms.size = s->size;
	memcpy(ms.root, s->root, sizeof(ms.root));
	ms.entries = (const uint8_t (*)[TLOG_MON_ENTRY_BYTES])s->entries;
	if (tlog_mon_state_verify(&ms) == -1)
		goto bad;
	s->present = 1;
	rc = 0;
	goto out;
bad:
	fprintf(stderr, "log-monitor: %s (or its .entries) is damaged; move "
	    "it away to start afresh\n", path);
	free(s->entries);
	s->entries = NULL;
out:
	free(bin);
	free(text);
	return rc;
}

static int
state_save(const char *path, const char *vkey,
    const struct tlog_mon_result *r)
{
	struct arena	*a;
	char		 epath[PATH_BYTES], *root, *text;
	int		 rc = -1;

	if ((a = arena_new(STATE_MAX_BYTES * 2)) == NULL)
		return -1;
	if (entries_path(path, epath, sizeof(epath)) == -1 ||
	    (root = note_b64_encode(a, r->root, sizeof(r->root))) == NULL ||
	    (text = arena_printf(a, "%s\nvkey %s\nsize %" PRIu64 "\nroot %s\n"
	    "note %s\n", STATE_MAGIC, vkey, r->size, root,
	    note_b64_encode(a, (const unsigned char *)r->note, r->note_len)))
	    == NULL)
		goto out;
	/* Entries first: a crash in between leaves an older state that fits. */
	if (replace_file(epath, r->entries, r->size * TLOG_MON_ENTRY_BYTES) ==
	    -1 || replace_file(path, text, strlen(text)) == -1)
		goto out;
	rc = 0;
out:
	arena_free(a);
	return rc;
}

/* --- fetching from the local database ------------------------------- */

static enum tlog_fetch_status
local_fetch(void *ctx, const char *path, uint8_t *buf, size_t max, size_t *len)
{
	struct arena		*a = ctx;
	struct tlog_head	 head;
	struct tlog_tile	 t;
	uint8_t			*data;
	size_t			 n;
	enum db_err		 err;
	int			 found;

	arena_reset(a);
	if (strcmp(path, "checkpoint") == 0) {
		err = tlog_latest(a, &head, &found);
		data = (uint8_t *)(uintptr_t)head.note;
		n = head.note_len;
	} else {
		if (tlog_tile_parse(path, strlen(path), &t) == -1)
			return TLOG_FETCH_MISSING;
		err = tlog_tile_read(a, &t, &data, &n, &found);
	}
	db_request_end();
	if (err == DB_UNAVAILABLE)
		return TLOG_FETCH_UNAVAILABLE;
	if (err != DB_OK || !found || n > max)
		return TLOG_FETCH_MISSING;
	memcpy(buf, data, n);
	*len = n;
	return TLOG_FETCH_OK;
}

/* --- the verifier key ----------------------------------------------- */

/*
 * The candidate key that verifies the log's checkpoint, into *out, and
 * its string into vkey. keys holds one verifier key per line.
 */
static int
pick_key(tlog_fetch_fn fetch, void *ctx, char *keys, struct note_verifier *out,
    char *vkey, size_t vkeylen)
{
	struct checkpoint	 cp;
	struct arena		*a;
	uint8_t			*note;
	size_t			 len;
	char			*line, *save = NULL;
	int			 rc = -1;

	if ((a = arena_new(1u << 20)) == NULL ||
	    (note = malloc(NOTE_MAX_BYTES)) == NULL) {
		arena_free(a);
		return -1;
	}
	if (fetch(ctx, "checkpoint", note, NOTE_MAX_BYTES, &len) !=
	    TLOG_FETCH_OK) {
		fprintf(stderr, "log-monitor: no checkpoint to pick a key "
		    "with\n");
		goto out;
	}
	for (line = strtok_r(keys, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (note_verifier_parse(line, strlen(line), out) == -1 ||
		    checkpoint_open(a, (const char *)note, len, out->name, out,
		    1, &cp) != NOTE_OK)
			continue;
		if (strlen(line) >= vkeylen)
			continue;
		memcpy(vkey, line, strlen(line) + 1);
		rc = 0;
		break;
	}
	if (rc == -1)
		fprintf(stderr, "log-monitor: no key offered verifies the "
		    "checkpoint\n");
out:
	free(note);
	arena_free(a);
	return rc;
}

/* The keys to try on first use, one per line, malloc'd. */
static char *
offered_keys(struct tlog_http *http, const char *given)
{
	struct note_signer	*s;
	struct arena		*a;
	char			 path[PATH_BYTES], err[512], *v, *keys = NULL;
	size_t			 len;

	if (given != NULL)
		return strdup(given);
	if (http != NULL) {
		if ((keys = malloc(KEYS_MAX_BYTES + 1)) == NULL)
			return NULL;
		if (tlog_http_get(http, "/.well-known/portal-keys",
		    (uint8_t *)keys, KEYS_MAX_BYTES, &len) != TLOG_FETCH_OK) {
			fprintf(stderr, "log-monitor: no /.well-known/"
			    "portal-keys: give the log's key with --vkey\n");
			free(keys);
			return NULL;
		}
		keys[len] = '\0';
		return keys;
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/log.key",
	    config.keys_dir) >= sizeof(path) ||
	    keyfile_load_signer(path, &s, err, sizeof(err)) == -1) {
		fprintf(stderr, "log-monitor: %s\n", err);
		return NULL;
	}
	if ((a = arena_new(1u << 16)) != NULL &&
	    (v = note_signer_vkey(s, a)) != NULL)
		keys = strdup(v);
	arena_free(a);
	note_signer_free(s);
	return keys;
}

/* --- the command ---------------------------------------------------- */

static int
usage(void)
{
	fprintf(stderr, "usage: portal log-monitor [--vkey VKEY] URL|local "
	    "STATEFILE\n");
	return EXIT_USAGE;
}

static int
report(const struct tlog_mon_result *r, const struct state *prev)
{
	switch (r->verdict) {
	case TLOG_MON_OK:
		printf("ok: size %" PRIu64 ", %" PRIu64 " new entries, "
		    "consistent with %s\n", r->size,
		    r->size - (prev->present ? prev->size : 0),
		    prev->present ? "the last checkpoint seen" :
		    "itself (first run)");
		return EXIT_OK;
	case TLOG_MON_TAMPERED:
		if (r->has_index)
			printf("tampering: first bad index %" PRIu64 ": %s\n",
			    r->first_bad, r->reason);
		else
			printf("tampering: %s\n", r->reason);
		return EXIT_TAMPERED;
	case TLOG_MON_UNAVAILABLE:
		fprintf(stderr, "log-monitor: cannot fetch the log: %s\n",
		    r->reason);
		return EXIT_FAIL;
	default:
		fprintf(stderr, "log-monitor: out of memory\n");
		return EXIT_FAIL;
	}
}

int
cli_log_monitor(int argc, char *argv[])
{
	struct tlog_mon_state	 ms, *prev = NULL;
	struct tlog_mon_result	 r;
	struct note_verifier	 v;
	struct tlog_http	*http = NULL;
	struct arena		*local = NULL;
	struct state		 st;
	tlog_fetch_fn		 fetch;
	void			*ctx;
	const char		*given = NULL, *src, *statefile;
	char			*keys = NULL, vkey[VKEY_MAX_BYTES];
	int			 rc = EXIT_FAIL;

	if (argc == 5 && strcmp(argv[1], "--vkey") == 0) {
		given = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc != 3)
		return usage();
	src = argv[1];
	statefile = argv[2];
	memset(&r, 0, sizeof(r));
	if (state_load(statefile, &st) == -1)
		return EXIT_USAGE;
	if (strcmp(src, "local") == 0) {
		if (config_load() == -1 || db_configure(config.db) == -1 ||
		    (local = arena_new(1u << 20)) == NULL)
			goto out;
		fetch = local_fetch;
		ctx = local;
	} else {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0 ||
		    (http = tlog_http_new(src)) == NULL) {
			fprintf(stderr, "log-monitor: %s: not an http(s) "
			    "origin\n", src);
			rc = EXIT_USAGE;
			goto out;
		}
		fetch = tlog_http_fetch;
		ctx = http;
	}

	/* The key: pinned by the state, or chosen now and pinned after. */
	if (st.present) {
		if (given != NULL && strcmp(given, st.vkey) != 0) {
			fprintf(stderr, "log-monitor: --vkey differs from the "
			    "key pinned in %s\n", statefile);
			rc = EXIT_USAGE;
			goto out;
		}
		memcpy(vkey, st.vkey, sizeof(vkey));
		if (note_verifier_parse(vkey, strlen(vkey), &v) == -1) {
			rc = EXIT_USAGE;
			goto out;
		}
		ms.size = st.size;
		memcpy(ms.root, st.root, sizeof(ms.root));
		ms.entries = (const uint8_t (*)[TLOG_MON_ENTRY_BYTES])st.entries;
		prev = &ms;
	} else if ((keys = offered_keys(http, given)) == NULL ||
	    pick_key(fetch, ctx, keys, &v, vkey, sizeof(vkey)) == -1)
		goto out;

	tlog_monitor_check(fetch, ctx, &v, prev, &r);
	rc = report(&r, &st);
	if (rc == EXIT_OK && state_save(statefile, vkey, &r) == -1) {
		fprintf(stderr, "log-monitor: cannot write %s: %s\n",
		    statefile, strerror(errno));
		rc = EXIT_FAIL;
	}
out:
	tlog_mon_result_free(&r);
	free(keys);
	free(st.entries);
	tlog_http_free(http);
	if (http != NULL)
		curl_global_cleanup();
	if (local != NULL) {
		db_close();
		arena_free(local);
	}
	return rc;
}
