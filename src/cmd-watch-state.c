// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `pcirevoke watch`'s state: the mappings and drivers seen so far, judged by the same
 * engine as audit, and the events that their changes make (gathered per scan, one per
 * process, device, BAR, door and change).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd-watch.h"
#include "log.h"
#include "proc-scan.h"
#include "watch-event.h"
#include "xalloc.h"

/* How long the mappings of a vanished process wait for its exit event. */
#define EXIT_WAIT_S 2.0

double now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void emit(struct watch *w, struct watch_event *ev)
{
	clock_gettime(CLOCK_REALTIME, &ev->when);
	if (w->ctx->out.format == OUT_JSON)
		watch_event_print_json(ev, stdout);
	else
		watch_event_print_text(ev, stdout);
	fflush(stdout);
	w->printed++;
	if (w->o->count && w->printed >= w->o->count)
		w->done = true;
}

static uint64_t known_hash(pid_t pid, uint64_t vma_start, uint64_t offset, uint64_t inode)
{
	return hash_add(hash_add(hash_add(hash_mix64((uint32_t)pid), vma_start), offset),
			inode);
}

static void kidx_put(struct watch *w, size_t i)
{
	const struct known *k = &w->known[i];

	hidx_put(&w->kidx, known_hash(k->pid, k->vma_start, k->offset, k->inode), i);
}

/* Index known anew (after mappings were dropped, or to make room). */
static void kidx_rebuild(struct watch *w)
{
	hidx_clear(&w->kidx, w->nknown);
	for (size_t i = 0; i < w->nknown; i++)
		kidx_put(w, i);
}

/* The first n known mappings are those kept (the others were moved out of the way). */
static void known_keep(struct watch *w, size_t n)
{
	if (n == w->nknown)
		return;
	w->nknown = n;
	kidx_rebuild(w);
}

/*
 * Mapping events are gathered during a scan and written when it ends, one per process,
 * device, BAR, door and change: a process with 32,000 identical mappings is one line
 * ("[32000 mappings]"), not 32,000.
 */
static uint64_t gathered_hash(enum watch_kind kind, const struct known *k,
			      const char *previous, const char *cause)
{
	uint64_t h =
		hash_add(hash_add(hash_mix64(kind), (uint32_t)k->pid), (uint32_t)k->bar);

	h = hash_add(hash_add(hash_add(hash_add(h, k->via), k->state), k->path_only),
		     (uintptr_t)previous);
	return hash_add_str(hash_add_str(h, k->slot), cause);
}

static void emit_known(struct watch *w, enum watch_kind kind, const struct known *k,
		       const char *previous, const char *cause)
{
	uint64_t h;
	struct gathered *g;

	cause = cause ? cause : "";
	h = gathered_hash(kind, k, previous, cause);
	hidx_foreach(&w->gidx, h, s)
	{
		g = &w->gathered[w->gidx.v[s] - 1];
		if (g->hash == h && g->kind == kind && g->k.pid == k->pid &&
		    g->k.bar == k->bar && g->k.via == k->via && g->k.state == k->state &&
		    g->k.path_only == k->path_only && streq(g->k.slot, k->slot) &&
		    g->previous == previous && streq(g->cause, cause)) {
			g->count++;
			return;
		}
	}
	if (w->ngathered == w->capgathered) {
		w->capgathered = w->capgathered ? 2 * w->capgathered : 16;
		w->gathered =
			xreallocarray(w->gathered, w->capgathered, sizeof(*w->gathered));
	}
	g = &w->gathered[w->ngathered++];
	*g = (struct gathered){
		.kind = kind, .k = *k, .previous = previous, .count = 1, .hash = h
	};
	snprintf(g->cause, sizeof(g->cause), "%s", cause);
	if (hidx_full(&w->gidx, w->ngathered)) {
		hidx_clear(&w->gidx, w->ngathered);
		for (size_t i = 0; i < w->ngathered; i++)
			hidx_put(&w->gidx, w->gathered[i].hash, i);
	} else {
		hidx_put(&w->gidx, h, w->ngathered - 1);
	}
}

