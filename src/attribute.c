// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "attribute-internal.h"
#include "attribute.h"
#include "macro.h"

/* ---- verdicts ---- */

void map_verdicts_compute(const struct evidence *ev, struct map_verdicts *ret)
{
	struct evidence open = *ev;

	verdict_compute(ev, ret->door);
	/* the same engine, as if nothing refused new mappings and every door existed */
	open.lockdown = LOCKDOWN_NONE;
	open.lockdown_min = false;
	open.has_devmem = open.has_procfs_pci = open.has_sysfs_resource =
		open.has_legacy = open.has_vfio = open.has_uio = true;
	verdict_compute(&open, ret->existing);
	verdict_legacy_mem(ev, &ret->legacy_mem);
}

enum door_status map_door_status(const struct map_verdicts *mv, enum pcr_door d)
{
	enum door_status s;

	if (d >= DOOR_MAX)
		return DOOR_UNKNOWN;
	s = mv->door[d].status;
	if (s == DOOR_BLOCKED || s == DOOR_UNAVAILABLE) {
		s = mv->existing[d].status;
		if (s == DOOR_BLOCKED || s == DOOR_UNAVAILABLE)
			s = DOOR_UNKNOWN;
	}
	return s;
}

/* ---- inventory lookups ---- */

const struct pcr_bar *device_bar(const struct pcr_device *dev, int no)
{
	if (!dev || no < 0)
		return NULL;
	for (unsigned i = 0; i < dev->nbars; i++)
		if (dev->bars[i].kind == RES_BAR && dev->bars[i].sub == (unsigned)no &&
		    dev->bars[i].valid)
			return &dev->bars[i];
	return NULL;
}

bool bar_assigned(const struct pcr_bar *b)
{
	return b->valid && b->end > b->start;
}

const struct pcr_bar *device_bar_containing(const struct pcr_device *dev, uint64_t start,
					    uint64_t end)
{
	if (!dev)
		return NULL;
	for (unsigned i = 0; i < dev->nbars; i++) {
		const struct pcr_bar *b = &dev->bars[i];

		if (b->kind == RES_BAR && bar_assigned(b) && b->start <= start &&
		    end <= b->end)
			return b;
	}
	return NULL;
}

void set_bar(struct attribution *a, const struct pcr_device *dev, const struct pcr_bar *b)
{
	a->dev = dev;
	a->slot = dev->slot;
	a->driver = dev->driver;
	a->bar = b;
	a->bar_no = (int)b->sub;
	a->claim_state = b->claim_state;
	a->claim = b->claim_state == CLAIM_CLAIMED ? b->claim : NULL;
	if (b->flags & IORES_IO) {
		/* ports: the mapping is a page holding them, at the window's CPU address */
		a->io_space = true;
		if (a->phys_known && b->io_cpu_known &&
		    b->io_cpu_start <= a->phys_start &&
		    a->phys_start <= b->io_cpu_start + (b->end - b->start)) {
			a->bar_offset_known = true;
			a->bar_offset = a->phys_start - b->io_cpu_start;
		}
		return;
	}
	if (a->phys_known && b->start <= a->phys_start && a->phys_end <= b->end) {
		a->bar_offset_known = true;
		a->bar_offset = a->phys_start - b->start;
	}
}

void set_device(struct attribution *a, const struct pcr_device *dev)
{
	a->dev = dev;
	a->slot = dev->slot;
	a->driver = dev->driver;
}

void note(struct attribution *a, const char *fmt, ...)
{
	size_t l = strlen(a->note);
	va_list ap;

	if (l && l < sizeof(a->note) - 2) {
		a->note[l++] = ';';
		a->note[l++] = ' ';
		a->note[l] = '\0';
	}
	va_start(ap, fmt);
	vsnprintf(a->note + l, sizeof(a->note) - l, fmt, ap);
	va_end(ap);
}

/* The memory BARs (and ROMs) a range overlaps: how many, of which devices, claimed? */
struct overlap {
	const struct pcr_device *only; /* the device, unless several */
	unsigned nbars;
	bool claimed, unknown, several_devs;
	const char *claim; /* the first claim's name */
};

