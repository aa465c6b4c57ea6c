// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdint.h>

#include "parse-mountinfo.h"
#include "proc-list.h"
#include "xalloc.h"

#define MOUNTINFO_MAX (64u << 20)

static void closedirp_(DIR **d)
{
	if (*d)
		closedir(*d);
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

/* A directory entry's name as a PID: 1 .. INT32_MAX - 1, else 0. */
static pid_t name_pid(const char *p)
{
	long v = 0;

	if (!*p)
		return 0;
	for (; *p >= '0' && *p <= '9' && v < INT32_MAX; p++)
		v = v * 10 + (*p - '0');
	if (*p || v <= 0 || v >= INT32_MAX)
		return 0;
	return (pid_t)v;
}

int proc_list_pids(const struct sysroot *sr, pid_t **ret, size_t *retn)
{
	_cleanup_(closedirp_) DIR *d = sr_opendir(sr, "/proc");
	pid_t *pids = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;

	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		pid_t pid = name_pid(de->d_name);

		if (!pid)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			pids = xreallocarray(pids, cap, sizeof(*pids));
		}
		pids[n++] = pid;
	}
	if (n > 1)
		qsort(pids, n, sizeof(*pids), cmp_pid);
	*ret = pids;
	*retn = n;
	return 0;
}

bool proc_hides_pids(const struct sysroot *sr)
{
	_cleanup_free_ char *buf = NULL;
	size_t len;
	bool hides;

	if (!sr->live || geteuid() == 0)
		return false;
	if (sr_read_file(sr, "/proc/self/mountinfo", MOUNTINFO_MAX, &buf, &len) < 0)
		return false;
	if (parse_mountinfo_hidepid(buf, len, &hides) < 0)
		return false;
	return hides;
}
