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

#include "cmd-watch.h"
#include "exitcode.h"
#include "inventory.h"
#include "log.h"
#include "parse-cnproc.h"
#include "proc-scan.h"
#include "watch-event.h"
#include "watch-sources.h"
#include "xalloc.h"

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
			watch_scan(w, w->pending[i].pid, "new process");
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
				watch_on_exit(w, ev[i].pid, ev[i].exit_code);
				break;
			default:
				break;
			}
		}
		if (overrun) /* events were lost: rescan everything */
			watch_scan(w, 0, "event overrun");
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
		watch_refresh(w, binding);
}

enum { OPT_INTERVAL = 0x300, OPT_TIMEOUT, OPT_COUNT };

static const struct argp_option options[] = {
	{ "interval", OPT_INTERVAL, "SECONDS", 0,
	  "rescan every process this often (default 5)", 0 },
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
			argp_error(state, "'%s' is not a positive number of seconds",
				   arg);
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
	.doc = "Follow driver binds and BAR mappings live: a new mapping (pid, device, "
	       "BAR, "
	       "door, state), a mapping that went away, and a driver binding to or "
	       "unbinding "
	       "from a device, with what that did to each mapping of it (revoked or "
	       "conflict), "
	       "confirmed by a rescan after the bind.\n\n"
	       "Sources: udev for binds, the kernel's process-events connector for new "
	       "processes (it needs privilege and the initial namespaces; without it new "
	       "processes are seen at the next rescan), and a rescan of every process "
	       "each "
	       "--interval, since mmap itself raises no event. Mappings present at the "
	       "start "
	       "are reported first. Runs until SIGINT or SIGTERM, --timeout or --count, "
	       "and "
	       "exits 0. -J writes JSON Lines, one object per event. Live system "
	       "only.\n\n"
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
	double wake = next_rescan, expiry = watch_next_expiry(w);

	if (w->o->timeout && start + w->o->timeout < wake)
		wake = start + w->o->timeout;

	for (size_t i = 0; i < w->npending; i++)
		if (w->pending[i].due < wake)
			wake = w->pending[i].due;
	if (expiry && expiry < wake)
		wake = expiry;
	return wake;
}

/* Until a signal, the timeout or the event count ends it. */
static void watch_loop(struct watch *w, int sfd, struct pci_uevents *ue,
		       struct proc_events *pe)
{
	double start = now_mono(), next_rescan = start + w->o->interval;

	watch_scan(w, 0, "present at start");
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
		watch_expire(w, now);
		if (now >= next_rescan) {
			watch_refresh(w, true);
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
	hidx_done(&w->kidx);
	hidx_done(&w->gidx);
	free(w->gathered);
	inventory_done(&w->inv);
	evidence_done(&w->ev);
}

/* Events are lines or JSON Lines: the table options mean nothing here, so say so. */
static int configure(struct pcr_ctx *ctx, _unused_ void *opts)
{
	const char *what = ctx->out.columns		  ? "-o"
			   : ctx->out.format == OUT_RAW	  ? "-r"
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
	watch_remember_devices(&w);
	ue = pci_uevents_open(&pb);
	pe = proc_events_open(&pb);
	w.exit_events = pe != NULL;
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
	.columns_note =
		"watch prints events, not columns: see pcirevoke(8), WATCH EVENTS",
	.flags = CMD_LIVE_ONLY | CMD_NEEDS_ROOT | CMD_STREAMS,
	.run = run,
};