/* Write the gathered mapping events, in the order they first happened. */
static void flush_gathered(struct watch *w)
{
	for (size_t i = 0; i < w->ngathered && !w->done; i++) {
		const struct gathered *g = &w->gathered[i];
		struct watch_event ev = {
			.kind = g->kind,
			.pid = g->k.pid,
			.comm = g->k.comm,
			.device = g->k.slot[0] ? g->k.slot : NULL,
			.bar = g->k.bar,
			.via = map_via_name(g->k.via),
			.state = map_state_name(g->k.state),
			.previous = g->previous,
			.phys_known = g->k.phys_known,
			.phys_start = g->k.phys_start,
			.phys_end = g->k.phys_end,
			.vma_start = g->k.vma_start,
			.count = g->count,
			.path_only = g->k.path_only,
			.cause = g->cause[0] ? g->cause : NULL,
		};
		emit(w, &ev);
	}
	if (w->ngathered)
		hidx_clear(&w->gidx, 0);
	w->ngathered = 0;
}

static struct known *find_known(struct watch *w, const struct pcr_mapping *m)
{
	uint64_t h = known_hash(m->pid, m->vma_start, m->offset, m->inode);

	hidx_foreach(&w->kidx, h, s)
	{
		struct known *k = &w->known[w->kidx.v[s] - 1];

		if (k->pid == m->pid && k->vma_start == m->vma_start &&
		    k->vma_end == m->vma_end && k->offset == m->offset &&
		    k->inode == m->inode)
			return k;
	}
	return NULL;
}

/*
 * Why a mapping's state changed: the binding of its own device (a driver's claim is what
 * revokes), not whatever else this rescan noticed; several binds can land in one rescan,
 * and a claim can come after the bind was first seen (the driver link appears before
 * probe requests the regions).
 */
static const char *state_cause(struct watch *w, const struct attribution *a)
{
	static char buf[160];

	if (a->slot && a->driver)
		snprintf(buf, sizeof(buf), "bind %s %s", a->driver, a->slot);
	else if (a->slot)
		snprintf(buf, sizeof(buf), "unbind %s", a->slot);
	else
		return w->cause;
	return buf;
}

static void on_mapping(const struct proc_info *pi, const struct pcr_mapping *m,
		       void *userdata)
{
	struct watch *w = userdata;
	struct attribution a;
	struct known *k;

	if (m->door.via == VIA_NONE)
		return;
	k = find_known(w, m);
	if (k && m->door.via == VIA_UIO && !m->uio_map_known && k->phys_known) {
		/* its UIO device went away (and with it the sysfs maps that gave the
		 * address): the mapping still reaches what it reached when it was seen */
		struct pcr_mapping seen = *m;

		seen.uio_map_known = true;
		seen.uio_addr = k->phys_start;
		attribute_mapping(&seen, &w->inv, &w->ev, &w->mv, &a);
	} else {
		attribute_mapping(m, &w->inv, &w->ev, &w->mv, &a);
	}
	if (a.not_bar) /* /dev/mem over RAM, ROM or firmware: no BAR mapping */
		return;
	if (k) {
		enum map_state before = k->state;
		k->seen = true;
		if (pi->comm[0]) /* exec changes it; the events name the process as it is now */
			snprintf(k->comm, sizeof(k->comm), "%s", pi->comm);
		if (before != a.state) {
			k->state = a.state;
			emit_known(w, WATCH_STATE, k, map_state_name(before),
				   state_cause(w, &a));
		}
		return;
	}
	if (w->nknown == w->capknown) {
		w->capknown = w->capknown ? w->capknown * 2 : 16;
		w->known = xreallocarray(w->known, w->capknown, sizeof(*w->known));
	}
	k = &w->known[w->nknown++];
	*k = (struct known){
		.pid = m->pid,
		.vma_start = m->vma_start,
		.vma_end = m->vma_end,
		.offset = m->offset,
		.inode = m->inode,
		.bar = a.bar_no,
		.via = a.via,
		.state = a.state,
		.phys_known = a.phys_known,
		.phys_start = a.phys_start,
		.phys_end = a.phys_end,
		.path_only = m->identity_weak,
		.seen = true,
	};
	snprintf(k->comm, sizeof(k->comm), "%s", pi->comm);
	if (a.slot)
		snprintf(k->slot, sizeof(k->slot), "%s", a.slot);
	if (hidx_full(&w->kidx, w->nknown))
		kidx_rebuild(w);
	else
		kidx_put(w, w->nknown - 1);
	emit_known(w, WATCH_MAPPED, k, NULL, w->cause);
}

