# shellcheck shell=bash
# Helpers for the VM tests (tests/vm/t-*.sh).  Source it first thing:
#
#   #!/usr/bin/env bash
#   set -euo pipefail
#   # shellcheck source=tests/vm/lib.sh
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# A test passes when it exits 0 and no check failed (see tests/lib/common.sh:
# a check that fails calls die, which prints the reason, records it and exits
# 1).  Tests run as root in the guest, in an empty working directory under
# /tmp, with the virtio disks wiped (first MiB) and no dm devices left from
# the previous test.

# The tests write to /dev/vd*: never let one run on a real machine.
if [ "${VMTEST_GUEST:-}" != 1 ] || [ ! -f /etc/vmtest-guest ]; then
	echo "lib.sh: refusing to run outside the vmtest guest (use scripts/vmtest)" >&2
	exit 1
fi

# The harness (die, run, fail, not, check, get, soft, ...) is shared with the
# host tier: tests/lib/common.sh, copied to /vmtest/common.sh by scripts/vmtest.
# Here: our tool is "volume", lvm2 the real thing, and runners echo commands.
T=$(mktemp -d /tmp/vmtest-harness.XXXXXX)
HARNESS_TRACE=1
vol() { volume "$@"; }
# shellcheck source=tests/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
_vm_exit() {
	local rc=$?
	trap - ERR
	exit "$(harness_verdict "$rc")"
}
trap _vm_exit EXIT

# vm_disks: the virtio disks, one path per line (/dev/vda, /dev/vdb, ...).
vm_disks() {
	local d
	for d in /dev/vd[a-z]; do
		[ -b "$d" ] && echo "$d"
	done
	return 0
}

# need_disks N: die unless there are at least N virtio disks.
need_disks() {
	local n
	n=$(vm_disks | wc -l)
	[ "$n" -ge "$1" ] || die "test needs $1 virtio disks, the guest has $n (VMTEST_DISKS)"
}

# disk I: the I-th virtio disk, from 0 (disk 0 = /dev/vda).
disk() {
	local d
	d=$(vm_disks | sed -n "$(($1 + 1))p")
	[ -n "$d" ] || die "no virtio disk number $1"
	echo "$d"
}

# disk_sectors DEV: size in 512-byte sectors.
disk_sectors() {
	blockdev --getsz "$1"
}

# wipe DEV [MIB]: zero the first MIB MiB (default 1) of DEV.
wipe() {
	dd if=/dev/zero of="$1" bs=1M count="${2:-1}" conv=fsync 2>/dev/null ||
		die "cannot wipe $1"
}

# dm_names: the names of all dm devices, one per line, sorted.  Dies if
# dmsetup fails (an empty list must mean no devices, not no answer).
dm_names() {
	local names
	names=$(dmsetup info -c --noheadings -o name 2>"$T/dm.err") ||
		die "dmsetup info failed: $(cat "$T/dm.err")"
	{ grep -v '^No devices found' || [ $? -eq 1 ]; } <<<"$names" | sort
}

# dev_name MAJ:MIN: the name of that block device, its dm name or its kernel name.
dev_name() {
	local s=/sys/dev/block/$1
	if [ -e "$s/dm/name" ]; then cat "$s/dm/name"; else basename "$(readlink -f "$s")"; fi
}

# dm_tables: every dm device's table, device numbers given as names (they
# differ between activations), in dm_names order.
dm_tables() {
	local name line word out
	for name in $(dm_names); do
		line=$(dmsetup table "$name")
		out=
		for word in $line; do
			if [[ $word =~ ^[0-9]+:[0-9]+$ ]]; then out+=" <$(dev_name "$word")>"; else out+=" $word"; fi
		done
		echo "$name:$out"
	done
}

# dm_clean: remove every dm device.
dm_clean() {
	dmsetup remove_all --force >/dev/null 2>&1 || true
	[ -z "$(dm_names)" ] || die "dm devices left after remove_all: $(dm_names | tr '\n' ' ')"
}

# now: microseconds since the epoch (for timing inside the guest).
now() {
	local t=${EPOCHREALTIME/[.,]/}
	echo "$((10#$t))"
}

# vol_hooks CMD ARGS...: the tests' build of our tool (make's build/tests/volume),
# with the fault hooks: VOLUME_CRASH_AT=list prints the crash points of a
# command, VOLUME_CRASH_AT=step:k ends it there with exit 99, and
# VOLUME_STOP_AT=step:k stops it there (SIGSTOP) until a SIGCONT.
VOL_HOOKS=/usr/libexec/volume-hooks/volume
vol_hooks() {
	[ -x "$VOL_HOOKS" ] || die "$VOL_HOOKS is not in the guest (make vm builds build/tests/volume)"
	"$VOL_HOOKS" "$@"
}

# wait_stopped PID: wait (up to 30 s) until process PID is stopped (SIGSTOP).
wait_stopped() {
	local i st
	for ((i = 0; i < 300; i++)); do
		st=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || die "process $1 ended before it stopped"
		[ "$st" != T ] || return 0
		sleep 0.1
	done
	die "process $1 did not stop within 30 s"
}

