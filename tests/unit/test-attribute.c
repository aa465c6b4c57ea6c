// SPDX-License-Identifier: GPL-2.0-or-later
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "attribute.h"
#include "parse-path.h"

/* ---- door_classify ---- */

static void expect_door(enum mnt_kind kind, const char *path, enum map_via via,
			const char *slot, int bar, int index)
{
	struct door_path d;

	assert_int_equal(door_classify(kind, path, &d), 0);
	assert_int_equal(d.via, via);
	if (slot)
		assert_string_equal(d.slot, slot);
	assert_int_equal(d.bar, bar);
	assert_int_equal(d.index, index);
}

static void expect_none(enum mnt_kind kind, const char *path)
{
	struct door_path d;

	assert_int_equal(door_classify(kind, path, &d), -ENOENT);
}

static void test_classify_sysfs(void **state)
{
	(void)state;
	expect_door(MNT_SYSFS, "/sys/devices/pci0000:00/0000:00:03.0/resource0",
		    VIA_SYSFS, "0000:00:03.0", 0, -1);
	/* inside the file system, as after stripping the mount point */
	expect_door(MNT_SYSFS, "/devices/pci0000:00/0000:00:03.0/resource5", VIA_SYSFS,
		    "0000:00:03.0", 5, -1);
	/* behind a bridge, write-combining */
	expect_door(MNT_SYSFS,
		    "/sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0/resource2_wc",
		    VIA_SYSFS_WC, "0000:01:00.0", 2, -1);
	/* a 5-digit domain (VMD), upper-case hex normalised */
	expect_door(MNT_SYSFS, "/devices/pci10000:e0/10000:E1:00.0/resource0", VIA_SYSFS,
		    "10000:e1:00.0", 0, -1);
	/* legacy files name the bus */
	expect_door(MNT_SYSFS, "/sys/devices/pci0000:00/pci_bus/0000:00/legacy_mem",
		    VIA_LEGACY_MEM, "0000:00", -1, -1);
	expect_door(MNT_SYSFS,
		    "/sys/devices/pci0000:00/0000:00:01.0/pci_bus/0000:01/legacy_io",
		    VIA_LEGACY_IO, "0000:01", -1, -1);

	expect_none(MNT_SYSFS, "/sys/devices/pci0000:00/0000:00:03.0/resource");
	expect_none(MNT_SYSFS, "/sys/devices/pci0000:00/0000:00:03.0/resource6");
	expect_none(MNT_SYSFS, "/sys/devices/pci0000:00/0000:00:03.0/resource0_uc");
	expect_none(MNT_SYSFS, "/sys/devices/pci0000:00/0000:00:03.0/resource10");
	expect_none(MNT_SYSFS, "/sys/devices/pci0000:00/0000:00:03.0/config");
	expect_none(MNT_SYSFS, "/sys/devices/pci0000:00/0000:00:03.0/rom");
	expect_none(MNT_SYSFS, "/sys/devices/pci0000:00/notaslot/resource0");
	expect_none(MNT_SYSFS, "/sys/devices/pci0000:00/0000:00:03.8/resource0");
	expect_none(MNT_SYSFS, "resource0");
	expect_none(MNT_SYSFS, "/");
	expect_none(MNT_SYSFS, "");
	expect_none(MNT_SYSFS,
		    "/sys/devices/pci0000:00/0000:00/legacy_mem"); /* no pci_bus */
	expect_none(MNT_SYSFS, "/sys/firmware/acpi/tables/DSDT");
	/* the right name on the wrong file system is no door */
	expect_none(MNT_PROC, "/sys/devices/pci0000:00/0000:00:03.0/resource0");
	expect_none(MNT_DEVTMPFS, "/sys/devices/pci0000:00/0000:00:03.0/resource0");
}

static void test_classify_proc(void **state)
{
	(void)state;
	expect_door(MNT_PROC, "/proc/bus/pci/00/03.0", VIA_PROCFS, "0000:00:03.0", -1,
		    -1);
	expect_door(MNT_PROC, "/bus/pci/01/1f.7", VIA_PROCFS, "0000:01:1f.7", -1, -1);
	expect_door(MNT_PROC, "/proc/bus/pci/0001:02/00.1", VIA_PROCFS, "0001:02:00.1",
		    -1, -1);
	expect_none(MNT_PROC, "/proc/bus/pci/00/20.0"); /* device > 0x1f */
	expect_none(MNT_PROC, "/proc/bus/pci/00/03.8");
	expect_none(MNT_PROC, "/proc/bus/pci/devices");
	expect_none(MNT_PROC, "/proc/bus/usb/00/03.0");
	expect_none(MNT_PROC, "/proc/kcore");
	expect_none(MNT_SYSFS, "/proc/bus/pci/00/03.0");
}

