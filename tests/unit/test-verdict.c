// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The verdict engine over a table of evidence: the truth table measured on Debian kernels
 * in qemu (5.10, 6.1, 6.12, each with the default boot line, iomem=relaxed and
 * lockdown=integrity), and the special cases of the kernel's revocation rules (config,
 * kallsyms and BTF outranking the version, architectures, lockdown).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "evidence.h"
#include "verdict.h"

enum {
	A = DOOR_ACTIVE,
	I = DOOR_INACTIVE,
	B = DOOR_BLOCKED,
	U = DOOR_UNAVAILABLE,
	K = DOOR_UNKNOWN
};

/* A Debian amd64 kernel in qemu: DEVMEM, STRICT_DEVMEM, IO_STRICT_DEVMEM all y. */
static struct evidence debian(unsigned maj, unsigned min, unsigned patch)
{
	struct evidence ev = {};

	snprintf(ev.release, sizeof(ev.release), "%u.%u.%u-amd64", maj, min, patch);
	snprintf(ev.arch, sizeof(ev.arch), "x86_64");
	ev.kver_major = maj;
	ev.kver_minor = min;
	ev.kver_patch = patch;
	ev.config_source = "/boot/config";
	ev.devmem = ev.strict_devmem = ev.io_strict_devmem = TRI_YES;
	ev.iomem_relaxed = TRI_NO;
	ev.cmdline_known = true;
	ev.cmdline_lockdown = LOCKDOWN_NONE;
	ev.lockdown = LOCKDOWN_NONE;
	ev.lockdown_source = "PCIIOC_CONTROLLER probe";
	ev.kallsyms_readable = TRI_YES;
	ev.btf_f_mapping = TRI_UNKNOWN;
	if (maj > 5 || (maj == 5 && min >= 12))
		ev.sym_iomem_get_mapping =
			true; /* revoke_iomem is static: may be inlined */
	else if (maj == 5 && min >= 8)
		ev.sym_revoke_devmem = true;
	ev.has_devmem = ev.has_procfs_pci = ev.has_sysfs_resource = true;
	return ev;
}

static void relaxed(struct evidence *ev)
{
	ev->iomem_relaxed = TRI_YES;
}

static void lockdown_integrity(struct evidence *ev)
{
	ev->cmdline_lockdown = LOCKDOWN_INTEGRITY;
	ev->lockdown = LOCKDOWN_INTEGRITY;
	ev->lockdown_source = "securityfs";
}

static void expect(const struct evidence *ev, const int want[4], const char *what)
{
	struct door_verdict v[DOOR_MAX];

	verdict_compute(ev, v);
	for (unsigned d = 0; d < 4; d++) {
		if ((int)v[d].status != want[d])
			fail_msg("%s: %s is %s, expected %s (%s)", what, door_name(d),
				 door_status_name(v[d].status), door_status_name(want[d]),
				 v[d].reason);
		assert_true(v[d].reason[0] != '\0');
		assert_int_equal(v[d].door, d);
		if (v[d].status == DOOR_INACTIVE)
			assert_true(v[d].fix[0] != '\0');
	}
}

/* ---- the truth table measured on Debian kernels ---- */

static void test_truth_table(void **state)
{
	static const struct {
		unsigned maj, min, patch;
		int boot;    /* 0 default, 1 iomem=relaxed, 2 lockdown=integrity */
		int want[4]; /* devmem, sysfs, procfs, legacy */
	} rows[] = {
		{ 5, 10, 223, 0, { A, I, I, U } }, { 5, 10, 223, 1, { I, I, I, U } },
		{ 5, 10, 223, 2, { B, B, B, U } }, { 6, 1, 0, 0, { A, A, A, U } },
		{ 6, 1, 0, 1, { I, I, I, U } },	   { 6, 1, 0, 2, { B, B, B, U } },
		{ 6, 12, 117, 0, { A, A, A, U } }, { 6, 12, 117, 1, { I, I, I, U } },
		{ 6, 12, 117, 2, { B, B, B, U } },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct evidence ev = debian(rows[i].maj, rows[i].min, rows[i].patch);
		char what[64];

		if (rows[i].boot == 1)
			relaxed(&ev);
		else if (rows[i].boot == 2)
			lockdown_integrity(&ev);
		snprintf(what, sizeof(what), "%u.%u boot %d", rows[i].maj, rows[i].min,
			 rows[i].boot);
		expect(&ev, rows[i].want, what);
	}
}

