/*
 * Run-time configuration, from environment variables with defaults, read
 * once at start-up. README.md (Configuration) lists every variable.
 */
#ifndef PORTAL_CORE_CONFIG_H
#define PORTAL_CORE_CONFIG_H

#include <stdint.h>

struct config {
	const char	*root;		/* PORTAL_ROOT: templates/, sql/, static/ */
	const char	*socket_path;	/* PORTAL_SOCKET */
	const char	*db;		/* PORTAL_DB: the application's conninfo */
	const char	*db_owner;	/* PORTAL_DB_OWNER: for migrations */
	const char	*keys_dir;	/* PORTAL_KEYS: key files, mode 0600 */
	const char	*origin;	/* PORTAL_ORIGIN: e.g. https://portal.example */
	unsigned	 workers;	/* PORTAL_WORKERS: default 2 x cores */
	int		 secure_cookies;	/* 1 unless origin is http:// */
};

extern struct config	config;

/* Read the environment. -1, with a message on stderr, if a value is bad. */
int	config_load(void) __attribute__((warn_unused_result));

#endif /* PORTAL_CORE_CONFIG_H */
