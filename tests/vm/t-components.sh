#!/usr/bin/env bash
# md RAID legs and multipath paths are never used as PVs: the PV label on an
# md raid1 with its superblock at the end (metadata 1.0 and 0.90) shows on
# the legs too, and a PV under a multipath map shows on its path.  Our scan
# lists the PV only on the array or the map, pvcreate refuses a leg, a path
# or a partition of a path, and that holds for the legs of a stopped or
# degraded array as well; lvm2 agrees on the md cases.  The whole guest is
# in scope (no --devices).
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_disks 4
a=$(disk 0) b=$(disk 1) c=$(disk 2) d=$(disk 3)

# md superblocks and partitions would outlive the test (lib.sh).
trap 'rc=$?; components_reset "$a" "$b" "$c" "$d"; (exit $rc); _vm_exit' EXIT

# pv_names [--lvm]: the PV names the tool reports, on one line, sorted
# (the runner's trace goes to stderr).
pv_names() {
	if [ "${1:-}" = --lvm ]; then
		run lvm pvs --noheadings -o pv_name >&2
	else
		run vol pvs --noheadings -o pv_name >&2
	fi
	out | awk 'NF { print $1 }' | sort | paste -sd' '
}

# The data of an LV lands on the PV device @2 (dm table of VG-LV @1 uses its devno).
lv_on() {
	local want
	want=$(stat -L -c '%t:%T' "$2")
	want=$((16#${want%:*})):$((16#${want#*:}))
	assert_eq "$(dmsetup table "$1" | awk '{ print $4 }')" "$want" "$1 sits on $2"
}

# lvm2 refuses to format the leg @1 of a stopped array, naming it.
lvm2_refuses_leg() {
	not lvm pvcreate -y "$1"
	assert_line "$(output)" "$1.*md component" "lvm2's pvcreate of a leg"
}

# md_case META VG LEG1 LEG2 MD
md_case() {
	local meta=$1 vg=$2 x=$3 y=$4 md=$5 names
	note "md raid1, metadata $meta: $md over $x $y"
	run mdadm --create "$md" --run --assume-clean --metadata="$meta" --level=1 \
		--raid-devices=2 "$x" "$y"
	assert_eq "$(cat "/sys/block/${md#/dev/}/md/metadata_version")" "$meta" "metadata of $md"
	run vol pvcreate -q "$md"
	run vol vgcreate -q "$vg" "$md"
	run vol lvcreate -q -L 8M -n lv "$vg"
	lv_on "$vg-lv" "$md"
	printf 'libvolume-%s' "$vg" | dd of="/dev/$vg/lv" bs=512 conv=sync,fsync status=none

	# The label shows on the legs (data at offset 0), but only md0 is a PV.
	assert_eq "$(dd if="$x" bs=512 skip=1 count=1 status=none | head -c 8)" LABELONE "label on $x"
	names=$(pv_names)
	assert_eq "$names" "$md" "our pvs, $md running"
	run vol pvs -d
	assert_line "$(err)" "$x: skipped: an md RAID component" "why $x is not listed"
	assert_line "$(err)" "$y: skipped: an md RAID component" "why $y is not listed"
	check vg_field "$vg" pv_count 1
	check vg_field "$vg" lv_count 1
	fail vol pvcreate -y "$x"
	assert_line "$(output)" "$x.*md RAID component" "pvcreate of a leg"
	fail vol vgextend -y "$vg" "$y"
	assert_line "$(output)" "$y.*md RAID component" "vgextend with a leg"
	soft assert_eq "$(pv_names --lvm)" "$md" "lvm2's pvs, $md running"
	soft check --lvm vg_field "$vg" pv_count 1

	# Stopped: nothing holds the legs, the superblock at their end remains.
	run vol vgchange -an "$vg"
	run mdadm --stop "$md"
	[ ! -e "/sys/block/${md#/dev/}/md" ] || die "$md still running after mdadm --stop"
	names=$(pv_names)
	assert_eq "$names" "" "our pvs, $md stopped"
	run vol pvs -d
	assert_line "$(err)" "$x: skipped: an md RAID component" "why $x is not listed ($md stopped)"
	assert_line "$(err)" "$y: skipped: an md RAID component" "why $y is not listed ($md stopped)"
	fail vol vgs "$vg"
	fail vol pvcreate -y "$x"
	assert_line "$(output)" "$x.*md RAID component" "pvcreate of a leg, $md stopped"
	note "ours: $(output)"
	fail vol pvcreate -y -f "$y"
	assert_line "$(output)" "$y.*md RAID component" "pvcreate -f of a leg, $md stopped"
	soft assert_eq "$(pv_names --lvm)" "" "lvm2's pvs, $md stopped"
	soft lvm2_refuses_leg "$x"

	# Nothing was written to the legs: the array comes back with its VG and data.
	run mdadm --assemble "$md" "$x" "$y"
	names=$(pv_names)
	assert_eq "$names" "$md" "our pvs, $md assembled again"
	check vg_field "$vg" lv_count 1
	run vol vgchange -ay "$vg"
	assert_eq "$(head -c $((10 + ${#vg})) "/dev/$vg/lv")" "libvolume-$vg" "data after reassembly"
	run vol vgchange -an "$vg"

	# Degraded, on the first leg only: the second is held by nothing.
	run mdadm --stop "$md"
	run mdadm --assemble --run "$md" "$x"
	names=$(pv_names)
	assert_eq "$names" "$md" "our pvs, $md degraded"
	run vol pvs -d
	assert_line "$(err)" "$y: skipped: an md RAID component" "why $y is not listed ($md degraded)"
	fail vol pvcreate -y "$y"
	assert_line "$(output)" "$y.*md RAID component" "pvcreate of the missing leg"
	soft assert_eq "$(pv_names --lvm)" "$md" "lvm2's pvs, $md degraded"

	run vol vgremove -y "$vg"
	run vol pvremove -y "$md"
	run mdadm --stop "$md"
	run mdadm --zero-superblock "$x" "$y"
	wipe "$x"
	wipe "$y"
}

md_case 1.0 cmp_md10 "$a" "$b" /dev/md0
md_case 0.90 cmp_md090 "$c" "$d" /dev/md1

# Multipath: a PV on a disk, then a one-path map over it (dm uuid "mpath-...").
note "multipath map cmp_mp over $a"
run vol pvcreate -q "$a"
mpath_create cmp_mp mpath-libvolume-cmp-test "$a"
mp=/dev/mapper/cmp_mp
[ -b "$mp" ] || die "$mp missing after dmsetup create"
names=$(pv_names)
assert_eq "$names" "$mp" "our pvs with the map"
run vol pvs -d
assert_line "$(err)" "$a: skipped: a multipath component" "why $a is not listed"
fail vol pvcreate -y "$a"
assert_line "$(output)" "$a.*multipath component" "pvcreate of a path"
run vol vgcreate -q cmp_mpvg "$mp"
fail vol vgextend -y cmp_mpvg "$a"
assert_line "$(output)" "$a.*multipath component" "vgextend with a path"
check vg_field cmp_mpvg pv_count 1
check pv_field "$mp" vg_name cmp_mpvg
run vol lvcreate -q -L 8M -n lv cmp_mpvg
lv_on cmp_mpvg-lv "$mp"
printf 'libvolume-mp' | dd of=/dev/cmp_mpvg/lv bs=512 conv=sync,fsync status=none
run vol vgchange -an cmp_mpvg
run vol vgchange -ay cmp_mpvg
assert_eq "$(head -c 12 /dev/cmp_mpvg/lv)" "libvolume-mp" "data through the map"
# lvm2 only treats SCSI and NVMe disks as multipath paths; virtio is neither.
run lvm pvs -o pv_name,vg_name
note "lvm2's pvs with the map (for the record): $(output | tr '\n' '|')"
run vol vgchange -an cmp_mpvg
run vol vgremove -y cmp_mpvg
run dmsetup remove cmp_mp
names=$(pv_names)
assert_eq "$names" "$a" "our pvs after the map is gone"
run vol pvremove -y "$a"

# A partition of a path is a path too: the PV on ${b}1 shows through the twin
# that kpartx would map over the map (made here by hand), and only there.
note "multipath map cmp_mpp over the partitioned disk $b"
one_partition "$b"
psize=$PSIZE
assert_eq "$(disk_sectors "${b}1")" "$psize" "size of ${b}1"
run vol pvcreate -q "${b}1"
mpath_create cmp_mpp mpath-libvolume-cmp-part "$b"
run dmsetup create cmp_mpp1 --uuid part1-mpath-libvolume-cmp-part \
	--table "0 $psize linear /dev/mapper/cmp_mpp 2048"
names=$(pv_names)
assert_eq "$names" /dev/mapper/cmp_mpp1 "our pvs with the partition's twin"
run vol pvs -d
assert_line "$(err)" "${b}1: skipped: a multipath component" "why ${b}1 is not listed"
fail vol pvcreate -y "${b}1"
assert_line "$(output)" "${b}1.*multipath component" "pvcreate of a path's partition"
run dmsetup remove cmp_mpp1
run dmsetup remove cmp_mpp
run vol pvremove -y "${b}1"
wipe "$b"
run blockdev --rereadpt "$b"
assert_eq "$(dm_names)" "" "dm devices at the end"