static bool in_scope(const struct watch *w, const struct known *k)
{
	return !w->scoped || k->pid == w->scope_pid;
}

/* Whether a process is gone (live system): its exit event is then on its way. */
static bool process_gone(const struct watch *w, pid_t pid)
{
	char path[32];

	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	return w->ctx->sr.live && !sr_exists(&w->ctx->sr, path);
}

/*
 * Forget the mappings of scope that the last scan did not see. Those of a process that is
 * gone wait a moment for its exit event when exits are told (a rescan can see the death
 * before the connector's message is read).
 */
static void sweep(struct watch *w, const char *cause)
{
	size_t j = 0;

	for (size_t i = 0; i < w->nknown; i++) {
		struct known *k = &w->known[i];

		if (in_scope(w, k) && !k->seen && !k->dying) {
			if (w->exit_events && process_gone(w, k->pid)) {
				k->dying = true;
				k->due = now_mono() + EXIT_WAIT_S;
				snprintf(k->dying_cause, sizeof(k->dying_cause), "%s",
					 cause);
			} else {
				emit_known(w, WATCH_UNMAPPED, k, NULL, cause);
				continue;
			}
		}
		w->known[j++] = *k;
	}
	known_keep(w, j);
}

void watch_expire(struct watch *w, double now)
{
	size_t j = 0;

	for (size_t i = 0; i < w->nknown; i++) {
		struct known *k = &w->known[i];

		if (k->dying && k->due <= now) {
			emit_known(w, WATCH_UNMAPPED, k, NULL, k->dying_cause);
			continue;
		}
		w->known[j++] = *k;
	}
	known_keep(w, j);
	flush_gathered(w);
}

double watch_next_expiry(const struct watch *w)
{
	double next = 0;

	for (size_t i = 0; i < w->nknown; i++)
		if (w->known[i].dying && (!next || w->known[i].due < next))
			next = w->known[i].due;
	return next;
}

/* Rescan every process (pid 0) or one; cause names why, for the events. */
void watch_scan(struct watch *w, pid_t pid, const char *cause)
{
	struct proc_scan_opts so = { .quiet_missing = true, .jobs = w->o->jobs };
	struct proc_scan_stats st = { 0 };

	w->scoped = pid > 0;
	w->scope_pid = pid;
	w->cause = cause;
	if (pid > 0) {
		so.pids = &pid;
		so.npids = 1;
	}
	for (size_t i = 0; i < w->nknown; i++)
		if (in_scope(w, &w->known[i]))
			w->known[i].seen = false;
	if (proc_scan(&w->ctx->sr, &so, on_mapping, w, &st) < 0)
		log_warn("cannot list the processes in /proc");
	sweep(w, pid > 0 ? "gone" : cause);
	flush_gathered(w);
	w->cause = NULL;
	w->scoped = false;
}

/*
 * A process exited. A driver's claim zaps the mappings of its region inside the driver's
 * probe, before the bind event; a process that touches a zapped mapping dies of SIGBUS.
 * So when a process killed by SIGBUS held a revocable mapping whose BAR is claimed now
 * (read afresh: the bind event may not have come yet), its mapping went away revoked and
 * the revocation killed it: say so rather than a plain exit.
 */
