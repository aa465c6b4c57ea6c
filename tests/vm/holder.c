// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * holder: map one PCI BAR through one door and hold the mapping.
 *
 * Runs ONLY inside the qemu guests of tests/vm (it maps real device memory).
 *
 *   holder [--name NAME] [--nocatch] MODE SLOT BAR
 *   holder --pagesize
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
 *   procfs-io  /proc/bus/pci/BB/DD.F after ioctl(PCIIOC_MMAP_IS_IO), at
 *              the I/O BAR's port as sysfs "resource" shows it
 *   legacy-io  /sys/class/pci_bus/DDDD:BB/legacy_io, the page holding the
 *              I/O BAR's (bus) port
 *   legacy-mem /sys/class/pci_bus/DDDD:BB/legacy_mem, its first page
 *   unmount    sysfs, then a private mount namespace and /sys unmounted
 *              (MNT_DETACH): the process's namespace has no sysfs left
 *   detach     sysfs through a private mount namespace's own /sys, then that
 *              /sys unmounted (MNT_DETACH): the mapping's mount is in no
 *              namespace (the maps line shows /devices/...)
 *   chroot     sysfs, then a private mount namespace and a chroot into an
 *              empty tmpfs
 *   fdpass     sysfs through a descriptor: a child in a private mount+net
 *              namespace mounts its own sysfs (another s_dev) at a private
 *              path, opens resourceBAR there, sends the descriptor over a
 *              socketpair (SCM_RIGHTS) and exits; this process, which never
 *              opened the file, maps it
 *   devmem-node /dev/mem through a node of another name: in a private mount
 *              namespace a tmpfs on /dev with mknod /dev/physmem c 1 1
 *   uio        /dev/uioN of SLOT (bound to a UIO driver), map BAR
 *              (offset BAR * page size), as long as maps/mapBAR/size says
 *   vfio       the VFIO group API: SLOT is a comma list of devices bound to
 *              vfio-pci, BAR a matching list of BARs ("0,4"); every
 *              device joins one container (type1 IOMMU) and each region is
 *              mmapped at the offset VFIO_DEVICE_GET_REGION_INFO gives
 * (sysfs on an I/O BAR is the "resourceN" door for I/O.)
 *
 * --name NAME  say NAME instead of MODE in the protocol lines
 * --nocatch    do not catch SIGBUS: touch the mapping every 20 ms, as a
 *              real program would, and die of SIGBUS once it is revoked
 *
 * Protocol, one line each on stdout:
 *   READY MODE pid=N path=P start=0xA len=0xL   mapped and read once
 *   REFUSED MODE OP ERRNO                         open/ioctl/mmap refused
 *   MAP MODE SLOT BAR off=0xO len=0xL             each mapping (vfio: several)
 *   REFUSEDMAP MODE SLOT BAR OP ERRNO             one of several refused (vfio)
 *   RESULT MODE live|revoked                      after each SIGUSR1
 *   RESULTMAP MODE SLOT BAR live|revoked          each mapping, after SIGUSR1
 * The holder then stays alive until SIGTERM, so that the mapping (or the
 * refusal) can be audited after the driver load too.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/pci.h>
#include <linux/vfio.h>
#include <time.h>
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
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *mode; /* the name said in the protocol lines */
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
	case EPERM:
		return "EPERM";
	case EACCES:
		return "EACCES";
	case EINVAL:
		return "EINVAL";
	case ENOENT:
		return "ENOENT";
	case ENODEV:
		return "ENODEV";
	case ENXIO:
		return "ENXIO";
	case EBUSY:
		return "EBUSY";
	case ENOTTY:
		return "ENOTTY";
	case EIO:
		return "EIO";
	case ENOMEM:
		return "ENOMEM";
	case ENOSYS:
		return "ENOSYS";
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
		if (sscanf(line, "%" SCNx64 " %" SCNx64 " %" SCNx64, &s, &e, &flags) !=
			    3 ||
		    !e)
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

#define MAX_MAPS 8
static struct one_map {
	char slot[64];
	int bar;
	volatile const uint32_t *at; /* the word touched */
} maps[MAX_MAPS];
static int nmaps;