static void test_classify_dev(void **state)
{
	(void)state;
	expect_door(MNT_DEVTMPFS, "/mem", VIA_DEVMEM, NULL, -1, -1);
	expect_door(MNT_DEVTMPFS, "/dev/mem", VIA_DEVMEM, NULL, -1, -1);
	expect_door(MNT_DEVTMPFS, "/uio0", VIA_UIO, NULL, -1, 0);
	expect_door(MNT_DEVTMPFS, "/dev/uio12", VIA_UIO, NULL, -1, 12);
	expect_door(MNT_DEVTMPFS, "/dev/vfio/devices/vfio3", VIA_VFIO, NULL, -1, 3);
	expect_door(MNT_DEVTMPFS, "/vfio/devices/vfio0", VIA_VFIO, NULL, -1, 0);
	expect_door(MNT_ANON, "anon_inode:[vfio-device]", VIA_VFIO, NULL, -1, -1);

	expect_none(MNT_DEVTMPFS, "/dev/kmem");
	expect_none(MNT_DEVTMPFS, "/dev/shm/mem");
	expect_none(MNT_DEVTMPFS, "/dev/uio");
	expect_none(MNT_DEVTMPFS, "/dev/uio1x");
	expect_none(MNT_DEVTMPFS, "/dev/vfio/12"); /* a group: no mmap */
	expect_none(MNT_DEVTMPFS, "/dev/vfio/vfio");
	expect_none(MNT_DEVTMPFS, "/dev/dri/renderD128");
	expect_none(MNT_ANON, "anon_inode:[eventfd]");
	expect_none(MNT_ANON, "anon_inode:[vfio-device]x");
	expect_none(MNT_SYSFS, "/dev/mem");
}

/* ---- attribution ---- */

static struct pcr_bar bars_a[] = {
	{ .index = 0,
	  .kind = RES_BAR,
	  .sub = 0,
	  .start = 0xfebc0000,
	  .end = 0xfebdffff,
	  .flags = IORES_MEM,
	  .valid = true,
	  .claim_state = CLAIM_UNCLAIMED },
	{ .index = 6,
	  .kind = RES_ROM,
	  .sub = 0,
	  .start = 0xfeb80000,
	  .end = 0xfebbffff,
	  .flags = IORES_MEM,
	  .valid = true,
	  .claim_state = CLAIM_UNCLAIMED },
};
static struct pcr_bar bars_b[] = {
	{ .index = 0,
	  .kind = RES_BAR,
	  .sub = 0,
	  .start = 0x3800000000ULL,
	  .end = 0x3800ffffffULL,
	  .flags = IORES_MEM | IORES_MEM_64,
	  .valid = true,
	  .claim_state = CLAIM_CLAIMED,
	  .claim = "ixgbe" },
	{ .index = 2,
	  .kind = RES_BAR,
	  .sub = 2,
	  .start = 0xfe000000,
	  .end = 0xfe003fff,
	  .flags = IORES_MEM,
	  .valid = true,
	  .claim_state = CLAIM_CLAIMED,
	  .claim = "ixgbe" },
	{ .index = 4,
	  .kind = RES_BAR,
	  .sub = 4,
	  .start = 0xd000,
	  .end = 0xd01f,
	  .flags = IORES_IO,
	  .valid = true,
	  .claim_state = CLAIM_NOENTRY },
};
static struct pcr_bar bars_c[] = {
	{ .index = 2,
	  .kind = RES_BAR,
	  .sub = 2,
	  .start = 0x3802000000ULL,
	  .end = 0x38023fffffULL,
	  .flags = IORES_MEM,
	  .valid = true,
	  .claim_state = CLAIM_CLAIMED,
	  .claim = "vfio-pci" },
};
static struct pcr_device devs[] = {
	{ .slot = "0000:00:02.0", .bars = bars_a, .nbars = 2 },
	{ .slot = "0000:01:00.0", .driver = "ixgbe", .bars = bars_b, .nbars = 3 },
	{ .slot = "0000:00:04.0", .driver = "vfio-pci", .bars = bars_c, .nbars = 1 },
};

static const char iomem_text[] = "00000000-00000fff : Reserved\n"
				 "00001000-0009fbff : System RAM\n"
				 "000c0000-000c99ff : Video ROM\n"
				 "00100000-7ffdffff : System RAM\n"
				 "80000000-afffffff : PCI Bus 0000:00\n"
				 "fe000000-fe1fffff : PCI Bus 0000:01\n"
				 "  fe000000-fe003fff : 0000:01:00.0\n"
				 "    fe000000-fe003fff : ixgbe\n"
				 "feb80000-febbffff : 0000:00:02.0\n"
				 "febc0000-febdffff : 0000:00:02.0\n";

struct world {
	struct pcr_inventory inv;
	struct evidence ev;
	struct map_verdicts mv;
};

static void set_all(struct map_verdicts *mv, enum door_status door,
		    enum door_status existing)
{
	for (int d = 0; d < DOOR_MAX; d++) {
		mv->door[d] =
			(struct door_verdict){ .status = door, .door = (enum pcr_door)d };
		mv->existing[d] = (struct door_verdict){ .status = existing,
							 .door = (enum pcr_door)d };
	}
}

static int setup(void **state)
{
	static struct world w;

	memset(&w, 0, sizeof(w));
	w.inv.devs = devs;
	w.inv.ndevs = 3;
	assert_int_equal(
		parse_iomem(iomem_text, strlen(iomem_text), &w.inv.iomem, NULL, NULL), 0);
	w.inv.iomem_ok = true;
	strcpy(w.ev.arch, "x86_64");
	set_all(&w.mv, DOOR_ACTIVE, DOOR_ACTIVE);
	*state = &w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;

	iomem_done(&w->inv.iomem);
	return 0;
}

