#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Build the same tree twice in different directories (with Debian-style hardening flags
# when dpkg-buildflags exists) and require byte-identical program and man page.
set -eu
src=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if command -v dpkg-buildflags >/dev/null; then
	export CFLAGS="$(dpkg-buildflags --get CFLAGS)" CPPFLAGS="$(dpkg-buildflags --get CPPFLAGS)"
	export LDFLAGS="$(dpkg-buildflags --get LDFLAGS)"
fi
export SOURCE_DATE_EPOCH=1700000000
for d in one two-longer-name; do
	cmake -S "$src" -B "$work/$d" -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		>/dev/null
	cmake --build "$work/$d" -j2 >/dev/null
done
status=0
for f in src/pcirevoke man/pcirevoke.8; do
	if cmp "$work/one/$f" "$work/two-longer-name/$f"; then
		echo "identical: $f"
	else
		echo "DIFFERENT: $f"
		status=1
	fi
done
if grep -q "$work" "$work/one/src/pcirevoke"; then
	echo "the build directory is embedded in the program"
	status=1
fi
exit $status
