// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Collect the evidence the verdict engine needs (kernel-facts.md section 3), through the
 * sysroot only: kernel release and architecture, kernel config, boot line, lockdown
 * state, kallsyms names, BTF, and which doors exist.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <linux/pci.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>

#include "evidence.h"
#include "log.h"
#include "parse-btf.h"
#include "parse-cmdline.h"
#include "parse-kallsyms.h"
#include "parse-kconfig.h"
#include "parse-lockdown.h"
#include "xalloc.h"

#ifndef PCIIOC_CONTROLLER
#define PCIIOC_CONTROLLER ('P' << 24 | 'C' << 16 | 'I' << 8)
#endif

#define MAX_CONFIG (32u << 20)
#define MAX_KALLSYMS (512u << 20)
#define MAX_BTF (256u << 20)

static void item_add(struct evidence *ev, const char *name, const char *value,
		     const char *source)
{
	struct evidence_item *it;

	ev->items = xreallocarray(ev->items, ev->nitems + 1, sizeof(*ev->items));
	it = &ev->items[ev->nitems++];
	it->name = xstrdup(name);
	it->value = xstrdup(value ? value : "");
	it->source = xstrdup(source ? source : "");
}

static void _printf_(4, 5) item_addf(struct evidence *ev, const char *name,
				     const char *source, const char *fmt, ...)
{
	_cleanup_free_ char *v = NULL;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&v, fmt, ap) < 0)
		v = NULL;
	va_end(ap);
	item_add(ev, name, v ? v : "?", source);
}

const char *evidence_item_value(const struct evidence *ev, const char *name)
{
	for (size_t i = 0; i < ev->nitems; i++)
		if (streq(ev->items[i].name, name))
			return ev->items[i].value;
	return NULL;
}

void evidence_done(struct evidence *ev)
{
	if (!ev)
		return;
	for (size_t i = 0; i < ev->nitems; i++) {
		free(ev->items[i].name);
		free(ev->items[i].value);
		free(ev->items[i].source);
	}
	free(ev->items);
	ev->items = NULL;
	ev->nitems = 0;
	problems_done(&ev->problems);
	ev->config_source = NULL; /* pointed into an item */
}

static int parse_uint(const char **p, unsigned *ret)
{
	unsigned long v = 0;
	const char *s = *p;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	while (isdigit((unsigned char)*s)) {
		v = v * 10 + (unsigned)(*s - '0');
		if (v > 100000)
			return -ERANGE;
		s++;
	}
	*p = s;
	*ret = (unsigned)v;
	return 0;
}

int evidence_parse_release(const char *release, unsigned *maj, unsigned *min,
			   unsigned *patch, unsigned *rc)
{
	const char *p = release, *r;
	unsigned a, b, c = 0, n = 0;

	if (parse_uint(&p, &a) < 0 || *p != '.')
		return -EINVAL;
	p++;
	if (parse_uint(&p, &b) < 0)
		return -EINVAL;
	if (*p == '.') {
		p++;
		if (parse_uint(&p, &c) < 0)
			c = 0;
	}
	r = strstr(p, "-rc");
	if (r) {
		r += 3;
		if (parse_uint(&r, &n) < 0)
			n = 0;
	}
	if (a == 0)
		return -EINVAL;
	*maj = a;
	*min = b;
	*patch = c;
	*rc = n;
	return 0;
}

/* ---- kernel release and architecture ---- */

