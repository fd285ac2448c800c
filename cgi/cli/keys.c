/*
 * portal keys init [--passphrase-file FILE]
 *
 * Creates the missing key files in PORTAL_KEYS (see trust/keys.h). The
 * operator's passphrase wraps the secretariat's private key; it is read
 * from FILE, or else from the first line of standard input, and is never
 * stored by the portal.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cli/cli.h"
#include "core/config.h"
#include "trust/keyfile.h"
#include "trust/keys.h"

#define PASSPHRASE_MAX	1024

static int
read_passphrase(const char *file, char *buf, size_t len, size_t *out)
{
	char	*text, err[512];
	size_t	 n;
	FILE	*f = stdin;

	if (file != NULL) {
		/* The passphrase file is a secret too: same checks as a key. */
		if (keyfile_read(file, &text, &n, err, sizeof(err)) == -1) {
			fprintf(stderr, "keys: %s\n", err);
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
		if (fgets(buf, (int)len, f) == NULL)
			return -1;
		n = strcspn(buf, "\n");
	}
	buf[n] = '\0';
	*out = n;
	return 0;
}

int
cli_keys(int argc, char *argv[])
{
	const char	*file = NULL;
	char		*pass;
	size_t		 len;
	int		 rc;

	if (argc == 4 && strcmp(argv[2], "--passphrase-file") == 0)
		file = argv[3];
	else if (argc != 2) {
		fprintf(stderr, "usage: portal keys init "
		    "[--passphrase-file FILE]\n");
		return 2;
	}
	if (strcmp(argv[1], "init") != 0) {
		fprintf(stderr, "usage: portal keys init "
		    "[--passphrase-file FILE]\n");
		return 2;
	}
	if (config_load() == -1)
		return 1;
	if ((pass = sodium_malloc(PASSPHRASE_MAX)) == NULL)
		return 1;
	if (read_passphrase(file, pass, PASSPHRASE_MAX, &len) == -1) {
		fprintf(stderr, "keys: no passphrase\n");
		sodium_free(pass);
		return 1;
	}
	rc = keys_init(config.keys_dir, keys_origin_host(config.origin), pass,
	    len);
	sodium_free(pass);
	return rc == 0 ? 0 : 1;
}
