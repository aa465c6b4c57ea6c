/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The attribution's own helpers, shared by attribute*.c (analyze layer). */
#ifndef PCR_ATTRIBUTE_INTERNAL_H
#define PCR_ATTRIBUTE_INTERNAL_H

#include "attribute.h"
#include "macro.h"

/* BAR number no of dev when it parsed, or NULL. */
const struct pcr_bar *device_bar(const struct pcr_device *dev, int no);
/* Whether the BAR has an address range. */
bool bar_assigned(const struct pcr_bar *b);
/* The BAR of dev that holds [start, end] wholly, or NULL. */
const struct pcr_bar *device_bar_containing(const struct pcr_device *dev, uint64_t start,
					    uint64_t end);
/* The mapping is of this BAR of dev: device, driver, claim, offset within the BAR. */
void set_bar(struct attribution *a, const struct pcr_device *dev,
	     const struct pcr_bar *b);
void set_device(struct attribution *a, const struct pcr_device *dev);
/* Append to the note, "; "-separated. */
void note(struct attribution *a, const char *fmt, ...) _printf_(2, 3);
/* A physical range: the one BAR that holds it, else what it spans or covers. */
void attribute_phys(struct attribution *a, const struct pcr_inventory *inv);

void attribute_vfio(const struct pcr_mapping *m, const struct pcr_inventory *inv,
		    const struct evidence *ev, struct attribution *a);
void attribute_uio(const struct pcr_mapping *m, const struct pcr_inventory *inv,
		   struct attribution *a);

#endif
