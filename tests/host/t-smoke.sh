#!/usr/bin/env bash
# The main job end to end, checked by both tools: pvcreate, vgcreate,
# vgextend, vgreduce, vgremove.
. "$(dirname "$0")/lib.sh"

setup_loops 3
vg=$(vgname)
vol pvcreate "${DEVS[0]}"
vol vgcreate "$vg" "${DEVS[0]}" "${DEVS[1]}"
assert_eq "$(vg_field "$vg" pv_count)" 2 "pv_count after vgcreate"
assert_eq "$(vg_field "$vg" vg_seqno)" 1 "seqno after vgcreate"
assert_eq "$(lvm_vg_field "$vg" pv_count)" 2 "lvm2 pv_count"
assert_eq "$(lvm_vg_field "$vg" vg_uuid)" "$(vg_field "$vg" vg_uuid)" "uuid seen by both"

vol vgextend "$vg" "${DEVS[2]}"
assert_eq "$(vg_field "$vg" pv_count)" 3 "pv_count after vgextend"
assert_eq "$(vg_field "$vg" vg_seqno)" 2 "seqno after vgextend"
assert_eq "$(pv_field "${DEVS[2]}" pv_in_use)" used "PV_EXT_USED set by vgextend"

vol vgreduce "$vg" "${DEVS[2]}"
assert_eq "$(vg_field "$vg" pv_count)" 2 "pv_count after vgreduce"
assert_eq "$(pv_field "${DEVS[2]}" vg_name)" "" "reduced PV is an orphan"
assert_eq "$(pv_field "${DEVS[2]}" pv_in_use)" "" "PV_EXT_USED cleared by vgreduce"
lvm_ vgck "$vg"

vol vgremove "$vg"
assert_rc 5 vol vgs "$vg"
assert_eq "$(pv_field "${DEVS[0]}" pv_in_use)" "" "orphaned by vgremove"
echo "smoke: ok"
