/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The model: the types every layer shares, one enum and one name table per concept.
 * Parsers, collectors, the analysis and the commands all speak these; this header
 * includes nothing but libc and problems.h, so it can sit below every other one (see
 * src/README.md for the layer rule). Also here: the evidence about the running kernel
 * (collected by evidence.c, judged by verdict.c) and the kinds of `watch` events.
 *
 * - a door (enum pcr_door) is a way into device memory whose revocation `check` judges:
 *   one row of `check`, one key of its JSON "paths";
 * - a via (enum map_via) is the kind of file a mapping was made through: several vias
 *   share a door (resourceN and resourceN_wc both go through sysfs). A BAR's "doors" in
 *   `list` are a set of vias (VIA_BIT());
 * - a mapping (struct pcr_mapping) is what the process scan found, a BAR (struct pcr_bar)
 *   what the inventory read; the analysis joins the two.
 */
#ifndef PCR_MODEL_H
#define PCR_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "problems.h"

enum tristate { TRI_UNKNOWN = -1, TRI_NO = 0, TRI_YES = 1 };

enum lockdown_level {
	LOCKDOWN_UNKNOWN = -1,
	LOCKDOWN_NONE,
	LOCKDOWN_INTEGRITY,
	LOCKDOWN_CONFIDENTIALITY,
};

/* "none", "integrity", "confidentiality", "unknown" */
const char *lockdown_level_name(enum lockdown_level l);
/* The level named by the n bytes at p, or -1. */
int lockdown_level_from(const char *p, size_t n);

/* ---- doors and their verdicts ---- */

enum pcr_door {
	DOOR_DEVMEM,
	DOOR_SYSFS, /* resourceN and resourceN_wc */
	DOOR_PROCFS,
	DOOR_LEGACY, /* legacy_io / legacy_mem (alpha, powerpc) */
	DOOR_VFIO,
	DOOR_UIO,
	DOOR_MAX,
};

enum door_status {
	DOOR_ACTIVE,	  /* a driver's claim zaps existing user mappings */
	DOOR_INACTIVE,	  /* the door is open and nothing revokes */
	DOOR_BLOCKED,	  /* lockdown refuses new mappings */
	DOOR_UNAVAILABLE, /* the door does not exist here */
	DOOR_UNKNOWN,	  /* evidence missing; the reason names it */
	DOOR_STATUS_MAX,
};

const char *door_name(enum pcr_door d);		  /* "devmem", "sysfs", ... */
const char *door_status_name(enum door_status s); /* "active", ... */
/* Inverse of door_name(); -1 for an unknown name. */
int door_from_name(const char *name);

/* ---- how a process reached the memory ---- */

enum map_via {
	VIA_SYSFS,	/* .../DDDD:BB:DD.F/resourceN */
	VIA_SYSFS_WC,	/* .../resourceN_wc */
	VIA_PROCFS,	/* /proc/bus/pci/[DDDD:]BB/DD.F */
	VIA_DEVMEM,	/* /dev/mem (char 1:1) */
	VIA_LEGACY_IO,	/* .../pci_bus/DDDD:BB/legacy_io */
	VIA_LEGACY_MEM, /* .../pci_bus/DDDD:BB/legacy_mem */
	VIA_VFIO,	/* anon_inode:[vfio-device] or /dev/vfio/devices/vfioN */
	VIA_UIO,	/* /dev/uioN */
	VIA_NONE,	/* --all-io: an I/O or PFN mapping that no door explains */
	VIA_MAX,
};

/* A set of vias, e.g. the ways one BAR can be mapped. */
#define VIA_BIT(v) (1u << (v))

const char *map_via_name(enum map_via v);   /* "sysfs", "sysfs-wc", ..., "none" */
enum pcr_door map_via_door(enum map_via v); /* DOOR_MAX for VIA_NONE */

/* The file system a maps line's MAJ:MIN belongs to. */
enum mnt_kind {
	MNT_SYSFS,
	MNT_PROC,
	MNT_DEVTMPFS,
	MNT_ANON, /* anon_inodefs (never in mountinfo on a live system) */
	MNT_KIND_MAX,
};

/* What a door's path says, before any inventory lookup. */
struct door_path {
	enum map_via via;
	bool has_slot;
	char slot[24]; /* "0000:00:03.0", or the bus "0000:00" for legacy files */
	int bar;       /* BAR number named by a sysfs resourceN, else -1 */
	int index;     /* N of vfioN / uioN, else -1 */
};

/* VFIO devices of one process a mapping can be told apart among. */
#define PCR_VFIO_SLOTS 8

