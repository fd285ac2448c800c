/*
 * Prefork master. All signals the master acts on are blocked and taken
 * with sigtimedwait(2), so the master's logic runs in one place, never in
 * a signal handler.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/log.h"
#include "portal_limits.h"
#include "server/integrator.h"
#include "server/master.h"
#include "server/worker.h"

#define STOP_GRACE_MS		30000	/* then SIGKILL */
#define LIVED_LONG_ENOUGH_MS	10000	/* resets the restart backoff */
#define RESTART_BACKOFF_MIN_MS	100

struct slot {
	pid_t		 pid;		/* 0: empty */
	int		 retiring;	/* told to stop after SIGHUP */
	int64_t		 started_ms;
	int64_t		 restart_at_ms;	/* when empty and wanted */
	unsigned	 backoff_ms;
	int		 wanted;	/* a worker should be here */
	int		 integrator;	/* the transparency log's, not a worker */
};

/* Workers and the integrator, and as many retiring after a SIGHUP. */
static struct slot	slots[(WORKERS_MAX + 1) * 2];
static int		listen_fd = -1;

static int64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Bind the socket mode 0660 from the start: no window where it is wider. */
static int
listen_unix(const char *path)
{
	struct sockaddr_un	 sun;
	struct stat		 st;
	mode_t			 old;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "portal: socket path too long: %s\n", path);
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path));
	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			fprintf(stderr, "portal: %s exists and is not a "
			    "socket\n", path);
			return -1;
		}
		(void)unlink(path);
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	old = umask(0117);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    listen(fd, LISTEN_BACKLOG) == -1) {
		umask(old);
		fprintf(stderr, "portal: cannot listen on %s: %s\n", path,
		    strerror(errno));
		close(fd);
		return -1;
	}
	umask(old);
	return fd;
}

static void
spawn(struct slot *s)
{
	pid_t	 pid;

	if ((pid = fork()) == -1) {
		log_event(LOG_ERROR, "master.fork", "errno=%d", errno);
		s->restart_at_ms = now_ms() + WORKER_RESTART_BACKOFF_MAX_MS;
		return;
	}
	if (pid == 0) {
		if (s->integrator)
			integrator_main(listen_fd);
		/* The worker needs the socket across its life, not exec. */
		worker_main(listen_fd);
	}
	s->pid = pid;
	s->retiring = 0;
	s->started_ms = now_ms();
}

static struct slot *
slot_of(pid_t pid)
{
	size_t	 i;

	for (i = 0; i < sizeof(slots) / sizeof(slots[0]); i++)
		if (slots[i].pid == pid)
			return &slots[i];
	return NULL;
}

/* A worker died: schedule its replacement, backing off if it crashes fast. */
static void
on_exit_of(struct slot *s, int status, int stopping)
{
	int64_t	 lived = now_ms() - s->started_ms;

	if (!s->retiring && !stopping) {
		if (WIFSIGNALED(status))
			log_event(LOG_WARN, s->integrator ? "integrator.died" :
			    "worker.died", "pid=%ld signal=%d "
			    "lived_ms=%lld", (long)s->pid, WTERMSIG(status),
			    (long long)lived);
		else
			log_event(LOG_WARN, s->integrator ? "integrator.exited" :
			    "worker.exited", "pid=%ld status=%d "
			    "lived_ms=%lld", (long)s->pid, WEXITSTATUS(status),
			    (long long)lived);
	}
	s->pid = 0;
	if (s->retiring || stopping) {
		s->wanted = 0;
		return;
	}
	if (lived >= LIVED_LONG_ENOUGH_MS)
		s->backoff_ms = 0;
	else if (s->backoff_ms == 0)
		s->backoff_ms = RESTART_BACKOFF_MIN_MS;
	else if ((s->backoff_ms *= 2) > WORKER_RESTART_BACKOFF_MAX_MS)
		s->backoff_ms = WORKER_RESTART_BACKOFF_MAX_MS;
	s->restart_at_ms = now_ms() + s->backoff_ms;
	if (s->backoff_ms > 0)
		log_event(LOG_INFO, "worker.restart", "backoff_ms=%u",
		    s->backoff_ms);
}

