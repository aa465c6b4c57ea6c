// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "parse-cmdline.h"

static struct cmdline p(const char *s)
{
	struct cmdline c;

	assert_int_equal(parse_cmdline(s, strlen(s), &c, NULL), 0);
	return c;
}

static void test_default(void **state)
{
	struct cmdline c = p("BOOT_IMAGE=/vmlinuz root=/dev/vda1 ro quiet\n");
	(void)state;

	assert_int_equal(c.iomem, IOMEM_DEFAULT);
	assert_int_equal(c.iomem_count, 0);
	assert_int_equal(c.lockdown, LOCKDOWN_NONE);
	assert_int_equal(c.nparams, 4);
	assert_false(c.init_args);
}

static void test_iomem_rules(void **state)
{
	(void)state;
	assert_int_equal(p("iomem=relaxed").iomem, IOMEM_RELAXED);
	assert_int_equal(p("iomem=strict").iomem, IOMEM_STRICT);
	/* within one value, strict wins (strstr relaxed, then strstr strict) */
	assert_int_equal(p("iomem=strict,relaxed").iomem, IOMEM_STRICT);
	assert_int_equal(p("iomem=relaxedstrict").iomem, IOMEM_STRICT);
	/* strstr: any value containing the word */
	assert_int_equal(p("iomem=notrelaxed").iomem, IOMEM_RELAXED);
	/* the last occurrence wins */
	assert_int_equal(p("iomem=strict iomem=relaxed").iomem, IOMEM_RELAXED);
	assert_int_equal(p("iomem=relaxed quiet iomem=strict").iomem, IOMEM_STRICT);
	/* a value with neither word changes nothing */
	assert_int_equal(p("iomem=relaxed iomem=foo").iomem, IOMEM_RELAXED);
	assert_int_equal(p("iomem=foo").iomem, IOMEM_DEFAULT);
	assert_int_equal(p("iomem=foo").iomem_count, 1);
	/* not the iomem= parameter */
	assert_int_equal(p("iomem relaxed").iomem, IOMEM_DEFAULT);
	assert_int_equal(p("xiomem=relaxed").iomem, IOMEM_DEFAULT);
	assert_int_equal(p("iomemx=relaxed").iomem, IOMEM_DEFAULT);
	assert_int_equal(p("foo=iomem=relaxed").iomem, IOMEM_DEFAULT);
	assert_string_equal(p("a iomem=strict b iomem=relaxed c").iomem_last, "relaxed");
}

static void test_quotes(void **state)
{
	struct cmdline c;
	(void)state;

	assert_int_equal(p("iomem=\"relaxed\"").iomem, IOMEM_RELAXED);
	assert_string_equal(p("iomem=\"relaxed\"").iomem_last, "relaxed");
	/* a quoted value may hold blanks */
	c = p("iomem=\"relaxed strict\" quiet");
	assert_int_equal(c.iomem, IOMEM_STRICT);
	assert_int_equal(c.nparams, 2);
	/* a quoted whole argument */
	assert_int_equal(p("\"iomem=relaxed\"").iomem, IOMEM_RELAXED);
	/* the word inside another parameter's quoted value is not a parameter */
	c = p("dyndbg=\"file x iomem=relaxed\" lockdown=integrity");
	assert_int_equal(c.iomem, IOMEM_DEFAULT);
	assert_int_equal(c.lockdown, LOCKDOWN_INTEGRITY);
	/* an unterminated quote runs to the end */
	c = p("foo=\"bar iomem=relaxed");
	assert_int_equal(c.iomem, IOMEM_DEFAULT);
	assert_int_equal(c.nparams, 1);
	/* lone quotes */
	c = p("\" \"\" iomem=\"");
	assert_int_equal(c.iomem, IOMEM_DEFAULT);
}

static void test_init_args(void **state)
{
	struct cmdline c;
	(void)state;

	/* what follows "--" goes to init: not a kernel parameter */
	c = p("quiet -- iomem=relaxed lockdown=integrity");
	assert_true(c.init_args);
	assert_int_equal(c.iomem, IOMEM_DEFAULT);
	assert_int_equal(c.lockdown, LOCKDOWN_NONE);
	/* "--" with a value, or inside a word, does not stop */
	c = p("--=x iomem=relaxed");
	assert_false(c.init_args);
	assert_int_equal(c.iomem, IOMEM_RELAXED);
	/* the development machine's line */
	c = p("mitigations=auto,no_guest_host console=ttyS0 quiet reboot=k panic=1 "
	      "nomodule "
	      "rdinit=/process_api -- --firecracker-init --addr 0.0.0.0:2024\n");
	assert_true(c.init_args);
	assert_int_equal(c.nparams, 7);
}

static void test_lockdown(void **state)
{
	(void)state;
	assert_int_equal(p("lockdown=integrity").lockdown, LOCKDOWN_INTEGRITY);
	assert_int_equal(p("lockdown=confidentiality").lockdown,
			 LOCKDOWN_CONFIDENTIALITY);
	/* only exact values count; the level can only be raised */
	assert_int_equal(p("lockdown=none").lockdown, LOCKDOWN_NONE);
	assert_int_equal(p("lockdown=Integrity").lockdown, LOCKDOWN_NONE);
	assert_int_equal(p("lockdown").lockdown, LOCKDOWN_NONE);
	assert_int_equal(p("lockdown").lockdown_count, 1);
	assert_int_equal(p("lockdown=confidentiality lockdown=integrity").lockdown,
			 LOCKDOWN_CONFIDENTIALITY);
	assert_int_equal(p("lockdown=integrity lockdown=confidentiality").lockdown,
			 LOCKDOWN_CONFIDENTIALITY);
}

static void test_whitespace_and_bounds(void **state)
{
	struct cmdline c;
	(void)state;

	c = p("\t iomem=relaxed\n\n");
	assert_int_equal(c.iomem, IOMEM_RELAXED);
	assert_int_equal(c.nparams, 1);
	/* len ends inside the value: "iomem=rel" has neither word */
	assert_int_equal(parse_cmdline("iomem=relaxed", 9, &c, NULL), 0);
	assert_int_equal(c.iomem, IOMEM_DEFAULT);
	/* NUL bytes separate like blanks */
	assert_int_equal(parse_cmdline("quiet\0iomem=relaxed", 19, &c, NULL), 0);
	assert_int_equal(c.iomem, IOMEM_RELAXED);
	assert_int_equal(parse_cmdline("", 0, &c, NULL), -EINVAL);
	/* a long value is kept truncated */
	c = p("iomem=relaxed_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	assert_int_equal(strlen(c.iomem_last), sizeof(c.iomem_last) - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default),
		cmocka_unit_test(test_iomem_rules),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_init_args),
		cmocka_unit_test(test_lockdown),
		cmocka_unit_test(test_whitespace_and_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
