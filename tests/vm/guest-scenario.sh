#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# /init of the run-vm-doors guests (busybox sh): the I/O BAR, legacy, VFIO
# and UIO doors on ppc64el, arm64 and x86. Built into the initramfs by
# mkinitramfs.sh with the scenario file /etc/scenario (written by
# run-vm-doors), a shell fragment that defines
#   prepare   after the devices are found: load modules, bind drivers
#   holders   start_holder NAME [--nocatch] MODE SLOT BAR, one per door
#   claim     what makes a driver claim the regions
# Steps: find the e1000 (E1000) and a modern virtio-net (VNET); prepare;
# start `pcirevoke watch -J --interval 1`; holders (each reports READY or
# REFUSED); pcirevoke check/audit/list "before"; claim; SIGUSR1 to every
# holder (RESULT live|revoked, per mapping RESULTMAP); holders that died
# are reported as "DIED NAME status=N" (128 + signal); pcirevoke "after";
# SIGTERM watch; print every capture between "=== BEGIN name" and
# "=== END name rc=N", then power off. With /etc/vm-fixtures, capture a
# mk-fixture.sh tree after the claim (fixture-bound).

/bin/busybox mkdir -p /bin /proc /sys /dev /tmp
/bin/busybox --install -s /bin
export PATH=/bin:/usr/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
exec </dev/console >/dev/console 2>&1
echo 1 >/proc/sys/kernel/printk

OUT=/tmp/out
MOD=/lib/modules/pcirevoke-vm
mkdir -p $OUT
PCIREVOKE=/usr/bin/pcirevoke
NAMES=

echo "=== GUEST START $(uname -r)"

put() { cat >"$OUT/$1"; }
step() { echo "$*" >>$OUT/steps; }

find_dev() {
	for d in /sys/bus/pci/devices/*; do
		if [ "$(cat "$d/vendor")" = "$1" ] && [ "$(cat "$d/device")" = "$2" ]; then
			basename "$d"
			return 0
		fi
	done
	return 1
}

run() {
	name=$1
	shift
	timeout 120 "$@" >"$OUT/$name.stdout" 2>"$OUT/$name.stderr"
	echo $? >"$OUT/$name.rc"
}

# load LIST: insmod every module named in $MOD/LIST, in order
load() {
	[ -s "$MOD/$1" ] || return 0
	while read -r m; do
		insmod "$MOD/$m.ko"
		step "insmod $m rc=$?"
	done <"$MOD/$1"
}

# bind SLOT DRIVER: unbind SLOT from its driver, bind it to DRIVER through
# driver_override (an empty DRIVER clears the override and reprobes)
bind() {
	d=/sys/bus/pci/devices/$1
	[ -n "$1" ] || return 0
	if [ -e "$d/driver" ]; then
		echo "$1" >"$d/driver/unbind"
		# shellcheck disable=SC2320 # the status of that write is the point
		step "unbind $1 rc=$?"
	fi
	echo "$2" >"$d/driver_override"
	if [ -n "$2" ]; then
		echo "$1" >"/sys/bus/pci/drivers/$2/bind"
		# shellcheck disable=SC2320 # the status of that write is the point
		step "bind $1 $2 rc=$?"
	else
		echo "$1" >/sys/bus/pci/drivers_probe
		# shellcheck disable=SC2320 # the status of that write is the point
		step "probe $1 rc=$?"
	fi
}

drivers() {
	for s in "$E1000" "$VNET"; do
		[ -n "$s" ] && echo "$s driver=$(basename "$(readlink "/sys/bus/pci/devices/$s/driver")")"
	done
	return 0
}

pcirevoke_all() {
	phase=$1
	for c in check audit list; do
		if [ -x $PCIREVOKE ]; then
			run "$phase.$c.json" $PCIREVOKE $c -J
			run "$phase.$c.txt" $PCIREVOKE $c
		else
			echo "pcirevoke: not in this initramfs" >"$OUT/$phase.$c.json.stderr"
			: >"$OUT/$phase.$c.json.stdout"
			echo 127 >"$OUT/$phase.$c.json.rc"
		fi
	done
	put "$phase.iomem" </proc/iomem
	put "$phase.ioports" </proc/ioports
	drivers | put "$phase.drivers"
	for n in $NAMES; do
		p=$(cat "/tmp/h.$n.pid" 2>/dev/null)
		[ -n "$p" ] && [ -r "/proc/$p/maps" ] && put "$phase.maps.$n" <"/proc/$p/maps"
	done
}

fixture() {
	if [ -e /etc/vm-fixtures ]; then
		rm -rf /tmp/fx
		run "fixture-$1.log" /usr/bin/mk-fixture.sh /tmp/fx
		tar -C /tmp/fx -cf - . | gzip -9 | base64 | put "fixture-$1.tgz.b64"
		rm -rf /tmp/fx
	fi
}

# dead PID: gone, or a zombie (kill -0 still succeeds on those)
dead() {
	st=
	{ read -r _ _ st _ <"/proc/$1/stat"; } 2>/dev/null
	[ -z "$st" ] || [ "$st" = Z ]
}

mkfifo /tmp/tick
# shellcheck disable=SC3045 # busybox ash's read has -t (fractions too)
tick() { read -r -t 0.1 _ <>/tmp/tick; }

# start_holder NAME [--nocatch] MODE SLOT BAR (SLOT empty: NODEVICE)
start_holder() {
	name=$1
	shift
	NAMES="$NAMES $name"
	nc=
	if [ "$1" = --nocatch ]; then nc=$1; shift; fi
	if [ -z "$2" ] || [ -z "$3" ]; then
		echo "NODEVICE $name" >"/tmp/h.$name"
		return
	fi
	# shellcheck disable=SC2086 # $nc is one flag or nothing
	/usr/bin/holder --name "$name" $nc "$@" >"/tmp/h.$name" 2>&1 &
	echo $! >"/tmp/h.$name.pid"
}

# wait_for PATTERN NAME...: until each holder's output matches (10 s each)
wait_for() {
	pattern=$1
	shift
	for n in "$@"; do
		t=0
		while ! grep -q "$pattern" "/tmp/h.$n" 2>/dev/null && [ $t -lt 100 ]; do
			p=$(cat "/tmp/h.$n.pid" 2>/dev/null)
			[ -n "$p" ] && dead "$p" && break
			sleep 0.1
			t=$((t + 1))
		done
	done
}

# reap: holders that died, with their exit status (128 + signal)
reap() {
	for n in $NAMES; do
		p=$(cat "/tmp/h.$n.pid" 2>/dev/null)
		[ -n "$p" ] || continue
		grep -q '^DIED' "/tmp/h.$n" && continue
		if dead "$p"; then
			wait "$p"
			echo "DIED $n status=$?" >>"/tmp/h.$n"
		fi
	done
}

E1000=$(find_dev 0x8086 0x100e)
VNET=$(find_dev 0x1af4 0x1041)
# shellcheck disable=SC1091 # written by run-vm-doors
. /etc/scenario

prepare
{
	echo "release=$(uname -r)"
	echo "cmdline=$(cat /proc/cmdline)"
	echo "pagesize=$(/usr/bin/holder --pagesize)"
	echo "e1000=$E1000"
	echo "vnet=$VNET"
	echo "lockdown=$(cat /sys/kernel/security/lockdown 2>/dev/null)"
	echo "legacy=$(echo /sys/class/pci_bus/*/legacy_*)"
	for s in $E1000 $VNET; do
		echo "resource.$s=$(tr '\n' ';' <"/sys/bus/pci/devices/$s/resource")"
		echo "iommu_group.$s=$(basename "$(readlink "/sys/bus/pci/devices/$s/iommu_group" 2>/dev/null)")"
	done
} | put info
drivers | put prepared.drivers