static void test_relaxed_reason_and_fix(void **state)
{
	struct evidence ev = debian(6, 1, 0);
	struct door_verdict v[DOOR_MAX];
	(void)state;

	relaxed(&ev);
	verdict_compute(&ev, v);
	assert_non_null(strstr(v[DOOR_SYSFS].reason, "iomem=relaxed"));
	assert_non_null(strstr(v[DOOR_SYSFS].fix, "drop iomem=relaxed"));
	assert_non_null(strstr(v[DOOR_SYSFS].evidence, "iomem=relaxed"));
}

static void test_lockdown_reason(void **state)
{
	struct evidence ev = debian(5, 10, 223);
	struct door_verdict v[DOOR_MAX];
	(void)state;

	lockdown_integrity(&ev);
	verdict_compute(&ev, v);
	assert_non_null(strstr(v[DOOR_SYSFS].reason, "lockdown integrity"));
	/* the revocation behind the lock is still reported */
	assert_non_null(strstr(v[DOOR_SYSFS].reason, "revocation itself is inactive"));
	assert_non_null(strstr(v[DOOR_DEVMEM].reason, "revocation is active too"));
	assert_non_null(strstr(v[DOOR_SYSFS].reason, "older mappings stay"));
}

/* ---- configuration cases ---- */

static void test_no_devmem(void **state)
{
	struct evidence ev = debian(6, 1, 0);
	(void)state;

	ev.devmem = ev.strict_devmem = ev.io_strict_devmem = TRI_NO;
	ev.has_devmem = false;
	expect(&ev, (int[]){ U, I, I, U }, "no DEVMEM");
}

static void test_strict_without_io_strict(void **state)
{
	struct evidence ev = debian(6, 12, 0);
	struct door_verdict v[DOOR_MAX];
	(void)state;

	ev.io_strict_devmem = TRI_NO;
	expect(&ev, (int[]){ I, I, I, U }, "STRICT_DEVMEM only");
	verdict_compute(&ev, v);
	assert_non_null(
		strstr(v[DOOR_DEVMEM].reason, "CONFIG_IO_STRICT_DEVMEM is not set"));
	assert_non_null(strstr(v[DOOR_DEVMEM].fix, "CONFIG_IO_STRICT_DEVMEM=y"));
}

static void test_config_missing_kallsyms_decides(void **state)
{
	struct evidence ev = debian(6, 1, 0);
	(void)state;

	ev.config_source = NULL;
	ev.devmem = ev.strict_devmem = ev.io_strict_devmem = TRI_UNKNOWN;
	ev.sym_revoke_iomem = true; /* not inlined: proves IO_STRICT_DEVMEM */
	expect(&ev, (int[]){ A, A, A, U }, "no config, revoke_iomem");
}

static void test_config_missing_unknown(void **state)
{
	struct evidence ev = debian(6, 1, 0);
	struct door_verdict v[DOOR_MAX];
	(void)state;

	ev.config_source = NULL;
	ev.devmem = ev.strict_devmem = ev.io_strict_devmem = TRI_UNKNOWN;
	expect(&ev, (int[]){ K, K, K, U }, "no config, revoke_iomem inlined");
	verdict_compute(&ev, v);
	for (unsigned d = 0; d < 3; d++) {
		assert_non_null(strstr(v[d].reason, "no kernel config"));
		assert_non_null(strstr(v[d].reason, "revoke_iomem"));
	}
}

