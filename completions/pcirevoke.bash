# SPDX-License-Identifier: GPL-2.0-or-later
# bash completion for pcirevoke(8). Column names come from `pcirevoke CMD --list-columns`,
# so they are listed in one place only.

_pcirevoke_columns()
{
	pcirevoke "$1" --list-columns -r -n -o NAME 2>/dev/null
}

_pcirevoke()
{
	local cur prev words cword
	_init_completion || return

	local commands="list audit check watch help"
	local common="--json --raw --pairs --noheadings --output --list-columns --color
		--sysroot --verbose --quiet --help --version"
	local cmd="" i
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		list | audit | check | watch | help)
			cmd=${words[i]}
			break
			;;
		--sysroot | -o | --output | --color)
			((i++))
			;;
		esac
	done

	case $prev in
	--sysroot)
		_filedir -d
		return
		;;
	--color)
		COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
		return
		;;
	-o | --output)
		[ -n "$cmd" ] || return
		local prefix="" list=${cur##*,}
		[[ $cur == *,* ]] && prefix=${cur%,*},
		[[ $cur == +* ]] && [[ $cur != *,* ]] && prefix=+ && list=${cur#+}
		COMPREPLY=($(compgen -P "$prefix" -W "$(_pcirevoke_columns "$cmd")" -- "$list"))
		compopt -o nospace 2>/dev/null
		return
		;;
	-s)
		COMPREPLY=($(compgen -W "$(pcirevoke list -r -n -l -o DEVICE 2>/dev/null | sort -u)" -- "$cur"))
		return
		;;
	-p | --pid)
		local prefix="" last=${cur##*,}
		[[ $cur == *,* ]] && prefix=${cur%,*},
		COMPREPLY=($(compgen -P "$prefix" -W "$(cd /proc && printf '%s\n' [0-9]*)" -- "$last"))
		return
		;;
	--driver)
		COMPREPLY=($(compgen -W "none $(ls /sys/bus/pci/drivers 2>/dev/null)" -- "$cur"))
		return
		;;
	--format)
		COMPREPLY=($(compgen -W "text json prometheus" -- "$cur"))
		return
		;;
	-d | --interval | --timeout | --count)
		return
		;;
	esac

	case $cmd in
	"")
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$common" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		fi
		;;
	help)
		COMPREPLY=($(compgen -W "list audit check watch" -- "$cur"))
		;;
	list)
		COMPREPLY=($(compgen -W "$common -s -d --driver --all --list --numeric" -- "$cur"))
		;;
	audit)
		COMPREPLY=($(compgen -W "$common --pid --all-io" -- "$cur"))
		;;
	check)
		COMPREPLY=($(compgen -W "$common --explain --format" -- "$cur"))
		;;
	watch)
		COMPREPLY=($(compgen -W "$common --interval --timeout --count" -- "$cur"))
		;;
	esac
}
complete -F _pcirevoke pcirevoke
