// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Live: a child in its own user and mount namespace does what an unprivileged user can
 * do to plant a door (a bind mount of /dev/zero at a chroot's dev/mem, at a mount point
 * named "mem (deleted)", under a directory whose name holds a literal "\012"; a tmpfs
 * file named resource0 under a sysfs-looking path) and to hide one (a mapped tmpfs file
 * whose mount is then lazily unmounted, in a chroot). The scan must report none of the
 * planted ones as a door, through either maps reader, both with the privileges audit
 * has (map_files) and without them (capabilities dropped: only the maps line's dev:ino,
 * where a door may only be reported as identified by path only); and the hidden one is
 * still identified through map_files. Nothing here maps a device: /dev/zero is mapped
 * private, the rest are regular files on a tmpfs of the child's own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testfs.h"
#include "door-identity.h"
#include "proc-scan.h"

#define TMPFS_MAGIC_ 0x01021994

struct seen {
	unsigned n, strong;
	char what[512];
};

static void on_mapping(const struct proc_info *pi, const struct pcr_mapping *m,
		       void *userdata)
{
	struct seen *s = userdata;

	s->n++;
	if (!m->identity_weak)
		s->strong++;
	snprintf(s->what, sizeof(s->what), "pid %d %s via %s%s", (int)pi->pid,
		 m->path ? m->path : "?", map_via_name(m->door.via),
		 m->identity_weak ? " (weak)" : "");
}

/* What the child tells: how many plants it made, and the hidden mapping. */
struct report {
	int planted;
	int hidden_ok;
	uint64_t hidden_start, hidden_end, hidden_ino;
};

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

static int touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0600);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

/* Bind /dev/zero at path (made first) and map it private; 0 or -1. */
static int plant_zero(const char *path)
{
	void *p;
	int fd;

	if (touch(path) < 0 || mount("/dev/zero", path, NULL, MS_BIND, NULL) < 0) {
		fprintf(stderr, "child: bind at %s: %m\n", path);
		return -1;
	}
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "child: open %s: %m\n", path);
		return -1;
	}
	p = mmap(NULL, 65536, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		fprintf(stderr, "child: mmap %s: %m\n", path);
	return p == MAP_FAILED ? -1 : 0;
}

/* A 64 KiB regular file at path, mapped shared; its mapping's start or NULL. */
static void *plant_file(const char *path, ino_t *ino)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	struct stat st;
	void *p;

	if (fd < 0 || ftruncate(fd, 65536) < 0 || fstat(fd, &st) < 0) {
		fprintf(stderr, "child: %s: %m\n", path);
		return NULL;
	}
	if (ino)
		*ino = st.st_ino;
	p = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	return p == MAP_FAILED ? NULL : p;
}

static int enter_namespaces(void)
{
	char map[64];
	uid_t uid = geteuid();
	gid_t gid = getegid();

	if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
		return -1;
	snprintf(map, sizeof(map), "0 %u 1", (unsigned)uid);
	if (write_str("/proc/self/setgroups", "deny") < 0 ||
	    write_str("/proc/self/uid_map", map) < 0)
		return -1;
	snprintf(map, sizeof(map), "0 %u 1", (unsigned)gid);
	if (write_str("/proc/self/gid_map", map) < 0)
		return -1;
	return mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
}

