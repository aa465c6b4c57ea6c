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
	/*
	 * The mapping is of I/O ports (an I/O BAR through resourceN or /proc/bus/pci,
	 * legacy_io): a claim of I/O ports never revokes, so it is exposed before a
	 * claim and a conflict after, whatever the door's verdict for memory.
	 */
	bool io_space;
	/*
	 * Not a BAR mapping: /dev/mem over RAM, ROM or firmware ranges (covers names
	 * what, from /proc/iomem). State "unattributed": audit shows it only with
	 * --all-io, and it is never a finding.
	 */
	bool not_bar;
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
	/* legacy_mem on its own (the legacy row also covers legacy_io, never revoked) */
	struct door_verdict legacy_mem;
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

/* ---- attribute-io.c ---- */

/*
 * How a VFIO mapping's offset column encodes the region. vfio-pci from 6.10 leaves
 * vm_pgoff as the user passed it: (region index << 40) | offset in the region. Before
 * 6.10 (Debian 11 and 12, RHEL 8 and 9) its mmap handler rewrote vm_pgoff to the BAR's
 * physical page, so the column is the CPU physical address.
 */
enum vfio_encoding { VFIO_ENC_UNKNOWN, VFIO_ENC_REGION, VFIO_ENC_PHYS };

/*
 * Decode a VFIO offset against the device's BARs (dev may be NULL): sets *ret_bar (the BAR
 * number, -1 unknown, or the region index 6-8 and beyond for non-BAR regions),
 * *ret_phys (CPU physical start, when known: *ret_phys_known). The kernel version
 * decides when both readings fit a BAR (>= 6.10 region; an unknown version: region);
 * when only one fits, it is taken whatever the version (backports). Returns the
 * encoding used.
 */
enum vfio_encoding vfio_decode(uint64_t offset, uint64_t len,
			       const struct pcr_device *dev, const struct evidence *ev,
			       int *ret_bar, bool *ret_phys_known, uint64_t *ret_phys);

/*
 * A process exited while it held a BAR mapping. exit_code is the connector's (a wait
 * status: the signal in the low 7 bits when it was killed). Whether it died of the
 * revocation: killed by SIGBUS while mapping, through a door that revokes, a BAR that is
 * claimed now (the claim zaps inside the driver's probe, before the bind event).
 */
bool exit_killed_by_revocation(int exit_code, enum map_state state, enum map_via via,
			       enum claim_state claim_now);

#endif
