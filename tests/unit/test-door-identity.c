// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Door identity: the host's file of a classified door (door_ref_path()) and the
 * judgement of a mapping against it (door_id_judge()), on made-up stat data.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "door-identity.h"
#include "parse-maps.h"
#include "parse-path.h"

static void ref_ok(enum mnt_kind kind, const char *path, const char *want)
{
	struct door_path d;
	char out[128];

	assert_int_equal(door_classify(kind, path, &d), 0);
	assert_int_equal(door_ref_path(&d, out, sizeof(out)), 0);
	assert_string_equal(out, want);
}

static void test_ref_path(void **state)
{
	struct door_path d = {
		.via = VIA_SYSFS, .bar = 9, .index = -1, .has_slot = true
	};
	char out[128];

	(void)state;
	ref_ok(MNT_SYSFS, "/devices/pci0000:00/0000:00:02.0/resource0",
	       "/sys/bus/pci/devices/0000:00:02.0/resource0");
	ref_ok(MNT_SYSFS, "/whatever/0000:3A:00.1/resource5_wc",
	       "/sys/bus/pci/devices/0000:3a:00.1/resource5_wc");
	ref_ok(MNT_SYSFS, "/devices/pci0000:00/pci_bus/0000:00/legacy_io",
	       "/sys/class/pci_bus/0000:00/legacy_io");
	ref_ok(MNT_SYSFS, "/class/pci_bus/0000:00/legacy_mem",
	       "/sys/class/pci_bus/0000:00/legacy_mem");
	ref_ok(MNT_PROC, "/bus/pci/01/00.0", "/proc/bus/pci/01/00.0");
	ref_ok(MNT_PROC, "/bus/pci/0001:02/1f.7", "/proc/bus/pci/0001:02/1f.7");
	ref_ok(MNT_DEVTMPFS, "/mem", "/dev/mem");
	ref_ok(MNT_DEVTMPFS, "/chroot/dev/mem", "/dev/mem");
	ref_ok(MNT_DEVTMPFS, "/uio12", "/dev/uio12");
	ref_ok(MNT_DEVTMPFS, "/vfio/devices/vfio3", "/dev/vfio/devices/vfio3");
	assert_int_equal(door_classify(MNT_ANON, "anon_inode:[vfio-device]", &d), 0);
	assert_int_equal(door_ref_path(&d, out, sizeof(out)), -ENOENT);
	/* malformed fields never make a path */
	d = (struct door_path){
		.via = VIA_SYSFS, .bar = 9, .index = -1, .has_slot = true
	};
	strcpy(d.slot, "0000:00:02.0");
	assert_int_equal(door_ref_path(&d, out, sizeof(out)), -EINVAL);
	d.bar = 0;
	strcpy(d.slot, "../../etc/x");
	assert_int_equal(door_ref_path(&d, out, sizeof(out)), -EINVAL);
	d = (struct door_path){
		.via = VIA_PROCFS, .bar = -1, .index = -1, .has_slot = true
	};
	strcpy(d.slot, "0000:00:02");
	assert_int_equal(door_ref_path(&d, out, sizeof(out)), -EINVAL);
	d = (struct door_path){ .via = VIA_UIO, .bar = -1, .index = -1 };
	assert_int_equal(door_ref_path(&d, out, sizeof(out)), -EINVAL);
	d.index = 1;
	assert_int_equal(door_ref_path(&d, out, 4), -ENAMETOOLONG);
	d.via = VIA_NONE;
	assert_int_equal(door_ref_path(&d, out, sizeof(out)), -ENOENT);
}

static struct stat chr(unsigned ma, unsigned mi, dev_t dev, ino_t ino)
{
	struct stat st = { .st_mode = S_IFCHR | 0600,
			   .st_rdev = makedev(ma, mi),
			   .st_dev = dev,
			   .st_ino = ino };
	return st;
}