# PV layers, for fault injection: a PV on a dm-linear device over a disk,
# whose table a test swaps for error, flakey or delay and back.  Both tools
# must see only the layers (--devices), not the disks under them.
# layer_create NAME DEV: /dev/mapper/NAME, linear over all of DEV.
layer_create() {
	dmsetup create "$1" --table "0 $(disk_sectors "$2") linear $2 0" ||
		die "cannot create the layer $1 over $2"
	echo "0 $(disk_sectors "$2") linear $2 0" >"$T/layer.$1"
}
# layer_swap NAME TABLE: NAME's table is now TABLE ("error", or a full line:
# "0 SECTORS flakey DEV 0 0 3600 1 error_writes"); "error" alone covers it all.
layer_swap() {
	local t=$2 len
	len=$(awk '{ print $2 }' "$T/layer.$1")
	[ "$t" != error ] || t="0 $len error"
	{ dmsetup suspend "$1" && dmsetup load "$1" --table "$t" && dmsetup resume "$1"; } ||
		die "cannot swap the table of $1 for: $t"
}
# layer_restore NAME: NAME is linear over its disk again.
layer_restore() {
	layer_swap "$1" "$(cat "$T/layer.$1")"
}

# Components (t-components.sh, t-devfile.sh): md arrays, multipath maps and
# partitions over the disks.
# one_partition DEV: an MBR with one partition of type 8e (LVM) from sector
# 2048 to the end of DEV; waits for DEV1 and sets PSIZE to its sectors.
one_partition() {
	local dev=$1
	le32() {
		printf '\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255))
	}
	PSIZE=$(($(disk_sectors "$dev") - 2048))
	{
		head -c 446 /dev/zero
		printf '\x00\x00\x00\x00\x8e\x00\x00\x00'
		printf '%b' "$(le32 2048)$(le32 "$PSIZE")"
		head -c 48 /dev/zero
		printf '\x55\xaa'
	} >"$T/mbr"
	dd if="$T/mbr" of="$dev" bs=512 count=1 conv=fsync status=none
	run blockdev --rereadpt "$dev"
	for _ in $(seq 20); do
		[ -b "${dev}1" ] && break
		sleep 0.1
	done
	[ -b "${dev}1" ] || die "no ${dev}1 after writing a partition table"
}
# mpath_create NAME UUID DEV: a one-path multipath map NAME over all of DEV.
mpath_create() {
	run dmsetup create "$1" --uuid "$2" \
		--table "0 $(disk_sectors "$3") multipath 0 0 1 1 round-robin 0 1 1 $3 1000"
}
# components_reset DEV...: for a test's EXIT trap.  The guest runner zeroes
# only the first MiB of every disk: md superblocks at the end would outlive
# the test, and so would the kernel's idea of a partition.  Removes every dm
# device, stops every md array, zeroes the md superblocks of the DEVs and
# drops the partitions of those that have some.
components_reset() {
	local m
	dmsetup remove_all --force >/dev/null 2>&1 || true
	for m in /dev/md[0-9]*; do
		if [ -b "$m" ]; then
			mdadm --stop "$m" >/dev/null 2>&1 || true
		fi
	done
	mdadm --zero-superblock "$@" >/dev/null 2>&1 || true
	for m in "$@"; do
		if [ -e "/sys/class/block/${m#/dev/}1" ]; then
			dd if=/dev/zero of="$m" bs=512 count=1 conv=fsync status=none || true
			blockdev --rereadpt "$m" || true
		fi
	done
}

# Benchmarks (bench-*.sh, not tests): timings in microseconds.
# timed CMD...: runs CMD quietly (it must succeed); its wall time in $US.
timed() {
	local t0 t1
	t0=$(now)
	"$@" >"$T/timed.out" 2>&1 || { cat "$T/timed.out"; die "failed: $*"; }
	t1=$(now)
	# shellcheck disable=SC2034	# the bench reads it
	US=$((t1 - t0))
}
# median: of the numbers on stdin, one a line.
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# minmax DIV DIGITS: "LO-HI" of the numbers on stdin, divided by DIV, with DIGITS decimals.
minmax() { sort -n | awk -v d="$1" -v f="%.$2f-%.$2f" 'NR == 1 { lo = $1 } { hi = $1 } END { printf f, lo / d, hi / d }'; }
# ratio A B: A/B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# Two-boot tests ("# vmtest: two-boot" among the first lines of the test):
# scripts/vmtest boots the guest twice on the same disk images and runs the
# test in each boot, with VMTEST_BOOT=1, then 2.  Boot 1 must end in
# vm_kill; boot 2 is a normal run.  See README.md.
# boot: 1 or 2 (dies outside a two-boot run).
boot() {
	case ${VMTEST_BOOT:-0} in
	1 | 2) echo "$VMTEST_BOOT" ;;
	*) die "$(basename "$0") is a two-boot test: scripts/vmtest runs it (VMTEST_BOOT is '${VMTEST_BOOT:-}')" ;;
	esac
}
# vm_kill: ends boot 1 at once, as a power cut would: no sync, no unmount,
# no deactivation (sysrq b).  Refused when a check failed already: the test
# then fails in boot 1.
vm_kill() {
	[ "$(boot)" = 1 ] || die "vm_kill in boot $(boot): only boot 1 ends that way"
	if [ -s "$HARNESS_FAILURES" ]; then
		die "boot 1 had failures: no kill, no boot 2"
	fi
	echo "VMTEST KILL $(basename "$0")"
	sleep 1	# the line reaches the console before the reset
	echo b >/proc/sysrq-trigger
	sleep 30
	die "the VM still runs 30 s after sysrq b"
}
