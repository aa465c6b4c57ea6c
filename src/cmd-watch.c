// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pcirevoke watch: follow driver binds and BAR mappings live. Sources: udev (libudev
 * monitor, subsystem pci) for binds, the kernel's process-events connector (libmnl) for
 * new and exiting processes, and a full rescan every --interval, since mmap itself raises
 * no event. Every change is judged by the same engine as audit and check.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <time.h>

#include "attribute.h"
#include "cmd.h"
#include "evidence.h"
#include "exitcode.h"
#include "inventory.h"
#include "log.h"
#include "parse-cnproc.h"
#include "proc-scan.h"
#include "watch-event.h"
#include "watch-sources.h"
#include "xalloc.h"

#define PENDING_MAX 1024

struct watch_opts {
	double interval;
	double timeout; /* 0: none */
	unsigned long count; /* 0: none */
	unsigned jobs; /* threads of each rescan; 0: the default */
};

/* A BAR mapping seen in the last scan. */
struct known {
	pid_t pid;
	uint64_t vma_start, vma_end, offset, inode;
	char comm[64];
	char slot[24];
	int bar;
	enum map_via via;
	enum map_state state;
	bool phys_known;
	uint64_t phys_start, phys_end;
	bool seen;
};

/* A device's driver as of the last inventory. */
struct devstate {
	char slot[16];
	char *driver;
};

/* A mapping event waiting for the end of its scan, with how many mappings it covers. */
struct gathered {
	enum watch_kind kind;
	struct known k;
	const char *previous; /* a static state name */
	char cause[160];
	unsigned count;
};

struct pending {
	pid_t pid;
	double due;
};

struct watch {
	struct pcr_ctx *ctx;
	const struct watch_opts *o;
	struct pcr_inventory inv;
	struct evidence ev;
	struct map_verdicts mv;
	struct known *known;
	size_t nknown, capknown;
	struct gathered *gathered;
	size_t ngathered;
	struct devstate *devs;
	size_t ndevs;
	struct pending pending[PENDING_MAX];
	size_t npending;
	unsigned long printed;
	bool done;
	const char *cause; /* of the scan in progress */
	bool scoped;       /* the scan in progress covers only scope_pid */
	pid_t scope_pid;
};

static double now_mono(void)
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

/*
 * Mapping events are gathered during a scan and written when it ends, one per process,
 * device, BAR, door and change: a process with 32,000 identical mappings is one line
 * ("[32000 mappings]"), not 32,000.
 */
static void emit_known(struct watch *w, enum watch_kind kind, const struct known *k,
		       const char *previous, const char *cause)
{
	struct gathered *g;

	for (size_t i = 0; i < w->ngathered; i++) {
		g = &w->gathered[i];
		if (g->kind == kind && g->k.pid == k->pid && g->k.bar == k->bar &&
		    g->k.via == k->via && g->k.state == k->state && streq(g->k.slot, k->slot) &&
		    g->previous == previous && streq(g->cause, cause ? cause : "")) {
			g->count++;
			return;
		}
	}
	w->gathered = xreallocarray(w->gathered, w->ngathered + 1, sizeof(*w->gathered));
	g = &w->gathered[w->ngathered++];
	*g = (struct gathered){ .kind = kind, .k = *k, .previous = previous, .count = 1 };
	snprintf(g->cause, sizeof(g->cause), "%s", cause ? cause : "");
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
			.cause = g->cause[0] ? g->cause : NULL,
		};
		emit(w, &ev);
	}
	w->ngathered = 0;
}

