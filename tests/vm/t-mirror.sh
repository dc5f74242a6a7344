#!/usr/bin/env bash
# lvm2's old-style mirrors (--type mirror), made by lvm2 (we do not make
# them), handled by us:
# - our activation (lvchange/vgchange -ay) loads the devices lvm2 loads:
#   core-log, disk-log and 3-way mirrors, the same dm names, UUIDs and
#   tables; data written through the LV is on every image; each tool
#   deactivates what the other activated, top device first;
# - lvs shows them as lvm2 does while active (attrs, copy_percent, log);
# - --monitor n: no handle_errors, and lvm2's warning;
# - a mirror on a missing PV: refused but in partial mode, where the
#   missing image or log is an error device, as lvm2 maps it; --refresh
#   refuses without partial mode as lvm2 does;
# - lvconvert -m0 / -m1 (inactive and active): lvm2 reads the result
#   (vgck, lvs -a -o+devices the same) and activates it;
# - lvremove of an active mirror takes its sub-LVs.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_disks 4
a=$(disk 0) b=$(disk 1) c=$(disk 2) d=$(disk 3)
all=$a,$b,$c,$d
part=$a,$c,$d	# b is missing
vg=mv

# Every dm device's table with device numbers as names, and its UUID.
tables() {
	dm_tables
	dmsetup info -c --noheadings -o name,uuid | sort
}
lvs_both() { # ARGS...: lvm2's and our lvs agree
	local l o
	l=$(command lvm lvs --devices $all "$@" 2>&1) || die "lvm2 lvs $*: $l"
	o=$(volume lvs --devices $all "$@" 2>&1) || die "our lvs $*: $o"
	assert_eq "$o" "$l" "lvs $*"
}
wait_sync() { # LV: until lvm2 says 100% in sync
	local i
	for ((i = 0; i < 150; i++)); do
		[ "$(command lvm lvs --devices $all --noheadings -o copy_percent $vg/$1 | tr -d ' ')" != 100.00 ] || return 0
		sleep 0.2
	done
	die "$vg/$1 did not get in sync"
}

run lvm pvcreate -q --devices $all "$a" "$b" "$c" "$d"
run lvm vgcreate -q -s 1M --devices $all $vg "$a" "$b" "$c" "$d"
run lvm lvcreate -q -an -Zn --devices $all --type mirror -m1 --mirrorlog core -L 8M -n core $vg "$a" "$b"
run lvm lvcreate -q -an -Zn --devices $all --type mirror -m1 -L 8M -n disk $vg "$a" "$b" "$c"
run lvm lvcreate -q -an -Zn --devices $all --type mirror -m2 --mirrorlog core --nosync -L 8M -n three $vg "$a" "$b" "$c"
run lvm lvcreate -q -an -Zn --devices $all -L 4M -n plain $vg "$d"
head -c 1048576 /dev/urandom >mark
want=$(md5sum <mark | cut -d' ' -f1)

note "activation: lvm2's devices, ours"
compared=0
for lv in core disk three; do
	run lvm lvchange -ay --devices $all $vg/$lv
	lvm_t=$(tables)
	assert_match "$lvm_t" "$vg-$lv: 0 16384 mirror " "lvm2's $lv"
	run volume lvchange -an --devices $all $vg/$lv
	assert_eq "$(dm_names)" "" "dm devices after our lvchange -an of lvm2's $lv"
	run volume lvchange -ay --devices $all $vg/$lv
	assert_eq "$(tables)" "$lvm_t" "our tables of $lv against lvm2's"
	compared=$((compared + $(dm_names | wc -l)))
	dd if=mark of=/dev/$vg/$lv bs=1M oflag=direct conv=fsync status=none
	for img in /dev/mapper/$vg-${lv}_mimage_*; do
		got=$(head -c 1048576 "$img" | md5sum | cut -d' ' -f1)
		assert_eq "$got" "$want" "data on $img"
	done
	[ "$lv" = three ] || wait_sync $lv
	lvs_both -a -o lv_name,lv_attr,copy_percent,sync_percent,mirror_log,devices,seg_type,lv_role $vg
	run lvm lvchange -an --devices $all $vg/$lv
	assert_eq "$(dm_names)" "" "dm devices after lvm2's lvchange -an of our $lv"