static void add_map(const char *slot, int bar, void *p, uint64_t touch_off, uint64_t off,
		    uint64_t len)
{
	if (nmaps == MAX_MAPS)
		return;
	snprintf(maps[nmaps].slot, sizeof(maps[nmaps].slot), "%s", slot);
	maps[nmaps].bar = bar;
	maps[nmaps].at = (volatile const uint32_t *)((char *)p + touch_off);
	nmaps++;
	say("MAP %s %s %d off=0x%" PRIx64 " len=0x%" PRIx64, mode, slot, bar, off, len);
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

/*
 * fdpass: a child in a private mount+net namespace mounts a sysfs of its own at
 * /tmp/c/sys, opens SLOT's resourceBAR there and sends the descriptor; -1 if
 * that failed (said as ERROR), else the descriptor.
 */
static int fd_from_child(const char *slot, int bar)
{
	char link[PATH_MAX], real[PATH_MAX], path[PATH_MAX + 64],
		cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov;
	struct msghdr msg;
	struct cmsghdr *c;
	int sv[2], fd = -1, st;
	char b = 0;
	pid_t pid;

	snprintf(link, sizeof(link), "/sys/bus/pci/devices/%s", slot);
	if (!realpath(link, real) || strncmp(real, "/sys/", 5))
		die("realpath");
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		die("socketpair");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		close(sv[0]);
		if (unshare(CLONE_NEWNS | CLONE_NEWNET) < 0 && unshare(CLONE_NEWNS) < 0)
			die("unshare");
		if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			die("mount --make-rprivate /");
		mkdir("/tmp/c", 0700);
		mkdir("/tmp/c/sys", 0700);
		if (mount("sysfs", "/tmp/c/sys", "sysfs", 0, NULL) < 0)
			die("mount sysfs");
		snprintf(path, sizeof(path), "/tmp/c/sys/%s/resource%d", real + 5, bar);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0) {
			refused("open", errno);
			_exit(1);
		}
		memset(&msg, 0, sizeof(msg));
		memset(cbuf, 0, sizeof(cbuf));
		iov.iov_base = &b;
		iov.iov_len = 1;
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
		if (sendmsg(sv[1], &msg, 0) != 1)
			die("sendmsg");
		_exit(0);
	}
	close(sv[1]);
	memset(&msg, 0, sizeof(msg));
	iov.iov_base = &b;
	iov.iov_len = 1;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cbuf;
	msg.msg_controllen = sizeof(cbuf);
	if (recvmsg(sv[0], &msg, MSG_CMSG_CLOEXEC) == 1 && (c = CMSG_FIRSTHDR(&msg)) &&
	    c->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(c), sizeof(int));
	close(sv[0]);
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
		return -1; /* the child said why */
	return fd;
}

static uint64_t page_size(void)
{
	return (uint64_t)sysconf(_SC_PAGESIZE);
}

/* "DDDD:BB" of SLOT "DDDD:BB:DD.F" */
static void bus_of(const char *slot, char *out, size_t n)
{
	snprintf(out, n, "%.7s", slot);
}

static uint64_t read_hex(const char *path)
{
	char buf[64] = "";
	FILE *f = fopen(path, "re");

	if (!f)
		return 0;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	return strtoull(buf, NULL, 0);
}