static struct known *find_known(struct watch *w, const struct pcr_mapping *m)
{
	for (size_t i = 0; i < w->nknown; i++) {
		struct known *k = &w->known[i];
		if (k->pid == m->pid && k->vma_start == m->vma_start && k->vma_end == m->vma_end &&
		    k->offset == m->offset && k->inode == m->inode)
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

static void on_mapping(const struct proc_info *pi, const struct pcr_mapping *m, void *userdata)
{
	struct watch *w = userdata;
	struct attribution a;
	struct known *k;

	if (m->door.via == VIA_NONE)
		return;
	attribute_mapping(m, &w->inv, &w->ev, &w->mv, &a);
	if (a.not_bar) /* /dev/mem over RAM, ROM or firmware: no BAR mapping */
		return;
	k = find_known(w, m);
	if (k) {
		enum map_state before = k->state;
		k->seen = true;
		if (pi->comm[0]) /* exec changes it; the events name the process as it is now */
			snprintf(k->comm, sizeof(k->comm), "%s", pi->comm);
		if (before != a.state) {
			k->state = a.state;
			emit_known(w, WATCH_STATE, k, map_state_name(before), state_cause(w, &a));
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
		.seen = true,
	};
	snprintf(k->comm, sizeof(k->comm), "%s", pi->comm);
	if (a.slot)
		snprintf(k->slot, sizeof(k->slot), "%s", a.slot);
	emit_known(w, WATCH_MAPPED, k, NULL, w->cause);
}

static bool in_scope(const struct watch *w, const struct known *k)
{
	return !w->scoped || k->pid == w->scope_pid;
}

/* Forget the mappings of scope that the last scan did not see. */
static void sweep(struct watch *w, const char *cause)
{
	size_t j = 0;

	for (size_t i = 0; i < w->nknown; i++) {
		struct known *k = &w->known[i];
		if (in_scope(w, k) && !k->seen) {
			emit_known(w, WATCH_UNMAPPED, k, NULL, cause);
			continue;
		}
		w->known[j++] = *k;
	}
	w->nknown = j;
}

/* Rescan every process (pid 0) or one; cause names why, for the events. */
static void scan(struct watch *w, pid_t pid, const char *cause)
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
static void on_exit_event(struct watch *w, pid_t pid, int exit_code)
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
		if (loaded && exit_killed_by_revocation(exit_code, before, k->via,
							inventory_bar_claim(&fresh, k->slot, k->bar, &claim))) {
			snprintf(cause, sizeof(cause),
				 "revoked; process killed by SIGBUS (region claimed by %s)",
				 claim ? claim : "a driver");
			k->state = MAP_REVOKED;
			emit_known(w, WATCH_UNMAPPED, k, map_state_name(before), cause);
		} else {
			emit_known(w, WATCH_UNMAPPED, k, NULL, "exit");
		}
	}
	w->nknown = j;
	flush_gathered(w);
	if (loaded)
		inventory_done(&fresh);
}

static void remember_devices(struct watch *w)
{
	for (size_t i = 0; i < w->ndevs; i++)
		free(w->devs[i].driver);
	free(w->devs);
	w->devs = xcalloc(w->inv.ndevs, sizeof(*w->devs));
	w->ndevs = w->inv.ndevs;
	for (unsigned i = 0; i < w->inv.ndevs; i++) {
		snprintf(w->devs[i].slot, sizeof(w->devs[i].slot), "%s", w->inv.devs[i].slot);
		w->devs[i].driver = w->inv.devs[i].driver ? xstrdup(w->inv.devs[i].driver) : NULL;
	}
}

static void emit_dev(struct watch *w, enum watch_kind kind, const char *slot,
		     const char *driver)
{
	struct watch_event ev = { .kind = kind, .device = slot, .driver = driver, .bar = -1 };
	emit(w, &ev);
}

/*
 * Reload the inventory (drivers and claims), report what changed since the last one, and
 * rescan when anything did (or when forced): the rescan confirms what a bind did to each
 * mapping. Works with or without udev, which only makes it prompt.
 */
static void refresh(struct watch *w, bool force)
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
			snprintf(cause, sizeof(cause), "unbind %s %s", d->driver, d->slot);
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
	remember_devices(w);
	if (changed || force)
		scan(w, 0, cause[0] ? cause : "rescan");
}

static void queue_pid(struct watch *w, pid_t pid, double due)
{
	if (w->npending < PENDING_MAX)
		w->pending[w->npending++] = (struct pending){ .pid = pid, .due = due };
	/* full: the next periodic rescan catches it */
}

static void run_pending(struct watch *w, double now)
{
	size_t j = 0;

	for (size_t i = 0; i < w->npending; i++) {
		if (w->pending[i].due <= now && !w->done)
			scan(w, w->pending[i].pid, "new process");
		else
			w->pending[j++] = w->pending[i];
	}
	w->npending = j;
}

