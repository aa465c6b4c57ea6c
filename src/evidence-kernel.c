// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Evidence about the kernel itself: release and architecture, the kernel config, the boot
 * line, the symbols /proc/kallsyms names and what BTF says about struct bin_attribute.
 */
#include <errno.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "evidence-internal.h"
#include "log.h"
#include "parse-btf.h"
#include "parse-kallsyms.h"
#include "parse-release.h"
#include "xalloc.h"

#define MAX_CONFIG   (32u << 20)
#define MAX_KALLSYMS (512u << 20)
#define MAX_BTF	     (256u << 20)

/* ---- kernel release and architecture ---- */

static void set_release(struct evidence *ev, const char *rel, const char *source)
{
	struct kernel_release kr;

	if (!rel) {
		evidence_add(ev, "kernel release", "unknown", source);
		return;
	}
	snprintf(ev->release, sizeof(ev->release), "%s", rel);
	if (parse_release(rel, strlen(rel), &kr, NULL) < 0) {
		problem_add(&ev->problems, PROBLEM_INFO, false,
			    "cannot parse the kernel release '%s'", rel);
	} else {
		ev->kver_major = kr.major;
		ev->kver_minor = kr.minor;
		ev->kver_patch = kr.patch;
		ev->kver_rc = kr.rc;
	}
	evidence_add(ev, "kernel release", rel, source);
}

void evidence_read_arch(const struct sysroot *sr, char *buf, size_t size)
{
	_cleanup_free_ char *arch = NULL;
	struct utsname u;

	if (sr->live && uname(&u) == 0)
		arch = xstrdup(u.machine);
	else if (sr_read_line(sr, "/proc/sys/kernel/arch", &arch) < 0)
		arch = NULL;
	snprintf(buf, size, "%s", arch ? arch : "");
}

/*
 * 64 KiB pages, from the most direct evidence first: the config (powerpc's
 * CONFIG_PPC_64K_PAGES, the generic CONFIG_PAGE_SIZE_64KB of newer kernels), then the
 * release's flavour (Debian's "-64k"), then, on the live system only, the page size this
 * process runs with (getpagesize(), the kernel's AT_PAGESZ). Only powerpc needs it
 * (legacy_io), so nothing is added to the evidence elsewhere.
 */
void evidence_collect_pagesize(const struct sysroot *sr, struct evidence *ev,
			       const struct kconfig *kc)
{
	static const char *const yes64[] = { "PPC_64K_PAGES", "PAGE_SIZE_64KB" };
	static const char *const no64[] = { "PPC_4K_PAGES",   "PAGE_SIZE_4KB",
					    "PPC_16K_PAGES",  "PAGE_SIZE_16KB",
					    "PPC_256K_PAGES", "PAGE_SIZE_256KB" };
	size_t rl = strlen(ev->release);

	ev->page_64k = TRI_UNKNOWN;
	ev->page_size_source = NULL;
	if (!arch_is_powerpc(ev->arch))
		return;
	for (size_t i = 0; kc && i < ELEMENTSOF(yes64) && ev->page_64k == TRI_UNKNOWN;
	     i++)
		if (kconfig_state(kc, yes64[i]) == 'y') {
			ev->page_64k = TRI_YES;
			ev->page_size_source = yes64[i] == yes64[0]
						       ? "CONFIG_PPC_64K_PAGES=y"
						       : "CONFIG_PAGE_SIZE_64KB=y";
		}
	for (size_t i = 0; kc && i < ELEMENTSOF(no64) && ev->page_64k == TRI_UNKNOWN; i++)
		if (kconfig_state(kc, no64[i]) == 'y') {
			_cleanup_free_ char *what = xasprintf("CONFIG_%s=y", no64[i]);

			ev->page_64k = TRI_NO;
			evidence_add(ev, "page size", what, ev->config_source);
			ev->page_size_source = ev->items[ev->nitems - 1].value;
			return;
		}
	if (ev->page_64k == TRI_YES) {
		evidence_add(ev, "page size", ev->page_size_source, ev->config_source);
		return;
	}
	if (rl > 4 && streq(ev->release + rl - 4, "-64k")) {
		ev->page_64k = TRI_YES;
		ev->page_size_source = "release suffix -64k";
		evidence_add(ev, "page size", "64 KiB (release suffix -64k)",
			     "kernel release");
		return;
	}
	if (sr->live) {
		long ps = getpagesize();

		ev->page_64k = ps == 65536 ? TRI_YES : TRI_NO;
		evidence_addf(ev, "page size", "getpagesize()", "%ld", ps);
		ev->page_size_source =
			ps == 65536 ? "getpagesize() 65536" : "getpagesize()";
		return;
	}
	evidence_add(ev, "page size", "unknown (no config, no -64k flavour)", "");
}

