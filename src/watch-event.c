// SPDX-License-Identifier: GPL-2.0-or-later
#include <inttypes.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "json.h"
#include "macro.h"
#include "watch-event.h"

static void timestamp(const struct timespec *ts, char *buf, size_t len)
{
	struct tm tm;
	time_t t = ts->tv_sec;

	gmtime_r(&t, &tm);
	if (snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
		     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		     (int)(ts->tv_nsec / 1000000) % 1000) >= (int)len)
		buf[len - 1] = '\0';
}

/*
 * A string from a process or the system, as libsmartcols writes a table cell: control
 * characters, DEL, a backslash and bytes that are not printable characters of the locale
 * become \xHH, so a process name cannot move the cursor, retitle the terminal or clear
 * the screen of the administrator reading the events.
 */
static void put_safe(FILE *f, const char *s)
{
	mbstate_t st;
	size_t left;

	if (!s) {
		fputc('?', f);
		return;
	}
	memset(&st, 0, sizeof(st));
	left = strlen(s);
	while (left) {
		unsigned char c = (unsigned char)*s;
		wchar_t wc;
		size_t n;

		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f || c == '\\')
				fprintf(f, "\\x%02x", c);
			else
				fputc(c, f);
			s++;
			left--;
			continue;
		}
		n = mbrtowc(&wc, s, left, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0 ||
		    !iswprint((wint_t)wc)) {
			memset(&st, 0, sizeof(st));
			fprintf(f, "\\x%02x", c);
			s++;
			left--;
			continue;
		}
		fwrite(s, 1, n, f);
		s += n;
		left -= n;
	}
}

static bool is_mapping(enum watch_kind k)
{
	return k == WATCH_MAPPED || k == WATCH_UNMAPPED || k == WATCH_STATE;
}

void watch_event_print_text(const struct watch_event *ev, FILE *f)
{
	char ts[64];

	timestamp(&ev->when, ts, sizeof(ts));
	fprintf(f, "%s %-8s", ts, watch_kind_name(ev->kind));
	if (is_mapping(ev->kind)) {
		fprintf(f, " pid %d (", (int)ev->pid);
		put_safe(f, ev->comm);
		fputs(") ", f);
		put_safe(f, ev->device ? ev->device : "-");
		if (ev->bar >= 0)
			fprintf(f, " BAR%d", ev->bar);
		fputs(" via ", f);
		put_safe(f, ev->via);
		if (ev->phys_known)
			fprintf(f, " 0x%" PRIx64 "-0x%" PRIx64, ev->phys_start,
				ev->phys_end);
		if (ev->kind == WATCH_STATE && ev->previous) {
			fputs(": ", f);
			put_safe(f, ev->previous);
			fputs(" -> ", f);
			put_safe(f, ev->state);
		} else if (ev->state) {
			fputs(": ", f);
			put_safe(f, ev->state);
		}
		if (ev->count > 1)
			fprintf(f, " [%u mappings]", ev->count);
		if (ev->path_only)
			fputs(" [identified by path only]", f);
	} else {
		fputc(' ', f);
		put_safe(f, ev->device ? ev->device : "-");
		if (ev->driver) {
			fputs(" driver ", f);
			put_safe(f, ev->driver);
		}
	}
	if (ev->cause) {
		fputs(" (", f);
		put_safe(f, ev->cause);
		fputc(')', f);
	}
	fputc('\n', f);
}

void watch_event_print_json(const struct watch_event *ev, FILE *f)
{
	struct json j;
	char ts[64];

	timestamp(&ev->when, ts, sizeof(ts));
	json_init(&j, f, true);
	json_open_object(&j, NULL);
	json_str(&j, "time", ts);
	json_str(&j, "event", watch_kind_name(ev->kind));
	if (is_mapping(ev->kind)) {
		json_num(&j, "pid", ev->pid);
		json_str(&j, "comm", ev->comm);
		json_str(&j, "device", ev->device);
		if (ev->bar >= 0)
			json_num(&j, "bar", ev->bar);
		else
			json_null(&j, "bar");
		json_str(&j, "via", ev->via);
		if (ev->phys_known) {
			json_hex(&j, "phys_start", ev->phys_start);
			json_hex(&j, "phys_end", ev->phys_end);
		}
		json_hex(&j, "vma", ev->vma_start);
		json_str(&j, "state", ev->state);
		if (ev->kind == WATCH_STATE)
			json_str(&j, "previous", ev->previous);
		json_num(&j, "count", ev->count ? ev->count : 1);
		if (ev->path_only)
			json_bool(&j, "path_only", true);
	} else {
		json_str(&j, "device", ev->device);
		json_str(&j, "driver", ev->driver);
	}
	if (ev->cause)
		json_str(&j, "cause", ev->cause);
	json_close_object(&j);
	json_end(&j);
}
