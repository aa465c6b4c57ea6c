/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The revocation verdict engine (analyze layer: pure, structs in, findings out), shared by
 * `check`, `audit` and `watch`. Evidence is collected by evidence.c through the sysroot.
 */
#ifndef PCR_VERDICT_H
#define PCR_VERDICT_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "problems.h"


struct evidence_item;


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
	/* What could not be read or parsed, for the command to log (problems.h). */
	struct pcr_problems problems;
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


/*
 * Whether a claim of [start, end] would zap a mapping through a door with this verdict:
 * false for a region lying wholly below 1 MiB on x86 (devmem_is_allowed bypass).
 */
bool verdict_revokes_range(const struct evidence *ev, const struct door_verdict *v,
			   uint64_t start, uint64_t end);

#endif
