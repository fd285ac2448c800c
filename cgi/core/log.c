/*
 * Structured logging on stderr. A line is formatted whole and written with
 * one write(2), so lines from concurrent workers never interleave.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"

#define LOG_LINE_MAX	1024

static const char *const log_level_names[LOG__MAX] = {
	"debug", "info", "warn", "error",
};

static enum log_level log_min = LOG_INFO;

void
log_set_level(enum log_level l)
{
	log_min = l;
}

int
log_level_parse(const char *s, enum log_level *out)
{
	int	 i;

	for (i = 0; i < LOG__MAX; i++)
		if (strcmp(s, log_level_names[i]) == 0) {
			*out = (enum log_level)i;
			return 0;
		}
	return -1;
}

/* Keep the line on one line of printable ASCII, whatever went into it. */
static void
log_sanitize(char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			s[i] = '?';
}

void
log_event(enum log_level level, const char *event, const char *fmt, ...)
{
	char		 line[LOG_LINE_MAX];
	struct tm	 tm;
	time_t		 now;
	va_list		 ap;
	size_t		 len;
	int		 n, saved = errno;

	if (level < log_min || level >= LOG__MAX)
		return;
	now = time(NULL);
	gmtime_r(&now, &tm);
	n = snprintf(line, sizeof(line), "ts=%04d-%02d-%02dT%02d:%02d:%02dZ "
	    "level=%s pid=%ld event=%s ", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    log_level_names[level], (long)getpid(), event);
	if (n < 0)
		goto out;
	len = (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1;
	va_start(ap, fmt);
	n = vsnprintf(line + len, sizeof(line) - len, fmt, ap);
	va_end(ap);
	if (n > 0)
		len += (size_t)n < sizeof(line) - len ? (size_t)n :
		    sizeof(line) - len - 1;
	log_sanitize(line, len);
	if (len >= sizeof(line) - 1)
		len = sizeof(line) - 2;
	line[len++] = '\n';
	/* A failed log write has nowhere to be reported. */
	(void)!write(STDERR_FILENO, line, len);
out:
	errno = saved;
}
