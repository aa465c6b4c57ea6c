// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Attribution of the mappings that a driver hands out itself, VFIO and UIO: which device
 * and BAR a region or a UIO map reaches.
 */
#include <inttypes.h>
#include <string.h>

#include "attribute-internal.h"
#include "attribute.h"

static void note_region(struct attribution *a, enum vfio_encoding enc, int bar)
{
	const char *how =
		enc == VFIO_ENC_PHYS ? "physical offset, before 6.10" : "region encoding";

	if (bar < 0 && enc == VFIO_ENC_PHYS)
		note(a, "physical offset, before 6.10");
	else if (bar < 0)
		note(a, "region unknown");
	else if (bar <= 5)
		note(a, "BAR%d (%s)", bar, how);
	else if (bar == 6)
		note(a, "region 6 = ROM (%s)", how);
	else if (bar == 7)
		note(a, "region 7 = config space (%s)", how);
	else if (bar == 8)
		note(a, "region 8 = VGA (%s)", how);
	else
		note(a, "region %d (device-specific)", bar);
}

/*
 * A process holding several VFIO devices: all their VMAs share one anon inode and
 * nothing ties a VMA to its descriptor, but the offset does name a region (6.10+) or an
 * address (before 6.10) that a BAR of only one of the devices may hold. That device, or
 * NULL when none or several fit.
 */
static const struct pcr_device *vfio_pick_device(const struct pcr_mapping *m,
						 const struct pcr_inventory *inv,
						 const struct evidence *ev)
{
	const struct pcr_device *found = NULL;
	uint64_t len = m->vma_end - m->vma_start, phys;

	if (m->vfio_nslots > PCR_VFIO_SLOTS)
		return NULL; /* more devices than were kept */
	for (unsigned i = 0; i < m->vfio_nslots; i++) {
		const struct pcr_device *dev = inventory_find_slot(inv, m->vfio_slots[i]);
		bool phys_known;
		int bar;

		if (!dev)
			return NULL; /* a device we cannot see might fit too */
		vfio_decode(m->offset, len, dev, ev, &bar, &phys_known, &phys);
		if (bar < 0 || bar > 5 || !phys_known || !device_bar(dev, bar))
			continue;
		if (found)
			return NULL;
		found = dev;
	}
	return found;
}

/*
 * VFIO: the offset column is the region encoding (6.10+) or the BAR's CPU physical
 * address (before 6.10); vfio_decode() tells them apart with the device's BARs and the
 * kernel version.
 */
void attribute_vfio(const struct pcr_mapping *m, const struct pcr_inventory *inv,
		    const struct evidence *ev, struct attribution *a)
{
	uint64_t len = m->vma_end - m->vma_start, phys = 0;
	const struct pcr_device *dev = NULL;
	enum vfio_encoding enc;
	const struct pcr_bar *b;
	bool phys_known;
	int bar;

	a->manager = "vfio";
	if (m->door.has_slot)
		dev = inventory_find_slot(inv, m->door.slot);
	else if (m->slot_ambiguous)
		dev = vfio_pick_device(m, inv, ev);
	enc = vfio_decode(m->offset, len, dev, ev, &bar, &phys_known, &phys);
	note_region(a, enc, bar);
	if (m->slot_ambiguous && dev)
		note(a, "device told by its BAR among the process's %u VFIO devices",
		     m->vfio_nslots);
	else if (m->slot_ambiguous)
		note(a, "process holds several VFIO devices");
	else if (m->slot_from_group)
		note(a, "device from the VFIO group");
	if (phys_known) {
		a->phys_known = true;
		a->phys_start = phys;
		a->phys_end = phys + (len ? len : 1) - 1;
		if (a->phys_end < a->phys_start)
			a->phys_end = UINT64_MAX;
	}
	if (bar >= 0 && bar <= 5)
		a->bar_no = bar;
	if (!dev && phys_known) {
		/* a physical offset (before 6.10) names the BAR by itself */
		b = inventory_find_bar(inv, a->phys_start, a->phys_end, &dev);
		if (b && dev) {
			note(a, "device from the BAR's address");
			set_bar(a, dev, b);
			return;
		}
	}
	if (!m->door.has_slot && !dev) {
		if (!m->slot_ambiguous)
			note(a, "device unknown");
		a->claim_state = CLAIM_UNKNOWN;
		return;
	}
	a->slot = dev ? dev->slot : m->door.slot;
	if (!dev) {
		a->claim_state = CLAIM_UNKNOWN;
		return;
	}
	set_device(a, dev);
	b = bar >= 0 && bar <= 5 ? device_bar(dev, bar) : NULL;
	if (!b || !bar_assigned(b)) {
		a->claim_state = CLAIM_UNKNOWN;
		return;
	}
	set_bar(a, dev, b);
}

void attribute_uio(const struct pcr_mapping *m, const struct pcr_inventory *inv,
		   struct attribution *a)
{
	const struct pcr_bar *b = NULL;

	a->manager = "uio";
	if (m->uio_map_known)
		note(a, "uio map %u", m->uio_map);
	if (m->door.has_slot) {
		a->slot = m->door.slot;
		a->dev = inventory_find_slot(inv, m->door.slot);
		if (a->dev)
			set_device(a, a->dev);
	}
	if (!m->uio_map_known) {
		a->claim_state = CLAIM_UNKNOWN;
		return;
	}
	a->phys_known = true;
	a->phys_start = m->uio_addr;
	a->phys_end = m->uio_addr + (m->vma_end - m->vma_start) - 1;
	if (a->dev)
		b = device_bar_containing(a->dev, a->phys_start, a->phys_end);
	if (b)
		set_bar(a, a->dev, b);
	else
		attribute_phys(a, inv);
	/*
	 * The UIO device is gone (its driver unbound) but the mapping lives on, and UIO
	 * revokes nothing: once another driver claims the BAR, process and driver share it.
	 */
	if (!m->door.has_slot && a->claim_state == CLAIM_CLAIMED && a->claim &&
	    !strstr(a->claim, "uio")) {
		a->manager = NULL;
		note(a, "the UIO device is gone; its BAR is %s's now", a->claim);
	}
}
