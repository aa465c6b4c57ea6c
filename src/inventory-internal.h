/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What inventory.c shares with inventory-io.c (I/O ports and host bridge windows). */
#ifndef PCR_INVENTORY_INTERNAL_H
#define PCR_INVENTORY_INTERNAL_H

#include "inventory.h"

/* The host bridges' I/O windows (inv->iowin) from /proc/ioports and the device tree. */
void inventory_load_io_windows(const struct sysroot *sr, struct pcr_inventory *inv);
/* The index of the /proc/ioports entry of I/O BAR b of device d, or -1. */
int inventory_io_entry(const struct pcr_inventory *inv, const struct pcr_device *d,
		       const struct pcr_bar *b);
/* Fill b's kernel port number and CPU address from its /proc/ioports entry x. */
void inventory_io_addresses(const struct pcr_inventory *inv, struct pcr_bar *b,
			    const struct iomem_entry *x);

#endif
