// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The revocation verdict engine: per door, from the evidence, is revocation active?
 * Pure: no I/O. The kernel's rules:
 *
 * - revoke_iomem() (5.12+) and revoke_devmem() (5.8-5.11) do something only with
 *   CONFIG_IO_STRICT_DEVMEM=y (which needs STRICT_DEVMEM and DEVMEM) and without an
 *   effective iomem=relaxed;
 * - /dev/mem mappings are revoked from 5.8, sysfs resourceN, /proc/bus/pci and legacy
 *   mappings from 5.12 (when they moved into the shared iomem address_space);
 * - direct evidence (config, kallsyms, BTF) outranks the version number: distributions
 *   backport;
 * - lockdown >= integrity refuses new mappings through devmem, sysfs, procfs and legacy.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "macro.h"
#include "verdict-internal.h"

/* Append to a fixed buffer after sep (unless empty); truncates silently. */
static void __attribute__((format(printf, 4, 0)))
vadd(char *buf, size_t size, const char *sep, const char *fmt, va_list ap)
{
	size_t len = strnlen(buf, size);

	if (len + 1 >= size)
		return;
	if (len > 0) {
		snprintf(buf + len, size - len, "%s", sep);
		len = strnlen(buf, size);
	}
	vsnprintf(buf + len, size - len, fmt, ap);
}

/* Reasons and fixes: "; "-separated sentences. */
void _printf_(3, 4) verdict_add(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(buf, size, "; ", fmt, ap);
	va_end(ap);
}

/* Evidence: a ", "-separated list (a list column); the items hold no comma. */
void _printf_(3, 4) verdict_adde(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(buf, size, ", ", fmt, ap);
	va_end(ap);
}

/* ---- architecture (the arch_* predicates of model.h) ---- */

static bool arch_x86(const struct evidence *ev)
{
	return arch_is_x86(ev->arch);
}

static bool arch_alpha(const struct evidence *ev)
{
	return startswith(ev->arch, "alpha");
}

static bool arch_s390(const struct evidence *ev)
{
	return startswith(ev->arch, "s390");
}

/* ---- version ---- */

bool verdict_kver_known(const struct evidence *ev)
{
	return ev->kver_major > 0;
}

/* Version >= maj.min (an -rc of maj.min counts as maj.min). */
bool verdict_kver_ge(const struct evidence *ev, unsigned maj, unsigned min)
{
	return ev->kver_major > maj || (ev->kver_major == maj && ev->kver_minor >= min);
}

/* ---- the pieces of a revocation decision ---- */

struct piece {
	enum tristate yes;
	char why[200]; /* reason when NO or UNKNOWN */
	char fix[200]; /* fix when NO */
};

static const char FIX_CONFIG[] = "a kernel built with CONFIG_IO_STRICT_DEVMEM=y (needs "
				 "DEVMEM=y and STRICT_DEVMEM=y)";
static const char FIX_MEANWHILE[] =
	"meanwhile stop processes mapping BARs before a driver "
	"claims them, or boot with lockdown=integrity";

/*
 * What the kernel config says about CONFIG_IO_STRICT_DEVMEM (and DEVMEM and
 * STRICT_DEVMEM, which it needs). Leaves p->yes unknown when the config does not decide.
 */
static void revoke_built_config(const struct evidence *ev, struct piece *p, char *evid,
				size_t esize)
{
	if (ev->devmem == TRI_NO) {
		p->yes = TRI_NO;
		ADD(p->why, "CONFIG_DEVMEM is not set (so no CONFIG_IO_STRICT_DEVMEM): "
			    "nothing is revoked");
		verdict_adde(evid, esize, "CONFIG_DEVMEM=n");
	} else if (ev->strict_devmem == TRI_NO) {
		p->yes = TRI_NO;
		ADD(p->why, "CONFIG_STRICT_DEVMEM is not set (so no "
			    "CONFIG_IO_STRICT_DEVMEM): nothing is revoked");
		verdict_adde(evid, esize, "CONFIG_STRICT_DEVMEM=n");
	} else if (ev->io_strict_devmem == TRI_NO) {
		p->yes = TRI_NO;
		ADD(p->why, "CONFIG_IO_STRICT_DEVMEM is not set: a driver's claim "
			    "revokes nothing");
		verdict_adde(evid, esize, "CONFIG_IO_STRICT_DEVMEM=n");
	} else if (ev->io_strict_devmem == TRI_YES) {
		p->yes = TRI_YES;
		verdict_adde(evid, esize, "CONFIG_IO_STRICT_DEVMEM=y");
	}
	if (p->yes == TRI_NO)
		ADD(p->fix, "%s", FIX_CONFIG);
}

