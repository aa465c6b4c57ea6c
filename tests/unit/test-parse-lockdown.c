// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "parse-lockdown.h"

static int p(const char *s, enum lockdown_level *l)
{
	return parse_lockdown(s, strlen(s), l, NULL);
}

static void test_levels(void **state)
{
	enum lockdown_level l;
	(void)state;

	assert_int_equal(p("[none] integrity confidentiality\n", &l), 0);
	assert_int_equal(l, LOCKDOWN_NONE);
	assert_int_equal(p("none [integrity] confidentiality\n", &l), 0);
	assert_int_equal(l, LOCKDOWN_INTEGRITY);
	assert_int_equal(p("none integrity [confidentiality]", &l), 0);
	assert_int_equal(l, LOCKDOWN_CONFIDENTIALITY);
	/* once raised, lower levels are no longer offered */
	assert_int_equal(p("[integrity] confidentiality\n", &l), 0);
	assert_int_equal(l, LOCKDOWN_INTEGRITY);
	assert_int_equal(p("[confidentiality]\n", &l), 0);
	assert_int_equal(l, LOCKDOWN_CONFIDENTIALITY);
	assert_string_equal(lockdown_level_name(LOCKDOWN_INTEGRITY), "integrity");
	assert_string_equal(lockdown_level_name(LOCKDOWN_UNKNOWN), "unknown");
}

static void test_malformed(void **state)
{
	enum lockdown_level l = LOCKDOWN_UNKNOWN;
	struct parse_err e = {};
	(void)state;

	assert_int_equal(parse_lockdown("", 0, &l, &e), -EINVAL);
	assert_int_equal(p("none integrity confidentiality\n", &l), -EINVAL);
	assert_int_equal(p("[none] [integrity]\n", &l), -EINVAL);
	assert_int_equal(p("none [bogus] integrity\n", &l), -EINVAL);
	assert_int_equal(p("[]\n", &l), -EINVAL);
	assert_int_equal(p("[integrity\n", &l), -EINVAL);
	assert_int_equal(p("none\n[integrity]\n", &l), -EINVAL);
	assert_int_equal(l, LOCKDOWN_UNKNOWN); /* *ret untouched on failure */
	/* truncated: the bracket is cut off */
	assert_int_equal(parse_lockdown("none [integrity]", 15, &l, &e), -EINVAL);
	assert_non_null(e.msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
