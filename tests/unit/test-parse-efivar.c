// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parse-efivar.h"

/* EFI_VARIABLE_NON_VOLATILE | BOOTSERVICE_ACCESS | RUNTIME_ACCESS, little-endian */
#define ATTRS "\x07\x00\x00\x00"

/* A heap copy of exactly n bytes, so that reading past the end is caught. */
static char *dup_n(const char *s, size_t n)
{
	char *buf = malloc(n ? n : 1);

	assert_non_null(buf);
	memcpy(buf, s, n);
	return buf;
}

static int sb(const char *s, size_t n, bool *on)
{
	char *buf = dup_n(s, n);
	int r = parse_efivar_secure_boot(buf, n, on, NULL);

	free(buf);
	return r;
}

static void test_efivar(void **state)
{
	struct efivar v;
	char *buf;
	(void)state;

	buf = dup_n(ATTRS "\x01\x02", 6);
	assert_int_equal(parse_efivar(buf, 6, &v, NULL), 0);
	assert_int_equal(v.len, 2);
	assert_ptr_equal(v.data, (const unsigned char *)buf + 4);
	assert_int_equal(v.data[0], 1);
	assert_int_equal(v.data[1], 2);
	free(buf);

	buf = dup_n(ATTRS, 4);
	assert_int_equal(parse_efivar(buf, 4, &v, NULL), 0);
	assert_int_equal(v.len, 0);
	free(buf);
}

static void test_secure_boot(void **state)
{
	bool on = false;
	(void)state;

	assert_int_equal(sb(ATTRS "\x01", 5, &on), 0);
	assert_true(on);
	assert_int_equal(sb(ATTRS "\x00", 5, &on), 0);
	assert_false(on);
	/* only 1 is "enabled"; what follows the byte is ignored */
	assert_int_equal(sb(ATTRS "\x02", 5, &on), 0);
	assert_false(on);
	assert_int_equal(sb(ATTRS "\x01\x00\x00", 7, &on), 0);
	assert_true(on);
}

static void test_malformed(void **state)
{
	struct parse_err e = {};
	struct efivar v;
	bool on = true;
	(void)state;

	assert_int_equal(parse_efivar("", 0, &v, &e), -EINVAL);
	assert_non_null(e.msg);
	assert_int_equal(sb(ATTRS, 3, &on), -EINVAL);
	assert_int_equal(sb(ATTRS, 4, &on), -EINVAL); /* attributes but no value */
	assert_true(on);			      /* *ret untouched on failure */
	e.msg = NULL;
	assert_int_equal(parse_efivar_secure_boot(ATTRS, 4, &on, &e), -EINVAL);
	assert_non_null(e.msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_efivar),
		cmocka_unit_test(test_secure_boot),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