static struct pcr_mapping mapping(enum map_via via, const char *slot, int bar,
				  uint64_t offset, uint64_t len)
{
	struct pcr_mapping m = {
		.pid = 42,
		.vma_start = 0x7f0000000000ULL,
		.vma_end = 0x7f0000000000ULL + len,
		.offset = offset,
		.perms = "rw-s",
		.door = { .via = via, .bar = bar, .index = -1 },
	};

	if (slot) {
		m.door.has_slot = true;
		strcpy(m.door.slot, slot);
	}
	return m;
}

static void judge(struct world *w, const struct pcr_mapping *m, struct attribution *a)
{
	attribute_mapping(m, &w->inv, &w->ev, &w->mv, a);
}

static void test_sysfs_states(void **state)
{
	struct world *w = *state;
	struct attribution a;
	struct pcr_mapping m = mapping(VIA_SYSFS, "0000:00:02.0", 0, 0xfebc1000, 0x1000);

	judge(w, &m, &a);
	assert_string_equal(a.slot, "0000:00:02.0");
	assert_ptr_equal(a.dev, &devs[0]);
	assert_ptr_equal(a.bar, &bars_a[0]);
	assert_int_equal(a.bar_no, 0);
	assert_true(a.phys_known);
	assert_true(a.phys_start == 0xfebc1000 && a.phys_end == 0xfebc1fff);
	assert_true(a.bar_offset_known);
	assert_true(a.bar_offset == 0x1000);
	assert_int_equal(a.state, MAP_REVOCABLE);
	assert_true(a.revocable);
	assert_false(a.incomplete);

	/* claimed + active = revoked; claimed + inactive = conflict */
	m = mapping(VIA_SYSFS_WC, "0000:01:00.0", 0, 0x3800000000ULL, 0x1000000);
	judge(w, &m, &a);
	assert_int_equal(a.state, MAP_REVOKED);
	assert_string_equal(a.claim, "ixgbe");
	assert_string_equal(a.driver, "ixgbe");
	set_all(&w->mv, DOOR_INACTIVE, DOOR_INACTIVE);
	judge(w, &m, &a);
	assert_int_equal(a.state, MAP_CONFLICT);
	assert_false(a.revocable);
	assert_true(map_state_is_finding(a.state));
	m = mapping(VIA_SYSFS, "0000:00:02.0", 0, 0xfebc0000, 0x20000);
	judge(w, &m, &a);
	assert_int_equal(a.state, MAP_EXPOSED);
	assert_true(map_state_is_finding(a.state));

	/* unknown verdict: unknown state, incomplete */
	set_all(&w->mv, DOOR_UNKNOWN, DOOR_UNKNOWN);
	judge(w, &m, &a);
	assert_int_equal(a.state, MAP_UNKNOWN);
	assert_true(a.incomplete);
	assert_false(map_state_is_finding(a.state));
	set_all(&w->mv, DOOR_ACTIVE, DOOR_ACTIVE);
}

static void test_blocked_doors(void **state)
{
	struct world *w = *state;
	struct attribution a;
	struct pcr_mapping m = mapping(VIA_SYSFS, "0000:00:02.0", 0, 0xfebc0000, 0x20000);

	/* lockdown: the mapping predates it; revocation itself decides */
	set_all(&w->mv, DOOR_BLOCKED, DOOR_ACTIVE);
	judge(w, &m, &a);
	assert_int_equal(a.door_verdict, DOOR_BLOCKED);
	assert_int_equal(a.door_status, DOOR_ACTIVE);
	assert_int_equal(a.state, MAP_REVOCABLE);
	assert_non_null(strstr(a.note, "lockdown"));
	set_all(&w->mv, DOOR_BLOCKED, DOOR_INACTIVE);
	judge(w, &m, &a);
	assert_int_equal(a.state, MAP_EXPOSED);
	set_all(&w->mv, DOOR_UNAVAILABLE, DOOR_UNAVAILABLE);
	judge(w, &m, &a);
	assert_int_equal(a.state, MAP_UNKNOWN);
	set_all(&w->mv, DOOR_ACTIVE, DOOR_ACTIVE);
}

static void test_sysfs_offset_mismatch(void **state)
{
	struct world *w = *state;
	struct attribution a;
	/* the path says BAR0 but the offset lies elsewhere: keep the path's BAR, say so */
	struct pcr_mapping m = mapping(VIA_SYSFS, "0000:00:02.0", 0, 0x90000000, 0x1000);

	judge(w, &m, &a);
	assert_int_equal(a.bar_no, 0);
	assert_false(a.bar_offset_known);
	assert_non_null(strstr(a.note, "offset outside BAR0"));

	/* a device the inventory does not have */
	m = mapping(VIA_SYSFS, "0000:09:00.0", 1, 0x90000000, 0x1000);
	judge(w, &m, &a);
	assert_string_equal(a.slot, "0000:09:00.0");
	assert_int_equal(a.bar_no, 1);
	assert_null(a.dev);
	assert_int_equal(a.state, MAP_UNKNOWN);
	assert_true(a.incomplete);
}

