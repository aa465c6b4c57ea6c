// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The maps iterator (maps-reader.h) on files written into a temporary sysroot: which
 * records the text reader yields from maps and from smaps, and how it treats what the
 * kernel never writes but a captured tree may hold (garbage, a line over the 64 KiB
 * buffer, no newline at the end, a VMA without VmFlags). PROCMAP_QUERY needs the live
 * system: test-procmap-query.c.
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
#include "maps-reader.h"

#define SYSFS_DEV maps_devnum(0, 0x16)

static char root[256];

static void write_file(const char *rel, const char *text, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void make_dir(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(mkdir(path, 0700), 0);
}

static bool is_sysfs(const void *data, uint64_t dev)
{
	(void)data;
	return dev == SYSFS_DEV;
}

static const struct maps_filter filter = { .is_candidate = is_sysfs };

struct fixture {
	struct sysroot sr;
	struct maps_iter *it;
	struct maps_run run;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || sr_init(&fx->sr, root) < 0)
		return -1;
	fx->it = maps_iter_new();
	/* PROCMAP_QUERY is asked for; a sysroot has text only */
	fx->run.reader = MAPS_READER_QUERY;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	maps_iter_free(fx->it);
	sr_done(&fx->sr);
	free(fx);
	return 0;
}

static void assert_name(const struct maps_rec *rec, const char *want)
{
	assert_non_null(rec->line.name);
	assert_string_equal(rec->line.name, want);
	assert_int_equal(rec->line.namelen, strlen(want));
}

static void test_maps(void **state)
{
	struct fixture *fx = *state;
	struct maps_rec rec;

	assert_int_equal(maps_iter_open(fx->it, &fx->sr, 1, false, &fx->run), 0);
	assert_string_equal(maps_iter_path(fx->it), "/proc/1/maps");
	assert_false(maps_iter_smaps(fx->it));

	assert_int_equal(maps_iter_next(fx->it, &filter, &rec), 1);
	assert_int_equal(rec.line.start, 0x7f0000000000);
	assert_int_equal(rec.line.offset, 0xfebc0000);
	assert_string_equal(rec.line.perms, "rw-s");
	assert_true(rec.candidate);
	assert_false(rec.io);
	assert_name(&rec, "/sys/devices/pci0000:00/0000:00:03.0/resource0");

	/* the garbage line and the one over 64 KiB are skipped and counted */
	assert_int_equal(maps_iter_next(fx->it, &filter, &rec), 1);
	assert_name(&rec, "/sys/with\nnewline");
	assert_true(rec.line.deleted);

	/* a candidate without a name is no record; the last line lacks its newline */
	assert_int_equal(maps_iter_next(fx->it, &filter, &rec), 1);
	assert_int_equal(rec.line.start, 0x7f0000300000);
	assert_name(&rec, "/sys/last");

	assert_int_equal(maps_iter_next(fx->it, &filter, &rec), 0);
	assert_false(maps_iter_queried(fx->it));
	assert_false(fx->run.query_unavailable);
	assert_int_equal(maps_iter_bad_lines(fx->it), 2);
	maps_iter_close(fx->it);
}

static void test_smaps(void **state)
{
	struct fixture *fx = *state;
	struct maps_rec rec;

	assert_int_equal(maps_iter_open(fx->it, &fx->sr, 2, true, &fx->run), 0);
	assert_true(maps_iter_smaps(fx->it));

	/* a door's VMA, once its VmFlags line is read */
	assert_int_equal(maps_iter_next(fx->it, &filter, &rec), 1);
	assert_true(rec.candidate);
	assert_true(rec.io);
	assert_name(&rec, "/sys/devices/pci0000:00/0000:00:02.0/resource0");

	/* io/pf VMAs on other devices, named by a file, by the kernel, or unnamed */
	assert_int_equal(maps_iter_next(fx->it, &filter, &rec), 1);
	assert_false(rec.candidate);
	assert_true(rec.io);
	assert_false(rec.kernel_name);
	assert_name(&rec, "/dev/nvidia0");
	assert_int_equal(maps_iter_next(fx->it, &filter, &rec), 1);
	assert_true(rec.io);
	assert_true(rec.kernel_name);
	assert_name(&rec, "[vvar]");
	assert_int_equal(maps_iter_next(fx->it, &filter, &rec), 1);
	assert_true(rec.io);
	assert_null(rec.line.name);
	assert_int_equal(rec.line.start, 0x7f8f10000000);

	/* a candidate whose VmFlags line is missing: yielded at the next header; the
	 * plain VMA after it is not; the last VMA, without VmFlags, at the end */
	assert_int_equal(maps_iter_next(fx->it, &filter, &rec), 1);
	assert_true(rec.candidate);
	assert_false(rec.io);
	assert_name(&rec, "/sys/no-vmflags");
	assert_int_equal(maps_iter_next(fx->it, &filter, &rec), 1);
	assert_name(&rec, "/sys/at-the-end");
	assert_int_equal(maps_iter_next(fx->it, &filter, &rec), 0);
	assert_int_equal(maps_iter_next(fx->it, &filter, &rec), 0);
	maps_iter_close(fx->it);
}