static void test_config_missing_but_relaxed(void **state)
{
	struct evidence ev = debian(6, 1, 0);
	(void)state;

	/* a definite "no" wins over missing evidence */
	ev.config_source = NULL;
	ev.devmem = ev.strict_devmem = ev.io_strict_devmem = TRI_UNKNOWN;
	relaxed(&ev);
	expect(&ev, (int[]){ I, I, I, U }, "no config, iomem=relaxed");
}

static void test_config_missing_510_kallsyms(void **state)
{
	struct evidence ev = debian(5, 10, 0);
	(void)state;

	ev.config_source = NULL;
	ev.devmem = ev.strict_devmem = ev.io_strict_devmem = TRI_UNKNOWN;
	expect(&ev, (int[]){ A, I, I, U }, "no config, 5.10 revoke_devmem");
	/* revoke_devmem is global on 5.8-5.11: its absence is telling there */
	ev.sym_revoke_devmem = false;
	expect(&ev, (int[]){ I, I, I, U }, "no config, 5.10 without revoke_devmem");
}

static void test_kallsyms_hidden(void **state)
{
	struct evidence ev = debian(6, 1, 0);
	(void)state;

	ev.kallsyms_readable = TRI_NO;
	ev.sym_iomem_get_mapping = ev.sym_revoke_devmem = false;
	expect(&ev, (int[]){ A, A, A, U }, "6.1 no kallsyms: config and version");

	ev = debian(5, 10, 0);
	ev.kallsyms_readable = TRI_NO;
	ev.sym_iomem_get_mapping = ev.sym_revoke_devmem = false;
	expect(&ev, (int[]){ A, I, I, U }, "5.10 no kallsyms: config and version");

	/* neither config nor kallsyms */
	ev = debian(6, 1, 0);
	ev.kallsyms_readable = TRI_NO;
	ev.sym_iomem_get_mapping = false;
	ev.config_source = NULL;
	ev.devmem = ev.strict_devmem = ev.io_strict_devmem = TRI_UNKNOWN;
	expect(&ev, (int[]){ K, K, K, U }, "no config, no kallsyms");
}

static void test_backport_outranks_version(void **state)
{
	struct evidence ev = debian(5, 10, 0);
	(void)state;

	/* a distribution 5.10 with the 5.12 series backported */
	ev.sym_iomem_get_mapping = true;
	expect(&ev, (int[]){ A, A, A, U }, "5.10 with backport");

	/* BTF as the only witness */
	ev = debian(5, 10, 0);
	ev.kallsyms_readable = TRI_NO;
	ev.sym_revoke_devmem = false;
	ev.btf_f_mapping = TRI_YES;
	expect(&ev, (int[]){ A, A, A, U }, "5.10 with backport, BTF only");
}

static void test_version_unknown(void **state)
{
	struct evidence ev = debian(6, 1, 0);
	(void)state;

	ev.kver_major = ev.kver_minor = ev.kver_patch = 0;
	ev.release[0] = '\0';
	expect(&ev, (int[]){ A, A, A, U }, "no version, kallsyms decides");
	ev.kallsyms_readable = TRI_NO;
	ev.sym_iomem_get_mapping = false;
	expect(&ev, (int[]){ K, K, K, U }, "no version, no kallsyms");
	ev.btf_f_mapping = TRI_NO;
	expect(&ev, (int[]){ K, I, I, U }, "no version, BTF says before 5.12");
}

static void test_old_kernel(void **state)
{
	struct evidence ev = debian(5, 4, 0);
	(void)state;

	expect(&ev, (int[]){ I, I, I, U }, "5.4");
}

