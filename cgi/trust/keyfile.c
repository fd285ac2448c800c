/*
 * Key files. The checks happen on the open file descriptor (fstat), so a
 * file swapped between check and read is still the file that was checked.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "trust/keyfile.h"
#include "trust/note.h"

static int
fail(char *err, size_t errlen, const char *path, const char *why)
{
	(void)snprintf(err, errlen, "%s: %s", path, why);
	return -1;
}

int
keyfile_read(const char *path, char **out, size_t *len, char *err,
    size_t errlen)
{
	struct stat	 st;
	char		*buf;
	size_t		 got = 0;
	ssize_t		 n;
	int		 fd;

	*out = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return fail(err, errlen, path, strerror(errno));
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return fail(err, errlen, path, "not a regular file");
	}
	/* A key others can read is a key others may have. */
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		close(fd);
		return fail(err, errlen, path, "mode must be 0600 or stricter");
	}
	if (st.st_size <= 0 || (size_t)st.st_size > KEYFILE_MAX_BYTES ||
	    (buf = sodium_malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return fail(err, errlen, path, "empty or too large");
	}
	while (got < (size_t)st.st_size) {
		n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			sodium_free(buf);
			close(fd);
			return fail(err, errlen, path, "short read");
		}
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*out = buf;
	*len = got;
	return 0;
}

int
keyfile_load_signer(const char *path, struct note_signer **out, char *err,
    size_t errlen)
{
	char	*text;
	size_t	 len;
	int	 rc;

	if (keyfile_read(path, &text, &len, err, errlen) == -1)
		return -1;
	/* One trailing newline is how editors and echo leave a file. */
	if (len > 0 && text[len - 1] == '\n')
		text[--len] = '\0';
	rc = note_signer_parse(text, len, out);
	sodium_free(text);
	if (rc == -1)
		return fail(err, errlen, path, "not a signer key");
	return 0;
}

int
keyfile_create(const char *path, const void *text, size_t len)
{
	char	 dir[4096];
	size_t	 done = 0;
	ssize_t	 n;
	int	 fd, dfd, saved;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd == -1)
		return -1;
	while (done < len) {
		if ((n = write(fd, (const char *)text + done, len - done)) <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			goto fail;
		}
		done += (size_t)n;
	}
	if (fsync(fd) == -1)
		goto fail;
	close(fd);
	(void)snprintf(dir, sizeof(dir), "%s", path);
	if ((dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		(void)fsync(dfd);
		close(dfd);
	}
	return 0;
fail:
	saved = errno;
	close(fd);
	(void)unlink(path);
	errno = saved;
	return -1;
}
