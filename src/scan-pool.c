// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "macro.h"
#include "scan-pool.h"
#include "xalloc.h"

#if defined(__SANITIZE_THREAD__)
#define UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNDER_TSAN 1
#endif
#endif
#ifndef UNDER_TSAN
#define UNDER_TSAN 0
#endif

/* Chunks a thread may run ahead of the last delivered one, per thread. */
#define WINDOW_PER_THREAD 4

struct slot {
	struct pool_rec *head; /* the chunk's records, in item order */
	bool done;
};

struct pool {
	const struct pool_ops *ops;
	size_t nitems, chunk, nchunks;
	atomic_size_t next; /* the next chunk to take */

	pthread_mutex_t lock;
	pthread_cond_t done_cv;	  /* a chunk is done (the calling thread waits) */
	pthread_cond_t window_cv; /* a chunk was delivered (threads ahead wait) */
	size_t delivered;	  /* chunks delivered, under lock */
	size_t window;		  /* slots in the ring */
	struct slot *ring;	  /* chunk k is in ring[k % window] */
};

struct worker {
	struct pool *p;
	void *state;
	pthread_t tid;
};

void pool_list_append(struct pool_list *l, struct pool_rec *r)
{
	r->next = NULL;
	*l->tail = r;
	l->tail = &r->next;
}

static void run_chunk(struct pool *p, void *state, size_t k, struct pool_list *out)
{
	size_t end = (k + 1) * p->chunk < p->nitems ? (k + 1) * p->chunk : p->nitems;

	out->head = NULL;
	out->tail = &out->head;
	for (size_t i = k * p->chunk; i < end; i++)
		p->ops->item(state, i, out);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->p;

	/*
	 * A descriptor table of its own: the kernel looks descriptors up without touching
	 * their reference counts only in an unshared table, and a scan makes an ioctl or
	 * read() per VMA. The thread closes every descriptor it opens before its item
	 * returns, so none is lost; where unshare() is refused the table stays shared.
	 * ThreadSanitizer models one table per process (a descriptor number reused in two
	 * tables reads to it as a race): under it the table stays shared.
	 */
	if (!UNDER_TSAN && unshare(CLONE_FILES) < 0)
		log_debug("scan thread: unshare(CLONE_FILES): %s", strerror(errno));
	for (;;) {
		size_t k = atomic_fetch_add_explicit(&p->next, 1, memory_order_relaxed);
		struct pool_list out;

		if (k >= p->nchunks)
			break;
		pthread_mutex_lock(&p->lock);
		while (k >= p->delivered + p->window)
			pthread_cond_wait(&p->window_cv, &p->lock);
		pthread_mutex_unlock(&p->lock);

		run_chunk(p, w->state, k, &out);

		pthread_mutex_lock(&p->lock);
		p->ring[k % p->window] = (struct slot){ .head = out.head, .done = true };
		pthread_cond_signal(&p->done_cv);
		pthread_mutex_unlock(&p->lock);
	}
	return NULL;
}

static void deliver_list(struct pool *p, void *ctx, struct pool_rec *r)
{
	while (r) {
		struct pool_rec *next = r->next;

		p->ops->deliver(ctx, r);
		r = next;
	}
}

/* The calling thread: every chunk's records in order, as each becomes ready. */
static void deliver_all(struct pool *p, void *ctx)
{
	for (size_t k = 0; k < p->nchunks; k++) {
		struct slot *s = &p->ring[k % p->window];
		struct pool_rec *head;

		pthread_mutex_lock(&p->lock);
		while (!s->done)
			pthread_cond_wait(&p->done_cv, &p->lock);
		head = s->head;
		*s = (struct slot){};
		pthread_mutex_unlock(&p->lock);

		deliver_list(p, ctx, head);

		pthread_mutex_lock(&p->lock);
		p->delivered = k + 1;
		pthread_cond_broadcast(&p->window_cv);
		pthread_mutex_unlock(&p->lock);
	}
}

/* Start up to n threads with every signal blocked; how many started. */
static unsigned start_workers(struct worker *w, unsigned n)
{
	sigset_t all, old;
	unsigned started = 0;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	for (; started < n; started++) {
		int r = pthread_create(&w[started].tid, NULL, worker_main, &w[started]);

		if (r) {
			log_debug("cannot start scan thread %u: %s", started + 1,
				  strerror(r));
			break;
		}
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return started;
}

unsigned pool_run(const struct pool_ops *ops, void *ctx, void *const *states,
		  unsigned nstates, size_t nitems, size_t chunk)
{
	_cleanup_free_ struct worker *w = NULL;
	_cleanup_free_ struct slot *ring = NULL;
	struct pool p = { .ops = ops, .nitems = nitems, .chunk = chunk ? chunk : 1 };
	unsigned started;

	if (!nitems || !nstates)
		return 0;
	p.nchunks = (nitems + p.chunk - 1) / p.chunk;
	p.window = (size_t)nstates * WINDOW_PER_THREAD;
	p.ring = ring = xcalloc(p.window, sizeof(*ring));
	atomic_init(&p.next, 0);
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.done_cv, NULL);
	pthread_cond_init(&p.window_cv, NULL);

	w = xcalloc(nstates, sizeof(*w));
	for (unsigned i = 0; i < nstates; i++)
		w[i] = (struct worker){ .p = &p, .state = states[i] };
	started = start_workers(w, nstates);
	if (started) {
		deliver_all(&p, ctx);
	} else {
		/* no thread at all: the same chunks, here */
		for (size_t k = 0; k < p.nchunks; k++) {
			struct pool_list out;

			run_chunk(&p, states[0], k, &out);
			deliver_list(&p, ctx, out.head);
		}
	}
	for (unsigned i = 0; i < started; i++)
		pthread_join(w[i].tid, NULL);

	pthread_cond_destroy(&p.window_cv);
	pthread_cond_destroy(&p.done_cv);
	pthread_mutex_destroy(&p.lock);
	return started;
}

unsigned pool_default_threads(void)
{
	cpu_set_t set;
	long n;

	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return (unsigned)CPU_COUNT(&set);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}
