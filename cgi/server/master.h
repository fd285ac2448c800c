/*
 * The master: binds the FastCGI unix socket, forks the workers, restarts
 * any that dies (with backoff), re-forks all of them on SIGHUP, and on
 * SIGTERM or SIGINT stops them gracefully, letting requests in flight
 * finish, before it removes the socket and exits.
 */
#ifndef PORTAL_SERVER_MASTER_H
#define PORTAL_SERVER_MASTER_H

/* Run until stopped. Returns the process exit status. */
int	master_serve(void);

#endif /* PORTAL_SERVER_MASTER_H */
