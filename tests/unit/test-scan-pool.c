// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

#include "scan-pool.h"

#define NITEMS	 5000
#define NTHREADS 4
#define CHUNK	 3

struct rec {
	struct pool_rec link;
	size_t value;
};

/* One thread's state: touched by that thread alone. */
struct state {
	pthread_t owner;
	bool owned, shared, unblocked;
	size_t items;
};

static atomic_size_t outstanding, max_outstanding;

/* Item i gives i % 3 records, i * 10 + j: some items none, some several. */
static void item(void *state, size_t index, struct pool_list *out)
{
	struct state *st = state;
	sigset_t mask;

	if (!st->owned) {
		st->owner = pthread_self();
		st->owned = true;
	} else if (!pthread_equal(st->owner, pthread_self())) {
		st->shared = true;
	}
	pthread_sigmask(SIG_BLOCK, NULL, &mask);
	if (!sigismember(&mask, SIGINT) || !sigismember(&mask, SIGTERM))
		st->unblocked = true;
	st->items++;
	if (index % 7 == 0)
		sched_yield();
	for (size_t j = 0; j < index % 3; j++) {
		struct rec *r = calloc(1, sizeof(*r));
		size_t n = atomic_fetch_add(&outstanding, 1) + 1,
		       m = atomic_load(&max_outstanding);

		while (n > m && !atomic_compare_exchange_weak(&max_outstanding, &m, n))
			;
		r->value = index * 10 + j;
		pool_list_append(out, &r->link);
	}
}

struct sink {
	pthread_t caller;
	size_t next_index, records;
	bool in_order, in_caller;
};

static void deliver(void *ctx, struct pool_rec *rec)
{
	struct sink *s = ctx;
	struct rec *r = (struct rec *)rec;

	if (!pthread_equal(s->caller, pthread_self()))
		s->in_caller = false;
	/* values in item order, each item's records in their order */
	if (r->value < s->next_index)
		s->in_order = false;
	s->next_index = r->value + 1;
	s->records++;
	atomic_fetch_sub(&outstanding, 1);
	free(r);
}

static const struct pool_ops ops = { .item = item, .deliver = deliver };

static void test_order(void **unused)
{
	struct state st[NTHREADS] = {};
	void *states[NTHREADS];
	struct sink s = { .caller = pthread_self(), .in_order = true, .in_caller = true };
	size_t items = 0, expected = 0;
	unsigned ran;

	(void)unused;
	for (int i = 0; i < NTHREADS; i++)
		states[i] = &st[i];
	ran = pool_run(&ops, &s, states, NTHREADS, NITEMS, CHUNK);
	assert_in_range(ran, 1, NTHREADS);
	for (size_t i = 0; i < NITEMS; i++)
		expected += i % 3;
	assert_int_equal(s.records, expected);
	assert_true(s.in_order);
	assert_true(s.in_caller);
	for (int i = 0; i < NTHREADS; i++) {
		assert_false(st[i].shared);
		assert_false(st[i].unblocked);
		items += st[i].items;
	}
	assert_int_equal(items, NITEMS);
	assert_int_equal(atomic_load(&outstanding), 0);
	/* bounded: never more than the window (4 chunks a thread) and the chunks being
	 * run, whatever NITEMS is */
	assert_true(atomic_load(&max_outstanding) <=
		    (size_t)(4 + 1) * NTHREADS * CHUNK * 2);
}

/* The calling thread's signals stay as they were; the threads' are all blocked. */
static void test_caller_mask(void **unused)
{
	struct state st[2] = {};
	void *states[2] = { &st[0], &st[1] };
	struct sink s = { .caller = pthread_self(), .in_order = true, .in_caller = true };
	sigset_t before, after;

	(void)unused;
	pthread_sigmask(SIG_BLOCK, NULL, &before);
	pool_run(&ops, &s, states, 2, 100, 1);
	pthread_sigmask(SIG_BLOCK, NULL, &after);
	assert_int_equal(sigismember(&before, SIGINT), sigismember(&after, SIGINT));
	assert_int_equal(sigismember(&before, SIGTERM), sigismember(&after, SIGTERM));
	assert_false(st[0].unblocked || st[1].unblocked);
	assert_true(s.in_order);
}

static void test_empty(void **unused)
{
	struct state st = {};
	void *states[1] = { &st };
	struct sink s = { .caller = pthread_self(), .in_order = true, .in_caller = true };

	(void)unused;
	assert_int_equal(pool_run(&ops, &s, states, 1, 0, 4), 0);
	assert_int_equal(st.items, 0);
	assert_int_equal(s.records, 0);
}

static void test_default_threads(void **unused)
{
	cpu_set_t set;

	(void)unused;
	assert_true(pool_default_threads() >= 1);
	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		assert_int_equal(pool_default_threads(), CPU_COUNT(&set));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_caller_mask),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_default_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
