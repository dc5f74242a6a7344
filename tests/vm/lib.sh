# shellcheck shell=bash
# Helpers for the VM tests (tests/vm/t-*.sh).  Source it first thing:
#
#   #!/usr/bin/env bash
#   set -euo pipefail
#   # shellcheck source=tests/vm/lib.sh
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# A test passes when it exits 0.  Helpers that check something call fail(),
# which prints the reason and exits 1.  Tests run as root in the guest, in an
# empty working directory under /tmp, with the virtio disks wiped (first MiB)
# and no dm devices left from the previous test.

# The tests write to /dev/vd*: never let one run on a real machine.
if [ "${VMTEST_GUEST:-}" != 1 ] || [ ! -f /etc/vmtest-guest ]; then
	echo "lib.sh: refusing to run outside the vmtest guest (use scripts/vmtest)" >&2
	exit 1
fi

# Report the command that tripped set -e, which otherwise exits silently.
_vm_on_err() { # RC LINE COMMAND
	echo "FAIL: ${0##*/}:$2: '$3' exited $1" >&2
}
set -E
trap '_vm_on_err $? $LINENO "$BASH_COMMAND"' ERR

# fail MSG...: the test fails with MSG.
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# note MSG...: a progress line in the console log.
note() {
	echo "# $*"
}

# assert_eq ACTUAL EXPECTED [WHAT]
assert_eq() {
	[ "$1" = "$2" ] || fail "${3:-value}: expected '$2', got '$1'"
}

# assert_ne ACTUAL UNEXPECTED [WHAT]
assert_ne() {
	[ "$1" != "$2" ] || fail "${3:-value}: must not be '$2'"
}

# assert_match STRING ERE [WHAT]: STRING matches the extended regex ERE.
assert_match() {
	[[ $1 =~ $2 ]] || fail "${3:-value}: '$1' does not match /$2/"
}

# assert_line TEXT ERE [WHAT]: some line of TEXT matches ERE.
assert_line() {
	grep -qE -- "$2" <<<"$1" || fail "${3:-output}: no line matches /$2/ in:
$1"
}

# assert_no_line TEXT ERE [WHAT]: no line of TEXT matches ERE.
assert_no_line() {
	! grep -qE -- "$2" <<<"$1" || fail "${3:-output}: a line matches /$2/ in:
$1"
}

# run CMD...: echo and run CMD; fail if it exits non-zero.  Its output goes
# to the console.
run() {
	echo "+ $*"
	local rc=0
	"$@" || rc=$?
	[ "$rc" -eq 0 ] || fail "'$*' exited $rc"
}

# run_fails CMD...: echo and run CMD; fail if it succeeds.
run_fails() {
	echo "+ $* (must fail)"
	local rc=0
	"$@" || rc=$?
	[ "$rc" -ne 0 ] || fail "'$*' succeeded but should have failed"
}

# vm_disks: the virtio disks, one path per line (/dev/vda, /dev/vdb, ...).
vm_disks() {
	local d
	for d in /dev/vd[a-z]; do
		[ -b "$d" ] && echo "$d"
	done
	return 0
}

# need_disks N: fail unless there are at least N virtio disks.
need_disks() {
	local n
	n=$(vm_disks | wc -l)
	[ "$n" -ge "$1" ] || fail "test needs $1 virtio disks, the guest has $n (VMTEST_DISKS)"
}

# disk I: the I-th virtio disk, from 0 (disk 0 = /dev/vda).
disk() {
	local d
	d=$(vm_disks | sed -n "$(($1 + 1))p")
	[ -n "$d" ] || fail "no virtio disk number $1"
	echo "$d"
}

# disk_sectors DEV: size in 512-byte sectors.
disk_sectors() {
	blockdev --getsz "$1"
}

# wipe DEV [MIB]: zero the first MIB MiB (default 1) of DEV.
wipe() {
	dd if=/dev/zero of="$1" bs=1M count="${2:-1}" conv=fsync 2>/dev/null ||
		fail "cannot wipe $1"
}

# dm_names: the names of all dm devices, one per line, sorted.
dm_names() {
	dmsetup info -c --noheadings -o name 2>/dev/null | grep -v '^No devices found' | sort || true
}

# dm_clean: remove every dm device.
dm_clean() {
	dmsetup remove_all --force >/dev/null 2>&1 || true
	[ -z "$(dm_names)" ] || fail "dm devices left after remove_all: $(dm_names | tr '\n' ' ')"
}

# now: microseconds since the epoch (for timing inside the guest).
now() {
	local t=${EPOCHREALTIME/[.,]/}
	echo "$((10#$t))"
}
