/*
 * Schema migrations and reference data, run by the database owner role
 * (never by the application role, which cannot change the schema).
 *
 * sql/migrations/NNNN_name.sql are applied in order, each in its own
 * transaction, and recorded with the SHA-256 of the file. A migration that
 * was edited after it was applied stops everything: the database would no
 * longer be what the files say.
 *
 * The files of sql/reference/ are idempotent upserts, loaded after the migrations,
 * each file in one transaction.
 */
#ifndef PORTAL_DATA_MIGRATE_H
#define PORTAL_DATA_MIGRATE_H

/* Both return 0, or 1 with the reason on stderr. */
int	migrate_run(const char *conninfo, const char *sql_dir);
int	migrate_load_reference(const char *conninfo, const char *sql_dir);

#endif /* PORTAL_DATA_MIGRATE_H */