static void test_procfs(void **state)
{
	struct world *w = *state;
	struct attribution a;
	struct pcr_mapping m =
		mapping(VIA_PROCFS, "0000:01:00.0", -1, 0xfe001000, 0x1000);

	judge(w, &m, &a);
	assert_int_equal(a.bar_no, 2);
	assert_true(a.bar_offset == 0x1000);
	assert_int_equal(a.state, MAP_REVOKED);
	/* an offset outside the named device: attributed by address, with a note */
	m = mapping(VIA_PROCFS, "0000:01:00.0", -1, 0xfebc0000, 0x1000);
	judge(w, &m, &a);
	assert_ptr_equal(a.dev, &devs[0]);
	assert_int_equal(a.bar_no, 0);
	assert_non_null(strstr(a.note, "outside the device's BARs"));
}

static void test_devmem(void **state)
{
	struct world *w = *state;
	struct attribution a;
	struct pcr_mapping m = mapping(VIA_DEVMEM, NULL, -1, 0xfe000000, 0x4000);

	judge(w, &m, &a);
	assert_ptr_equal(a.dev, &devs[1]);
	assert_int_equal(a.bar_no, 2);
	assert_int_equal(a.state, MAP_REVOKED);

	/* the ROM and BAR0 of one device: the device, no BAR, never dropped */
	m = mapping(VIA_DEVMEM, NULL, -1, 0xfeb80000, 0x60000);
	judge(w, &m, &a);
	assert_ptr_equal(a.dev, &devs[0]);
	assert_null(a.bar);
	assert_int_equal(a.bar_no, -1);
	assert_non_null(strstr(a.note, "spans 2"));
	assert_int_equal(a.claim_state, CLAIM_UNCLAIMED);
	assert_int_equal(a.state, MAP_REVOCABLE);

	/* BARs of two devices, one claimed */
	m = mapping(VIA_DEVMEM, NULL, -1, 0xfe000000, 0x1000000);
	judge(w, &m, &a);
	assert_null(a.dev);
	assert_int_equal(a.claim_state, CLAIM_CLAIMED);
	assert_non_null(strstr(a.note, "several devices"));

	/* System RAM: the kernel's own, never revoked */
	m = mapping(VIA_DEVMEM, NULL, -1, 0x10000000, 0x1000);
	judge(w, &m, &a);
	assert_null(a.dev);
	assert_string_equal(a.covers, "System RAM");
	assert_string_equal(a.claim, "System RAM");
	assert_true(a.kernel_owned);
	assert_false(a.revocable);
	/* not a BAR mapping: shown with --all-io only, never a finding */
	assert_true(a.not_bar);
	assert_int_equal(a.state, MAP_UNATTRIBUTED);
	assert_false(map_state_is_finding(a.state));

	/* the first MiB: memory only, the I/O BAR's ports (0xd000) are not compared */
	m = mapping(VIA_DEVMEM, NULL, -1, 0x0, 0x100000);
	judge(w, &m, &a);
	assert_null(strstr(a.note, "spans"));
	assert_true(a.not_bar);
	assert_int_equal(a.state, MAP_UNATTRIBUTED);

	/* a read-only mapping of the Video ROM: the kernel's, not a BAR */
	m = mapping(VIA_DEVMEM, NULL, -1, 0xc0000, 0x9000);
	judge(w, &m, &a);
	assert_string_equal(a.covers, "Video ROM");
	assert_int_equal(a.state, MAP_UNATTRIBUTED);

	/* free space in a bridge window: nobody's */
	m = mapping(VIA_DEVMEM, NULL, -1, 0x90000000, 0x1000);
	judge(w, &m, &a);
	assert_string_equal(a.covers, "PCI Bus 0000:00");
	assert_int_equal(a.claim_state, CLAIM_UNCLAIMED);
	assert_int_equal(a.state, MAP_REVOCABLE);

	/* nothing at all there */
	m = mapping(VIA_DEVMEM, NULL, -1, 0xc0000000, 0x1000);
	judge(w, &m, &a);
	assert_null(a.covers);
	assert_int_equal(a.claim_state, CLAIM_UNCLAIMED);

	/* straddling two top-level entries */
	m = mapping(VIA_DEVMEM, NULL, -1, 0x0, 0x2000);
	judge(w, &m, &a);
	assert_int_equal(a.claim_state, CLAIM_CLAIMED);
	assert_string_equal(a.covers, "Reserved");

	/* a wrapping offset does not overflow */
	m = mapping(VIA_DEVMEM, NULL, -1, UINT64_MAX - 0xfff, 0x2000);
	judge(w, &m, &a);
	assert_true(a.phys_end == UINT64_MAX);

	/* redacted iomem: unknown */
	w->inv.iomem_ok = false;
	m = mapping(VIA_DEVMEM, NULL, -1, 0x10000000, 0x1000);
	judge(w, &m, &a);
	assert_int_equal(a.claim_state, CLAIM_UNKNOWN);
	assert_int_equal(a.state, MAP_UNKNOWN);
	w->inv.iomem_ok = true;
}

