// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parse-maps.h"

static int parse(const char *s, struct maps_line *m)
{
	return parse_maps_line(s, strlen(s), m, NULL);
}

static void assert_name(const struct maps_line *m, const char *want)
{
	assert_non_null(m->name);
	assert_int_equal(m->namelen, strlen(want));
	assert_memory_equal(m->name, want, m->namelen);
}

static void test_sysfs_resource(void **state)
{
	(void)state;
	struct maps_line m;

	assert_int_equal(parse("7f1c2a400000-7f1c2a420000 rw-s febc0000 00:16 11270"
			       "                      "
			       "/sys/devices/pci0000:00/0000:00:03.0/resource0",
			       &m),
			 0);
	assert_true(m.start == 0x7f1c2a400000ULL);
	assert_true(m.end == 0x7f1c2a420000ULL);
	assert_true(m.offset == 0xfebc0000ULL);
	assert_string_equal(m.perms, "rw-s");
	assert_int_equal(m.dev_major, 0);
	assert_int_equal(m.dev_minor, 0x16);
	assert_true(m.inode == 11270);
	assert_false(m.deleted);
	assert_name(&m, "/sys/devices/pci0000:00/0000:00:03.0/resource0");
}

static void test_anonymous(void **state)
{
	(void)state;
	struct maps_line m;

	/* the kernel pads even when no name follows */
	assert_int_equal(parse("7fb20a488000-7fb20a4aa000 rw-p 00000000 00:00 0 ", &m),
			 0);
	assert_null(m.name);
	assert_int_equal(m.namelen, 0);
	assert_int_equal(parse("7fb20a488000-7fb20a4aa000 rw-p 00000000 00:00 0", &m), 0);
	assert_null(m.name);
}

static void test_pseudo_names(void **state)
{
	(void)state;
	struct maps_line m;

	assert_int_equal(parse("7fad70641000-7fad70645000 r--p 00000000 00:00 0"
			       "                          [vvar]",
			       &m),
			 0);
	assert_name(&m, "[vvar]");
	assert_int_equal(parse("7fad70641000-7fad70645000 rw-p 00000000 00:00 0"
			       "                          [anon:my buffer (pinned)]",
			       &m),
			 0);
	assert_name(&m, "[anon:my buffer (pinned)]");
	assert_int_equal(parse("7f0000000000-7f0000100000 rw-s 20000000000 00:10 1053"
			       "                       anon_inode:[vfio-device]",
			       &m),
			 0);
	assert_true(m.offset == 0x20000000000ULL);
	assert_name(&m, "anon_inode:[vfio-device]");
}

static void test_spaces_and_deleted(void **state)
{
	(void)state;
	struct maps_line m;
	char out[128];

	assert_int_equal(parse("55c9043b0000-55c9043b2000 r--p 00000000 fe:00 247134"
			       "   /tmp/a dir/with  two spaces (deleted)",
			       &m),
			 0);
	assert_true(m.deleted);
	assert_name(&m, "/tmp/a dir/with  two spaces");
	assert_int_equal(m.dev_major, 0xfe);

	/* a name that merely contains the suffix text in the middle */
	assert_int_equal(parse("1000-2000 r--p 00000000 fe:00 1 /x (deleted) y", &m), 0);
	assert_false(m.deleted);
	assert_name(&m, "/x (deleted) y");

	/* the padding is not part of the name, so a bare "(deleted)" stays a name */
	assert_int_equal(parse("1000-2000 r--p 00000000 fe:00 1  (deleted)", &m), 0);
	assert_false(m.deleted);
	assert_int_equal(maps_unescape(m.name, m.namelen, out, sizeof(out)), 9);
	assert_string_equal(out, "(deleted)");
}

