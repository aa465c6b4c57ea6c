/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libudev look-ups, live system only. */
#ifndef PCR_COLLECT_UDEV_H
#define PCR_COLLECT_UDEV_H

/*
 * Kernel names of a PCI device's descendants that a user recognises: network interfaces,
 * DRM cards, NVMe controllers, disks ("eth0, vda"). NULL when there are none or udev is
 * not available. Caller frees.
 */
char *udev_children_names(const char *slot);

#endif
