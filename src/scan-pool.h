/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A pool of threads that works through items 0..n-1 in order-preserving chunks
 * (collect layer; used by the process scan, proc-scan.h).
 *
 * Each thread takes the next chunk of items from one atomic counter and runs the item
 * function on each with its own state (the caller makes one per thread beforehand and
 * owns it: no state is shared between threads). The item function appends what it found
 * to a record list. The calling thread receives the lists of the chunks in item order, as
 * soon as every chunk before them is done, and hands each record to the deliver function:
 * what the caller does with the records happens in its own thread, in the order a single
 * thread would have produced them. A thread takes a chunk only within a window ahead of
 * the last one delivered, so the records held at once stay bounded however many items
 * there are.
 *
 * Each thread has a descriptor table of its own (unshare(CLONE_FILES): descriptors are
 * looked up faster in an unshared table): an item function closes every descriptor it
 * opens before it returns, and hands none to the calling thread.
 *
 * Every thread is joined before pool_run() returns. Threads start with every signal
 * blocked (the caller keeps receiving SIGINT and SIGTERM, or its signalfd does). When no
 * thread can be started, the calling thread does the work itself.
 */
#ifndef PCR_SCAN_POOL_H
#define PCR_SCAN_POOL_H

#include <stddef.h>

/* A record: the item function allocates it (any size, the struct first) and links it. */
struct pool_rec {
	struct pool_rec *next;
};

struct pool_list {
	struct pool_rec *head, **tail;
};

void pool_list_append(struct pool_list *l, struct pool_rec *r);

struct pool_ops {
	/* in a pool thread: item index with that thread's state */
	void (*item)(void *state, size_t index, struct pool_list *out);
	/* in the calling thread, in item order; the record is the deliver function's to
	 * free */
	void (*deliver)(void *ctx, struct pool_rec *rec);
};

/*
 * Run ops->item on every item in nstates threads (states[i] is thread i's), chunk items
 * at a time, delivering through ops->deliver with ctx. Returns the number of threads
 * that ran (0: the calling thread did it all with states[0]).
 */
unsigned pool_run(const struct pool_ops *ops, void *ctx, void *const *states,
		  unsigned nstates, size_t nitems, size_t chunk);

/* The CPUs this process may run on (sched_getaffinity), at least 1. */
unsigned pool_default_threads(void);

#endif
