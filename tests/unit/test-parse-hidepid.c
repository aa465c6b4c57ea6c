// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "parse-mountinfo.h"

#define SYS                                                                              \
	"22 28 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw\n"
#define ROOT "28 1 253:0 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n"

static bool hides(const char *s)
{
	bool ret = !strlen(s); /* a wrong default must show */

	assert_int_equal(parse_mountinfo_hidepid(s, strlen(s), &ret), 0);
	return ret;
}

static void test_hidepid(void **state)
{
	(void)state;
	assert_false(hides(""));
	assert_false(hides(
		SYS ROOT "23 28 0:22 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - "
			 "proc proc rw\n"));
	assert_true(hides(SYS ROOT "23 28 0:22 / /proc rw,relatime shared:12 - proc proc "
				   "rw,hidepid=2\n"));
	assert_true(hides("23 28 0:22 / /proc rw,relatime - proc proc "
			  "rw,gid=27,hidepid=invisible,subset=pid"));
	/* hidepid=1 and hidepid=noaccess still list every process */
	assert_false(hides("23 28 0:22 / /proc rw - proc proc rw,hidepid=1\n"));
	assert_false(hides("23 28 0:22 / /proc rw - proc proc rw,hidepid=noaccess\n"));
}

static void test_not_the_proc_mount(void **state)
{
	(void)state;
	/* another mount point, another file system type, the options of the mount point
	 */
	assert_false(hides("40 28 0:40 / /run/proc rw - proc proc rw,hidepid=2\n"));
	assert_false(hides("41 28 0:41 / /proc rw - tmpfs proc rw,hidepid=2\n"));
	assert_false(hides("23 28 0:22 / /proc rw,hidepid=2 - proc proc rw\n"));
	/* a line that does not parse is skipped, the next one still counts */
	assert_true(hides("garbage hidepid=2\n"
			  "23 28 0:22 / /proc rw - proc proc rw,hidepid=2\n"));
	/* no source: the options would follow it; nothing to find */
	assert_false(hides("23 28 0:22 / /proc rw - proc"));
}

static void test_bounds(void **state)
{
	const char s[] = "23 28 0:22 / /proc rw - proc proc rw,hidepid=2\n";
	bool ret = true;

	(void)state;
	/* the option cut short by the buffer's end */
	assert_int_equal(parse_mountinfo_hidepid(s, strlen(s) - 2, &ret), 0);
	assert_false(ret);
	assert_int_equal(parse_mountinfo_hidepid(s, strlen(s) - 1, &ret), 0);
	assert_true(ret);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hidepid),
		cmocka_unit_test(test_not_the_proc_mount),
		cmocka_unit_test(test_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
