# SPDX-License-Identifier: GPL-2.0-or-later
# fish completion for pcirevoke(8)
set -l commands list audit check watch help

function __pcirevoke_cmd
    set -l tokens (commandline -opc)
    for t in $tokens[2..-1]
        if contains -- $t list audit check watch help
            echo $t
            return
        end
    end
end

function __pcirevoke_columns
    set -l cmd (__pcirevoke_cmd)
    test -n "$cmd"; and pcirevoke $cmd --list-columns -r -n -o NAME 2>/dev/null
end

complete -c pcirevoke -f
complete -c pcirevoke -n "not __fish_seen_subcommand_from $commands" -a list -d 'list BARs, claims and doors'
complete -c pcirevoke -n "not __fish_seen_subcommand_from $commands" -a audit -d 'find processes mapping BARs'
complete -c pcirevoke -n "not __fish_seen_subcommand_from $commands" -a check -d 'is revocation active on this kernel?'
complete -c pcirevoke -n "not __fish_seen_subcommand_from $commands" -a watch -d 'follow binds and mappings live'
complete -c pcirevoke -n "not __fish_seen_subcommand_from $commands" -a help -d 'help on a command'
complete -c pcirevoke -n "__fish_seen_subcommand_from help" -a "list audit check watch"

complete -c pcirevoke -s J -l json -d 'JSON output'
complete -c pcirevoke -s r -l raw -d 'raw output'
complete -c pcirevoke -s P -l pairs -d 'KEY="value" output'
complete -c pcirevoke -s n -l noheadings -d 'no headings'
complete -c pcirevoke -s o -l output -x -a '(__pcirevoke_columns)' -d 'columns'
complete -c pcirevoke -l list-columns -d 'list the columns'
complete -c pcirevoke -l color -x -a 'auto always never' -d 'colour'
complete -c pcirevoke -l sysroot -x -a '(__fish_complete_directories)' -d 'read a captured tree'
complete -c pcirevoke -s v -l verbose -d 'more detail'
complete -c pcirevoke -s q -l quiet -d 'no warnings'

complete -c pcirevoke -n "__fish_seen_subcommand_from list" -s s -x -a '(pcirevoke list -r -n -l -o DEVICE 2>/dev/null | sort -u)' -d 'slot'
complete -c pcirevoke -n "__fish_seen_subcommand_from list" -s d -x -d 'vendor:device:class'
complete -c pcirevoke -n "__fish_seen_subcommand_from list" -l driver -x -a 'none (ls /sys/bus/pci/drivers 2>/dev/null)' -d 'bound driver'
complete -c pcirevoke -n "__fish_seen_subcommand_from list" -s a -l all -d 'SR-IOV BARs and bridge windows too'
complete -c pcirevoke -n "__fish_seen_subcommand_from list" -s l -l list -d 'one row per BAR'
complete -c pcirevoke -n "__fish_seen_subcommand_from list" -s N -l numeric -d 'numeric IDs'
complete -c pcirevoke -n "__fish_seen_subcommand_from audit" -s p -l pid -x -a '(__fish_complete_pids)' -d 'processes'
complete -c pcirevoke -n "__fish_seen_subcommand_from audit" -l all-io -d 'also unattributed I/O mappings'
complete -c pcirevoke -n "__fish_seen_subcommand_from check" -l explain -d 'what to do about each door'
complete -c pcirevoke -n "__fish_seen_subcommand_from check" -l format -x -a 'text json prometheus' -d 'output format'
complete -c pcirevoke -n "__fish_seen_subcommand_from watch" -l interval -x -d 'rescan every SECONDS'
complete -c pcirevoke -n "__fish_seen_subcommand_from watch" -l timeout -x -d 'stop after SECONDS'
complete -c pcirevoke -n "__fish_seen_subcommand_from watch" -l count -x -d 'stop after N events'
