#!/usr/bin/env bash
# LVs through device-mapper with our tool, lvm2 beside it as the oracle:
# the same dm names, UUIDs and tables as lvm2 loads; data at the computed
# PV offset; online extend and reduce; rename and remove of active LVs;
# an open LV refuses removal and deactivation; each tool activates what
# the other created.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_disks 3
a=$(disk 0) b=$(disk 1) c=$(disk 2)
vol() { volume "$1" --devices "$a,$b,$c" "${@:2}"; }
lvm_() { lvm "$1" --devices "$a,$b,$c" "${@:2}"; }

run vol pvcreate -q "$a" "$b" "$c"
run vol vgcreate -q vt "$a" "$b" "$c"

# Linear, two segments over two PVs, two stripes: ours, then lvm2's tables for the same metadata.
run vol lvcreate -q -L 8M -n lin vt "$a"
run vol lvcreate -q -L 8M -n span vt "$a:10-10" "$b:0-0"
run vol lvcreate -q -i 2 -L 16M -n str vt "$b" "$c"
[ -L /dev/vt/lin ] || die "/dev/vt/lin missing"
assert_eq "$(readlink /dev/vt/lin)" /dev/mapper/vt-lin "link target"
for lv in lin span str; do
	ours_t=$(dmsetup table "vt-$lv")
	ours_u=$(dmsetup info -c --noheadings -o uuid "vt-$lv")
	run vol lvchange -an "vt/$lv"
	[ ! -e "/dev/mapper/vt-$lv" ] || die "vt-$lv still there after lvchange -an"
	run lvm_ lvchange -ay "vt/$lv"
	assert_eq "$(dmsetup table "vt-$lv")" "$ours_t" "$lv: table loaded by lvm2 vs ours"
	assert_eq "$(dmsetup info -c --noheadings -o uuid "vt-$lv")" "$ours_u" "$lv: dm uuid"
	assert_eq "$(lvs --noheadings -o lv_active "vt/$lv" | tr -d ' ')" active "$lv: lvm2 sees it active"
	run lvm_ lvchange -an "vt/$lv"
	run vol lvchange -ay "vt/$lv"
done

# Data lands at pe_start + extent offset on the PV.
pe_start=$(pvs --noheadings --units b --nosuffix -o pe_start "$a" | tr -d ' ')
printf 'libvolume-mark-%s' lin | dd of=/dev/vt/lin bs=512 seek=8 conv=sync,fsync status=none
got=$(dd if="$a" bs=512 skip=$((pe_start / 512 + 8)) count=1 status=none | head -c 19)
assert_eq "$got" "libvolume-mark-lin" "data at the PV offset"

# Online extend and reduce of a mounted ext4, data intact.
mkfs.ext4 -q /dev/vt/lin
mkdir -p /mnt/lin
mount /dev/vt/lin /mnt/lin
dd if=/dev/urandom of=/mnt/lin/data bs=1M count=3 status=none
sum=$(md5sum </mnt/lin/data)
run vol lvextend -r -L +8M vt/lin "$c"
assert_eq "$(blockdev --getsize64 /dev/vt/lin)" $((16 * 1048576)) "size after lvextend"
assert_eq "$(md5sum </mnt/lin/data)" "$sum" "data after online extend"
run sh -c "df -k /mnt/lin | awk 'NR == 2 { exit !(\$2 > 12000) }'"
umount /mnt/lin
run vol lvreduce -r -y -L 12M vt/lin
assert_eq "$(blockdev --getsize64 /dev/vt/lin)" $((12 * 1048576)) "size after lvreduce"
mount /dev/vt/lin /mnt/lin
assert_eq "$(md5sum </mnt/lin/data)" "$sum" "data after reduce"
# The same size with -r: no error, the filesystem grows to fill the LV (lvm2's lvresize-full)
umount /mnt/lin
run resize2fs -f /dev/vt/lin 8M
mount /dev/vt/lin /mnt/lin
run vol lvextend -r -L 12M vt/lin
assert_has "$(output)" "unchanged from 12.00 MiB" "lvm2's words for the same size"
run sh -c "df -k /mnt/lin | awk 'NR == 2 { exit !(\$2 > 10000) }'"
assert_eq "$(md5sum </mnt/lin/data)" "$sum" "data after the same-size resize"

# An open LV refuses removal and deactivation.
fail vol lvremove -y vt/lin
assert_line "$(output)" "in use" "lvremove of an open LV"
not vol lvchange -an vt/lin
umount /mnt/lin

# Rename while active: the device and link follow.
run vol lvrename vt span wide
[ -b /dev/mapper/vt-wide ] && [ ! -e /dev/mapper/vt-span ] || die "dm device not renamed"
[ -L /dev/vt/wide ] && [ ! -e /dev/vt/span ] || die "link not renamed"

# lvm2 creates, we activate; we create, lvm2 removes.
run lvm_ lvcreate -q -an -L 4M -n theirs vt
run vol lvchange -ay vt/theirs
assert_eq "$(dmsetup table vt-theirs | awk '{print $3}')" linear "we activate lvm2's LV"
run lvm_ lvremove -q -f vt/theirs
[ ! -e /dev/mapper/vt-theirs ] || die "lvm2 did not deactivate our activation"

# An LV as a PV (scan_lvs=1) through a filter that names its /dev/VG/LV link
# only: lvm2 matches that alias, and so must we (lvm2's lvcreate-large).
run vol lvcreate -q -L 8M -n pvlv vt
cfg='devices{global_filter=["a|^/dev/vt/pvlv$|","r|.*|"] scan_lvs=1}'
run volume pvcreate --config "$cfg" /dev/vt/pvlv
run lvm pvs --config "$cfg" /dev/vt/pvlv
run volume pvremove --config "$cfg" /dev/vt/pvlv
fail volume pvcreate --config 'devices{global_filter=["a|^/dev/vt/other$|","r|.*|"] scan_lvs=1}' /dev/vt/pvlv
assert_has "$(err)" "rejected by filter config" "a filter naming no alias of the LV"
run vol lvremove -y vt/pvlv

# read-ahead from the metadata (lvcreate -r, lvchange -r) set at activation,
# as lvm2's activation sets it; auto leaves the kernel's
ra() { blockdev --getra "/dev/vt/$1"; }
run vol lvcreate -q -L 8M -r none -n ranone vt
run vol lvcreate -q -L 8M -r 8k -n ra8k vt
assert_eq "$(ra ranone) $(ra ra8k)" "0 16" "read-ahead after our activation"
run lvchange -an vt/ranone vt/ra8k
run lvchange -ay vt/ranone vt/ra8k
assert_eq "$(ra ranone) $(ra ra8k)" "0 16" "read-ahead after lvm2's activation"
run vol lvchange -an vt/ra8k
run vol lvchange -r 64k vt/ra8k
run vol lvchange -ay vt/ra8k
assert_eq "$(ra ra8k)" 128 "read-ahead after lvchange -r and our activation"
assert_eq "$(vol lvs --noheadings -o lv_kernel_read_ahead vt/ranone | tr -d ' ')" 0 "our lv_kernel_read_ahead of none"
run vol lvremove -y vt/ranone vt/ra8k

run vol vgchange -an vt
assert_eq "$(dm_names)" "" "dm devices after vgchange -an"
run vol vgchange -ay vt
run vol lvremove -y vt
assert_eq "$(dm_names)" "" "dm devices after lvremove"
run vol vgremove -q vt
