/*
 * portal user add LOGIN ROLE [STATE] [--password-file FILE]
 *     [--passphrase-file FILE]
 *
 * Creates a staff account. ROLE is reviewer, editor, admin or
 * focal_point (which takes the ISO3 code of its State). The new member's
 * password and the operator's passphrase come from the files given (mode
 * 0600, first line), or else from the first and second lines of standard
 * input. The passphrase unwraps the secretariat's private key, which is
 * then wrapped under the new password: granting access is wrapping the
 * key. Connects as the owner role (PORTAL_DB_OWNER): the application's
 * role cannot create accounts. Prints the new id; the audit chain
 * records "staff.add".
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cli/cli.h"
#include "core/config.h"
#include "data/audit.h"
#include "data/db.h"
#include "data/desk.h"
#include "trust/keyfile.h"
#include "trust/keys.h"
#include "trust/staffkey.h"

#define SECRET_LINE_MAX	1024

static void
usage(void)
{
	fprintf(stderr, "usage: portal user add LOGIN ROLE [STATE] "
	    "[--password-file FILE] [--passphrase-file FILE]\n");
}

/*
 * One secret line from file (whole first line) or stdin into buf.
 * A line longer than the buffer is refused, never cut.
 */
static int
read_secret(const char *file, char *buf, size_t len, size_t *out)
{
	char	*text, err[512];
	size_t	 n, got;

	if (file != NULL) {
		if (keyfile_read(file, &text, &got, err, sizeof(err)) == -1) {
			fprintf(stderr, "user: %s\n", err);
			return -1;
		}
		n = strcspn(text, "\n");
		if (n >= len) {
			sodium_free(text);
			return -1;
		}
		memcpy(buf, text, n);
		sodium_free(text);
	} else {
		if (fgets(buf, (int)len, stdin) == NULL)
			return -1;
		n = strcspn(buf, "\n");
		if (buf[n] != '\n' && !feof(stdin))
			return -1;
	}
	buf[n] = '\0';
	*out = n;
	return 0;
}

static int
valid_role(const char *role)
{
	return strcmp(role, "reviewer") == 0 || strcmp(role, "editor") == 0 ||
	    strcmp(role, "admin") == 0 || strcmp(role, "focal_point") == 0;
}

static int
valid_iso3(const char *s)
{
	return strlen(s) == 3 && isupper((unsigned char)s[0]) &&
	    isupper((unsigned char)s[1]) && isupper((unsigned char)s[2]);
}

static int
store(const char *login, const char *role, const char *state,
    const char *hash, const struct staffkey_wrapped *w)
{
	struct staff_new	 s;
	enum db_err		 e;
	char			 object[48];
	int64_t			 id;

	memset(&s, 0, sizeof(s));
	s.login = login;
	s.role = role;
	s.state = state;
	s.password_hash = hash;
	s.key_salt = (struct bytes){ w->salt, sizeof(w->salt) };
	s.key_nonce = (struct bytes){ w->nonce, sizeof(w->nonce) };
	s.key_box = (struct bytes){ w->box, sizeof(w->box) };
	s.key_ops = w->ops;
	s.key_mem = w->mem;
	if ((e = db_begin()) != DB_OK ||
	    (e = staff_insert(&s, &id)) != DB_OK) {
		db_rollback();
		fprintf(stderr, "user: %s\n", e == DB_CONFLICT ?
		    "that login exists already" : "the database refused "
		    "(is the login [a-z0-9._-], 2 to 63 characters, and the "
		    "State known?)");
		return -1;
	}
	(void)snprintf(object, sizeof(object), "staff %" PRId64, id);
	if ((e = audit_append("staff.add", object, 0)) != DB_OK ||
	    (e = db_commit()) != DB_OK) {
		db_rollback();
		fprintf(stderr, "user: could not record the account\n");
		return -1;
	}
	printf("user: added %s (%s%s%s), id %" PRId64 "\n", login, role,
	    state != NULL ? " of " : "", state != NULL ? state : "", id);
	return 0;
}

int
cli_user(int argc, char *argv[])
{
	const char		*pwfile = NULL, *ppfile = NULL, *state = NULL;
	const char		*pos[3];
	struct staffkey_wrapped	 w;
	char			*pw = NULL, *pp = NULL, hash[crypto_pwhash_STRBYTES];
	unsigned char		*sk = NULL;
	size_t			 pwlen, pplen, npos = 0;
	int			 i, rc = 1;

	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--password-file") == 0 && i + 1 < argc)
			pwfile = argv[++i];
		else if (strcmp(argv[i], "--passphrase-file") == 0 &&
		    i + 1 < argc)
			ppfile = argv[++i];
		else if (argv[i][0] != '-' && npos < 3)
			pos[npos++] = argv[i];
		else {
			usage();
			return 2;
		}
	}
	if (argc < 2 || strcmp(argv[1], "add") != 0 || npos < 2) {
		usage();
		return 2;
	}
	if (!valid_role(pos[1]) ||
	    (strcmp(pos[1], "focal_point") == 0) != (npos == 3) ||
	    (npos == 3 && !valid_iso3(pos[2]))) {
		fprintf(stderr, "user: ROLE is reviewer, editor, admin or "
		    "focal_point; a focal point, and only one, takes a "
		    "State (ISO3)\n");
		return 2;
	}
	if (npos == 3)
		state = pos[2];
	if (config_load() == -1 || db_configure(config.db_owner) == -1)
		return 1;
	if ((pw = sodium_malloc(SECRET_LINE_MAX)) == NULL ||
	    (pp = sodium_malloc(SECRET_LINE_MAX)) == NULL ||
	    (sk = sodium_malloc(crypto_box_SECRETKEYBYTES)) == NULL)
		goto out;
	if (read_secret(pwfile, pw, SECRET_LINE_MAX, &pwlen) == -1 ||
	    !staffkey_password_ok(pwlen)) {
		fprintf(stderr, "user: the password must have %u to %u bytes\n",
		    STAFF_PASSWORD_MIN, STAFF_PASSWORD_MAX);
		goto out;
	}
	if (read_secret(ppfile, pp, SECRET_LINE_MAX, &pplen) == -1 ||
	    keys_unwrap_secretariat(config.keys_dir, pp, pplen, sk) == -1) {
		fprintf(stderr, "user: the operator's passphrase does not "
		    "unwrap the secretariat's key\n");
		goto out;
	}
	if (staffkey_hash_password(pw, pwlen, hash) == -1 ||
	    staffkey_wrap(pw, pwlen, sk, &w) == -1) {
		fprintf(stderr, "user: out of memory\n");
		goto out;
	}
	if (store(pos[0], pos[1], state, hash, &w) == 0)
		rc = 0;
out:
	if (pw != NULL)
		sodium_free(pw);
	if (pp != NULL)
		sodium_free(pp);
	if (sk != NULL)
		sodium_free(sk);
	sodium_memzero(&w, sizeof(w));
	db_close();
	return rc;
}
