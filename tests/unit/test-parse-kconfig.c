// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse-kconfig.h"

static int parse(const char *s, struct kconfig *kc, struct parse_err *e)
{
	return parse_kconfig(s, strlen(s), kc, e);
}

/* The lines of the development machine's /proc/config.gz that matter. */
static const char dev_config[] = "#\n"
				 "# Automatically generated file; DO NOT EDIT.\n"
				 "# Linux/x86 6.18.44 Kernel Configuration\n"
				 "#\n"
				 "CONFIG_CC_VERSION_TEXT=\"gcc (GCC) 13.2.0\"\n"
				 "CONFIG_IKCONFIG=y\n"
				 "CONFIG_IKCONFIG_PROC=y\n"
				 "CONFIG_X86_PAT=y\n"
				 "CONFIG_NET_DEVMEM=y\n"
				 "# CONFIG_PCI_IOV is not set\n"
				 "# CONFIG_DEVMEM is not set\n"
				 "CONFIG_SECURITY_LOCKDOWN_LSM=y\n"
				 "CONFIG_SECURITY_LOCKDOWN_LSM_EARLY=y\n"
				 "# CONFIG_LOCK_DOWN_KERNEL_FORCE_NONE is not set\n"
				 "CONFIG_LOCK_DOWN_KERNEL_FORCE_INTEGRITY=y\n"
				 "CONFIG_LOG_BUF_SHIFT=17\n"
				 "CONFIG_VFIO_PCI=m\n"
				 "# CONFIG_STRICT_DEVMEM is not set\n";

static void test_dev_machine(void **state)
{
	struct kconfig kc;
	const struct kconfig_opt *o;
	(void)state;

	assert_int_equal(parse(dev_config, &kc, NULL), 0);
	assert_int_equal(kc.nbad, 0);
	assert_int_equal(kconfig_state(&kc, "DEVMEM"), 'n');
	assert_int_equal(kconfig_state(&kc, "STRICT_DEVMEM"), 'n');
	/* absent: its dependency is unmet */
	assert_int_equal(kconfig_state(&kc, "IO_STRICT_DEVMEM"), 'n');
	assert_null(kconfig_find(&kc, "IO_STRICT_DEVMEM"));
	/* NET_DEVMEM is not DEVMEM */
	assert_int_equal(kconfig_state(&kc, "NET_DEVMEM"), 'y');
	assert_int_equal(kconfig_state(&kc, "LOCK_DOWN_KERNEL_FORCE_INTEGRITY"), 'y');
	assert_int_equal(kconfig_state(&kc, "VFIO_PCI"), 'm');
	assert_int_equal(kconfig_state(&kc, "LOG_BUF_SHIFT"), 's');
	o = kconfig_find(&kc, "CC_VERSION_TEXT");
	assert_non_null(o);
	assert_string_equal(o->value, "gcc (GCC) 13.2.0");
	o = kconfig_find(&kc, "DEVMEM");
	assert_non_null(o);
	assert_null(o->value);
	kconfig_done(&kc);
}

static void test_last_wins(void **state)
{
	struct kconfig kc;
	(void)state;

	assert_int_equal(
		parse("CONFIG_A=y\n# CONFIG_A is not set\nCONFIG_B=n\n", &kc, NULL), 0);
	assert_int_equal(kconfig_state(&kc, "A"), 'n');
	assert_int_equal(kconfig_state(&kc, "B"), 'n');
	kconfig_done(&kc);
	assert_int_equal(parse("# CONFIG_A is not set\nCONFIG_A=y", &kc, NULL), 0);
	assert_int_equal(kconfig_state(&kc, "A"), 'y');
	kconfig_done(&kc);
}

static void test_crlf_and_blanks(void **state)
{
	struct kconfig kc;
	(void)state;

	assert_int_equal(
		parse("\r\nCONFIG_A=y\r\n\n  \n# CONFIG_B is not set\r\n", &kc, NULL), 0);
	assert_int_equal(kconfig_state(&kc, "A"), 'y');
	assert_non_null(kconfig_find(&kc, "B"));
	assert_int_equal(kc.nbad, 0);
	kconfig_done(&kc);
}

