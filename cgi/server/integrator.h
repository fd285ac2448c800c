/*
 * The transparency log's integrator (sequencer): one process beside the
 * workers, forked and supervised by the master, that turns queued
 * entries into leaves and signed checkpoints every TLOG_INTEGRATE_MS
 * (see tlog_integrate() in data/tlog.h). Several hosts may each run one:
 * an advisory lock lets one integrate at a time.
 *
 * It signs with $PORTAL_KEYS/log.key, whose name must be the log's
 * origin (tlog_origin()). Without a usable key it logs an error and
 * tries again later; it never exits for that, so the master does not
 * restart it in a loop. SIGTERM or SIGINT: it finishes the step under
 * way and exits.
 */
#ifndef PORTAL_SERVER_INTEGRATOR_H
#define PORTAL_SERVER_INTEGRATOR_H

#define TLOG_INTEGRATE_MS	500	/* between steps when the queue is short */
#define TLOG_RETRY_MS		2000	/* after a failed step, or no key */
#define TLOG_KEY_LOG_EVERY_MS	60000	/* how often "no key" is logged */

void	integrator_main(int listen_fd) __attribute__((noreturn));

#endif /* PORTAL_SERVER_INTEGRATOR_H */