/* Is revoke_iomem()/revoke_devmem() built (CONFIG_IO_STRICT_DEVMEM=y)? */
static void revoke_built(const struct evidence *ev, struct piece *p, char *evid,
			 size_t esize)
{
	p->yes = TRI_UNKNOWN;
	if (ev->sym_revoke_iomem || ev->sym_revoke_devmem) {
		p->yes = TRI_YES;
		verdict_adde(evid, esize, "kallsyms: %s",
			     ev->sym_revoke_iomem ? "revoke_iomem" : "revoke_devmem");
		return;
	}
	if (ev->config_source) {
		revoke_built_config(ev, p, evid, esize);
		if (p->yes != TRI_UNKNOWN)
			return;
	}
	/*
	 * revoke_devmem() (5.8-5.11) is a global function of drivers/char/mem.c built
	 * only with IO_STRICT_DEVMEM, so on such a kernel its absence from kallsyms is
	 * telling. The 5.12+ revoke_iomem() is static and may be inlined: its absence
	 * proves nothing.
	 */
	if (ev->kallsyms_readable == TRI_YES && !ev->sym_iomem_get_mapping &&
	    verdict_kver_known(ev) && verdict_kver_ge(ev, 5, 8) &&
	    !verdict_kver_ge(ev, 5, 12)) {
		p->yes = TRI_NO;
		ADD(p->why,
		    "no revoke_devmem in kallsyms: this %u.%u kernel lacks "
		    "CONFIG_IO_STRICT_DEVMEM",
		    ev->kver_major, ev->kver_minor);
		ADD(p->fix, "%s", FIX_CONFIG);
		verdict_adde(evid, esize, "kallsyms: no revoke_devmem");
		return;
	}
	ADD(p->why, "CONFIG_IO_STRICT_DEVMEM unknown: no kernel config found, and %s",
	    ev->kallsyms_readable == TRI_YES
		    ? "no revoke_iomem in kallsyms (proves nothing: it may be inlined)"
		    : "/proc/kallsyms unreadable");
}

/* Do sysfs/procfs/legacy mappings live in the shared iomem address_space (5.12+)? */
static void shared_mapping(const struct evidence *ev, struct piece *p, char *evid,
			   size_t esize)
{
	p->yes = TRI_UNKNOWN;
	if (ev->sym_iomem_get_mapping) {
		p->yes = TRI_YES;
		verdict_adde(evid, esize, "kallsyms: iomem_get_mapping");
	} else if (ev->btf_f_mapping == TRI_YES) {
		p->yes = TRI_YES;
		verdict_adde(evid, esize, "BTF: bin_attribute.f_mapping");
	} else if (ev->kallsyms_readable == TRI_YES) {
		/* iomem_get_mapping is global and always built from 5.12 */
		p->yes = TRI_NO;
		ADD(p->why,
		    "no iomem_get_mapping in kallsyms (before 5.12): these mappings are "
		    "never revoked");
		verdict_adde(evid, esize, "kallsyms: no iomem_get_mapping");
	} else if (verdict_kver_known(ev)) {
		p->yes = verdict_kver_ge(ev, 5, 12) ? TRI_YES : TRI_NO;
		verdict_adde(evid, esize, "kernel %u.%u", ev->kver_major, ev->kver_minor);
		if (p->yes == TRI_NO)
			ADD(p->why,
			    "Linux %u.%u predates 5.12: these mappings are never revoked",
			    ev->kver_major, ev->kver_minor);
	} else if (ev->btf_f_mapping == TRI_NO) {
		p->yes = TRI_NO;
		ADD(p->why,
		    "BTF bin_attribute has no f_mapping (before 5.12): these mappings "
		    "are never revoked");
		verdict_adde(evid, esize, "BTF: no bin_attribute.f_mapping");
	} else {
		ADD(p->why,
		    "kernel version unknown and no kallsyms or BTF: is it 5.12+?");
	}
	if (p->yes == TRI_NO)
		ADD(p->fix, "Linux 5.12 or later");
}