static void test_malformed_lines(void **state)
{
	struct kconfig kc;
	struct parse_err e = {};
	(void)state;

	assert_int_equal(parse("CONFIG_A=y\nCONFIG_=y\nCONFIG_B\nCONFIG_C=\nFOO=y\n"
			       "CONFIG_D=\"open\nCONFIG_E=\"a\"b\"\nCONFIG_F=\"x\\\"\n"
			       "CONFIG_G=a b\nCONFIG_H=\"esc\\\"aped\"\n",
			       &kc, &e),
			 0);
	assert_int_equal(kc.nbad, 8);
	assert_int_equal(e.line, 2);
	assert_int_equal(kconfig_state(&kc, "A"), 'y');
	assert_string_equal(kconfig_find(&kc, "H")->value, "esc\\\"aped");
	assert_null(kconfig_find(&kc, "D"));
	kconfig_done(&kc);
}

static void test_comments_ignored(void **state)
{
	struct kconfig kc;
	(void)state;

	assert_int_equal(parse("# CONFIG_A is set\n#CONFIG_B is not set\n"
			       "# CONFIG_C is not set really\nCONFIG_D=y\n",
			       &kc, NULL),
			 0);
	assert_null(kconfig_find(&kc, "A"));
	assert_null(kconfig_find(&kc, "B"));
	assert_null(kconfig_find(&kc, "C"));
	assert_int_equal(kc.n, 1);
	kconfig_done(&kc);
}

static void test_not_a_config(void **state)
{
	struct kconfig kc;
	struct parse_err e = {};
	(void)state;

	assert_int_equal(parse("", &kc, &e), -EINVAL);
	assert_int_equal(parse("# just a comment\n", &kc, &e), -EINVAL);
	assert_int_equal(parse("\x1f\x8b\x08\x00 binary", &kc, &e), -EINVAL);
	assert_non_null(e.msg);
}

static void test_truncated(void **state)
{
	struct kconfig kc;
	const char *s = "CONFIG_DEVMEM=y\nCONFIG_STRICT_DEVMEM=y\n";
	(void)state;

	/* the buffer ends inside the second line: never read past len */
	assert_int_equal(parse_kconfig(s, 20, &kc, NULL), 0);
	assert_int_equal(kconfig_state(&kc, "DEVMEM"), 'y');
	assert_null(kconfig_find(&kc, "STRICT_DEVMEM"));
	assert_int_equal(kc.nbad, 1);
	kconfig_done(&kc);
	/* a NUL inside the buffer */
	assert_int_equal(parse_kconfig("CONFIG_A=y\0\nCONFIG_B=y\n", 23, &kc, NULL), 0);
	assert_null(kconfig_find(&kc, "A"));
	assert_int_equal(kconfig_state(&kc, "B"), 'y');
	kconfig_done(&kc);
}

/* Thousands of options, as a distribution config has: each found, the last one wins. */
static void test_many(void **state)
{
	enum { N = 5000 };
	char *buf = malloc((size_t)N * 32 + 64), *p;
	struct kconfig kc;
	char name[16];
	(void)state;

	assert_non_null(buf);
	p = buf;
	for (unsigned i = 0; i < N; i++)
		p += sprintf(p, i % 3 ? "CONFIG_O%u=%u\n" : "# CONFIG_O%u is not set\n",
			     i, i);
	p += sprintf(p, "CONFIG_O0=m\n");
	assert_int_equal(parse_kconfig(buf, (size_t)(p - buf), &kc, NULL), 0);
	assert_int_equal(kc.n, N + 1);
	assert_int_equal(kc.nbad, 0);
	for (unsigned i = 1; i < N; i += 97) {
		const struct kconfig_opt *o;

		snprintf(name, sizeof(name), "O%u", i);
		o = kconfig_find(&kc, name);
		assert_non_null(o);
		if (i % 3) {
			assert_non_null(o->value);
			assert_int_equal(strtoul(o->value, NULL, 10), i);
		} else {
			assert_null(o->value);
		}
	}
	assert_int_equal(kconfig_state(&kc, "O0"), 'm');
	kconfig_done(&kc);
	assert_int_equal(kc.n, 0);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dev_machine),
		cmocka_unit_test(test_last_wins),
		cmocka_unit_test(test_crlf_and_blanks),
		cmocka_unit_test(test_malformed_lines),
		cmocka_unit_test(test_comments_ignored),
		cmocka_unit_test(test_not_a_config),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