static void collect_kernel(const struct sysroot *sr, struct evidence *ev)
{
	_cleanup_free_ char *rel = NULL, *arch = NULL, *ver = NULL;
	const char *src_rel = "/proc/sys/kernel/osrelease",
		   *src_arch = "/proc/sys/kernel/arch";
	const char *src_ver = "/proc/sys/kernel/version";
	int r;

	if (sr->live) {
		struct utsname u;
		if (uname(&u) == 0) {
			rel = xstrdup(u.release);
			arch = xstrdup(u.machine);
			ver = xstrdup(u.version);
			src_rel = src_arch = src_ver = "uname(2)";
		}
	}
	if (!rel && (r = sr_read_line(sr, "/proc/sys/kernel/osrelease", &rel)) < 0)
		rel = NULL;
	if (!arch && (r = sr_read_line(sr, "/proc/sys/kernel/arch", &arch)) < 0)
		arch = NULL;
	if (!ver && (r = sr_read_line(sr, "/proc/sys/kernel/version", &ver)) < 0)
		ver = NULL;

	if (rel) {
		snprintf(ev->release, sizeof(ev->release), "%s", rel);
		if (evidence_parse_release(rel, &ev->kver_major, &ev->kver_minor,
					   &ev->kver_patch, &ev->kver_rc) < 0)
			problem_add(&ev->problems, PROBLEM_INFO, false,
				    "cannot parse the kernel release '%s'", rel);
		item_add(ev, "kernel release", rel, src_rel);
	} else {
		item_add(ev, "kernel release", "unknown", src_rel);
	}
	if (arch) {
		snprintf(ev->arch, sizeof(ev->arch), "%s", arch);
		item_add(ev, "architecture", arch, src_arch);
	} else {
		item_add(ev, "architecture", "unknown", src_arch);
	}
	if (ver)
		item_add(ev, "kernel build", ver, src_ver);
}

/* ---- kernel config ---- */

static const char *const config_items[] = {
	"DEVMEM",
	"STRICT_DEVMEM",
	"IO_STRICT_DEVMEM",
	"SECURITY_LOCKDOWN_LSM",
	"SECURITY_LOCKDOWN_LSM_EARLY",
	"LOCK_DOWN_KERNEL_FORCE_NONE",
	"LOCK_DOWN_KERNEL_FORCE_INTEGRITY",
	"LOCK_DOWN_KERNEL_FORCE_CONFIDENTIALITY",
	"LOCK_DOWN_IN_EFI_SECURE_BOOT",
	"PCI_IOV",
	"X86_PAT",
	"VFIO_PCI",
	"UIO_PCI_GENERIC",
	"DEBUG_INFO_BTF",
};

/* Read the config into *kc; true when found. */
static bool collect_config(const struct sysroot *sr, struct evidence *ev, struct kconfig *kc)
{
	_cleanup_free_ char *tried = NULL;
	char *paths[4] = {};
	bool found = false;
	size_t n = 0;

	paths[n++] = xstrdup("/proc/config.gz");
	if (ev->release[0]) {
		paths[n++] = xasprintf("/boot/config-%s", ev->release);
		paths[n++] = xasprintf("/lib/modules/%s/config", ev->release);
		paths[n++] = xasprintf("/usr/lib/modules/%s/config", ev->release);
	}
	for (size_t i = 0; i < n && !found; i++) {
		_cleanup_free_ char *buf = NULL;
		struct parse_err perr = {};
		size_t len;
		int r;

		if (i == 0)
			r = sr_read_gz(sr, paths[i], MAX_CONFIG, &buf, &len);
		else
			r = sr_read_file(sr, paths[i], MAX_CONFIG, &buf, &len);
		if (r < 0) {
			log_debug("kernel config %s: %s", paths[i], strerror(-r));
			continue;
		}
		r = parse_kconfig(buf, len, kc, &perr);
		if (r < 0) {
			problem_add(&ev->problems, PROBLEM_WARN, false,
				    "%s is not a kernel config (line %u: %s), ignoring", paths[i],
				    perr.line, perr.msg);
			continue;
		}
		if (kc->nbad)
			problem_add(&ev->problems, PROBLEM_INFO, false,
				    "%s: %u malformed lines skipped (first: line %u)", paths[i],
				    kc->nbad, perr.line);
		item_add(ev, "kernel config", paths[i], "");
		ev->config_source = ev->items[ev->nitems - 1].value;
		found = true;
	}
	if (!found) {
		for (size_t i = 0; i < n; i++) {
			char *t = xasprintf("%s%s%s", tried ? tried : "",
					    tried ? ", " : "", paths[i]);
			free(tried);
			tried = t;
		}
		item_addf(ev, "kernel config", "", "not found (tried %s)", tried);
	}
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	if (!found)
		return false;

	for (size_t i = 0; i < ELEMENTSOF(config_items); i++) {
		const struct kconfig_opt *o = kconfig_find(kc, config_items[i]);
		_cleanup_free_ char *name = xasprintf("CONFIG_%s", config_items[i]);

		item_add(ev, name,
			 !o	    ? "absent"
			 : o->value ? o->value
				    : "is not set",
			 ev->config_source);
	}
	ev->devmem = kconfig_state(kc, "DEVMEM") != 'n' ? TRI_YES : TRI_NO;
	ev->strict_devmem = kconfig_state(kc, "STRICT_DEVMEM") != 'n' ? TRI_YES : TRI_NO;
	ev->io_strict_devmem =
		kconfig_state(kc, "IO_STRICT_DEVMEM") != 'n' ? TRI_YES : TRI_NO;
	return true;
}

