// SPDX-License-Identifier: GPL-2.0-or-later
#include <libudev.h>
#include <stdio.h>

#include "collect-udev.h"
#include "log.h"
#include "xalloc.h"

static bool interesting(struct udev_device *d)
{
	const char *ss = udev_device_get_subsystem(d);
	const char *type = udev_device_get_devtype(d);
	const char *name = udev_device_get_sysname(d);

	if (!ss || !name)
		return false;
	if (streq(ss, "net") || streq(ss, "nvme") || streq(ss, "infiniband") ||
	    streq(ss, "sound") || streq(ss, "accel"))
		return streq(ss, "sound") ? startswith(name, "card") : true;
	if (streq(ss, "drm"))
		return startswith(name, "card") && !strchr(name, '-');
	if (streq(ss, "block"))
		return type && streq(type, "disk");
	return false;
}

char *udev_children_names(const char *slot)
{
	struct udev *udev = udev_new();
	struct udev_device *pci = NULL;
	struct udev_enumerate *en = NULL;
	struct udev_list_entry *e;
	char *out = NULL;
	size_t len = 0;
	FILE *f = NULL;

	if (!udev)
		return NULL;
	pci = udev_device_new_from_subsystem_sysname(udev, "pci", slot);
	if (!pci)
		goto done;
	en = udev_enumerate_new(udev);
	if (!en || udev_enumerate_add_match_parent(en, pci) < 0 ||
	    udev_enumerate_scan_devices(en) < 0)
		goto done;
	f = open_memstream(&out, &len);
	if (!f)
		goto done;
	udev_list_entry_foreach(e, udev_enumerate_get_list_entry(en))
	{
		struct udev_device *d =
			udev_device_new_from_syspath(udev, udev_list_entry_get_name(e));
		if (!d)
			continue;
		if (interesting(d))
			fprintf(f, "%s%s", ftell(f) ? ", " : "",
				udev_device_get_sysname(d));
		udev_device_unref(d);
	}
	fclose(f);
	f = NULL;
	if (len == 0) {
		free(out);
		out = NULL;
	}
done:
	if (f)
		fclose(f);
	udev_enumerate_unref(en);
	udev_device_unref(pci);
	udev_unref(udev);
	return out;
}