static void test_cmdline_unreadable(void **state)
{
	struct evidence ev = debian(6, 1, 0);
	struct door_verdict v[DOOR_MAX];
	(void)state;

	ev.cmdline_known = false;
	ev.iomem_relaxed = TRI_UNKNOWN;
	expect(&ev, (int[]){ K, K, K, U }, "cmdline unreadable");
	verdict_compute(&ev, v);
	assert_non_null(strstr(v[DOOR_SYSFS].reason, "/proc/cmdline"));
	/* without IO_STRICT_DEVMEM the boot line does not matter */
	ev.io_strict_devmem = TRI_NO;
	expect(&ev, (int[]){ I, I, I, U }, "cmdline unreadable, no IO_STRICT_DEVMEM");
}

static void test_lockdown_unknown(void **state)
{
	struct evidence ev = debian(6, 1, 0);
	struct door_verdict v[DOOR_MAX];
	(void)state;

	ev.lockdown = LOCKDOWN_UNKNOWN;
	ev.lockdown_source = NULL;
	expect(&ev, (int[]){ A, A, A, U }, "lockdown unknown, revocation active");
	ev.io_strict_devmem = TRI_NO;
	expect(&ev, (int[]){ K, K, K, U }, "lockdown unknown, revocation inactive");
	verdict_compute(&ev, v);
	assert_non_null(strstr(v[DOOR_SYSFS].reason, "lockdown state unknown"));
}

/* ---- architectures ---- */

static void test_arm64(void **state)
{
	struct evidence ev = debian(6, 1, 0);
	struct door_verdict v[DOOR_MAX];
	(void)state;

	snprintf(ev.arch, sizeof(ev.arch), "aarch64");
	expect(&ev, (int[]){ A, A, U, U }, "arm64");
	verdict_compute(&ev, v);
	/* arm64 maps no I/O BAR: nothing to say about them */
	assert_null(strstr(v[DOOR_SYSFS].reason, "I/O BARs"));
	assert_non_null(strstr(v[DOOR_PROCFS].reason, "no /proc/bus/pci mmap"));
	/* no 1 MiB exception outside x86 */
	assert_true(verdict_revokes_range(&ev, &v[DOOR_SYSFS], 0xa0000, 0xbffff));
}

static void test_riscv_s390(void **state)
{
	struct evidence ev = debian(6, 1, 0);
	(void)state;

	snprintf(ev.arch, sizeof(ev.arch), "riscv64");
	expect(&ev, (int[]){ A, A, U, U }, "riscv64");
	snprintf(ev.arch, sizeof(ev.arch), "s390x");
	ev.has_sysfs_resource = false;
	expect(&ev, (int[]){ A, U, U, U }, "s390x 6.1");
}

/*
 * powerpc's legacy files, measured on ppc64el guests: legacy_io is never revoked (a claim
 * of I/O ports zaps nothing), legacy_mem is revoked like memory (from 5.12, with the
 * 5.14-rc7 fix), lockdown covers neither, and 64 KiB pages make legacy_io unmappable.
 */
