#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Renders the man page (mandoc, and groff -man -Tutf8) and runs every command of its
# EXAMPLES section as a reader would paste it, against fixture trees: "pcirevoke" is a
# wrapper that adds --sysroot (list: handmade, audit: audit-doors, check:
# check-debian-5.10-relaxed) and records the exit status; a redirection into a system
# path goes below a scratch directory instead. Fails when an example is not plain ASCII
# (a minus or quote the renderer changed), when one exits 4 (failure) or 64 (usage), or
# when the jq example prints nothing.
# Usage: test-man-examples.sh PROGRAM MANPAGE FIXTURES
set -u
prog=$1 page=$2 fixtures=$3
skip() { echo "SKIP: $*"; if [ -n "${CI:-}" ]; then exit 1; fi; exit 77; }
command -v jq >/dev/null || skip "jq is not installed"
renderers=()
command -v mandoc >/dev/null && renderers+=(mandoc)
command -v groff >/dev/null && renderers+=(groff)
[ ${#renderers[@]} -gt 0 ] || skip "neither mandoc nor groff is installed"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
cat >"$work/bin/pcirevoke" <<WRAP
#!/bin/sh
case " \$* " in
*" list "*) root=$fixtures/handmade ;;
*" audit "*) root=$fixtures/audit-doors ;;
*) root=$fixtures/check-debian-5.10-relaxed ;;
esac
NO_COLOR=1 "$prog" --sysroot "\$root" "\$@"
rc=\$?
echo "\$rc \$*" >>"$work/status"
exit \$rc
WRAP
chmod +x "$work/bin/pcirevoke"

render() {
	case $1 in
	mandoc) MANWIDTH=200 mandoc -Tutf8 -O width=200 "$page" ;;
	groff) groff -man -Tutf8 -rLL=200n -P-cbou "$page" 2>/dev/null ;;
	esac | sed 's/.\x08//g'
}

fail=0
for r in "${renderers[@]}"; do
	# the example commands: the indented lines of EXAMPLES that start with the program
	render "$r" | awk '/^[A-Z]/ { ex = ($0 == "EXAMPLES") } ex && /^ +pcirevoke /' |
		sed 's/^ *//' >"$work/examples.$r"
	n=$(wc -l <"$work/examples.$r")
	if [ "$n" -lt 5 ]; then
		echo "FAIL ($r): found $n example commands in EXAMPLES"
		fail=1
		continue
	fi
	while IFS= read -r cmd; do
		if LC_ALL=C grep -q '[^ -~]' <<<"$cmd"; then
			echo "FAIL ($r): not plain ASCII, cannot be pasted: $cmd"
			fail=1
			continue
		fi
		# a redirection into the system goes below the scratch directory
		run=$(sed -E "s#(> +|--output-file +)/#\1$work/root/#g" <<<"$cmd")
		for f in $(grep -oE "(> +|--output-file +)$work/root/[^ ]+" <<<"$run" |
			sed -E 's/^(> *|--output-file +)//'); do
			mkdir -p "$(dirname "$f")"
		done
		: >"$work/status"
		out=$(PATH=$work/bin:$PATH bash -c "$run" 2>&1)
		rc=$?
		read -r prc _ <"$work/status" || prc=missing
		case $prc in
		0 | 1 | 2 | 3) ;;
		*)
			echo "FAIL ($r): pcirevoke exited $prc: $cmd"
			printf '%s\n' "$out" | head -20
			fail=1
			continue
			;;
		esac
		if [ $rc -ne 0 ] && [[ $cmd == *"| "* ]]; then
			echo "FAIL ($r): the pipeline failed ($rc): $cmd"
			printf '%s\n' "$out" | head -20
			fail=1
			continue
		fi
		if [[ $cmd == *"| jq "* ]] && [ -z "$out" ]; then
			echo "FAIL ($r): the jq example printed nothing: $cmd"
			fail=1
			continue
		fi
		echo "ok ($r, exit $prc): $cmd"
		printf '%s\n' "$out" | head -3 | sed 's/^/    /'
	done <"$work/examples.$r"
done
if [ ${#renderers[@]} -eq 2 ] && ! cmp -s "$work/examples.mandoc" "$work/examples.groff"; then
	echo "FAIL: mandoc and groff render the examples differently:"
	diff "$work/examples.mandoc" "$work/examples.groff"
	fail=1
fi
exit $fail
