// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <zlib.h>

#include "sysroot.h"
#include "xalloc.h"

/* As the kernel: at most 40 symlinks in one resolution. */
#define SR_MAXLINKS 40

int sr_init(struct sysroot *sr, const char *path)
{
	char *real;
	size_t len;
	int fd;

	if (!path || !*path)
		path = "/";
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	real = realpath(path, NULL);
	if (!real) {
		int r = -errno;
		close(fd);
		return r;
	}
	len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	*sr = (struct sysroot){ 0 };
	sr->path = xstrndup(path, len);
	sr->real = real;
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
	free(sr->real);
	sr->real = NULL;
}

char *sr_path(const struct sysroot *sr, const char *path)
{
	if (sr->live)
		return xstrdup(path);
	return xasprintf("%s%s%s", sr->path, path[0] == '/' ? "" : "/", path);
}

const char *sr_strerror(int err)
{
	if (err < 0)
		err = -err;
	if (err == SR_ENOTREG)
		return "not a regular file";
	return strerror(err);
}

static const char *relative(const char *path)
{
	while (*path == '/')
		path++;
	return *path ? path : ".";
}

/* The directory fds of a user-space resolution, root first (not owned). */
struct walk {
	int rootfd;
	int *fds;
	size_t n, cap;
	char *canon; /* "" or "/a/b": the components opened so far */
};

static int walk_top(const struct walk *w)
{
	return w->n ? w->fds[w->n - 1] : w->rootfd;
}

static void walk_name(struct walk *w, const char *name)
{
	char *c = xasprintf("%s/%s", w->canon, name);

	free(w->canon);
	w->canon = c;
}

static void walk_push(struct walk *w, int fd, const char *name)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->fds = xreallocarray(w->fds, w->cap, sizeof(*w->fds));
	}
	w->fds[w->n++] = fd;
	walk_name(w, name);
}

static void walk_pop(struct walk *w)
{
	if (!w->n)
		return; /* ".." at the root stays at the root */
	close(w->fds[--w->n]);
	*strrchr(w->canon, '/') = '\0';
}

static void walk_done(struct walk *w)
{
	while (w->n)
		close(w->fds[--w->n]);
	free(w->fds);
	free(w->canon);
}

/*
 * A symlink met on the walk: the rest of the path becomes its target (from the root of
 * the tree when absolute) followed by what was left. 0 or a negative errno.
 */
static int walk_link(struct walk *w, const char *comp, char **todo, char **p,
		     unsigned *links)
{
	char target[PATH_MAX];
	ssize_t n;
	char *next;

	if (++*links > SR_MAXLINKS)
		return -ELOOP;
	n = readlinkat(walk_top(w), comp, target, sizeof(target));
	if (n < 0 || (size_t)n >= sizeof(target))
		return n < 0 ? -errno : -ENAMETOOLONG;
	target[n] = '\0';
	if (target[0] == '/') /* absolute: from the root of the tree */
		while (w->n)
			walk_pop(w);
	next = xasprintf("%s/%s", target, *p);
	free(*todo);
	*todo = next;
	*p = next;
	return 0;
}

/* Step into a directory component (never through a symlink). 0 or a negative errno. */
static int walk_into(struct walk *w, const char *comp, const struct stat *st)
{
	int dfd;

	if (!S_ISDIR(st->st_mode))
		return -ENOTDIR;
	dfd = openat(walk_top(w), comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0)
		return -errno;
	walk_push(w, dfd, comp);
	return 0;
}

/*
 * RESOLVE_IN_ROOT in user space: one component at a time, each opened with O_NOFOLLOW
 * from its parent's fd, symlinks read and spliced into what is left of the path.
 */
static int walk_open(int rootfd, const char *path, int flags, char **ret_canon)
{
	struct walk w = { .rootfd = rootfd, .canon = xstrdup("") };
	_cleanup_free_ char *todo = xstrdup(path);
	unsigned links = 0;
	char *p = todo;
	int fd = -1;

	for (;;) {
		struct stat st;
		char *comp, *slash;
		bool last;

		while (*p == '/')
			p++;
		if (!*p) {
			/* the path named a directory already opened (or the root) */
			fd = openat(walk_top(&w), ".", flags | O_CLOEXEC);
			if (fd < 0)
				fd = -errno;
			break;
		}
		comp = p;
		slash = strchr(p, '/');
		if (slash) {
			*slash = '\0';
			p = slash + 1;
		} else {
			p += strlen(p);
		}
		last = p[strspn(p, "/")] == '\0';
		if (streq(comp, "."))
			continue;
		if (streq(comp, "..")) {
			walk_pop(&w);
			continue;
		}
		if (fstatat(walk_top(&w), comp, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			fd = -errno;
			break;
		}
		if (S_ISLNK(st.st_mode) && !(last && (flags & O_NOFOLLOW))) {
			fd = walk_link(&w, comp, &todo, &p, &links);
			if (fd < 0)
				break;
			continue;
		}
		if (!last) {
			fd = walk_into(&w, comp, &st);
			if (fd < 0)
				break;
			continue;
		}
		/* O_NOFOLLOW: a symlink swapped in since the fstatat fails (ELOOP) */
		fd = openat(walk_top(&w), comp, flags | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			fd = -errno;
			break;
		}
		walk_name(&w, comp);
		break;
	}
	if (fd >= 0 && ret_canon)
		*ret_canon = TAKE_PTR(w.canon);
	walk_done(&w);
	return fd;
}

int sr_resolve(const struct sysroot *sr, const char *path, int flags, char **ret_real)
{
	_cleanup_free_ char *canon = NULL;
	int fd;

	if ((flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC | O_APPEND)))
		return -EINVAL; /* read-only, always */
	if (!(flags & O_PATH))
		flags |= O_NONBLOCK | O_NOCTTY; /* a FIFO is opened, never waited on */
	fd = walk_open(sr->dirfd, relative(path), flags, ret_real ? &canon : NULL);

	if (fd >= 0 && ret_real)
		*ret_real = xasprintf("%s%s", streq(sr->real, "/") ? "" : sr->real,
				      *canon ? canon : (streq(sr->real, "/") ? "/" : ""));
	return fd;
}

