// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "parse-proc.h"

static int uid(const char *s, uid_t *real, uid_t *eff)
{
	return parse_status_uid(s, strlen(s), real, eff);
}

static void test_status_uid(void **state)
{
	uid_t real = 7, eff = 7;

	(void)state;
	assert_int_equal(uid("Name:\tbar-wc\nUmask:\t0022\nState:\tS (sleeping)\n"
			     "Uid:\t1000\t0\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\n",
			     &real, &eff),
			 0);
	assert_int_equal(real, 1000);
	assert_int_equal(eff, 0);
	/* the last line, without its newline; spaces as separators */
	assert_int_equal(uid("Name:\tx\nUid: 5 4294967295", &real, &eff), 0);
	assert_int_equal(real, 5);
	assert_int_equal(eff, 4294967295u);
	/* only the line's start counts */
	assert_int_equal(uid("Name:\tUid: 1 2\nGid:\t3\t3\t3\t3\n", &real, &eff),
			 -ENOENT);
	assert_int_equal(uid("", &real, &eff), -ENOENT);
	assert_int_equal(uid("Uid:\n", &real, &eff), -EINVAL);
	assert_int_equal(uid("Uid:\t12\n", &real, &eff), -EINVAL);
	assert_int_equal(uid("Uid:\t12x\t3\n", &real, &eff), -EINVAL);
	assert_int_equal(uid("Uid:\t-1\t3\n", &real, &eff), -EINVAL);
	assert_int_equal(uid("Uid:\t1\t4294967296\n", &real, &eff), -ERANGE);
	assert_int_equal(uid("Uid:\t99999999999999999999999\t1\n", &real, &eff), -ERANGE);
	assert_int_equal(real, 5); /* untouched on failure */
}

static void test_status_uid_bounds(void **state)
{
	const char s[] = "Uid:\t1000\t2000\t0\t0\n";
	uid_t real, eff;

	(void)state;
	/* cut inside the second number: it ends at the buffer's end */
	assert_int_equal(parse_status_uid(s, strlen("Uid:\t1000\t20"), &real, &eff), 0);
	assert_int_equal(eff, 20);
	assert_int_equal(parse_status_uid(s, strlen("Uid:\t1000\t"), &real, &eff),
			 -EINVAL);
}

static int slot(const char *s, char *out, size_t size)
{
	return parse_fdinfo_vfio_slot(s, strlen(s), out, size);
}

static void test_fdinfo_slot(void **state)
{
	char buf[24];

	(void)state;
	assert_int_equal(
		slot("pos:\t0\nflags:\t02000002\nmnt_id:\t15\nino:\t1053\n"
		     "vfio-device-syspath: /sys/devices/pci0000:00/0000:00:04.0\n",
		     buf, sizeof(buf)),
		0);
	assert_string_equal(buf, "0000:00:04.0");
	/* tabs, trailing slashes, no newline at the end */
	assert_int_equal(
		slot("vfio-device-syspath:\t/sys/devices/pci0000:00/0000:00:05.1//", buf,
		     sizeof(buf)),
		0);
	assert_string_equal(buf, "0000:00:05.1");
	/* a value without a slash is its own last component */
	assert_int_equal(
		slot("vfio-device-syspath: 0000:01:00.0\npos:\t0\n", buf, sizeof(buf)),
		0);
	assert_string_equal(buf, "0000:01:00.0");
	assert_int_equal(slot("pos:\t0\nflags:\t02\n", buf, sizeof(buf)), -ENOENT);
	assert_int_equal(slot("vfio-device-syspath: \n", buf, sizeof(buf)), -EINVAL);
	assert_int_equal(slot("vfio-device-syspath: ///\n", buf, sizeof(buf)), -EINVAL);
	assert_int_equal(slot("vfio-device-syspath: /a/0000:00:04.0\n", buf, 12),
			 -ENAMETOOLONG);
	assert_int_equal(slot("vfio-device-syspath: /a/0000:00:04.0\n", buf, 13), 0);
	assert_string_equal(buf, "0000:00:04.0");
	/* a NUL ends the value */
	assert_int_equal(parse_fdinfo_vfio_slot("vfio-device-syspath: /a/b\0/c\n", 30,
						buf, sizeof(buf)),
			 0);
	assert_string_equal(buf, "b");
	assert_int_equal(
		parse_fdinfo_vfio_slot("vfio-device-syspath:\0\0 ", 23, buf, sizeof(buf)),
		-EINVAL);
}

static int ns(const char *s, uint64_t *v)
{
	return parse_ns_link(s, strlen(s), v);
}

static void test_ns_link(void **state)
{
	uint64_t v = 1;

	(void)state;
	assert_int_equal(ns("mnt:[4026531840]", &v), 0);
	assert_int_equal(v, 4026531840u);
	assert_int_equal(ns("mnt:[18446744073709551615]", &v), 0);
	assert_int_equal(v, UINT64_MAX);
	assert_int_equal(ns("mnt:[18446744073709551616]", &v), -ERANGE);
	assert_int_equal(ns("mnt:[]", &v), -EINVAL);
	assert_int_equal(ns("mnt:[12", &v), -EINVAL);
	assert_int_equal(ns("mnt:[12x]", &v), -EINVAL);
	assert_int_equal(ns("mnt:12", &v), -EINVAL);
	assert_int_equal(ns("", &v), -EINVAL);
	assert_int_equal(v, UINT64_MAX);
	/* the buffer ends before the bracket closes */
	assert_int_equal(parse_ns_link("mnt:[77]", 7, &v), -EINVAL);
}

static int group(const char *s, unsigned *g)
{
	return parse_vfio_group_link(s, strlen(s), g);
}

static void test_vfio_group_link(void **state)
{
	unsigned g = 1;

	(void)state;
	assert_int_equal(group("/dev/vfio/12", &g), 0);
	assert_int_equal(g, 12);
	assert_int_equal(group("/dev/vfio/4294967295", &g), 0);
	assert_int_equal(g, 4294967295u);
	assert_int_equal(group("/dev/vfio/4294967296", &g), -ERANGE);
	assert_int_equal(group("/dev/vfio/vfio", &g), -ENOENT);
	assert_int_equal(group("/dev/vfio/devices/vfio0", &g), -ENOENT);
	assert_int_equal(group("/dev/vfio/", &g), -ENOENT);
	assert_int_equal(group("/dev/iommu", &g), -ENOENT);
	assert_int_equal(group("anon_inode:[vfio-device]", &g), -ENOENT);
	assert_int_equal(group("/dev/vfio/12 (deleted)", &g), -EINVAL);
	assert_int_equal(group("/dev/vfio/1x", &g), -EINVAL);
	assert_int_equal(g, 4294967295u);
	assert_int_equal(parse_vfio_group_link("/dev/vfio/345", 12, &g), 0);
	assert_int_equal(g, 34);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_uid),
		cmocka_unit_test(test_status_uid_bounds),
		cmocka_unit_test(test_fdinfo_slot),
		cmocka_unit_test(test_ns_link),
		cmocka_unit_test(test_vfio_group_link),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
