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
