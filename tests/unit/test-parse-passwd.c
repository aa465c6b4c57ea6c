// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "parse-passwd.h"

static const char passwd[] = "root:x:0:0:root:/root:/bin/bash\n"
			     "# a comment line\n"
			     "broken line without fields\n"
			     "odd:x:12a:0::/:/bin/false\n"
			     "big:x:99999999999:0::/:/bin/false\n"
			     "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
			     "holder:x:1000:1000:,,,:/home/holder:/bin/sh\n"
			     "twin:x:1000:1000::/:/bin/sh\n"
			     "last:x:4294967295:0";

static void test_found(void **state)
{
	char name[32];
	(void)state;

	assert_int_equal(passwd_find_uid(passwd, strlen(passwd), 0, name, sizeof(name)),
			 0);
	assert_string_equal(name, "root");
	assert_int_equal(passwd_find_uid(passwd, strlen(passwd), 1, name, sizeof(name)),
			 0);
	assert_string_equal(name, "daemon");
	/* the first line with the uid wins, as getpwuid(3) does */
	assert_int_equal(
		passwd_find_uid(passwd, strlen(passwd), 1000, name, sizeof(name)), 0);
	assert_string_equal(name, "holder");
	/* the last line needs no newline; a uid above 2^32 - 1 is skipped */
	assert_int_equal(
		passwd_find_uid(passwd, strlen(passwd), 4294967295u, name, sizeof(name)),
		0);
	assert_string_equal(name, "last");
}

static void test_not_found(void **state)
{
	char name[32];
	(void)state;

	assert_int_equal(passwd_find_uid(passwd, strlen(passwd), 12, name, sizeof(name)),
			 -ENOENT);
	assert_int_equal(
		passwd_find_uid(passwd, strlen(passwd), 4242, name, sizeof(name)),
		-ENOENT);
	assert_int_equal(passwd_find_uid("", 0, 0, name, sizeof(name)), -ENOENT);
}

static void test_bounds(void **state)
{
	char name[4];
	/* not NUL-terminated: the parser stops at len */
	const char buf[] = { 'a', 'b', ':', 'x', ':', '7', ':' };
	(void)state;

	assert_int_equal(passwd_find_uid(buf, sizeof(buf), 7, name, sizeof(name)), 0);
	assert_string_equal(name, "ab");
	assert_int_equal(passwd_find_uid(buf, sizeof(buf) - 1, 7, name, sizeof(name)),
			 -ENOENT);
	assert_int_equal(passwd_find_uid(passwd, strlen(passwd), 1, name, sizeof(name)),
			 -ENAMETOOLONG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_found),
		cmocka_unit_test(test_not_found),
		cmocka_unit_test(test_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
