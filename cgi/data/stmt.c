/*
 * The statement table. Keep each statement next to its siblings by topic;
 * the enum in stmt.h names them in the same order.
 */
#include "data/stmt.h"

const struct stmt_def stmt_defs[STMT__MAX] = {
	[STMT_BEGIN] = { "begin", "BEGIN", 0 },
	[STMT_COMMIT] = { "commit", "COMMIT", 0 },
	[STMT_ROLLBACK] = { "rollback", "ROLLBACK", 0 },
	[STMT_PING] = { "ping", "SELECT 1", 0 },
	[STMT_SETTING] = { "setting",
	    "SELECT setting FROM pg_settings WHERE name = $1", 1 },
};
