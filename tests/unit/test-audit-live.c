// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Live: a child process maps REGULAR FILES whose paths look like BAR doors, and the scan
 * of that child must report nothing. Nothing here maps a device: the files are on /tmp
 * and, as root, on a tmpfs mounted over a sysfs device directory in the child's own
 * private mount namespace (the host's mounts are untouched).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testfs.h"
#include "proc-scan.h"

struct seen {
	unsigned n;
	char what[512];
};

static void on_mapping(const struct proc_info *pi, const struct pcr_mapping *m,
		       void *userdata)
{
	struct seen *s = userdata;

	s->n++;
	snprintf(s->what, sizeof(s->what), "pid %d %s via %s", (int)pi->pid,
		 m->path ? m->path : "?", map_via_name(m->door.via));
}

/* Create a 64 KiB regular file at path and map it shared; -1 on failure. */
static int map_file(const char *path, bool unlink_after)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	void *p;

	if (fd < 0 || ftruncate(fd, 65536) < 0)
		return -1;
	p = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	if (unlink_after)
		unlink(path);
	return 0;
}

/* A sysfs PCI device directory of this machine, or NULL. */
static const char *some_pci_dir(char *buf, size_t len)
{
	DIR *d = opendir("/sys/bus/pci/devices");
	struct dirent *de;
	char link[256];
	ssize_t n;

	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		char path[300], real[PATH_MAX];

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s", de->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		if (n < 0 || !realpath(path, real))
			continue;
		snprintf(buf, len, "%s", real);
		closedir(d);
		return buf;
	}
	closedir(d);
	return NULL;
}

/*
 * The child: maps its decoys, reports how many it made on the pipe (negative: the tmpfs
 * overmount was not possible), then waits to be killed.
 */
static void child(int wfd, const char *base)
{
	char path[PATH_MAX + 64], pcidir[PATH_MAX];
	int made = 0, overmount = 0;

	/* never outlive the test, even when one of its assertions fails */
	prctl(PR_SET_PDEATHSIG, SIGKILL);

	snprintf(path, sizeof(path), "%s/sys/devices/pci0000:00/0000:00:03.0", base);
	if (testfs_mkdir_p(path) == 0) {
		snprintf(path, sizeof(path),
			 "%s/sys/devices/pci0000:00/0000:00:03.0/resource0", base);
		made += map_file(path, false) == 0;
		snprintf(path, sizeof(path),
			 "%s/sys/devices/pci0000:00/0000:00:03.0/resource2_wc", base);
		made += map_file(path, true) == 0; /* shows " (deleted)" */
	}
	snprintf(path, sizeof(path), "%s/dev/vfio/devices", base);
	if (testfs_mkdir_p(path) == 0) {
		snprintf(path, sizeof(path), "%s/dev/mem", base);
		made += map_file(path, false) == 0;
		snprintf(path, sizeof(path), "%s/dev/uio0", base);
		made += map_file(path, false) == 0;
		snprintf(path, sizeof(path), "%s/dev/vfio/devices/vfio0", base);
		made += map_file(path, false) == 0;
	}
	snprintf(path, sizeof(path), "%s/proc/bus/pci/00", base);
	if (testfs_mkdir_p(path) == 0) {
		snprintf(path, sizeof(path), "%s/proc/bus/pci/00/03.0", base);
		made += map_file(path, false) == 0;
	}
	snprintf(path, sizeof(path), "%s/with a space\nand a newline resource0", base);
	made += map_file(path, false) == 0;

	/* as root: tmpfs over a real sysfs device directory, in a private mount namespace
	 */
	if (geteuid() == 0 && some_pci_dir(pcidir, sizeof(pcidir)) &&
	    unshare(CLONE_NEWNS) == 0 &&
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0 &&
	    mount("spoof", pcidir, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		  "size=1m") == 0) {
		snprintf(path, sizeof(path), "%s/resource0", pcidir);
		if (map_file(path, false) == 0) {
			made++;
			overmount = 1;
		}
	}
	if (write(wfd, &made, sizeof(made)) < 0 ||
	    write(wfd, &overmount, sizeof(overmount)) < 0)
		_exit(1);
	close(wfd);
	for (;;)
		pause();
}

static void test_regular_files_never_reported(void **state)
{
	(void)state;
	char base[] = "/tmp/pcirevoke-live-XXXXXX";
	int pfd[2], made = 0, overmount = 0;
	struct sysroot sr;
	struct seen seen = {};
	struct proc_scan_stats st;
	pid_t pid;

	assert_non_null(mkdtemp(base));
	assert_int_equal(pipe(pfd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(pfd[0]);
		child(pfd[1], base);
	}
	close(pfd[1]);
	assert_int_equal(read(pfd[0], &made, sizeof(made)), sizeof(made));
	assert_int_equal(read(pfd[0], &overmount, sizeof(overmount)), sizeof(overmount));
	close(pfd[0]);
	/* seven decoys for anybody, an eighth (the overmount) as root */
	assert_int_equal(made, 7 + overmount);
	if (!overmount)
		print_message("note: not root or no PCI device: tmpfs-overmount case "
			      "skipped\n");

	assert_int_equal(sr_init(&sr, "/"), 0);
	for (int all_io = 0; all_io <= 1; all_io++) {
		struct proc_scan_opts o = { .pids = &pid, .npids = 1, .all_io = all_io };

		assert_int_equal(proc_scan(&sr, &o, on_mapping, &seen, &st), 0);
		if (seen.n)
			fail_msg("reported a regular file: %s", seen.what);
		assert_int_equal(st.processes, 1);
		assert_int_equal(st.unreadable, 0);
		assert_int_equal(st.mappings, 0);
	}
	sr_done(&sr);

	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	if (testfs_rm_rf(base) < 0)
		print_message("could not remove %s\n", base);
}

static void test_vanished_and_missing(void **state)
{
	(void)state;
	struct sysroot sr;
	struct seen seen = {};
	struct proc_scan_stats st;
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0)
		_exit(0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(sr_init(&sr, "/"), 0);
	{
		struct proc_scan_opts o = { .pids = &pid, .npids = 1 };

		assert_int_equal(proc_scan(&sr, &o, on_mapping, &seen, &st), 0);
		assert_int_equal(st.missing, 1);
		assert_int_equal(st.processes, 0);
	}
	{
		/* every process: our own is among them and maps nothing */
		struct proc_scan_opts o = {};

		assert_int_equal(proc_scan(&sr, &o, on_mapping, &seen, &st), 0);
		assert_true(st.processes >= 1);
	}
	sr_done(&sr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regular_files_never_reported),
		cmocka_unit_test(test_vanished_and_missing),
	};

	if (access("/proc/self/maps", R_OK) != 0)
		return 77;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