static void child(int wfd, const char *base)
{
	struct report rep = {};
	char root[600], path[1024];
	ino_t ino = 0;
	void *p;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	snprintf(root, sizeof(root), "%s/root", base);
	if (enter_namespaces() < 0 || testfs_mkdir_p(root) < 0 ||
	    mount("t", root, "tmpfs", MS_NOSUID | MS_NOEXEC, "size=4m") < 0)
		goto out;

	/* (a) /dev/zero at the chroot's dev/mem */
	snprintf(path, sizeof(path), "%s/dev", root);
	if (testfs_mkdir_p(path) == 0) {
		snprintf(path, sizeof(path), "%s/dev/mem", root);
		rep.planted += plant_zero(path) == 0;
		snprintf(path, sizeof(path), "%s/dev/uio0", root);
		rep.planted += plant_zero(path) == 0;
		/* (b) a mount point named "mem (deleted)" */
		snprintf(path, sizeof(path), "%s/dev/mem (deleted)", root);
		rep.planted += plant_zero(path) == 0;
	}
	/* (c) a directory whose name holds a literal backslash-012 */
	snprintf(path, sizeof(path), "%s/evil\\012/dev", root);
	if (testfs_mkdir_p(path) == 0) {
		snprintf(path, sizeof(path), "%s/evil\\012/dev/mem", root);
		rep.planted += plant_zero(path) == 0;
	}
	/* (d) a tmpfs file named resource0 under a sysfs-looking path, and a tmpfs file
	 * bound at a mount point named "mem (deleted)" */
	snprintf(path, sizeof(path), "%s/sys/devices/pci0000:00/0000:00:03.0", root);
	if (testfs_mkdir_p(path) == 0) {
		snprintf(path, sizeof(path),
			 "%s/sys/devices/pci0000:00/0000:00:03.0/resource0", root);
		rep.planted += plant_file(path, NULL) != NULL;
		snprintf(path, sizeof(path), "%s/dev/mem2", root);
		if (plant_file(path, NULL)) {
			char mp[1024];

			snprintf(mp, sizeof(mp), "%s/mem (deleted)", root);
			if (touch(mp) == 0 && mount(path, mp, NULL, MS_BIND, NULL) == 0) {
				int fd = open(mp, O_RDONLY);

				if (fd < 0)
					fprintf(stderr, "child: open %s: %m\n", mp);
				if (fd >= 0 && mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd,
						    0) != MAP_FAILED)
					rep.planted++;
				if (fd >= 0)
					close(fd);
			}
		}
	}

	/* hiding: a tmpfs file mapped, its file system lazily unmounted */
	snprintf(path, sizeof(path), "%s/hide", base);
	if (testfs_mkdir_p(path) == 0 && mount("h", path, "tmpfs", 0, "size=1m") == 0) {
		snprintf(path, sizeof(path), "%s/hide/resource0", base);
		p = plant_file(path, &ino);
		snprintf(path, sizeof(path), "%s/hide", base);
		if (p && umount2(path, MNT_DETACH) == 0) {
			rep.hidden_ok = 1;
			rep.hidden_start = (uintptr_t)p;
			rep.hidden_end = (uintptr_t)p + 65536;
			rep.hidden_ino = ino;
		}
	}
	/* last: the chroot, which is what makes mountinfo and maps disagree */
	if (chroot(root) < 0 || chdir("/") < 0)
		rep.planted = -rep.planted - 1;
out:
	if (write(wfd, &rep, sizeof(rep)) < 0)
		_exit(1);
	close(wfd);
	for (;;)
		pause();
}

/* Drop the capabilities that reach map_files, keeping those that read maps. */
static int drop_map_files_caps(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d) < 0)
		return -1;
	d[CAP_SYS_ADMIN / 32].effective &= ~(1u << (CAP_SYS_ADMIN % 32));
	d[CAP_CHECKPOINT_RESTORE / 32].effective &=
		~(1u << (CAP_CHECKPOINT_RESTORE % 32));
	return (int)syscall(SYS_capset, &h, d);
}

/* Whether this process may read pid's map_files (CAP_SYS_ADMIN, as audit has as root). */
static bool map_files_readable(pid_t pid, const struct report *rep)
{
	struct sysroot sr;
	struct door_id id;
	bool ok;

	if (!rep->hidden_ok)
		return geteuid() == 0;
	assert_int_equal(sr_init(&sr, "/"), 0);
	ok = door_id_read(&sr, pid, rep->hidden_start, rep->hidden_end, &id) == 0;
	sr_done(&sr);
	return ok;
}