static void overlapping_bars(const struct attribution *a, const struct pcr_inventory *inv,
			     struct overlap *o)
{
	*o = (struct overlap){};
	for (unsigned d = 0; d < inv->ndevs; d++) {
		const struct pcr_device *dev = &inv->devs[d];

		for (unsigned j = 0; j < dev->nbars; j++) {
			const struct pcr_bar *b = &dev->bars[j];

			/* I/O ports are no memory: never compare them with it */
			if ((b->kind != RES_BAR && b->kind != RES_ROM) ||
			    (b->flags & IORES_IO) || !bar_assigned(b) ||
			    b->end < a->phys_start || b->start > a->phys_end)
				continue;
			o->nbars++;
			if (o->only && o->only != dev)
				o->several_devs = true;
			o->only = dev;
			if (b->claim_state == CLAIM_CLAIMED) {
				if (!o->claimed)
					o->claim = b->claim;
				o->claimed = true;
			} else if (b->claim_state == CLAIM_UNKNOWN) {
				o->unknown = true;
			}
		}
	}
}

/* Memory that is no BAR: the kernel's own (RAM, ROM, firmware) or nobody's. */
static void attribute_not_bar(struct attribution *a, const struct pcr_inventory *inv)
{
	if (a->covers) {
		/* free space inside a bridge window is nobody's */
		if (startswith(a->covers, "PCI Bus")) {
			a->claim_state = CLAIM_UNCLAIMED;
		} else {
			a->claim_state = CLAIM_CLAIMED;
			a->claim = a->covers;
			a->kernel_owned = true;
			a->not_bar = true;
		}
		note(a, "not a BAR: %s", a->covers);
		return;
	}
	/* no single entry holds it: claimed if it overlaps any top-level resource */
	for (size_t k = 0; k < inv->iomem.n; k++) {
		const struct iomem_entry *e = &inv->iomem.entries[k];

		if (e->depth == 0 && e->start <= a->phys_end && e->end >= a->phys_start &&
		    !startswith(e->name, "PCI Bus")) {
			a->claim_state = CLAIM_CLAIMED;
			a->claim = a->covers = e->name;
			a->kernel_owned = true;
			a->not_bar = true;
			note(a, "not a BAR: %s and more (overlaps several resources)",
			     e->name);
			return;
		}
	}
	a->claim_state = CLAIM_UNCLAIMED;
	note(a, "not a BAR; no resource there");
}

/*
 * A physical range that no single BAR holds: several BARs (report the device when they
 * share one, claimed when any is), or memory that is no BAR at all (System RAM, ACPI
 * tables: the kernel's own, reported with its iomem name).
 */
static void attribute_range(struct attribution *a, const struct pcr_inventory *inv)
{
	struct overlap o;
	int i;

	overlapping_bars(a, inv, &o);
	if (inv->iomem_ok) {
		i = iomem_find(&inv->iomem, a->phys_start, a->phys_end);
		if (i >= 0)
			a->covers = inv->iomem.entries[i].name;
	}
	if (o.nbars > 0) {
		if (!o.several_devs)
			set_device(a, o.only);
		note(a, "spans %u BARs%s", o.nbars,
		     o.several_devs ? " of several devices" : "");
		a->claim_state = o.claimed   ? CLAIM_CLAIMED
				 : o.unknown ? CLAIM_UNKNOWN
					     : CLAIM_UNCLAIMED;
		a->claim = o.claim;
		return;
	}
	if (!inv->iomem_ok) {
		a->claim_state = CLAIM_UNKNOWN;
		return;
	}
	attribute_not_bar(a, inv);
}

void attribute_phys(struct attribution *a, const struct pcr_inventory *inv)
{
	const struct pcr_device *dev = NULL;
	const struct pcr_bar *b;

	b = inventory_find_bar(inv, a->phys_start, a->phys_end, &dev);
	if (b && dev)
		set_bar(a, dev, b);
	else
		attribute_range(a, inv);
}

/* sysfs resourceN: the file names device and BAR; the offset is the CPU address. */
static void attribute_sysfs(const struct pcr_mapping *m, const struct pcr_inventory *inv,
			    struct attribution *a)
{
	const struct pcr_bar *b;

