# SPDX-License-Identifier: GPL-2.0-or-later
# fish completion for pcirevoke(8). tests/test-completions.sh holds this file to the
# program's own option table (`pcirevoke [CMD] --help`).
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

# column names of the current command; COL,COL and +COL lists grow by one
function __pcirevoke_columns
    set -l cmd (__pcirevoke_cmd)
    test -n "$cmd"; or return
    set -l tok (commandline -ct | string replace -r '^(-o|--output=)' '')
    set -l prefix ''
    string match -qr , -- $tok; and set prefix (string match -r '^.*,' -- $tok)
    string match -qr '^\+[^,]*$' -- $tok; and set prefix +
    for col in (pcirevoke $cmd --list-columns -r -n -o NAME 2>/dev/null)
        echo $prefix$col
    end
end

complete -c pcirevoke -f
complete -c pcirevoke -n "not __fish_seen_subcommand_from $commands" -a list -d 'list BARs, claims and doors'
complete -c pcirevoke -n "not __fish_seen_subcommand_from $commands" -a audit -d 'find processes mapping BARs'
complete -c pcirevoke -n "not __fish_seen_subcommand_from $commands" -a check -d 'is revocation active on this kernel?'
complete -c pcirevoke -n "not __fish_seen_subcommand_from $commands" -a watch -d 'follow binds and mappings live'
complete -c pcirevoke -n "not __fish_seen_subcommand_from $commands" -a help -d 'help on a command'
complete -c pcirevoke -n "__fish_seen_subcommand_from help" -a "list audit check watch"

# common options, before or after the command
complete -c pcirevoke -s J -l json -d 'JSON output'
complete -c pcirevoke -s r -l raw -d 'raw output'
complete -c pcirevoke -s P -l pairs -d 'KEY="value" output'
complete -c pcirevoke -s n -l noheadings -d 'no headings'
complete -c pcirevoke -s o -l output -x -a '(__pcirevoke_columns)' -d 'columns'
complete -c pcirevoke -l list-columns -d 'list the columns'
# an optional argument: only as --color=WHEN (no -r)
complete -c pcirevoke -l color -f -a 'auto always never' -d 'colour'
complete -c pcirevoke -l sysroot -x -a '(__fish_complete_directories)' -d 'read a captured tree'
complete -c pcirevoke -l output-file -r -F -d 'write the output to FILE atomically'
complete -c pcirevoke -s v -l verbose -d 'more detail'
complete -c pcirevoke -s q -l quiet -d 'no warnings'
complete -c pcirevoke -s h -l help -d 'help'
complete -c pcirevoke -l usage -d 'short usage message'
complete -c pcirevoke -s V -l version -d 'version'

# device selection (list, audit)
for cmd in list audit
    complete -c pcirevoke -n "__fish_seen_subcommand_from $cmd" -s s -x -a '(pcirevoke list -r -n -l -o DEVICE 2>/dev/null | sort -u)' -d 'slot'
    complete -c pcirevoke -n "__fish_seen_subcommand_from $cmd" -s d -x -d 'vendor:device:class'
    complete -c pcirevoke -n "__fish_seen_subcommand_from $cmd" -l driver -x -a 'none (ls /sys/bus/pci/drivers 2>/dev/null)' -d 'bound driver'
end

complete -c pcirevoke -n "__fish_seen_subcommand_from list" -s a -l all -d 'SR-IOV BARs and bridge windows too'
complete -c pcirevoke -n "__fish_seen_subcommand_from list" -s l -l list -d 'one row per BAR'
complete -c pcirevoke -n "__fish_seen_subcommand_from list" -s N -l numeric -d 'numeric IDs'
complete -c pcirevoke -n "__fish_seen_subcommand_from audit" -s p -l pid -x -a '(__fish_complete_pids)' -d 'processes'
complete -c pcirevoke -n "__fish_seen_subcommand_from audit" -l all-io -d 'also unattributed I/O mappings'
complete -c pcirevoke -n "__fish_seen_subcommand_from audit" -l format -x -a 'text json prometheus' -d 'output format'
complete -c pcirevoke -n "__fish_seen_subcommand_from audit" -l metrics-by-device -d 'with --format prometheus, count per device'
complete -c pcirevoke -n "__fish_seen_subcommand_from check" -l door -x -a 'devmem sysfs procfs legacy vfio uio' -d 'only this door'
complete -c pcirevoke -n "__fish_seen_subcommand_from check" -s e -l explain -d 'what to do about each door'
complete -c pcirevoke -n "__fish_seen_subcommand_from check" -l format -x -a 'text json prometheus' -d 'output format'
complete -c pcirevoke -n "__fish_seen_subcommand_from watch" -l interval -x -d 'rescan every SECONDS'
complete -c pcirevoke -n "__fish_seen_subcommand_from watch" -l timeout -x -d 'stop after SECONDS'
complete -c pcirevoke -n "__fish_seen_subcommand_from watch" -l count -x -d 'stop after N events'
complete -c pcirevoke -n "__fish_seen_subcommand_from audit watch" -s j -l jobs -x -d 'scan on N threads'
