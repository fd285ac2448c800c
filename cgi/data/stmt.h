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
	STMT__MAX
};

struct stmt_def {
	const char	*name;
	const char	*sql;
	int		 nparams;
};

extern const struct stmt_def stmt_defs[STMT__MAX];

#endif /* PORTAL_DATA_STMT_H */
