// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The floor of a PROCMAP_QUERY walk, for tests/bench/run-bench.py: open every
 * /proc/PID/maps (or those of the PIDs given) and ask PROCMAP_QUERY for every file-backed
 * VMA, without names, through the same procmap_query() as pcirevoke (src/procmap-query.h);
 * nothing else: no mount namespaces, no filter, no output. What audit's default reader
 * cannot do with less work on one thread.
 *
 *   walk-floor [PID...]    prints "N processes, M VMAs" on stderr; exit 1 when the
 *                          kernel has no PROCMAP_QUERY
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procmap-query.h"

static unsigned long vmas, procs;
static int unsupported;

static void walk(const char *pid)
{
	struct procmap_vma v;
	uint64_t addr = 0;
	char path[64];
	int fd, r;

	snprintf(path, sizeof(path), "/proc/%s/maps", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	while ((r = procmap_query(fd, addr, &v, NULL, 0)) == 0) {
		vmas++;
		addr = v.end;
	}
	if (r == -ENOTTY || r == -EINVAL)
		unsupported = 1;
	procs++;
	close(fd);
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			walk(argv[i]);
	} else {
		DIR *d = opendir("/proc");
		struct dirent *de;

		if (!d) {
			perror("/proc");
			return 1;
		}
		while ((de = readdir(d)))
			if (de->d_name[0] >= '1' && de->d_name[0] <= '9')
				walk(de->d_name);
		closedir(d);
	}
	fprintf(stderr, "%lu processes, %lu VMAs%s\n", procs, vmas,
		unsupported ? " (no PROCMAP_QUERY)" : "");
	return unsupported;
}
