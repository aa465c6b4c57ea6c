// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The parts of attribution beyond memory BARs at their CPU address: how a VFIO
 * mapping's offset column encodes the region, and what a process's death by SIGBUS
 * says about its mappings. Pure.
 */
#include <signal.h>

#include "attribute.h"

#define VFIO_OFFSET_SHIFT                                                                \
	40		  /* VFIO_PCI_OFFSET_SHIFT, a vfio-pci implementation detail  \
			      */
#define VFIO_REGION_MAX 8 /* BAR0-5, ROM 6, config 7, VGA 8; device-specific beyond */

static const struct pcr_bar *bar_no(const struct pcr_device *dev, unsigned no)
{
	for (unsigned i = 0; dev && i < dev->nbars; i++)
		if (dev->bars[i].kind == RES_BAR && dev->bars[i].sub == no &&
		    dev->bars[i].valid && dev->bars[i].end > dev->bars[i].start)
			return &dev->bars[i];
	return NULL;
}

static const struct pcr_bar *bar_holding(const struct pcr_device *dev, uint64_t start,
					 uint64_t end)
{
	for (unsigned i = 0; dev && i < dev->nbars; i++) {
		const struct pcr_bar *b = &dev->bars[i];

		if (b->kind == RES_BAR && b->valid && (b->flags & IORES_MEM) &&
		    b->end > b->start && b->start <= start && end <= b->end)
			return b;
	}
	return NULL;
}

enum vfio_encoding vfio_decode(uint64_t offset, uint64_t len,
			       const struct pcr_device *dev, const struct evidence *ev,
			       int *ret_bar, bool *ret_phys_known, uint64_t *ret_phys)
{
	uint64_t region = offset >> VFIO_OFFSET_SHIFT;
	uint64_t roff = offset & ((1ULL << VFIO_OFFSET_SHIFT) - 1);
	const struct pcr_bar *rb = NULL, *pb;
	bool region_fits, phys_fits, pre610;

	if (len == 0)
		len = 1;
	*ret_bar = -1;
	*ret_phys_known = false;
	if (region <= 5)
		rb = bar_no(dev, (unsigned)region);
	region_fits = rb && roff <= rb->end - rb->start &&
		      len - 1 <= rb->end - rb->start - roff;
	pb = offset + (len - 1) >= offset ? bar_holding(dev, offset, offset + len - 1)
					  : NULL;
	phys_fits = pb != NULL;
	pre610 = ev && ev->kver_major > 0 &&
		 (ev->kver_major < 6 || (ev->kver_major == 6 && ev->kver_minor < 10));

	if (phys_fits && (!region_fits || pre610)) {
		*ret_bar = (int)pb->sub;
		*ret_phys_known = true;
		*ret_phys = offset;
		return VFIO_ENC_PHYS;
	}
	if (region_fits) {
		*ret_bar = (int)region;
		*ret_phys_known = true;
		*ret_phys = rb->start + roff;
		return VFIO_ENC_REGION;
	}
	/* nothing fits (BARs unknown): the version says how to read it */
	if (pre610) {
		*ret_phys_known = true;
		*ret_phys = offset;
		return VFIO_ENC_PHYS;
	}
	if (region <= VFIO_REGION_MAX || (ev && ev->kver_major > 0)) {
		*ret_bar = (int)region;
		return VFIO_ENC_REGION;
	}
	return VFIO_ENC_UNKNOWN;
}

bool exit_killed_by_revocation(int exit_code, enum map_state state, enum map_via via,
			       enum claim_state claim_now)
{
	bool killed = (exit_code & 0x7f) != 0 && (exit_code & 0x7f) != 0x7f;

	if (!killed || (exit_code & 0x7f) != SIGBUS)
		return false;
	/* the doors whose mappings a claim zaps (not VFIO/UIO, not I/O ports) */
	if (via != VIA_SYSFS && via != VIA_SYSFS_WC && via != VIA_PROCFS &&
	    via != VIA_DEVMEM && via != VIA_LEGACY_MEM)
		return false;
	return (state == MAP_REVOCABLE || state == MAP_REVOKED) &&
	       claim_now == CLAIM_CLAIMED;
}
