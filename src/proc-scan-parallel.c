// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The process scan on several threads (scan-pool.c): each thread scans whole processes
 * with state of its own and hands its records, copied, to the calling thread, which
 * delivers them in PID order and maps order, exactly as one thread would have.
 */
#include <string.h>

#include "log.h"
#include "proc-scan-internal.h"
#include "scan-pool.h"
#include "xalloc.h"

struct scan_rec {
	struct pool_rec link;
	bool missing;
	pid_t pid;
	struct proc_info pi;
	struct pcr_mapping m;
	char path[]; /* m.path's copy */
};

struct scan_worker {
	struct scan s; /* its own iterator, namespace cache, stats and maps_run */
	struct proc_scan_opts o;
	struct proc_scan_stats st;
	const pid_t *pids;
	const struct mntns *const *ns;
	bool explicit;
	struct pool_list *out;
};

/* proc_scan_cb of a thread: the record, with the path copied. */
static void collect(const struct proc_info *pi, const struct pcr_mapping *m,
		    void *userdata)
{
	struct scan_worker *w = userdata;
	size_t len = m->path ? strlen(m->path) + 1 : 0;
	struct scan_rec *r = xmalloc(sizeof(*r) + len);

	*r = (struct scan_rec){ .pid = m->pid, .pi = *pi, .m = *m };
	if (m->path) {
		memcpy(r->path, m->path, len);
		r->m.path = r->path;
	}
	pool_list_append(w->out, &r->link);
}

static void scan_item(void *state, size_t index, struct pool_list *out)
{
	struct scan_worker *w = state;
	unsigned missing = w->st.missing;

	w->out = out;
	scan_pid(&w->s, w->pids[index], w->explicit, w->ns[index]);
	if (w->st.missing != missing) {
		struct scan_rec *r = xmalloc(sizeof(*r));

		*r = (struct scan_rec){ .missing = true, .pid = w->pids[index] };
		pool_list_append(out, &r->link);
	}
}

struct scan_merge {
	const struct proc_scan_opts *o;
	proc_scan_cb cb;
	void *userdata;
	unsigned missing;
};

/* In the calling thread, in PID order and maps order: as scan_pid() would have done. */
static void deliver(void *ctx, struct pool_rec *rec)
{
	struct scan_merge *mg = ctx;
	struct scan_rec *r = (struct scan_rec *)rec;

	if (r->missing) {
		if (mg->o->missing)
			mg->o->missing[mg->missing] = r->pid;
		mg->missing++;
		if (!mg->o->quiet_missing)
			log_warn("no process %d", (int)r->pid);
	} else {
		mg->cb(&r->pi, &r->m, mg->userdata);
	}
	free(r);
}

static void stats_add(struct proc_scan_stats *to, const struct proc_scan_stats *st)
{
	to->processes += st->processes;
	if (st->unreadable &&
	    (!to->unreadable || st->unreadable_pid < to->unreadable_pid)) {
		to->unreadable_pid = st->unreadable_pid;
		memcpy(to->unreadable_path, st->unreadable_path,
		       sizeof(to->unreadable_path));
		to->unreadable_err = st->unreadable_err;
	}
	to->unreadable += st->unreadable;
	to->vanished += st->vanished;
	to->missing += st->missing;
	to->mappings += st->mappings;
	to->bad_lines += st->bad_lines;
	to->namespaces += st->namespaces;
	if (st->ns_unreadable &&
	    (!to->ns_unreadable || st->ns_unreadable_pid < to->ns_unreadable_pid)) {
		to->ns_unreadable_pid = st->ns_unreadable_pid;
		to->ns_unreadable_err = st->ns_unreadable_err;
	}
	to->ns_unreadable += st->ns_unreadable;
	to->queried += st->queried;
}

/* How many PIDs a thread takes at a time: a few chunks per thread, 1 to 16 PIDs each. */
static size_t chunk_size(size_t n, unsigned threads)
{
	size_t c = n / ((size_t)(threads ? threads : 1) * 8);

	return c < 1 ? 1 : c > 16 ? 16 : c;
}

/* The threads a scan of n processes runs on: 1 for the scan of one thread. */
unsigned scan_threads(unsigned jobs, size_t n)
{
	size_t chunks;

	if (!jobs) {
		jobs = pool_default_threads();
		if (jobs > PROC_SCAN_MAX_DEFAULT_JOBS)
			jobs = PROC_SCAN_MAX_DEFAULT_JOBS;
	}
	if (jobs <= 1 || n <= 1)
		return 1;
	chunks = (n + chunk_size(n, jobs) - 1) / chunk_size(n, jobs);
	return chunks < jobs ? (unsigned)chunks : jobs;
}

/*
 * The scan of pids on nthreads threads, each a copy of the scan s (the opts, the reader)
 * with its own iterator and a local namespace cache over s's, which no thread changes;
 * stats merged into s->st.
 */
void scan_parallel(const struct scan *s, const pid_t *pids, const struct mntns *const *ns,
		   size_t n, bool explicit, unsigned nthreads)
{
	const struct pool_ops ops = { .item = scan_item, .deliver = deliver };
	struct scan_merge mg = { .o = s->o, .cb = s->cb, .userdata = s->userdata };
	_cleanup_free_ struct scan_worker **w = xcalloc(nthreads, sizeof(*w));
	unsigned ran;

	for (unsigned i = 0; i < nthreads; i++) {
		w[i] = xcalloc(1, sizeof(*w[i]));
		w[i]->o = *s->o;
		w[i]->o.quiet_missing = true; /* deliver() reports them, in order */
		w[i]->o.missing = NULL;
		w[i]->pids = pids;
		w[i]->ns = ns;
		w[i]->explicit = explicit;
		w[i]->s = *s;
		w[i]->s.o = &w[i]->o;
		w[i]->s.cb = collect;
		w[i]->s.userdata = w[i];
		w[i]->s.st = &w[i]->st;
		w[i]->s.nsc = mntns_cache_new_local(s->nsc);
		w[i]->s.it = maps_iter_new();
	}
	ran = pool_run(&ops, &mg, (void *const *)w, nthreads, n, chunk_size(n, nthreads));
	log_debug("scanned %zu processes on %u threads", n, ran ? ran : 1);
	for (unsigned i = 0; i < nthreads; i++) {
		w[i]->st.bad_lines = maps_iter_bad_lines(w[i]->s.it);
		w[i]->st.namespaces = mntns_cache_loaded(w[i]->s.nsc);
		w[i]->st.ns_unreadable =
			mntns_cache_unreadable(w[i]->s.nsc, &w[i]->st.ns_unreadable_pid,
					       &w[i]->st.ns_unreadable_err);
		stats_add(s->st, &w[i]->st);
		maps_iter_free(w[i]->s.it);
		mntns_cache_free(w[i]->s.nsc);
		free(w[i]);
	}
	/* what the calling thread's cache read before the threads ran */
	s->st->namespaces += mntns_cache_loaded(s->nsc);
	/* (the preload leaves the unreadable ones to the scan: none counted there) */
	s->st->ns_unreadable += mntns_cache_unreadable(s->nsc, NULL, NULL);
}