/* Does this kernel revoke /dev/mem mappings at all (5.8+, 5.7.y backport)? */
static void devmem_era(const struct evidence *ev, struct piece *p, char *evid,
		       size_t esize)
{
	p->yes = TRI_UNKNOWN;
	if (ev->sym_revoke_devmem || ev->sym_revoke_iomem || ev->sym_iomem_get_mapping ||
	    ev->btf_f_mapping == TRI_YES) {
		p->yes = TRI_YES;
		return; /* the symbol is already named as evidence */
	}
	if (!verdict_kver_known(ev)) {
		ADD(p->why, "kernel version unknown and no kallsyms: is it 5.8+?");
		return;
	}
	verdict_adde(evid, esize, "kernel %u.%u", ev->kver_major, ev->kver_minor);
	if (verdict_kver_ge(ev, 5, 8)) {
		p->yes = TRI_YES;
	} else if (verdict_kver_ge(ev, 5, 7) && ev->kallsyms_readable != TRI_YES) {
		ADD(p->why,
		    "5.7.y got /dev/mem revocation in some stable releases only, and "
		    "kallsyms is unreadable");
	} else {
		p->yes = TRI_NO;
		ADD(p->why, "Linux %u.%u predates /dev/mem revocation (5.8)",
		    ev->kver_major, ev->kver_minor);
		ADD(p->fix, "Linux 5.8 or later (5.12 for sysfs and procfs)");
	}
}

/* Is iomem=relaxed in effect? YES = relaxed. */
static void relaxed(const struct evidence *ev, struct piece *p, char *evid, size_t esize)
{
	p->yes = TRI_UNKNOWN;
	if (!ev->cmdline_known || ev->iomem_relaxed == TRI_UNKNOWN) {
		ADD(p->why, "/proc/cmdline unreadable: is iomem=relaxed set?");
		return;
	}
	p->yes = ev->iomem_relaxed;
	if (p->yes == TRI_YES) {
		ADD(p->why, "iomem=relaxed on the boot line turns revocation off");
		ADD(p->fix, "drop iomem=relaxed from the boot line and reboot");
		verdict_adde(evid, esize, "iomem=relaxed");
	}
}

/* Revocation through the iomem address_space for one door, ignoring lockdown. */
void verdict_iomem_revocation(const struct evidence *ev, enum pcr_door door,
			      struct door_verdict *v)
{
	struct piece built = {}, era = {}, rel = {};
	const struct piece *nos[3];
	size_t nno = 0;

	revoke_built(ev, &built, v->evidence, sizeof(v->evidence));
	if (door == DOOR_DEVMEM)
		devmem_era(ev, &era, v->evidence, sizeof(v->evidence));
	else
		shared_mapping(ev, &era, v->evidence, sizeof(v->evidence));
	relaxed(ev, &rel, v->evidence, sizeof(v->evidence));

