// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The lockdown state, from the best source there is: securityfs
 * (/sys/kernel/security/lockdown) says it exactly; else, live only, a harmless ioctl on a
 * /proc/bus/pci file tells locked from not locked; else the kernel config and the boot
 * line say what the kernel forces at boot (LOCK_DOWN_KERNEL_FORCE_*, lockdown=,
 * LOCK_DOWN_IN_EFI_SECURE_BOOT with the firmware's SecureBoot variable).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/pci.h>
#include <sys/ioctl.h>

#include "evidence-internal.h"
#include "log.h"
#include "parse-efivar.h"
#include "parse-lockdown.h"
#include "xalloc.h"

#ifndef PCIIOC_CONTROLLER
#define PCIIOC_CONTROLLER ('P' << 24 | 'C' << 16 | 'I' << 8)
#endif

static const char SECURITYFS_LOCKDOWN[] = "/sys/kernel/security/lockdown";
static const char EFI_SECURE_BOOT[] =
	"/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c";
static const char FORCE_CONFIDENTIALITY[] = "LOCK_DOWN_KERNEL_FORCE_CONFIDENTIALITY";
static const char FORCE_INTEGRITY[] = "LOCK_DOWN_KERNEL_FORCE_INTEGRITY";

/* A config option's state as kconfig_state() says it, '\0' without a config. */
static char config_state(const struct kconfig *kc, const char *name)
{
	return kc ? kconfig_state(kc, name) : '\0';
}

/* ---- 1. securityfs ---- */

/* True when securityfs said the level. */
static bool lockdown_from_securityfs(const struct sysroot *sr, struct evidence *ev)
{
	_cleanup_free_ char *buf = NULL;
	enum lockdown_level lvl;
	size_t len;
	int r;

	r = sr_read_file(sr, SECURITYFS_LOCKDOWN, 4096, &buf, &len);
	if (r >= 0 && parse_lockdown(buf, len, &lvl, NULL) == 0) {
		ev->lockdown = lvl;
		ev->lockdown_source = "securityfs";
		evidence_add(ev, "lockdown", lockdown_level_name(lvl),
			     SECURITYFS_LOCKDOWN);
		return true;
	}
	if (r >= 0)
		problem_add(&ev->problems, PROBLEM_WARN, false,
			    "cannot parse %s, ignoring", SECURITYFS_LOCKDOWN);
	else
		evidence_addf(ev, "securityfs lockdown", SECURITYFS_LOCKDOWN,
			      "unreadable: %s", sr_strerror(-r));
	return false;
}

/* ---- 2. the live ioctl probe ---- */

/* The first /proc/bus/pci/BB/DD.F file, or NULL. */
static char *first_procfs_device(const struct sysroot *sr)
{
	DIR *d = sr_opendir(sr, "/proc/bus/pci");
	struct dirent *de;
	char *ret = NULL;

	if (!d)
		return NULL;
	while (!ret && (de = readdir(d))) {
		_cleanup_free_ char *bus = NULL;
		struct dirent *de2;
		DIR *d2;

		if (!procfs_pci_is_bus(de->d_name))
			continue;
		bus = xasprintf("/proc/bus/pci/%s", de->d_name);
		d2 = sr_opendir(sr, bus);
		if (!d2)
			continue;
		while ((de2 = readdir(d2)))
			if (de2->d_name[0] != '.') {
				ret = xasprintf("%s/%s", bus, de2->d_name);
				break;
			}
		closedir(d2);
	}
	closedir(d);
	return ret;
}

/*
 * Live only: PCIIOC_CONTROLLER on a read-only /proc/bus/pci file. Harmless (it returns
 * the domain number), and every /proc/bus/pci ioctl checks lockdown first: EPERM means
 * lockdown >= integrity. 1 locked, 0 not locked, negative errno when it tells nothing.
 */
static int lockdown_probe(const struct sysroot *sr, char **ret_path)
{
	_cleanup_free_ char *path = first_procfs_device(sr);
	_cleanup_close_ int fd = -1;
	int r;

	if (!path)
		return -ENOENT;
	fd = sr_open(sr, path, O_RDONLY | O_NOCTTY);
	if (fd < 0)
		return fd;
	/* The kernel ignores the argument. The number is not _IOC-encoded, so its "size"
	 * bits read as 4163 bytes: pass a zeroed buffer that large to keep checkers
	 * (valgrind) quiet. */
	static const unsigned char ignored[_IOC_SIZE(PCIIOC_CONTROLLER) + 1];
	r = ioctl(fd, PCIIOC_CONTROLLER, ignored);
	*ret_path = TAKE_PTR(path);
	if (r >= 0)
		return 0;
	if (errno == EPERM)
		return 1;
	return -errno;
}

/*
 * A refused probe says "at least integrity"; the config or the boot line may say which
 * level exactly: confidentiality when either forces it, integrity (and no more) when
 * either forces integrity.
 */
static void refine_probed_level(struct evidence *ev, const struct kconfig *kc,
				const struct cmdline *cl)
{
	if (config_state(kc, FORCE_CONFIDENTIALITY) == 'y' ||
	    (cl && cl->lockdown == LOCKDOWN_CONFIDENTIALITY)) {
		ev->lockdown = LOCKDOWN_CONFIDENTIALITY;
		ev->lockdown_min = false;
	} else if (config_state(kc, FORCE_INTEGRITY) == 'y' ||
		   (cl && cl->lockdown == LOCKDOWN_INTEGRITY)) {
		ev->lockdown_min = false; /* forced to integrity, not higher */
	}
}

/* True when the probe told locked from not locked. */
static bool lockdown_from_probe(const struct sysroot *sr, struct evidence *ev,
				const struct kconfig *kc, const struct cmdline *cl)
{
	_cleanup_free_ char *path = NULL;
	int r;

	r = lockdown_probe(sr, &path);
	if (r == 1) {
		ev->lockdown = LOCKDOWN_INTEGRITY;
		ev->lockdown_min = true;
		ev->lockdown_source = "PCIIOC_CONTROLLER probe";
		refine_probed_level(ev, kc, cl);
		evidence_addf(ev, "lockdown", path,
			      "%s%s (ioctl PCIIOC_CONTROLLER refused: EPERM)",
			      ev->lockdown_min ? "at least " : "",
			      lockdown_level_name(ev->lockdown));
		return true;
	}
	if (r == 0) {
		ev->lockdown = LOCKDOWN_NONE;
		ev->lockdown_source = "PCIIOC_CONTROLLER probe";
		evidence_add(ev, "lockdown", "none (ioctl PCIIOC_CONTROLLER allowed)",
			     path);
		return true;
	}
	log_debug("lockdown probe: %s", sr_strerror(-r));
	return false;
}

/* ---- 3. what the config and the boot line force ---- */

/* Secure boot state: TRI_YES/NO, or UNKNOWN. */
static enum tristate secure_boot(const struct sysroot *sr)
{
	_cleanup_free_ char *buf = NULL;
	bool on;
	size_t len;

	if (!sr_exists(sr, "/sys/firmware/efi"))
		return TRI_NO; /* not booted through EFI */
	if (sr_read_file(sr, EFI_SECURE_BOOT, 64, &buf, &len) < 0 ||
	    parse_efivar_secure_boot(buf, len, &on, NULL) < 0)
		return TRI_UNKNOWN;
	return on ? TRI_YES : TRI_NO;
}

/* The higher of what LOCK_DOWN_KERNEL_FORCE_* and lockdown= force; sets the source. */
static enum lockdown_level forced_level(struct evidence *ev, const struct kconfig *kc,
					const struct cmdline *cl)
{
	enum lockdown_level lvl = LOCKDOWN_NONE;

	if (config_state(kc, FORCE_CONFIDENTIALITY) == 'y') {
		lvl = LOCKDOWN_CONFIDENTIALITY;
		ev->lockdown_source = "CONFIG_LOCK_DOWN_KERNEL_FORCE_CONFIDENTIALITY";
	} else if (config_state(kc, FORCE_INTEGRITY) == 'y') {
		lvl = LOCKDOWN_INTEGRITY;
		ev->lockdown_source = "CONFIG_LOCK_DOWN_KERNEL_FORCE_INTEGRITY";
	}
	if (cl && cl->lockdown > lvl) {
		lvl = cl->lockdown;
		ev->lockdown_source = "lockdown= on the boot line";
	}
	return lvl;
}

/*
 * With LOCK_DOWN_IN_EFI_SECURE_BOOT the kernel locks down to integrity when the firmware
 * booted it securely. Raises *lvl then; false (with the item that says so) when the
 * secure boot state is unreadable.
 */
static bool secure_boot_level(const struct sysroot *sr, struct evidence *ev,
			      enum lockdown_level *lvl)
{
	enum tristate sb = secure_boot(sr);

	if (sb == TRI_YES) {
		*lvl = LOCKDOWN_INTEGRITY;
		ev->lockdown_source = "EFI secure boot";
	} else if (sb == TRI_UNKNOWN) {
		evidence_add(ev, "lockdown", "unknown (secure boot state unreadable)",
			     EFI_SECURE_BOOT);
		return false;
	}
	return true;
}

static void lockdown_from_config(const struct sysroot *sr, struct evidence *ev,
				 const struct kconfig *kc, const struct cmdline *cl)
{
	enum lockdown_level lvl;

	if (config_state(kc, "SECURITY_LOCKDOWN_LSM") == 'n') {
		ev->lockdown = LOCKDOWN_NONE;
		ev->lockdown_source = "kernel config";
		evidence_add(ev, "lockdown",
			     "none (CONFIG_SECURITY_LOCKDOWN_LSM is not set)",
			     ev->config_source);
		return;
	}
	lvl = forced_level(ev, kc, cl);
	if (lvl == LOCKDOWN_NONE &&
	    config_state(kc, "LOCK_DOWN_IN_EFI_SECURE_BOOT") == 'y' &&
	    !secure_boot_level(sr, ev, &lvl))
		return;
	if (lvl == LOCKDOWN_NONE && (!kc || !cl)) {
		evidence_add(ev, "lockdown",
			     !kc ? "unknown (no securityfs, no probe, no kernel config)"
				 : "unknown (no securityfs, no probe, no boot line)",
			     "");
		return;
	}
	ev->lockdown = lvl;
	if (lvl == LOCKDOWN_NONE)
		ev->lockdown_source = "kernel config and boot line";
	evidence_addf(ev, "lockdown", ev->lockdown_source, "%s%s",
		      lockdown_level_name(lvl),
		      lvl == LOCKDOWN_NONE ? " (unless raised at run time)" : "");
}

void evidence_collect_lockdown(const struct sysroot *sr, struct evidence *ev,
			       const struct kconfig *kc, const struct cmdline *cl)
{
	ev->lockdown = LOCKDOWN_UNKNOWN;
	ev->lockdown_min = false;

	if (lockdown_from_securityfs(sr, ev))
		return;
	if (sr->live && lockdown_from_probe(sr, ev, kc, cl))
		return;
	lockdown_from_config(sr, ev, kc, cl);
}