/* What process events mean: a new or changed process is looked at, an exit forgets. */
static void on_proc_events(struct watch *w, struct proc_events *pe)
{
	struct cnproc_event ev[16];
	double now = now_mono();
	bool overrun;
	size_t n;

	do {
		n = proc_events_read(pe, ev, ELEMENTSOF(ev), &overrun);
		for (size_t i = 0; i < n; i++) {
			switch (ev[i].kind) {
			case CNPROC_FORK: /* shared mappings are inherited */
				queue_pid(w, ev[i].pid, now);
				break;
			case CNPROC_EXEC: /* mappings come after exec: look now and again */
				queue_pid(w, ev[i].pid, now);
				queue_pid(w, ev[i].pid, now + 0.2);
				queue_pid(w, ev[i].pid, now + 1.0);
				break;
			case CNPROC_EXIT:
				on_exit_event(w, ev[i].pid, ev[i].exit_code);
				break;
			default:
				break;
			}
		}
		if (overrun) /* events were lost: rescan everything */
			scan(w, 0, "event overrun");
	} while (n == ELEMENTSOF(ev));
}

/*
 * A bind event always rescans: an earlier refresh may have seen the driver link while
 * probe had not yet claimed the regions.
 */
static void on_uevents(struct watch *w, struct pci_uevents *ue)
{
	bool binding;

	if (pci_uevents_read(ue, &binding))
		refresh(w, binding);
}

enum { OPT_INTERVAL = 0x300, OPT_TIMEOUT, OPT_COUNT };

static const struct argp_option options[] = {
	{ "interval", OPT_INTERVAL, "SECONDS", 0, "rescan every process this often (default 5)", 0 },
	{ "timeout", OPT_TIMEOUT, "SECONDS", 0, "stop after this long", 0 },
	{ "count", OPT_COUNT, "N", 0, "stop after N events", 0 },
	CMD_JOBS_OPTION,
	{ 0 }
};

