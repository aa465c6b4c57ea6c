#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# mkinitramfs.sh --kernel-dir DIR --holder PATH [--pcirevoke PATH] [--fixtures]
#                [--init FILE] [--scenario FILE] [--busybox PATH] [--sysroot DIR] OUT
#
# Build the guest initramfs (gzip'd newc cpio) for one kernel of the cache
# written by fetch-kernels.sh: busybox-static, /init (guest-init.sh), holder,
# mk-fixture.sh, pcirevoke with every shared library ldd lists (and the
# loader), pci.ids, the kernel's config as /boot/config-RELEASE, and its
# modules under /lib/modules/pcirevoke-vm (load order in "order").
# --fixtures makes the guest capture mk-fixture.sh trees too.
# --init replaces guest-init.sh as /init; --scenario becomes /etc/scenario.
# For a foreign-architecture guest: --busybox is the target's static busybox
# and --sysroot the target's root (mksysroot.sh): pcirevoke's libraries and
# loader are looked up there (readelf -d, NEEDED, recursively) instead of ldd.
# Without --pcirevoke (or with a path that does not exist) the guest still
# runs the holders and reports that pcirevoke is missing.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
kdir='' holder='' pcirevoke='' fixtures='' out='' init='' scenario='' busybox='' sysroot=''
while [ $# -gt 0 ]; do
	case $1 in
	--kernel-dir) kdir=$2; shift 2 ;;
	--holder) holder=$2; shift 2 ;;
	--pcirevoke) pcirevoke=$2; shift 2 ;;
	--fixtures) fixtures=1; shift ;;
	--init) init=$2; shift 2 ;;
	--scenario) scenario=$2; shift 2 ;;
	--busybox) busybox=$2; shift 2 ;;
	--sysroot) sysroot=$2; shift 2 ;;
	-*) echo "mkinitramfs: unknown option $1" >&2; exit 64 ;;
	*) out=$1; shift ;;
	esac
done
die() { echo "mkinitramfs: error: $*" >&2; exit 1; }
if [ -z "$out" ] || [ -z "$kdir" ] || [ -z "$holder" ]; then
	echo "usage: $0 --kernel-dir DIR --holder PATH [--pcirevoke PATH] [--fixtures] OUT" >&2
	exit 64
fi
[ -s "$kdir/release" ] || die "$kdir is not a fetched kernel (no release file)"
[ -x "$holder" ] || die "holder $holder not found"

for b in /bin/busybox /usr/bin/busybox; do
	[ -z "$busybox" ] || break
	if [ -x $b ] && ! ldd $b >/dev/null 2>&1; then busybox=$b; break; fi
done
[ -n "$busybox" ] || die "no static busybox (install busybox-static)"
for t in cpio gzip; do command -v $t >/dev/null || die "$t not found"; done

root=$(mktemp -d "${TMPDIR:-/tmp}/pcirevoke-initramfs.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,usr/bin,proc,sys,dev,tmp,etc,root,boot,usr/share/misc,lib/modules/pcirevoke-vm}

release=$(cat "$kdir/release")
install -m 0755 "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
install -m 0755 "${init:-$here/guest-init.sh}" "$root/init"
[ -z "$scenario" ] || install -m 0644 "$scenario" "$root/etc/scenario"
install -m 0755 "$holder" "$root/usr/bin/holder"
install -m 0755 "$here/../mk-fixture.sh" "$root/usr/bin/mk-fixture.sh"
cp "$kdir/config" "$root/boot/config-$release"
cp "$kdir/modules/"*.ko "$kdir/modules/"order* "$root/lib/modules/pcirevoke-vm/"
[ -r /usr/share/misc/pci.ids ] && cp -L /usr/share/misc/pci.ids "$root/usr/share/misc/pci.ids"
[ -n "$fixtures" ] && : >"$root/etc/vm-fixtures"

# pcirevoke and the libraries it links, at the paths the loader expects.
copy_with_libs() {
	local bin=$1 dest=$2 lib
	install -m 0755 "$bin" "$root$dest"
	ldd "$bin" | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p' |
	while read -r lib; do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}
# The same for a foreign binary: NEEDED entries resolved in the sysroot.
copy_cross() {
	local bin=$1 dest=$2 interp todo lib d found
	install -m 0755 "$bin" "$root$dest"
	interp=$(readelf -lW "$bin" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
	[ -n "$interp" ] && mkdir -p "$root$(dirname "$interp")" && cp -L "$sysroot$interp" "$root$interp"
	todo=$(readelf -dW "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
	while [ -n "$todo" ]; do
		# shellcheck disable=SC2086 # a list of names
		set -- $todo
		lib=$1
		shift
		todo="$*"
		found=
		for d in lib/"$(cat "$sysroot/triple")" usr/lib/"$(cat "$sysroot/triple")" lib usr/lib; do
			if [ -e "$sysroot/$d/$lib" ]; then found=$d/$lib; break; fi
		done
		[ -n "$found" ] || die "$lib (needed by $bin) not in $sysroot"
		[ -e "$root/$found" ] && continue
		mkdir -p "$root/$(dirname "$found")"
		cp -L "$sysroot/$found" "$root/$found"
		todo="$todo $(readelf -dW "$sysroot/$found" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')"
	done
}
if [ -n "$pcirevoke" ] && [ -x "$pcirevoke" ]; then
	if [ -n "$sysroot" ]; then
		copy_cross "$pcirevoke" /usr/bin/pcirevoke
	else
		copy_with_libs "$pcirevoke" /usr/bin/pcirevoke
	fi
fi

mkdir -p "$(dirname "$out")"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
