#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# /init of the pcirevoke VM guests (busybox sh). Built into the initramfs by
# mkinitramfs.sh; driven and parsed by run-vm-suite.
#
# 1. find the e1000 (8086:100e) and the virtio device (1af4:1044), both
#    without a driver;
# 2. start `pcirevoke watch -J --interval 1` in the background (JSON Lines
#    into the capture watch.jsonl), then one holder per door (sysfs, procfs,
#    devmem on e1000 BAR0; sysfs-wc on the virtio device's prefetchable BAR),
#    plus container and decoy, and the hiding ones (unmount, detach, chroot,
#    fdpass, devmem-node: see holder.c); then a second watch, `--interval 600`
#    (watch-udev.jsonl), that learns of the claim from udev only;
# 3. capture pcirevoke check/audit/list (-J) "before";
# 4. claim the regions: insmod e1000 (and the virtio_pci stack, or bind
#    virtio-pci where it is built in);
# 5. SIGUSR1 every holder: each reports live, revoked or refused;
# 6. capture pcirevoke again "after"; then SIGTERM both watches and record
#    their exit status (NAME.marks: how many event lines each had written at
#    each step, and the uptime);
# 7. print every capture between "=== BEGIN name" and "=== END name rc=N"
#    on the console, then power off.
# With /etc/vm-fixtures present, also capture mk-fixture.sh trees (tar.gz,
# base64) before and after the claim.

/bin/busybox mkdir -p /bin /proc /sys /dev /tmp
/bin/busybox --install -s /bin
export PATH=/bin:/usr/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
exec </dev/console >/dev/console 2>&1
# Keep kernel messages off the console while the captures are printed.
echo 1 >/proc/sys/kernel/printk

OUT=/tmp/out
MOD=/lib/modules/pcirevoke-vm
mkdir -p $OUT
PCIREVOKE=/usr/bin/pcirevoke
DOORS="sysfs procfs devmem sysfs-wc container decoy unmount detach chroot fdpass devmem-node"

echo "=== GUEST START $(uname -r)"

# put NAME: stdin into capture NAME
put() { cat >"$OUT/$1"; }