	a->slot = m->door.slot;
	a->bar_no = m->door.bar;
	a->dev = inventory_find_slot(inv, m->door.slot);
	if (!a->dev) {
		note(a, "device not in the inventory");
		return;
	}
	set_device(a, a->dev);
	b = device_bar(a->dev, m->door.bar);
	if (!b) {
		note(a, "BAR%d not in the device's resource file", m->door.bar);
		return;
	}
	set_bar(a, a->dev, b);
	if (a->io_space)
		note(a, "I/O ports");
	else if (!a->bar_offset_known)
		note(a, "offset outside BAR%d", m->door.bar);
}

/* The device's one I/O BAR holding the mapping: at its CPU address, or the only one. */
static const struct pcr_bar *device_io_bar(const struct pcr_device *dev,
					   const struct attribution *a, bool *guessed)
{
	const struct pcr_bar *only = NULL;
	unsigned n = 0;

	*guessed = false;
	for (unsigned i = 0; i < dev->nbars; i++) {
		const struct pcr_bar *b = &dev->bars[i];

		if (b->kind != RES_BAR || !bar_assigned(b) || !(b->flags & IORES_IO))
			continue;
		if (b->io_cpu_known && b->io_cpu_start <= a->phys_end &&
		    b->io_cpu_start + (b->end - b->start) >= a->phys_start)
			return b;
		if (!b->io_cpu_known) {
			only = b;
			n++;
		}
	}
	*guessed = n == 1;
	return n == 1 ? only : NULL;
}

/* /proc/bus/pci: the file names the device; the offset says which BAR. */
static void attribute_procfs(const struct pcr_mapping *m, const struct pcr_inventory *inv,
			     struct attribution *a)
{
	const struct pcr_bar *b;

	a->slot = m->door.slot;
	a->dev = inventory_find_slot(inv, m->door.slot);
	if (!a->dev) {
		note(a, "device not in the inventory");
		return;
	}
	set_device(a, a->dev);
	b = device_bar_containing(a->dev, a->phys_start, a->phys_end);
	if (!b && arch_can_pci_mmap_io(inv->arch)) {
		/* PCIIOC_MMAP_IS_IO: the page of the bridge's I/O window holding the BAR */
		bool guessed;

		b = device_io_bar(a->dev, a, &guessed);
		if (b && guessed)
			note(a, "the device's only I/O BAR (I/O window address unknown)");
	}
	if (b) {
		set_bar(a, a->dev, b);
		if (a->io_space)
			note(a, "I/O ports");
	} else {
		note(a, "offset outside the device's BARs");
		a->dev = NULL;
		attribute_phys(a, inv);
	}
}

/*
 * legacy_io: I/O ports of the bus's host bridge, at the CPU address of its I/O window.
 * Never revocable; the BAR whose ports the page holds names device and claim.
 */
static void attribute_legacy_io(const struct pcr_mapping *m,
				const struct pcr_inventory *inv, struct attribution *a)
{
	const struct pcr_device *dev = NULL;
	const struct pcr_bar *b;
	unsigned domain = 0, bus = 0;
	int dom = -1;

	a->io_space = true;
	if (m->door.has_slot && sscanf(m->door.slot, "%x:%x", &domain, &bus) == 2)
		dom = (int)domain;
	b = inventory_find_io_bar(inv, dom, a->phys_start, a->phys_end, &dev);
	if (b && dev) {
		set_bar(a, dev, b);
		note(a, "I/O ports");
		return;
	}
	a->claim_state = inv->ioports_ok ? CLAIM_UNCLAIMED : CLAIM_UNKNOWN;
	note(a, "I/O ports of no single BAR");
}

/* Where the mapping lies: device, BAR, physical range and claim, by door. */
static void locate(const struct pcr_mapping *m, const struct pcr_inventory *inv,
		   const struct evidence *ev, struct attribution *a)
{
	uint64_t len = m->vma_end - m->vma_start;

	if (len == 0)
		len = 1;
	switch (m->door.via) {
	case VIA_SYSFS:
	case VIA_SYSFS_WC:
	case VIA_PROCFS:
	case VIA_DEVMEM:
	case VIA_LEGACY_IO:
	case VIA_LEGACY_MEM:
		a->phys_known = true;
		a->phys_start = m->offset;
		a->phys_end = m->offset + len - 1;
		if (a->phys_end < a->phys_start) /* wrapped: garbage offset */
			a->phys_end = UINT64_MAX;
		break;
	default:
		break;
	}
	switch (m->door.via) {
	case VIA_SYSFS:
	case VIA_SYSFS_WC:
		attribute_sysfs(m, inv, a);
		break;
	case VIA_PROCFS:
		attribute_procfs(m, inv, a);
		break;
	case VIA_LEGACY_IO:
		note(a, "bus %s", m->door.slot);
		attribute_legacy_io(m, inv, a);
		break;
	case VIA_DEVMEM:
	case VIA_LEGACY_MEM:
		if (m->door.via != VIA_DEVMEM)
			note(a, "bus %s", m->door.slot);
		attribute_phys(a, inv);
		break;
	case VIA_VFIO:
		attribute_vfio(m, inv, ev, a);
		break;
	case VIA_UIO:
		attribute_uio(m, inv, a);
		break;
	default:
		break;
	}
}

