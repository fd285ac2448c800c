/*
 * A worker: accepts FastCGI requests on the inherited socket, one at a
 * time, each in a fresh arena, until told to stop. SIGTERM lets the
 * request in flight finish; an idle worker leaves at once.
 */
#ifndef PORTAL_SERVER_WORKER_H
#define PORTAL_SERVER_WORKER_H

void	worker_main(int listen_fd) __attribute__((noreturn));

#endif /* PORTAL_SERVER_WORKER_H */
