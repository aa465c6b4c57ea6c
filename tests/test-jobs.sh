#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# audit on several threads says exactly what it says on one: for every fixture tree with a
# /proc, `audit`, `audit -J` and `audit --all-io -J` with -j2, -j4 and -j8 give the
# stdout, stderr and exit status of -j1; and on the live system, a scan of a fixed set of
# processes this test starts (and PIDs that do not exist) gives the same with -j1 and -jN.
# test-jobs.sh PROG FIXTURES_DIR
prog=$1 fixtures=$2
tmp=$(mktemp -d) || exit 1
kids=()
cleanup() {
	for k in "${kids[@]}"; do kill "$k" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
fail=0 compared=0

# run NAME ARGS...: stdout, stderr and the exit status into $tmp/NAME
run() {
	local name=$1
	shift
	"$prog" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	echo "exit $?" >>"$tmp/$name.out"
}

# same LABEL ARGS...: -j1 against -j2, -j4, -j8
same() {
	local label=$1
	shift
	run one "$@" -j1
	for j in 2 4 8; do
		run many "$@" -j$j
		compared=$((compared + 1))
		if ! cmp -s "$tmp/one.out" "$tmp/many.out" ||
			! cmp -s "$tmp/one.err" "$tmp/many.err"; then
			echo "FAIL: $label: -j$j differs from -j1"
			diff -u "$tmp/one.out" "$tmp/many.out" | head -20
			diff -u "$tmp/one.err" "$tmp/many.err" | head -20
			fail=1
		fi
	done
}

for tree in "$fixtures"/*/; do
	[ -d "$tree/proc" ] || continue
	name=$(basename "$tree")
	same "$name audit" --sysroot "$tree" audit
	same "$name audit -J" --sysroot "$tree" audit -J
	same "$name audit --all-io -J" --sysroot "$tree" audit --all-io -J
	# explicit PIDs, some missing: the 'missing' list and the warnings keep their order
	pids=$(ls "$tree/proc" | grep -E '^[0-9]+$' | sort -n | tr '\n' ',')
	same "$name audit -p" --sysroot "$tree" audit -J -p "4242,${pids}7,1"
done

# Live: children of this test, which live until it ends, and two PIDs that cannot exist.
if [ -r /proc/self/maps ]; then
	for i in $(seq 1 12); do
		sleep 300 &
		kids+=($!)
	done
	pids=$(
		IFS=,
		echo "${kids[*]},$$"
	)
	same "live audit -J" audit -J -p "2147483001,$pids,2147483002"
	same "live audit --all-io -J" audit --all-io -J -p "$pids"
	# the whole system on several threads: a normal run (0 to 3), never a crash
	"$prog" audit -J -j4 >/dev/null 2>"$tmp/all.err"
	rc=$?
	if [ "$rc" -gt 3 ]; then
		echo "FAIL: live audit -j4 exited $rc"
		cat "$tmp/all.err"
		fail=1
	fi
fi

echo "$compared comparisons"
exit $fail
