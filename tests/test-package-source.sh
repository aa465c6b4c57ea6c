#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The source tarball (package_source) holds exactly the files git tracks, under
# pcirevoke-VERSION/, and two runs from different build directories, a second apart,
# are byte-identical. Skipped outside a git checkout (a build from the tarball itself).
# Usage: test-package-source.sh SRCDIR VERSION
set -eu
src=$1 version=$2
if ! git -C "$src" rev-parse --show-toplevel >/dev/null 2>&1; then
	echo "SKIP: $src is not a git checkout"
	exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for d in one two-longer-name; do
	cmake -S "$src" -B "$work/$d" -DBUILD_TESTING=OFF >/dev/null
	cmake --build "$work/$d" --target package_source >"$work/$d.log" 2>&1 ||
		{ cat "$work/$d.log"; exit 1; }
	sleep 1
done
tarball=pcirevoke-$version.tar.gz
status=0
if cmp "$work/one/$tarball" "$work/two-longer-name/$tarball"; then
	echo "identical: $tarball ($(wc -c <"$work/one/$tarball") bytes)"
else
	echo "DIFFERENT: $tarball"
	status=1
fi
git -C "$src" ls-files | LC_ALL=C sort >"$work/tracked"
tar -tzf "$work/one/$tarball" | grep -v '/$' | sed "s|^pcirevoke-$version/||" |
	LC_ALL=C sort >"$work/packed"
if ! cmp -s "$work/tracked" "$work/packed"; then
	echo "the tarball does not hold exactly the tracked files (-tracked +packed):"
	diff "$work/tracked" "$work/packed" | head -20
	status=1
fi
if tar -tzf "$work/one/$tarball" | grep -v "^pcirevoke-$version/" | head -1 | grep -q .; then
	echo "entries outside pcirevoke-$version/"
	status=1
fi
exit $status
