#!/usr/bin/env bash
# PV and LV handles stay valid across edits, commits and rescans
# (tests/handles.c; under `make asan` with AddressSanitizer).
. "$(dirname "$0")/lib.sh"

setup_loops 4 32M
A=${DEVS[0]} B=${DEVS[1]} C=${DEVS[2]} D=${DEVS[3]}
vg=$(vgname h)
run vol vgcreate "$vg" "$A" "$B" "$C"
run vol pvcreate "$D"
run vol lvcreate -an -L 4M -n l1 "$vg" "$A"
run vol lvcreate -an -L 4M -n l2 "$vg" "$C"
TMPDIR=$T run "$BUILD/tests/handles" "$vg" "$A" "$B" "$C" "$D"
check vg_field "$vg" lv_count 1 "LVs left"
check vg_field "$vg" pv_count 2 "PVs left"
echo "handles: ok"
