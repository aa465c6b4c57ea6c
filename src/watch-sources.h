/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The live event sources of `pcirevoke watch` (collect layer, live system only): the
 * kernel's process-events connector (libmnl) and the udev monitor of the pci subsystem
 * (libudev). Each source is opened once, exposes a file descriptor to poll, and returns
 * what it read as data; cmd-watch.c decides what each event means for the mappings.
 */
#ifndef PCR_WATCH_SOURCES_H
#define PCR_WATCH_SOURCES_H

#include <stdbool.h>
#include <stddef.h>

#include "parse-cnproc.h"
#include "problems.h"

struct proc_events;

/*
 * Subscribe to process events. NULL, with a problem saying why, when not possible (no
 * privilege, not in the initial namespaces: the kernel then never answers, so the wait
 * for the answer is bounded).
 */
struct proc_events *proc_events_open(struct pcr_problems *pb);
void proc_events_close(struct proc_events *pe);
int proc_events_fd(const struct proc_events *pe);

/*
 * Read what is queued: fork, exec and exit events of processes (threads left out), at
 * most max, into ev. *overrun is set when the kernel dropped events (ENOBUFS): the
 * caller must rescan everything. Returns how many events were stored; the rest of a
 * burst larger than max stays queued for the next call.
 */
size_t proc_events_read(struct proc_events *pe, struct cnproc_event *ev, size_t max,
			bool *overrun);

struct pci_uevents;

/* Listen to the pci subsystem's uevents. NULL, with a problem saying why, when not. */
struct pci_uevents *pci_uevents_open(struct pcr_problems *pb);
void pci_uevents_close(struct pci_uevents *ue);
int pci_uevents_fd(const struct pci_uevents *ue);

/*
 * Drain the queued uevents. Returns whether any concerned us (bind, unbind, add,
 * remove); *binding is set when a driver bound or unbound.
 */
bool pci_uevents_read(struct pci_uevents *ue, bool *binding);

#endif