	if (built.yes == TRI_NO)
		nos[nno++] = &built;
	if (era.yes == TRI_NO)
		nos[nno++] = &era;
	if (rel.yes == TRI_YES)
		nos[nno++] = &rel;
	if (nno > 0) {
		v->status = DOOR_INACTIVE;
		for (size_t i = 0; i < nno; i++) {
			ADD(v->reason, "%s", nos[i]->why);
			ADD(v->fix, "%s", nos[i]->fix);
		}
		return;
	}
	if (built.yes == TRI_YES && era.yes == TRI_YES && rel.yes == TRI_NO) {
		v->status = DOOR_ACTIVE;
		ADD(v->reason,
		    "a driver's claim of a region zaps %s mappings of it "
		    "(CONFIG_IO_STRICT_DEVMEM=y, no iomem=relaxed%s)",
		    door == DOOR_DEVMEM	  ? "/dev/mem"
		    : door == DOOR_SYSFS  ? "resourceN"
		    : door == DOOR_PROCFS ? "/proc/bus/pci"
					  : "legacy_mem",
		    door == DOOR_DEVMEM ? "" : ", shared iomem address space");
		if (arch_x86(ev))
			ADD(v->reason, "not regions wholly below 1 MiB");
		return;
	}
	v->status = DOOR_UNKNOWN;
	if (built.yes == TRI_UNKNOWN)
		ADD(v->reason, "%s", built.why);
	if (era.yes == TRI_UNKNOWN)
		ADD(v->reason, "%s", era.why);
	if (rel.yes == TRI_UNKNOWN)
		ADD(v->reason, "%s", rel.why);
}

static const char *lockdown_src(const struct evidence *ev)
{
	return ev->lockdown_source ? ev->lockdown_source : "?";
}

/*
 * Apply lockdown to a door whose revocation verdict is in *v and which exists: blocked
 * when lockdown >= integrity. Unknown lockdown leaves an active door active (blocked
 * would be as good) but makes an inactive one unknown.
 */
static void apply_lockdown(const struct evidence *ev, struct door_verdict *v,
			   const char *what)
{
	struct door_verdict under = *v;

	if (ev->lockdown >= LOCKDOWN_INTEGRITY) {
		v->status = DOOR_BLOCKED;
		v->reason[0] = v->fix[0] = '\0';
		ADD(v->reason, "lockdown %s%s (from %s) refuses %s; older mappings stay",
		    ev->lockdown_min ? ">= " : "", lockdown_level_name(ev->lockdown),
		    lockdown_src(ev), what);
		ADDE(v->evidence, "lockdown=%s", lockdown_level_name(ev->lockdown));
		if (under.status == DOOR_ACTIVE)
			ADD(v->reason, "revocation is active too");
		else if (under.status == DOOR_INACTIVE || under.status == DOOR_UNKNOWN)
			ADD(v->reason, "revocation itself is %s: %s",
			    door_status_name(under.status), under.reason);
		if (under.status == DOOR_INACTIVE)
			ADD(v->fix,
			    "none while lockdown stays on; for revocation too: %s",
			    under.fix);
		return;
	}
	if (ev->lockdown == LOCKDOWN_UNKNOWN && under.status == DOOR_INACTIVE) {
		v->status = DOOR_UNKNOWN;
		v->reason[0] = '\0';
		ADD(v->reason,
		    "lockdown state unknown (no securityfs, no probe, no config), and "
		    "revocation is inactive: %s",
		    under.reason);
	}
}

/*
 * The common end of a door that exists in this kernel: lockdown first (it refuses new
 * mappings whatever the files say), then whether the door's files are here, then
 * lockdown's effect on the revocation verdict.
 */
void verdict_finish_door(const struct evidence *ev, struct door_verdict *v, bool present,
			 const char *what, const char *absent,
			 const char *absent_evidence)
{
	if (ev->lockdown < LOCKDOWN_INTEGRITY && !present) {
		v->status = DOOR_UNAVAILABLE;
		v->reason[0] = v->fix[0] = v->evidence[0] = '\0';
		ADD(v->reason, "%s", absent);
		ADDE(v->evidence, "%s", absent_evidence);
		return;
	}
	apply_lockdown(ev, v, what);
}

/*
 * Where I/O BARs can be mapped (arch_can_pci_mmap_io()), say that those mappings are never
 * revoked: a driver claims I/O ports with request_region() on ioport_resource, and only a
 * claim on iomem_resource zaps anything. The status stays that of memory BARs (what the
 * door's JSON contract has always described); audit judges each I/O mapping on its own.
 */
void verdict_io_bars(const struct evidence *ev, struct door_verdict *v, const char *files)
{
	if (!arch_can_pci_mmap_io(ev->arch))
		return;
	ADD(v->reason,
	    "I/O BARs mapped through %s are never revoked (a claim of I/O ports zaps "
	    "nothing): exposed before a driver claims them, a conflict after",
	    files);
}

