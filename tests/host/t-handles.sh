#!/usr/bin/env bash
# PV and LV handles stay valid across edits, commits and rescans
# (tests/handles.c; under `make asan` with AddressSanitizer).
. "$(dirname "$0")/lib.sh"

setup_loops 4 32M
A=${DEVS[0]} B=${DEVS[1]} C=${DEVS[2]} D=${DEVS[3]}
vg=$(vgname h)
vol vgcreate "$vg" "$A" "$B" "$C" >/dev/null
vol pvcreate "$D" >/dev/null
# The LVs come from lvm2 until we create our own.
lvm_ lvcreate -an -Zn -L 4M -n l1 "$vg" "$A" >/dev/null 2>&1 || fail "lvm2 lvcreate l1"
lvm_ lvcreate -an -Zn -L 4M -n l2 "$vg" "$C" >/dev/null 2>&1 || fail "lvm2 lvcreate l2"
TMPDIR=$T "$BUILD/tests/handles" "$vg" "$A" "$B" "$C" "$D" || fail "handles test failed"
assert_eq "$(vg_field "$vg" lv_count)" 1 "LVs left"
assert_eq "$(vg_field "$vg" pv_count)" 2 "PVs left"
echo "handles: ok"