done
note "compared $compared devices (tables, names, UUIDs) with lvm2's"

note "vgchange -ay/-an; --refresh"
run lvm vgchange -ay --devices $all $vg
lvm_t=$(tables)
run lvm vgchange -an --devices $all $vg
run volume vgchange -ay --devices $all $vg
assert_eq "$(tables)" "$lvm_t" "our vgchange -ay against lvm2's"
run volume lvchange --refresh --devices $all $vg/disk
assert_eq "$(tables)" "$lvm_t" "tables after our --refresh"
run volume vgchange -an --devices $all $vg
assert_eq "$(dm_names)" "" "dm devices after our vgchange -an"

note "--monitor n: no handle_errors, and lvm2's warning"
# (lvm2 then fails to tell dmeventd, which the guest does not run, and exits 5)
command lvm lvchange -ay --monitor n --devices $all $vg/core >lvm.out 2>&1 || true
lvm_t=$(tables)
assert_match "$lvm_t" "$vg-core: 0 16384 mirror core 1 4096 2 " "lvm2's activation with --monitor n"
assert_no_line "$lvm_t" "handle_errors" "lvm2's table with --monitor n"
run lvm lvchange -an --devices $all $vg/core
run volume lvchange -ay --monitor n --devices $all $vg/core
assert_eq "$(tables)" "$lvm_t" "our tables with --monitor n"
assert_eq "$(grep -c 'without monitoring' <<<"$(err)")" 1 "our warnings"
assert_line "$(err)" "^  WARNING: Mirror $vg/core without monitoring will not react on failures\.$"
assert_line "$(cat lvm.out)" "^  WARNING: Mirror $vg/core without monitoring will not react on failures\.$"
run volume lvchange -an --devices $all $vg/core

note "a missing image: each mode, lvm2 then ours"
both() { # ARGS of lvchange
	local rcl=0 rco=0
	command lvm lvchange --devices $part "$@" >lvm.out 2>&1 || rcl=$?
	tables >lvm.t
	run lvm vgchange -an --devices $part $vg
	volume lvchange --devices $part "$@" >ours.out 2>&1 || rco=$?
	tables >ours.t
	assert_eq "$rco" "$rcl" "exit code of lvchange $*"
	assert_eq "$(cat ours.t)" "$(cat lvm.t)" "devices after lvchange $*"
	assert_eq "$(grep -E 'Refusing|PARTIAL' ours.out | sed 's/^ *//')" \
		"$(grep -E 'Refusing|PARTIAL' lvm.out | sed 's/^ *//')" "messages of lvchange $*"
	run lvm vgchange -an --devices $part $vg
	assert_eq "$(dm_names)" "" "dm devices after lvm2's vgchange -an ($*)"
}
for lv in core disk three; do
	for mode in complete degraded partial; do
		both -ay --activationmode $mode $vg/$lv
	done
	both -ay --partial $vg/$lv
done
fail volume lvchange -ay --devices $part $vg/disk
assert_line "$(err)" "Refusing activation of partial LV $vg/disk\.  Use '--activationmode partial' to override\.$"
run volume lvchange -ay --partial --devices $part $vg/disk
assert_line "$(tables)" "^$vg-disk_mimage_1-missing_0_0: 0 16384 error" "the stand-in of the missing image"
assert_line "$(tables)" "^$vg-disk_mimage_1: 0 16384 linear <$vg-disk_mimage_1-missing_0_0> 0" "the image over it"
run volume lvchange -an --devices $part $vg/disk
# a missing log
run lvm lvchange -ay --activationmode partial --devices $a,$b,$d $vg/disk
lvm_t=$(tables)
run lvm lvchange -an --devices $a,$b,$d $vg/disk
run volume lvchange -ay --activationmode partial --devices $a,$b,$d $vg/disk
assert_eq "$(tables)" "$lvm_t" "our partial activation without the log's PV"
assert_line "$lvm_t" "^$vg-disk_mlog-missing_0_0: 0 2048 error" "the stand-in of the missing log"
run volume lvchange -an --devices $a,$b,$d $vg/disk
# --refresh of an active mirror that lost an image
run volume lvchange -ay --devices $all $vg/disk
fail volume lvchange --refresh --devices $part $vg/disk
assert_line "$(err)" "Refusing refresh of partial LV $vg/disk\. Use '--activationmode partial' to override\.$"
run volume lvchange --refresh --partial --devices $part $vg/disk
assert_line "$(tables)" "^$vg-disk_mimage_1-missing_0_0: 0 16384 error" "refreshed onto the stand-in"
run volume vgchange -an --devices $part $vg
assert_eq "$(dm_names)" "" "dm devices after vgchange -an"