static void test_below_1mib(void **state)
{
	struct world *w = *state;
	struct attribution a;
	static struct pcr_bar low[] = {
		{ .index = 0,
		  .kind = RES_BAR,
		  .sub = 0,
		  .start = 0xa0000,
		  .end = 0xbffff,
		  .flags = IORES_MEM,
		  .valid = true,
		  .claim_state = CLAIM_UNCLAIMED },
	};
	static struct pcr_device lowdev[] = {
		{ .slot = "0000:00:05.0", .bars = low, .nbars = 1 }
	};
	struct pcr_inventory saved = w->inv;
	struct pcr_mapping m = mapping(VIA_DEVMEM, NULL, -1, 0xa0000, 0x10000);

	/* x86 devmem_is_allowed() lets the low 1 MiB through: never revoked */
	w->inv.devs = lowdev;
	w->inv.ndevs = 1;
	judge(w, &m, &a);
	assert_false(a.revocable);
	assert_int_equal(a.state, MAP_EXPOSED);
	strcpy(w->ev.arch, "aarch64");
	judge(w, &m, &a);
	assert_true(a.revocable);
	assert_int_equal(a.state, MAP_REVOCABLE);
	strcpy(w->ev.arch, "x86_64");
	w->inv = saved;
}

static void test_vfio(void **state)
{
	struct world *w = *state;
	struct attribution a;
	struct pcr_mapping m =
		mapping(VIA_VFIO, "0000:00:04.0", -1, (2ULL << 40) | 0x2000, 0x1000);

	judge(w, &m, &a);
	assert_int_equal(a.state, MAP_MANAGED);
	assert_string_equal(a.manager, "vfio");
	assert_int_equal(a.bar_no, 2);
	assert_true(a.phys_start == 0x3802002000ULL);
	assert_true(a.bar_offset == 0x2000);
	assert_non_null(strstr(a.note, "region encoding"));
	assert_false(a.incomplete);
	assert_false(map_state_is_finding(a.state));

	/* device unknown: still reported, managed */
	m = mapping(VIA_VFIO, NULL, -1, 6ULL << 40, 0x1000);
	judge(w, &m, &a);
	assert_int_equal(a.state, MAP_MANAGED);
	assert_null(a.slot);
	assert_non_null(strstr(a.note, "ROM"));
	assert_non_null(strstr(a.note, "device unknown"));
	m.slot_ambiguous = true;
	judge(w, &m, &a);
	assert_non_null(strstr(a.note, "several VFIO devices"));
}

static void test_uio(void **state)
{
	struct world *w = *state;
	struct attribution a;
	struct pcr_mapping m = mapping(VIA_UIO, "0000:00:02.0", -1, 0, 0x20000);

	m.uio_map_known = true;
	m.uio_addr = 0xfebc0000;
	m.uio_size = 0x20000;
	judge(w, &m, &a);
	assert_int_equal(a.state, MAP_MANAGED);
	assert_string_equal(a.manager, "uio");
	assert_int_equal(a.bar_no, 0);
	assert_true(a.phys_start == 0xfebc0000);
	m.uio_map_known = false;
	judge(w, &m, &a);
	assert_int_equal(a.state, MAP_MANAGED);
	assert_false(a.phys_known);
}

