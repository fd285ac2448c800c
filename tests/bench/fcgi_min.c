/*
 * fcgi_min: the ceiling of a FastCGI page on this machine, for make bench.
 *
 *   fcgi_min SOCKET NWORKERS DIR
 *
 * A minimal libfcgi program shaped like the portal: a master binds a unix
 * socket (mode 0660), forks NWORKERS workers that block in FCGX_Accept_r,
 * and stops them on SIGTERM or SIGINT. Each worker answers a request with
 * the bytes of a file of DIR, read once at start: the file named after
 * REQUEST_URI with every '/' turned into '_' ("/en/states" is
 * DIR/_en_states), holding a whole CGI response (headers, blank line,
 * body), which scripts/bench.sh copies from the portal's own answer to the
 * same URL. A request body, if any, is read and dropped, as the portal
 * reads one. No database, no template, no parsing beyond the URI: what is
 * left is the FastCGI hop through nginx, which is what this measures.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#define MAX_PAGES	64
#define MAX_WORKERS	64
#define MAX_KEY		256

struct page {
	char	 key[MAX_KEY];
	char	*bytes;
	size_t	 len;
};

static struct page	 pages[MAX_PAGES];
static size_t		 npages;
static volatile sig_atomic_t stopping;

static const char not_found[] =
    "Status: 404 Not Found\r\nContent-Type: text/plain\r\n\r\nnot found\n";

static void
die(const char *what)
{
	fprintf(stderr, "fcgi_min: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void
load(const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	char		 path[4096];
	FILE		*f;
	struct stat	 st;

	if ((d = opendir(dir)) == NULL)
		die(dir);
	while ((e = readdir(d)) != NULL && npages < MAX_PAGES) {
		if (e->d_name[0] != '_' || strlen(e->d_name) >= MAX_KEY)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if ((f = fopen(path, "rb")) == NULL || fstat(fileno(f), &st) == -1)
			die(path);
		pages[npages].len = (size_t)st.st_size;
		if ((pages[npages].bytes = malloc(pages[npages].len + 1)) == NULL)
			die("malloc");
		if (fread(pages[npages].bytes, 1, pages[npages].len, f) !=
		    pages[npages].len)
			die(path);
		fclose(f);
		strcpy(pages[npages].key, e->d_name);
		npages++;
	}
	closedir(d);
}

static const struct page *
lookup(const char *uri)
{
	char	 key[MAX_KEY];
	size_t	 i;

	if (uri == NULL)
		return NULL;
	for (i = 0; uri[i] != '\0' && uri[i] != '?' && i < MAX_KEY - 1; i++)
		key[i] = uri[i] == '/' ? '_' : uri[i];
	key[i] = '\0';
	for (i = 0; i < npages; i++)
		if (strcmp(pages[i].key, key) == 0)
			return &pages[i];
	return NULL;
}

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

static void
worker(int fd)
{
	FCGX_Request		 req;
	const struct page	*p;
	struct sigaction	 sa;
	char			 sink[65536];

	if (FCGX_Init() != 0 || FCGX_InitRequest(&req, fd,
	    FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		_exit(1);
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() == 1)
		_exit(0);
#endif
	while (!stopping && FCGX_Accept_r(&req) >= 0) {
		while (FCGX_GetStr(sink, sizeof(sink), req.in) > 0)
			;
		p = lookup(FCGX_GetParam("REQUEST_URI", req.envp));
		if (p != NULL)
			FCGX_PutStr(p->bytes, (int)p->len, req.out);
		else
			FCGX_PutStr(not_found, (int)sizeof(not_found) - 1,
			    req.out);
		FCGX_Finish_r(&req);
	}
	_exit(0);
}

int
main(int argc, char **argv)
{
	struct sockaddr_un	 sun;
	pid_t			 pids[MAX_WORKERS];
	sigset_t		 set;
	int			 fd, n, i, sig;
	mode_t			 old;

	if (argc != 4 || (n = atoi(argv[2])) < 1 || n > MAX_WORKERS) {
		fprintf(stderr, "usage: fcgi_min SOCKET NWORKERS DIR\n");
		return 2;
	}
	load(argv[3]);
	if (npages == 0) {
		fprintf(stderr, "fcgi_min: no page in %s\n", argv[3]);
		return 1;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(argv[1]) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "fcgi_min: socket path too long\n");
		return 1;
	}
	strcpy(sun.sun_path, argv[1]);
	(void)unlink(argv[1]);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		die("socket");
	old = umask(0117);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1)
		die("bind");
	umask(old);
	if (listen(fd, 256) == -1)	/* the portal's LISTEN_BACKLOG */
		die("listen");

	/* The master waits for a stop signal; the workers take it too. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (i = 0; i < n; i++) {
		if ((pids[i] = fork()) == -1)
			die("fork");
		if (pids[i] == 0) {
			sigprocmask(SIG_UNBLOCK, &set, NULL);
			worker(fd);
		}
	}
	for (;;) {
		if (sigwait(&set, &sig) != 0)
			continue;
		if (sig == SIGCHLD) {
			/* A worker died: the bench would be wrong; stop. */
			if (waitpid(-1, NULL, WNOHANG) > 0) {
				fprintf(stderr, "fcgi_min: a worker died\n");
				break;
			}
			continue;
		}
		break;
	}
	for (i = 0; i < n; i++)
		kill(pids[i], SIGTERM);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	unlink(argv[1]);
	return 0;
}
