/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What verdict.c (the engine, devmem, sysfs, procfs) shares with verdict-doors.c (legacy,
 * VFIO, UIO). Analyze layer: pure.
 */
#ifndef PCR_VERDICT_INTERNAL_H
#define PCR_VERDICT_INTERNAL_H

#include <stddef.h>

#include "macro.h"
#include "verdict.h"

/* Reasons and fixes: "; "-separated sentences. Truncates silently. */
void verdict_add(char *buf, size_t size, const char *fmt, ...) _printf_(3, 4);
/* Evidence: a ", "-separated list (a list column); the items hold no comma. */
void verdict_adde(char *buf, size_t size, const char *fmt, ...) _printf_(3, 4);

#define ADD(field, ...)	 verdict_add((field), sizeof(field), __VA_ARGS__)
#define ADDE(field, ...) verdict_adde((field), sizeof(field), __VA_ARGS__)

bool verdict_kver_known(const struct evidence *ev);
/* Version >= maj.min (an -rc of maj.min counts as maj.min). */
bool verdict_kver_ge(const struct evidence *ev, unsigned maj, unsigned min);

/* Revocation through the iomem address_space for one door, ignoring lockdown. */
void verdict_iomem_revocation(const struct evidence *ev, enum pcr_door door,
			      struct door_verdict *v);
/*
 * The common end of a door that exists in this kernel: lockdown, then whether the
 * door's files are here.
 */
void verdict_finish_door(const struct evidence *ev, struct door_verdict *v, bool present,
			 const char *what, const char *absent,
			 const char *absent_evidence);
/* Where I/O BARs can be mapped through files, say that such mappings are never revoked.
 */
void verdict_io_bars(const struct evidence *ev, struct door_verdict *v,
		     const char *files);

void verdict_door_legacy(const struct evidence *ev, struct door_verdict *v);
void verdict_door_vfio(const struct evidence *ev, struct door_verdict *v);
void verdict_door_uio(const struct evidence *ev, struct door_verdict *v);

#endif
