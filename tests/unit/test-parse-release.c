// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parse-release.h"

/* Parse s from a heap copy without the NUL, so that reading past the end is caught. */
static int p(const char *s, struct kernel_release *k)
{
	size_t n = strlen(s);
	char *buf = malloc(n ? n : 1);
	int r;

	assert_non_null(buf);
	memcpy(buf, s, n);
	r = parse_release(buf, n, k, NULL);
	free(buf);
	return r;
}

static void test_releases(void **state)
{
	struct kernel_release k;
	(void)state;

	assert_int_equal(p("6.1.0-27-amd64", &k), 0);
	assert_true(k.major == 6 && k.minor == 1 && k.patch == 0 && k.rc == 0);
	assert_int_equal(p("5.14.0-rc6", &k), 0);
	assert_true(k.major == 5 && k.minor == 14 && k.patch == 0 && k.rc == 6);
	assert_int_equal(p("5.14-rc7+", &k), 0);
	assert_true(k.major == 5 && k.minor == 14 && k.patch == 0 && k.rc == 7);
	assert_int_equal(p("6.18.44-fc-v445", &k), 0);
	assert_true(k.major == 6 && k.minor == 18 && k.patch == 44 && k.rc == 0);
	assert_int_equal(p("4.19", &k), 0);
	assert_true(k.major == 4 && k.minor == 19 && k.patch == 0 && k.rc == 0);
	assert_int_equal(p("6.12.57+deb13-amd64", &k), 0);
	assert_true(k.major == 6 && k.minor == 12 && k.patch == 57 && k.rc == 0);
	/* an unreadable patch or rc number reads as 0, the rest stands */
	assert_int_equal(p("6.1.x", &k), 0);
	assert_true(k.major == 6 && k.minor == 1 && k.patch == 0);
	assert_int_equal(p("6.1.9999999", &k), 0);
	assert_true(k.major == 6 && k.minor == 1 && k.patch == 0);
	assert_int_equal(p("6.1-rc", &k), 0);
	assert_true(k.rc == 0);
	assert_int_equal(p("6.1-r", &k), 0);
	assert_true(k.rc == 0);
	/* the rc may come after anything a distribution appends */
	assert_int_equal(p("6.1.0-foo-rc3", &k), 0);
	assert_true(k.rc == 3);
}

static void test_malformed(void **state)
{
	struct kernel_release k = { 1, 2, 3, 4 };
	struct parse_err e = {};
	(void)state;

	assert_int_equal(p("", &k), -EINVAL);
	assert_int_equal(p("6", &k), -EINVAL);
	assert_int_equal(p("6.", &k), -EINVAL);
	assert_int_equal(p("x.1", &k), -EINVAL);
	assert_int_equal(p("6.x", &k), -EINVAL);
	assert_int_equal(p("0.9", &k), -EINVAL);
	assert_int_equal(p("99999999999.1", &k), -EINVAL);
	assert_int_equal(p("6.100001", &k), -EINVAL);
	assert_int_equal(p(" 6.1", &k), -EINVAL);
	/* *ret untouched on failure */
	assert_true(k.major == 1 && k.minor == 2 && k.patch == 3 && k.rc == 4);
	assert_int_equal(parse_release("6.1", 0, &k, &e), -EINVAL);
	assert_non_null(e.msg);
}

static void test_bounds(void **state)
{
	struct kernel_release k;
	(void)state;

	/* len cuts the buffer: nothing after it counts */
	assert_int_equal(parse_release("6.1.5-rc2", 3, &k, NULL), 0);
	assert_true(k.major == 6 && k.minor == 1 && k.patch == 0 && k.rc == 0);
	assert_int_equal(parse_release("6.1.5-rc2", 2, &k, NULL), -EINVAL);
	assert_int_equal(parse_release("6.1.5-rc2", 8, &k, NULL), 0);
	assert_true(k.patch == 5 && k.rc == 0);
	/* so does a NUL */
	assert_int_equal(parse_release("6.1\0-rc2", 8, &k, NULL), 0);
	assert_true(k.major == 6 && k.minor == 1 && k.rc == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_releases),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
