/*
 * Every SQL statement the application runs, in one table. They are
 * prepared on each new connection; nothing else is ever sent, so no query
 * text is built at run time and every value is a parameter.
 */
#ifndef PORTAL_DATA_STMT_H
#define PORTAL_DATA_STMT_H

enum stmt {
	STMT_BEGIN,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_PING,
	STMT_SETTING,
	/* reference data */
	STMT_STATE_EXISTS,
	STMT_MANDATE_EXISTS,
	STMT_REF_STATES,
	STMT_REF_MANDATES,
	/* submissions */
	STMT_SUB_NEXT_ID,
	STMT_SUB_NEXT_REF,
	STMT_SUB_FILE_NEXT_ID,
	STMT_SUB_CLAIM,
	STMT_SUB_REPLAY,
	STMT_SUB_SET_REPLAY,
	STMT_SUB_CHUNK_INSERT,
	STMT_SUB_FILE_INSERT,
	STMT_SUB_INSERT,
	STMT_SUB_MANDATE_INSERT,
	/* public reference pages */
	STMT_PUB_COUNTS,
	STMT_PUB_GROUPS,
	STMT_PUB_STATES,
	STMT_PUB_STATE,
	STMT_PUB_STATE_NAMES,
	STMT_PUB_STATE_REGIME,
	STMT_PUB_STATE_MANDATES,
	STMT_PUB_MANDATES,
	STMT_PUB_MANDATE,
	STMT_PUB_MANDATE_NAMES,
	/* transparency log */
	STMT_TLOG_ENQUEUE,
	STMT_TLOG_LOOKUP,
	STMT_TLOG_LATEST,
	STMT_TLOG_LOCK,
	STMT_TLOG_QUEUE_READ,
	STMT_TLOG_QUEUE_DELETE,
	STMT_TLOG_LEAVES_INSERT,
	STMT_TLOG_HASHES_INSERT,
	STMT_TLOG_CHECKPOINT_INSERT,
	STMT_TLOG_HASHES_READ,
	STMT_TLOG_TILE_HASHES,
	STMT_TLOG_TILE_ENTRIES,
	STMT__MAX
};

struct stmt_def {
	const char	*name;
	const char	*sql;
	int		 nparams;
};

extern const struct stmt_def stmt_defs[STMT__MAX];

#endif /* PORTAL_DATA_STMT_H */