static void test_escaped_newline(void **state)
{
	(void)state;
	struct maps_line m;
	char out[64], small[16];
	size_t n;

	/* seq_file_path(m, file, "\n") shows a newline as \012 */
	assert_int_equal(parse("1000-2000 rw-s 00000000 fe:00 99 /tmp/evil\\012"
			       "/sys/devices/pci0000:00/0000:00:03.0/resource0",
			       &m),
			 0);
	n = maps_unescape(m.name, m.namelen, out, sizeof(out));
	assert_int_equal(
		n, strlen("/tmp/evil\n/sys/devices/pci0000:00/0000:00:03.0/resource0"));
	assert_string_equal(out,
			    "/tmp/evil\n/sys/devices/pci0000:00/0000:00:03.0/resource0");
	/* the full length is returned even when the buffer is too small */
	n = maps_unescape(m.name, m.namelen, small, sizeof(small));
	assert_int_equal(
		n, strlen("/tmp/evil\n/sys/devices/pci0000:00/0000:00:03.0/resource0"));
	assert_memory_equal(small, "/tmp/evil\n/sys/", sizeof(small) - 1);
	assert_int_equal(small[sizeof(small) - 1], '\0'); /* truncated, terminated */

	n = maps_unescape("a\\134b\\040c\\0", 13, out, sizeof(out));
	assert_string_equal(out, "a\\b c\\0"); /* incomplete escape kept as is */
	assert_int_equal(n, 7);
	n = maps_unescape("\\999", 4, out, sizeof(out));
	assert_string_equal(out, "\\999");
	(void)n;
}

static void test_64bit(void **state)
{
	(void)state;
	struct maps_line m;

	assert_int_equal(parse("ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0"
			       "                  [vsyscall]",
			       &m),
			 0);
	assert_true(m.start == 0xffffffffff600000ULL);
	assert_string_equal(m.perms, "--xp");
	assert_int_equal(parse("7f0000000000-7f0000001000 rw-s ffffffffffff0000 103:02 "
			       "18446744073709551615 /dev/mem",
			       &m),
			 0);
	assert_true(m.offset == 0xffffffffffff0000ULL);
	assert_true(m.inode == UINT64_MAX);
	assert_int_equal(m.dev_major, 0x103);
	assert_int_equal(m.dev_minor, 2);
	/* 17 hex digits overflow */
	assert_int_equal(
		parse("7f0000000000-7f0000001000 rw-s 1ffffffffffff0000 00:06 3 /dev/mem",
		      &m),
		-EINVAL);
	/* inode overflow */
	assert_int_equal(
		parse("1000-2000 rw-s 0 00:06 18446744073709551616 /dev/mem", &m),
		-EINVAL);
}

static void test_long_line(void **state)
{
	(void)state;
	struct maps_line m;
	size_t len = 8192;
	char *s = malloc(len + 1);
	const char *head = "1000-2000 r--p 00000000 fe:00 5 /";
	uint64_t dev;

	memset(s, 'a', len);
	memcpy(s, head, strlen(head));
	s[len] = '\0';
	assert_int_equal(parse_maps_line(s, len, &m, NULL), 0);
	assert_int_equal(m.namelen, len - strlen(head) + 1);
	assert_int_equal(maps_line_dev(s, len, &dev), 0);
	assert_true(dev == maps_devnum(0xfe, 0));
	free(s);
}

static void test_truncated(void **state)
{
	(void)state;
	const char *full = "7f1c2a400000-7f1c2a420000 rw-s febc0000 00:16 11270 /sys/x";
	struct maps_line m;
	struct parse_err e = {};
	uint64_t dev;

	/* every prefix that stops before the inode is rejected, never read past */
	for (size_t n = 0; n < strlen("7f1c2a400000-7f1c2a420000 rw-s febc0000 00:16 ");
	     n++) {
		char *cut = malloc(n ? n : 1);

		memcpy(cut, full, n);
		assert_int_equal(parse_maps_line(cut, n, &m, &e), -EINVAL);
		assert_non_null(e.msg);
		free(cut);
	}
	/* a prefix that ends inside the inode still parses (no name) */
	assert_int_equal(
		parse_maps_line(
			full, strlen("7f1c2a400000-7f1c2a420000 rw-s febc0000 00:16 112"),
			&m, NULL),
		0);
	assert_true(m.inode == 112);
	assert_int_equal(maps_line_dev(full, 20, &dev), -EINVAL);
	assert_int_equal(
		maps_line_dev(full,
			      strlen("7f1c2a400000-7f1c2a420000 rw-s febc0000 00:16"),
			      &dev),
		-EINVAL);
}