static void test_judge_char(void **state)
{
	const struct door_path mem = { .via = VIA_DEVMEM, .bar = -1, .index = -1 };
	const struct door_path uio = { .via = VIA_UIO, .bar = -1, .index = 0 };
	const uint64_t devtmpfs = maps_devnum(0, 6);
	struct stat ref_mem = chr(1, 1, makedev(0, 6), 3);
	struct stat ref_uio = chr(240, 0, makedev(0, 6), 500);
	struct door_id id = { .tried = true, .known = true };

	(void)state;
	/* map_files: the rdev decides */
	id.st = chr(1, 1, makedev(0, 6), 3);
	assert_int_equal(door_id_judge(MNT_DEVTMPFS, &mem, &id, devtmpfs, 3, &ref_mem,
				       NULL, false),
			 DOOR_ID_MATCH);
	assert_int_equal(
		door_id_judge(MNT_DEVTMPFS, &mem, &id, devtmpfs, 3, NULL, NULL, false),
		DOOR_ID_MATCH);
	id.st = chr(1, 5, makedev(0, 6), 7); /* /dev/zero behind "dev/mem" */
	assert_int_equal(door_id_judge(MNT_DEVTMPFS, &mem, &id, devtmpfs, 7, &ref_mem,
				       NULL, false),
			 DOOR_ID_MISMATCH);
	id.st = (struct stat){ .st_mode = S_IFREG | 0600 }; /* a regular file */
	assert_int_equal(door_id_judge(MNT_DEVTMPFS, &mem, &id, devtmpfs, 7, &ref_mem,
				       NULL, false),
			 DOOR_ID_MISMATCH);
	assert_int_equal(door_id_judge(MNT_DEVTMPFS, &uio, &id, devtmpfs, 7, &ref_uio,
				       NULL, false),
			 DOOR_ID_MISMATCH);
	id.st = chr(240, 0, makedev(0, 6), 500);
	assert_int_equal(door_id_judge(MNT_DEVTMPFS, &uio, &id, devtmpfs, 500, &ref_uio,
				       NULL, false),
			 DOOR_ID_MATCH);
	assert_int_equal(
		door_id_judge(MNT_DEVTMPFS, &uio, &id, devtmpfs, 500, NULL, NULL, false),
		DOOR_ID_UNKNOWN);
	/* the class link of the rdev names the device whatever the node is called */
	id.st = chr(1, 5, makedev(0, 6), 7);
	assert_int_equal(door_id_judge(MNT_DEVTMPFS, &uio, &id, devtmpfs, 7, NULL,
				       "../../devices/virtual/mem/zero", false),
			 DOOR_ID_MISMATCH);
	id.st = chr(240, 0, makedev(0, 6), 500);
	assert_int_equal(door_id_judge(MNT_DEVTMPFS, &uio, &id, devtmpfs, 500, NULL,
				       "../../devices/pci0000:00/0000:00:02.0/uio/uio0",
				       false),
			 DOOR_ID_MATCH);
	assert_int_equal(door_id_judge(MNT_DEVTMPFS, &uio, &id, devtmpfs, 500, NULL,
				       "../../devices/pci0000:00/0000:00:02.0/uio/uio10",
				       false),
			 DOOR_ID_MISMATCH);
	id.st = chr(240, 1, makedev(0, 6), 501); /* uio1 named uio0 */
	assert_int_equal(door_id_judge(MNT_DEVTMPFS, &uio, &id, devtmpfs, 501, &ref_uio,
				       NULL, false),
			 DOOR_ID_MISMATCH);

	/* no map_files: the maps line's dev:ino against the host's node */
	assert_int_equal(door_id_judge(MNT_DEVTMPFS, &mem, NULL, devtmpfs, 3, &ref_mem,
				       NULL, false),
			 DOOR_ID_MATCH);
	assert_int_equal(door_id_judge(MNT_DEVTMPFS, &mem, NULL, devtmpfs, 7, &ref_mem,
				       NULL, false),
			 DOOR_ID_MISMATCH);
	/* the host's /dev is not that devtmpfs: nothing to compare */
	assert_int_equal(door_id_judge(MNT_DEVTMPFS, &mem, NULL, maps_devnum(0, 99), 7,
				       &ref_mem, NULL, false),
			 DOOR_ID_UNKNOWN);
	assert_int_equal(
		door_id_judge(MNT_DEVTMPFS, &mem, NULL, devtmpfs, 7, NULL, NULL, false),
		DOOR_ID_UNKNOWN);
	/* no /dev/mem on the host's devtmpfs, which holds the mapped node */
	assert_int_equal(
		door_id_judge(MNT_DEVTMPFS, &mem, NULL, devtmpfs, 7, NULL, NULL, true),
		DOOR_ID_MISMATCH);
}

