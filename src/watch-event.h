/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Events of `pcirevoke watch` (analyze/output helpers, pure): what a udev event means for
 * us, and how an event is written as a human line or as one JSON Lines object.
 */
#ifndef PCR_WATCH_EVENT_H
#define PCR_WATCH_EVENT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "model.h"

struct watch_event {
	enum watch_kind kind;
	struct timespec when; /* CLOCK_REALTIME */
	/* mappings */
	pid_t pid;
	const char *comm;
	const char *device; /* "0000:00:03.0" or NULL */
	int bar;	    /* -1: none */
	const char *via;
	const char *state;
	const char *previous; /* WATCH_STATE: the state before */
	bool phys_known;
	uint64_t phys_start, phys_end;
	uint64_t vma_start; /* of the first mapping */
	unsigned count;	    /* mappings this event stands for (0 or 1: one) */
	bool path_only;	    /* identified by its path alone (audit's note says so too) */
	/* devices */
	const char *driver;
	const char *cause; /* "bind e1000 0000:00:03.0", "exit", "rescan", ... or NULL */
};

/* One line: "2026-11-23T19:30:00.123Z mapped pid 42 (holder) 0000:00:03.0 BAR0 ..." */
void watch_event_print_text(const struct watch_event *ev, FILE *f);
/* One compact JSON object and a newline (JSON Lines). */
void watch_event_print_json(const struct watch_event *ev, FILE *f);

#endif
