/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Files for the unit tests that build a tree of their own: make a directory with its
 * parents, write a file (its directory made first), remove a tree. Each returns 0, or
 * -1 with errno set.
 */
#ifndef PCR_TESTFS_H
#define PCR_TESTFS_H

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static inline int testfs_mkdir_p(const char *path)
{
	char buf[1024];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(buf, 0700) < 0 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	return mkdir(buf, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

/* path's contents become text; its directory is made first. */
static inline int testfs_write(const char *path, const char *text)
{
	char dir[1024], *slash;
	ssize_t n;
	int fd;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (testfs_mkdir_p(dir) < 0)
			return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static inline int testfs_rm_one(const char *path, const struct stat *st, int type,
				struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return (type == FTW_DP ? rmdir(path) : unlink(path)) < 0 ? -1 : 0;
}

/* Remove the tree at path, never following a symlink out of it. */
static inline int testfs_rm_rf(const char *path)
{
	return nftw(path, testfs_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