/* Before 6.10 vfio-pci put the BAR's physical page into vm_pgoff. */
static void test_vfio_physical(void **state)
{
	struct world *w = *state;
	struct attribution a;
	static struct pcr_bar vbars[] = {
		{ .index = 0,
		  .kind = RES_BAR,
		  .sub = 0,
		  .start = 0xfeb00000,
		  .end = 0xfeb00fff,
		  .flags = IORES_MEM,
		  .valid = true,
		  .claim_state = CLAIM_CLAIMED,
		  .claim = "vfio-pci" },
		{ .index = 4,
		  .kind = RES_BAR,
		  .sub = 4,
		  .start = 0x3804000000ULL,
		  .end = 0x3804003fffULL,
		  .flags = IORES_MEM | IORES_MEM_64,
		  .valid = true,
		  .claim_state = CLAIM_CLAIMED,
		  .claim = "vfio-pci" },
	};
	static struct pcr_device vdev[] = {
		{ .slot = "0000:00:05.0",
		  .driver = "vfio-pci",
		  .bars = vbars,
		  .nbars = 2 },
	};
	struct pcr_inventory saved = w->inv;
	struct pcr_mapping m =
		mapping(VIA_VFIO, "0000:00:05.0", -1, 0x3804001000ULL, 0x1000);

	w->inv.devs = vdev;
	w->inv.ndevs = 1;
	/* 6.1: the offset is BAR4's CPU address, not "region 0 + 0x3804001000" */
	w->ev.kver_major = 6;
	w->ev.kver_minor = 1;
	judge(w, &m, &a);
	assert_int_equal(a.bar_no, 4);
	assert_true(a.phys_start == 0x3804001000ULL);
	assert_true(a.bar_offset == 0x1000);
	assert_non_null(strstr(a.note, "physical offset"));
	assert_int_equal(a.state, MAP_MANAGED);
	/* version unknown: only the physical reading fits a BAR */
	w->ev.kver_major = 0;
	judge(w, &m, &a);
	assert_int_equal(a.bar_no, 4);
	/* 6.12: region 4 */
	w->ev.kver_major = 6;
	w->ev.kver_minor = 12;
	m = mapping(VIA_VFIO, "0000:00:05.0", -1, (4ULL << 40) | 0x2000, 0x1000);
	judge(w, &m, &a);
	assert_int_equal(a.bar_no, 4);
	assert_true(a.phys_start == 0x3804002000ULL);
	/* BAR0 on 6.1: the region reading (region 0 + 0xfeb00000) overruns the 4 KiB BAR */
	w->ev.kver_minor = 1;
	m = mapping(VIA_VFIO, "0000:00:05.0", -1, 0xfeb00000, 0x1000);
	judge(w, &m, &a);
	assert_int_equal(a.bar_no, 0);
	assert_true(a.phys_start == 0xfeb00000);
	/* no device from fdinfo or the group: the physical address names it */
	m = mapping(VIA_VFIO, NULL, -1, 0x3804001000ULL, 0x1000);
	judge(w, &m, &a);
	assert_ptr_equal(a.dev, &vdev[0]);
	assert_int_equal(a.bar_no, 4);
	assert_non_null(strstr(a.note, "device from the BAR's address"));
	assert_int_equal(a.state, MAP_MANAGED);
	/* region 0, offset 0: no BAR holds physical address 0, so the region reading */
	m = mapping(VIA_VFIO, "0000:00:05.0", -1, 0, 0x1000);
	judge(w, &m, &a);
	assert_true(a.phys_start == 0xfeb00000);
	assert_int_equal(a.bar_no, 0);
	w->ev.kver_major = 0;
	w->ev.kver_minor = 0;
	w->inv = saved;
}

/*
 * 6.10+: one process holds an e1000 (BAR0 128K memory, BAR1 I/O) and a modern virtio-net
 * (BAR1 4K, BAR4 16K) through VFIO; every VMA is the same anon inode and the offset is
 * region<<40: the region and the size single out the device.
 */
static void test_vfio_two_devices(void **state)
{
	struct world *w = *state;
	struct attribution a;
	static struct pcr_bar ebars[] = {
		{ .index = 0,
		  .kind = RES_BAR,
		  .sub = 0,
		  .start = 0xfebc0000,
		  .end = 0xfebdffff,
		  .flags = IORES_MEM,
		  .valid = true,
		  .claim_state = CLAIM_CLAIMED,
		  .claim = "vfio-pci" },
		{ .index = 1,
		  .kind = RES_BAR,
		  .sub = 1,
		  .start = 0xc000,
		  .end = 0xc03f,
		  .flags = IORES_IO,
		  .valid = true,
		  .claim_state = CLAIM_CLAIMED,
		  .claim = "vfio-pci" },
	};
	static struct pcr_bar vbars[] = {
		{ .index = 1,
		  .kind = RES_BAR,
		  .sub = 1,
		  .start = 0xfebf1000,
		  .end = 0xfebf1fff,
		  .flags = IORES_MEM,
		  .valid = true,
		  .claim_state = CLAIM_CLAIMED,
		  .claim = "vfio-pci" },
		{ .index = 4,
		  .kind = RES_BAR,
		  .sub = 4,
		  .start = 0xfe000000,
		  .end = 0xfe003fff,
		  .flags = IORES_MEM | IORES_MEM_64,
		  .valid = true,
		  .claim_state = CLAIM_CLAIMED,
		  .claim = "vfio-pci" },
	};
	static struct pcr_device two[] = {
		{ .slot = "0000:00:02.0",
		  .driver = "vfio-pci",
		  .bars = ebars,
		  .nbars = 2 },
		{ .slot = "0000:00:03.0",
		  .driver = "vfio-pci",
		  .bars = vbars,
		  .nbars = 2 },
	};
	static const struct {
		uint64_t offset, len;
		const char *slot;
		int bar;
	} cases[] = {
		{ 0, 0x20000, "0000:00:02.0", 0 }, /* only the e1000 has a BAR0 */
		{ 4ULL << 40, 0x4000, "0000:00:03.0",
		  4 }, /* only the virtio has a BAR4 */
		{ 1ULL << 40, 0x1000, "0000:00:03.0", 1 }, /* the e1000's BAR1 is I/O */
	};
	struct pcr_inventory saved = w->inv;

	w->inv.devs = two;
	w->inv.ndevs = 2;
	w->ev.kver_major = 6;
	w->ev.kver_minor = 12;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pcr_mapping m =
			mapping(VIA_VFIO, NULL, -1, cases[i].offset, cases[i].len);

		m.slot_ambiguous = true;
		m.vfio_nslots = 2;
		strcpy(m.vfio_slots[0], "0000:00:02.0");
		strcpy(m.vfio_slots[1], "0000:00:03.0");
		judge(w, &m, &a);
		assert_non_null(a.slot);
		assert_string_equal(a.slot, cases[i].slot);
		assert_int_equal(a.bar_no, cases[i].bar);
		assert_int_equal(a.state, MAP_MANAGED);
		assert_non_null(strstr(a.note, "device told by its BAR"));
	}
	/* a region both devices have (BAR1 on two memory-BAR devices) stays ambiguous */
	ebars[1].flags = IORES_MEM;
	ebars[1].start = 0xfebd0000;
	ebars[1].end = 0xfebd0fff;
	{
		struct pcr_mapping m = mapping(VIA_VFIO, NULL, -1, 1ULL << 40, 0x1000);

		m.slot_ambiguous = true;
		m.vfio_nslots = 2;
		strcpy(m.vfio_slots[0], "0000:00:02.0");
		strcpy(m.vfio_slots[1], "0000:00:03.0");
		judge(w, &m, &a);
		assert_null(a.dev);
		assert_non_null(strstr(a.note, "several VFIO devices"));
		/* more devices than were kept: never a guess */
		m.vfio_nslots = PCR_VFIO_SLOTS + 1;
		judge(w, &m, &a);
		assert_null(a.dev);
	}
	ebars[1].flags = IORES_IO;
	ebars[1].start = 0xc000;
	ebars[1].end = 0xc03f;
	w->ev.kver_major = 0;
	w->ev.kver_minor = 0;
	w->inv = saved;
}