/* ---- boot line ---- */

static void collect_cmdline(const struct sysroot *sr, struct evidence *ev, struct cmdline *cl)
{
	_cleanup_free_ char *buf = NULL;
	struct parse_err perr = {};
	size_t len;
	int r;

	r = sr_read_file(sr, "/proc/cmdline", 1u << 20, &buf, &len);
	if (r >= 0)
		r = parse_cmdline(buf, len, cl, &perr);
	if (r < 0) {
		ev->cmdline_known = false;
		ev->iomem_relaxed = TRI_UNKNOWN;
		ev->cmdline_lockdown = LOCKDOWN_UNKNOWN;
		item_addf(ev, "boot line", "/proc/cmdline", "unreadable: %s",
			  strerror(-r));
		return;
	}
	ev->cmdline_known = true;
	ev->iomem_relaxed = cl->iomem == IOMEM_RELAXED ? TRI_YES : TRI_NO;
	ev->cmdline_lockdown = cl->lockdown;
	if (cl->iomem_count == 0)
		item_add(ev, "iomem=", "not given (strict when CONFIG_STRICT_DEVMEM=y)",
			 "/proc/cmdline");
	else
		item_addf(ev, "iomem=", "/proc/cmdline", "%s (last of %u: \"%s\")",
			  cl->iomem == IOMEM_RELAXED  ? "relaxed"
			  : cl->iomem == IOMEM_STRICT ? "strict"
						      : "no effect",
			  cl->iomem_count, cl->iomem_last);
	if (cl->lockdown_count == 0)
		item_add(ev, "lockdown=", "not given", "/proc/cmdline");
	else
		item_add(ev, "lockdown=", lockdown_level_name(cl->lockdown),
			 "/proc/cmdline");
}

/* ---- kallsyms and BTF ---- */

static void collect_kallsyms(const struct sysroot *sr, struct evidence *ev)
{
	static const enum ksym shown[] = {
		KSYM_IOMEM_GET_MAPPING,	  KSYM_REVOKE_IOMEM,  KSYM_REVOKE_DEVMEM,
		KSYM_PCI_LLSEEK_RESOURCE, KSYM_VFIO_ZAP_LOCK, KSYM_VFIO_ZAP_BARS,
	};
	_cleanup_free_ char *buf = NULL;
	struct parse_err perr = {};
	struct kallsyms ks;
	size_t len;
	int r;

	r = sr_read_file(sr, "/proc/kallsyms", MAX_KALLSYMS, &buf, &len);
	if (r >= 0 && (r = parse_kallsyms(buf, len, &ks, &perr)) < 0)
		r = -EINVAL;
	if (r < 0) {
		ev->kallsyms_readable = TRI_NO;
		item_addf(ev, "kallsyms", "/proc/kallsyms", "unreadable: %s",
			  r == -EINVAL ? "no symbol" : strerror(-r));
		return;
	}
	ev->kallsyms_readable = TRI_YES;
	ev->sym_iomem_get_mapping = ks.found[KSYM_IOMEM_GET_MAPPING];
	ev->sym_revoke_iomem = ks.found[KSYM_REVOKE_IOMEM];
	ev->sym_revoke_devmem = ks.found[KSYM_REVOKE_DEVMEM];
	ev->sym_pci_llseek_resource = ks.found[KSYM_PCI_LLSEEK_RESOURCE];
	ev->sym_vfio_zap = ks.found[KSYM_VFIO_ZAP_LOCK] || ks.found[KSYM_VFIO_ZAP_BARS];
	item_addf(ev, "kallsyms", "/proc/kallsyms", "%u symbols%s", ks.nsyms,
		  ks.addrs_hidden ? ", addresses hidden" : "");
	for (size_t i = 0; i < ELEMENTSOF(shown); i++) {
		_cleanup_free_ char *name = xasprintf("symbol %s", ksym_name(shown[i]));
		item_add(ev, name, ks.found[shown[i]] ? "present" : "absent",
			 "/proc/kallsyms");
	}
}

