// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "parse-maps.h"

static int vmflags(const char *s, bool *io)
{
	return parse_smaps_vmflags(s, strlen(s), io);
}

static void test_vmflags(void **state)
{
	bool io = true;

	(void)state;
	assert_int_equal(vmflags("VmFlags: rd mr mw me ac sd ", &io), 0);
	assert_false(io);
	assert_int_equal(vmflags("VmFlags: rd wr sh mr mw me ms io pf dd sd ", &io), 0);
	assert_true(io);
	assert_int_equal(vmflags("VmFlags: rd sh pf", &io), 0); /* last, no space */
	assert_true(io);
	assert_int_equal(vmflags("VmFlags: io", &io), 0);
	assert_true(io);
	assert_int_equal(vmflags("VmFlags:", &io), 0);
	assert_false(io);
	/* whole words only */
	assert_int_equal(vmflags("VmFlags: iox pfx xio xpf i o p f", &io), 0);
	assert_false(io);
	assert_int_equal(vmflags("VmFlags:io", &io), 0); /* the word starts the value */
	assert_true(io);
}

static void test_not_vmflags(void **state)
{
	bool io = true;

	(void)state;
	assert_int_equal(vmflags("Size:                  4 kB", &io), -EINVAL);
	assert_int_equal(vmflags("VmFlag: io", &io), -EINVAL);
	assert_int_equal(vmflags("", &io), -EINVAL);
	assert_true(io); /* untouched */
	assert_int_equal(parse_smaps_vmflags("VmFlags: io", 7, &io), -EINVAL);
}

static void test_bounds(void **state)
{
	const char s[] = "VmFlags: rd iox";
	bool io;

	(void)state;
	/* "io" at the buffer's end is a whole word there */
	assert_int_equal(parse_smaps_vmflags(s, strlen(s) - 1, &io), 0);
	assert_true(io);
	assert_int_equal(parse_smaps_vmflags(s, strlen(s) - 2, &io), 0);
	assert_false(io);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vmflags),
		cmocka_unit_test(test_not_vmflags),
		cmocka_unit_test(test_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
