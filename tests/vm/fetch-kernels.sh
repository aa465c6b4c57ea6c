#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fetch-kernels.sh [CACHE_DIR] [SERIES...]
#
# Fetch the Debian amd64 kernels the VM suite boots, by package name:
#   5.10  Debian 11 bullseye
#   6.1   Debian 12 bookworm
#   6.12  Debian 13 trixie
# For each, keep vmlinuz, its config and the e1000 module (decompressed) under
#   CACHE_DIR/SERIES/{vmlinuz,config,e1000.ko,release,package}
# and under CACHE_DIR/SERIES/modules/ the modules the guest loads (e1000, and
# virtio_pci where it is not built in) with their dependencies, in load order
# in modules/order.
# CACHE_DIR defaults to $PCIREVOKE_VM_CACHE, else /var/cache/pcirevoke-vm, or
# ~/.cache/pcirevoke-vm when that cannot be written.
#
# The mirror is read at run time from this system's own apt sources, never
# written here. Signatures are checked by apt against the system keyrings.
# Idempotent: a series whose files are all present is not fetched again.

set -euo pipefail

CACHE=${1:-${PCIREVOKE_VM_CACHE:-}}
shift || true
if [ -z "$CACHE" ]; then
	CACHE=/var/cache/pcirevoke-vm
	mkdir -p "$CACHE" 2>/dev/null
	if [ ! -w "$CACHE" ] && [ ! -s "$CACHE/6.1/release" ]; then
		CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/pcirevoke-vm
	fi
fi
SERIES=("$@")
[ ${#SERIES[@]} -gt 0 ] || SERIES=(5.10 6.1 6.12)

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

complete() {
	local d=$CACHE/$1
	[ -s "$d/vmlinuz" ] && [ -s "$d/e1000.ko" ] && [ -s "$d/release" ] && [ -s "$d/config" ] &&
		[ -s "$d/modules/order" ]
}

todo=()
for s in "${SERIES[@]}"; do
	suite_of "$s" >/dev/null
	if complete "$s"; then
		say "$s: cached ($(cat "$CACHE/$s/release"))"
	else
		todo+=("$s")
	fi
done
[ ${#todo[@]} -gt 0 ] || exit 0

for tool in apt-get apt-cache dpkg-deb; do
	command -v $tool >/dev/null || die "$tool not found (needs a Debian-family host)"
done

mkdir -p "$CACHE" || die "cannot create $CACHE"
exec 9>"$CACHE/.lock"
if command -v flock >/dev/null; then
	flock 9
fi

# --- Find the mirror URIs in this system's apt configuration ----------------
# deb822 (*.sources) first, then one-line sources.list files.
uris() {
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		sed -n 's/^URIs:[[:space:]]*//p' "$f" | tr -s ' \t' '\n'
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		sed -n 's/^[[:space:]]*deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\).*/\2/p' "$f"
	done
}
all_uris=$(uris | sed '/^$/d; s:/*$::')
main_uri=$(printf '%s\n' "$all_uris" | grep -E '^(https?|file)://.*/debian$' | head -n1 || true)
sec_uri=$(printf '%s\n' "$all_uris" | grep -E '^(https?|file)://.*/debian-security$' | head -n1 || true)
[ -n "$main_uri" ] || die "no Debian archive URI (…/debian) found in /etc/apt/sources.list.d/*.sources or sources.list"
if [ -z "$sec_uri" ]; then
	sec_uri=${main_uri}-security
fi

keyring=/usr/share/keyrings/debian-archive-keyring.gpg
signed_by=
if [ -r "$keyring" ]; then
	signed_by="Signed-By: $keyring"
fi

# add_module MODDIR NAME DEST: decompress NAME.ko and, before it, the modules
# it depends on into DEST, appending to DEST/order. 1 if NAME is not a module.
add_module() {
	local moddir=$1 name=$2 dest=$3 ko file dep
	grep -qx "$name" "$dest/order" 2>/dev/null && return 0
	file=$(find "$moddir" -type f \( -name "$name.ko*" -o -name "$(echo "$name" | tr _ -).ko*" \) | head -n1)
	[ -n "$file" ] || return 1
	ko=$dest/$name.ko
	case $file in
	*.xz) xz -dc "$file" >"$ko" ;;
	*.zst) zstd -dcq "$file" >"$ko" ;;
	*.gz) gzip -dc "$file" >"$ko" ;;
	*) cp "$file" "$ko" ;;
	esac
	for dep in $(tr '\0' '\n' <"$ko" | sed -n 's/^depends=//p' | tr , ' '); do
		add_module "$moddir" "$dep" "$dest" || die "module $name needs $dep, not found"
	done
	echo "$name" >>"$dest/order"
}

