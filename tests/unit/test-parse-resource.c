// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "parse-resource.h"

#define Z "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"

static int parse(const char *s, struct resource_file *rf, struct parse_err *e)
{
	return parse_resource(s, strlen(s), rf, e);
}

static void test_seven_lines(void **state)
{
	(void)state;
	struct resource_file rf;
	const char *s =
		"0x0000004000000000 0x000000400007ffff 0x0000000000140204\n" Z Z Z Z Z Z;

	assert_int_equal(parse(s, &rf, NULL), 0);
	assert_int_equal(rf.nlines, 7);
	assert_int_equal(rf.nbad, 0);
	assert_true(rf.lines[0].valid);
	assert_int_equal(rf.lines[0].start, 0x4000000000ULL);
	assert_int_equal(rf.lines[0].end, 0x400007ffffULL);
	assert_int_equal(rf.lines[0].flags, 0x140204);
	assert_int_equal(rf.lines[6].flags, 0);
}

static void test_line_kinds(void **state)
{
	(void)state;
	enum resource_kind k;
	unsigned sub;

	assert_int_equal(resource_line_kind(7, 6, &k, &sub), 0);
	assert_int_equal(k, RES_ROM);
	assert_int_equal(resource_line_kind(11, 7, &k, &sub), 0); /* bridge, no IOV */
	assert_int_equal(k, RES_WINDOW);
	assert_int_equal(sub, 0);
	assert_int_equal(resource_line_kind(13, 7, &k, &sub), 0); /* device with IOV */
	assert_int_equal(k, RES_IOV);
	assert_int_equal(sub, 0);
	assert_int_equal(resource_line_kind(13, 12, &k, &sub), 0);
	assert_int_equal(k, RES_IOV);
	assert_int_equal(sub, 5);
	assert_int_equal(resource_line_kind(17, 13, &k, &sub), 0); /* bridge with IOV */
	assert_int_equal(k, RES_WINDOW);
	assert_int_equal(sub, 0);
	assert_int_equal(resource_line_kind(17, 16, &k, &sub), 0);
	assert_int_equal(sub, 3);
	assert_int_equal(resource_line_kind(17, 3, &k, &sub), 0);
	assert_int_equal(k, RES_BAR);
	assert_int_equal(sub, 3);
	assert_int_equal(resource_line_kind(9, 0, &k, &sub), -EINVAL);
	assert_int_equal(resource_line_kind(7, 7, &k, &sub), -EINVAL);
}

static void test_seventeen_lines(void **state)
{
	(void)state;
	struct resource_file rf;
	char buf[4096] = "";

	for (int i = 0; i < 17; i++)
		strcat(buf, Z);
	assert_int_equal(parse(buf, &rf, NULL), 0);
	assert_int_equal(rf.nlines, 17);
}

static void test_malformed_line_is_marked(void **state)
{
	(void)state;
	struct resource_file rf;
	struct parse_err e = { 0 };
	const char *s = "0x00000000febc0000 0x00000000febdffff 0x0000000000040200\n"
			"0xfeb00000 garbage\n"
			"0x1 0x0 0x200\n" /* end before start */
		Z Z Z Z;

	assert_int_equal(parse(s, &rf, &e), 0);
	assert_int_equal(rf.nlines, 7);
	assert_int_equal(rf.nbad, 2);
	assert_true(rf.lines[0].valid);
	assert_false(rf.lines[1].valid);
	assert_false(rf.lines[2].valid);
	assert_true(rf.lines[3].valid);
	assert_int_equal(e.line, 2);
	assert_non_null(e.msg);
}

static void test_truncated(void **state)
{
	(void)state;
	struct resource_file rf;
	const char *s =
		"0x00000000febc0000 0x00000000febd"; /* cut mid-line, no newline */

	assert_int_equal(parse(s, &rf, NULL), 0);
	assert_int_equal(rf.nlines, 1);
	assert_int_equal(rf.nbad, 1);
	/* the buffer is not NUL-terminated: the parser must respect len */
	assert_int_equal(parse_resource("0x1 0x2 0x200\nXXXX", 14, &rf, NULL), 0);
	assert_int_equal(rf.nlines, 1);
	assert_int_equal(rf.nbad, 0);
}

static void test_empty_and_huge(void **state)
{
	(void)state;
	struct resource_file rf = { .nlines = 99 };
	struct parse_err e = { 0 };
	char buf[8192] = "";

	assert_int_equal(parse("", &rf, &e), -EINVAL);
	assert_int_equal(rf.nlines, 99); /* untouched on failure */
	for (int i = 0; i < RESOURCE_MAX_LINES + 1; i++)
		strcat(buf, Z);
	assert_int_equal(parse(buf, &rf, &e), -EINVAL);
	/* overflowing numbers */
	assert_int_equal(parse("0x11112222333344445 0x0 0x0\n", &rf, NULL), 0);
	assert_false(rf.lines[0].valid);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seven_lines),
		cmocka_unit_test(test_line_kinds),
		cmocka_unit_test(test_seventeen_lines),
		cmocka_unit_test(test_malformed_line_is_marked),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_empty_and_huge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