/* A mapping the process scan found, with what it learnt beyond the maps line. */
struct pcr_mapping {
	pid_t pid;
	uint64_t vma_start, vma_end; /* end exclusive */
	uint64_t offset;	     /* the maps offset column */
	char perms[5];
	unsigned dev_major, dev_minor;
	uint64_t inode;
	const char *path; /* unescaped; may be NULL */
	bool deleted;
	struct door_path door;
	/* live: the mapped file itself (map_files, else its maps dev:ino) is the host's
	 * file of the door */
	bool identity_checked;
	/* identified by path only: the path lies under no mount of the process's
	 * namespace, or names another file of the same file system, and the mapped file
	 * could not be compared with the host's (a captured tree, no access) */
	bool identity_weak;

	/* VFIO: door.has_slot from fdinfo vfio-device-syspath, the vfio-dev class link or
	 * the process's only VFIO group; slot_ambiguous when several devices were
	 * possible */
	bool slot_ambiguous;
	bool slot_from_group;
	unsigned vfio_nslots; /* slot_ambiguous: how many devices the process holds, */
	/* and the first PCR_VFIO_SLOTS of them */
	char vfio_slots[PCR_VFIO_SLOTS][24];
	/* UIO: map index (offset / page size) and its sysfs maps/mapK values */
	bool uio_map_known;
	unsigned uio_map;
	uint64_t uio_addr, uio_size;
};

/* ---- what a mapping is judged to be ---- */

enum map_state {
	MAP_REVOCABLE, /* no claim now; a driver's claim would zap it */
	MAP_REVOKED,   /* claimed and revocation active: the pages are gone */
	MAP_EXPOSED,   /* no claim; nothing would revoke it */
	MAP_CONFLICT,  /* claimed and not revocable: process and driver share registers */
	MAP_MANAGED,   /* VFIO or UIO: the owning driver mediates access */
	MAP_UNKNOWN,   /* claim or verdict unknown */
	MAP_UNATTRIBUTED, /* --all-io: no door explains it */
	MAP_STATE_MAX,
};

const char *map_state_name(enum map_state s);
/* Whether a state is a finding (exit status 1): exposed or conflict. */
bool map_state_is_finding(enum map_state s);

/* ---- BARs and who claimed them ---- */

/* IORESOURCE_* flag bits of the sysfs resource file, include/linux/ioport.h */
#define IORES_IO	 0x00000100ULL
#define IORES_MEM	 0x00000200ULL
#define IORES_PREFETCH	 0x00002000ULL
#define IORES_READONLY	 0x00004000ULL
#define IORES_MEM_64	 0x00100000ULL
#define IORES_WINDOW	 0x00200000ULL
#define IORES_DISABLED	 0x10000000ULL
#define IORES_UNSET	 0x20000000ULL
#define IORES_ROM_ENABLE 0x00000001ULL

/* What a line of the resource file describes. */
enum resource_kind {
	RES_BAR,    /* 0-5 */
	RES_ROM,    /* 6 */
	RES_IOV,    /* 7-12 with CONFIG_PCI_IOV */
	RES_WINDOW, /* bridge windows */
};

const char *resource_kind_name(enum resource_kind k); /* "bar", "rom", "iov", "window" */

enum claim_state {
	CLAIM_UNKNOWN,	 /* /proc/iomem unreadable or redacted: never guess */
	CLAIM_UNCLAIMED, /* the BAR's own entry has no child */
	CLAIM_CLAIMED,	 /* claim names the child (e.g. "e1000", "vfio-pci") */
	CLAIM_NOENTRY,	 /* no entry for the BAR (I/O BARs, unassigned) */
};

struct pcr_bar {
	unsigned index; /* line of the resource file */
	enum resource_kind kind;
	unsigned sub;		    /* BAR number, VF BAR number, window number */
	uint64_t start, end, flags; /* CPU addresses, end inclusive */
	bool has_bus;
	uint64_t bus_start; /* bus address when it differs from start */
	bool valid;	    /* the resource line parsed */
	enum claim_state claim_state;
	const char *claim; /* points into the inventory's iomem */
	/*
	 * I/O BARs. start/end are what the resource file shows: the bus port on powerpc,
	 * where /proc/ioports shows the kernel's port number (bus port + the host bridge's
	 * I/O offset) and a mapping's offset is the CPU physical address of the bridge's
	 * I/O window plus the bus port. On x86 all three are the same port number (and
	 * no I/O BAR can be mapped).
	 */
	bool io_kernel_known;
	uint64_t io_kernel_start; /* the port number /proc/ioports names */
	bool io_cpu_known;
	uint64_t io_cpu_start; /* CPU physical address of the first port */
	unsigned doors;	       /* VIA_BIT()s of the files that can map it */
};

/* Human names: "mem64", "mem32", "io", ... */
const char *bar_type_name(const struct pcr_bar *b);

