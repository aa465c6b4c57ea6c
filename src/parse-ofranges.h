/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Decoder for a PCI host bridge's device-tree "ranges" property
 * (/sys/firmware/devicetree/base/NODE/ranges, big-endian 32-bit cells): each entry maps a
 * window of PCI bus space to CPU physical addresses. The child (PCI) address has 3 cells
 * (phys.hi with the space code in bits 24-25: 1 = I/O, 2 = 32-bit memory, 3 = 64-bit
 * memory; phys.mid and phys.lo the bus address), the parent (CPU) address parent_cells
 * cells (the parent node's #address-cells, usually 2), the size 2 cells (the bridge's
 * #size-cells). Pure. powerpc needs it: there the kernel maps an I/O BAR at the CPU
 * address of the bridge's I/O window plus the bus port, which nothing else shows.
 */
#ifndef PCR_PARSE_OFRANGES_H
#define PCR_PARSE_OFRANGES_H

#include "parse.h"

#define OFRANGE_IO 1

struct ofrange {
	unsigned space; /* 1 I/O, 2 mem32, 3 mem64, 0 config */
	uint64_t bus, cpu, size;
};

/*
 * Decode up to max entries into r[], *ret_n set to how many. parent_cells and size_cells
 * are 1 or 2. Returns 0, or -EINVAL when len is not a whole number of entries (nothing
 * trustworthy then) or the cell counts are out of range.
 */
int parse_ofranges(const void *buf, size_t len, unsigned parent_cells,
		   unsigned size_cells, struct ofrange *r, size_t max, size_t *ret_n,
		   struct parse_err *reterr);

/* A #address-cells / #size-cells property: one big-endian cell, 1 or 2. 0 or -EINVAL. */
int parse_ofcells(const void *buf, size_t len, unsigned *ret);

#endif