void evidence_collect_kernel(const struct sysroot *sr, struct evidence *ev)
{
	_cleanup_free_ char *rel = NULL, *arch = NULL, *ver = NULL;
	const char *src_rel = "/proc/sys/kernel/osrelease",
		   *src_arch = "/proc/sys/kernel/arch";
	const char *src_ver = "/proc/sys/kernel/version";

	if (sr->live) {
		struct utsname u;
		if (uname(&u) == 0) {
			rel = xstrdup(u.release);
			arch = xstrdup(u.machine);
			ver = xstrdup(u.version);
			src_rel = src_arch = src_ver = "uname(2)";
		}
	}
	/* the version ("#1 SMP PREEMPT_DYNAMIC ...") is shown as it is, not parsed */
	if (!rel && sr_read_line(sr, "/proc/sys/kernel/osrelease", &rel) < 0)
		rel = NULL;
	if (!arch && sr_read_line(sr, "/proc/sys/kernel/arch", &arch) < 0)
		arch = NULL;
	if (!ver && sr_read_line(sr, "/proc/sys/kernel/version", &ver) < 0)
		ver = NULL;

	set_release(ev, rel, src_rel);
	if (arch) {
		snprintf(ev->arch, sizeof(ev->arch), "%s", arch);
		evidence_add(ev, "architecture", arch, src_arch);
	} else {
		evidence_add(ev, "architecture", "unknown", src_arch);
	}
	if (ver)
		evidence_add(ev, "kernel build", ver, src_ver);
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

/* Where the config may be, in order; the first (gzip) is /proc/config.gz. */
static size_t config_paths(const struct evidence *ev, char *paths[4])
{
	size_t n = 0;

	paths[n++] = xstrdup("/proc/config.gz");
	if (ev->release[0]) {
		paths[n++] = xasprintf("/boot/config-%s", ev->release);
		paths[n++] = xasprintf("/lib/modules/%s/config", ev->release);
		paths[n++] = xasprintf("/usr/lib/modules/%s/config", ev->release);
	}
	return n;
}

/* Read and parse one candidate into *kc: true when it is a kernel config. */
static bool try_config(const struct sysroot *sr, struct evidence *ev, const char *path,
		       bool gz, struct kconfig *kc)
{
	_cleanup_free_ char *buf = NULL;
	struct parse_err perr = {};
	size_t len;
	int r;

	if (gz)
		r = sr_read_gz(sr, path, MAX_CONFIG, &buf, &len);
	else
		r = sr_read_file(sr, path, MAX_CONFIG, &buf, &len);
	if (r < 0) {
		log_debug("kernel config %s: %s", path, sr_strerror(-r));
		return false;
	}
	r = parse_kconfig(buf, len, kc, &perr);
	if (r < 0) {
		problem_add(&ev->problems, PROBLEM_WARN, false,
			    "%s is not a kernel config (line %u: %s), ignoring", path,
			    perr.line, perr.msg);
		return false;
	}
	if (kc->nbad)
		problem_add(&ev->problems, PROBLEM_INFO, false,
			    "%s: %u malformed lines skipped (first: line %u)", path,
			    kc->nbad, perr.line);
	evidence_add(ev, "kernel config", path, "");
	ev->config_source = ev->items[ev->nitems - 1].value;
	return true;
}

static void config_not_found(struct evidence *ev, char *const paths[], size_t n)
{
	_cleanup_free_ char *tried = NULL;

	for (size_t i = 0; i < n; i++) {
		char *t = xasprintf("%s%s%s", tried ? tried : "", tried ? ", " : "",
				    paths[i]);
		free(tried);
		tried = t;
	}
	evidence_addf(ev, "kernel config", "", "not found (tried %s)", tried);
}

/* The options the verdict and the reader care about, and the tri-states. */
static void config_options(struct evidence *ev, const struct kconfig *kc)
{
	for (size_t i = 0; i < ELEMENTSOF(config_items); i++) {
		const struct kconfig_opt *o = kconfig_find(kc, config_items[i]);
		_cleanup_free_ char *name = xasprintf("CONFIG_%s", config_items[i]);

		evidence_add(ev, name,
			     !o		? "absent"
			     : o->value ? o->value
					: "is not set",
			     ev->config_source);
	}
	ev->devmem = kconfig_state(kc, "DEVMEM") != 'n' ? TRI_YES : TRI_NO;
	ev->strict_devmem = kconfig_state(kc, "STRICT_DEVMEM") != 'n' ? TRI_YES : TRI_NO;
	ev->io_strict_devmem =
		kconfig_state(kc, "IO_STRICT_DEVMEM") != 'n' ? TRI_YES : TRI_NO;
}

bool evidence_collect_config(const struct sysroot *sr, struct evidence *ev,
			     struct kconfig *kc)
{
	char *paths[4] = {};
	bool found = false;
	size_t n;

	n = config_paths(ev, paths);
	for (size_t i = 0; i < n && !found; i++)
		found = try_config(sr, ev, paths[i], i == 0, kc);
	if (!found)
		config_not_found(ev, paths, n);
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	if (found)
		config_options(ev, kc);
	return found;
}

/* ---- boot line ---- */

void evidence_collect_cmdline(const struct sysroot *sr, struct evidence *ev,
			      struct cmdline *cl)
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
		evidence_addf(ev, "boot line", "/proc/cmdline", "unreadable: %s",
			      sr_strerror(-r));
		return;
	}
	ev->cmdline_known = true;
	ev->iomem_relaxed = cl->iomem == IOMEM_RELAXED ? TRI_YES : TRI_NO;
	ev->cmdline_lockdown = cl->lockdown;
	if (cl->iomem_count == 0)
		evidence_add(ev,
			     "iomem=", "not given (strict when CONFIG_STRICT_DEVMEM=y)",
			     "/proc/cmdline");
	else
		evidence_addf(ev, "iomem=", "/proc/cmdline", "%s (last of %u: \"%s\")",
			      cl->iomem == IOMEM_RELAXED  ? "relaxed"
			      : cl->iomem == IOMEM_STRICT ? "strict"
							  : "no effect",
			      cl->iomem_count, cl->iomem_last);
	if (cl->lockdown_count == 0)
		evidence_add(ev, "lockdown=", "not given", "/proc/cmdline");
	else
		evidence_add(ev, "lockdown=", lockdown_level_name(cl->lockdown),
			     "/proc/cmdline");
}

