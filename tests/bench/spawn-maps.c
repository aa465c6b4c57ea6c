// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Benchmark load for `pcirevoke audit`: N processes that each hold M distinct file-backed
 * mappings of a regular file and no BAR (a clean host), plus a few BAR-like decoys:
 * regular files whose paths look like sysfs resource files, which audit must reject.
 * Nothing here touches a device: every mapping is of a regular file under DIR.
 *
 *   spawn-maps N M DIR [K] prints "ready N processes, M mappings each, first pid P" when
 *                          every child holds its mappings (or "error: ..." and exits 1),
 *                          then waits for stdin to close (or SIGTERM) and kills them.
 *                          With K > 0, every K-th child first enters a mount namespace
 *                          of its own (a copy of the host's; as an unprivileged user,
 *                          inside a user namespace of its own): audit then reads one
 *                          mountinfo per such process.
 *
 * M mappings need vm.max_map_count above M (65530 by default): the harness raises it for
 * the one-process case.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_term(int sig)
{
	(void)sig; /* only interrupts the read() on stdin */
}

static int make_file(const char *path, long pages)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

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

/* Map, report 'k' (or 'f') on the pipe, then sleep until killed. */
static void child(int fd, long m, int decoy_fd, bool own_ns, int ready_fd)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t span = (size_t)(2 * m + 2) * (size_t)page;
	char status = 'k';
	/* reserve a region and map every other page so no two mappings merge */
	char *base = mmap(NULL, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (own_ns && unshare(CLONE_NEWNS) < 0 &&
	    unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
		status = 'f';
	else if (base == MAP_FAILED) {
		status = 'f';
	} else {
		munmap(base, span);
		for (long i = 0; i < m; i++)
			if (mmap(base + 2 * i * page, (size_t)page, PROT_READ,
				 MAP_SHARED | MAP_FIXED, fd, i * page) == MAP_FAILED) {
				status = 'f';
				break;
			}
	}
	if (status == 'k' && decoy_fd >= 0 &&
	    mmap(NULL, (size_t)page, PROT_READ, MAP_SHARED, decoy_fd, 0) == MAP_FAILED)
		status = 'f';
	if (write(ready_fd, &status, 1) != 1)
		_exit(1);
	close(ready_fd);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	long n, m, every = 0, ok = 0, failed = 0;
	char path[4096];
	int fd, decoy, ready[2];
	pid_t *pids;

	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: %s N M DIR [K]\n", argv[0]);
		return 64;
	}
	n = atol(argv[1]);
	m = atol(argv[2]);
	if (argc == 5)
		every = atol(argv[4]);
	if (n <= 0 || m <= 0 || every < 0) {
		fprintf(stderr, "N and M must be positive, K not negative\n");
		return 64;
	}
	mkdirs(argv[3]);
	snprintf(path, sizeof(path), "%s/data", argv[3]);
	fd = make_file(path, m);
	snprintf(path, sizeof(path), "%s/sys/devices/pci0000:00/0000:00:03.0", argv[3]);
	mkdirs(path);
	strcat(path, "/resource0");
	decoy = make_file(path, 1);
	if (pipe2(ready, O_CLOEXEC) < 0) {
		perror("pipe");
		return 1;
	}

	pids = calloc((size_t)n, sizeof(*pids));
	if (!pids)
		return 1;
	for (long i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			printf("error: fork after %ld processes: %s\n", i,
			       strerror(errno));
			n = i;
			failed = 1;
			break;
		}
		if (pids[i] == 0) {
			close(ready[0]);
			child(fd, m, i % 100 == 0 ? decoy : -1, /* 1% decoys */
			      every && i % every == 0, ready[1]);
		}
	}
	close(ready[1]);
	/* every child reports once, after its last mmap */
	while (ok + failed < n) {
		char buf[4096];
		ssize_t r = read(ready[0], buf, sizeof(buf));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		for (ssize_t k = 0; k < r; k++) {
			if (buf[k] == 'k')
				ok++;
			else
				failed++;
		}
	}
	if (ok == n && !failed)
		printf("ready %ld processes, %ld mappings each, first pid %d\n", n, m,
		       (int)pids[0]);
	else
		printf("error: only %ld of %ld processes hold their %ld mappings "
		       "(vm.max_map_count %s, or a namespace refused?)\n",
		       ok, n, m, m > 60000 ? "too low" : "or memory");
	fflush(stdout);
	if (ok == n && !failed) {
		struct sigaction sa = { .sa_handler = on_term }; /* no SA_RESTART */
		char c;

		sigaction(SIGTERM, &sa, NULL);
		while (read(0, &c, 1) > 0)
			;
	}
	for (long i = 0; i < n; i++)
		kill(pids[i], SIGKILL);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	return ok == n && !failed ? 0 : 1;
}