note "lvconvert -m: ours, then lvm2 reads and activates the result"
# lvm2's reference: the same conversions of copies made alike
run lvm lvcreate -q -an -Zn --devices $all --type mirror -m1 -L 4M -n ref1 $vg "$a" "$b" "$d"
run lvm lvcreate -q -an -Zn --devices $all --type mirror -m2 --mirrorlog core -L 4M -n ref3 $vg "$a" "$b" "$c"
run lvm lvconvert -y -m0 --devices $all $vg/ref1
run lvm lvconvert -y -m1 --devices $all $vg/ref3
# inactive: disk-log mirror to linear, 3-way to 2-way
run volume lvconvert -y -m0 --devices $all $vg/disk
assert_line "$(out)" "^  Logical volume $vg/disk converted\.$"
run volume lvconvert -y -m1 --devices $all $vg/three
run lvm vgck --devices $all $vg
lvs_both -a -o lv_name,lv_attr,segtype,devices,mirror_log $vg
check --lvm lv_field $vg/disk segtype linear
check --lvm lv_field $vg/three lv_attr Mwi---m---
assert_eq "$(command lvm lvs --devices $all --noheadings -o devices $vg/disk | tr -d ' ')" "$a(8)" "disk kept its first image's extents"
assert_eq "$(command lvm lvs --devices $all --noheadings -a -o lv_name $vg | grep -c -E 'disk_m(image|log)')" 0 "disk's sub-LVs left"
# lvm2 activates what we converted
run lvm lvchange -ay --devices $all $vg/three
assert_match "$(dmsetup table $vg-three)" "mirror core 1 4096 2 " "lvm2's table of our 2-way mirror"
run lvm lvchange -an --devices $all $vg/three
# active: a 3-way mirror to 2 images, then to linear; the data stays
run lvm lvcreate -q -an -Zn --devices $all --type mirror -m2 -L 4M -n act $vg "$a" "$b" "$c" "$d"
run volume lvchange -ay --devices $all $vg/act
dd if=mark of=/dev/$vg/act bs=1M oflag=direct conv=fsync status=none
wait_sync act
run volume lvconvert -y -m1 --devices $all $vg/act
assert_eq "$(dm_names | grep -c "^$vg-act")" 4 "devices of act with 2 images and a log"
assert_eq "$(dm_names | grep -c "^$vg-act_mimage_2")" 0 "the freed image's device"
assert_match "$(dmsetup table $vg-act)" "mirror disk 2 [0-9:]+ 4096 2 " "act's reloaded table"
run volume lvconvert -y -m0 --devices $all $vg/act
assert_eq "$(dm_names | grep "^$vg-act")" "$vg-act" "devices of act once linear"
assert_match "$(dmsetup table $vg-act)" "^0 8192 linear " "act's linear table"
got=$(head -c 1048576 /dev/$vg/act | md5sum | cut -d' ' -f1)
assert_eq "$got" "$want" "act's data after -m1 and -m0"
run lvm vgck --devices $all $vg
run lvm lvchange -an --devices $all $vg/act
run lvm lvchange -ay --devices $all $vg/act
run lvm lvchange -an --devices $all $vg/act
# adding images stays lvm2's
fail volume lvconvert -y -m2 --devices $all $vg/core
assert_line "$(err)" "Adding images to old-style mirror $vg/core is not supported"

note "lvremove of an active mirror"
run lvm lvcreate -q -an -Zn --devices $all --type mirror -m1 -L 4M -n gone $vg "$a" "$b" "$d"
run volume lvchange -ay --devices $all $vg/gone
run volume lvremove -y --devices $all $vg/gone
assert_eq "$(dm_names)" "" "dm devices after lvremove"
run lvm vgck --devices $all $vg
lvs_both -a -o lv_name $vg
assert_no_line "$(out)" "gone"