static void test_powerpc_legacy(void **state)
{
	struct evidence ev = debian(5, 13, 0);
	struct door_verdict v[DOOR_MAX], mem;
	(void)state;

	snprintf(ev.arch, sizeof(ev.arch), "ppc64le");
	ev.has_legacy = true;
	ev.page_64k = TRI_NO;
	ev.page_size_source = "CONFIG_PPC_4K_PAGES=y";
	expect(&ev, (int[]){ A, A, A, I }, "powerpc 5.13");
	verdict_compute(&ev, v);
	assert_non_null(strstr(v[DOOR_LEGACY].reason, "legacy_io: never revoked"));
	assert_non_null(strstr(v[DOOR_LEGACY].reason, "legacy_mem is not"));
	assert_non_null(strstr(v[DOOR_LEGACY].reason, "045a9277b561"));
	verdict_legacy_mem(&ev, &mem);
	assert_int_equal(mem.status, DOOR_INACTIVE);

	ev.kver_minor = 14;
	ev.kver_rc = 6;
	verdict_legacy_mem(&ev, &mem);
	assert_int_equal(mem.status, DOOR_INACTIVE);
	ev.kver_rc = 7;
	verdict_legacy_mem(&ev, &mem);
	assert_int_equal(mem.status, DOOR_ACTIVE);
	/* the row: legacy_io can be mapped, and nothing revokes it */
	expect(&ev, (int[]){ A, A, A, I }, "powerpc 5.14-rc7");
	verdict_compute(&ev, v);
	assert_non_null(strstr(v[DOOR_LEGACY].reason, "legacy_mem: revoked like memory"));
	assert_non_null(strstr(v[DOOR_LEGACY].fix, "legacy_io"));
	assert_null(strstr(v[DOOR_LEGACY].fix, "lockdown=integrity"));
	/* sysfs and procfs carry I/O BARs here: say they are never revoked */
	assert_non_null(
		strstr(v[DOOR_SYSFS].reason, "I/O BARs mapped through resourceN"));
	assert_non_null(strstr(v[DOOR_PROCFS].reason, "PCIIOC_MMAP_IS_IO"));

	ev = debian(6, 1, 0);
	snprintf(ev.arch, sizeof(ev.arch), "ppc64le");
	ev.page_64k = TRI_NO;
	ev.has_legacy = false;
	expect(&ev, (int[]){ A, A, A, U }, "powerpc without legacy files");
	ev.has_legacy = true;
	/* lockdown refuses resourceN and procfs, not the legacy files */
	lockdown_integrity(&ev);
	expect(&ev, (int[]){ B, B, B, I }, "powerpc lockdown");
	verdict_compute(&ev, v);
	assert_non_null(
		strstr(v[DOOR_LEGACY].reason, "does not cover legacy_io/legacy_mem"));
}

static void test_powerpc_64k(void **state)
{
	struct evidence ev = debian(6, 12, 0);
	struct door_verdict v[DOOR_MAX];
	(void)state;

	snprintf(ev.arch, sizeof(ev.arch), "ppc64le");
	ev.has_legacy = true;
	ev.page_64k = TRI_YES;
	ev.page_size_source = "release suffix -64k";
	/* legacy_io cannot be mapped: the row is legacy_mem's */
	expect(&ev, (int[]){ A, A, A, A }, "powerpc 64K pages");
	verdict_compute(&ev, v);
	assert_non_null(strstr(v[DOOR_LEGACY].reason, "legacy_io: unavailable"));
	assert_non_null(strstr(v[DOOR_LEGACY].reason, "ENXIO"));
	assert_non_null(strstr(v[DOOR_LEGACY].evidence, "release suffix -64k"));
	relaxed(&ev);
	expect(&ev, (int[]){ I, I, I, I }, "powerpc 64K relaxed");

	/* page size unknown: legacy_io may be mappable, and then never revoked */
	ev = debian(6, 12, 0);
	snprintf(ev.arch, sizeof(ev.arch), "ppc64le");
	ev.has_legacy = true;
	ev.page_64k = TRI_UNKNOWN;
	expect(&ev, (int[]){ A, A, A, I }, "powerpc page size unknown");
	verdict_compute(&ev, v);
	assert_non_null(strstr(v[DOOR_LEGACY].reason, "page size unknown"));
}

