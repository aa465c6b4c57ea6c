// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "parse-iomem.h"

static const char sample[] = "00000000-00000fff : Reserved\n"
			     "00100000-bfffffff : System RAM\n"
			     "  01000000-0220bb07 : Kernel code\n"
			     "4000000000-7fffffffff : PCI Bus 0000:00\n"
			     "  4000000000-400007ffff : 0000:00:01.0\n"
			     "    4000000000-400007ffff : virtio-pci-modern\n"
			     "  4000080000-40000fffff : 0000:00:02.0\n"
			     "febc0000-febdffff : 0000:00:03.0\n"
			     "  febc0000-febdffff : e1000\n";

static void test_nesting(void **state)
{
	(void)state;
	struct iomem io;
	unsigned bad = 7;
	int e, c;

	assert_int_equal(parse_iomem(sample, strlen(sample), &io, &bad, NULL), 0);
	assert_int_equal(bad, 0);
	assert_int_equal(io.n, 9);
	assert_false(io.redacted);
	assert_int_equal(io.entries[2].depth, 1);
	assert_int_equal(io.entries[2].parent, 1);
	assert_int_equal(io.entries[5].depth, 2);
	assert_string_equal(io.entries[5].name, "virtio-pci-modern");

	e = iomem_find_named(&io, 0x4000000000ULL, 0x400007ffffULL, "0000:00:01.0");
	assert_int_equal(e, 4);
	c = iomem_first_child(&io, e);
	assert_int_equal(c, 5);
	/* a BAR entry without a child is unclaimed */
	e = iomem_find_named(&io, 0x4000080000ULL, 0x40000fffffULL, "0000:00:02.0");
	assert_int_equal(e, 6);
	assert_int_equal(iomem_first_child(&io, e), -1);
	/* the deepest entry containing a range */
	assert_int_equal(iomem_find(&io, 0x4000001000ULL, 0x4000001fffULL), 5);
	assert_int_equal(iomem_find(&io, 0x2000000ULL, 0x2000fffULL), 2);
	assert_int_equal(iomem_find(&io, 0xc0000000ULL, 0xc0000fffULL), -1);
	iomem_done(&io);
}

static void test_redacted(void **state)
{
	(void)state;
	const char s[] = "00000000-00000000 : Reserved\n"
			 "00000000-00000000 : System RAM\n"
			 "  00000000-00000000 : Kernel code\n";
	struct iomem io;

	assert_int_equal(parse_iomem(s, strlen(s), &io, NULL, NULL), 0);
	assert_true(io.redacted);
	iomem_done(&io);
}

static void test_malformed_lines_skipped(void **state)
{
	(void)state;
	const char s[] = "00000000-00000fff : Reserved\n"
			 "garbage\n"
			 "0000zzzz-00000fff : Bad hex\n"
			 "00002000-00001fff : end before start\n"
			 "      00003000-00003fff : too deep\n"
			 "00004000-00004fff :\n"
			 "00005000-00005fff : Good\n"
			 "00006000-00006fff : no newline";
	struct iomem io;
	struct parse_err e = { 0 };
	unsigned bad = 0;

	assert_int_equal(parse_iomem(s, strlen(s), &io, &bad, &e), 0);
	assert_int_equal(bad, 5);
	assert_int_equal(e.line, 2);
	assert_int_equal(io.n, 3);
	assert_string_equal(io.entries[1].name, "Good");
	assert_string_equal(io.entries[2].name, "no newline");
	iomem_done(&io);
}

static void test_not_nul_terminated(void **state)
{
	(void)state;
	const char s[] = "00001000-00001fff : A\n00002000-00002fff : BBBB";
	struct iomem io;

	/* cut inside the second name: it must not read past len */
	assert_int_equal(parse_iomem(s, strlen(s) - 2, &io, NULL, NULL), 0);
	assert_int_equal(io.n, 2);
	assert_string_equal(io.entries[1].name, "BB");
	iomem_done(&io);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_redacted),
		cmocka_unit_test(test_malformed_lines_skipped),
		cmocka_unit_test(test_not_nul_terminated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
