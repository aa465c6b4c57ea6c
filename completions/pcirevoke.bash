# SPDX-License-Identifier: GPL-2.0-or-later
# bash completion for pcirevoke(8). Column names come from `pcirevoke CMD --list-columns`,
# so they are listed in one place only. tests/test-completions.sh holds this file to the
# program's own option table (`pcirevoke [CMD] --help`).

_pcirevoke_columns()
{
	pcirevoke "$1" --list-columns -r -n -o NAME 2>/dev/null
}

_pcirevoke()
{
	local cur prev words cword split
	# -s: "--opt=value" arrives as prev=--opt, cur=value
	_init_completion -s || return

	local commands="list audit check watch help"
	# --color takes its value only as --color=WHEN (argp: optional argument)
	local common="-J --json -r --raw -P --pairs -n --noheadings -o --output --list-columns
		--color= --sysroot= --output-file= -v --verbose -q --quiet -h --help --usage -V --version"
	local select="-s -d --driver="
	local cmd="" i
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		list | audit | check | watch | help)
			cmd=${words[i]}
			break
			;;
		--sysroot | --output-file | -o | --output)
			((i++))
			;;
		esac
	done

	case $prev in
	--sysroot)
		_filedir -d
		return
		;;
	--output-file)
		_filedir
		return
		;;
	--color)
		# only as --color=WHEN; after "--color " comes the command
		if $split; then
			COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
			return
		fi
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
	--door)
		COMPREPLY=($(compgen -W "devmem sysfs procfs legacy vfio uio" -- "$cur"))
		return
		;;
	-d | --interval | --timeout | --count | -j | --jobs)
		return
		;;
	esac
	$split && return

	local opts
	case $cmd in
	"")
		if [[ $cur == -* ]]; then
			opts=$common
		else
			COMPREPLY=($(compgen -W "$commands" -- "$cur"))
			return
		fi
		;;
	help)
		COMPREPLY=($(compgen -W "list audit check watch" -- "$cur"))
		return
		;;
	list) opts="$common $select -a --all -l --list -N --numeric" ;;
	audit) opts="$common $select -p --pid= --all-io --format= --metrics-by-device -j --jobs=" ;;
	check) opts="$common --door= -e --explain --format=" ;;
	watch) opts="$common --interval= --timeout= --count= -j --jobs=" ;;
	esac
	COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	# an option that takes its value after "=": no space after it
	[[ ${COMPREPLY-} == *= ]] && compopt -o nospace 2>/dev/null
}
complete -F _pcirevoke pcirevoke
