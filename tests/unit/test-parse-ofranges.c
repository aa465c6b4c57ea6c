// SPDX-License-Identifier: GPL-2.0-or-later
/* The device-tree "ranges" of a PCI host bridge, as qemu's pseries PHB 0 has it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "parse-ofranges.h"

/* I/O: bus 0 at CPU 0x200000000000, 64 KiB; mem32: bus 0x80000000 at 0x200080000000,
 * 2 GiB; mem64: bus 0x210000000000 at 0x210000000000, 1 TiB (3 + 2 + 2 cells each) */
static const unsigned char pseries[] = {
	0x01, 0, 0,    0, 0, 0,	   0,	 0, 0,	  0, 0,	   0, /* I/O, bus 0 */
	0,    0, 0x20, 0, 0, 0,	   0,	 0,		      /* CPU 0x200000000000 */
	0,    0, 0,    0, 0, 0x01, 0,	 0,		      /* 0x10000 */
	0x02, 0, 0,    0, 0, 0,	   0,	 0, 0x80, 0, 0,	   0, 0, 0,
	0x20, 0, 0x80, 0, 0, 0,	   0,	 0, 0,	  0, 0x80, 0, 0, 0,
	0x03, 0, 0,    0, 0, 0,	   0x21, 0, 0,	  0, 0,	   0, 0, 0,
	0x21, 0, 0,    0, 0, 0,	   0,	 0, 0x01, 0, 0,	   0, 0, 0,
};

static void test_pseries(void **state)
{
	struct ofrange r[4];
	size_t n = 0;
	(void)state;

	assert_int_equal(parse_ofranges(pseries, sizeof(pseries), 2, 2, r, 4, &n, NULL),
			 0);
	assert_int_equal(n, 3);
	assert_int_equal(r[0].space, OFRANGE_IO);
	assert_true(r[0].bus == 0 && r[0].cpu == 0x200000000000ULL &&
		    r[0].size == 0x10000);
	assert_int_equal(r[1].space, 2);
	assert_true(r[1].bus == 0x80000000ULL && r[1].cpu == 0x200080000000ULL &&
		    r[1].size == 0x80000000ULL);
	assert_int_equal(r[2].space, 3);
	assert_true(r[2].bus == 0x210000000000ULL && r[2].size == 0x10000000000ULL);
	/* max bounds the output */
	assert_int_equal(parse_ofranges(pseries, sizeof(pseries), 2, 2, r, 1, &n, NULL),
			 0);
	assert_int_equal(n, 1);
}

static void test_bad(void **state)
{
	struct ofrange r[4];
	struct parse_err e = {};
	size_t n = 99;
	unsigned c = 0;
	(void)state;

	/* not a whole number of entries */
	assert_int_equal(parse_ofranges(pseries, sizeof(pseries) - 1, 2, 2, r, 4, &n, &e),
			 -EINVAL);
	assert_non_null(e.msg);
	assert_int_equal(n, 99);
	assert_int_equal(parse_ofranges(pseries, sizeof(pseries), 3, 2, r, 4, &n, NULL),
			 -EINVAL);
	assert_int_equal(parse_ofranges(pseries, sizeof(pseries), 2, 0, r, 4, &n, NULL),
			 -EINVAL);
	/* one-cell parents: 3 + 1 + 2 cells = 24 bytes, 84 is not a multiple */
	assert_int_equal(parse_ofranges(pseries, sizeof(pseries), 1, 2, r, 4, &n, NULL),
			 -EINVAL);
	assert_int_equal(parse_ofranges(pseries, 0, 2, 2, r, 4, &n, NULL), 0);
	assert_int_equal(n, 0);

	assert_int_equal(parse_ofcells((const unsigned char[]){ 0, 0, 0, 2 }, 4, &c), 0);
	assert_int_equal(c, 2);
	assert_int_equal(parse_ofcells((const unsigned char[]){ 0, 0, 0, 3 }, 4, &c),
			 -EINVAL);
	assert_int_equal(parse_ofcells((const unsigned char[]){ 0, 0, 0 }, 3, &c),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pseries),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