static void collect_btf(const struct sysroot *sr, struct evidence *ev)
{
	static const char path[] = "/sys/kernel/btf/vmlinux";
	_cleanup_free_ char *buf = NULL;
	struct parse_err perr = {};
	struct btf_facts bf;
	size_t len;
	int r;

	ev->btf_f_mapping = TRI_UNKNOWN;
	r = sr_read_file(sr, path, MAX_BTF, &buf, &len);
	if (r < 0) {
		item_addf(ev, "BTF", path, "unreadable: %s", strerror(-r));
		return;
	}
	r = parse_btf(buf, len, &bf, &perr);
	if (r < 0) {
		item_addf(ev, "BTF", path, "malformed: %s", perr.msg);
		return;
	}
	if (!bf.has_bin_attribute) {
		item_add(ev, "BTF bin_attribute", "not found", path);
		return;
	}
	ev->btf_f_mapping =
		bf.bin_attr_mapping || bf.bin_attr_f_mapping ? TRI_YES : TRI_NO;
	item_add(ev, "BTF bin_attribute",
		 bf.bin_attr_f_mapping ? "has f_mapping (5.15+)"
		 : bf.bin_attr_mapping ? "has mapping (5.12-5.14)"
				       : "no mapping member (before 5.12)",
		 path);
	if (bf.func_revoke_iomem && !ev->sym_revoke_iomem) {
		ev->sym_revoke_iomem = true;
		item_add(ev, "BTF revoke_iomem", "present", path);
	}
	if (bf.func_iomem_get_mapping && !ev->sym_iomem_get_mapping) {
		ev->sym_iomem_get_mapping = true;
		item_add(ev, "BTF iomem_get_mapping", "present", path);
	}
}

/* ---- lockdown ---- */

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

		if (de->d_name[0] == '.' || streq(de->d_name, "devices"))
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

static const char EFI_SECURE_BOOT[] =
	"/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c";

/* Secure boot state: TRI_YES/NO, or UNKNOWN. */
static enum tristate secure_boot(const struct sysroot *sr)
{
	_cleanup_free_ char *buf = NULL;
	size_t len;

	if (!sr_exists(sr, "/sys/firmware/efi"))
		return TRI_NO; /* not booted through EFI */
	if (sr_read_file(sr, EFI_SECURE_BOOT, 64, &buf, &len) < 0 || len < 5)
		return TRI_UNKNOWN;
	return buf[4] == 1 ? TRI_YES : TRI_NO; /* 4 bytes of attributes, then the value */
}

