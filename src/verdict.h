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

struct door_verdict {
	enum door_status status;
	char reason[512]; /* one line: why */
	char fix[384];	  /* one line: what to do ("" when nothing) */
	/* added for `check` */
	enum pcr_door door;
	char evidence[256]; /* the evidence the verdict rests on, ", "-separated */
};

void verdict_compute(const struct evidence *ev, struct door_verdict out[DOOR_MAX]);

/*
 * legacy_mem on its own: memory, revoked like resourceN. The legacy row of
 * verdict_compute() also covers legacy_io, which is never revoked (I/O ports).
 */
void verdict_legacy_mem(const struct evidence *ev, struct door_verdict *out);

/*
 * Whether a claim of [start, end] would zap a mapping through a door with this verdict:
 * false for a region lying wholly below 1 MiB on x86 (devmem_is_allowed bypass).
 */
bool verdict_revokes_range(const struct evidence *ev, const struct door_verdict *v,
			   uint64_t start, uint64_t end);

#endif
