// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Benchmark load for `pcirevoke audit`: N processes that each hold M distinct file-backed
 * mappings of a regular file and no BAR (a clean host), plus a few BAR-like decoys:
 * regular files whose paths look like sysfs resource files, which audit must reject.
 * Nothing here touches a device.
 *
 *   spawn-maps N M DIR     prints "ready" when all children are in place, then waits for
 *                          SIGTERM (or stdin closing) and kills them.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int make_file(const char *path, long pages)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || ftruncate(fd, pages * sysconf(_SC_PAGESIZE)) < 0) {
		perror(path);
		exit(1);
	}
	return fd;
}

static void mkdirs(const char *path)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0700);
			*p = '/';
		}
	mkdir(buf, 0700);
}

static void child(int fd, long m, int decoy_fd)
{
	long page = sysconf(_SC_PAGESIZE);
	/* reserve a region and map every other page so no two mappings merge */
	char *base = mmap(NULL, (size_t)(2 * m + 2) * page, PROT_NONE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (base == MAP_FAILED)
		_exit(1);
	munmap(base, (size_t)(2 * m + 2) * page);
	for (long i = 0; i < m; i++)
		if (mmap(base + 2 * i * page, page, PROT_READ, MAP_SHARED | MAP_FIXED, fd,
			 i * page) == MAP_FAILED)
			_exit(1);
	if (decoy_fd >= 0)
		mmap(NULL, page, PROT_READ, MAP_SHARED, decoy_fd, 0);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	long n, m;
	char path[4096];
	int fd, decoy = -1;
	pid_t *pids;

	if (argc != 4) {
		fprintf(stderr, "usage: %s N M DIR\n", argv[0]);
		return 64;
	}
	n = atol(argv[1]);
	m = atol(argv[2]);
	mkdirs(argv[3]);
	snprintf(path, sizeof(path), "%s/data", argv[3]);
	fd = make_file(path, m);
	snprintf(path, sizeof(path), "%s/sys/devices/pci0000:00/0000:00:03.0", argv[3]);
	mkdirs(path);
	strcat(path, "/resource0");
	decoy = make_file(path, 1);

	pids = calloc((size_t)n, sizeof(*pids));
	for (long i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("fork");
			n = i;
			break;
		}
		if (pids[i] == 0)
			child(fd, m, i % 100 == 0 ? decoy : -1); /* a decoy in 1% of them */
	}
	/* wait until every child has its mappings: count lines of the last one's maps */
	for (long i = 0; i < n; i++) {
		char mp[64], buf[65536];
		for (int tries = 0; tries < 2000; tries++) {
			long lines = 0;
			ssize_t r;
			snprintf(mp, sizeof(mp), "/proc/%d/maps", pids[i]);
			int mfd = open(mp, O_RDONLY);
			if (mfd < 0)
				break;
			while ((r = read(mfd, buf, sizeof(buf))) > 0)
				for (ssize_t k = 0; k < r; k++)
					lines += buf[k] == '\n';
			close(mfd);
			if (lines >= m)
				break;
			usleep(1000);
		}
	}
	printf("ready %ld processes, %ld mappings each\n", n, m);
	fflush(stdout);
	signal(SIGTERM, SIG_IGN);
	{
		char c;
		while (read(0, &c, 1) > 0)
			;
	}
	for (long i = 0; i < n; i++)
		kill(pids[i], SIGKILL);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	return 0;
}
