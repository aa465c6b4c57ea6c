#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# mk-fixture.sh [--root ROOT] [--pids all|none|PID,...] DEST
#
# Capture what pcirevoke reads into DEST, for golden tests run with
# `pcirevoke --sysroot DEST`. Read-only: it never opens resourceN, rom or
# legacy_* (those become EMPTY placeholder files: pcirevoke only checks that
# they exist), never reads a device, never writes outside DEST.
# POSIX sh + busybox; also runs inside the tests/vm guests.
#
# --root ROOT   capture from ROOT instead of / (default /)
# --pids SEL    processes whose /proc/PID/{maps,comm,status,mountinfo} are
#               copied: "all", "none", a comma list, or by default those
#               whose maps mention /sys/devices, /proc/bus/pci, /dev/mem,
#               /dev/uio, /dev/vfio or anon_inode:[vfio-device].
#
# DEST/mk-fixture.stat records the original identity of each placeholder, of
# each file in the copied maps and of /sys, /proc and /dev: "PATH S_DEV INODE
# RDEV", S_DEV and RDEV as hex MAJ:MIN the way /proc/PID/maps prints them.

set -u

ROOT=/
PIDS=default
while [ $# -gt 0 ]; do
	case $1 in
	--root) ROOT=$2; shift 2 ;;
	--root=*) ROOT=${1#--root=}; shift ;;
	--pids) PIDS=$2; shift 2 ;;
	--pids=*) PIDS=${1#--pids=}; shift ;;
	-h|--help) sed -n '3,20p' "$0"; exit 0 ;;
	-*) echo "mk-fixture: unknown option $1" >&2; exit 64 ;;
	*) break ;;
	esac
done
if [ $# -ne 1 ]; then
	echo "usage: mk-fixture.sh [--root ROOT] [--pids all|none|PID,...] DEST" >&2
	exit 64
fi
DEST=$1
ROOT=${ROOT%/}
mkdir -p "$DEST" || exit 1
DEST=$(cd "$DEST" && pwd) || exit 1
STAT=$DEST/mk-fixture.stat
echo "# PATH S_DEV INODE RDEV (hex MAJ:MIN as in /proc/PID/maps): original identities" >"$STAT"

warn() { echo "mk-fixture: $*" >&2; }

# copy REL: copy ROOT/REL to DEST/REL if it is a readable regular file
copy() {
	[ -f "$ROOT/$1" ] && [ -r "$ROOT/$1" ] || return 1
	mkdir -p "$DEST/$(dirname "$1")"
	cat "$ROOT/$1" >"$DEST/$1" 2>/dev/null || { rm -f "$DEST/$1"; return 1; }
}

# stat_line REL: append REL's original identity to mk-fixture.stat
stat_line() {
	s=$(stat -L -c '%d %i %t %T' "$ROOT/$1" 2>/dev/null) || return 0
	# shellcheck disable=SC2086 # split stat's four fields
	set -- "$1" $s
	printf '/%s %02x:%02x %s %x:%x\n' "$1" $((($2 >> 8) & 0xfff)) \
		$((($2 & 0xff) | (($2 >> 12) & 0xfff00))) "$3" $((0x$4)) $((0x$5)) >>"$STAT"
}

# placeholder REL: an empty file where ROOT/REL exists (never read)
placeholder() {
	[ -e "$ROOT/$1" ] || return 0
	mkdir -p "$DEST/$(dirname "$1")"
	: >"$DEST/$1"
	stat_line "$1"
}

# link REL: recreate the symlink ROOT/REL with the same text
link() {
	t=$(readlink "$ROOT/$1") || return 1
	mkdir -p "$DEST/$(dirname "$1")"
	rm -f "$DEST/$1"
	ln -s "$t" "$DEST/$1"
}

# resolve REL: the path (relative to ROOT) a relative symlink REL points at
resolve() {
	dir=$(dirname "$1")
	t=$(readlink "$ROOT/$1") || return 1
	case $t in
	/*) echo "${t#/}"; return 0 ;;
	esac
	while :; do
		case $t in
		../*) dir=$(dirname "$dir"); t=${t#../} ;;
		./*) t=${t#./} ;;
		*) break ;;
		esac
	done
	echo "$dir/$t"
}

ATTRS="resource vendor device class revision subsystem_vendor subsystem_device irq
	numa_node modalias enable label config"

# --- PCI devices ---------------------------------------------------------
for dev in "$ROOT"/sys/bus/pci/devices/*; do
	[ -e "$dev" ] || continue
	slot=${dev##*/}
	link "sys/bus/pci/devices/$slot" || continue
	d=$(resolve "sys/bus/pci/devices/$slot") || continue
	mkdir -p "$DEST/$d"
	for a in $ATTRS; do
		copy "$d/$a"
	done
	for f in "$ROOT/$d"/sriov_*; do
		[ -f "$f" ] && copy "$d/${f##*/}"
	done
	for f in "$ROOT/$d"/resource[0-9]* "$ROOT/$d"/rom; do
		[ -e "$f" ] || continue
		case ${f##*/} in
		rom|resource[0-9]|resource[0-9]_wc|resource[0-9][0-9]|resource[0-9][0-9]_wc)
			placeholder "$d/${f##*/}" ;;
		esac
	done
	if [ -L "$ROOT/$d/driver" ]; then
		link "$d/driver"
		drv=$(resolve "$d/driver") && mkdir -p "$DEST/$drv"
	fi
	if [ -L "$ROOT/$d/iommu_group" ]; then
		link "$d/iommu_group"
		grp=$(resolve "$d/iommu_group") && mkdir -p "$DEST/$grp"
	fi
	for f in "$ROOT/$d"/physfn "$ROOT/$d"/virtfn*; do
		[ -L "$f" ] && link "$d/${f##*/}"
	done
done

# --- UIO -----------------------------------------------------------------
for u in "$ROOT"/sys/class/uio/*; do
	[ -e "$u" ] || continue
	rel=sys/class/uio/${u##*/}
	link "$rel" || continue
	d=$(resolve "$rel") || continue
	mkdir -p "$DEST/$d"
	copy "$d/name"
	copy "$d/version"
	# Text attributes only: never "event" (a read blocks until an interrupt).
	for f in "$ROOT/$d"/maps/map*/* "$ROOT/$d"/portio/port*/*; do
		[ -f "$f" ] && copy "${f#"$ROOT"/}"
	done
