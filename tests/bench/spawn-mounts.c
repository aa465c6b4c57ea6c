// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Benchmark load for the cost of mounts against maps lines: one process, in its own user
 * and mount namespace, with K bind mounts of /dev/zero (K mounts of the devtmpfs device,
 * whose maps lines are candidates) and M private mappings of /dev/zero (M candidate maps
 * lines on that device, none of them a door). Resolving each line's path against each
 * mount would cost K x M; audit's cost must grow with K + M. Nothing maps a device's
 * memory: a private mapping of /dev/zero is anonymous memory.
 *
 *   spawn-mounts K M DIR   prints "ready K mounts, M mappings, pid P" when done (or
 *                          "error: ..." and exits 1), then waits for stdin to close
 *                          (or SIGTERM) and kills the process.
 *
 * The mounts live in the child's own namespace under DIR (a tmpfs of its own): nothing is
 * left behind on the host.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

static void on_term(int sig)
{
	(void)sig;
}

static int fail(int wfd, const char *what)
{
	char msg[256];
	int n = snprintf(msg, sizeof(msg), "error: %s: %s\n", what, strerror(errno));

	if (write(wfd, msg, (size_t)n) < 0)
		_exit(1);
	_exit(1);
}

static void child(long k, long m, const char *dir, int wfd)
{
	char map[64], path[4096];
	long page = sysconf(_SC_PAGESIZE);
	uid_t uid = geteuid();
	gid_t gid = getegid();
	char *base;
	int fd, n;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
		fail(wfd, "unshare");
	snprintf(map, sizeof(map), "0 %u 1", (unsigned)uid);
	if (write_str("/proc/self/setgroups", "deny") < 0 ||
	    write_str("/proc/self/uid_map", map) < 0)
		fail(wfd, "uid_map");
	snprintf(map, sizeof(map), "0 %u 1", (unsigned)gid);
	if (write_str("/proc/self/gid_map", map) < 0)
		fail(wfd, "gid_map");
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		fail(wfd, "make-private");
	if (mount("bench", dir, "tmpfs", 0, "size=64m,nr_inodes=1000000") < 0)
		fail(wfd, "tmpfs");
	for (long i = 0; i < k; i++) {
		snprintf(path, sizeof(path), "%s/z%ld", dir, i);
		fd = open(path, O_WRONLY | O_CREAT, 0600);
		if (fd < 0)
			fail(wfd, path);
		close(fd);
		if (mount("/dev/zero", path, NULL, MS_BIND, NULL) < 0)
			fail(wfd, "bind");
	}
	fd = open("/dev/zero", O_RDONLY);
	if (fd < 0)
		fail(wfd, "/dev/zero");
	/* every other page, so that the VMAs never merge */
	base = mmap(NULL, (size_t)(2 * m) * (size_t)page, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (base == MAP_FAILED)
		fail(wfd, "reserve");
	for (long i = 0; i < m; i++)
		if (mmap(base + 2 * i * page, (size_t)page, PROT_READ,
			 MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED)
			fail(wfd, "mmap");
	munmap(base + page, (size_t)page); /* holes between them */
	for (long i = 0; i < m; i++)
		munmap(base + (2 * i + 1) * page, (size_t)page);
	close(fd);
	n = snprintf(path, sizeof(path), "ready %ld mounts, %ld mappings, pid %d\n", k, m,
		     (int)getpid());
	if (write(wfd, path, (size_t)n) < 0)
		_exit(1);
	close(wfd);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	char buf[512];
	int pfd[2];
	ssize_t n;
	pid_t pid;

	if (argc != 4) {
		fprintf(stderr, "usage: spawn-mounts K M DIR\n");
		return 2;
	}
	if (pipe(pfd) < 0)
		return 1;
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		close(pfd[0]);
		child(atol(argv[1]), atol(argv[2]), argv[3], pfd[1]);
	}
	close(pfd[1]);
	n = read(pfd[0], buf, sizeof(buf) - 1);
	if (n <= 0) {
		kill(pid, SIGKILL);
		return 1;
	}
	buf[n] = '\0';
	fputs(buf, stdout);
	fflush(stdout);
	if (strncmp(buf, "ready", 5) != 0) {
		waitpid(pid, NULL, 0);
		return 1;
	}
	signal(SIGTERM, on_term);
	while (read(0, buf, sizeof(buf)) > 0)
		;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return 0;
}