/* HAVE_PCI_MMAP and arch_can_pci_mmap_io(), as the kernel's asm/pci.h define them */
static void test_arch_tables(void **state)
{
	static const char *const mmap_yes[] = { "x86_64",      "i686",	   "armv7l",
						"ppc64le",     "ppc",	   "mips64",
						"sparc64",     "parisc64", "sh4",
						"loongarch64", "xtensa",   "microblaze" };
	static const char *const mmap_no[] = { "aarch64", "arm64", "riscv64", "s390x",
					       "alpha",	  "csky",  "um",      "" };
	(void)state;

	for (size_t i = 0; i < sizeof(mmap_yes) / sizeof(mmap_yes[0]); i++)
		assert_true(arch_have_pci_mmap(mmap_yes[i]));
	for (size_t i = 0; i < sizeof(mmap_no) / sizeof(mmap_no[0]); i++)
		assert_false(arch_have_pci_mmap(mmap_no[i]));
	assert_true(arch_can_pci_mmap_io("ppc64le"));
	assert_true(arch_can_pci_mmap_io("sparc64"));
	assert_true(arch_can_pci_mmap_io("xtensa"));
	assert_false(arch_can_pci_mmap_io("x86_64"));
	assert_false(arch_can_pci_mmap_io("aarch64"));
	assert_false(arch_can_pci_mmap_io("armv7l"));
	assert_false(arch_can_pci_mmap_io(""));
	assert_true(arch_have_pci_legacy("ppc64le"));
	assert_true(arch_have_pci_legacy("alpha"));
	assert_false(arch_have_pci_legacy("x86_64"));
}

static void test_alpha(void **state)
{
	struct evidence ev = debian(6, 1, 0);
	struct door_verdict v[DOOR_MAX];
	(void)state;

	snprintf(ev.arch, sizeof(ev.arch), "alpha");
	ev.has_legacy = true;
	verdict_compute(&ev, v);
	assert_int_equal(v[DOOR_SYSFS].status, DOOR_INACTIVE);
	assert_non_null(strstr(v[DOOR_SYSFS].reason, "dense"));
	/* legacy_io: I/O ports, never revoked */
	assert_int_equal(v[DOOR_LEGACY].status, DOOR_INACTIVE);
	assert_int_equal(v[DOOR_PROCFS].status, DOOR_UNAVAILABLE);
}

/* ---- this development machine: 6.18 Firecracker guest ---- */

static void test_dev_machine(void **state)
{
	struct evidence ev = {};
	struct door_verdict v[DOOR_MAX];
	(void)state;

	snprintf(ev.release, sizeof(ev.release), "6.18.44-fc-v445");
	snprintf(ev.arch, sizeof(ev.arch), "x86_64");
	ev.kver_major = 6;
	ev.kver_minor = 18;
	ev.kver_patch = 44;
	ev.config_source = "/proc/config.gz";
	ev.devmem = ev.strict_devmem = ev.io_strict_devmem = TRI_NO;
	ev.cmdline_known = true;
	ev.iomem_relaxed = TRI_NO;
	ev.lockdown = LOCKDOWN_INTEGRITY;
	ev.lockdown_min = true;
	ev.lockdown_source = "PCIIOC_CONTROLLER probe";
	ev.kallsyms_readable = TRI_YES;
	ev.sym_iomem_get_mapping = ev.sym_pci_llseek_resource = true;
	ev.btf_f_mapping = TRI_YES;
	ev.has_procfs_pci = true; /* no /dev/mem, no resourceN files */

	verdict_compute(&ev, v);
	assert_int_equal(v[DOOR_DEVMEM].status, DOOR_UNAVAILABLE);
	assert_int_equal(v[DOOR_SYSFS].status, DOOR_BLOCKED);
	assert_int_equal(v[DOOR_PROCFS].status, DOOR_BLOCKED);
	assert_int_equal(v[DOOR_LEGACY].status, DOOR_UNAVAILABLE);
	assert_int_equal(v[DOOR_VFIO].status, DOOR_UNAVAILABLE);
	assert_int_equal(v[DOOR_UIO].status, DOOR_UNAVAILABLE);
	assert_non_null(strstr(v[DOOR_DEVMEM].reason, "CONFIG_DEVMEM is not set"));
	assert_non_null(strstr(v[DOOR_SYSFS].reason, "CONFIG_DEVMEM is not set"));
}

/* ---- VFIO and UIO ---- */

