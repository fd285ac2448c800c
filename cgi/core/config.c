/*
 * Configuration from the environment: the same binary runs under make run,
 * make test and a production service unit, which differ only in these.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/log.h"
#include "core/num.h"
#include "portal_limits.h"

struct config	config;

static const char *
env_or(const char *name, const char *def)
{
	const char	*v = getenv(name);

	return (v != NULL && *v != '\0') ? v : def;
}

static unsigned
default_workers(void)
{
	long	 n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	if ((unsigned long)n * 2 > WORKERS_MAX)
		return WORKERS_MAX;
	return (unsigned)n * 2;
}

int
config_load(void)
{
	const char	*v;
	uint64_t	 n;
	enum log_level	 level;

	config.root = env_or("PORTAL_ROOT", ".");
	config.socket_path = env_or("PORTAL_SOCKET", "var/run/portal.sock");
	config.db = env_or("PORTAL_DB", "dbname=portal user=portal_app");
	config.db_owner = env_or("PORTAL_DB_OWNER",
	    "dbname=portal user=portal_owner");
	config.keys_dir = env_or("PORTAL_KEYS", "var/keys");
	config.origin = env_or("PORTAL_ORIGIN", "http://127.0.0.1:8080");
	config.secure_cookies = strncmp(config.origin, "https://", 8) == 0;
	config.workers = default_workers();
	if ((v = getenv("PORTAL_WORKERS")) != NULL && *v != '\0') {
		if (num_parse_u64(v, strlen(v), WORKERS_MAX, &n) == -1 ||
		    n == 0) {
			fprintf(stderr, "PORTAL_WORKERS: a number from 1 to "
			    "%u\n", WORKERS_MAX);
			return -1;
		}
		config.workers = (unsigned)n;
	}
	if ((v = getenv("PORTAL_LOG_LEVEL")) != NULL && *v != '\0') {
		if (log_level_parse(v, &level) == -1) {
			fprintf(stderr, "PORTAL_LOG_LEVEL: debug, info, warn "
			    "or error\n");
			return -1;
		}
		log_set_level(level);
	}
	if (strncmp(config.origin, "http://", 7) != 0 &&
	    strncmp(config.origin, "https://", 8) != 0) {
		fprintf(stderr, "PORTAL_ORIGIN: an http:// or https:// "
		    "origin\n");
		return -1;
	}
	return 0;
}
