/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The revocation verdict engine (analyze layer: pure, structs in, findings out), shared by
 * `check`, `audit` and `watch`. Evidence is collected by evidence.c through the sysroot.
 */
#ifndef PCR_VERDICT_H
#define PCR_VERDICT_H

#include <stdbool.h>
#include <stdint.h>

enum pcr_door {
	DOOR_DEVMEM,
	DOOR_SYSFS, /* resourceN and resourceN_wc */
	DOOR_PROCFS,
	DOOR_LEGACY, /* legacy_io / legacy_mem (alpha, powerpc) */
	DOOR_VFIO,
	DOOR_UIO,
	DOOR_MAX,
};

enum door_status {
	DOOR_ACTIVE,      /* a driver's claim zaps existing user mappings */
	DOOR_INACTIVE,    /* the door is open and nothing revokes */
	DOOR_BLOCKED,     /* lockdown refuses new mappings */
	DOOR_UNAVAILABLE, /* the door does not exist here */
	DOOR_UNKNOWN,     /* evidence missing; the reason names it */
	DOOR_STATUS_MAX,
};

enum tristate { TRI_UNKNOWN = -1, TRI_NO = 0, TRI_YES = 1 };

struct evidence_item;

enum lockdown_level { LOCKDOWN_UNKNOWN = -1, LOCKDOWN_NONE, LOCKDOWN_INTEGRITY,
		      LOCKDOWN_CONFIDENTIALITY };

/* Everything the engine looks at. Filled by evidence_collect() or by tests. */
struct evidence {
	char release[128]; /* "6.1.0-27-amd64", "" unknown */
	char arch[32];     /* "x86_64", "" unknown */
	unsigned kver_major, kver_minor, kver_patch; /* 0.0.0 unknown */

	const char *config_source; /* path used, NULL if no config found */
	enum tristate devmem, strict_devmem, io_strict_devmem; /* CONFIG_* */

	enum tristate iomem_relaxed; /* effective iomem= on the boot line (no = strict) */
	bool cmdline_known;
	enum lockdown_level cmdline_lockdown; /* lockdown= on the boot line */

	enum lockdown_level lockdown; /* effective state */
	const char *lockdown_source;  /* "securityfs", "procfs ioctl probe", ... */

	enum tristate kallsyms_readable;
	bool sym_iomem_get_mapping, sym_revoke_iomem, sym_revoke_devmem,
		sym_pci_llseek_resource, sym_vfio_zap;
	enum tristate btf_f_mapping; /* bin_attribute has mapping/f_mapping (BTF) */

	/* which doors exist here */
	bool has_devmem, has_procfs_pci, has_sysfs_resource, has_legacy, has_vfio, has_uio;

	/* Added for `check` (evidence.c fills them; zero is a safe default in tests). */
	unsigned kver_rc; /* N of a "-rcN" release, 0 for a release */
	bool lockdown_min;  /* lockdown is only known to be at least this level (probe) */
	/* What was read, for output: evidence_done() frees it (evidence.h). */
	struct evidence_item *items;
	size_t nitems;
};

struct door_verdict {
	enum door_status status;
	char reason[256]; /* one line: why */
	char fix[256];    /* one line: what to do ("" when nothing) */
	/* added for `check` */
	enum pcr_door door;
	char evidence[256]; /* the evidence the verdict rests on, ", "-separated */
};

void verdict_compute(const struct evidence *ev, struct door_verdict out[DOOR_MAX]);

const char *door_name(enum pcr_door d);          /* "devmem", "sysfs", ... */
const char *door_status_name(enum door_status s); /* "active", ... */
/* Inverse of door_name(); -1 for an unknown name. */
int door_from_name(const char *name);

/*
 * Whether a claim of [start, end] would zap a mapping through a door with this verdict:
 * false for a region lying wholly below 1 MiB on x86 (devmem_is_allowed bypass).
 */
bool verdict_revokes_range(const struct evidence *ev, const struct door_verdict *v,
			   uint64_t start, uint64_t end);

#endif