static void collect_lockdown(const struct sysroot *sr, struct evidence *ev,
			     const struct kconfig *kc, bool have_config,
			     const struct cmdline *cl)
{
	_cleanup_free_ char *buf = NULL, *probe_path = NULL;
	enum lockdown_level lvl;
	size_t len;
	int r;

	ev->lockdown = LOCKDOWN_UNKNOWN;
	ev->lockdown_min = false;

	/* 1. securityfs */
	r = sr_read_file(sr, "/sys/kernel/security/lockdown", 4096, &buf, &len);
	if (r >= 0 && parse_lockdown(buf, len, &lvl, NULL) == 0) {
		ev->lockdown = lvl;
		ev->lockdown_source = "securityfs";
		item_add(ev, "lockdown", lockdown_level_name(lvl),
			 "/sys/kernel/security/lockdown");
		return;
	}
	if (r >= 0)
		problem_add(&ev->problems, PROBLEM_WARN, false,
			    "cannot parse /sys/kernel/security/lockdown, ignoring");
	else
		item_addf(ev, "securityfs lockdown", "/sys/kernel/security/lockdown",
			  "unreadable: %s", strerror(-r));

	/* 2. the live ioctl probe */
	if (sr->live) {
		r = lockdown_probe(sr, &probe_path);
		if (r == 1) {
			ev->lockdown = LOCKDOWN_INTEGRITY;
			ev->lockdown_min = true;
			ev->lockdown_source = "PCIIOC_CONTROLLER probe";
			/* config or boot line may say which level exactly */
			if ((have_config &&
			     kconfig_state(kc,
					   "LOCK_DOWN_KERNEL_FORCE_CONFIDENTIALITY") ==
				     'y') ||
			    (cl && cl->lockdown == LOCKDOWN_CONFIDENTIALITY)) {
				ev->lockdown = LOCKDOWN_CONFIDENTIALITY;
				ev->lockdown_min = false;
			} else if ((have_config &&
				    kconfig_state(kc,
						  "LOCK_DOWN_KERNEL_FORCE_INTEGRITY") ==
					    'y') ||
				   (cl && cl->lockdown == LOCKDOWN_INTEGRITY)) {
				ev->lockdown_min =
					false; /* forced to integrity, not higher */
			}
			item_addf(ev, "lockdown", probe_path,
				  "%s%s (ioctl PCIIOC_CONTROLLER refused: EPERM)",
				  ev->lockdown_min ? "at least " : "",
				  lockdown_level_name(ev->lockdown));
			return;
		}
		if (r == 0) {
			ev->lockdown = LOCKDOWN_NONE;
			ev->lockdown_source = "PCIIOC_CONTROLLER probe";
			item_add(ev, "lockdown", "none (ioctl PCIIOC_CONTROLLER allowed)",
				 probe_path);
			return;
		}
		log_debug("lockdown probe: %s", strerror(-r));
	}

	/* 3. what config and boot line force */
	lvl = LOCKDOWN_NONE;
	if (have_config && kconfig_state(kc, "SECURITY_LOCKDOWN_LSM") == 'n') {
		ev->lockdown = LOCKDOWN_NONE;
		ev->lockdown_source = "kernel config";
		item_add(ev, "lockdown", "none (CONFIG_SECURITY_LOCKDOWN_LSM is not set)",
			 ev->config_source);
		return;
	}
	if (have_config) {
		if (kconfig_state(kc, "LOCK_DOWN_KERNEL_FORCE_CONFIDENTIALITY") == 'y')
			lvl = LOCKDOWN_CONFIDENTIALITY;
		else if (kconfig_state(kc, "LOCK_DOWN_KERNEL_FORCE_INTEGRITY") == 'y')
			lvl = LOCKDOWN_INTEGRITY;
		if (lvl != LOCKDOWN_NONE)
			ev->lockdown_source =
				lvl == LOCKDOWN_CONFIDENTIALITY
					? "CONFIG_LOCK_DOWN_KERNEL_FORCE_CONFIDENTIALITY"
					: "CONFIG_LOCK_DOWN_KERNEL_FORCE_INTEGRITY";
	}
	if (cl && cl->lockdown > lvl) {
		lvl = cl->lockdown;
		ev->lockdown_source = "lockdown= on the boot line";
	}
	if (lvl == LOCKDOWN_NONE && have_config &&
	    kconfig_state(kc, "LOCK_DOWN_IN_EFI_SECURE_BOOT") == 'y') {
		enum tristate sb = secure_boot(sr);
		if (sb == TRI_YES) {
			lvl = LOCKDOWN_INTEGRITY;
			ev->lockdown_source = "EFI secure boot";
		} else if (sb == TRI_UNKNOWN) {
			item_add(ev, "lockdown", "unknown (secure boot state unreadable)",
				 EFI_SECURE_BOOT);
			return;
		}
	}
	if (lvl == LOCKDOWN_NONE && (!have_config || !cl)) {
		item_add(
			ev, "lockdown",
			!have_config
				? "unknown (no securityfs, no probe, no kernel config)"
				: "unknown (no securityfs, no probe, no boot line)",
			"");
		return;
	}
	ev->lockdown = lvl;
	if (lvl == LOCKDOWN_NONE)
		ev->lockdown_source = "kernel config and boot line";
	item_addf(ev, "lockdown", ev->lockdown_source, "%s%s", lockdown_level_name(lvl),
		  lvl == LOCKDOWN_NONE ? " (unless raised at run time)" : "");
}

/* ---- doors ---- */

static bool is_resource_bar(const char *name)
{
	/* resource0..resource5, with _wc, _dense or _sparse */
	return startswith(name, "resource") && name[8] >= '0' && name[8] <= '5' &&
	       (name[9] == '\0' || name[9] == '_');
}

