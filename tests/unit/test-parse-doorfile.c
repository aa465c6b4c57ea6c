// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parse-doorfile.h"

/* Parse from a heap copy without the NUL, so that reading past the end is caught. */
static int res(const char *s, unsigned *bar)
{
	size_t n = strlen(s);
	char *buf = malloc(n ? n : 1);
	int r;

	assert_non_null(buf);
	memcpy(buf, s, n);
	r = parse_resource_name(buf, n, bar, NULL);
	free(buf);
	return r;
}

static int uio(const char *s)
{
	size_t n = strlen(s);
	char *buf = malloc(n ? n : 1);
	int r;

	assert_non_null(buf);
	memcpy(buf, s, n);
	r = parse_uio_name(buf, n, NULL);
	free(buf);
	return r;
}

static void test_resource(void **state)
{
	unsigned bar = 99;
	(void)state;

	assert_int_equal(res("resource0", &bar), 0);
	assert_int_equal(bar, 0);
	assert_int_equal(res("resource5", &bar), 0);
	assert_int_equal(bar, 5);
	assert_int_equal(res("resource2_wc", &bar), 0);
	assert_int_equal(bar, 2);
	assert_int_equal(res("resource1_dense", &bar), 0);
	assert_int_equal(res("resource1_sparse", &bar), 0);
	assert_int_equal(bar, 1);
	/* a NUL ends the name */
	assert_int_equal(parse_resource_name("resource3\0x", 11, &bar, NULL), 0);
	assert_int_equal(bar, 3);

	bar = 99;
	assert_int_equal(res("resource", &bar), -EINVAL);
	assert_int_equal(res("resource6", &bar), -EINVAL); /* the ROM */
	assert_int_equal(res("resource7", &bar), -EINVAL); /* IOV */
	assert_int_equal(res("resource10", &bar), -EINVAL);
	assert_int_equal(res("resource0x", &bar), -EINVAL);
	assert_int_equal(res("rom", &bar), -EINVAL);
	assert_int_equal(res("", &bar), -EINVAL);
	assert_int_equal(res("Resource0", &bar), -EINVAL);
	assert_int_equal(bar, 99); /* *ret untouched on failure */
	/* len cuts the name */
	assert_int_equal(parse_resource_name("resource0", 8, &bar, NULL), -EINVAL);
	assert_int_equal(parse_resource_name("resource0x", 9, &bar, NULL), 0);
}

static void test_uio(void **state)
{
	struct parse_err e = {};
	(void)state;

	assert_int_equal(uio("uio0"), 0);
	assert_int_equal(uio("uio12"), 0);
	assert_int_equal(uio("uio"), -EINVAL);
	assert_int_equal(uio("uiox"), -EINVAL);
	assert_int_equal(uio("vfio0"), -EINVAL);
	assert_int_equal(uio(""), -EINVAL);
	assert_int_equal(parse_uio_name("uio0", 3, &e), -EINVAL);
	assert_non_null(e.msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resource),
		cmocka_unit_test(test_uio),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