static void door_devmem(const struct evidence *ev, struct door_verdict *v)
{
	if (ev->config_source && ev->devmem == TRI_NO) {
		v->status = DOOR_UNAVAILABLE;
		ADD(v->reason, "CONFIG_DEVMEM is not set: this kernel has no /dev/mem");
		ADDE(v->evidence, "CONFIG_DEVMEM=n");
		return;
	}
	verdict_iomem_revocation(ev, DOOR_DEVMEM, v);
	verdict_finish_door(ev, v, ev->has_devmem, "opening /dev/mem", "no /dev/mem here",
			    "/dev/mem absent");
}

static void door_sysfs(const struct evidence *ev, struct door_verdict *v)
{
	if (arch_s390(ev) && verdict_kver_known(ev) && !verdict_kver_ge(ev, 6, 15) &&
	    !ev->has_sysfs_resource) {
		v->status = DOOR_UNAVAILABLE;
		ADD(v->reason, "s390 has sysfs BAR mmap only from 6.15");
		return;
	}
	if (arch_alpha(ev)) {
		/* alpha's own resourceN_{dense,sparse} files set no f_mapping */
		v->status = DOOR_INACTIVE;
		ADD(v->reason,
		    "alpha's resourceN_dense/resourceN_sparse files are never revoked "
		    "(they set no f_mapping)");
		ADDE(v->evidence, "arch %s", ev->arch);
	} else {
		verdict_iomem_revocation(ev, DOOR_SYSFS, v);
		verdict_io_bars(ev, v, "resourceN");
	}
	verdict_finish_door(ev, v, ev->has_sysfs_resource, "new mmaps of resourceN",
			    "no resourceN file under /sys/bus/pci/devices",
			    "no resourceN files");
}

static void door_procfs(const struct evidence *ev, struct door_verdict *v)
{
	if (ev->arch[0] && !arch_have_pci_mmap(ev->arch)) {
		v->status = DOOR_UNAVAILABLE;
		ADD(v->reason, "%s has no /proc/bus/pci mmap (no HAVE_PCI_MMAP)",
		    ev->arch);
		ADDE(v->evidence, "arch %s", ev->arch);
		return;
	}
	verdict_iomem_revocation(ev, DOOR_PROCFS, v);
	verdict_io_bars(ev, v, "/proc/bus/pci (PCIIOC_MMAP_IS_IO)");
	verdict_finish_door(ev, v, ev->has_procfs_pci, "/proc/bus/pci mmap",
			    "no /proc/bus/pci device files here", "/proc/bus/pci absent");
}

void verdict_compute(const struct evidence *ev, struct door_verdict out[DOOR_MAX])
{
	static void (*const fn[DOOR_MAX])(const struct evidence *,
					  struct door_verdict *) = {
		[DOOR_DEVMEM] = door_devmem,	 [DOOR_SYSFS] = door_sysfs,
		[DOOR_PROCFS] = door_procfs,	 [DOOR_LEGACY] = verdict_door_legacy,
		[DOOR_VFIO] = verdict_door_vfio, [DOOR_UIO] = verdict_door_uio,
	};

	for (unsigned d = 0; d < DOOR_MAX; d++) {
		memset(&out[d], 0, sizeof(out[d]));
		out[d].door = (enum pcr_door)d;
		out[d].status = DOOR_UNKNOWN;
		fn[d](ev, &out[d]);
		/* (the legacy row gives its own fix: lockdown does not cover it) */
		if (d < DOOR_LEGACY && out[d].status == DOOR_INACTIVE)
			ADD(out[d].fix, "%s", FIX_MEANWHILE);
	}
}

bool verdict_revokes_range(const struct evidence *ev, const struct door_verdict *v,
			   uint64_t start, uint64_t end)
{
	(void)start;
	if (v->status != DOOR_ACTIVE)
		return false;
	if (v->door == DOOR_VFIO || v->door == DOOR_UIO)
		return true;
	/* x86 devmem_is_allowed() permits pfn < 256 even when exclusive: no zap there */
	if (arch_x86(ev) && end < 0x100000)
		return false;
	return true;
}
