/*
 * The integrator's loop. Its state is the signer and what it last
 * signed, so that even a database rolled back behind its back (by
 * someone with the superuser's password) is noticed while it runs: it
 * then refuses to sign, loudly, until an operator looks.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "data/db.h"
#include "data/tlog.h"
#include "portal_limits.h"
#include "server/integrator.h"
#include "trust/keyfile.h"
#include "trust/note.h"

static volatile sig_atomic_t	stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

static void
integrator_signals(void)
{
	struct sigaction	 sa;
	sigset_t		 none;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;
	sa.sa_flags = 0;	/* no SA_RESTART: cut the sleep short */
	(void)sigaction(SIGTERM, &sa, NULL);
	(void)sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	(void)sigaction(SIGPIPE, &sa, NULL);
	(void)sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	(void)sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
#ifdef __linux__
	(void)prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() == 1)
		_exit(0);
#endif
}

static int64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sleep, unless a stop signal comes first. */
static void
nap(long ms)
{
	struct timespec	 ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	if (!stopping)
		(void)nanosleep(&ts, NULL);
}

/*
 * The log key, checked to be named as the log's origin: a checkpoint
 * signed by a key of another name would not verify for monitors that
 * know this log. NULL (logged, at most once a minute) if there is none.
 */
static struct note_signer *
load_key(const char *origin, int64_t *last_logged)
{
	struct note_signer	*s = NULL;
	char			 path[4096], err[512];
	int			 quiet;

	quiet = *last_logged != 0 &&
	    now_ms() - *last_logged < TLOG_KEY_LOG_EVERY_MS;
	if ((size_t)snprintf(path, sizeof(path), "%s/log.key",
	    config.keys_dir) >= sizeof(path)) {
		snprintf(err, sizeof(err), "PORTAL_KEYS too long");
		goto fail;
	}
	if (keyfile_load_signer(path, &s, err, sizeof(err)) == -1)
		goto fail;
	if (strcmp(note_signer_name(s), origin) != 0) {
		snprintf(err, sizeof(err), "log.key is named %s, not %s",
		    note_signer_name(s), origin);
		note_signer_free(s);
		s = NULL;
		goto fail;
	}
	log_event(LOG_INFO, "tlog.key", "origin=%s", origin);
	*last_logged = 0;
	return s;
fail:
	if (!quiet) {
		log_event(LOG_ERROR, "tlog.no_key", "reason=\"%s\" "
		    "retry_ms=%d", err, TLOG_RETRY_MS);
		*last_logged = now_ms();
	}
	return NULL;
}

void
integrator_main(int listen_fd)
{
	struct note_signer	*signer = NULL;
	struct arena		*arena;
	struct tlog_step	 step;
	enum tlog_step_err	 e;
	enum db_err		 dberr;
	uint64_t		 last_size = UINT64_MAX;
	uint8_t			 last_root[MERKLE_HASH_BYTES];
	int64_t			 key_logged = 0;
	char			 origin[TLOG_ORIGIN_MAX_BYTES];
	long			 wait_ms;

	/* The integrator serves no request. */
	if (listen_fd != -1)
		close(listen_fd);
	integrator_signals();
	memset(last_root, 0, sizeof(last_root));
	if ((arena = arena_new(ARENA_MAX_BYTES)) == NULL) {
		log_event(LOG_ERROR, "tlog.init", "failed=1");
		_exit(1);
	}
	if (tlog_origin(config.origin, origin, sizeof(origin)) == -1) {
		/* Not a transient failure: idle, loudly, until stopped. */
		log_event(LOG_ERROR, "tlog.no_origin", "reason=\"PORTAL_ORIGIN "
		    "gives no valid log origin\"");
		while (!stopping)
			nap(TLOG_KEY_LOG_EVERY_MS);
		goto out;
	}
	log_event(LOG_INFO, "tlog.start", "origin=%s", origin);
	while (!stopping) {
		if (signer == NULL &&
		    (signer = load_key(origin, &key_logged)) == NULL) {
			nap(TLOG_RETRY_MS);
			continue;
		}
		e = tlog_integrate(arena, signer, origin, last_size, last_root,
		    &step, &dberr);
		arena_reset(arena);
		wait_ms = TLOG_INTEGRATE_MS;
		switch (e) {
		case TLOG_STEP_OK:
			if (step.signed_new) {
				last_size = step.size;
				memcpy(last_root, step.root, sizeof(last_root));
				log_event(LOG_INFO, "tlog.checkpoint", "size=%"
				    PRIu64 " integrated=%zu", step.size,
				    step.integrated);
			}
			/* A full batch: more may be waiting. */
			if (step.integrated == TLOG_BATCH_MAX)
				wait_ms = 0;
			break;
		case TLOG_STEP_DB:
			/* db.c has logged it; DB_ERROR is worth a line more. */
			if (dberr == DB_ERROR)
				log_event(LOG_ERROR, "tlog.step", "failed=db");
			wait_ms = TLOG_RETRY_MS;
			break;
		default:
			/* Logged at level error where it was found. */
			wait_ms = TLOG_RETRY_MS;
			break;
		}
		if (wait_ms > 0)
			nap(wait_ms);
	}
out:
	db_close();
	note_signer_free(signer);
	arena_free(arena);
	log_event(LOG_INFO, "tlog.stop", "size=%" PRId64,
	    last_size == UINT64_MAX ? (int64_t)-1 : (int64_t)last_size);
	exit(0);
}
