// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "parse-mountinfo.h"

static int parse(const char *s, struct mountinfo_line *m)
{
	return parse_mountinfo_line(s, strlen(s), m, NULL);
}

static void assert_field(const char *f, size_t n, const char *want)
{
	assert_int_equal(n, strlen(want));
	assert_memory_equal(f, want, n);
}

static void test_basic(void **state)
{
	(void)state;
	struct mountinfo_line m;

	assert_int_equal(parse("23 27 0:22 / /sys rw,relatime - sysfs sysfs rw", &m), 0);
	assert_int_equal(m.mount_id, 23);
	assert_int_equal(m.parent_id, 27);
	assert_int_equal(m.dev_major, 0);
	assert_int_equal(m.dev_minor, 22); /* decimal, unlike maps */
	assert_field(m.root, m.rootlen, "/");
	assert_field(m.mountpoint, m.mountpointlen, "/sys");
	assert_field(m.fstype, m.fstypelen, "sysfs");
	assert_field(m.source, m.sourcelen, "sysfs");
	assert_true(mountinfo_field_is(m.fstype, m.fstypelen, "sysfs"));
	assert_false(mountinfo_field_is(m.fstype, m.fstypelen, "sysf"));
	assert_false(mountinfo_field_is(m.fstype, m.fstypelen, "sysfss"));
}

static void test_optional_fields(void **state)
{
	(void)state;
	struct mountinfo_line m;

	assert_int_equal(
		parse("36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 shared:7 - ext3 "
		      "/dev/root rw,errors=continue",
		      &m),
		0);
	assert_int_equal(m.dev_major, 98);
	assert_field(m.root, m.rootlen, "/mnt1");
	assert_field(m.mountpoint, m.mountpointlen, "/mnt2");
	assert_field(m.fstype, m.fstypelen, "ext3");
	assert_field(m.source, m.sourcelen, "/dev/root");
}

static void test_escapes(void **state)
{
	(void)state;
	struct mountinfo_line m;
	char out[64];

	/* a devtmpfs bind mount of one node, with a space in the mount point */
	assert_int_equal(
		parse("812 800 0:6 /mem /srv/my\\040dev/mem rw,nosuid - devtmpfs "
		      "udev rw,size=1k",
		      &m),
		0);
	assert_int_equal(
		mountinfo_unescape(m.mountpoint, m.mountpointlen, out, sizeof(out)),
		strlen("/srv/my dev/mem"));
	assert_string_equal(out, "/srv/my dev/mem");
	mountinfo_unescape(m.root, m.rootlen, out, sizeof(out));
	assert_string_equal(out, "/mem");
	assert_int_equal(parse("1 0 0:5 / /a\\012b rw - tmpfs x\\134y rw", &m), 0);
	mountinfo_unescape(m.mountpoint, m.mountpointlen, out, sizeof(out));
	assert_string_equal(out, "/a\nb");
	mountinfo_unescape(m.source, m.sourcelen, out, sizeof(out));
	assert_string_equal(out, "x\\y");
}

static void test_large_numbers(void **state)
{
	(void)state;
	struct mountinfo_line m;

	assert_int_equal(parse("4294967295 1 4095:1048575 / / rw - ext4 /dev/x rw", &m),
			 0);
	assert_int_equal(m.mount_id, 4294967295u);
	assert_int_equal(m.dev_major, 4095);
	assert_int_equal(m.dev_minor, 1048575);
	assert_int_equal(parse("4294967296 1 0:1 / / rw - ext4 /dev/x rw", &m), -EINVAL);
}

static void test_missing_source(void **state)
{
	(void)state;
	struct mountinfo_line m;

	assert_int_equal(parse("30 1 0:40 / /x rw - fuse.foo", &m), 0);
	assert_field(m.fstype, m.fstypelen, "fuse.foo");
	assert_null(m.source);
}

static void test_malformed(void **state)
{
	(void)state;
	struct mountinfo_line m;
	struct parse_err e = {};
	static const char *const bad[] = {
		"",
		"garbage",
		"23 27 0:22 / /sys rw,relatime sysfs sysfs rw", /* no separator */
		"23 27 0:22 / /sys rw,relatime -",		/* no fstype */
		"23 27 022 / /sys rw - sysfs sysfs rw",		/* no colon */
		"23 27 0:x / /sys rw - sysfs sysfs rw",
		"x 27 0:22 / /sys rw - sysfs sysfs rw",
		"23 27 0:22 /",
		"23  27 0:22 / /sys rw - sysfs sysfs rw",
		"23 27 :22 / /sys rw - sysfs sysfs rw",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse_mountinfo_line(bad[i], strlen(bad[i]), &m, &e),
				 -EINVAL);
		assert_non_null(e.msg);
	}
}

static void test_truncated_prefixes(void **state)
{
	(void)state;
	const char *full = "23 27 0:22 / /sys rw,relatime - sysfs sysfs rw";
	size_t sep = strlen("23 27 0:22 / /sys rw,relatime - ");
	struct mountinfo_line m;

	for (size_t n = 0; n <= strlen(full); n++) {
		int r = parse_mountinfo_line(full, n, &m, NULL);

		if (n <= sep)
			assert_int_equal(r, -EINVAL);
		else
			assert_int_equal(r, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_optional_fields),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_large_numbers),
		cmocka_unit_test(test_missing_source),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_truncated_prefixes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
