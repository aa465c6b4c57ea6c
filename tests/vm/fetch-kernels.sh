#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fetch-kernels.sh [CACHE_DIR] [KERNEL...]
#
# Fetch the Debian kernels the VM suites boot, by package name. KERNEL is
#   5.10 | 6.1 | 6.12                  amd64 (linux-image-amd64)
#   ARCH:SERIES                        ARCH one of amd64, ppc64el
#                                      (linux-image-powerpc64le), arm64
#                                      (linux-image-arm64)
# SERIES is the Debian release's kernel: 5.10 bullseye, 6.1 bookworm,
# 6.12 trixie. For each, keep under CACHE_DIR/NAME (NAME = SERIES for amd64,
# ARCH-SERIES otherwise):
#   kernel     the image qemu boots (vmlinuz; vmlinux on ppc64el)
#   vmlinuz    the same file (amd64 only, the name the x86 suite uses)
#   config, release, package, e1000.ko
#   modules/   the modules the guests load, decompressed, with their
#              dependencies, in load order:
#              order       e1000 (and virtio_pci where it is a module)
#              order.vfio  vfio-pci, vfio_iommu_type1 (amd64)
#              order.uio   uio_pci_generic (amd64)
# CACHE_DIR defaults to $PCIREVOKE_VM_CACHE, else /var/cache/pcirevoke-vm as
# root, else ${XDG_CACHE_HOME:-~/.cache}/pcirevoke-vm. Needs no root.
#
# The mirror is read at run time from this system's own apt sources, never
# written here (apt-private.sh). Idempotent: a kernel whose files are all
# present is not fetched again.

set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=apt-private.sh
. "$here/apt-private.sh"

CACHE=${1:-${PCIREVOKE_VM_CACHE:-}}
shift || true
if [ -z "$CACHE" ]; then
	if [ "$(id -u)" = 0 ]; then
		CACHE=/var/cache/pcirevoke-vm
	else
		CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/pcirevoke-vm
	fi
fi
KERNELS=("$@")
[ ${#KERNELS[@]} -gt 0 ] || KERNELS=(5.10 6.1 6.12)

die() { echo "fetch-kernels: error: $*" >&2; exit 1; }
say() { echo "fetch-kernels: $*" >&2; }

suite_of() {
	case $1 in
	5.10) echo bullseye ;;
	6.1) echo bookworm ;;
	6.12) echo trixie ;;
	*) die "unknown kernel series '$1' (known: 5.10 6.1 6.12)" ;;
	esac
}
flavour_of() {
	case $1 in
	amd64) echo amd64 ;;
	ppc64el) echo powerpc64le ;;
	arm64) echo arm64 ;;
	*) die "unknown architecture '$1' (known: amd64 ppc64el arm64)" ;;
	esac
}
# split KERNEL: sets arch, series, name
split() {
	case $1 in
	*:*) arch=${1%%:*} series=${1#*:} ;;
	*) arch=amd64 series=$1 ;;
	esac
	if [ "$arch" = amd64 ]; then name=$series; else name=$arch-$series; fi
	suite_of "$series" >/dev/null
	flavour_of "$arch" >/dev/null
}

complete() {
	local d=$CACHE/$name
	[ -s "$d/kernel" ] && [ -s "$d/e1000.ko" ] && [ -s "$d/release" ] && [ -s "$d/config" ] &&
		[ -s "$d/modules/order" ] || return 1
	if [ "$arch" = amd64 ]; then
		[ -s "$d/vmlinuz" ] && [ -s "$d/modules/order.vfio" ] && [ -s "$d/modules/order.uio" ] || return 1
	fi
}

todo=()
for k in "${KERNELS[@]}"; do
	split "$k"
	if complete; then
		say "$k: cached ($(cat "$CACHE/$name/release"))"
	else
		todo+=("$k")
	fi
done
[ ${#todo[@]} -gt 0 ] || exit 0

mkdir -p "$CACHE" || die "cannot create $CACHE"
exec 9>"$CACHE/.lock"
if command -v flock >/dev/null; then
	flock 9
fi

# add_module MODDIR NAME DEST ORDER: decompress NAME.ko and, before it, the
# modules it depends on into DEST, appending to DEST/ORDER. 1 if NAME is not
# a module.
add_module() {
	local moddir=$1 mname=$2 dest=$3 order=$4 ko file dep
	grep -qx "$mname" "$dest/$order" 2>/dev/null && return 0
	file=$(find "$moddir" -type f \( -name "$mname.ko*" -o -name "$(echo "$mname" | tr _ -).ko*" \) | head -n1)
	[ -n "$file" ] || return 1
	ko=$dest/$mname.ko
	case $file in
	*.xz) xz -dc "$file" >"$ko" ;;
	*.zst) zstd -dcq "$file" >"$ko" ;;
	*.gz) gzip -dc "$file" >"$ko" ;;
	*) cp "$file" "$ko" ;;
	esac
	for dep in $(tr '\0' '\n' <"$ko" | sed -n 's/^depends=//p' | tr , ' '); do
		add_module "$moddir" "$dep" "$dest" "$order" || die "module $mname needs $dep, not found"
	done
	echo "$mname" >>"$dest/$order"
}

