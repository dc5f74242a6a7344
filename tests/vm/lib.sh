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