static void test_judge_sysfs_proc(void **state)
{
	const struct door_path r0 = { .via = VIA_SYSFS,
				      .bar = 0,
				      .index = -1,
				      .has_slot = true,
				      .slot = "0000:00:02.0" };
	const struct door_path pf = { .via = VIA_PROCFS,
				      .bar = -1,
				      .index = -1,
				      .has_slot = true,
				      .slot = "0000:00:02.0" };
	const struct stat ref = { .st_mode = S_IFREG | 0600,
				  .st_dev = makedev(0, 22),
				  .st_ino = 11270 };
	struct door_id id = { .tried = true, .known = true, .f_type = 0x62656572 };

	(void)state;
	/* another sysfs instance (a container's): another device, the same inode */
	id.st = (struct stat){ .st_mode = S_IFREG | 0600,
			       .st_dev = makedev(0, 60),
			       .st_ino = 11270 };
	assert_int_equal(door_id_judge(MNT_SYSFS, &r0, &id, maps_devnum(0, 60), 11270,
				       &ref, NULL, false),
			 DOOR_ID_MATCH);
	id.st.st_ino = 4766; /* another sysfs file */
	assert_int_equal(door_id_judge(MNT_SYSFS, &r0, &id, maps_devnum(0, 60), 4766,
				       &ref, NULL, false),
			 DOOR_ID_MISMATCH);
	assert_int_equal(door_id_judge(MNT_SYSFS, &r0, &id, maps_devnum(0, 60), 4766,
				       NULL, NULL, false),
			 DOOR_ID_UNKNOWN);
	id.f_type = 0x01021994; /* tmpfs: not sysfs at all */
	id.st.st_ino = 11270;
	assert_int_equal(door_id_judge(MNT_SYSFS, &r0, &id, maps_devnum(0, 60), 11270,
				       &ref, NULL, false),
			 DOOR_ID_MISMATCH);
	assert_int_equal(door_id_judge(MNT_SYSFS, &r0, &id, maps_devnum(0, 60), 11270,
				       NULL, NULL, false),
			 DOOR_ID_MISMATCH);
	/* no map_files: the maps inode */
	assert_int_equal(door_id_judge(MNT_SYSFS, &r0, NULL, maps_devnum(0, 22), 11270,
				       &ref, NULL, false),
			 DOOR_ID_MATCH);
	assert_int_equal(door_id_judge(MNT_SYSFS, &r0, NULL, maps_devnum(0, 22), 1, &ref,
				       NULL, false),
			 DOOR_ID_MISMATCH);
	/* proc */
	id = (struct door_id){ .tried = true,
			       .known = true,
			       .f_type = 0x9fa0,
			       .st = { .st_mode = S_IFREG | 0600, .st_ino = 11270 } };
	assert_int_equal(door_id_judge(MNT_PROC, &pf, &id, maps_devnum(0, 21), 11270,
				       &ref, NULL, false),
			 DOOR_ID_MATCH);
	assert_int_equal(door_id_judge(MNT_SYSFS, &r0, &id, maps_devnum(0, 21), 11270,
				       &ref, NULL, false),
			 DOOR_ID_MISMATCH);
	assert_int_equal(door_id_fs_kind(0x62656572), MNT_SYSFS);
	assert_int_equal(door_id_fs_kind(0x9fa0), MNT_PROC);
	assert_int_equal(door_id_fs_kind(0x01021994), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ref_path),
		cmocka_unit_test(test_judge_char),
		cmocka_unit_test(test_judge_sysfs_proc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