/* The door's verdict as it applies to this mapping, and whether a claim would zap it. */
static void judge(const struct evidence *ev, const struct map_verdicts *mv,
		  enum pcr_door door, struct attribution *a)
{
	a->door_verdict = mv->door[door].status;
	a->door_status = map_door_status(mv, door);
	if (a->via == VIA_LEGACY_MEM) {
		/* the legacy row also speaks for legacy_io; legacy_mem is memory */
		a->door_status = mv->legacy_mem.status;
		if (a->door_status == DOOR_BLOCKED || a->door_status == DOOR_UNAVAILABLE)
			a->door_status = DOOR_UNKNOWN;
	}
	if (a->io_space) {
		/* request_region() on ioport_resource zaps nothing: never revocable */
		a->revocable = false;
		if (a->door_verdict == DOOR_BLOCKED)
			note(a, "lockdown refuses new mappings; this one predates it");
		return;
	}
	/* (VFIO and UIO: their own drivers mediate, the state says so) */
	if (!a->manager && a->door_verdict == DOOR_BLOCKED)
		note(a,
		     "lockdown refuses new mappings; this one predates it, revocation %s",
		     door_status_name(a->door_status));
	else if (!a->manager && a->door_verdict == DOOR_UNAVAILABLE)
		note(a, "the verdict saw no such door; revocation %s",
		     door_status_name(a->door_status));
	/*
	 * Memory the kernel took at boot (System RAM, ROMs, ACPI tables) is never claimed
	 * again, so nothing will revoke a mapping of it: the process shares it with the
	 * kernel now.
	 */
	if (a->door_status == DOOR_ACTIVE && !a->kernel_owned) {
		if (a->phys_known) {
			struct door_verdict v = mv->door[door];

			v.status = DOOR_ACTIVE;
			a->revocable =
				verdict_revokes_range(ev, &v, a->phys_start, a->phys_end);
		} else {
			a->revocable = true;
		}
	}
}

/* The state, from the claim, the verdict and revocability. */
static void settle(struct attribution *a)
{
	bool claimed = a->claim_state == CLAIM_CLAIMED;

	if (a->manager) {
		a->state = MAP_MANAGED;
		a->incomplete = false;
	} else if (a->not_bar) {
		a->state = MAP_UNATTRIBUTED;
		a->incomplete = false;
	} else if (a->claim_state == CLAIM_UNKNOWN ||
		   (!a->io_space && (a->door_status == DOOR_UNKNOWN ||
				     a->door_status >= DOOR_STATUS_MAX))) {
		a->state = MAP_UNKNOWN;
		a->incomplete = true;
	} else if (claimed) {
		a->state = a->revocable ? MAP_REVOKED : MAP_CONFLICT;
	} else {
		a->state = a->revocable ? MAP_REVOCABLE : MAP_EXPOSED;
	}
}

void attribute_mapping(const struct pcr_mapping *m, const struct pcr_inventory *inv,
		       const struct evidence *ev, const struct map_verdicts *mv,
		       struct attribution *ret)
{
	struct attribution a = {
		.via = m->door.via,
		.bar_no = -1,
		.claim_state = CLAIM_UNKNOWN,
		.door_status = DOOR_UNKNOWN,
	};
	enum pcr_door door = map_via_door(m->door.via);

	if (m->door.via == VIA_NONE || door >= DOOR_MAX) {
		a.state = MAP_UNATTRIBUTED;
		*ret = a;
		return;
	}
	locate(m, inv, ev, &a);
	judge(ev, mv, door, &a);
	settle(&a);
	*ret = a;
}
