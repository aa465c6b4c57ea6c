#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The completions against the program's own option table. help-options.py reads
# `pcirevoke --help` and `pcirevoke CMD --help` (argp); then, in bash, zsh and fish, every
# option (short and long) must be offered after "pcirevoke [CMD] -", every enumerated
# value after "--opt=" (and after "--opt " when the argument is required; never after
# "--opt " when it is optional, since argp then takes the word as an operand).
# bash: the completion function driven directly; zsh: a real interactive zsh through
# zsh/zpty (zsh-complete.zsh); fish: `complete -C`. Plus a few behaviours (columns,
# commands). Usage: test-completions.sh SRCDIR BINDIR
set -u
src=$1 bin=$2
fail=0
skip() { echo "SKIP: $*"; if [ -n "${CI:-}" ]; then exit 1; fi; exit 77; }
missing() { # a shell that is not installed: skipped locally, a failure in CI
	if [ -n "${CI:-}" ]; then echo "FAIL: $1 missing"; fail=1; else echo "SKIP: $1 missing"; fi
}

[ -r /usr/share/bash-completion/bash_completion ] || skip "bash-completion is not installed"
command -v python3 >/dev/null || skip "python3 is not installed"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PATH=$bin:$PATH
export NO_COLOR=1

if ! python3 "$src/tests/help-options.py" "$bin/pcirevoke" >"$work/table"; then
	echo "FAIL: cannot read the option table from --help"
	exit 1
fi

# Expectations "present|absent<TAB>LINE<TAB>WORD": LINE completed must (not) offer WORD.
: >"$work/expect"
expect() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$work/expect"; }
while read -r cmd opt kind; do
	pre="pcirevoke "
	[ "$cmd" = - ] || pre="pcirevoke $cmd "
	case $kind in
	value)
		o=${opt%%=*} v=${opt#*=}
		expect present "$pre$o=" "$v"
		kinds=$(awk -v c="$cmd" -v o="$o" '$1 == c && $2 == o { print $3 }' "$work/table")
		if [ "$kinds" = required ]; then
			expect present "$pre$o " "$v"
		else
			expect absent "$pre$o " "$v"
		fi
		;;
	*) expect present "$pre-" "$opt" ;;
	esac
done <"$work/table"
# behaviours beyond the table
for w in list audit check watch help; do expect present "pcirevoke " "$w"; done
expect present "pcirevoke --color " list
for w in DEVICE CLAIM DOORS SIZE; do expect present "pcirevoke list -o " "$w"; done
expect present "pcirevoke audit -o " STATE
expect present "pcirevoke list -o DEVICE,CL" "DEVICE,CLAIM"
expect present "pcirevoke check --ex" "--explain"
cut -f2 "$work/expect" | sort -u >"$work/lines"

# Each shell writes "@@ LINE" then the words it offers, one a line (without a trailing
# "=" and, for fish, without the "--opt=" part it repeats).
bash_blocks() {
	(
		# shellcheck disable=SC1091
		. /usr/share/bash-completion/bash_completion
		# shellcheck disable=SC1091
		. "$src/completions/pcirevoke.bash"
		while IFS= read -r line; do
			echo "@@ $line"
			# split as readline does with "=" in COMP_WORDBREAKS
			local_words=()
			read -ra parts <<<"$line"
			[[ $line == *" " ]] && parts+=("")
			for p in "${parts[@]}"; do
				if [[ $p == *=* ]]; then
					local_words+=("${p%%=*}" "=" "${p#*=}")
				else
					local_words+=("$p")
				fi
			done
			COMP_WORDS=("${local_words[@]}")
			COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			COMP_LINE=$line
			COMP_POINT=${#line}
			COMPREPLY=()
			_pcirevoke 2>&1
			printf '%s\n' "${COMPREPLY[@]}"
		done <"$work/lines"
	)
}
fish_blocks() {
	fish -c 'source $argv[1]; for l in (cat $argv[2]); echo "@@ $l"; complete -C"$l"; end' \
		"$src/completions/pcirevoke.fish" "$work/lines" | cut -f1 |
		sed -E 's/^(--[a-z0-9-]+=)(.)/\2/'
}
zsh_blocks() {
	local lines=()
	mapfile -t lines <"$work/lines"
	zsh -f "$src/tests/zsh-complete.zsh" "$src/completions" "$bin" "$work/zsh.out" \
		"${lines[@]}" || return 1
	cat "$work/zsh.out"
}

check_shell() { # NAME BLOCKSFILE
	local name=$1 blocks=$2 bad=0 state line word
	while IFS=$'\t' read -r state line word; do
		# zsh completes a list item on its own (compset -P '*,'): "CLAIM" for "DEVICE,CL"
		if awk -v l="@@ $line" -v w="$word" -v sh="$name" '
			BEGIN { item = w; if (sh == "zsh") sub(/^.*,/, "", item) }
			$0 == l { on = 1; next } /^@@ / { on = 0 }
			on { sub(/=$/, ""); if ($0 == w || $0 == item) found = 1 }
			END { exit !found }' "$blocks"; then
			[ "$state" = present ] && continue
			echo "FAIL ($name): '$line' offers $word (argp would not take it so)"
		else
			[ "$state" = absent ] && continue
			echo "FAIL ($name): '$line' does not offer $word"
		fi
		bad=1
	done <"$work/expect"
	if [ $bad = 0 ]; then
		echo "ok ($name): $(grep -c . "$work/expect") expectations over $(grep -c . "$work/lines") command lines"
	fi
	return $bad
}

bash_blocks >"$work/bash.out"
check_shell bash "$work/bash.out" || fail=1

if command -v zsh >/dev/null; then
	zsh -n "$src/completions/_pcirevoke" && echo "ok: zsh -n" || fail=1
	if zsh_blocks >"$work/zsh.blocks"; then
		check_shell zsh "$work/zsh.blocks" || fail=1
	else
		echo "FAIL (zsh): the completion shell did not answer"
		fail=1
	fi
else
	missing zsh
fi
if command -v fish >/dev/null; then
	fish -n "$src/completions/pcirevoke.fish" && echo "ok: fish -n" || fail=1
	fish_blocks >"$work/fish.blocks"
	check_shell fish "$work/fish.blocks" || fail=1
else
	missing fish
fi
exit $fail