/* Open relative to the root, symlinks kept inside it under a sysroot; no type check. */
static int resolve_open(const struct sysroot *sr, const char *path, int flags)
{
	int fd;

	flags |= O_CLOEXEC;
	if (sr->live) {
		fd = openat(sr->dirfd, relative(path), flags);
		return fd < 0 ? -errno : fd;
	}
	if (!sr->no_openat2) {
		/* Absolute symlinks in a captured tree resolve inside the tree. */
		struct open_how how = {
			.flags = (uint64_t)flags,
			.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
		};
		/*
		 * With a ".." on the way (a sysfs link such as ../../../devices/...),
		 * openat2 fails with EAGAIN whenever a rename or a mount anywhere on the
		 * system raced the lookup: try again, then walk by hand.
		 */
		for (int tries = 0; tries < 16; tries++) {
			fd = (int)syscall(SYS_openat2, sr->dirfd, relative(path), &how,
					  sizeof(how));
			if (fd >= 0)
				return fd;
			if (errno != EAGAIN)
				break;
		}
		if (errno != ENOSYS && errno != EPERM && errno != EAGAIN)
			return -errno;
	}
	/* No openat2 (old kernel, seccomp) or one that kept racing: the same rule, walked
	 * by hand. */
	return walk_open(sr->dirfd, relative(path), flags, NULL);
}

static int open_checked(const struct sysroot *sr, const char *path, int flags,
			struct stat *ret_st)
{
	struct stat st;
	int fd, r;

	if ((flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC | O_APPEND)))
		return -EINVAL; /* read-only, always */
	if (flags & O_PATH)
		return resolve_open(sr, path, flags);
	fd = resolve_open(sr, path, flags | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return fd;
	if (fstat(fd, &st) < 0) {
		r = -errno;
		goto fail;
	}
	if (flags & O_DIRECTORY) {
		r = S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
	} else if (S_ISDIR(st.st_mode)) {
		r = -EISDIR;
	} else if (!S_ISREG(st.st_mode)) {
		r = -SR_ENOTREG;
	} else if (!(flags & O_NONBLOCK)) {
		/* a regular file: reads as the caller asked */
		int fl = fcntl(fd, F_GETFL);
		r = fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0 ? -errno : 0;
	} else {
		r = 0;
	}
	if (r < 0)
		goto fail;
	if (ret_st)
		*ret_st = st;
	return fd;
fail:
	close(fd);
	return r;
}

int sr_open(const struct sysroot *sr, const char *path, int flags)
{
	return open_checked(sr, path, flags, NULL);
}

int sr_open_file(const struct sysroot *sr, const char *path, int flags,
		 uint64_t *ret_size)
{
	struct stat st = {}; /* filled whenever fd >= 0; gcc -O3 cannot tell */
	int fd;

	if (flags & (O_PATH | O_DIRECTORY))
		return -EINVAL;
	fd = open_checked(sr, path, flags, &st);
	if (fd >= 0 && ret_size)
		*ret_size = (uint64_t)st.st_size;
	return fd;
}

/* After max bytes: whether the file has more (1), ends there (0), or negative errno. */
static int read_more(int fd)
{
	char c;

	for (;;) {
		ssize_t n = read(fd, &c, 1);
		if (n >= 0)
			return n > 0;
		if (errno != EINTR)
			return -errno;
	}
}

int read_fd_all(int fd, size_t max, char **ret, size_t *retlen)
{
	size_t cap = max < 4096 ? max : 4096, len = 0;
	char *buf = xmalloc(cap + 1);

	for (;;) {
		ssize_t n;

		if (len == cap) {
			if (cap >= max) {
				int r = read_more(fd);
				if (r == 0)
					break;
				free(buf);
				return r < 0 ? r : -EFBIG;
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
	uint64_t size = 0;
	int fd = sr_open_file(sr, path, O_RDONLY, &size);
	size_t cap = max < 65536 ? max : 65536, len = 0;
	gzFile gz;
	char *buf;

	if (fd < 0)
		return fd;
	if (size > max) {
		close(fd);
		return -EFBIG;
	}
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