struct pcr_device {
	char slot[16]; /* "0000:00:03.0" */
	unsigned domain, bus, dev, func;
	uint16_t vendor, device;
	uint32_t class; /* 0xCCSSPP */
	char *name;	/* "Vendor Device" from pci.ids, or numeric */
	char *class_name;
	char *driver;	/* bound driver or NULL */
	char *children; /* "eth0, card0" (live only) or NULL */
	struct pcr_bar *bars;
	unsigned nbars;
	char *error; /* why the BARs could not be read, NULL when they could */
};

/* ---- the evidence about the running kernel ---- */

/* One thing that was looked at, for output ("evidence" table). */
struct evidence_item {
	char *name;   /* "CONFIG_IO_STRICT_DEVMEM", "lockdown", "kallsyms revoke_iomem" */
	char *value;  /* "y", "is not set", "present", "unreadable: Permission denied" */
	char *source; /* "/proc/config.gz", "uname(2)", ... */
};

/*
 * Everything the verdict engine looks at about the running kernel: filled by
 * evidence_collect() (evidence.h) or by tests, judged by verdict_compute() (verdict.h).
 */
struct evidence {
	char release[128];			     /* "6.1.0-27-amd64", "" unknown */
	char arch[32];				     /* "x86_64", "" unknown */
	unsigned kver_major, kver_minor, kver_patch; /* 0.0.0 unknown */

	const char *config_source; /* path used, NULL if no config found */
	enum tristate devmem, strict_devmem, io_strict_devmem; /* CONFIG_* */

	enum tristate iomem_relaxed; /* effective iomem= on the boot line (no = strict) */
	bool cmdline_known;
	enum lockdown_level cmdline_lockdown; /* lockdown= on the boot line */

	enum lockdown_level lockdown; /* effective state */
	const char *lockdown_source;  /* "securityfs", "procfs ioctl probe", ... */

	enum tristate kallsyms_readable;
	bool sym_iomem_get_mapping, sym_revoke_iomem, sym_revoke_devmem,
		sym_pci_llseek_resource, sym_vfio_zap;
	enum tristate btf_f_mapping; /* bin_attribute has mapping/f_mapping (BTF) */

	/* which doors exist here */
	bool has_devmem, has_procfs_pci, has_sysfs_resource, has_legacy, has_vfio,
		has_uio;

	/* Added for `check` (evidence.c fills them; zero is a safe default in tests). */
	unsigned kver_rc;  /* N of a "-rcN" release, 0 for a release */
	bool lockdown_min; /* lockdown is only known to be at least this level (probe) */
	/*
	 * Whether the kernel uses 64 KiB pages (powerpc's legacy_io cannot be mapped
	 * then), and what said so ("CONFIG_PPC_64K_PAGES=y", "release suffix -64k",
	 * "getpagesize() 65536"); TRI_UNKNOWN, NULL when nothing did. Zero (TRI_NO) in
	 * tests that do not set it.
	 */
	enum tristate page_64k;
	const char *page_size_source;
	/* What was read, for output: evidence_done() frees it (evidence.h). */
	struct evidence_item *items;
	size_t nitems;
	/* What could not be read or parsed, for the command to log (problems.h). */
	struct pcr_problems problems;
};

/* ---- what `watch` reports ---- */

enum watch_kind {
	WATCH_NONE,	/* not an event for us */
	WATCH_MAPPED,	/* a new BAR mapping */
	WATCH_UNMAPPED, /* a mapping went away (munmap, exec, exit) */
	WATCH_STATE, /* a mapping's state changed (a driver bound: revoked or conflict) */
	WATCH_BIND,  /* a driver bound to a device */
	WATCH_UNBIND,
	WATCH_ADD, /* a device appeared */
	WATCH_REMOVE,
};

const char *watch_kind_name(enum watch_kind k); /* "mapped", "bind", ... */

/*
 * ---- what an architecture's kernel lets user space map ----
 * arch is the machine name as uname(2) gives it ("x86_64", "ppc64le", "aarch64"); "" is
 * unknown, for which every predicate answers false (the callers say so).
 */
bool arch_is_x86(const char *arch);
bool arch_is_powerpc(const char *arch);
/*
 * HAVE_PCI_MMAP (an mmap for /proc/bus/pci): defined by x86, arm, loongarch, mips, parisc,
 * powerpc, sh, sparc, microblaze and xtensa. Not by arm64, riscv, csky, um, s390, alpha
 * or any other: there /proc/bus/pci files cannot be mapped at all.
 */
bool arch_have_pci_mmap(const char *arch);
/*
 * arch_can_pci_mmap_io() is 1 only on powerpc, sparc and xtensa: only there can an I/O
 * BAR be mapped (through resourceN, /proc/bus/pci after PCIIOC_MMAP_IS_IO); elsewhere an
 * I/O BAR's resourceN can only be read and written.
 */
bool arch_can_pci_mmap_io(const char *arch);
/* HAVE_PCI_LEGACY (legacy_io/legacy_mem files): alpha and powerpc. */
bool arch_have_pci_legacy(const char *arch);

#endif