/* ---- kallsyms and BTF ---- */

void evidence_collect_kallsyms(const struct sysroot *sr, struct evidence *ev)
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
		evidence_addf(ev, "kallsyms", "/proc/kallsyms", "unreadable: %s",
			      r == -EINVAL ? "no symbol" : sr_strerror(-r));
		return;
	}
	ev->kallsyms_readable = TRI_YES;
	ev->sym_iomem_get_mapping = ks.found[KSYM_IOMEM_GET_MAPPING];
	ev->sym_revoke_iomem = ks.found[KSYM_REVOKE_IOMEM];
	ev->sym_revoke_devmem = ks.found[KSYM_REVOKE_DEVMEM];
	ev->sym_pci_llseek_resource = ks.found[KSYM_PCI_LLSEEK_RESOURCE];
	ev->sym_vfio_zap = ks.found[KSYM_VFIO_ZAP_LOCK] || ks.found[KSYM_VFIO_ZAP_BARS];
	evidence_addf(ev, "kallsyms", "/proc/kallsyms", "%u symbols%s", ks.nsyms,
		      ks.addrs_hidden ? ", addresses hidden" : "");
	for (size_t i = 0; i < ELEMENTSOF(shown); i++) {
		_cleanup_free_ char *name = xasprintf("symbol %s", ksym_name(shown[i]));
		evidence_add(ev, name, ks.found[shown[i]] ? "present" : "absent",
			     "/proc/kallsyms");
	}
}

void evidence_collect_btf(const struct sysroot *sr, struct evidence *ev)
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
		evidence_addf(ev, "BTF", path, "unreadable: %s", sr_strerror(-r));
		return;
	}
	r = parse_btf(buf, len, &bf, &perr);
	if (r < 0) {
		evidence_addf(ev, "BTF", path, "malformed: %s", perr.msg);
		return;
	}
	if (!bf.has_bin_attribute) {
		evidence_add(ev, "BTF bin_attribute", "not found", path);
		return;
	}
	ev->btf_f_mapping =
		bf.bin_attr_mapping || bf.bin_attr_f_mapping ? TRI_YES : TRI_NO;
	evidence_add(ev, "BTF bin_attribute",
		     bf.bin_attr_f_mapping ? "has f_mapping (5.15+)"
		     : bf.bin_attr_mapping ? "has mapping (5.12-5.14)"
					   : "no mapping member (before 5.12)",
		     path);
	if (bf.func_revoke_iomem && !ev->sym_revoke_iomem) {
		ev->sym_revoke_iomem = true;
		evidence_add(ev, "BTF revoke_iomem", "present", path);
	}
	if (bf.func_iomem_get_mapping && !ev->sym_iomem_get_mapping) {
		ev->sym_iomem_get_mapping = true;
		evidence_add(ev, "BTF iomem_get_mapping", "present", path);
	}
}