/* Scan pid with both readers; in a forked child without map_files when weak. */
static void scan_all(pid_t pid, bool weak, struct seen *seen)
{
	struct sysroot sr;

	assert_int_equal(sr_init(&sr, "/"), 0);
	for (int reader = MAPS_READER_TEXT; reader <= MAPS_READER_QUERY; reader++)
		for (int all_io = 0; all_io <= 1; all_io++) {
			struct proc_scan_opts o = { .pids = &pid,
						    .npids = 1,
						    .all_io = all_io,
						    .reader = (enum maps_reader)reader };
			struct proc_scan_stats st;

			assert_int_equal(proc_scan(&sr, &o, on_mapping, seen, &st), 0);
			assert_int_equal(st.processes, 1);
			assert_int_equal(st.unreadable, 0);
		}
	sr_done(&sr);
	(void)weak;
}

static void test_planted_and_hidden(void **state)
{
	(void)state;
	char base[] = "/tmp/pcirevoke-hostile-XXXXXX";
	struct report rep = {};
	struct seen seen = {};
	int pfd[2], status;
	pid_t pid, scanner;
	bool privileged;

	assert_non_null(mkdtemp(base));
	assert_int_equal(pipe(pfd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(pfd[0]);
		child(pfd[1], base);
	}
	close(pfd[1]);
	assert_int_equal(read(pfd[0], &rep, sizeof(rep)), sizeof(rep));
	close(pfd[0]);
	if (rep.planted <= 0 && !rep.hidden_ok) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		rmdir(base);
		skip(); /* no user namespaces here */
	}
	assert_int_equal(rep.planted, 6);

	/*
	 * With audit's privileges (map_files readable): nothing at all. Without them (the
	 * suite run by an unprivileged user, as in a package build): at most "identified by
	 * path only", never a door for sure.
	 */
	privileged = map_files_readable(pid, &rep);
	scan_all(pid, false, &seen);
	if (privileged ? seen.n : seen.strong)
		fail_msg("reported a planted door: %s", seen.what);
	if (!privileged)
		print_message("note: map_files not readable here: %u weak report(s)\n",
			      seen.n);

	/* the hidden mapping: still the same tmpfs file, through map_files */
	if (rep.hidden_ok && privileged) {
		struct sysroot sr;
		struct door_id id;

		assert_int_equal(sr_init(&sr, "/"), 0);
		assert_int_equal(
			door_id_read(&sr, pid, rep.hidden_start, rep.hidden_end, &id), 0);
		assert_true(id.known);
		assert_true(S_ISREG(id.st.st_mode));
		assert_int_equal(id.st.st_ino, rep.hidden_ino);
		assert_int_equal(id.f_type, TMPFS_MAGIC_);
		assert_int_equal(door_id_fs_kind(id.f_type), -1);
		sr_done(&sr);
	}

	/* without map_files: at most "identified by path only", never a door for sure */
	scanner = fork();
	assert_true(scanner >= 0);
	if (scanner == 0) {
		struct seen s = {};
		struct sysroot sr;
		struct door_id id;

		if (drop_map_files_caps() < 0)
			_exit(77);
		assert_int_equal(sr_init(&sr, "/"), 0);
		if (door_id_read(&sr, pid, rep.hidden_start, rep.hidden_end, &id) == 0)
			_exit(3); /* map_files still reachable: the drop did not work */
		sr_done(&sr);
		scan_all(pid, true, &s);
		if (s.strong) {
			fprintf(stderr, "without map_files, reported: %s\n", s.what);
			_exit(1);
		}
		if (s.n)
			fprintf(stderr, "note: without map_files, %u weak: %s\n", s.n,
				s.what);
		_exit(0);
	}
	assert_int_equal(waitpid(scanner, &status, 0), scanner);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77)
		print_message("note: cannot drop capabilities: fallback case skipped\n");
	else
		assert_int_equal(WEXITSTATUS(status), 0);

	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	if (testfs_rm_rf(base) < 0)
		print_message("could not remove %s\n", base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_planted_and_hidden),
	};

	if (access("/proc/self/maps", R_OK) != 0)
		return 77;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