static void test_vfio_uio(void **state)
{
	struct evidence ev = debian(6, 1, 0);
	struct door_verdict v[DOOR_MAX];
	(void)state;

	verdict_compute(&ev, v);
	assert_int_equal(v[DOOR_VFIO].status, DOOR_UNAVAILABLE);
	assert_int_equal(v[DOOR_UIO].status, DOOR_UNAVAILABLE);

	ev.has_vfio = ev.has_uio = true;
	verdict_compute(&ev, v);
	assert_int_equal(v[DOOR_VFIO].status, DOOR_ACTIVE);
	assert_non_null(strstr(v[DOOR_VFIO].reason, "reset"));
	/* UIO never revokes, but a node is no exposure: cmd-check counts no finding */
	assert_int_equal(v[DOOR_UIO].status, DOOR_INACTIVE);
	assert_non_null(strstr(v[DOOR_UIO].reason, "never"));
	assert_non_null(strstr(v[DOOR_UIO].reason, "managed"));

	/* lockdown does not gate VFIO or UIO */
	lockdown_integrity(&ev);
	verdict_compute(&ev, v);
	assert_int_equal(v[DOOR_VFIO].status, DOOR_ACTIVE);
	assert_int_equal(v[DOOR_UIO].status, DOOR_INACTIVE);
}

/* ---- verdict_revokes_range and names ---- */

static void test_revokes_range(void **state)
{
	struct evidence ev = debian(6, 1, 0);
	struct door_verdict v[DOOR_MAX];
	(void)state;

	verdict_compute(&ev, v);
	assert_true(verdict_revokes_range(&ev, &v[DOOR_SYSFS], 0xfebc0000, 0xfebdffff));
	assert_false(verdict_revokes_range(&ev, &v[DOOR_DEVMEM], 0xa0000, 0xbffff));
	assert_false(verdict_revokes_range(&ev, &v[DOOR_DEVMEM], 0x0, 0xfffff));
	/* end page at or above 1 MiB: zapped */
	assert_true(verdict_revokes_range(&ev, &v[DOOR_DEVMEM], 0xf0000, 0x100fff));
	/* not active: never */
	relaxed(&ev);
	verdict_compute(&ev, v);
	assert_false(verdict_revokes_range(&ev, &v[DOOR_SYSFS], 0xfebc0000, 0xfebdffff));
}

static void test_names(void **state)
{
	(void)state;
	for (int d = 0; d < DOOR_MAX; d++)
		assert_int_equal(door_from_name(door_name(d)), d);
	assert_int_equal(door_from_name("nope"), -1);
	assert_string_equal(door_name(DOOR_PROCFS), "procfs");
	assert_string_equal(door_status_name(DOOR_BLOCKED), "blocked");
	assert_string_equal(door_status_name(DOOR_UNAVAILABLE), "unavailable");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_truth_table),
		cmocka_unit_test(test_relaxed_reason_and_fix),
		cmocka_unit_test(test_lockdown_reason),
		cmocka_unit_test(test_no_devmem),
		cmocka_unit_test(test_strict_without_io_strict),
		cmocka_unit_test(test_config_missing_kallsyms_decides),
		cmocka_unit_test(test_config_missing_unknown),
		cmocka_unit_test(test_config_missing_but_relaxed),
		cmocka_unit_test(test_config_missing_510_kallsyms),
		cmocka_unit_test(test_kallsyms_hidden),
		cmocka_unit_test(test_backport_outranks_version),
		cmocka_unit_test(test_version_unknown),
		cmocka_unit_test(test_old_kernel),
		cmocka_unit_test(test_cmdline_unreadable),
		cmocka_unit_test(test_lockdown_unknown),
		cmocka_unit_test(test_arm64),
		cmocka_unit_test(test_riscv_s390),
		cmocka_unit_test(test_powerpc_legacy),
		cmocka_unit_test(test_powerpc_64k),
		cmocka_unit_test(test_arch_tables),
		cmocka_unit_test(test_alpha),
		cmocka_unit_test(test_dev_machine),
		cmocka_unit_test(test_vfio_uio),
		cmocka_unit_test(test_revokes_range),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