static size_t
reap(int stopping)
{
	struct slot	*s;
	size_t		 n = 0;
	pid_t		 pid;
	int		 status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if ((s = slot_of(pid)) != NULL)
			on_exit_of(s, status, stopping);
		n++;
	}
	return n;
}

static size_t
live_workers(void)
{
	size_t	 i, n = 0;

	for (i = 0; i < sizeof(slots) / sizeof(slots[0]); i++)
		if (slots[i].pid != 0)
			n++;
	return n;
}

static void
signal_all(int sig)
{
	size_t	 i;

	for (i = 0; i < sizeof(slots) / sizeof(slots[0]); i++)
		if (slots[i].pid != 0)
			(void)kill(slots[i].pid, sig);
}

/* Start whatever is wanted and due; return ms until the next is due. */
static int64_t
spawn_due(void)
{
	int64_t	 now = now_ms(), next = 1000;
	size_t	 i;

	for (i = 0; i < sizeof(slots) / sizeof(slots[0]); i++) {
		if (!slots[i].wanted || slots[i].pid != 0)
			continue;
		if (slots[i].restart_at_ms <= now)
			spawn(&slots[i]);
		else if (slots[i].restart_at_ms - now < next)
			next = slots[i].restart_at_ms - now;
	}
	return next;
}

/*
 * Want config.workers workers and one integrator (a second one may
 * overlap an old one after SIGHUP: its advisory lock keeps them apart) in
 * the empty slots, and nothing else: a slot awaiting a restart is
 * replaced by the new set.
 */
static void
want_slots(void)
{
	size_t		 i;
	unsigned	 n = 0;

	for (i = 0; i < sizeof(slots) / sizeof(slots[0]); i++) {
		if (slots[i].pid != 0)
			continue;
		slots[i].wanted = n <= config.workers;
		slots[i].integrator = n == config.workers;
		slots[i].backoff_ms = 0;
		slots[i].restart_at_ms = 0;
		n++;
	}
}

/*
 * SIGHUP: a fresh set of workers and integrator; the old ones finish what
 * they serve.
 */
static void
refork(void)
{
	size_t	 i;

	for (i = 0; i < sizeof(slots) / sizeof(slots[0]); i++)
		if (slots[i].pid != 0 && !slots[i].retiring) {
			slots[i].retiring = 1;
			slots[i].wanted = 0;
			(void)kill(slots[i].pid, SIGTERM);
		}
	want_slots();
	log_event(LOG_INFO, "master.refork", "workers=%u", config.workers);
}

static void
stop_all(sigset_t *set)
{
	struct timespec	 tick = { 1, 0 };
	int64_t		 deadline = now_ms() + STOP_GRACE_MS;

	log_event(LOG_INFO, "master.stopping", "workers=%zu", live_workers());
	signal_all(SIGTERM);
	while (live_workers() > 0 && now_ms() < deadline) {
		(void)sigtimedwait(set, NULL, &tick);
		reap(1);
		/* A worker may have been between its stop check and accept. */
		signal_all(SIGTERM);
	}
	if (live_workers() > 0) {
		log_event(LOG_WARN, "master.kill", "workers=%zu",
		    live_workers());
		signal_all(SIGKILL);
		while (live_workers() > 0 && waitpid(-1, NULL, 0) > 0)
			reap(1);
		memset(slots, 0, sizeof(slots));
	}
}

int
master_serve(void)
{
	struct timespec	 timeout;
	sigset_t	 set;
	int64_t		 wait_ms;
	int		 sig;

	if ((listen_fd = listen_unix(config.socket_path)) == -1)
		return 1;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	/*
	 * A shell starts background jobs with SIGINT ignored; an ignored
	 * signal is never pending, so restore the defaults before blocking.
	 */
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	want_slots();
	log_event(LOG_INFO, "master.start", "workers=%u", config.workers);
	for (;;) {
		wait_ms = spawn_due();
		timeout.tv_sec = wait_ms / 1000;
		timeout.tv_nsec = (wait_ms % 1000) * 1000000;
		sig = sigtimedwait(&set, NULL, &timeout);
		if (sig == SIGTERM || sig == SIGINT)
			break;
		if (sig == SIGHUP)
			refork();
		reap(0);
	}
	stop_all(&set);
	close(listen_fd);
	(void)unlink(config.socket_path);
	log_event(LOG_INFO, "master.stop", "clean=1");
	return 0;
}
