// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * watch's state on a captured tree (tests/fixtures/audit-doors; the command itself runs
 * live only): a rescan finds the mappings it knows and says nothing of them, mappings of
 * one process, device, BAR, door and state make one event with their count, and what
 * an exit drops is found afresh by the next scan.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd-watch.h"

struct fixture {
	struct pcr_ctx ctx;
	struct watch_opts o;
	struct watch w;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || sr_init(&f->ctx.sr, FIXTURES_DIR "/audit-doors") < 0)
		return -1;
	f->ctx.out.format = OUT_JSON;
	f->o.jobs = 1;
	f->w = (struct watch){ .ctx = &f->ctx, .o = &f->o };
	evidence_collect(&f->ctx.sr, &f->w.ev);
	map_verdicts_compute(&f->w.ev, &f->w.mv);
	inventory_load(&f->ctx.sr, NULL, &f->w.inv);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->w.known);
	hidx_done(&f->w.kidx);
	hidx_done(&f->w.gidx);
	free(f->w.gathered);
	free(f->w.devs);
	inventory_done(&f->w.inv);
	evidence_done(&f->w.ev);
	sr_done(&f->ctx.sr);
	free(f);
	return 0;
}

/* What fn(f) writes on standard output (the events), as one string. */
static char *events(struct fixture *f, void (*fn)(struct fixture *))
{
	char path[] = "/tmp/test-watch-state-XXXXXX";
	int fd = mkstemp(path), saved = dup(STDOUT_FILENO);
	char *buf = calloc(1, 1 << 16);
	ssize_t n;

	assert_true(fd >= 0 && saved >= 0 && buf);
	unlink(path);
	fflush(stdout);
	assert_true(dup2(fd, STDOUT_FILENO) >= 0);
	fn(f);
	fflush(stdout);
	assert_true(dup2(saved, STDOUT_FILENO) >= 0);
	close(saved);
	n = pread(fd, buf, (1 << 16) - 1, 0);
	assert_true(n >= 0);
	close(fd);
	return buf;
}

static unsigned count_lines(const char *s, const char *needle)
{
	unsigned n = 0;

	for (const char *l = s; *l; l = strchr(l, '\n') + 1) {
		const char *e = strchr(l, '\n');

		assert_non_null(e);
		if (!needle || memmem(l, (size_t)(e - l), needle, strlen(needle)))
			n++;
	}
	return n;
}

static void scan(struct fixture *f)
{
	watch_scan(&f->w, 0, "rescan");
}

static void exit_100(struct fixture *f)
{
	watch_on_exit(&f->w, 100, 0);
}

static void test_rescan(void **state)
{
	struct fixture *f = *state;
	char *s = events(f, scan);
	size_t known;

	/* process 100 maps BAR0 of 0000:00:02.0 twice through sysfs: one event */
	assert_int_equal(count_lines(s, "\"pid\":100,"), 1);
	assert_int_equal(count_lines(s, "\"pid\":100,\"comm\""), 1);
	assert_non_null(
		strstr(s, "\"state\":\"revocable\",\"count\":2,\"cause\":\"rescan\""));
	assert_true(count_lines(s, "\"event\":\"mapped\"") >= 10);
	assert_int_equal(count_lines(s, NULL), count_lines(s, "\"event\":\"mapped\""));
	known = f->w.nknown;
	assert_true(known > count_lines(s, NULL)); /* some events stand for several */
	free(s);

	/* nothing changed: nothing to say, nothing added */
	s = events(f, scan);
	assert_string_equal(s, "");
	assert_int_equal(f->w.nknown, known);
	free(s);

	/* its exit drops both of process 100's mappings, in one event */
	s = events(f, exit_100);
	assert_int_equal(count_lines(s, NULL), 1);
	assert_non_null(strstr(s, "\"event\":\"unmapped\",\"pid\":100,"));
	assert_non_null(strstr(s, "\"count\":2,\"cause\":\"exit\""));
	assert_int_equal(f->w.nknown, known - 2);
	free(s);

	/* the tree still shows them: the next scan finds them anew, and only them */
	s = events(f, scan);
	assert_int_equal(count_lines(s, NULL), 1);
	assert_non_null(strstr(s, "\"event\":\"mapped\",\"pid\":100,"));
	assert_int_equal(f->w.nknown, known);
	free(s);
	s = events(f, scan);
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rescan, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
