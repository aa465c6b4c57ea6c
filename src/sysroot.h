/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one door to the file system. Every collector reads through a struct sysroot, so
 * `--sysroot DIR` redirects every file the tool reads, and every code path runs against
 * fixtures. Paths are given as on the live system ("/proc/iomem"); under a sysroot other
 * than "/" absolute symlinks resolve inside the root (openat2 RESOLVE_IN_ROOT).
 */
#ifndef PCR_SYSROOT_H
#define PCR_SYSROOT_H

#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

struct sysroot {
	char *path; /* "/" or the user's DIR, without trailing slash (except "/") */
	int dirfd;
	bool live; /* path is "/": libudev, netlink and uname() may be used */
};

/* 0 or negative errno (-ENOENT: DIR missing, -ENOTDIR: not a directory). */
int sr_init(struct sysroot *sr, const char *path);
void sr_done(struct sysroot *sr);

/* Full path for messages and for libraries that take a path: "<root>/proc/iomem". */
char *sr_path(const struct sysroot *sr, const char *path);

/* open(2) relative to the root: fd or negative errno. */
int sr_open(const struct sysroot *sr, const char *path, int flags);

/*
 * Read a whole file (at most max bytes, else -EFBIG), NUL-terminated. *ret is owned by the
 * caller. Returns 0 or negative errno.
 */
int sr_read_file(const struct sysroot *sr, const char *path, size_t max, char **ret,
		 size_t *retlen);
/* Same, decompressing gzip (zlib), for /proc/config.gz. */
int sr_read_gz(const struct sysroot *sr, const char *path, size_t max, char **ret,
	       size_t *retlen);
/* First line of a small attribute file, without the newline. */
int sr_read_line(const struct sysroot *sr, const char *path, char **ret);

int sr_readlink(const struct sysroot *sr, const char *path, char **ret);
int sr_stat(const struct sysroot *sr, const char *path, struct stat *st);
bool sr_exists(const struct sysroot *sr, const char *path);
/* opendir(3) relative to the root; NULL with errno set. */
DIR *sr_opendir(const struct sysroot *sr, const char *path);

/* Read whole fd (at most max bytes, else -EFBIG), NUL-terminated. */
int read_fd_all(int fd, size_t max, char **ret, size_t *retlen);

#endif