void watch_on_exit(struct watch *w, pid_t pid, int exit_code)
{
	struct pcr_inventory fresh = { 0 };
	bool loaded = false;
	size_t j = 0;

	for (size_t i = 0; i < w->nknown; i++) {
		struct known *k = &w->known[i];
		enum map_state before = k->state;
		const char *claim = NULL;
		char cause[160];

		if (k->pid != pid) {
			w->known[j++] = *k;
			continue;
		}
		if ((exit_code & 0x7f) == SIGBUS && !loaded) {
			inventory_load(&w->ctx->sr, NULL, &fresh);
			loaded = true;
		}
		if (loaded &&
		    exit_killed_by_revocation(
			    exit_code, before, k->via,
			    inventory_bar_claim(&fresh, k->slot, k->bar, &claim))) {
			snprintf(cause, sizeof(cause),
				 "revoked; process killed by SIGBUS (region claimed by "
				 "%s)",
				 claim ? claim : "a driver");
			k->state = MAP_REVOKED;
			emit_known(w, WATCH_UNMAPPED, k, map_state_name(before), cause);
		} else {
			emit_known(w, WATCH_UNMAPPED, k, NULL, "exit");
		}
	}
	known_keep(w, j);
	flush_gathered(w);
	if (loaded)
		inventory_done(&fresh);
}

void watch_remember_devices(struct watch *w)
{
	for (size_t i = 0; i < w->ndevs; i++)
		free(w->devs[i].driver);
	free(w->devs);
	w->devs = xcalloc(w->inv.ndevs, sizeof(*w->devs));
	w->ndevs = w->inv.ndevs;
	for (unsigned i = 0; i < w->inv.ndevs; i++) {
		snprintf(w->devs[i].slot, sizeof(w->devs[i].slot), "%s",
			 w->inv.devs[i].slot);
		w->devs[i].driver =
			w->inv.devs[i].driver ? xstrdup(w->inv.devs[i].driver) : NULL;
	}
}

static void emit_dev(struct watch *w, enum watch_kind kind, const char *slot,
		     const char *driver)
{
	struct watch_event ev = {
		.kind = kind, .device = slot, .driver = driver, .bar = -1
	};
	emit(w, &ev);
}

/*
 * Reload the inventory (drivers and claims), report what changed since the last one, and
 * rescan when anything did (or when forced): the rescan confirms what a bind did to each
 * mapping. Works with or without udev, which only makes it prompt.
 */
void watch_refresh(struct watch *w, bool force)
{
	struct pcr_inventory old = w->inv;
	char cause[128] = "";
	bool changed = false;
	/* a rescan's unreadable files were reported at the start: not again every pass */
	inventory_load(&w->ctx->sr, NULL, &w->inv);
	for (size_t i = 0; i < w->ndevs; i++) {
		const struct devstate *d = &w->devs[i];
		const struct pcr_device *now = inventory_find_slot(&w->inv, d->slot);
		const char *drv = now ? now->driver : NULL;

		if (d->driver && (!drv || !streq(d->driver, drv))) {
			emit_dev(w, WATCH_UNBIND, d->slot, d->driver);
			snprintf(cause, sizeof(cause), "unbind %s %s", d->driver,
				 d->slot);
			changed = true;
		}
		if (!now) {
			emit_dev(w, WATCH_REMOVE, d->slot, NULL);
			changed = true;
		} else if (drv && (!d->driver || !streq(d->driver, drv))) {
			emit_dev(w, WATCH_BIND, d->slot, drv);
			snprintf(cause, sizeof(cause), "bind %s %s", drv, d->slot);
			changed = true;
		}
	}
	for (unsigned i = 0; i < w->inv.ndevs; i++) {
		const struct pcr_device *d = &w->inv.devs[i];
		bool known = false;
		for (size_t j = 0; j < w->ndevs && !known; j++)
			known = streq(w->devs[j].slot, d->slot);
		if (known)
			continue;
		emit_dev(w, WATCH_ADD, d->slot, NULL);
		if (d->driver) {
			emit_dev(w, WATCH_BIND, d->slot, d->driver);
			snprintf(cause, sizeof(cause), "bind %s %s", d->driver, d->slot);
		}
		changed = true;
	}
	inventory_done(&old);
	watch_remember_devices(w);
	if (changed || force)
		watch_scan(w, 0, cause[0] ? cause : "rescan");
}
