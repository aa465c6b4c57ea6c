// SPDX-License-Identifier: GPL-2.0-or-later
/* The name tables of the model (model.h): one per concept, in one place. */
#include <string.h>

#include "model.h"

#define NAME_OF(table, v)                                                                \
	((unsigned)(v) < sizeof(table) / sizeof((table)[0]) && (table)[v] ? (table)[v]   \
									  : "?")

static const char *const lockdown_names[] = {
	[LOCKDOWN_NONE] = "none",
	[LOCKDOWN_INTEGRITY] = "integrity",
	[LOCKDOWN_CONFIDENTIALITY] = "confidentiality",
};

static const char *const door_names[DOOR_MAX] = {
	[DOOR_DEVMEM] = "devmem", [DOOR_SYSFS] = "sysfs", [DOOR_PROCFS] = "procfs",
	[DOOR_LEGACY] = "legacy", [DOOR_VFIO] = "vfio",	  [DOOR_UIO] = "uio",
};

static const char *const door_status_names[DOOR_STATUS_MAX] = {
	[DOOR_ACTIVE] = "active",   [DOOR_INACTIVE] = "inactive",
	[DOOR_BLOCKED] = "blocked", [DOOR_UNAVAILABLE] = "unavailable",
	[DOOR_UNKNOWN] = "unknown",
};

static const struct {
	const char *name;
	enum pcr_door door;
} vias[VIA_MAX] = {
	[VIA_SYSFS] = { "sysfs", DOOR_SYSFS },
	[VIA_SYSFS_WC] = { "sysfs-wc", DOOR_SYSFS },
	[VIA_PROCFS] = { "procfs", DOOR_PROCFS },
	[VIA_DEVMEM] = { "devmem", DOOR_DEVMEM },
	[VIA_LEGACY_IO] = { "legacy-io", DOOR_LEGACY },
	[VIA_LEGACY_MEM] = { "legacy-mem", DOOR_LEGACY },
	[VIA_VFIO] = { "vfio", DOOR_VFIO },
	[VIA_UIO] = { "uio", DOOR_UIO },
	[VIA_NONE] = { "none", DOOR_MAX },
};

static const char *const map_state_names[MAP_STATE_MAX] = {
	[MAP_REVOCABLE] = "revocable",	     [MAP_REVOKED] = "revoked",
	[MAP_EXPOSED] = "exposed",	     [MAP_CONFLICT] = "conflict",
	[MAP_MANAGED] = "managed",	     [MAP_UNKNOWN] = "unknown",
	[MAP_UNATTRIBUTED] = "unattributed",
};

static const char *const resource_kind_names[] = {
	[RES_BAR] = "bar",
	[RES_ROM] = "rom",
	[RES_IOV] = "iov",
	[RES_WINDOW] = "window",
};

const char *lockdown_level_name(enum lockdown_level l)
{
	if (l < 0 || (size_t)l >= sizeof(lockdown_names) / sizeof(lockdown_names[0]))
		return "unknown";
	return lockdown_names[l];
}

int lockdown_level_from(const char *p, size_t n)
{
	for (size_t i = 0; i < sizeof(lockdown_names) / sizeof(lockdown_names[0]); i++)
		if (strlen(lockdown_names[i]) == n &&
		    memcmp(lockdown_names[i], p, n) == 0)
			return (int)i;
	return -1;
}

const char *door_name(enum pcr_door d)
{
	return NAME_OF(door_names, d);
}

const char *door_status_name(enum door_status s)
{
	return NAME_OF(door_status_names, s);
}

int door_from_name(const char *name)
{
	for (unsigned i = 0; i < DOOR_MAX; i++)
		if (strcmp(door_names[i], name) == 0)
			return (int)i;
	return -1;
}

const char *map_via_name(enum map_via v)
{
	return (unsigned)v < VIA_MAX ? vias[v].name : "?";
}

enum pcr_door map_via_door(enum map_via v)
{
	return (unsigned)v < VIA_MAX ? vias[v].door : DOOR_MAX;
}

const char *map_state_name(enum map_state s)
{
	return NAME_OF(map_state_names, s);
}

bool map_state_is_finding(enum map_state s)
{
	return s == MAP_EXPOSED || s == MAP_CONFLICT;
}

const char *resource_kind_name(enum resource_kind k)
{
	return (unsigned)k < sizeof(resource_kind_names) / sizeof(resource_kind_names[0])
		       ? resource_kind_names[k]
		       : "bar";
}

const char *bar_type_name(const struct pcr_bar *b)
{
	if (!b->valid)
		return "invalid";
	if (b->flags & IORES_IO)
		return "io";
	if (b->flags & IORES_MEM)
		return (b->flags & IORES_MEM_64) ? "mem64" : "mem32";
	return "none";
}

const char *watch_kind_name(enum watch_kind k)
{
	switch (k) {
	case WATCH_NONE:
		return "none";
	case WATCH_MAPPED:
		return "mapped";
	case WATCH_UNMAPPED:
		return "unmapped";
	case WATCH_STATE:
		return "state";
	case WATCH_BIND:
		return "bind";
	case WATCH_UNBIND:
		return "unbind";
	case WATCH_ADD:
		return "add";
	case WATCH_REMOVE:
		return "remove";
	}
	return "none";
}

/* ---- architectures ---- */

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool one_of(const char *arch, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(arch, *names) == 0)
			return true;
	return false;
}

bool arch_is_x86(const char *arch)
{
	static const char *const x86[] = { "x86_64", "x86",  "i386", "i486",
					   "i586",   "i686", NULL };

	return one_of(arch, x86);
}

bool arch_is_powerpc(const char *arch)
{
	return starts(arch, "ppc") || starts(arch, "powerpc");
}

static bool arch_is_sparc(const char *arch)
{
	return starts(arch, "sparc");
}

static bool arch_is_xtensa(const char *arch)
{
	return starts(arch, "xtensa");
}

bool arch_have_pci_mmap(const char *arch)
{
	/* uname machine names of the arches whose asm/pci.h defines HAVE_PCI_MMAP */
	static const char *const prefixes[] = { "arm", "loongarch",  "mips", "parisc",
						"sh",  "microblaze", NULL };

	if (arch_is_x86(arch) || arch_is_powerpc(arch) || arch_is_sparc(arch) ||
	    arch_is_xtensa(arch))
		return true;
	/* "arm64" and "aarch64" are not 32-bit arm */
	if (starts(arch, "arm64") || starts(arch, "aarch64"))
		return false;
	for (const char *const *p = prefixes; *p; p++)
		if (starts(arch, *p))
			return true;
	return false;
}

bool arch_can_pci_mmap_io(const char *arch)
{
	return arch_is_powerpc(arch) || arch_is_sparc(arch) || arch_is_xtensa(arch);
}

bool arch_have_pci_legacy(const char *arch)
{
	return arch_is_powerpc(arch) || starts(arch, "alpha");
}