static error_t parse_opt(int key, char *arg, struct argp_state *state)
{
	struct watch_opts *o = state->input;
	char *end;

	switch (key) {
	case OPT_INTERVAL:
	case OPT_TIMEOUT: {
		double v = strtod(arg, &end);
		if (*end || !(v > 0) || v > 1e7)
			argp_error(state, "'%s' is not a positive number of seconds", arg);
		if (key == OPT_INTERVAL)
			o->interval = v < 0.1 ? 0.1 : v;
		else
			o->timeout = v;
		break;
	}
	case 'j':
		o->jobs = cmd_parse_jobs(arg, state);
		break;
	case OPT_COUNT:
		o->count = strtoul(arg, &end, 10);
		if (*end || o->count == 0)
			argp_error(state, "'%s' is not a positive count", arg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp argp = {
	.options = options,
	.parser = parse_opt,
	.doc = "Follow driver binds and BAR mappings live: a new mapping (pid, device, BAR, "
	       "door, state), a mapping that went away, and a driver binding to or unbinding "
	       "from a device, with what that did to each mapping of it (revoked or conflict), "
	       "confirmed by a rescan after the bind.\n\n"
	       "Sources: udev for binds, the kernel's process-events connector for new "
	       "processes (it needs privilege and the initial namespaces; without it new "
	       "processes are seen at the next rescan), and a rescan of every process each "
	       "--interval, since mmap itself raises no event. Mappings present at the start "
	       "are reported first. Runs until SIGINT or SIGTERM, --timeout or --count, and "
	       "exits 0. -J writes JSON Lines, one object per event. Live system only.\n\n"
	       "Examples:\n"
	       "  pcirevoke watch\n"
	       "  pcirevoke watch -J --interval 1 | jq -c 'select(.event==\"state\")'",
};

static void opts_init(void *opts)
{
	struct watch_opts *o = opts;

	o->interval = 5;
}

/* SIGINT and SIGTERM as a file descriptor to poll: they end the watch normally. */
static int signals_fd(void)
{
	sigset_t mask;

	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	return signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
}

/* When the loop must wake up next: a rescan, a queued look at a process, the timeout. */
static double next_wake(const struct watch *w, double start, double next_rescan)
{
	double wake = next_rescan;

	if (w->o->timeout && start + w->o->timeout < wake)
		wake = start + w->o->timeout;
	for (size_t i = 0; i < w->npending; i++)
		if (w->pending[i].due < wake)
			wake = w->pending[i].due;
	return wake;
}

/* Until a signal, the timeout or the event count ends it. */
static void watch_loop(struct watch *w, int sfd, struct pci_uevents *ue,
		       struct proc_events *pe)
{
	double start = now_mono(), next_rescan = start + w->o->interval;

	scan(w, 0, "present at start");
	while (!w->done) {
		struct pollfd p[3] = {
			{ .fd = sfd, .events = POLLIN },
			{ .fd = pci_uevents_fd(ue), .events = POLLIN },
			{ .fd = proc_events_fd(pe), .events = POLLIN },
		};
		double now = now_mono(), wake = next_wake(w, start, next_rescan);

		if (poll(p, 3, wake > now ? (int)ceil((wake - now) * 1000) : 0) < 0 &&
		    errno != EINTR) {
			log_error("poll: %s", strerror(errno));
			break;
		}
		if (p[0].revents & POLLIN)
			break; /* SIGINT or SIGTERM: a normal end */
		if (p[1].revents & POLLIN)
			on_uevents(w, ue);
		if (p[2].revents & POLLIN)
			on_proc_events(w, pe);
		now = now_mono();
		if (w->o->timeout && now >= start + w->o->timeout)
			break;
		run_pending(w, now);
		if (now >= next_rescan) {
			refresh(w, true);
			next_rescan = now_mono() + w->o->interval;
		}
	}
}

static void watch_done(struct watch *w)
{
	for (size_t i = 0; i < w->ndevs; i++)
		free(w->devs[i].driver);
	free(w->devs);
	free(w->known);
	free(w->gathered);
	inventory_done(&w->inv);
	evidence_done(&w->ev);
}

/* Events are lines or JSON Lines: the table options mean nothing here, so say so. */
static int configure(struct pcr_ctx *ctx, _unused_ void *opts)
{
	const char *what = ctx->out.columns	     ? "-o"
			   : ctx->out.format == OUT_RAW   ? "-r"
			   : ctx->out.format == OUT_PAIRS ? "-P"
							  : NULL;

	if (!what)
		return 0;
	log_error("watch prints events, not a table: %s does not apply (-J writes JSON "
		  "Lines)",
		  what);
	return PCR_EXIT_USAGE;
}

static int run(struct pcr_ctx *ctx, void *opts)
{
	_cleanup_(watch_done) struct watch w = { .ctx = ctx, .o = opts };
	_cleanup_close_ int sfd = signals_fd();
	struct pcr_problems pb = {};
	struct proc_events *pe;
	struct pci_uevents *ue;

	if (sfd < 0) {
		log_error("signalfd: %s", strerror(errno));
		return PCR_EXIT_FAILURE;
	}
	evidence_collect(&ctx->sr, &w.ev);
	problems_log(&w.ev.problems);
	map_verdicts_compute(&w.ev, &w.mv);
	inventory_load(&ctx->sr, NULL, &w.inv);
	problems_log(&w.inv.problems);
	remember_devices(&w);
	ue = pci_uevents_open(&pb);
	pe = proc_events_open(&pb);
	problems_log(&pb);
	problems_done(&pb);

	watch_loop(&w, sfd, ue, pe);

	proc_events_close(pe);
	pci_uevents_close(ue);
	return PCR_EXIT_CLEAN;
}

const struct pcr_cmd cmd_watch = {
	.name = "watch",
	.summary = "follow driver binds and new BAR mappings live",
	.argp = &argp,
	.opts_size = sizeof(struct watch_opts),
	.opts_init = opts_init,
	.configure = configure,
	.columns_note = "watch prints events, not columns: see pcirevoke(8), WATCH EVENTS",
	.flags = CMD_LIVE_ONLY | CMD_NEEDS_ROOT | CMD_STREAMS,
	.run = run,
};
