// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "parse-kallsyms.h"

static int p(const char *s, struct kallsyms *ks)
{
	return parse_kallsyms(s, strlen(s), ks, NULL);
}

static void test_dev_machine(void **state)
{
	struct kallsyms ks;
	(void)state;

	assert_int_equal(p("ffffffff81000000 T _stext\n"
			   "ffffffff813651a0 T iomem_get_mapping\n"
			   "ffffffff81793da0 t sysfs_kf_bin_open\n"
			   "ffffffff81c66120 t pci_llseek_resource\n"
			   "ffffffff837ad7b0 t iomem_init_inode\n",
			   &ks),
			 0);
	assert_int_equal(ks.nsyms, 5);
	assert_true(ks.found[KSYM_IOMEM_GET_MAPPING]);
	assert_true(ks.found[KSYM_IOMEM_INIT_INODE]);
	assert_true(ks.found[KSYM_SYSFS_KF_BIN_OPEN]);
	assert_true(ks.found[KSYM_PCI_LLSEEK_RESOURCE]);
	assert_false(ks.found[KSYM_REVOKE_IOMEM]);
	assert_false(ks.found[KSYM_REVOKE_DEVMEM]);
	assert_false(ks.addrs_hidden);
}

static void test_modules_and_hidden(void **state)
{
	struct kallsyms ks;
	(void)state;

	assert_int_equal(p("0000000000000000 T revoke_devmem\n"
			   "0000000000000000 t vfio_pci_zap_bars\t[vfio_pci_core]\n"
			   "0000000000000000 T vfio_pci_zap_and_down_write_memory_lock"
			   "\t[vfio_pci_core]\n",
			   &ks),
			 0);
	assert_true(ks.found[KSYM_REVOKE_DEVMEM]);
	assert_true(ks.found[KSYM_VFIO_ZAP_BARS]);
	assert_true(ks.found[KSYM_VFIO_ZAP_LOCK]);
	assert_true(ks.addrs_hidden);
}

static void test_suffixes_and_prefixes(void **state)
{
	struct kallsyms ks;
	(void)state;

	assert_int_equal(p("ffffffff81000000 t revoke_iomem.isra.0\n", &ks), 0);
	assert_true(ks.found[KSYM_REVOKE_IOMEM]);
	assert_int_equal(p("ffffffff81000000 t __pfx_revoke_iomem\n", &ks), 0);
	assert_true(ks.found[KSYM_REVOKE_IOMEM]);
	assert_int_equal(p("ffffffff81000000 t revoke_iomem.llvm.1234\n", &ks), 0);
	assert_true(ks.found[KSYM_REVOKE_IOMEM]);
	/* a longer name is another symbol */
	assert_int_equal(p("ffffffff81000000 t revoke_iomem_x\n"
			   "ffffffff81000000 t xrevoke_iomem\n"
			   "ffffffff81000000 t __pfx_\n",
			   &ks),
			 0);
	assert_false(ks.found[KSYM_REVOKE_IOMEM]);
	/* 32-bit addresses */
	assert_int_equal(p("c1000000 T iomem_get_mapping\n", &ks), 0);
	assert_true(ks.found[KSYM_IOMEM_GET_MAPPING]);
	assert_string_equal(ksym_name(KSYM_REVOKE_DEVMEM), "revoke_devmem");
}

static void test_malformed(void **state)
{
	struct kallsyms ks;
	struct parse_err e = {};
	(void)state;

	assert_int_equal(parse_kallsyms("", 0, &ks, &e), -EINVAL);
	assert_int_equal(p("garbage\n", &ks), -EINVAL);
	assert_int_equal(p("ffffffff81000000\n", &ks), -EINVAL);
	assert_int_equal(p("ffffffff81000000 T\n", &ks), -EINVAL);
	assert_int_equal(p("ffffffff81000000 TT revoke_iomem\n", &ks), -EINVAL);
	assert_int_equal(p("ffffffff8100000000 T revoke_iomem\n", &ks), -EINVAL);
	/* bad lines are skipped, good ones counted */
	assert_int_equal(
		parse_kallsyms("bad\nffffffff81000000 T revoke_iomem\n", 35, &ks, &e), 0);
	assert_int_equal(ks.nbad, 1);
	assert_int_equal(ks.nsyms, 1);
	assert_int_equal(e.line, 1);
	assert_true(ks.found[KSYM_REVOKE_IOMEM]);
	/* truncated inside the name: the prefix is not the symbol */
	assert_int_equal(
		parse_kallsyms("ffffffff81000000 T revoke_iomem\n", 25, &ks, NULL), 0);
	assert_false(ks.found[KSYM_REVOKE_IOMEM]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dev_machine),
		cmocka_unit_test(test_modules_and_hidden),
		cmocka_unit_test(test_suffixes_and_prefixes),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
