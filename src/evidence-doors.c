// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Which doors exist here: /dev/mem, /proc/bus/pci bus directories, /dev/vfio, /dev/uioN
 * nodes, sysfs resourceN files and the legacy_io/legacy_mem files of PCI buses.
 */
#include <dirent.h>
#include <errno.h>

#include "evidence-internal.h"
#include "parse-doorfile.h"
#include "xalloc.h"

static unsigned count_procfs_buses(DIR *d)
{
	struct dirent *de;
	unsigned n = 0;

	while ((de = readdir(d)))
		n += procfs_pci_is_bus(de->d_name);
	return n;
}

static unsigned count_uio_nodes(DIR *d)
{
	struct dirent *de;
	unsigned n = 0;

	while ((de = readdir(d)))
		n += parse_uio_name(de->d_name, strlen(de->d_name), NULL) == 0;
	return n;
}

void evidence_collect_dev_doors(const struct sysroot *sr, struct evidence *ev)
{
	unsigned nbus = 0, nuio = 0;
	DIR *d;

	ev->has_devmem = sr_exists(sr, "/dev/mem");
	evidence_add(ev, "/dev/mem", ev->has_devmem ? "present" : "absent", "/dev/mem");

	d = sr_opendir(sr, "/proc/bus/pci");
	if (d) {
		nbus = count_procfs_buses(d);
		closedir(d);
	}
	ev->has_procfs_pci = nbus > 0;
	if (d)
		evidence_addf(ev, "/proc/bus/pci", "/proc/bus/pci", "%u bus directories",
			      nbus);
	else
		evidence_add(ev, "/proc/bus/pci", "absent", "/proc/bus/pci");

	ev->has_vfio = sr_exists(sr, "/dev/vfio");
	evidence_add(ev, "/dev/vfio", ev->has_vfio ? "present" : "absent", "/dev/vfio");

	d = sr_opendir(sr, "/dev");
	if (d) {
		nuio = count_uio_nodes(d);
		closedir(d);
	}
	ev->has_uio = nuio > 0;
	evidence_addf(ev, "/dev/uio*", "/dev", "%u", nuio);
}

/* resourceN files of the device directory dir (a name under /sys/bus/pci/devices). */
static unsigned count_resource_files(const struct sysroot *sr, const char *dir)
{
	_cleanup_free_ char *p = xasprintf("/sys/bus/pci/devices/%s", dir);
	struct dirent *de;
	unsigned bar, n = 0;
	DIR *d;

	d = sr_opendir(sr, p);
	if (!d)
		return 0;
	while ((de = readdir(d)))
		n += parse_resource_name(de->d_name, strlen(de->d_name), &bar, NULL) == 0;
	closedir(d);
	return n;
}

/* legacy_io, legacy_mem and their alpha _sparse variants of the bus directory bus. */
static unsigned count_legacy_files(const struct sysroot *sr, const char *bus)
{
	static const char *const names[] = { "legacy_io", "legacy_mem",
					     "legacy_io_sparse", "legacy_mem_sparse" };
	unsigned n = 0;

	for (size_t i = 0; i < ELEMENTSOF(names); i++) {
		_cleanup_free_ char *p =
			xasprintf("/sys/class/pci_bus/%s/%s", bus, names[i]);
		n += sr_exists(sr, p);
	}
	return n;
}

void evidence_collect_sysfs_doors(const struct sysroot *sr, struct evidence *ev)
{
	unsigned ndev = 0, nfiles = 0, nbus = 0, nlegacy = 0;
	struct dirent *de;
	DIR *d;

	d = sr_opendir(sr, "/sys/bus/pci/devices");
	if (!d) {
		evidence_addf(ev, "resourceN files", "/sys/bus/pci/devices",
			      "unreadable: %s", sr_strerror(errno));
	} else {
		while ((de = readdir(d))) {
			if (de->d_name[0] == '.')
				continue;
			ndev++;
			nfiles += count_resource_files(sr, de->d_name);
		}
		closedir(d);
		ev->has_sysfs_resource = nfiles > 0;
		evidence_addf(ev, "resourceN files", "/sys/bus/pci/devices",
			      "%u in %u devices", nfiles, ndev);
	}

	d = sr_opendir(sr, "/sys/class/pci_bus");
	if (d) {
		while ((de = readdir(d))) {
			if (de->d_name[0] == '.')
				continue;
			nbus++;
			nlegacy += count_legacy_files(sr, de->d_name);
		}
		closedir(d);
	}
	ev->has_legacy = nlegacy > 0;
	evidence_addf(ev, "legacy files", "/sys/class/pci_bus", "%u in %u buses", nlegacy,
		      nbus);
}