static void test_open(void **state)
{
	struct fixture *fx = *state;
	struct maps_rec rec;

	/* a captured tree may hold maps only: smaps falls back */
	assert_int_equal(maps_iter_open(fx->it, &fx->sr, 1, true, &fx->run), 0);
	assert_false(maps_iter_smaps(fx->it));
	assert_string_equal(maps_iter_path(fx->it), "/proc/1/maps");
	assert_int_equal(maps_iter_next(fx->it, &filter, &rec), 1);
	/* reopening starts afresh */
	assert_int_equal(maps_iter_open(fx->it, &fx->sr, 1, false, &fx->run), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(maps_iter_next(fx->it, &filter, &rec), 1);
	assert_int_equal(maps_iter_next(fx->it, &filter, &rec), 0);
	assert_int_equal(maps_iter_open(fx->it, &fx->sr, 3, false, &fx->run), -ENOENT);
	assert_string_equal(maps_iter_path(fx->it), "/proc/3/maps");
	assert_int_equal(maps_iter_next(fx->it, &filter, &rec), 0);
}

/* A sparse maps file of 1 TiB (a hostile captured tree): the walk stops at the cap. */
static void test_huge(void **state)
{
	struct fixture *fx = *state;
	const char *line = "7f0000000000-7f0000001000 rw-s 00000000 00:16 11 "
			   "/sys/devices/pci0000:00/0000:00:03.0/resource0\n";
	char path[512];
	struct maps_rec rec;
	unsigned found = 0;
	int fd, r;

	snprintf(path, sizeof(path), "%s/proc/4/maps", root);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, line, strlen(line)), (ssize_t)strlen(line));
	if (ftruncate(fd, 1ll << 40) < 0) {
		/* the file system refuses a 1 TiB file: the cap's edge will do */
		assert_int_equal(ftruncate(fd, (off_t)MAPS_TEXT_MAX + 4096), 0);
	}
	close(fd);
	assert_int_equal(maps_iter_open(fx->it, &fx->sr, 4, false, &fx->run), 0);
	while ((r = maps_iter_next(fx->it, &filter, &rec)) > 0)
		found++;
	assert_int_equal(r, -EFBIG);
	assert_int_equal(found, 1); /* what came before the cap was seen */
	maps_iter_close(fx->it);
	assert_int_equal(unlink(path), 0);
}

static void write_maps(void)
{
	const char *head = "00400000-00401000 r--p 00000000 fe:00 1 /usr/bin/x\n"
			   "7f0000000000-7f0000020000 rw-s febc0000 00:16 11270          "
			   "            "
			   "/sys/devices/pci0000:00/0000:00:03.0/resource0\n"
			   "not a maps line\n"
			   "7f0000010000-7f0000011000 rw-s 00000000 00:16 5 /sys/";
	const char *tail = "\n7f0000100000-7f0000101000 rw-s 00000000 00:16 7 "
			   "/sys/with\\012newline (deleted)\n"
			   "7f0000200000-7f0000201000 rw-p 00000000 00:16 0 \n"
			   "7f0000300000-7f0000301000 r--s 00000000 00:16 9 /sys/last";
	size_t long_name = 70000, n = strlen(head) + long_name + strlen(tail);
	char *buf = malloc(n);

	assert_non_null(buf);
	memcpy(buf, head, strlen(head));
	memset(buf + strlen(head), 'a', long_name);
	memcpy(buf + strlen(head) + long_name, tail, strlen(tail));
	write_file("proc/1/maps", buf, n);
	free(buf);
}

static void write_smaps(void)
{
	const char *s =
		"7f8f10000000-7f8f10020000 rw-s 00000000 00:16 11 "
		"/sys/devices/pci0000:00/0000:00:02.0/resource0\n"
		"Size:                128 kB\n"
		"VmFlags: rd wr sh mr mw me ms io pf de dd \n"
		"55d0c8a00000-55d0c8a02000 r--p 00000000 fe:00 1835 /usr/bin/gpu-user\n"
		"Size:                  8 kB\n"
		"VmFlags: rd mr mw me ac sd \n"
		"7f8f00000000-7f8f02000000 rw-s 01000000 00:06 640 /dev/nvidia0\n"
		"VmFlags: rd wr sh mr mw me ms pf io de dd \n"
		"7ffd5bbf0000-7ffd5bbf4000 r--p 00000000 00:00 0 [vvar]\n"
		"VmFlags: rd mr pf io de dd \n"
		"7f8f10000000-7f8f10001000 rw-s 00000000 00:00 0 \n"
		"VmFlags: rd wr sh pf\n"
		"7f8f20000000-7f8f20001000 rw-s 00000000 00:16 12 /sys/no-vmflags\n"
		"Size:                  4 kB\n"
		"7f8f30000000-7f8f30001000 r--p 00000000 fe:00 13 /usr/lib/y\n"
		"VmFlags: rd\n"
		"7f8f40000000-7f8f40001000 r--s 00000000 00:16 14 /sys/at-the-end\n"
		"Size:                  4 kB\n";

	write_file("proc/2/smaps", s, strlen(s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_maps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_smaps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_huge, setup, teardown),
	};
	const char *t = getenv("TMPDIR");
	char cmd[300];
	int r;

	snprintf(root, sizeof(root), "%s/pcr-maps-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(root)) {
		perror(root);
		return 1;
	}
	make_dir("proc");
	make_dir("proc/1");
	make_dir("proc/2");
	make_dir("proc/4");
	write_maps();
	write_smaps();
	r = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", root);
	return r;
}
