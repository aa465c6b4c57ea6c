// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The verdicts of the doors beyond /dev/mem, resourceN and /proc/bus/pci: the legacy
 * files of PCI buses, VFIO and UIO. Pure, like verdict.c.
 *
 * The legacy row covers two files that the kernel treats differently:
 * - legacy_mem maps ISA memory through the iomem address_space (5.12; its mapping was
 *   only set from 5.14-rc7 and the stable releases with that fix): a driver's claim of
 *   the memory revokes it like a resourceN mapping;
 * - legacy_io maps I/O ports, and a claim of I/O ports (request_region() on
 *   ioport_resource) never revokes anything: a legacy_io mapping stays live after a
 *   driver claims the ports, on every kernel. On powerpc kernels with 64 KiB pages it
 *   cannot be mapped at all (the 64 KiB I/O window is smaller than one page past the
 *   offset: every mmap fails with ENXIO).
 * Neither file's mmap checks lockdown, so lockdown=integrity blocks neither: the row is
 * never "blocked". Its status is the worse of the files that can be mapped: "inactive"
 * wherever legacy_io can be mapped, else legacy_mem's own verdict; the reason speaks of
 * each file.
 */
#include <stdio.h>
#include <string.h>

#include "verdict-internal.h"

/* legacy_mem got its iomem mapping only with 045a9277b561 (5.14-rc7, stable). */
static bool legacy_mem_broken(const struct evidence *ev)
{
	if (!verdict_kver_known(ev) || !verdict_kver_ge(ev, 5, 12))
		return false;
	if (ev->kver_major == 5 && (ev->kver_minor == 12 || ev->kver_minor == 13))
		return true;
	return ev->kver_major == 5 && ev->kver_minor == 14 && ev->kver_rc > 0 &&
	       ev->kver_rc < 7;
}

void verdict_legacy_mem(const struct evidence *ev, struct door_verdict *v)
{
	memset(v, 0, sizeof(*v));
	v->door = DOOR_LEGACY;
	v->status = DOOR_UNKNOWN;
	verdict_iomem_revocation(ev, DOOR_LEGACY, v);
	if (v->status == DOOR_ACTIVE && legacy_mem_broken(ev)) {
		v->status = DOOR_INACTIVE;
		v->reason[0] = '\0';
		ADD(v->reason,
		    "legacy_mem is not revoked: Linux %u.%u%s set legacy_io's mapping "
		    "twice "
		    "(fixed by 045a9277b561 in 5.14-rc7 and some stable releases)",
		    ev->kver_major, ev->kver_minor, ev->kver_rc ? "-rc" : "");
		ADD(v->fix, "Linux 5.14 or a stable kernel with 045a9277b561");
		ADDE(v->evidence, "kernel %u.%u", ev->kver_major, ev->kver_minor);
	}
}

/* Can legacy_io be mapped here? NO with 64 KiB pages on powerpc, UNKNOWN when unsure. */
static enum tristate legacy_io_mappable(const struct evidence *ev)
{
	if (!arch_is_powerpc(ev->arch))
		return ev->arch[0] ? TRI_YES : TRI_UNKNOWN;
	if (ev->page_64k == TRI_YES)
		return TRI_NO;
	return ev->page_64k == TRI_NO ? TRI_YES : TRI_UNKNOWN;
}