/* vfio SLOTS BARS: one container, one group per device, each BAR mmapped. */
static void vfio_maps(char *slots, char *bars)
{
	char *ss = NULL, *sb = NULL, *slot, *b;
	int container = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC), iommu_set = 0;
	/* one group and device fd per device, however many of its BARs are mapped */
	struct {
		const char *slot;
		int dev;
	} opened[MAX_MAPS];
	int nopened = 0;

	if (container < 0) {
		refused("open", errno);
		return;
	}
	if (ioctl(container, VFIO_GET_API_VERSION) != VFIO_API_VERSION)
		die("VFIO_GET_API_VERSION");
	for (slot = strtok_r(slots, ",", &ss), b = strtok_r(bars, ",", &sb); slot && b;
	     slot = strtok_r(NULL, ",", &ss), b = strtok_r(NULL, ",", &sb)) {
		char link[PATH_MAX], target[PATH_MAX], gpath[64];
		struct vfio_group_status st = { .argsz = sizeof(st) };
		struct vfio_region_info ri = { .argsz = sizeof(ri) };
		int group, dev = -1, bar = atoi(b), i;
		ssize_t n;
		void *p;

		for (i = 0; i < nopened; i++)
			if (!strcmp(opened[i].slot, slot))
				dev = opened[i].dev;
		if (dev >= 0)
			goto region;
		snprintf(link, sizeof(link), "/sys/bus/pci/devices/%s/iommu_group", slot);
		n = readlink(link, target, sizeof(target) - 1);
		if (n < 0)
			die("iommu_group");
		target[n] = 0;
		snprintf(gpath, sizeof(gpath), "/dev/vfio/%s", strrchr(target, '/') + 1);
		group = open(gpath, O_RDWR | O_CLOEXEC);
		if (group < 0 || ioctl(group, VFIO_GROUP_GET_STATUS, &st) < 0)
			die(gpath);
		if (!(st.flags & VFIO_GROUP_FLAGS_VIABLE))
			die("group not viable");
		if (!(st.flags & VFIO_GROUP_FLAGS_CONTAINER_SET) &&
		    ioctl(group, VFIO_GROUP_SET_CONTAINER, &container) < 0)
			die("VFIO_GROUP_SET_CONTAINER");
		if (!iommu_set && ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1_IOMMU) < 0)
			die("VFIO_SET_IOMMU");
		iommu_set = 1;
		dev = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, slot);
		if (dev < 0)
			die("VFIO_GROUP_GET_DEVICE_FD");
		if (nopened < MAX_MAPS) {
			opened[nopened].slot = slot;
			opened[nopened++].dev = dev;
		}
	region:
		ri.index = (uint32_t)bar;
		if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &ri) < 0)
			die("VFIO_DEVICE_GET_REGION_INFO");
		if (!ri.size) {
			say("REFUSEDMAP %s %s %d region size 0", mode, slot, bar);
			continue;
		}
		if (!(ri.flags & VFIO_REGION_INFO_FLAG_MMAP)) {
			say("REFUSEDMAP %s %s %d region flags 0x%x no MMAP", mode, slot,
			    bar, ri.flags);
			continue;
		}
		p = mmap(NULL, ri.size, PROT_READ | PROT_WRITE, MAP_SHARED, dev,
			 (off_t)ri.offset);
		if (p == MAP_FAILED) {
			say("REFUSEDMAP %s %s %d mmap %s", mode, slot, bar,
			    errname(errno));
			continue;
		}
		add_map(slot, bar, p, 0, ri.offset, ri.size);
		/* device and group fds stay open: they are what the mapping needs */
	}
}