/*
 * I/O BARs on powerpc: the resource file shows the bus port (0x40), /proc/ioports the
 * kernel's (0x10040), maps the CPU address of the bridge's I/O window plus the port,
 * page aligned (0x200000000000). Never revocable.
 */
static void test_io_space(void **state)
{
	struct world *w = *state;
	struct attribution a;
	static struct pcr_bar ebars[] = {
		{ .index = 0,
		  .kind = RES_BAR,
		  .sub = 0,
		  .start = 0x200081040000ULL,
		  .end = 0x20008105ffffULL,
		  .flags = IORES_MEM,
		  .valid = true,
		  .claim_state = CLAIM_CLAIMED,
		  .claim = "e1000" },
		{ .index = 1,
		  .kind = RES_BAR,
		  .sub = 1,
		  .start = 0x40,
		  .end = 0x7f,
		  .flags = IORES_IO,
		  .valid = true,
		  .claim_state = CLAIM_CLAIMED,
		  .claim = "e1000",
		  .io_kernel_known = true,
		  .io_kernel_start = 0x10040,
		  .io_cpu_known = true,
		  .io_cpu_start = 0x200000000040ULL },
	};
	static struct pcr_device edev[] = {
		{ .slot = "0000:00:02.0", .driver = "e1000", .bars = ebars, .nbars = 2 },
	};
	struct pcr_inventory saved = w->inv;
	struct pcr_mapping m =
		mapping(VIA_SYSFS, "0000:00:02.0", 1, 0x200000000000ULL, 0x1000);

	w->inv.devs = edev;
	w->inv.ndevs = 1;
	strcpy(w->inv.arch, "ppc64le");
	strcpy(w->ev.arch, "ppc64le");
	judge(w, &m, &a);
	assert_int_equal(a.bar_no, 1);
	assert_true(a.io_space);
	assert_false(a.revocable);
	assert_null(strstr(a.note, "outside"));
	assert_int_equal(a.state, MAP_CONFLICT);
	assert_true(map_state_is_finding(a.state));

	/* /proc/bus/pci after PCIIOC_MMAP_IS_IO: the offset picks the I/O BAR */
	m = mapping(VIA_PROCFS, "0000:00:02.0", -1, 0x200000000000ULL, 0x1000);
	judge(w, &m, &a);
	assert_int_equal(a.bar_no, 1);
	assert_ptr_equal(a.dev, &edev[0]);
	assert_int_equal(a.state, MAP_CONFLICT);
	/* the memory BAR through procfs is still revoked */
	m = mapping(VIA_PROCFS, "0000:00:02.0", -1, 0x200081040000ULL, 0x20000);
	judge(w, &m, &a);
	assert_int_equal(a.bar_no, 0);
	assert_int_equal(a.state, MAP_REVOKED);

	/* legacy_io of the bus: the page holds BAR1's ports */
	m = mapping(VIA_LEGACY_IO, "0000:00", -1, 0x200000000000ULL, 0x1000);
	judge(w, &m, &a);
	assert_ptr_equal(a.dev, &edev[0]);
	assert_int_equal(a.bar_no, 1);
	assert_int_equal(a.state, MAP_CONFLICT);
	/* unclaimed ports: exposed, even when the door's verdict is unknown */
	ebars[1].claim_state = CLAIM_UNCLAIMED;
	set_all(&w->mv, DOOR_UNKNOWN, DOOR_UNKNOWN);
	judge(w, &m, &a);
	assert_int_equal(a.state, MAP_EXPOSED);
	assert_false(a.incomplete);
	/* lockdown: the legacy row is never blocked, so no "predates lockdown" */
	set_all(&w->mv, DOOR_ACTIVE, DOOR_ACTIVE);
	judge(w, &m, &a);
	assert_null(strstr(a.note, "predates"));
	ebars[1].claim_state = CLAIM_CLAIMED;

	/* the window address unknown: procfs still finds the device's only I/O BAR */
	ebars[1].io_cpu_known = false;
	m = mapping(VIA_PROCFS, "0000:00:02.0", -1, 0x200000000000ULL, 0x1000);
	judge(w, &m, &a);
	assert_int_equal(a.bar_no, 1);
	assert_non_null(strstr(a.note, "window address unknown"));
	ebars[1].io_cpu_known = true;

	strcpy(w->inv.arch, "");
	strcpy(w->ev.arch, "x86_64");
	w->inv = saved;
}

