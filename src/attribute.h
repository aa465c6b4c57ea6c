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

/* How the process reached the memory: design.md's "via" values. */
enum map_via {
	VIA_SYSFS,	/* .../DDDD:BB:DD.F/resourceN */
	VIA_SYSFS_WC,	/* .../resourceN_wc */
	VIA_PROCFS,	/* /proc/bus/pci/[DDDD:]BB/DD.F */
	VIA_DEVMEM,	/* /dev/mem (char 1:1) */
	VIA_LEGACY_IO,	/* .../pci_bus/DDDD:BB/legacy_io */
	VIA_LEGACY_MEM, /* .../pci_bus/DDDD:BB/legacy_mem */
	VIA_VFIO,	/* anon_inode:[vfio-device] or /dev/vfio/devices/vfioN */
	VIA_UIO,	/* /dev/uioN */
	VIA_NONE,	/* --all-io: an I/O or PFN mapping that no door explains */
	VIA_MAX,
};

/* The file system a maps line's MAJ:MIN belongs to, learnt from mountinfo. */
enum mnt_kind {
	MNT_SYSFS,
	MNT_PROC,
	MNT_DEVTMPFS,
	MNT_ANON, /* anon_inodefs (never in mountinfo on a live system) */
	MNT_KIND_MAX,
};

enum map_state {
	MAP_REVOCABLE, /* no claim now; a driver's claim would zap it */
	MAP_REVOKED,   /* claimed and revocation active: the pages are gone */
	MAP_EXPOSED,   /* no claim; nothing would revoke it */
	MAP_CONFLICT,  /* claimed and not revocable: process and driver share registers */
	MAP_MANAGED,   /* VFIO or UIO: the owning driver mediates access */
	MAP_UNKNOWN,   /* claim or verdict unknown */
	MAP_UNATTRIBUTED, /* --all-io: no door explains it */
	MAP_STATE_MAX,
};

/* What a door's path says, before any inventory lookup. */
struct door_path {
	enum map_via via;
	bool has_slot;
	char slot[24]; /* "0000:00:03.0", or the bus "0000:00" for legacy files */
	int bar;       /* BAR number named by a sysfs resourceN, else -1 */
	int index;     /* N of vfioN / uioN, else -1 */
};

/*
 * Classify a path inside a file system of the given kind ("/devices/pci0000:00/
 * 0000:00:03.0/resource0" in sysfs, "/bus/pci/00/03.0" in proc, "/mem" in devtmpfs,
 * "anon_inode:[vfio-device]"). Full paths as the process sees them ("/sys/devices/...",
 * "/dev/mem") work as well. path is NUL-terminated and unescaped. 0, or -ENOENT when the
 * path is no door.
 */
int door_classify(enum mnt_kind kind, const char *path, struct door_path *ret);

/* A mapping the collector found, with what it learnt beyond the maps line. */
struct pcr_mapping {
	pid_t pid;
	uint64_t vma_start, vma_end; /* end exclusive */
	uint64_t offset;	     /* the maps offset column */
	char perms[5];
	unsigned dev_major, dev_minor;
	uint64_t inode;
	const char *path; /* unescaped; may be NULL */
	bool deleted;
	struct door_path door;
	bool identity_checked; /* live: stat of the path gave the same dev:ino */

	/* VFIO: door.has_slot from fdinfo vfio-device-syspath, the vfio-dev class link or
	 * the process's only VFIO group; slot_ambiguous when several devices were
	 * possible */
	bool slot_ambiguous;
	bool slot_from_group;
	/* UIO: map index (offset / page size) and its sysfs maps/mapK values */
	bool uio_map_known;
	unsigned uio_map;
	uint64_t uio_addr, uio_size;
};

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

const char *map_via_name(enum map_via v);   /* "sysfs", "sysfs-wc", ..., "none" */
enum pcr_door map_via_door(enum map_via v); /* DOOR_MAX for VIA_NONE */
const char *map_state_name(enum map_state s);
/* Whether a state is a finding (exit status 1): exposed or conflict. */
bool map_state_is_finding(enum map_state s);

#endif
