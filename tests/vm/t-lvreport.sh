#!/usr/bin/env bash
# lvs, lvdisplay and lvscan against lvm2's, byte for byte, on active LVs
# (activated by either tool, one held open, one inactive, one suspended, one
# active read-only) and on a raid1 LV and its hidden legs: the kernel's part
# of lv_attr, lv_active, the kernel's device numbers and read-ahead, LV
# Status, # open and Block device.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_disks 3
a=$(disk 0) b=$(disk 1) c=$(disk 2)

run vol pvcreate -q "$a" "$b" "$c"
run vol vgcreate -q vr "$a" "$b" "$c"
run vol lvcreate -q -an -L 8M -n lin vr "$a"
run lvm lvcreate -q -an -Zn -l 2 -n span vr "$a:10-10" "$b:20-20"
run vol lvcreate -q -an -i 2 -L 16M -n str vr "$b" "$c"
run lvm lvcreate -q -an -Zn -L 4M -p r -n ro vr "$a"
run vol lvcreate -q -an -L 4M --addtag tagA -n tagged vr "$a"
run lvm lvcreate -q -an -Zn -L 4M -n my-lv vr "$b"
run vol lvcreate -q -an -L 4M -n off vr "$c"

# Each tool activates some; "off" stays inactive; "tagged" is held open.
for lv in lin span ro; do run vol lvchange -ay "vr/$lv"; done
for lv in str tagged my-lv; do run lvm lvchange -ay "vr/$lv"; done
sleep 600 </dev/vr/tagged &
holder=$!
trap 'kill $holder 2>/dev/null || true; _vm_exit' EXIT

# same CMD ARGS...: our stdout and exit code are lvm2's, byte for byte.
same() {
	local rca=0 rcb=0
	vol "$@" </dev/null >"$T/ours.out" 2>"$T/ours.err" || rca=$?
	lvm "$@" </dev/null >"$T/lvm.out" 2>"$T/lvm.err" || rcb=$?
	assert_eq "$rca" "$rcb" "exit code of $*"
	cmp -s "$T/ours.out" "$T/lvm.out" || die "$* differs from lvm2's:
--- lvm2
+++ ours
$(diff "$T/lvm.out" "$T/ours.out" | sed -n 's/ /·/g; 1,40p')"
}

# The states are there to be shown: active, open, read-only, inactive.
check lv_field vr/tagged lv_attr -wi-ao----
check lv_field vr/ro lv_attr -ri-a-----
check lv_field vr/off lv_attr -wi-------
check --lvm lv_field vr/str lv_attr -wi-a-----
run vol lvs -o lv_name,lv_attr,lv_active,lv_kernel_major,lv_kernel_minor,lv_kernel_read_ahead
out

soft same lvs
soft same lvs -a
soft same lvs -o lv_attr,lv_active,lv_kernel_major,lv_kernel_minor
soft same lvs -o lv_name,lv_attr,lv_active,lv_kernel_major,lv_kernel_minor,lv_kernel_read_ahead,lv_permissions
soft same lvs -o lv_name,lv_suspended,lv_live_table,lv_inactive_table,lv_device_open,lv_active_locally,lv_active_exclusively
soft same lvs -o lv_all
soft same lvs --reportformat json -o lv_name,lv_attr,lv_active
soft same lvs -v
soft same lvs -S lv_active=active
soft same lvdisplay
soft same lvdisplay -m
soft same lvdisplay -c
soft same lvdisplay vr/tagged
soft same lvscan

kill $holder
wait $holder 2>/dev/null || true

# A suspended device, and a writeable LV activated read-only by lvm2.
run dmsetup suspend vr-lin
run lvm lvchange -an vr/my-lv
run lvm lvchange --config 'activation{read_only_volume_list=["vr/my-lv"]}' -ay vr/my-lv
check lv_field vr/lin lv_attr -wi-s-----
check lv_field vr/my-lv lv_attr -Ri-a-----
soft same lvs -o lv_name,lv_attr,lv_suspended,lv_permissions,lv_live_table
soft same lvdisplay vr/lin vr/my-lv
soft same lvdisplay -c
run dmsetup resume vr-lin

# A raid1 LV made by lvm2 and its hidden legs, inactive and active (the
# comparisons of the active one wait until the legs are in sync, so that
# both reports see the same kernel state; t-raid1.sh compares them while
# they sync).
run lvm lvcreate -q -an -Zn --type raid1 -m 1 -L 8M -n r1 vr "$b" "$c"
raid_fields=lv_name,lv_attr,lv_active,lv_layout,lv_role,lv_parent,lv_health_status,devices,seg_pe_ranges
raid_fields+=,seg_le_ranges,metadata_devices,seg_metadata_le_ranges,data_copies,region_size
soft same lvs -a
soft same lvs -a --segments
soft same lvs -a -o $raid_fields
soft same lvdisplay -a -m
run lvm lvchange -ay vr/r1
for ((i = 0; i < 120; i++)); do
	[ "$(lvm lvs --noheadings -o copy_percent vr/r1 | tr -d ' ')" != 100.00 ] || break
	sleep 0.5
done
soft same lvs -a
run vol lvs -o copy_percent vr/r1
assert_eq "$(out | tail -1 | tr -d ' ')" "100.00" "our Cpy%Sync of an active raid1 in sync"
soft same lvs -a -o $raid_fields
soft same lvs -a -o lv_name,lv_attr,lv_kernel_major,lv_kernel_minor,lv_device_open,lv_image_synced
soft same lvdisplay -a -m
soft same lvdisplay -c vr/r1
soft same lvscan -a
run vol vgchange -an vr
assert_eq "$(dm_names)" "" "dm devices after vgchange -an"
