// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <zlib.h>

#include "sysroot.h"
#include "xalloc.h"

int sr_init(struct sysroot *sr, const char *path)
{
	size_t len;
	int fd;

	if (!path || !*path)
		path = "/";
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	sr->path = xstrndup(path, len);
	sr->dirfd = fd;
	sr->live = streq(sr->path, "/");
	return 0;
}

void sr_done(struct sysroot *sr)
{
	if (sr->dirfd >= 0)
		close(sr->dirfd);
	sr->dirfd = -1;
	free(sr->path);
	sr->path = NULL;
}

char *sr_path(const struct sysroot *sr, const char *path)
{
	if (sr->live)
		return xstrdup(path);
	return xasprintf("%s%s%s", sr->path, path[0] == '/' ? "" : "/", path);
}

static const char *relative(const char *path)
{
	while (*path == '/')
		path++;
	return *path ? path : ".";
}

int sr_open(const struct sysroot *sr, const char *path, int flags)
{
	int fd;

	flags |= O_CLOEXEC;
	if (!sr->live) {
		/* Absolute symlinks in a captured tree resolve inside the tree. */
		struct open_how how = {
			.flags = (uint64_t)flags,
			.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
		};
		fd = (int)syscall(SYS_openat2, sr->dirfd, relative(path), &how, sizeof(how));
		if (fd >= 0)
			return fd;
		if (errno != ENOSYS && errno != EPERM)
			return -errno;
	}
	fd = openat(sr->dirfd, relative(path), flags);
	return fd < 0 ? -errno : fd;
}

int read_fd_all(int fd, size_t max, char **ret, size_t *retlen)
{
	size_t cap = 4096, len = 0;
	char *buf = xmalloc(cap + 1);

	for (;;) {
		ssize_t n;

		if (len == cap) {
			if (cap >= max) {
				free(buf);
				return -EFBIG;
			}
			cap = cap * 2 > max ? max : cap * 2;
			buf = xrealloc(buf, cap + 1);
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int r = -errno;
			free(buf);
			return r;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	*ret = buf;
	if (retlen)
		*retlen = len;
	return 0;
}

int sr_read_file(const struct sysroot *sr, const char *path, size_t max, char **ret,
		 size_t *retlen)
{
	_cleanup_close_ int fd = sr_open(sr, path, O_RDONLY);

	if (fd < 0)
		return fd;
	return read_fd_all(fd, max, ret, retlen);
}

int sr_read_gz(const struct sysroot *sr, const char *path, size_t max, char **ret,
	       size_t *retlen)
{
	int fd = sr_open(sr, path, O_RDONLY);
	size_t cap = 65536, len = 0;
	gzFile gz;
	char *buf;

	if (fd < 0)
		return fd;
	gz = gzdopen(fd, "rb");
	if (!gz) {
		close(fd);
		return -ENOMEM;
	}
	buf = xmalloc(cap + 1);
	for (;;) {
		int n;

		if (len == cap) {
			if (cap >= max) {
				free(buf);
				gzclose(gz);
				return -EFBIG;
			}
			cap = cap * 2 > max ? max : cap * 2;
			buf = xrealloc(buf, cap + 1);
		}
		n = gzread(gz, buf + len, (unsigned)(cap - len));
		if (n < 0) {
			free(buf);
			gzclose(gz);
			return -EBADMSG;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	gzclose(gz);
	buf[len] = '\0';
	*ret = buf;
	if (retlen)
		*retlen = len;
	return 0;
}

int sr_read_line(const struct sysroot *sr, const char *path, char **ret)
{
	char *buf, *nl;
	int r = sr_read_file(sr, path, 4096, &buf, NULL);

	if (r < 0)
		return r;
	nl = strchr(buf, '\n');
	if (nl)
		*nl = '\0';
	*ret = buf;
	return 0;
}

int sr_readlink(const struct sysroot *sr, const char *path, char **ret)
{
	char buf[4096];
	ssize_t n;

	if (!sr->live) {
		/* Resolve the parent inside the root, then read the link itself. */
		_cleanup_free_ char *dir = xstrdup(relative(path));
		char *slash = strrchr(dir, '/');
		const char *base = dir;
		_cleanup_close_ int dfd = -1;

		if (slash) {
			*slash = '\0';
			base = slash + 1;
			dfd = sr_open(sr, dir, O_PATH | O_DIRECTORY);
			if (dfd < 0)
				return dfd;
		}
		n = readlinkat(slash ? dfd : sr->dirfd, base, buf, sizeof(buf) - 1);
	} else {
		n = readlinkat(sr->dirfd, relative(path), buf, sizeof(buf) - 1);
	}
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	*ret = xstrdup(buf);
	return 0;
}

int sr_stat(const struct sysroot *sr, const char *path, struct stat *st)
{
	_cleanup_close_ int fd = sr_open(sr, path, O_PATH);

	if (fd < 0)
		return fd;
	return fstat(fd, st) < 0 ? -errno : 0;
}

bool sr_exists(const struct sysroot *sr, const char *path)
{
	_cleanup_close_ int fd = sr_open(sr, path, O_PATH);

	return fd >= 0;
}

DIR *sr_opendir(const struct sysroot *sr, const char *path)
{
	int fd = sr_open(sr, path, O_RDONLY | O_DIRECTORY);
	DIR *d;

	if (fd < 0) {
		errno = -fd;
		return NULL;
	}
	d = fdopendir(fd);
	if (!d) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return d;
}
