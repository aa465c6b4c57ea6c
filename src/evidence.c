// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Collect the evidence the verdict engine needs, through the sysroot only: the kernel
 * release and architecture, the kernel config, the boot line, /proc/kallsyms and BTF
 * (evidence-kernel.c), the lockdown state (evidence-lockdown.c) and which doors exist
 * (evidence-doors.c). This file holds the items and the order of collection.
 */
#include <stdarg.h>
#include <stdio.h>

#include "evidence-internal.h"
#include "xalloc.h"

void evidence_add(struct evidence *ev, const char *name, const char *value,
		  const char *source)
{
	struct evidence_item *it;

	ev->items = xreallocarray(ev->items, ev->nitems + 1, sizeof(*ev->items));
	it = &ev->items[ev->nitems++];
	it->name = xstrdup(name);
	it->value = xstrdup(value ? value : "");
	it->source = xstrdup(source ? source : "");
}

void evidence_addf(struct evidence *ev, const char *name, const char *source,
		   const char *fmt, ...)
{
	_cleanup_free_ char *v = NULL;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&v, fmt, ap) < 0)
		v = NULL;
	va_end(ap);
	evidence_add(ev, name, v ? v : "?", source);
}

const char *evidence_item_value(const struct evidence *ev, const char *name)
{
	for (size_t i = 0; i < ev->nitems; i++)
		if (streq(ev->items[i].name, name))
			return ev->items[i].value;
	return NULL;
}

void evidence_done(struct evidence *ev)
{
	if (!ev)
		return;
	for (size_t i = 0; i < ev->nitems; i++) {
		free(ev->items[i].name);
		free(ev->items[i].value);
		free(ev->items[i].source);
	}
	free(ev->items);
	ev->items = NULL;
	ev->nitems = 0;
	problems_done(&ev->problems);
	ev->config_source = NULL; /* pointed into an item */
}

/*
 * The order matters: the release names the config files to try, kallsyms comes before
 * BTF (which only adds what kallsyms did not show), and lockdown falls back on the config
 * and the boot line.
 */
void evidence_collect(const struct sysroot *sr, struct evidence *ev)
{
	struct kconfig kc = {};
	struct cmdline cl = {};
	bool have_config;

	memset(ev, 0, sizeof(*ev));
	ev->devmem = ev->strict_devmem = ev->io_strict_devmem = TRI_UNKNOWN;
	ev->iomem_relaxed = TRI_UNKNOWN;
	ev->cmdline_lockdown = LOCKDOWN_UNKNOWN;
	ev->lockdown = LOCKDOWN_UNKNOWN;
	ev->kallsyms_readable = TRI_UNKNOWN;
	ev->btf_f_mapping = TRI_UNKNOWN;

	evidence_collect_kernel(sr, ev);
	have_config = evidence_collect_config(sr, ev, &kc);
	evidence_collect_pagesize(sr, ev, have_config ? &kc : NULL);
	evidence_collect_cmdline(sr, ev, &cl);
	evidence_collect_kallsyms(sr, ev);
	evidence_collect_btf(sr, ev);
	evidence_collect_lockdown(sr, ev, have_config ? &kc : NULL,
				  ev->cmdline_known ? &cl : NULL);
	evidence_collect_dev_doors(sr, ev);
	evidence_collect_sysfs_doors(sr, ev);
	kconfig_done(&kc);
}
