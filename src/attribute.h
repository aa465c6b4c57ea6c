/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Attribution of a process mapping to a PCI device and BAR, and its state (analyze layer:
 * pure, structs in, findings out). The collector (proc-scan.c) decides that a maps line
 * is a door by file identity and fills a struct pcr_mapping; attribute_mapping() looks
 * the range up in the inventory and judges it with the door's revocation verdict.
 */
#ifndef PCR_ATTRIBUTE_H
#define PCR_ATTRIBUTE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "inventory.h"
#include "verdict.h"

struct attribution {
	enum map_via via;
	const struct pcr_device *dev; /* NULL: not in the inventory */
	const char *slot;	      /* dev->slot, or the slot the door named, or NULL */
	const struct pcr_bar *bar;    /* NULL when no single BAR holds the range */
	int bar_no;		      /* BAR number or -1 */
	bool phys_known;
	uint64_t phys_start, phys_end; /* CPU physical, end inclusive */
	bool bar_offset_known;
	uint64_t bar_offset;
	enum claim_state claim_state;
	const char *
		claim; /* the driver's claim name, or the iomem name of a non-BAR range */
	const char *covers;  /* iomem name of what a range outside one BAR covers */
	const char *driver;  /* bound driver of dev */
	const char *manager; /* MAP_MANAGED: "vfio", "uio" */
	enum door_status door_verdict; /* the door's verdict (verdict_compute()) */
	enum door_status
		door_status; /* as it applies to this mapping (map_door_status()) */
	bool kernel_owned;   /* a non-BAR range the kernel already holds (System RAM, ROM)
			      */
	bool revocable;
	enum map_state state;
	bool incomplete; /* the state rests on something unknown */
	char note[128];	 /* "spans 2 BARs", "region 2 (derived)", ... or "" */
};

/*
 * The verdicts a mapping is judged by. door[] is verdict_compute()'s. A door "blocked" by
 * lockdown, or "unavailable" although a mapping through it exists, still revokes or not
 * according to the kernel's build and boot line (lockdown refuses new mappings only; an
 * existing one predates it): existing[] is the same engine's verdict with lockdown and
 * the doors' presence set aside.
 */
struct map_verdicts {
	struct door_verdict door[DOOR_MAX];
	struct door_verdict existing[DOOR_MAX];
};

void map_verdicts_compute(const struct evidence *ev, struct map_verdicts *ret);

/* The status that applies to an existing mapping through door d. */
enum door_status map_door_status(const struct map_verdicts *mv, enum pcr_door d);

/*
 * Judge one mapping. ev and mv come from evidence_collect() and map_verdicts_compute().
 * ret's pointers refer to inv and m.
 */
void attribute_mapping(const struct pcr_mapping *m, const struct pcr_inventory *inv,
		       const struct evidence *ev, const struct map_verdicts *mv,
		       struct attribution *ret);


#endif
