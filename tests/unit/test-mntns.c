// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The mount namespace cache on a tree written here: the preload of every process's
 * namespace (one mountinfo read per namespace, none for a process whose link cannot be
 * read), and a thread's local cache over the shared one (it reads the shared namespaces
 * and devices, keeps what it learns to itself, and never changes the shared cache).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "macro.h"
#include "testfs.h"
#include "mntns.h"
#include "parse-maps.h"

/* sysfs 0:21 at /sys, proc 0:22 at /proc; namespace 2 adds a sysfs 0:40 at /c/sys */
#define MI_HOST                                                                          \
	"20 1 8:1 / / rw - ext4 /dev/sda1 rw\n"                                          \
	"21 20 0:21 / /sys rw,nosuid - sysfs sysfs rw\n"                                 \
	"22 20 0:22 / /proc rw,nosuid - proc proc rw\n"
#define MI_OTHER MI_HOST "40 20 0:40 / /c/sys rw - sysfs sysfs rw\n"
#define MI_THIRD MI_HOST "50 20 0:50 /devices /d rw - sysfs sysfs rw\n"

static char root[] = "/tmp/test-mntns-XXXXXX";

static void put(const char *rel, const char *text)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(testfs_write(path, text), 0);
}

static void ns_link(pid_t pid, const char *target)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/proc/%d/ns", root, (int)pid);
	(void)mkdir(path, 0755);
	strcat(path, "/mnt");
	assert_int_equal(symlink(target, path), 0);
}

static int setup(void **state)
{
	char path[256];

	(void)state;
	if (!mkdtemp(root))
		return -1;
	put("proc/1/mountinfo", MI_HOST);
	/* 100 and 101 share namespace 7, 102 is in 8, 103 has no link, 104 is in 9 (not
	 * preloaded: it appears later) */
	put("proc/100/mountinfo", MI_HOST);
	ns_link(100, "mnt:[7]");
	put("proc/101/mountinfo", MI_HOST);
	ns_link(101, "mnt:[7]");
	put("proc/102/mountinfo", MI_OTHER);
	ns_link(102, "mnt:[8]");
	put("proc/103/mountinfo", MI_OTHER);
	put("proc/104/mountinfo", MI_THIRD);
	ns_link(104, "mnt:[9]");
	snprintf(path, sizeof(path), "%s/proc/105", root);
	return mkdir(path, 0755); /* a process whose mounts cannot be read */
}

static int teardown(void **state)
{
	(void)state;
	return testfs_rm_rf(root);
}

static uint64_t dev(unsigned major, unsigned minor)
{
	return maps_devnum(major, minor);
}

static void test_preload(void **state)
{
	const pid_t pids[] = { 100, 101, 102, 103, 105 };
	const struct mntns *ns[ELEMENTSOF(pids)];
	struct mntns_cache *c;
	struct sysroot sr;
	char out[64];
	bool resolved;

	(void)state;
	assert_int_equal(sr_init(&sr, root), 0);
	c = mntns_cache_new(&sr);
	mntns_cache_preload(c, pids, ELEMENTSOF(pids), ns);
	assert_non_null(ns[0]);
	assert_ptr_equal(ns[0], ns[1]); /* one namespace, read once */
	assert_non_null(ns[2]);
	assert_ptr_not_equal(ns[0], ns[2]);
	assert_null(ns[3]); /* no link: left to mntns_get() when scanned */
	assert_null(ns[4]);
	assert_int_equal(mntns_cache_loaded(c), 2);
	assert_int_equal(mntns_cache_unreadable(c, NULL, NULL), 0);

	/* the devices of every namespace preloaded are candidates for every process */
	assert_int_equal(mntns_dev_kind(c, dev(0, 40)), MNT_SYSFS);
	assert_int_equal(mntns_dev_kind(c, dev(0, 22)), MNT_PROC);
	assert_int_equal(mntns_dev_kind(c, dev(8, 1)), -ENOENT);
	assert_false(mntns_is_candidate(c, dev(0, 50)));

	/* each namespace resolves paths by its own mounts */
	assert_int_equal(mntns_fs_path(c, ns[2], dev(0, 40), "/c/sys/bus/x", out,
				       sizeof(out), &resolved),
			 MNT_SYSFS);
	assert_true(resolved);
	assert_string_equal(out, "/bus/x");
	assert_int_equal(mntns_fs_path(c, ns[0], dev(0, 40), "/c/sys/bus/x", out,
				       sizeof(out), &resolved),
			 MNT_SYSFS);
	assert_false(resolved); /* 0:40 is another namespace's */

	/* the link-less process: a namespace of its own from its mountinfo */
	assert_true(mntns_is_mountpoint(mntns_get(c, 103), dev(0, 40), "/c/sys"));
	assert_non_null(mntns_get(c, 105));
	assert_int_equal(mntns_cache_loaded(c), 3);
	mntns_cache_free(c);
	sr_done(&sr);
}

static void test_local(void **state)
{
	const pid_t pids[] = { 100, 102 };
	const struct mntns *ns[ELEMENTSOF(pids)];
	struct mntns_cache *shared, *local, *other;
	const struct mntns *third;
	struct sysroot sr;
	char out[64];
	bool resolved;

	(void)state;
	assert_int_equal(sr_init(&sr, root), 0);
	shared = mntns_cache_new(&sr);
	mntns_cache_preload(shared, pids, ELEMENTSOF(pids), ns);
	local = mntns_cache_new_local(shared);
	other = mntns_cache_new_local(shared);

	/* a preloaded namespace is the shared one, not read again */
	assert_ptr_equal(mntns_get(local, 101), ns[0]);
	assert_ptr_equal(mntns_get(local, 102), ns[1]);
	assert_int_equal(mntns_cache_loaded(local), 0);
	assert_int_equal(mntns_dev_kind(local, dev(0, 40)), MNT_SYSFS);

	/* a namespace first seen by a thread is that thread's */
	third = mntns_get(local, 104);
	assert_int_equal(mntns_cache_loaded(local), 1);
	assert_ptr_equal(mntns_get(local, 104), third);
	assert_int_equal(mntns_dev_kind(local, dev(0, 50)), MNT_SYSFS);
	assert_int_equal(mntns_fs_path(local, third, dev(0, 50), "/d/pci0000:00", out,
				       sizeof(out), &resolved),
			 MNT_SYSFS);
	assert_true(resolved);
	assert_string_equal(out, "/devices/pci0000:00");
	assert_int_equal(mntns_dev_kind(shared, dev(0, 50)), -ENOENT);
	assert_int_equal(mntns_dev_kind(other, dev(0, 50)), -ENOENT);
	assert_int_equal(mntns_cache_loaded(shared), 2);

	/* what a thread learns of a device stays its own */
	mntns_learn_dev(local, dev(0, 60), MNT_PROC);
	assert_int_equal(mntns_dev_kind(local, dev(0, 60)), MNT_PROC);
	assert_int_equal(mntns_dev_kind(other, dev(0, 60)), -ENOENT);
	assert_int_equal(mntns_dev_kind(shared, dev(0, 60)), -ENOENT);
	/* and never overrides what the shared cache knows */
	mntns_learn_dev(local, dev(0, 21), -1);
	assert_int_equal(mntns_dev_kind(local, dev(0, 21)), MNT_SYSFS);
	assert_int_equal(mntns_dev_kind(shared, dev(0, 21)), MNT_SYSFS);

	mntns_cache_free(other);
	mntns_cache_free(local);
	mntns_cache_free(shared);
	sr_done(&sr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_preload),
		cmocka_unit_test(test_local),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
