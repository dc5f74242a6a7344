#!/usr/bin/env bash
# Races between a command's scan and its lock: a pvresize that scanned the
# PV as a member must not write into the VG after a vgreduce took the PV
# out while pvresize waited for the VG lock.  The test holds the VG lock,
# starts pvresize (which scans, then waits), lets lvm2 remove the PV under
# --nolocking, and releases the lock: pvresize must fail cleanly (exit 5),
# and the VG must be exactly what lvm2 left.
. "$(dirname "$0")/lib.sh"

setup_loops 2 32M
A=${DEVS[0]} B=${DEVS[1]}
vg=$(vgname r)
run vol vgcreate "$vg" "$A" "$B"
mkdir -p /run/lock/lvm

# waiters_on FILE: how many processes wait for a lock on FILE (/proc/locks "->" lines).
waiters_on() {
	local ino
	ino=$(stat -c %i "$1")
	grep -c -- "->.*:$ino " /proc/locks || true
}

lockfile=/run/lock/lvm/V_$vg
exec {lockfd}>>"$lockfile"
flock -x "$lockfd"
vol pvresize -y --setphysicalvolumesize 24M "$B" >"$T/resize.out" 2>&1 &
resizer=$!
for _ in $(seq 200); do
	[ "$(waiters_on "$lockfile")" -ge 1 ] && break
	sleep 0.05
done
[ "$(waiters_on "$lockfile")" -ge 1 ] || die "pvresize never waited for the VG lock"
run lvm vgreduce --nolocking "$vg" "$B"
before=$(fingerprint)
flock -u "$lockfd"
exec {lockfd}>&-
rc=0
wait "$resizer" || rc=$?
cat "$T/resize.out"
assert_eq "$rc" 5 "pvresize of a PV that left the VG meanwhile"
assert_has "$(cat "$T/resize.out")" "left VG $vg" "pvresize says the PV left the VG"
assert_eq "$(fingerprint)" "$before" "devices changed by the refused pvresize"
check vg_field "$vg" pv_count 1 "the VG has the one PV lvm2 left"
check vgck_clean "$vg"
run vol vgremove -f "$vg"
echo "race: ok"
