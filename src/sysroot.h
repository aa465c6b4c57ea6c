/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one door to the file system. Every collector reads through a struct sysroot, so
 * `--sysroot DIR` redirects every file the tool reads, and every code path runs against
 * fixtures. Paths are given as on the live system ("/proc/iomem"); under a sysroot other
 * than "/" absolute symlinks and ".." resolve inside the root (openat2 RESOLVE_IN_ROOT,
 * or the same rule walked in user space where openat2 is missing).
 *
 * Everything under a sysroot is untrusted: a FIFO where a file should be, a device, a
 * sparse file of a terabyte, symlinks pointing out of the tree. So every open is
 * non-blocking (O_NONBLOCK, O_NOCTTY) and checked with fstat before anything is read:
 * a file must be a regular file (-SR_ENOTREG otherwise, -EISDIR for a directory), a
 * directory a directory; and every read is bounded (the max arguments below). A caller
 * that streams from sr_open() must bound its own reading: see sr_open_file().
 */
#ifndef PCR_SYSROOT_H
#define PCR_SYSROOT_H

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

/*
 * "Not a regular file" (a FIFO, a socket, a device): Linux has no errno of that name, so
 * the sysroot uses EMEDIUMTYPE, which nothing else here returns. sr_strerror() says it in
 * words; plain strerror() prints "Wrong medium type".
 */
#define SR_ENOTREG EMEDIUMTYPE

struct sysroot {
	char *path; /* "/" or the user's DIR, without trailing slash (except "/") */
	char *real; /* the root's absolute path without symlinks (realpath) */
	int dirfd;
	bool live;	 /* path is "/": libudev, netlink and uname() may be used */
	bool no_openat2; /* resolve in user space even where openat2 exists (tests) */
};

/* 0 or negative errno (-ENOENT: DIR missing, -ENOTDIR: not a directory). */
int sr_init(struct sysroot *sr, const char *path);
void sr_done(struct sysroot *sr);

/* Full path for messages and for libraries that take a path: "<root>/proc/iomem". */
char *sr_path(const struct sysroot *sr, const char *path);

/* strerror() that also names SR_ENOTREG; err positive or negative. */
const char *sr_strerror(int err);

/*
 * open(2) relative to the root, read-only: fd or negative errno (-EINVAL for write or
 * create flags). With O_PATH nothing is opened for reading and the type is not checked
 * (sr_stat, sr_exists); with O_DIRECTORY the result is a directory; otherwise it is a
 * regular file, else -SR_ENOTREG (-EISDIR for a directory). Opening never blocks (a FIFO
 * is refused, never waited on); the fd returned reads in blocking mode unless the caller
 * asked for O_NONBLOCK.
 */
int sr_open(const struct sysroot *sr, const char *path, int flags);

/*
 * sr_open() for a regular file, with its size from fstat (0 for most of /proc, 4096 for
 * sysfs attributes, the real size in a captured tree). For streaming readers (maps):
 * the size may be huge (a sparse file) or lie (procfs), so the reader must still stop
 * after a fixed number of bytes of its own choosing and report the file as too large.
 */
int sr_open_file(const struct sysroot *sr, const char *path, int flags,
		 uint64_t *ret_size);

/*
 * Resolve path inside the root in user space, every component opened with O_NOFOLLOW
 * and symlinks followed by hand (absolute ones from the root, ".." never above it, at
 * most 40): the fd or negative errno. Read-only as sr_open(); unless O_PATH the open is
 * non-blocking (O_NONBLOCK stays set) and the type is NOT checked: fstat it. With
 * ret_real, also the absolute path of what was opened with no symlink left in it (under
 * sr->real), for a library that takes a path and must not leave the root.
 */
int sr_resolve(const struct sysroot *sr, const char *path, int flags, char **ret_real);

/*
 * Read a whole file (at most max bytes, else -EFBIG), NUL-terminated. *ret is owned by the
 * caller. Returns 0 or negative errno.
 */
int sr_read_file(const struct sysroot *sr, const char *path, size_t max, char **ret,
		 size_t *retlen);
/* Same, decompressing gzip (zlib), for /proc/config.gz; max bounds both the compressed
 * file and what it decompresses to. */
int sr_read_gz(const struct sysroot *sr, const char *path, size_t max, char **ret,
	       size_t *retlen);
/* First line of a small attribute file (at most 4 KiB), without the newline. */
int sr_read_line(const struct sysroot *sr, const char *path, char **ret);

int sr_readlink(const struct sysroot *sr, const char *path, char **ret);
int sr_stat(const struct sysroot *sr, const char *path, struct stat *st);
bool sr_exists(const struct sysroot *sr, const char *path);
/* opendir(3) relative to the root; NULL with errno set (ENOTDIR: not a directory). */
DIR *sr_opendir(const struct sysroot *sr, const char *path);

/* Read whole fd (at most max bytes, else -EFBIG), NUL-terminated. */
int read_fd_all(int fd, size_t max, char **ret, size_t *retlen);

#endif