static void test_garbage(void **state)
{
	(void)state;
	struct maps_line m;
	uint64_t dev;
	static const char *const bad[] = {
		"",
		" ",
		"\n",
		"hello world",
		"Size:                144 kB",
		"VmFlags: rd mr pf io de dd",
		"1000 2000 rw-s 0 00:06 3 /dev/mem",
		"2000-1000 rw-s 0 00:06 3 /dev/mem",	/* end before start */
		"1000-2000 rwxsq 0 00:06 3 /dev/mem",	/* long perms */
		"1000-2000 rw-x 0 00:06 3 /dev/mem",	/* 4th perm must be s or p */
		"1000-2000 rw-s 0 0006 3 /dev/mem",	/* no colon */
		"1000-2000 rw-s 0 00:06 x3 /dev/mem",	/* inode */
		"1000-2000 rw-s 0x10 00:06 3 /dev/mem", /* no 0x in maps */
		"1000-2000 rw-s  0 00:06 3 /dev/mem",	/* double space */
		"-2000 rw-s 0 00:06 3 /dev/mem",
		"1000-2000 rw-s 0 :06 3 /dev/mem",
		"1000-2000 rw-s 0 00: 3 /dev/mem",
		"1000-2000 rw-s 0 123456789:0 3 /dev/mem",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse_maps_line(bad[i], strlen(bad[i]), &m, NULL),
				 -EINVAL);
	}
	assert_int_equal(maps_line_dev("hello world", 11, &dev), -EINVAL);
	assert_int_equal(maps_line_dev("a b c d", 7, &dev), -EINVAL);
	assert_int_equal(maps_line_dev("a b c 1:2", 9, &dev),
			 -EINVAL); /* no space after */
	assert_int_equal(maps_line_dev("a b c 1:2 ", 10, &dev), 0);
	assert_true(dev == maps_devnum(1, 2));
	assert_int_equal(maps_line_dev("a b c 1:2:3 ", 12, &dev), -EINVAL);
}

static void test_dev_fast_path_agrees(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"7f1c2a400000-7f1c2a420000 rw-s febc0000 00:16 11270 /sys/x",
		"1000-2000 r--p 00000000 fe:00 5 /usr/bin/cat",
		"1000-2000 r--p 00000000 103:02 5 /usr/bin/cat",
		"1000-2000 r--p 00000000 fff:fffff 5 /x",
	};

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		struct maps_line m;
		uint64_t dev;

		assert_int_equal(parse_maps_line(lines[i], strlen(lines[i]), &m, NULL),
				 0);
		assert_int_equal(maps_line_dev(lines[i], strlen(lines[i]), &dev), 0);
		assert_true(dev == maps_devnum(m.dev_major, m.dev_minor));
	}
}

static void test_not_nul_terminated(void **state)
{
	(void)state;
	const char s[] =
		"1000-2000 rw-s febc0000 00:16 11270 /sys/devices/x/resource0XXXX";
	struct maps_line m;

	assert_int_equal(parse_maps_line(s, strlen(s) - 4, &m, NULL), 0);
	assert_name(&m, "/sys/devices/x/resource0");
}

static void test_smaps_header(void **state)
{
	(void)state;
	assert_true(maps_is_header("1000-2000 r--p", 14));
	assert_true(maps_is_header("ffffffffff600000-ffffffffff601000 --xp", 38));
	assert_false(maps_is_header("Size:    4 kB", 13));
	assert_false(maps_is_header("Anonymous:  0 kB", 16));
	assert_false(maps_is_header("VmFlags: rd", 11));
	assert_false(maps_is_header("", 0));
	assert_false(maps_is_header("abc", 3));
	assert_false(maps_is_header("-abc", 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sysfs_resource),
		cmocka_unit_test(test_anonymous),
		cmocka_unit_test(test_pseudo_names),
		cmocka_unit_test(test_spaces_and_deleted),
		cmocka_unit_test(test_escaped_newline),
		cmocka_unit_test(test_64bit),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_dev_fast_path_agrees),
		cmocka_unit_test(test_not_nul_terminated),
		cmocka_unit_test(test_smaps_header),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
