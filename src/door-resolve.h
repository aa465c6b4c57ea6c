/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which device a VFIO or UIO mapping reaches (collect layer), read through the sysroot.
 * A VFIO device file's maps name says nothing of the device when it is an anon inode
 * ("anon_inode:[vfio-device]"), and a UIO mapping's offset selects one of the device's
 * memory regions; these functions find the rest. Nothing here opens a device.
 */
#ifndef PCR_DOOR_RESOLVE_H
#define PCR_DOOR_RESOLVE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "model.h"
#include "sysroot.h"

/*
 * The VFIO devices a process holds: the slots named by the fdinfo "vfio-device-syspath:"
 * of its VFIO device descriptors (anon_inode:[vfio-device] or /dev/vfio/devices/vfioN,
 * Linux 6.8+); without any, the devices of the IOMMU groups of its /dev/vfio/GROUP
 * descriptors (/sys/kernel/iommu_groups/N/devices).
 */
#define VFIO_HOLDER_MAX 8

struct vfio_holder {
	unsigned nslots; /* distinct devices found; 0 when none, >1 when ambiguous */
	char slot[VFIO_HOLDER_MAX][24]; /* the first VFIO_HOLDER_MAX of them */
	bool from_group; /* the last one was learnt from a group, not from fdinfo */
};

void vfio_holder_scan(const struct sysroot *sr, pid_t pid, struct vfio_holder *ret);

/*
 * The slot of a VFIO cdev /dev/vfio/devices/vfioN (its /sys/class/vfio-dev/vfioN/device
 * link) or of /dev/uioN (/sys/class/uio/uioN/device). 0 with slot filled, or a negative
 * errno.
 */
int vfio_dev_slot(const struct sysroot *sr, int index, char *slot, size_t size);
int uio_dev_slot(const struct sysroot *sr, int index, char *slot, size_t size);

/* One memory region of a UIO device: /sys/class/uio/uioN/maps/mapK. */
struct uio_map {
	unsigned index; /* K: the mapping's offset in pages */
	uint64_t addr,
		size;	 /* addr rounded down to its page, as uio_mmap_physical() maps */
	uint64_t offset; /* the region's offset in its page; 0 when not shown */
};

/*
 * The region that a mapping of /dev/uioN at file offset offset maps. 0; -ERANGE when the
 * offset selects no region a UIO device can have (MAX_UIO_MAPS is 5); another negative
 * errno when addr or size cannot be read.
 */
int uio_map_at(const struct sysroot *sr, int index, uint64_t offset,
	       unsigned long page_size, struct uio_map *ret);

#endif
