#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Loads the bash completion in bash and checks what it offers; zsh and fish files must at
# least parse in their shells. Usage: test-completions.sh SRCDIR BINDIR
set -u
src=$1 bin=$2
fail=0
skip() { echo "SKIP: $*"; if [ -n "${CI:-}" ]; then exit 1; fi; exit 77; }

[ -r /usr/share/bash-completion/bash_completion ] || skip "bash-completion is not installed"
# shellcheck disable=SC1091
. /usr/share/bash-completion/bash_completion
# shellcheck disable=SC1091
. "$src/completions/pcirevoke.bash"
PATH=$bin:$PATH

offers() { # offers "expected word" words...
	local want=$1
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="${COMP_WORDS[*]}"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_pcirevoke
	if printf '%s\n' "${COMPREPLY[@]}" | grep -qx -- "$want"; then
		echo "ok: '$*' offers $want"
	else
		echo "FAIL: '$*' does not offer $want (got: ${COMPREPLY[*]})"
		fail=1
	fi
}

for w in list audit check watch help; do offers "$w" pcirevoke ""; done
for w in --pid --all-io --json --output; do offers "$w" pcirevoke audit --; done
for w in DEVICE CLAIM DOORS SIZE; do offers "$w" pcirevoke list -o ""; done
offers "DEVICE,CLAIM" pcirevoke list -o "DEVICE,CL"
offers "--explain" pcirevoke check --ex
offers "never" pcirevoke --color ""

if command -v zsh >/dev/null; then
	zsh -n "$src/completions/_pcirevoke" && echo "ok: zsh -n" || fail=1
elif [ -n "${CI:-}" ]; then echo "FAIL: zsh missing"; fail=1; fi
if command -v fish >/dev/null; then
	fish -n "$src/completions/pcirevoke.fish" && echo "ok: fish -n" || fail=1
elif [ -n "${CI:-}" ]; then echo "FAIL: fish missing"; fail=1; fi
exit $fail
