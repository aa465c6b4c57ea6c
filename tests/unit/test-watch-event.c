// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <string.h>

#include "parse-uevent.h"
#include "watch-event.h"

static char *render(const struct watch_event *ev, bool json)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	if (json)
		watch_event_print_json(ev, f);
	else
		watch_event_print_text(ev, f);
	fclose(f);
	return buf;
}

static void test_classify(void **state)
{
	(void)state;
	assert_int_equal(watch_classify_uevent("pci", "bind"), WATCH_BIND);
	assert_int_equal(watch_classify_uevent("pci", "unbind"), WATCH_UNBIND);
	assert_int_equal(watch_classify_uevent("pci", "add"), WATCH_ADD);
	assert_int_equal(watch_classify_uevent("pci", "remove"), WATCH_REMOVE);
	assert_int_equal(watch_classify_uevent("pci", "change"), WATCH_NONE);
	assert_int_equal(watch_classify_uevent("net", "bind"), WATCH_NONE);
	assert_int_equal(watch_classify_uevent(NULL, "bind"), WATCH_NONE);
	assert_int_equal(watch_classify_uevent("pci", NULL), WATCH_NONE);
}

static void test_state_json(void **state)
{
	(void)state;
	struct watch_event ev = {
		.kind = WATCH_STATE,
		.when = { .tv_sec = 1700000000, .tv_nsec = 123456789 },
		.pid = 42,
		.comm = "hold\"er\n",
		.device = "0000:00:03.0",
		.bar = 0,
		.via = "sysfs",
		.state = "revoked",
		.previous = "revocable",
		.phys_known = true,
		.phys_start = 0xfebc0000,
		.phys_end = 0xfebdffff,
		.vma_start = 0x7f0000000000,
		.cause = "bind e1000 0000:00:03.0",
	};
	char *s = render(&ev, true);

	assert_string_equal(
		s,
		"{\"time\":\"2023-11-14T22:13:20.123Z\",\"event\":\"state\",\"pid\":42,"
		"\"comm\":\"hold\\\"er\\n\",\"device\":\"0000:00:03.0\",\"bar\":0,"
		"\"via\":\"sysfs\",\"phys_start\":\"0xfebc0000\",\"phys_end\":"
		"\"0xfebdffff\","
		"\"vma\":\"0x7f0000000000\",\"state\":\"revoked\",\"previous\":"
		"\"revocable\","
		"\"count\":1,\"cause\":\"bind e1000 0000:00:03.0\"}\n");
	free(s);
	s = render(&ev, false);
	assert_string_equal(
		s,
		"2023-11-14T22:13:20.123Z state    pid 42 (hold\"er\\x0a) 0000:00:03.0 "
		"BAR0 via sysfs 0xfebc0000-0xfebdffff: revocable -> revoked "
		"(bind e1000 0000:00:03.0)\n");
	free(s);
}

static void test_bind_json(void **state)
{
	(void)state;
	struct watch_event ev = {
		.kind = WATCH_BIND,
		.when = { .tv_sec = 0 },
		.device = "0000:00:03.0",
		.driver = "e1000",
		.bar = -1,
	};
	char *s = render(&ev, true);

	assert_string_equal(s,
			    "{\"time\":\"1970-01-01T00:00:00.000Z\",\"event\":\"bind\","
			    "\"device\":\"0000:00:03.0\",\"driver\":\"e1000\"}\n");
	free(s);
	ev.kind = WATCH_MAPPED;
	ev.pid = 7;
	ev.comm = NULL;
	ev.device = NULL;
	s = render(&ev, true);
	assert_non_null(strstr(s, "\"bar\":null"));
	assert_non_null(strstr(s, "\"device\":null"));
	free(s);
}

/* A process name cannot drive the terminal: escapes as libsmartcols writes them. */
static void test_text_escapes(void **state)
{
	(void)state;
	struct watch_event ev = {
		.kind = WATCH_MAPPED,
		.when = { .tv_sec = 0 },
		.pid = 9,
		.comm = "\x1b]0;owned\x07\x1b[2J\\ok \xc3\xa9\xff",
		.device = "0000:00:03.0",
		.bar = 2,
		.via = "sysfs",
		.state = "revocable",
		.vma_start = 0x1000,
		.count = 3,
	};
	char *s;

	setlocale(LC_CTYPE, "C.UTF-8");
	s = render(&ev, false);
	assert_string_equal(
		s, "1970-01-01T00:00:00.000Z mapped   pid 9 "
		   "(\\x1b]0;owned\\x07\\x1b[2J\\x5cok \xc3\xa9\\xff) 0000:00:03.0 "
		   "BAR2 via sysfs: revocable [3 mappings]\n");
	assert_null(strchr(s, '\x1b'));
	free(s);
	s = render(&ev, true);
	assert_non_null(strstr(s, "\"count\":3"));
	assert_null(strstr(s, "path_only"));
	assert_null(strchr(s, '\x1b'));
	free(s);
}

/* A mapping identified by its path alone says so, as audit's note does. */
static void test_path_only(void **state)
{
	(void)state;
	struct watch_event ev = {
		.kind = WATCH_MAPPED,
		.when = { .tv_sec = 0 },
		.pid = 9,
		.comm = "planter",
		.device = "0000:00:03.0",
		.bar = 0,
		.via = "sysfs",
		.state = "revocable",
		.vma_start = 0x1000,
		.path_only = true,
	};
	char *s = render(&ev, false);

	assert_string_equal(s, "1970-01-01T00:00:00.000Z mapped   pid 9 (planter) "
			       "0000:00:03.0 BAR0 via sysfs: revocable [identified by "
			       "path only]\n");
	free(s);
	s = render(&ev, true);
	assert_non_null(strstr(s, "\"count\":1,\"path_only\":true}"));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),  cmocka_unit_test(test_state_json),
		cmocka_unit_test(test_bind_json), cmocka_unit_test(test_text_escapes),
		cmocka_unit_test(test_path_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
