// SPDX-License-Identifier: GPL-2.0-or-later
/* `pcirevoke audit --format prometheus`: gauges a fleet can alert on. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd-audit.h"
#include "output-prom.h"
#include "xalloc.h"

void audit_tally_add(struct audit_tally *t, const char *slot, enum map_via via,
		     enum map_state state, bool by_device)
{
	struct audit_device_count *d = NULL;

	if ((unsigned)state >= MAP_STATE_MAX || (unsigned)via >= VIA_MAX)
		return;
	t->by_state_via[state][via]++;
	if (!by_device)
		return;
	slot = slot ? slot : "";
	for (size_t i = 0; i < t->ndevices && !d; i++)
		if (strcmp(t->devices[i].slot, slot) == 0)
			d = &t->devices[i];
	if (!d) {
		t->devices =
			xreallocarray(t->devices, t->ndevices + 1, sizeof(*t->devices));
		d = &t->devices[t->ndevices++];
		*d = (struct audit_device_count){};
		snprintf(d->slot, sizeof(d->slot), "%s", slot);
	}
	d->by_state[state]++;
}

void audit_tally_done(struct audit_tally *t)
{
	free(t->devices);
	*t = (struct audit_tally){};
}

static void print_by_state(FILE *f, const struct audit_tally *t)
{
	prom_family(f, "pcirevoke_audit_mappings", "gauge",
		    "Process mappings of PCI BARs by state (revocable, revoked, exposed, "
		    "conflict, managed, unknown; unattributed with --all-io).");
	for (unsigned s = 0; s < MAP_STATE_MAX; s++) {
		unsigned n = 0;

		for (unsigned v = 0; v < VIA_MAX; v++)
			n += t->by_state_via[s][v];
		prom_sample(f, "pcirevoke_audit_mappings",
			    (const char *const[]){ "state", map_state_name(s), NULL }, n);
	}
	prom_family(
		f, "pcirevoke_audit_door_mappings", "gauge",
		"Process mappings of PCI BARs by the door they came through and their "
		"state (only pairs that occur).");
	for (unsigned s = 0; s < MAP_STATE_MAX; s++)
		for (unsigned v = 0; v < VIA_MAX; v++)
			if (t->by_state_via[s][v])
				prom_sample(f, "pcirevoke_audit_door_mappings",
					    (const char *const[]){
						    "via", map_via_name(v), "state",
						    map_state_name(s), NULL },
					    t->by_state_via[s][v]);
}

static void print_by_device(FILE *f, const struct audit_tally *t)
{
	prom_family(f, "pcirevoke_audit_device_mappings", "gauge",
		    "Process mappings of PCI BARs by device and state (only pairs that "
		    "occur; device \"\" when no single device holds the range).");
	for (size_t i = 0; i < t->ndevices; i++)
		for (unsigned s = 0; s < MAP_STATE_MAX; s++)
			if (t->devices[i].by_state[s])
				prom_sample(f, "pcirevoke_audit_device_mappings",
					    (const char *const[]){
						    "device", t->devices[i].slot, "state",
						    map_state_name(s), NULL },
					    t->devices[i].by_state[s]);
}

int audit_print_prometheus(const struct audit_tally *t, bool by_device, time_t when)
{
	FILE *f = stdout;

	print_by_state(f, t);
	if (by_device)
		print_by_device(f, t);
	prom_family(
		f, "pcirevoke_audit_findings", "gauge",
		"Mappings that are exposed or in conflict: the live risk audit exists to "
		"catch (the exit status's findings bit).");
	prom_sample(f, "pcirevoke_audit_findings", NULL, t->findings);
	prom_family(f, "pcirevoke_audit_processes", "gauge",
		    "Processes by what the scan could do with them: scanned (maps read), "
		    "unreadable (permission), vanished (exited during the scan), missing "
		    "(given with --pid, not there).");
	prom_sample(f, "pcirevoke_audit_processes",
		    (const char *const[]){ "result", "scanned", NULL }, t->processes);
	prom_sample(f, "pcirevoke_audit_processes",
		    (const char *const[]){ "result", "unreadable", NULL }, t->unreadable);
	prom_sample(f, "pcirevoke_audit_processes",
		    (const char *const[]){ "result", "vanished", NULL }, t->vanished);
	prom_sample(f, "pcirevoke_audit_processes",
		    (const char *const[]){ "result", "missing", NULL }, t->missing);
	prom_family(
		f, "pcirevoke_audit_incomplete", "gauge",
		"1 when something could not be read (not root, hidepid, unknown claims): "
		"the counts may be low.");
	prom_sample(f, "pcirevoke_audit_incomplete", NULL, t->incomplete);
	prom_family(f, "pcirevoke_audit_last_run_timestamp_seconds", "gauge",
		    "When this audit ran, in seconds since the epoch: alert when it is "
		    "stale.");
	prom_sample(f, "pcirevoke_audit_last_run_timestamp_seconds", NULL, (double)when);
	if (fflush(f) != 0 || ferror(f))
		return -EIO;
	return 0;
}