static void collect_sysfs_doors(const struct sysroot *sr, struct evidence *ev)
{
	unsigned ndev = 0, nfiles = 0, nbus = 0, nlegacy = 0;
	struct dirent *de;
	DIR *d;

	d = sr_opendir(sr, "/sys/bus/pci/devices");
	if (!d) {
		item_addf(ev, "resourceN files", "/sys/bus/pci/devices", "unreadable: %s",
			  strerror(errno));
	} else {
		while ((de = readdir(d))) {
			_cleanup_free_ char *p = NULL;
			struct dirent *de2;
			DIR *d2;

			if (de->d_name[0] == '.')
				continue;
			ndev++;
			p = xasprintf("/sys/bus/pci/devices/%s", de->d_name);
			d2 = sr_opendir(sr, p);
			if (!d2)
				continue;
			while ((de2 = readdir(d2)))
				nfiles += is_resource_bar(de2->d_name);
			closedir(d2);
		}
		closedir(d);
		ev->has_sysfs_resource = nfiles > 0;
		item_addf(ev, "resourceN files", "/sys/bus/pci/devices",
			  "%u in %u devices", nfiles, ndev);
	}

	d = sr_opendir(sr, "/sys/class/pci_bus");
	if (d) {
		while ((de = readdir(d))) {
			static const char *const names[] = { "legacy_io", "legacy_mem",
							     "legacy_io_sparse",
							     "legacy_mem_sparse" };
			if (de->d_name[0] == '.')
				continue;
			nbus++;
			for (size_t i = 0; i < ELEMENTSOF(names); i++) {
				_cleanup_free_ char *p = xasprintf(
					"/sys/class/pci_bus/%s/%s", de->d_name, names[i]);
				nlegacy += sr_exists(sr, p);
			}
		}
		closedir(d);
	}
	ev->has_legacy = nlegacy > 0;
	item_addf(ev, "legacy files", "/sys/class/pci_bus", "%u in %u buses", nlegacy,
		  nbus);
}

static void collect_dev_doors(const struct sysroot *sr, struct evidence *ev)
{
	unsigned nbus = 0, nuio = 0;
	struct dirent *de;
	DIR *d;

	ev->has_devmem = sr_exists(sr, "/dev/mem");
	item_add(ev, "/dev/mem", ev->has_devmem ? "present" : "absent", "/dev/mem");

	d = sr_opendir(sr, "/proc/bus/pci");
	if (d) {
		while ((de = readdir(d)))
			if (de->d_name[0] != '.' && !streq(de->d_name, "devices"))
				nbus++;
		closedir(d);
	}
	ev->has_procfs_pci = nbus > 0;
	if (d)
		item_addf(ev, "/proc/bus/pci", "/proc/bus/pci", "%u bus directories",
			  nbus);
	else
		item_add(ev, "/proc/bus/pci", "absent", "/proc/bus/pci");

	ev->has_vfio = sr_exists(sr, "/dev/vfio");
	item_add(ev, "/dev/vfio", ev->has_vfio ? "present" : "absent", "/dev/vfio");

	d = sr_opendir(sr, "/dev");
	if (d) {
		while ((de = readdir(d)))
			if (startswith(de->d_name, "uio") &&
			    isdigit((unsigned char)de->d_name[3]))
				nuio++;
		closedir(d);
	}
	ev->has_uio = nuio > 0;
	item_addf(ev, "/dev/uio*", "/dev", "%u", nuio);
}

void evidence_collect(const struct sysroot *sr, struct evidence *ev)
{
	struct kconfig kc = {};
	struct cmdline cl = {};
	bool have_config;

	memset(ev, 0, sizeof(*ev));
	ev->devmem = ev->strict_devmem = ev->io_strict_devmem = TRI_UNKNOWN;
	ev->iomem_relaxed = TRI_UNKNOWN;
	ev->cmdline_lockdown = LOCKDOWN_UNKNOWN;
	ev->lockdown = LOCKDOWN_UNKNOWN;
	ev->kallsyms_readable = TRI_UNKNOWN;
	ev->btf_f_mapping = TRI_UNKNOWN;

	collect_kernel(sr, ev);
	have_config = collect_config(sr, ev, &kc);
	collect_cmdline(sr, ev, &cl);
	collect_kallsyms(sr, ev);
	collect_btf(sr, ev);
	collect_lockdown(sr, ev, &kc, have_config, ev->cmdline_known ? &cl : NULL);
	collect_dev_doors(sr, ev);
	collect_sysfs_doors(sr, ev);
	kconfig_done(&kc);
}
