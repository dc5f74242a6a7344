#!/usr/bin/env bash
# The main job end to end, checked by both tools: pvcreate, vgcreate,
# vgextend, vgreduce, vgremove.
. "$(dirname "$0")/lib.sh"

setup_loops 3
vg=$(vgname)
run vol pvcreate "${DEVS[0]}"
run vol vgcreate "$vg" "${DEVS[0]}" "${DEVS[1]}"
check vg_field "$vg" pv_count 2 "after vgcreate"
check vg_field "$vg" vg_seqno 1 "after vgcreate"
check --lvm vg_field "$vg" pv_count 2
check --lvm vg_field "$vg" vg_uuid "$(get vg_field "$vg" vg_uuid)" "uuid seen by both"

run vol vgextend "$vg" "${DEVS[2]}"
check vg_field "$vg" pv_count 3 "after vgextend"
check vg_field "$vg" vg_seqno 2 "after vgextend"
check pv_field "${DEVS[2]}" pv_in_use used "PV_EXT_USED set by vgextend"

run vol vgreduce "$vg" "${DEVS[2]}"
check vg_field "$vg" pv_count 2 "after vgreduce"
check pv_field "${DEVS[2]}" vg_name "" "reduced PV is an orphan"
check pv_field "${DEVS[2]}" pv_in_use "" "PV_EXT_USED cleared by vgreduce"
run lvm vgck "$vg"

run vol vgremove "$vg"
fail vol vgs "$vg"
check pv_field "${DEVS[0]}" pv_in_use "" "orphaned by vgremove"
echo "smoke: ok"