int main(int argc, char **argv)
{
	char path[PATH_MAX + 32], dir[PATH_MAX];
	uint64_t start = 0, len = 0;
	uint64_t touch_off = 0;
	void *map = NULL;
	const char *name = NULL;
	int nocatch = 0;
	sigset_t set;
	int bar, sig;

	if (argc == 2 && !strcmp(argv[1], "--pagesize")) {
		printf("%ld\n", sysconf(_SC_PAGESIZE));
		return 0;
	}
	while (argc > 1 && argv[1][0] == '-') {
		if (!strcmp(argv[1], "--nocatch")) {
			nocatch = 1;
			argv++, argc--;
		} else if (!strcmp(argv[1], "--name") && argc > 2) {
			name = argv[2];
			argv += 2, argc -= 2;
		} else {
			break;
		}
	}
	if (argc != 4) {
		fprintf(stderr,
			"usage: %s [--name NAME] [--nocatch] "
			"sysfs|sysfs-wc|procfs|procfs-io|devmem|"
			"container|decoy|unmount|detach|chroot|fdpass|devmem-node|legacy-"
			"io|legacy-mem|uio|vfio SLOT BAR\n",
			argv[0]);
		return 64;
	}
	mode = name ? name : argv[1];
	bar = atoi(argv[3]);

	/* SIGUSR1 and SIGTERM are taken synchronously; SIGBUS by handler. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (!nocatch)
		signal(SIGBUS, on_sigbus);

	if (!strcmp(argv[1], "vfio")) {
		snprintf(path, sizeof(path), "vfio");
		vfio_maps(argv[2], argv[3]);
		if (nmaps) {
			map = (void *)maps[0].at;
			say("READY %s pid=%d path=vfio maps=%d", mode, (int)getpid(),
			    nmaps);
		}
		goto hold;
	}
	if (bar_range(argv[2], bar, &start, &len) < 0)
		die("resource");
	argv[1] = (char *)(!strcmp(argv[1], "sysfs") || !strcmp(argv[1], "sysfs-wc") ||
					   !strcmp(argv[1], "container") ||
					   !strcmp(argv[1], "procfs") ||
					   !strcmp(argv[1], "procfs-io") ||
					   !strcmp(argv[1], "devmem") ||
					   !strcmp(argv[1], "decoy") ||
					   !strcmp(argv[1], "legacy-io") ||
					   !strcmp(argv[1], "legacy-mem") ||
					   !strcmp(argv[1], "uio") ||
					   !strcmp(argv[1], "unmount") ||
					   !strcmp(argv[1], "chroot") ||
					   !strcmp(argv[1], "detach") ||
					   !strcmp(argv[1], "fdpass") ||
					   !strcmp(argv[1], "devmem-node")
				   ? argv[1]
				   : "?");
	{
		const char *m = argv[1];
		uint64_t pg = page_size();
		char bus[16];

		bus_of(argv[2], bus, sizeof(bus));
		if (!strcmp(m, "legacy-io") || !strcmp(m, "legacy-mem")) {
			uint64_t off = 0;

			if (!strcmp(m, "legacy-io")) {
				off = start & ~(pg - 1);
				touch_off = start & (pg - 1);
			}
			snprintf(path, sizeof(path), "/sys/class/pci_bus/%s/%s", bus,
				 !strcmp(m, "legacy-io") ? "legacy_io" : "legacy_mem");
			map = open_map(path, O_RDWR, pg, off);
			start = off;
			len = pg;
			goto mapped;
		}
		if (!strcmp(m, "uio")) {
			char d[256], e[PATH_MAX];
			struct dirent *de;
			DIR *dh;
			int idx = -1;

			snprintf(d, sizeof(d), "/sys/bus/pci/devices/%.64s/uio", argv[2]);
			dh = opendir(d);
			while (dh && (de = readdir(dh)))
				if (sscanf(de->d_name, "uio%d", &idx) == 1)
					break;
			if (dh)
				closedir(dh);
			if (idx < 0)
				die("no uio device");
			snprintf(e, sizeof(e), "%s/uio%d/maps/map%d/size", d, idx, bar);
			len = read_hex(e);
			if (!len)
				die("uio map size");
			snprintf(path, sizeof(path), "/dev/uio%d", idx);
			start = (uint64_t)bar * pg;
			map = open_map(path, O_RDWR, len, start);
			goto mapped;
		}
		if (!strcmp(m, "procfs-io") ||
		    ((!strcmp(m, "sysfs") || !strcmp(m, "container") ||
		      !strcmp(m, "unmount") || !strcmp(m, "chroot") ||
		      !strcmp(m, "detach") || !strcmp(m, "fdpass")) &&
		     len < pg))
			touch_off = start & (pg - 1);
	}

	if (!strcmp(argv[1], "sysfs") || !strcmp(argv[1], "sysfs-wc") ||
	    !strcmp(argv[1], "container")) {
		if (!strcmp(argv[1], "container")) {
			private_mounts(CLONE_NEWNET);
			if (mount("sysfs", "/sys", "sysfs", 0, NULL) < 0)
				die("mount sysfs");
		}
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource%d%s",
			 argv[2], bar, strcmp(argv[1], "sysfs-wc") ? "" : "_wc");
		map = open_map(path, O_RDWR, len, 0);
	} else if (!strcmp(argv[1], "unmount") || !strcmp(argv[1], "chroot") ||
		   !strcmp(argv[1], "detach")) {
		/* map first; then leave the file's mount behind */
		if (!strcmp(argv[1], "detach"))
			private_mounts(0);
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource%d",
			 argv[2], bar);
		map = open_map(path, O_RDWR, len, 0);
		if (map) {
			if (strcmp(argv[1], "detach"))
				private_mounts(0);
			if (strcmp(argv[1], "chroot")) {
				if (umount2("/sys", MNT_DETACH) < 0)
					die("umount /sys");
			} else {
				mkdir("/tmp/root", 0700);
				if (mount("tmpfs", "/tmp/root", "tmpfs", 0, "mode=0755") <
				    0)
					die("mount tmpfs");
				if (chroot("/tmp/root") < 0 || chdir("/") < 0)
					die("chroot");
			}
		}
	} else if (!strcmp(argv[1], "fdpass")) {
		int fd = fd_from_child(argv[2], bar);

		snprintf(path, sizeof(path), "fd-from-child");
		if (fd >= 0) { /* else the child said why */
			map = map_fd(fd, len, 0);
			close(fd);
		}
	} else if (!strcmp(argv[1], "devmem-node")) {
		private_mounts(0);
		if (mount("tmpfs", "/dev", "tmpfs", 0, "mode=0755") < 0)
			die("mount tmpfs");
		if (mknod("/dev/physmem", S_IFCHR | 0600, makedev(1, 1)) < 0)
			die("mknod");
		snprintf(path, sizeof(path), "/dev/physmem");
		map = open_map(path, O_RDWR | O_SYNC, len, start);
	} else if (!strcmp(argv[1], "procfs") || !strcmp(argv[1], "procfs-io")) {
		unsigned int dom, bus, dev, fn;
		int fd;

		if (sscanf(argv[2], "%x:%x:%x.%x", &dom, &bus, &dev, &fn) != 4)
			die("slot");
		/* x86 and powerpc leave domain 0 out of the name; asm-generic
		 * architectures (arm64) always write it */
		if (dom)
			snprintf(path, sizeof(path), "/proc/bus/pci/%04x:%02x/%02x.%x",
				 dom, bus, dev, fn);
		else
			snprintf(path, sizeof(path), "/proc/bus/pci/%02x/%02x.%x", bus,
				 dev, fn);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0 && errno == ENOENT && !dom) {
			snprintf(path, sizeof(path), "/proc/bus/pci/%04x:%02x/%02x.%x",
				 dom, bus, dev, fn);
			fd = open(path, O_RDWR | O_CLOEXEC);
		}
		if (fd < 0)
			refused("open", errno);
		else if (ioctl(fd, strcmp(argv[1], "procfs-io")
					   ? PCIIOC_MMAP_IS_MEM
					   : PCIIOC_MMAP_IS_IO) < 0) {
			/* say what mmap does without it too (arm64: no procfs mmap at all) */
			int e = errno;
			void *p = mmap(NULL, (size_t)page_size(), PROT_READ, MAP_SHARED,
				       fd, (off_t)(start & ~(page_size() - 1)));

			say("REFUSED %s ioctl %s mmap %s", mode, errname(e),
			    p == MAP_FAILED ? errname(errno) : "ok");
			if (p != MAP_FAILED)
				munmap(p, (size_t)page_size());
		} else
			map = map_fd(fd, len, start & ~(page_size() - 1));
		if (fd >= 0)
			close(fd);
	} else if (!strcmp(argv[1], "devmem")) {
		snprintf(path, sizeof(path), "/dev/mem");
		map = open_map(path, O_RDWR | O_SYNC, len, start);
	} else if (!strcmp(argv[1], "decoy")) {
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

mapped:
	if (map) {
		map = (char *)map + touch_off;
		add_map(argv[2], bar, (char *)map - touch_off, touch_off, start, len);
		if (!nocatch && !touch(map))
			say("ERROR %s first read raised SIGBUS", mode);
		say("READY %s pid=%d path=%s start=0x%" PRIx64 " len=0x%" PRIx64, mode,
		    (int)getpid(), path, start, len);
	}

hold:
	for (;;) {
		if (nocatch && map) {
			/* a real program: it keeps using its mapping, and has no SIGBUS handler */
			struct timespec ts = { 0, 20 * 1000 * 1000 };
			int i;

			for (i = 0; i < nmaps; i++)
				(void)*maps[i].at;
			sig = sigtimedwait(&set, NULL, &ts);
			if (sig < 0)
				continue;
		} else if (sigwait(&set, &sig)) {
			continue;
		}
		if (sig == SIGTERM)
			return 0;
		if (map) {
			int i, all = 1;

			for (i = 0; i < nmaps; i++) {
				int ok = nocatch || touch(maps[i].at);

				all &= ok;
				say("RESULTMAP %s %s %d %s", mode, maps[i].slot,
				    maps[i].bar, ok ? "live" : "revoked");
			}
			say("RESULT %s %s", mode, all ? "live" : "revoked");
		} else {
			say("RESULT %s refused", mode);
		}
	}
}