work=$(mktemp -d "${TMPDIR:-/tmp}/pcirevoke-fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT

fetch_one() {
	local suite flavour st nosec=
	suite=$(suite_of "$series")
	flavour=$(flavour_of "$arch")
	st=$work/$name
	local pkg
	while :; do
		say "$arch $series: apt-get update ($suite${nosec:-, $suite-security})"
		apt_private_init "$st" "$suite" "$arch" $nosec || die "$arch $series: apt-get update for $suite failed"
		# linux-image-FLAVOUR is a metapackage: its candidate depends on the
		# concrete linux-image-X.Y.Z-N-FLAVOUR (signed or -unsigned).
		pkg=$(apt-cache "${APT_OPT[@]}" depends "linux-image-$flavour" 2>/dev/null |
			sed -n "s/^ *Depends: \(linux-image-[0-9][^ ]*-$flavour\(-unsigned\)\?\)\$/\1/p" | head -n1 || true)
		[ -n "$pkg" ] || { cat "$st/update.log" >&2; die "$arch $series: cannot resolve linux-image-$flavour in $suite"; }
		# The security archive may list a build it does not carry for every
		# architecture, and a mirror may miss the newest file: then the
		# release's own suite, newest build first.
		local cands=$pkg
		if [ -n "$nosec" ]; then
			cands="$pkg $(apt-cache "${APT_OPT[@]}" search --names-only "^linux-image-[0-9].*-$flavour\$" 2>/dev/null |
				cut -d' ' -f1 | grep -vx "$pkg" | sort -rV || true)"
		fi
		for pkg in $cands; do
			say "$arch $series: downloading $pkg"
			rm -rf "$st/deb"
			mkdir -p "$st/deb"
			(cd "$st/deb" && apt_private_get "$pkg") >"$st/download.log" 2>&1 && break 2
			grep -E '^(W|E):' "$st/download.log" >&2 || true
		done
		[ -z "$nosec" ] || die "$arch $series: no linux-image-*-$flavour could be downloaded"
		nosec=nosec
	done
	local deb
	deb=$(find "$st/deb" -name '*.deb' | head -n1)
	[ -n "$deb" ] || die "$arch $series: no .deb after download"
	mkdir -p "$st/x"
	dpkg-deb -x "$deb" "$st/x" || die "$arch $series: dpkg-deb -x $deb failed"

	local image config release moddir
	image=$(find "$st/x" \( -path '*/boot/vmlinuz-*' -o -path '*/boot/vmlinux-*' \) -type f | head -n1)
	config=$(find "$st/x" -path '*/boot/config-*' -type f | head -n1)
	[ -n "$image" ] || die "$arch $series: no /boot/vmlinu[xz]-* in $pkg"
	[ -n "$config" ] || die "$arch $series: no /boot/config-* in $pkg"
	release=${image##*/vmlinu[xz]-}
	moddir=$(find "$st/x" -type d -path "*/lib/modules/$release" | head -n1)
	[ -n "$moddir" ] || die "$arch $series: no lib/modules/$release in $pkg"

	local out=$CACHE/$name tmp=$CACHE/.$name.new
	rm -rf "$tmp"
	mkdir -p "$tmp/modules"
	cp "$image" "$tmp/kernel"
	[ "$arch" != amd64 ] || ln "$tmp/kernel" "$tmp/vmlinuz"
	cp "$config" "$tmp/config"
	# e1000 is the driver whose load revokes; virtio_pci claims the
	# prefetchable BAR of the guest's virtio device (for resourceN_wc) where
	# it is a module. Dependencies first, from each module's depends= tag.
	local m
	for m in e1000 virtio_pci; do
		add_module "$moddir" "$m" "$tmp/modules" order ||
			{ [ "$m" != e1000 ] || die "$arch $series: no e1000 module in $pkg"; }
	done
	if [ "$arch" = amd64 ]; then
		# VFIO (vfio-pci asks for the type1 IOMMU backend with request_module,
		# which a busybox guest cannot serve: load it explicitly) and UIO.
		add_module "$moddir" vfio_iommu_type1 "$tmp/modules" order.vfio || true
		add_module "$moddir" vfio_pci "$tmp/modules" order.vfio || die "$arch $series: no vfio_pci module in $pkg"
		add_module "$moddir" uio_pci_generic "$tmp/modules" order.uio || die "$arch $series: no uio_pci_generic in $pkg"
	fi
	cp "$tmp/modules/e1000.ko" "$tmp/e1000.ko"
	echo "$release" >"$tmp/release"
	basename "$deb" >"$tmp/package"
	rm -rf "$out"
	mv "$tmp" "$out"
	rm -rf "$st"
	say "$arch $series: $release cached in $out"
}

for k in "${todo[@]}"; do
	split "$k"
	fetch_one
done
