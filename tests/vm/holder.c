// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * holder: map one PCI BAR through one door and hold the mapping.
 *
 * Runs ONLY inside the qemu guests of tests/vm (it maps real device memory).
 *
 *   holder MODE SLOT BAR
 *
 * MODE is one of
 *   sysfs      /sys/bus/pci/devices/SLOT/resourceBAR
 *   sysfs-wc   /sys/bus/pci/devices/SLOT/resourceBAR_wc
 *   procfs     /proc/bus/pci/BB/DD.F after ioctl(PCIIOC_MMAP_IS_MEM)
 *   devmem     /dev/mem at the BAR's CPU address
 *   container  sysfs door from a private mount+net namespace with a fresh
 *              sysfs mounted on /sys (the maps line shows another s_dev)
 *   decoy      a regular tmpfs file named resourceBAR, mounted over the
 *              device's sysfs directory in a private mount namespace,
 *              mapped at the BAR's address as file offset: not a BAR
 *
 * Protocol, one line each on stdout:
 *   READY MODE pid=N path=P start=0xA len=0xL   mapped and read once
 *   REFUSED MODE OP ERRNO                         open/ioctl/mmap refused
 *   RESULT MODE live|revoked                      after each SIGUSR1
 * The holder then stays alive until SIGTERM, so that the mapping (or the
 * refusal) can be audited after the driver load too.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/pci.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *mode;
static sigjmp_buf bus_env;

__attribute__((format(printf, 1, 2))) static void say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(STDOUT_FILENO, buf, n) < 0)
		_exit(3);
}

static const char *errname(int e)
{
	static char other[16];

	switch (e) {
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case EINVAL: return "EINVAL";
	case ENOENT: return "ENOENT";
	case ENODEV: return "ENODEV";
	case ENXIO: return "ENXIO";
	case EBUSY: return "EBUSY";
	case ENOTTY: return "ENOTTY";
	case EIO: return "EIO";
	case ENOMEM: return "ENOMEM";
	case ENOSYS: return "ENOSYS";
	}
	snprintf(other, sizeof(other), "E%d", e);
	return other;
}

/* A refused open/ioctl/mmap is a result, not an error: report it, then wait. */
static void refused(const char *op, int e)
{
	say("REFUSED %s %s %s", mode, op, errname(e));
}

static void die(const char *what)
{
	say("ERROR %s %s: %s", mode, what, strerror(errno));
	exit(2);
}

/* Read line BAR of SLOT's sysfs "resource" file: start and size. */
static int bar_range(const char *slot, int bar, uint64_t *start, uint64_t *len)
{
	char path[PATH_MAX], line[256];
	uint64_t s, e, flags;
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource", slot);
	f = fopen(path, "re");
	if (!f)
		return -1;
	for (i = 0; fgets(line, sizeof(line), f); i++) {
		if (i != bar)
			continue;
		fclose(f);
		if (sscanf(line, "%" SCNx64 " %" SCNx64 " %" SCNx64, &s, &e, &flags) != 3 || !e)
			return errno = EINVAL, -1;
		*start = s;
		*len = e - s + 1;
		return 0;
	}
	fclose(f);
	return errno = ENOENT, -1;
}

static void on_sigbus(int sig)
{
	(void)sig;
	siglongjmp(bus_env, 1);
}

/* Read the first word of the mapping; false if that raised SIGBUS. */
static int touch(volatile const uint32_t *p)
{
	if (sigsetjmp(bus_env, 1))
		return 0;
	(void)*p;
	return 1;
}

static void *map_fd(int fd, uint64_t len, uint64_t off)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)off);

	if (p == MAP_FAILED) {
		refused("mmap", errno);
		return NULL;
	}
	return p;
}

static void *open_map(const char *path, int flags, uint64_t len, uint64_t off)
{
	void *p;
	int fd = open(path, flags | O_CLOEXEC);

	if (fd < 0) {
		refused("open", errno);
		return NULL;
	}
	p = map_fd(fd, len, off);
	close(fd);
	return p;
}

static void private_mounts(int extra)
{
	if (unshare(CLONE_NEWNS | extra) < 0)
		die("unshare");
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		die("mount --make-rprivate /");
}

int main(int argc, char **argv)
{
	char path[PATH_MAX + 32], dir[PATH_MAX];
	uint64_t start = 0, len = 0;
	void *map = NULL;
	sigset_t set;
	int bar, sig;

	if (argc != 4) {
		fprintf(stderr, "usage: %s sysfs|sysfs-wc|procfs|devmem|container|decoy SLOT BAR\n",
			argv[0]);
		return 64;
	}
	mode = argv[1];
	bar = atoi(argv[3]);

	/* SIGUSR1 and SIGTERM are taken synchronously; SIGBUS by handler. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGBUS, on_sigbus);

	if (bar_range(argv[2], bar, &start, &len) < 0)
		die("resource");

	if (!strcmp(mode, "sysfs") || !strcmp(mode, "sysfs-wc") || !strcmp(mode, "container")) {
		if (!strcmp(mode, "container")) {
			private_mounts(CLONE_NEWNET);
			if (mount("sysfs", "/sys", "sysfs", 0, NULL) < 0)
				die("mount sysfs");
		}
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource%d%s", argv[2], bar,
			 strcmp(mode, "sysfs-wc") ? "" : "_wc");
		map = open_map(path, O_RDWR, len, 0);
	} else if (!strcmp(mode, "procfs")) {
		unsigned int dom, bus, dev, fn;
		int fd;

		if (sscanf(argv[2], "%x:%x:%x.%x", &dom, &bus, &dev, &fn) != 4)
			die("slot");
		if (dom)
			snprintf(path, sizeof(path), "/proc/bus/pci/%04x:%02x/%02x.%x", dom, bus, dev, fn);
		else
			snprintf(path, sizeof(path), "/proc/bus/pci/%02x/%02x.%x", bus, dev, fn);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			refused("open", errno);
		else if (ioctl(fd, PCIIOC_MMAP_IS_MEM) < 0)
			refused("ioctl", errno);
		else
			map = map_fd(fd, len, start);
		if (fd >= 0)
			close(fd);
	} else if (!strcmp(mode, "devmem")) {
		snprintf(path, sizeof(path), "/dev/mem");
		map = open_map(path, O_RDWR | O_SYNC, len, start);
	} else if (!strcmp(mode, "decoy")) {
		int fd;

		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s", argv[2]);
		if (!realpath(path, dir))
			die("realpath");
		private_mounts(0);
		if (mount("tmpfs", dir, "tmpfs", 0, "mode=0755") < 0)
			die("mount tmpfs");
		snprintf(path, sizeof(path), "%s/resource%d", dir, bar);
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0 || ftruncate(fd, (off_t)(start + len)) < 0)
			die("decoy file");
		map = map_fd(fd, len, start);
		close(fd);
	} else {
		fprintf(stderr, "holder: unknown mode '%s'\n", mode);
		return 64;
	}

	if (map) {
		if (!touch(map))
			say("ERROR %s first read raised SIGBUS", mode);
		say("READY %s pid=%d path=%s start=0x%" PRIx64 " len=0x%" PRIx64, mode, (int)getpid(),
		    path, start, len);
	}

	for (;;) {
		if (sigwait(&set, &sig))
			continue;
		if (sig == SIGTERM)
			return 0;
		if (map)
			say("RESULT %s %s", mode, touch(map) ? "live" : "revoked");
		else
			say("RESULT %s refused", mode);
	}
}
