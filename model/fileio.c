#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
fileio_read(const char *path, size_t max, char **data, size_t *len,
    struct error *err)
{
	struct stat st;
	char *buf;
	size_t off = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		error_add(err, path, 0, NULL, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		error_add(err, path, 0, NULL, "cannot stat: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		error_add(err, path, 0, NULL, "is a directory, not a file");
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		error_add(err, path, 0, NULL, "is not a regular file");
		close(fd);
		return -1;
	}
	if ((unsigned long long)st.st_size > max) {
		error_add(err, path, 0, NULL,
		    "is %lld bytes; the limit is %zu bytes",
		    (long long)st.st_size, max);
		close(fd);
		return -1;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	for (;;) {
		ssize_t n;

		if (off == (size_t)st.st_size) {
			char extra;

			/* The file grew while we read it: refuse rather than
			 * read a torn copy. */
			n = read(fd, &extra, 1);
			if (n > 0) {
				error_add(err, path, 0, NULL,
				    "changed while it was being read");
				free(buf);
				close(fd);
				return -1;
			}
			break;
		}
		n = read(fd, buf + off, (size_t)st.st_size - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error_add(err, path, 0, NULL, "cannot read: %s",
			    strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		off += (size_t)n;
	}
	close(fd);
	buf[off] = '\0';
	if (memchr(buf, '\0', off) != NULL) {
		size_t at = strlen(buf);
		int line = 1;

		for (size_t i = 0; i < at; i++)
			if (buf[i] == '\n')
				line++;
		error_add(err, path, line, NULL,
		    "holds a NUL byte (offset %zu): this is not a text file", at);
		free(buf);
		return -1;
	}
	*data = buf;
	*len = off;
	return 0;
}

int
fileio_mode(const char *path, mode_t *mode, struct error *err)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		error_add(err, path, 0, NULL, "cannot stat: %s", strerror(errno));
		return -1;
	}
	*mode = st.st_mode & 07777;
	return 0;
}

static int
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	/* Some file systems cannot fsync a directory; the rename is done. */
	if (rc != 0 && (errno == EINVAL || errno == EROFS))
		rc = 0;
	return rc;
}

int
fileio_write_atomic(const char *path, const char *data, size_t len,
    mode_t mode, bool keep_backup, struct error *err)
{
	char *copy = xstrdup(path), *copy2 = xstrdup(path);
	const char *dir = dirname(copy), *base = basename(copy2);
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	char *backup = NULL;
	struct stat st;
	int fd = -1, rc = -1;
	bool exists;

	exists = stat(path, &st) == 0;
	if (exists && S_ISDIR(st.st_mode)) {
		error_add(err, path, 0, NULL, "is a directory, not a file");
		goto out;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		error_add(err, path, 0, NULL,
		    "is not a regular file; not replacing it");
		goto out;
	}
	/* mkstemp creates 0600: a secret is never readable by others, not
	 * even for an instant. */
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		error_add(err, path, 0, NULL, "cannot create a file in %s: %s",
		    dir, strerror(errno));
		goto out;
	}
	if (mode != 0600 && fchmod(fd, mode) != 0) {
		error_add(err, path, 0, NULL, "cannot set the mode of %s: %s",
		    tmp, strerror(errno));
		goto fail;
	}
	if (write_all(fd, data, len) != 0) {
		error_add(err, path, 0, NULL, "cannot write: %s", strerror(errno));
		goto fail;
	}
	if (fsync(fd) != 0) {
		error_add(err, path, 0, NULL, "cannot sync: %s", strerror(errno));
		goto fail;
	}
	if (close(fd) != 0) {
		fd = -1;
		error_add(err, path, 0, NULL, "cannot close: %s", strerror(errno));
		goto fail;
	}
	fd = -1;
	if (exists && keep_backup) {
		backup = xasprintf("%s~", path);
		if (unlink(backup) != 0 && errno != ENOENT) {
			error_add(err, backup, 0, NULL, "cannot replace: %s",
			    strerror(errno));
			goto fail;
		}
		if (link(path, backup) != 0) {
			error_add(err, backup, 0, NULL,
			    "cannot keep the previous version: %s", strerror(errno));
			goto fail;
		}
	}
	if (rename(tmp, path) != 0) {
		error_add(err, path, 0, NULL, "cannot replace: %s", strerror(errno));
		goto fail;
	}
	if (sync_dir(dir) != 0) {
		error_add(err, path, 0, NULL,
		    "saved, but the folder %s could not be synced: %s", dir,
		    strerror(errno));
		goto out;
	}
	rc = 0;
	goto out;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
out:
	free(backup);
	free(tmp);
	free(copy);
	free(copy2);
	return rc;
}
