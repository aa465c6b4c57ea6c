// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The process scan on a captured tree (tests/fixtures/audit-doors): the stats it keeps
 * and the PIDs it reports missing, which the golden tests show only through the
 * commands' output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "macro.h"
#include "testfs.h"
#include "proc-scan.h"

struct seen {
	unsigned n;
	pid_t last_pid;
	bool ordered;
	bool vfio_slot; /* a VFIO mapping got its slot */
};

static void on_mapping(const struct proc_info *pi, const struct pcr_mapping *m,
		       void *userdata)
{
	struct seen *s = userdata;

	assert_int_equal(pi->pid, m->pid);
	if (m->pid < s->last_pid)
		s->ordered = false;
	s->last_pid = m->pid;
	if (m->door.via == VIA_VFIO && m->door.has_slot)
		s->vfio_slot = true;
	s->n++;
}

static void test_missing(void **state)
{
	const pid_t pids[] = { 4242, 104, 4343, 105 };
	pid_t missing[ELEMENTSOF(pids)] = {};
	struct proc_scan_opts o = {
		.pids = pids,
		.npids = ELEMENTSOF(pids),
		.quiet_missing = true,
		.missing = missing,
	};
	struct seen seen = { .ordered = true };
	struct proc_scan_stats st;
	struct sysroot sr;

	(void)state;
	assert_int_equal(sr_init(&sr, FIXTURES_DIR "/audit-doors"), 0);
	assert_int_equal(proc_scan(&sr, &o, on_mapping, &seen, &st), 0);
	assert_int_equal(st.missing, 2);
	assert_int_equal(missing[0], 4242);
	assert_int_equal(missing[1], 4343);
	assert_int_equal(st.processes, 2);
	assert_int_equal(st.queried, 0); /* a captured tree is read as text */
	assert_int_equal(st.mappings, seen.n);
	assert_true(seen.n > 0);
	assert_true(seen.vfio_slot);
	sr_done(&sr);
}

static void test_every_process(void **state)
{
	struct proc_scan_opts o = {};
	struct seen seen = { .ordered = true }, seen_io = { .ordered = true };
	struct proc_scan_stats st, st_io;
	struct sysroot sr;

	(void)state;
	assert_int_equal(sr_init(&sr, FIXTURES_DIR "/audit-doors"), 0);
	assert_int_equal(proc_scan(&sr, &o, on_mapping, &seen, &st), 0);
	assert_int_equal(st.processes, 16);
	assert_int_equal(st.missing, 0);
	assert_int_equal(st.unreadable + st.vanished, 0);
	assert_int_equal(st.mappings, seen.n);
	assert_true(seen.ordered);
	assert_true(st.namespaces >= 1);
	assert_false(st.hidepid); /* never under a sysroot */
	/* --all-io adds the io/pf VMAs no door explains, and keeps every door */
	o.all_io = true;
	assert_int_equal(proc_scan(&sr, &o, on_mapping, &seen_io, &st_io), 0);
	assert_int_equal(st_io.processes, 16);
	assert_true(st_io.mappings > st.mappings);
	assert_true(seen_io.ordered);
	sr_done(&sr);
}

struct weak {
	unsigned n;
	pid_t pids[8];
	bool weak[8];
};

static void on_weak(const struct proc_info *pi, const struct pcr_mapping *m,
		    void *userdata)
{
	struct weak *w = userdata;

	(void)pi;
	if (w->n < ELEMENTSOF(w->pids)) {
		w->pids[w->n] = m->pid;
		w->weak[w->n] = m->identity_weak;
	}
	w->n++;
}

/*
 * tests/fixtures/hostile-scan: planted doors are dropped; a door on a device the
 * process's namespace does not mount is still found, identified by path only.
 */
static void test_hostile(void **state)
{
	struct proc_scan_opts o = {};
	struct proc_scan_stats st;
	struct sysroot sr;
	struct weak w = {};

	(void)state;
	assert_int_equal(sr_init(&sr, FIXTURES_DIR "/hostile-scan"), 0);
	assert_int_equal(proc_scan(&sr, &o, on_weak, &w, &st), 0);
	assert_int_equal(st.processes, 7);
	assert_int_equal(w.n, 3);
	assert_int_equal(w.pids[0], 200); /* left its namespace */
	assert_true(w.weak[0]);
	assert_int_equal(w.pids[1], 201); /* chroot: a captured tree cannot tell */
	assert_true(w.weak[1]);
	assert_int_equal(w.pids[2], 205); /* honest */
	assert_false(w.weak[2]);
	sr_done(&sr);
}

/* A tree of processes 10..40 with empty maps; some files are FIFOs (never read). */
static void make_tree(char *root)
{
	static const int fifo_maps[] = { 31, 17 }, fifo_mounts[] = { 25, 12 };
	char path[256];

	assert_non_null(mkdtemp(root));
	snprintf(path, sizeof(path), "%s/proc", root);
	assert_int_equal(mkdir(path, 0755), 0);
	for (int pid = 10; pid <= 40; pid++) {
		int fd;

		snprintf(path, sizeof(path), "%s/proc/%d", root, pid);
		assert_int_equal(mkdir(path, 0755), 0);
		snprintf(path, sizeof(path), "%s/proc/%d/maps", root, pid);
		fd = open(path, O_WRONLY | O_CREAT, 0644);
		assert_true(fd >= 0);
		close(fd);
	}
	for (size_t i = 0; i < ELEMENTSOF(fifo_maps); i++) {
		snprintf(path, sizeof(path), "%s/proc/%d/maps", root, fifo_maps[i]);
		assert_int_equal(unlink(path), 0);
		assert_int_equal(mkfifo(path, 0644), 0);
	}
	for (size_t i = 0; i < ELEMENTSOF(fifo_mounts); i++) {
		snprintf(path, sizeof(path), "%s/proc/%d/mountinfo", root,
			 fifo_mounts[i]);
		assert_int_equal(mkfifo(path, 0644), 0);
	}
}

/*
 * What could not be read is counted, and the lowest PID's file and reason kept, the same
 * on one thread or several (the warning names it).
 */
static void test_unreadable(void **state)
{
	char root[] = "/tmp/test-proc-scan-XXXXXX";
	struct sysroot sr;

	(void)state;
	make_tree(root);
	assert_int_equal(sr_init(&sr, root), 0);
	for (unsigned jobs = 1; jobs <= 4; jobs += 3) {
		struct proc_scan_opts o = { .jobs = jobs };
		struct seen seen = { .ordered = true };
		struct proc_scan_stats st;

		assert_int_equal(proc_scan(&sr, &o, on_mapping, &seen, &st), 0);
		assert_int_equal(st.processes, 29);
		assert_int_equal(st.unreadable, 2);
		assert_string_equal(st.unreadable_path, "/proc/17/maps");
		assert_int_equal(st.unreadable_err, -SR_ENOTREG);
		assert_int_equal(st.ns_unreadable, 2);
		assert_int_equal(st.ns_unreadable_pid, 12);
		assert_int_equal(st.ns_unreadable_err, -SR_ENOTREG);
	}
	sr_done(&sr);
	assert_int_equal(testfs_rm_rf(root), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_every_process),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_unreadable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