find_dev() {
	for d in /sys/bus/pci/devices/*; do
		if [ "$(cat "$d/vendor")" = "$1" ] && [ "$(cat "$d/device")" = "$2" ]; then
			basename "$d"
			return 0
		fi
	done
	return 1
}

# First 64-bit prefetchable memory BAR of a device (IORESOURCE_MEM 0x200,
# IORESOURCE_PREFETCH 0x2000, IORESOURCE_MEM_64 0x100000).
prefetch_bar() {
	i=0
	while read -r _start end flags; do
		if [ $((flags & 0x102200)) -eq $((0x102200)) ] && [ $((end)) -ne 0 ]; then
			echo $i
			return 0
		fi
		i=$((i + 1))
	done <"/sys/bus/pci/devices/$1/resource"
	return 1
}

# run NAME CMD...: capture stdout, stderr and exit status of CMD
run() {
	name=$1
	shift
	timeout 120 "$@" >"$OUT/$name.stdout" 2>"$OUT/$name.stderr"
	echo $? >"$OUT/$name.rc"
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
	for n in $DOORS; do
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

E1000=$(find_dev 0x8086 0x100e)
VIRTIO=$(find_dev 0x1af4 0x1044)
VBAR=
[ -n "$VIRTIO" ] && VBAR=$(prefetch_bar "$VIRTIO")
{
	echo "release=$(uname -r)"
	echo "cmdline=$(cat /proc/cmdline)"
	echo "e1000=$E1000"
	echo "virtio=$VIRTIO"
	echo "virtio_bar=$VBAR"
	echo "lockdown=$(cat /sys/kernel/security/lockdown 2>/dev/null)"
} | put info

# A built-in virtio-pci claimed its device at boot: release it, to claim it
# again in step 4 (release does not revoke; the later claim does).
VIRTIO_REBIND=
if [ -n "$VIRTIO" ] && [ -e "/sys/bus/pci/devices/$VIRTIO/driver" ]; then
	VIRTIO_REBIND=$(readlink -f "/sys/bus/pci/devices/$VIRTIO/driver")
	echo "$VIRTIO" >"$VIRTIO_REBIND/unbind"
	# shellcheck disable=SC2320 # the status of that write is the point
	rc=$?
	echo "unbound $VIRTIO from $VIRTIO_REBIND rc=$rc" >>$OUT/steps
fi

# pcirevoke watch -J, two instances, each into capture NAME.jsonl
# with NAME.marks (at each step: event lines written so far, and uptime):
#   watch        --interval 1, started before the holders, which start once
#                it sleeps in poll: their mappings come through the
#                process-events connector (or a rescan);
#   watch-udev   --interval 600, started once the holders have mapped: no
#                rescan happens while it runs, so what the claim did to each
#                mapping can only come from the udev bind events.
# Each runs in a subshell that records its exit status; /tmp/NAME.pid is
# watch's own pid (the inner sh execs it), for SIGTERM.
# tick: wait 0.1 s without starting a process (read times out on a FIFO
# that nobody writes), so that waiting on watch does not feed it process
# events.
mkfifo /tmp/tick
# shellcheck disable=SC3045 # busybox ash's read has -t (fractions too)
tick() { read -r -t 0.1 _ <>/tmp/tick; }

WATCHES=
watch_start() {
	name=$1 interval=$2
	if [ ! -x $PCIREVOKE ]; then
		echo "pcirevoke: not in this initramfs" >"$OUT/$name.jsonl.stderr"
		: >"$OUT/$name.jsonl.stdout"
		echo 127 >"$OUT/$name.jsonl.rc"
		return
	fi
	(
		# shellcheck disable=SC2016 # $$, $0, $1 and $2 belong to the inner sh
		sh -c 'echo $$ >"/tmp/$1.pid"; exec "$0" watch -J --interval "$2"' \
			"$PCIREVOKE" "$name" "$interval" \
			>"$OUT/$name.jsonl.stdout" 2>"$OUT/$name.jsonl.stderr"
		echo $? >"$OUT/$name.jsonl.rc"
	) &
	t=0
	while [ ! -s "/tmp/$name.pid" ] && [ $t -lt 50 ]; do
		tick
		t=$((t + 1))
	done
	WATCHES="$WATCHES $name"
}

watch_lines() { wc -l <"$OUT/$1.jsonl.stdout" 2>/dev/null || echo 0; }

watch_mark() {
	read -r up _ </proc/uptime
	for w in $WATCHES; do
		echo "$1 $(watch_lines "$w") uptime=$up" >>"$OUT/$w.marks"
	done
}

# watch_stop: SIGTERM to every instance, then up to 10 s for each to exit
# (SIGKILL after that, said in its marks).
watch_stop() {
	watch_mark stop
	for w in $WATCHES; do
		kill -TERM "$(cat "/tmp/$w.pid")"
	done
	for w in $WATCHES; do
		t=0
		while [ ! -e "$OUT/$w.jsonl.rc" ] && [ $t -lt 100 ]; do
			sleep 0.1
			t=$((t + 1))
		done
		if [ ! -e "$OUT/$w.jsonl.rc" ]; then
			echo "$w did not exit within 10 s of SIGTERM: SIGKILL" >>"$OUT/$w.marks"
			kill -KILL "$(cat "/tmp/$w.pid")"
			t=0
			while [ ! -e "$OUT/$w.jsonl.rc" ] && [ $t -lt 20 ]; do
				sleep 0.1
				t=$((t + 1))
			done
		fi
	done
	watch_mark exited
}

# watch_wait_idle NAME: wait until watch NAME sleeps in poll (two samples
# 0.1 s apart; 10 s at most): its first scan is done and it listens.
watch_wait_idle() {
	wpid=
	{ read -r wpid <"/tmp/$1.pid"; } 2>/dev/null
	t=0 idle=0
	while [ -n "$wpid" ] && [ $idle -lt 2 ] && [ $t -lt 100 ]; do
		tick
		t=$((t + 1))
		state=
		{ read -r _ _ state _ <"/proc/$wpid/stat"; } 2>/dev/null || break
		if [ "$state" = S ]; then idle=$((idle + 1)); else idle=0; fi
	done
}

# The holders start once watch listens: their mappings come as new processes.
watch_start watch 1
watch_wait_idle watch
watch_mark start

start_holder() {
	name=$1 slot=$2 bar=$3
	if [ -z "$slot" ] || [ -z "$bar" ]; then
		echo "NODEVICE $name" >"/tmp/h.$name"
		return
	fi
	/usr/bin/holder "$name" "$slot" "$bar" >"/tmp/h.$name" 2>&1 &
	echo $! >"/tmp/h.$name.pid"
}

start_holder sysfs "$E1000" 0
start_holder procfs "$E1000" 0
start_holder devmem "$E1000" 0
start_holder container "$E1000" 0
start_holder decoy "$E1000" 0
start_holder sysfs-wc "$VIRTIO" "$VBAR"
# Mappings whose file the process's own namespace no longer shows (or never did).
start_holder unmount "$E1000" 0
start_holder detach "$E1000" 0
start_holder chroot "$E1000" 0
start_holder fdpass "$E1000" 0
start_holder devmem-node "$E1000" 0

# Wait until every holder has mapped (READY) or been refused (REFUSED).
wait_for() {
	pattern=$1
	for n in $DOORS; do
		t=0
		while ! grep -q "$pattern" "/tmp/h.$n" 2>/dev/null && [ $t -lt 100 ]; do
			sleep 0.1
			t=$((t + 1))
		done
	done
}
wait_for '^\(READY\|REFUSED\|ERROR\|NODEVICE\)'
for n in $DOORS; do
	echo "$n pid=$(cat "/tmp/h.$n.pid" 2>/dev/null)"
done | put holders.pids

watch_mark holders
# watch-udev: its first scan reports the holders; it listens before the claim.
watch_start watch-udev 600
watch_wait_idle watch-udev
watch_mark started
pcirevoke_all before
fixture unbound
watch_mark claim

# Claim: load the drivers.
while read -r m; do
	insmod "$MOD/$m.ko"
	echo "insmod $m rc=$?" >>$OUT/steps
done <$MOD/order
if [ -n "$VIRTIO_REBIND" ]; then
	echo "$VIRTIO" >"$VIRTIO_REBIND/bind"
	# shellcheck disable=SC2320 # the status of that write is the point
	rc=$?
	echo "bind $VIRTIO to $VIRTIO_REBIND rc=$rc" >>$OUT/steps
fi
sleep 1
for s in "$E1000" "$VIRTIO"; do
	[ -n "$s" ] && echo "$s driver=$(basename "$(readlink "/sys/bus/pci/devices/$s/driver")")" >>$OUT/steps
done
watch_mark claimed

for n in $DOORS; do
	p=$(cat "/tmp/h.$n.pid" 2>/dev/null)
	[ -n "$p" ] && kill -USR1 "$p"
done
wait_for '^RESULT'
for n in $DOORS; do
	cat "/tmp/h.$n"
done | put holders

watch_mark results
pcirevoke_all after
fixture bound
# watch has seen the binds and rescanned (--interval 1) during the captures.
watch_stop
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