done
for f in "$ROOT"/dev/uio[0-9]* "$ROOT"/dev/vfio/* "$ROOT"/dev/vfio/devices/*; do
	[ -e "$f" ] && [ ! -d "$f" ] && placeholder "${f#"$ROOT"/}"
done

# --- /dev/mem, procfs PCI --------------------------------------------------
placeholder dev/mem
copy proc/bus/pci/devices
for f in "$ROOT"/proc/bus/pci/*/*; do
	[ -f "$f" ] && placeholder "${f#"$ROOT"/}"
done

# --- kernel state ----------------------------------------------------------
for f in proc/iomem proc/ioports proc/cmdline proc/config.gz proc/version \
	proc/sys/kernel/osrelease sys/kernel/security/lockdown sys/kernel/security/lsm; do
	copy "$f"
done
release=$(cat "$ROOT/proc/sys/kernel/osrelease" 2>/dev/null || uname -r)
copy "boot/config-$release"
if ! copy proc/sys/kernel/arch; then
	mkdir -p "$DEST/proc/sys/kernel"
	uname -m >"$DEST/proc/sys/kernel/arch"
fi
if [ -r "$ROOT/proc/kallsyms" ]; then
	mkdir -p "$DEST/proc"
	awk 'BEGIN {
		n = split("iomem_get_mapping iomem_init_inode revoke_iomem revoke_devmem " \
			"devmem_is_allowed iomem_is_exclusive pci_llseek_resource " \
			"sysfs_kf_bin_open proc_bus_pci_mmap pci_mmap_resource_range " \
			"vfio_pci_zap_and_down_write_memory_lock vfio_pci_zap_bars uio_mmap", w, " ")
		for (i = 1; i <= n; i++) want[w[i]] = 1
	}
	($3 in want)' "$ROOT/proc/kallsyms" >"$DEST/proc/kallsyms"
fi

# --- processes -------------------------------------------------------------
PATTERN='/sys/devices|/proc/bus/pci|/dev/mem|/dev/uio|/dev/vfio|anon_inode:\[vfio-device\]'
selected() {
	case $PIDS in
	none) ;;
	all|default)
		for p in "$ROOT"/proc/[0-9]*; do
			p=${p##*/}
			[ "$p" = "$$" ] && continue
			if [ "$PIDS" = all ] || grep -Eq "$PATTERN" "$ROOT/proc/$p/maps" 2>/dev/null; then
				echo "$p"
			fi
		done ;;
	*) echo "$PIDS" | tr ',' '\n' ;;
	esac
}
for p in $(selected); do
	case $p in
	''|*[!0-9]*) warn "not a pid: $p"; continue ;;
	esac
	[ -d "$ROOT/proc/$p" ] || { warn "no process $p"; continue; }
	for f in maps comm status mountinfo; do
		copy "proc/$p/$f" || warn "cannot read /proc/$p/$f"
	done
	# The identity of every file in the copied maps, as the kernel saw it.
	awk 'NF >= 6 && $6 ~ /^\// { print $6 }' "$DEST/proc/$p/maps" 2>/dev/null | sort -u |
	while read -r path; do
		grep -qF -e "$path " "$STAT" 2>/dev/null || stat_line "${path#/}"
	done
done

# Mount points whose s_dev pcirevoke compares with maps lines.
for m in sys proc dev; do
	stat_line "$m"
done
# Capturing from a fixture: its recorded identities are the real ones.
if [ -f "$ROOT/mk-fixture.stat" ]; then
	cat "$ROOT/mk-fixture.stat" >"$STAT"
fi
exit 0