void verdict_door_legacy(const struct evidence *ev, struct door_verdict *v)
{
	struct door_verdict mem;
	enum tristate io;

	if (ev->arch[0] && !arch_have_pci_legacy(ev->arch)) {
		v->status = DOOR_UNAVAILABLE;
		ADD(v->reason, "legacy_io/legacy_mem exist only on alpha and powerpc");
		ADDE(v->evidence, "arch %s", ev->arch);
		return;
	}
	if (!ev->has_legacy) {
		v->status = DOOR_UNAVAILABLE;
		ADD(v->reason, "no legacy_io/legacy_mem file under /sys/class/pci_bus");
		ADDE(v->evidence, "no legacy files");
		return;
	}
	verdict_legacy_mem(ev, &mem);
	io = legacy_io_mappable(ev);
	if (io == TRI_NO) {
		v->status = mem.status;
		ADD(v->reason,
		    "legacy_io: unavailable: with 64 KiB pages (%s) every mmap of it "
		    "fails "
		    "(ENXIO)",
		    ev->page_size_source ? ev->page_size_source : "?");
		ADDE(v->evidence, "%s",
		     ev->page_size_source ? ev->page_size_source : "64K pages");
	} else {
		v->status = DOOR_INACTIVE;
		ADD(v->reason,
		    "legacy_io: never revoked (a claim of I/O ports zaps nothing): a "
		    "mapping "
		    "stays live after a driver claims the ports%s",
		    io == TRI_UNKNOWN
			    ? " (unless 64 KiB pages make it unmappable: page size "
			      "unknown)"
			    : "");
		ADD(v->fix,
		    "keep processes from mapping legacy_io: no kernel setting revokes "
		    "it, and lockdown does not refuse it");
		if (ev->page_size_source)
			ADDE(v->evidence, "%s", ev->page_size_source);
	}
	if (mem.status == DOOR_ACTIVE)
		ADD(v->reason, "legacy_mem: revoked like memory BARs (%s)", mem.evidence);
	else
		ADD(v->reason, "legacy_mem: %s%s%s", door_status_name(mem.status),
		    mem.reason[0] ? ": " : "", mem.reason);
	if (mem.status == DOOR_INACTIVE)
		ADD(v->fix, "for legacy_mem: %s", mem.fix);
	if (mem.evidence[0])
		ADDE(v->evidence, "%s", mem.evidence);
	if (ev->lockdown >= LOCKDOWN_INTEGRITY) {
		ADD(v->reason,
		    "lockdown %s does not cover legacy_io/legacy_mem (their mmap has no "
		    "lockdown check)",
		    lockdown_level_name(ev->lockdown));
		ADDE(v->evidence, "lockdown=%s", lockdown_level_name(ev->lockdown));
	}
}

void verdict_door_vfio(const struct evidence *ev, struct door_verdict *v)
{
	if (!ev->has_vfio) {
		v->status = DOOR_UNAVAILABLE;
		ADD(v->reason, "no /dev/vfio here");
		ADDE(v->evidence, "/dev/vfio absent");
		return;
	}
	v->status = DOOR_ACTIVE;
	ADD(v->reason,
	    "in vfio-pci's own sense: it zaps its users' BAR mappings on reset, FLR, "
	    "D3 and when memory decoding is disabled, and its own region claim revokes "
	    "other doors' mappings; iomem revocation never touches VFIO mappings");
	ADDE(v->evidence, "/dev/vfio present");
	if (ev->sym_vfio_zap)
		ADDE(v->evidence, "kallsyms: vfio-pci zap");
}

/*
 * UIO never revokes its mappings (uio.c has no zap), so the row is "inactive". But a
 * /dev/uioN mapping exists only while a UIO driver holds the device, which keeps every
 * other driver off it: such a mapping is the UIO user's own access (audit: "managed"),
 * not an exposure of a driver-claimed BAR, and `check` does not count this row as a
 * finding (cmd-check.c). uio_pci_generic claims no region: what its users (DPDK) map
 * through resourceN is judged as sysfs, and revoked when the real driver binds.
 */
void verdict_door_uio(const struct evidence *ev, struct door_verdict *v)
{
	if (!ev->has_uio) {
		v->status = DOOR_UNAVAILABLE;
		ADD(v->reason, "no /dev/uio* here");
		ADDE(v->evidence, "/dev/uio* absent");
		return;
	}
	v->status = DOOR_INACTIVE;
	ADD(v->reason,
	    "UIO never revokes /dev/uioN mappings, but they exist only while a UIO "
	    "driver "
	    "holds the device (no other driver can claim it): audit shows them as "
	    "managed, "
	    "not a finding; uio_pci_generic claims no region, so its users' resourceN "
	    "mappings are judged as sysfs (revoked when the real driver binds)");
	ADDE(v->evidence, "/dev/uio* present");
}
