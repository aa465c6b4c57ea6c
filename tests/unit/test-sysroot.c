// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The sysroot door against hostile trees: FIFOs, devices, directories and sparse files
 * where a file should be, symlinks out of the root (absolute, relative, loops), with
 * openat2 and with the user-space walk that replaces it. Everything is made in a
 * temporary directory that the group teardown removes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "macro.h"
#include "sysroot.h"

static char tmp[] = "/tmp/pcirevoke-test-sysroot-XXXXXX";
static char root[512], outside[512];

static void put(const char *dir, const char *rel, const char *text)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void mkdirs(const char *dir, const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (char *p = path + strlen(dir) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	assert_true(mkdir(path, 0755) == 0 || errno == EEXIST);
}

static void link_to(const char *rel, const char *target)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(symlink(target, path), 0);
}

static void sparse(const char *rel, off_t size)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, size), 0);
	close(fd);
}

static int setup(void **state)
{
	char path[PATH_MAX], target[PATH_MAX * 2];
	(void)state;

	if (!mkdtemp(tmp))
		return -1;
	snprintf(root, sizeof(root), "%s/root", tmp);
	snprintf(outside, sizeof(outside), "%s/outside", tmp);
	mkdirs(tmp, "root/proc/42");
	mkdirs(tmp, "root/sys/devices/pci0000:00/0000:00:02.0");
	mkdirs(tmp, "root/sys/bus/pci/devices");
	mkdirs(tmp, "outside/sys/devices/pci0000:00/0000:00:02.0");
	put(root, "sys/devices/pci0000:00/0000:00:02.0/vendor", "0x8086\n");
	put(outside, "sys/devices/pci0000:00/0000:00:02.0/vendor", "0xbad1\n");
	put(outside, "secret", "outside\n");
	put(root, "proc/iomem", "00000000-00000fff : Reserved\n");

	snprintf(path, sizeof(path), "%s/proc/fifo", root);
	assert_int_equal(mkfifo(path, 0644), 0);
	sparse("proc/42/maps", (off_t)1 << 40);

	/* in-tree links: relative (as sysfs) and absolute (resolved in the root) */
	link_to("sys/bus/pci/devices/0000:00:02.0",
		"../../../devices/pci0000:00/0000:00:02.0");
	link_to("sys/bus/pci/devices/0000:00:03.0",
		"/sys/devices/pci0000:00/0000:00:02.0");
	/* out of the tree: absolute to the outside, relative with too many "..", a loop
	 */
	snprintf(target, sizeof(target), "%s/sys/devices/pci0000:00/0000:00:02.0",
		 outside);
	link_to("sys/bus/pci/devices/0000:00:04.0", target);
	snprintf(target, sizeof(target), "%s/secret", outside);
	link_to("abs-secret", target);
	link_to("rel-secret", "../../../../../../../../../../../../outside/secret");
	link_to("loop", "loop");
	link_to("dev-zero", "/dev/zero");
	return 0;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int teardown(void **state)
{
	(void)state;
	return nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A sysroot on the test tree, with openat2 or with the user-space walk. */
static void open_root(struct sysroot *sr, bool walk)
{
	assert_int_equal(sr_init(sr, root), 0);
	assert_false(sr->live);
	sr->no_openat2 = walk;
}

static void test_fifo(void **state)
{
	(void)state;
	for (int walk = 0; walk < 2; walk++) {
		struct sysroot sr;
		struct stat st;
		char *buf = NULL;

		open_root(&sr, walk);
		/* refused at once, never waited on (no writer ever comes) */
		assert_int_equal(sr_open(&sr, "/proc/fifo", O_RDONLY), -SR_ENOTREG);
		assert_int_equal(sr_read_file(&sr, "/proc/fifo", 4096, &buf, NULL),
				 -SR_ENOTREG);
		assert_null(buf);
		assert_int_equal(sr_read_line(&sr, "/proc/fifo", &buf), -SR_ENOTREG);
		assert_int_equal(sr_read_gz(&sr, "/proc/fifo", 4096, &buf, NULL),
				 -SR_ENOTREG);
		assert_null(sr_opendir(&sr, "/proc/fifo"));
		assert_int_equal(errno, ENOTDIR);
		/* looking at it is fine */
		assert_true(sr_exists(&sr, "/proc/fifo"));
		assert_int_equal(sr_stat(&sr, "/proc/fifo", &st), 0);
		assert_true(S_ISFIFO(st.st_mode));
		sr_done(&sr);
	}
}

static void test_directory(void **state)
{
	struct sysroot sr;
	char *buf = NULL;
	DIR *d;
	(void)state;

	open_root(&sr, false);
	assert_int_equal(sr_read_file(&sr, "/proc/42", 4096, &buf, NULL), -EISDIR);
	assert_null(sr_opendir(&sr, "/proc/iomem"));
	assert_int_equal(errno, ENOTDIR);
	d = sr_opendir(&sr, "/sys/bus/pci/devices");
	assert_non_null(d);
	closedir(d);
	sr_done(&sr);
}

static void test_char_device(void **state)
{
	struct sysroot sr, dev, live;
	char *buf = NULL;
	(void)state;

	/* a link to /dev/zero resolves inside the tree, where there is none */
	open_root(&sr, false);
	assert_int_equal(sr_read_file(&sr, "/dev-zero", 4096, &buf, NULL), -ENOENT);
	sr_done(&sr);
	open_root(&sr, true);
	assert_int_equal(sr_read_file(&sr, "/dev-zero", 4096, &buf, NULL), -ENOENT);
	sr_done(&sr);
	/* a real character device under a sysroot and live: refused, not read */
	assert_int_equal(sr_init(&dev, "/dev"), 0);
	assert_int_equal(sr_read_file(&dev, "/zero", 4096, &buf, NULL), -SR_ENOTREG);
	assert_int_equal(sr_open(&dev, "/null", O_RDONLY), -SR_ENOTREG);
	sr_done(&dev);
	assert_int_equal(sr_init(&live, "/"), 0);
	assert_true(live.live);
	assert_int_equal(sr_read_file(&live, "/dev/zero", 4096, &buf, NULL), -SR_ENOTREG);
	assert_null(buf);
	sr_done(&live);
}

static void test_write_refused(void **state)
{
	struct sysroot sr;
	(void)state;

	open_root(&sr, false);
	assert_int_equal(sr_open(&sr, "/proc/iomem", O_WRONLY), -EINVAL);
	assert_int_equal(sr_open(&sr, "/proc/iomem", O_RDWR), -EINVAL);
	assert_int_equal(sr_open(&sr, "/proc/new", O_RDONLY | O_CREAT), -EINVAL);
	assert_false(sr_exists(&sr, "/proc/new"));
	sr_done(&sr);
}

static void test_bounds(void **state)
{
	struct sysroot sr;
	char *buf = NULL;
	uint64_t size = 0;
	size_t len = 0;
	char big[5000];
	int fd;
	(void)state;

	open_root(&sr, false);
	/* a terabyte of holes: read up to max, not to the end */
	assert_int_equal(sr_read_file(&sr, "/proc/42/maps", 1 << 20, &buf, NULL), -EFBIG);
	assert_int_equal(sr_read_line(&sr, "/proc/42/maps", &buf), -EFBIG);
	fd = sr_open_file(&sr, "/proc/42/maps", O_RDONLY, &size);
	assert_true(fd >= 0);
	assert_int_equal(size, (uint64_t)1 << 40);
	close(fd);
	assert_int_equal(sr_open_file(&sr, "/proc", O_RDONLY, &size), -EISDIR);
	/* exactly max bytes is fine, one more is not, and a small max is respected */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	put(root, "proc/big", big);
	assert_int_equal(sr_read_file(&sr, "/proc/big", sizeof(big) - 1, &buf, &len), 0);
	assert_int_equal(len, sizeof(big) - 1);
	free(buf);
	assert_int_equal(sr_read_file(&sr, "/proc/big", sizeof(big) - 2, &buf, NULL),
			 -EFBIG);
	assert_int_equal(sr_read_file(&sr, "/proc/big", 64, &buf, NULL), -EFBIG);
	assert_int_equal(sr_read_file(&sr, "/proc/iomem", 64, &buf, &len), 0);
	assert_string_equal(buf, "00000000-00000fff : Reserved\n");
	free(buf);
	assert_int_equal(sr_read_line(&sr, "/proc/iomem", &buf), 0);
	assert_string_equal(buf, "00000000-00000fff : Reserved");
	free(buf);
	sr_done(&sr);
}

static void test_gz_bounds(void **state)
{
	struct sysroot sr;
	char path[PATH_MAX], zeros[65536] = { 0 };
	char *buf = NULL;
	size_t len;
	gzFile gz;
	(void)state;

	/* 16 MiB of zeros compress to a few KiB: the decompressed size is what is bounded
	 */
	snprintf(path, sizeof(path), "%s/proc/config.gz", root);
	gz = gzopen(path, "wb9");
	assert_non_null(gz);
	for (int i = 0; i < 256; i++)
		assert_int_equal(gzwrite(gz, zeros, sizeof(zeros)), (int)sizeof(zeros));
	gzclose(gz);
	open_root(&sr, false);
	assert_int_equal(sr_read_gz(&sr, "/proc/config.gz", 1 << 20, &buf, &len), -EFBIG);
	/* and a compressed file larger than max is not even opened for decompression */
	assert_int_equal(sr_read_gz(&sr, "/proc/42/maps", 1 << 20, &buf, &len), -EFBIG);
	sr_done(&sr);
}

static void test_symlinks_stay_inside(void **state)
{
	(void)state;
	for (int walk = 0; walk < 2; walk++) {
		struct sysroot sr;
		char *buf = NULL;

		open_root(&sr, walk);
		/* in-tree links, relative and absolute, work */
		assert_int_equal(sr_read_line(&sr,
					      "/sys/bus/pci/devices/0000:00:02.0/vendor",
					      &buf),
				 0);
		assert_string_equal(buf, "0x8086");
		free(buf);
		assert_int_equal(sr_read_line(&sr,
					      "/sys/bus/pci/devices/0000:00:03.0/vendor",
					      &buf),
				 0);
		assert_string_equal(buf, "0x8086");
		free(buf);
		buf = NULL;
		/* nothing outside is ever read */
		assert_int_equal(sr_read_line(&sr,
					      "/sys/bus/pci/devices/0000:00:04.0/vendor",
					      &buf),
				 -ENOENT);
		assert_int_equal(sr_read_line(&sr, "/abs-secret", &buf), -ENOENT);
		assert_int_equal(sr_read_line(&sr, "/rel-secret", &buf), -ENOENT);
		assert_int_equal(sr_read_line(&sr, "/../../outside/secret", &buf),
				 -ENOENT);
		assert_int_equal(sr_read_line(&sr, "/loop", &buf), -ELOOP);
		assert_null(buf);
		/* ".." never climbs above the root */
		assert_int_equal(sr_read_line(&sr, "/../../../proc/iomem", &buf), 0);
		free(buf);
		sr_done(&sr);
	}
}

/* Renames elsewhere on the system, as fast as possible, until told to stop. */
static _Atomic int renaming;

static void *rename_loop(void *arg)
{
	const char *dir = arg;
	char a[PATH_MAX], b[PATH_MAX];

	snprintf(a, sizeof(a), "%s/ping", dir);
	snprintf(b, sizeof(b), "%s/pong", dir);
	put(dir, "ping", "x");
	while (renaming) {
		if (rename(a, b) == 0)
			(void)rename(b, a);
	}
	return NULL;
}

/*
 * openat2 with RESOLVE_IN_ROOT fails with EAGAIN when any rename on the system races a
 * lookup that climbs "..": a sysfs link (../../../devices/...) must still open, every time.
 */
static void test_rename_race(void **state)
{
	struct sysroot sr;
	pthread_t thread;
	(void)state;

	open_root(&sr, false);
	renaming = 1;
	assert_int_equal(pthread_create(&thread, NULL, rename_loop, outside), 0);
	for (int i = 0; i < 20000; i++) {
		char *buf = NULL;

		assert_int_equal(sr_read_line(&sr,
					      "/sys/bus/pci/devices/0000:00:02.0/vendor",
					      &buf),
				 0);
		free(buf);
	}
	renaming = 0;
	pthread_join(thread, NULL);
	sr_done(&sr);
}

static void test_resolve_real(void **state)
{
	struct sysroot sr;
	char *real = NULL, *want;
	char rroot[PATH_MAX];
	int fd;
	(void)state;

	assert_non_null(realpath(root, rroot));
	open_root(&sr, false);
	assert_string_equal(sr.real, rroot);
	fd = sr_resolve(&sr, "/sys/bus/pci/devices/0000:00:03.0", O_PATH | O_DIRECTORY,
			&real);
	assert_true(fd >= 0);
	close(fd);
	want = NULL;
	assert_true(asprintf(&want, "%s/sys/devices/pci0000:00/0000:00:02.0", rroot) > 0);
	assert_string_equal(real, want);
	free(real);
	free(want);
	fd = sr_resolve(&sr, "/", O_PATH | O_DIRECTORY, &real);
	assert_true(fd >= 0);
	close(fd);
	assert_string_equal(real, rroot);
	free(real);
	real = NULL;
	assert_int_equal(
		sr_resolve(&sr, "/sys/bus/pci/devices/0000:00:04.0", O_PATH, &real),
		-ENOENT);
	assert_null(real);
	sr_done(&sr);
}

static void test_strerror(void **state)
{
	(void)state;
	assert_string_equal(sr_strerror(-SR_ENOTREG), "not a regular file");
	assert_string_equal(sr_strerror(SR_ENOTREG), "not a regular file");
	assert_string_equal(sr_strerror(-ENOENT), strerror(ENOENT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fifo),
		cmocka_unit_test(test_directory),
		cmocka_unit_test(test_char_device),
		cmocka_unit_test(test_write_refused),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_gz_bounds),
		cmocka_unit_test(test_symlinks_stay_inside),
		cmocka_unit_test(test_resolve_real),
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_rename_race),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
