/* Liveness of the database, for /healthz. */
#ifndef PORTAL_DATA_HEALTH_H
#define PORTAL_DATA_HEALTH_H

#include "data/db.h"

/* DB_OK when the database answers a query within its deadline. */
enum db_err	health_db(void) __attribute__((warn_unused_result));
/*
 * Check that the server will not lose a committed transaction: fsync and
 * synchronous_commit must be on. Returns DB_OK, DB_ERROR (with the reason
 * on stderr) if either is off, or DB_UNAVAILABLE.
 */
enum db_err	health_durable(void) __attribute__((warn_unused_result));

#endif /* PORTAL_DATA_HEALTH_H */