/* legacy_mem is memory: judged by its own verdict, not by the legacy row's */
static void test_legacy_mem(void **state)
{
	struct world *w = *state;
	struct attribution a;
	struct pcr_mapping m = mapping(VIA_LEGACY_MEM, "0000:00", -1, 0xfebc0000, 0x1000);

	w->mv.door[DOOR_LEGACY].status = DOOR_INACTIVE; /* legacy_io never revokes */
	w->mv.legacy_mem.status = DOOR_ACTIVE;
	judge(w, &m, &a);
	assert_int_equal(a.state, MAP_REVOCABLE);
	w->mv.legacy_mem.status = DOOR_INACTIVE;
	judge(w, &m, &a);
	assert_int_equal(a.state, MAP_EXPOSED);
	set_all(&w->mv, DOOR_ACTIVE, DOOR_ACTIVE);
}

/* A process killed by SIGBUS while mapping a BAR that is claimed now: revoked. */
static void test_exit_classify(void **state)
{
	(void)state;
	/* wait status of a death by signal: the signal number in the low 7 bits */
	assert_true(exit_killed_by_revocation(SIGBUS, MAP_REVOCABLE, VIA_SYSFS,
					      CLAIM_CLAIMED));
	assert_true(exit_killed_by_revocation(SIGBUS | 0x80, MAP_REVOKED, VIA_DEVMEM,
					      CLAIM_CLAIMED));
	assert_true(exit_killed_by_revocation(SIGBUS, MAP_REVOCABLE, VIA_PROCFS,
					      CLAIM_CLAIMED));
	/* a plain exit, another signal, no claim, a door that does not revoke */
	assert_false(
		exit_killed_by_revocation(0, MAP_REVOCABLE, VIA_SYSFS, CLAIM_CLAIMED));
	assert_false(exit_killed_by_revocation(SIGBUS << 8, MAP_REVOCABLE, VIA_SYSFS,
					       CLAIM_CLAIMED)); /* exit(7) */
	assert_false(exit_killed_by_revocation(SIGSEGV, MAP_REVOCABLE, VIA_SYSFS,
					       CLAIM_CLAIMED));
	assert_false(exit_killed_by_revocation(SIGBUS, MAP_REVOCABLE, VIA_SYSFS,
					       CLAIM_UNCLAIMED));
	assert_false(
		exit_killed_by_revocation(SIGBUS, MAP_EXPOSED, VIA_SYSFS, CLAIM_CLAIMED));
	assert_false(
		exit_killed_by_revocation(SIGBUS, MAP_MANAGED, VIA_VFIO, CLAIM_CLAIMED));
	assert_false(exit_killed_by_revocation(SIGBUS, MAP_CONFLICT, VIA_LEGACY_IO,
					       CLAIM_CLAIMED));
}

static void test_unattributed(void **state)
{
	struct world *w = *state;
	struct attribution a;
	struct pcr_mapping m = mapping(VIA_NONE, NULL, -1, 0x100000000ULL, 0x1000);

	judge(w, &m, &a);
	assert_int_equal(a.state, MAP_UNATTRIBUTED);
	assert_false(a.revocable);
	assert_false(map_state_is_finding(a.state));
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(map_via_name(VIA_SYSFS_WC), "sysfs-wc");
	assert_string_equal(map_via_name(VIA_LEGACY_IO), "legacy-io");
	assert_string_equal(map_via_name(VIA_DEVMEM), "devmem");
	assert_string_equal(map_state_name(MAP_REVOKED), "revoked");
	assert_int_equal(map_via_door(VIA_SYSFS_WC), DOOR_SYSFS);
	assert_int_equal(map_via_door(VIA_LEGACY_MEM), DOOR_LEGACY);
	assert_int_equal(map_via_door(VIA_NONE), DOOR_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify_sysfs),
		cmocka_unit_test(test_classify_proc),
		cmocka_unit_test(test_classify_dev),
		cmocka_unit_test(test_sysfs_states),
		cmocka_unit_test(test_blocked_doors),
		cmocka_unit_test(test_sysfs_offset_mismatch),
		cmocka_unit_test(test_procfs),
		cmocka_unit_test(test_devmem),
		cmocka_unit_test(test_below_1mib),
		cmocka_unit_test(test_vfio),
		cmocka_unit_test(test_uio),
		cmocka_unit_test(test_vfio_physical),
		cmocka_unit_test(test_vfio_two_devices),
		cmocka_unit_test(test_io_space),
		cmocka_unit_test(test_legacy_mem),
		cmocka_unit_test(test_exit_classify),
		cmocka_unit_test(test_unattributed),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