if [ -x $PCIREVOKE ]; then
	(
		# shellcheck disable=SC2016 # $$ and $0 belong to the inner sh
		sh -c 'echo $$ >/tmp/watch.pid; exec "$0" watch -J --interval 1' "$PCIREVOKE" \
			>"$OUT/watch.jsonl.stdout" 2>"$OUT/watch.jsonl.stderr"
		echo $? >"$OUT/watch.jsonl.rc"
	) &
	t=0
	while [ ! -s /tmp/watch.pid ] && [ $t -lt 50 ]; do tick; t=$((t + 1)); done
	# until watch sleeps in poll (two samples 0.1 s apart, 10 s at most)
	wpid=$(cat /tmp/watch.pid 2>/dev/null)
	t=0 idle=0
	while [ -n "$wpid" ] && [ $idle -lt 2 ] && [ $t -lt 100 ]; do
		tick
		t=$((t + 1))
		state=
		{ read -r _ _ state _ <"/proc/$wpid/stat"; } 2>/dev/null || break
		if [ "$state" = S ]; then idle=$((idle + 1)); else idle=0; fi
	done
else
	echo "pcirevoke: not in this initramfs" >"$OUT/watch.jsonl.stderr"
	: >"$OUT/watch.jsonl.stdout"
	echo 127 >"$OUT/watch.jsonl.rc"
fi

holders
# shellcheck disable=SC2086 # a list of names
wait_for '^\(READY\|REFUSED\|ERROR\|NODEVICE\)' $NAMES
for n in $NAMES; do
	echo "$n pid=$(cat "/tmp/h.$n.pid" 2>/dev/null)"
done | put holders.pids
pcirevoke_all before
read -r up _ </proc/uptime
step "claim uptime=$up"
claim
sleep 1
# the claim may start holders too (vfio)
for n in $NAMES; do
	echo "$n pid=$(cat "/tmp/h.$n.pid" 2>/dev/null)"
done | put holders.pids
read -r up _ </proc/uptime
step "claimed uptime=$up"
reap
for n in $NAMES; do
	p=$(cat "/tmp/h.$n.pid" 2>/dev/null)
	[ -n "$p" ] && ! dead "$p" && kill -USR1 "$p"
done
# shellcheck disable=SC2086 # a list of names
wait_for '^\(RESULT\|DIED\)' $NAMES
reap
for n in $NAMES; do
	cat "/tmp/h.$n"
done | put holders
pcirevoke_all after
fixture bound
if [ -s /tmp/watch.pid ]; then
	kill -TERM "$(cat /tmp/watch.pid)"
	t=0
	while [ ! -e "$OUT/watch.jsonl.rc" ] && [ $t -lt 100 ]; do sleep 0.1; t=$((t + 1)); done
	[ -e "$OUT/watch.jsonl.rc" ] || kill -KILL "$(cat /tmp/watch.pid)"
fi
dmesg | put dmesg

for path in "$OUT"/*; do
	f=${path##*/}
	case $f in *.rc) continue ;; esac
	rc=
	case $f in
	*.stdout) rc=$(cat "$OUT/${f%.stdout}.rc") ;;
	*.stderr) rc=$(cat "$OUT/${f%.stderr}.rc") ;;
	esac
	echo "=== BEGIN $f"
	cat "$OUT/$f"
	[ -n "$(tail -c1 "$OUT/$f")" ] && echo
	echo "=== END $f rc=$rc"
done
echo "=== GUEST DONE"
sync
poweroff -f
