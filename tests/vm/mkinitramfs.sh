#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# mkinitramfs.sh --kernel-dir DIR --holder PATH [--pcirevoke PATH] [--fixtures] OUT
#
# Build the guest initramfs (gzip'd newc cpio) for one kernel of the cache
# written by fetch-kernels.sh: busybox-static, /init (guest-init.sh), holder,
# mk-fixture.sh, pcirevoke with every shared library ldd lists (and the
# loader), pci.ids, the kernel's config as /boot/config-RELEASE, and its
# modules under /lib/modules/pcirevoke-vm (load order in "order").
# --fixtures makes the guest capture mk-fixture.sh trees too.
# Without --pcirevoke (or with a path that does not exist) the guest still
# runs the holders and reports that pcirevoke is missing.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
kdir='' holder='' pcirevoke='' fixtures='' out=''
while [ $# -gt 0 ]; do
	case $1 in
	--kernel-dir) kdir=$2; shift 2 ;;
	--holder) holder=$2; shift 2 ;;
	--pcirevoke) pcirevoke=$2; shift 2 ;;
	--fixtures) fixtures=1; shift ;;
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

busybox=
for b in /bin/busybox /usr/bin/busybox; do
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
install -m 0755 "$here/guest-init.sh" "$root/init"
install -m 0755 "$holder" "$root/usr/bin/holder"
install -m 0755 "$here/../mk-fixture.sh" "$root/usr/bin/mk-fixture.sh"
cp "$kdir/config" "$root/boot/config-$release"
cp "$kdir/modules/"*.ko "$kdir/modules/order" "$root/lib/modules/pcirevoke-vm/"
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
if [ -n "$pcirevoke" ] && [ -x "$pcirevoke" ]; then
	copy_with_libs "$pcirevoke" /usr/bin/pcirevoke
fi

mkdir -p "$(dirname "$out")"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
