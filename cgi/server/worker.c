/*
 * The worker's accept loop. libfcgi is used with FCGI_FAIL_ACCEPT_ON_INTR
 * so that a signal interrupts a blocked accept(2): the stop flag is then
 * seen at once instead of after the next request.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <fcgiapp.h>

#include "core/arena.h"
#include "core/log.h"
#include "data/db.h"
#include "http/dispatch.h"
#include "http/request.h"
#include "portal_limits.h"
#include "server/worker.h"

static volatile sig_atomic_t	stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

static void
worker_signals(void)
{
	struct sigaction	 sa;
	sigset_t		 none;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;
	sa.sa_flags = 0;	/* no SA_RESTART: interrupt accept(2) */
	(void)sigaction(SIGTERM, &sa, NULL);
	(void)sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	/* A client that went away shows up as a failed write instead. */
	(void)sigaction(SIGPIPE, &sa, NULL);
	(void)sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	(void)sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
#ifdef __linux__
	/* Never outlive the master, whatever killed it. */
	(void)prctl(PR_SET_PDEATHSIG, SIGTERM);
	/* No core dump of a worker: it holds allegations in clear. */
	(void)prctl(PR_SET_DUMPABLE, 0);
	if (getppid() == 1)
		_exit(0);
#endif
}

static void
serve_one(FCGX_Request *conn, struct arena *arena)
{
	struct req	 r;
	int		 status;

	status = req_from_fcgi(&r, arena, conn);
	dispatch(&r, status);
	db_request_end();
	FCGX_Finish_r(conn);
	arena_reset(arena);
}

void
worker_main(int listen_fd)
{
	FCGX_Request	 conn;
	struct arena	*arena;
	sigset_t	 stop_set;
	unsigned	 served = 0;
	int		 rc;

	if (FCGX_Init() != 0 ||
	    FCGX_InitRequest(&conn, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0 ||
	    (arena = arena_new(ARENA_MAX_BYTES)) == NULL) {
		log_event(LOG_ERROR, "worker.init", "failed=1");
		_exit(1);
	}
	/* After FCGX_Init, which installs handlers of its own. */
	worker_signals();
	log_event(LOG_INFO, "worker.start", "fd=%d", listen_fd);
	sigemptyset(&stop_set);
	sigaddset(&stop_set, SIGTERM);
	sigaddset(&stop_set, SIGINT);
	for (;;) {
		/*
		 * Stop signals are let in only while waiting for a connection:
		 * during a request they wait, so that no read or write of the
		 * request is cut short by EINTR.
		 */
		(void)sigprocmask(SIG_UNBLOCK, &stop_set, NULL);
		if (stopping)
			break;
		rc = FCGX_Accept_r(&conn);
		(void)sigprocmask(SIG_BLOCK, &stop_set, NULL);
		if (rc < 0) {
			if (stopping)
				break;
			if (errno != EINTR) {
				log_event(LOG_WARN, "worker.accept", "errno=%d",
				    errno);
				usleep(10000);
			}
			continue;
		}
		serve_one(&conn, arena);
		served++;
	}
	db_close();
	arena_free(arena);
	log_event(LOG_INFO, "worker.stop", "served=%u", served);
	exit(0);
}
