// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * evidence_collect() over small sysroots built in a temporary directory: each way the
 * lockdown state is found when there is no live probe (securityfs, the config's forced
 * levels, lockdown= on the boot line, EFI secure boot, and the unknowns), the release and
 * the door counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "evidence.h"

#define RELEASE "6.12.0-1-amd64"
#define CONFIG	"/boot/config-" RELEASE
#define SECUREBOOT                                                                       \
	"/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c"
#define BASE_CONFIG                                                                      \
	"CONFIG_DEVMEM=y\nCONFIG_STRICT_DEVMEM=y\nCONFIG_IO_STRICT_DEVMEM=y\n"           \
	"CONFIG_SECURITY_LOCKDOWN_LSM=y\n"

struct root {
	char dir[256];
	struct sysroot sr;
	struct evidence ev;
};

/* Write a file under the root, creating its directories. */
static void put(struct root *r, const char *path, const void *data, size_t len)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s%s", r->dir, path);
	for (char *s = p + strlen(r->dir) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		assert_true(mkdir(p, 0755) == 0 || errno == EEXIST);
		*s = '/';
	}
	f = fopen(p, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void puts_(struct root *r, const char *path, const char *s)
{
	put(r, path, s, strlen(s));
}

/* A root with a release, a boot line and a config (base plus extra), no securityfs. */
static void setup(struct root *r, const char *extra_config)
{
	char cfg[1024];

	memset(r, 0, sizeof(*r));
	snprintf(r->dir, sizeof(r->dir), "%s/pcr-test-evidence-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(r->dir));
	puts_(r, "/proc/sys/kernel/osrelease", RELEASE "\n");
	puts_(r, "/proc/sys/kernel/arch", "x86_64\n");
	puts_(r, "/proc/cmdline", "root=/dev/sda ro quiet\n");
	snprintf(cfg, sizeof(cfg), "%s%s", BASE_CONFIG, extra_config ? extra_config : "");
	puts_(r, CONFIG, cfg);
}

static void collect(struct root *r)
{
	assert_int_equal(sr_init(&r->sr, r->dir), 0);
	assert_false(r->sr.live);
	evidence_collect(&r->sr, &r->ev);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void teardown(struct root *r)
{
	evidence_done(&r->ev);
	sr_done(&r->sr);
	assert_int_equal(nftw(r->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
}

static void expect_lockdown(struct root *r, enum lockdown_level lvl, const char *source,
			    const char *item)
{
	assert_int_equal(r->ev.lockdown, lvl);
	if (source)
		assert_string_equal(r->ev.lockdown_source, source);
	assert_non_null(evidence_item_value(&r->ev, "lockdown"));
	assert_string_equal(evidence_item_value(&r->ev, "lockdown"), item);
	assert_false(r->ev.lockdown_min);
}

static void test_securityfs(void **state)
{
	struct root r;
	(void)state;

	setup(&r, NULL);
	puts_(&r, "/sys/kernel/security/lockdown", "none [integrity] confidentiality\n");
	collect(&r);
	expect_lockdown(&r, LOCKDOWN_INTEGRITY, "securityfs", "integrity");
	assert_int_equal(r.ev.problems.n, 0);
	teardown(&r);

	/* unparsable: a warning, then the config and the boot line decide */
	setup(&r, NULL);
	puts_(&r, "/sys/kernel/security/lockdown", "bogus\n");
	collect(&r);
	expect_lockdown(&r, LOCKDOWN_NONE, "kernel config and boot line",
			"none (unless raised at run time)");
	assert_int_equal(r.ev.problems.n, 1);
	assert_int_equal(r.ev.problems.v[0].level, PROBLEM_WARN);
	assert_non_null(strstr(r.ev.problems.v[0].msg, "/sys/kernel/security/lockdown"));
	teardown(&r);
}

static void test_forced(void **state)
{
	struct root r;
	(void)state;

	setup(&r, "CONFIG_LOCK_DOWN_KERNEL_FORCE_INTEGRITY=y\n");
	collect(&r);
	expect_lockdown(&r, LOCKDOWN_INTEGRITY, "CONFIG_LOCK_DOWN_KERNEL_FORCE_INTEGRITY",
			"integrity");
	teardown(&r);

	setup(&r, "CONFIG_LOCK_DOWN_KERNEL_FORCE_CONFIDENTIALITY=y\n");
	collect(&r);
	expect_lockdown(&r, LOCKDOWN_CONFIDENTIALITY,
			"CONFIG_LOCK_DOWN_KERNEL_FORCE_CONFIDENTIALITY",
			"confidentiality");
	teardown(&r);

	/* the boot line raises the level the config forces, never lowers it */
	setup(&r, "CONFIG_LOCK_DOWN_KERNEL_FORCE_INTEGRITY=y\n");
	puts_(&r, "/proc/cmdline", "lockdown=confidentiality\n");
	collect(&r);
	expect_lockdown(&r, LOCKDOWN_CONFIDENTIALITY, "lockdown= on the boot line",
			"confidentiality");
	teardown(&r);

	setup(&r, "CONFIG_LOCK_DOWN_KERNEL_FORCE_CONFIDENTIALITY=y\n");
	puts_(&r, "/proc/cmdline", "lockdown=integrity\n");
	collect(&r);
	expect_lockdown(&r, LOCKDOWN_CONFIDENTIALITY,
			"CONFIG_LOCK_DOWN_KERNEL_FORCE_CONFIDENTIALITY",
			"confidentiality");
	teardown(&r);

	setup(&r, "# CONFIG_SECURITY_LOCKDOWN_LSM is not set\n");
	puts_(&r, "/proc/cmdline", "lockdown=integrity\n");
	collect(&r);
	expect_lockdown(&r, LOCKDOWN_NONE, "kernel config",
			"none (CONFIG_SECURITY_LOCKDOWN_LSM is not set)");
	teardown(&r);
}

static void test_secure_boot(void **state)
{
	static const struct {
		const char *var; /* NULL: no variable */
		size_t len;
		bool efi;
		enum lockdown_level want;
		const char *item;
	} cases[] = {
		{ "\x07\0\0\0\x01", 5, true, LOCKDOWN_INTEGRITY, "integrity" },
		{ "\x07\0\0\0\x00", 5, true, LOCKDOWN_NONE,
		  "none (unless raised at run time)" },
		{ "\x07\0\0\0\x02", 5, true, LOCKDOWN_NONE,
		  "none (unless raised at run time)" },
		{ "\x07\0\0\0", 4, true, LOCKDOWN_UNKNOWN,
		  "unknown (secure boot state unreadable)" },
		{ NULL, 0, true, LOCKDOWN_UNKNOWN,
		  "unknown (secure boot state unreadable)" },
		/* not booted through EFI */
		{ NULL, 0, false, LOCKDOWN_NONE, "none (unless raised at run time)" },
	};
	(void)state;

	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		struct root r;

		setup(&r, "CONFIG_LOCK_DOWN_IN_EFI_SECURE_BOOT=y\n");
		if (cases[i].var)
			put(&r, SECUREBOOT, cases[i].var, cases[i].len);
		else if (cases[i].efi)
			puts_(&r, "/sys/firmware/efi/systab", "");
		collect(&r);
		expect_lockdown(&r, cases[i].want,
				cases[i].want == LOCKDOWN_INTEGRITY ? "EFI secure boot"
								    : NULL,
				cases[i].item);
		teardown(&r);
	}
}

static void test_unknown(void **state)
{
	struct root r;
	char p[512];
	(void)state;

	setup(&r, NULL);
	snprintf(p, sizeof(p), "%s%s", r.dir, CONFIG);
	assert_int_equal(remove(p), 0);
	collect(&r);
	expect_lockdown(&r, LOCKDOWN_UNKNOWN, NULL,
			"unknown (no securityfs, no probe, no kernel config)");
	assert_null(r.ev.config_source);
	teardown(&r);

	setup(&r, NULL);
	snprintf(p, sizeof(p), "%s/proc/cmdline", r.dir);
	assert_int_equal(remove(p), 0);
	collect(&r);
	expect_lockdown(&r, LOCKDOWN_UNKNOWN, NULL,
			"unknown (no securityfs, no probe, no boot line)");
	assert_false(r.ev.cmdline_known);
	teardown(&r);
}

static void test_release_and_doors(void **state)
{
	struct root r;
	(void)state;

	setup(&r, NULL);
	puts_(&r, "/dev/uio0", "");
	puts_(&r, "/dev/uio12", "");
	puts_(&r, "/dev/uiox", "");
	puts_(&r, "/sys/bus/pci/devices/0000:00:03.0/resource", "");
	puts_(&r, "/sys/bus/pci/devices/0000:00:03.0/resource0", "");
	puts_(&r, "/sys/bus/pci/devices/0000:00:03.0/resource2_wc", "");
	puts_(&r, "/sys/bus/pci/devices/0000:00:03.0/resource6", "");
	puts_(&r, "/sys/bus/pci/devices/0000:00:04.0/resource10", "");
	puts_(&r, "/sys/class/pci_bus/0000:00/legacy_io", "");
	collect(&r);
	assert_string_equal(r.ev.release, RELEASE);
	assert_true(r.ev.kver_major == 6 && r.ev.kver_minor == 12 &&
		    r.ev.kver_patch == 0 && r.ev.kver_rc == 0);
	assert_string_equal(r.ev.config_source, CONFIG);
	assert_int_equal(r.ev.io_strict_devmem, TRI_YES);
	assert_true(r.ev.has_uio);
	assert_string_equal(evidence_item_value(&r.ev, "/dev/uio*"), "2");
	assert_true(r.ev.has_sysfs_resource);
	assert_string_equal(evidence_item_value(&r.ev, "resourceN files"),
			    "2 in 2 devices");
	assert_true(r.ev.has_legacy);
	assert_false(r.ev.has_devmem);
	assert_false(r.ev.has_procfs_pci);
	teardown(&r);

	/* an unparsable release: known as a string, not as a version */
	setup(&r, NULL);
	puts_(&r, "/proc/sys/kernel/osrelease", "foo\n");
	collect(&r);
	assert_string_equal(r.ev.release, "foo");
	assert_int_equal(r.ev.kver_major, 0);
	assert_int_equal(r.ev.problems.n, 1);
	assert_int_equal(r.ev.problems.v[0].level, PROBLEM_INFO);
	teardown(&r);

	setup(&r, NULL);
	puts_(&r, "/proc/sys/kernel/osrelease", "5.14.0-rc6\n");
	collect(&r);
	assert_true(r.ev.kver_major == 5 && r.ev.kver_minor == 14 && r.ev.kver_rc == 6);
	teardown(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_securityfs),	  cmocka_unit_test(test_forced),
		cmocka_unit_test(test_secure_boot),	  cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_release_and_doors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