work=$(mktemp -d "${TMPDIR:-/tmp}/pcirevoke-fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT

fetch_one() {
	local series=$1 suite st
	suite=$(suite_of "$series")
	st=$work/$suite
	mkdir -p "$st/lists/partial" "$st/cache/archives/partial" "$st/etc" "$st/deb"
	cat >"$st/etc/sources.sources" <<-EOF
	Types: deb
	URIs: $main_uri
	Suites: $suite
	Components: main
	$signed_by

	Types: deb
	URIs: $sec_uri
	Suites: $suite-security
	Components: main
	$signed_by
	EOF
	local -a opt=(
		-o "Dir::Etc::SourceList=/dev/null"
		-o "Dir::Etc::SourceParts=$st/etc"
		-o "Dir::Etc::Preferences=/dev/null"
		-o "Dir::Etc::PreferencesParts=/dev/null"
		-o "Dir::State::Lists=$st/lists"
		-o "Dir::State::status=/dev/null"
		-o "Dir::Cache=$st/cache"
		-o "APT::Architectures=amd64"
		-o "APT::Architecture=amd64"
		-o "Acquire::Languages=none"
		-o "APT::Sandbox::User=root"
		-o "Debug::NoLocking=1"
	)
	say "$series: apt-get update ($suite, $suite-security)"
	if ! apt-get "${opt[@]}" -q update >"$st/update.log" 2>&1; then
		cat "$st/update.log" >&2
		die "$series: apt-get update for $suite failed"
	fi
	# Warnings (an unreachable -security suite, say) are shown, not fatal:
	# what matters is whether the kernel package resolves below.
	grep -E '^(W|E):' "$st/update.log" >&2 || true
	# linux-image-amd64 is a metapackage: its candidate depends on the
	# concrete linux-image-X.Y.Z-N-amd64 (signed or -unsigned).
	local pkg
	pkg=$(apt-cache "${opt[@]}" depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-amd64\(-unsigned\)\?\)$/\1/p' | head -n1 || true)
	[ -n "$pkg" ] || { cat "$st/update.log" >&2; die "$series: cannot resolve linux-image-amd64 in $suite from $main_uri (download failed? see the apt output above)"; }
	say "$series: downloading $pkg"
	if ! (cd "$st/deb" && apt-get "${opt[@]}" -q download "$pkg") >"$st/download.log" 2>&1; then
		cat "$st/download.log" >&2
		die "$series: apt-get download $pkg failed"
	fi
	local deb
	deb=$(find "$st/deb" -name '*.deb' | head -n1)
	[ -n "$deb" ] || die "$series: no .deb after download"
	mkdir -p "$st/x"
	dpkg-deb -x "$deb" "$st/x" || die "$series: dpkg-deb -x $deb failed"

	local vmlinuz config release moddir
	vmlinuz=$(find "$st/x" -path '*/boot/vmlinuz-*' -type f | head -n1)
	config=$(find "$st/x" -path '*/boot/config-*' -type f | head -n1)
	[ -n "$vmlinuz" ] || die "$series: no /boot/vmlinuz-* in $pkg"
	[ -n "$config" ] || die "$series: no /boot/config-* in $pkg"
	release=${vmlinuz##*/vmlinuz-}
	moddir=$(find "$st/x" -type d -path "*/lib/modules/$release" | head -n1)
	[ -n "$moddir" ] || die "$series: no lib/modules/$release in $pkg"

	local out=$CACHE/$series tmp=$CACHE/.$series.new
	rm -rf "$tmp"
	mkdir -p "$tmp/modules"
	cp "$vmlinuz" "$tmp/vmlinuz"
	cp "$config" "$tmp/config"
	# e1000 is the driver whose load revokes; virtio_pci claims the
	# prefetchable BAR of the guest's virtio device (for resourceN_wc) where
	# it is a module. Dependencies first, from each module's depends= tag.
	local m
	for m in e1000 virtio_pci; do
		add_module "$moddir" "$m" "$tmp/modules" ||
			{ [ "$m" != e1000 ] || die "$series: no e1000 module in $pkg"; }
	done
	cp "$tmp/modules/e1000.ko" "$tmp/e1000.ko"
	echo "$release" >"$tmp/release"
	basename "$deb" >"$tmp/package"
	rm -rf "$out"
	mv "$tmp" "$out"
	rm -rf "$st"
	say "$series: $release cached in $out"
}

for s in "${todo[@]}"; do
	fetch_one "$s"
done
