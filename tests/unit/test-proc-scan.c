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
#include <string.h>

#include "macro.h"
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_every_process),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
