#!/usr/bin/env bash
# lvm2's old-style mirrors (--type mirror) in the metadata, on the host
# (lvm2 cannot make mirrors without device-mapper, but it reads, checks,
# reduces and removes them): a VG holding a core-log mirror, a disk-log
# mirror and a 3-way mirror made NOTSYNCED, in the text lvm2 wrote for them
# in the VM (tests/vm/t-mirror.sh), restored with lvm2's vgcfgrestore.
# - our reports are lvm2's (lvs -a with attrs, devices, log, layout, role;
#   lvs --segments; lvdisplay -m);
# - each lvconvert -m of ours (to linear, 3 to 2 images, with PVs named;
#   --type linear)
#   leaves the metadata lvm2's own lvconvert leaves from the same start,
#   and lvm2's vgck finds nothing wrong; adding images is refused with
#   nothing changed;
# - lvremove of a mirror takes its images and log, as lvm2's.
# Activation, partial activation and live conversion: tests/vm/t-mirror.sh.
. "$(dirname "$0")/lib.sh"

setup_loops 3 64M
A=${DEVS[0]} B=${DEVS[1]} C=${DEVS[2]}
vg=$(vgname m)

run vol pvcreate -q "$A" "$B" "$C"
run vol vgcreate -q -s 1M "$vg" "$A" "$B" "$C"
run vol lvcreate -q -an -Zn -l 4 -n plain "$vg" "$C"
run lvm vgcfgbackup -f "$T/base" "$vg"

# lv NAME ID STATUS SEGMENT: an LV section of one segment.
lv() {
	printf '\t\t%s {\n\t\t\tid = "%s"\n\t\t\tstatus = [%s]\n\t\t\tflags = []\n' "$1" "$2" "$3"
	printf '\t\t\tsegment_count = 1\n\n\t\t\tsegment1 {\n%s\n\t\t\t}\n\t\t}\n\n' "$4"
}
lin() { printf '\t\t\t\tstart_extent = 0\n\t\t\t\textent_count = %s\n\t\t\t\ttype = "striped"\n\t\t\t\tstripe_count = 1\n\t\t\t\tstripes = ["%s", %s]' "$1" "$2" "$3"; }
# mir EXTENTS LOG IMAGES...: a mirror segment (LOG "" for a core log)
mir() {
	local n=$1 log=$2 im list=
	shift 2
	for im; do list+="${list:+, }\"$im\", 0"; done
	printf '\t\t\t\tstart_extent = 0\n\t\t\t\textent_count = %s\n\t\t\t\ttype = "mirror"\n\t\t\t\tmirror_count = %s\n' "$n" $#
	[ -z "$log" ] || printf '\t\t\t\tmirror_log = "%s"\n' "$log"
	printf '\t\t\t\tregion_size = 1024\n\t\t\t\tmirrors = [%s]' "$list"
}
RW='"READ", "WRITE"' RWV='"READ", "WRITE", "VISIBLE"'
{
	lv core cccccc-cccc-cccc-cccc-cccc-cccc-cccccc "$RWV" "$(mir 8 "" core_mimage_0 core_mimage_1)"
	lv disk dddddd-dddd-dddd-dddd-dddd-dddd-dddddd "$RWV" "$(mir 8 disk_mlog disk_mimage_0 disk_mimage_1)"
	lv three tttttt-tttt-tttt-tttt-tttt-tttt-tttttt "$RWV, \"NOTSYNCED\"" \
		"$(mir 4 "" three_mimage_0 three_mimage_1 three_mimage_2)"
	lv core_mimage_0 cccccc-cccc-cccc-cccc-cccc-cccc-cccc00 "$RW" "$(lin 8 pv0 0)"
	lv core_mimage_1 cccccc-cccc-cccc-cccc-cccc-cccc-cccc01 "$RW" "$(lin 8 pv1 0)"
	lv disk_mimage_0 dddddd-dddd-dddd-dddd-dddd-dddd-dddd00 "$RW" "$(lin 8 pv0 8)"
	lv disk_mimage_1 dddddd-dddd-dddd-dddd-dddd-dddd-dddd01 "$RW" "$(lin 8 pv1 8)"
	lv disk_mlog dddddd-dddd-dddd-dddd-dddd-dddd-ddddlg "$RW" "$(lin 1 pv2 4)"
	lv three_mimage_0 tttttt-tttt-tttt-tttt-tttt-tttt-tttt00 "$RW" "$(lin 4 pv0 16)"
	lv three_mimage_1 tttttt-tttt-tttt-tttt-tttt-tttt-tttt01 "$RW" "$(lin 4 pv1 16)"
	lv three_mimage_2 tttttt-tttt-tttt-tttt-tttt-tttt-tttt02 "$RW" "$(lin 4 pv2 5)"
} >"$T/mirrors"
awk -v f="$T/mirrors" '{ l[NR] = $0 } /^\t}$/ { last = NR }
	END { for (i = 1; i <= NR; i++) { if (i == last) while ((getline s < f) > 0) print s; print l[i] } }' \
	"$T/base" >"$T/start"

start() {
	run lvm vgcfgrestore -f "$T/start" "$vg"
}
# The VG's metadata as lvm2 writes it, without what changes with every commit.
meta() {
	lvm vgcfgbackup -f "$T/meta" "$vg" >/dev/null 2>&1 || die "lvm2's vgcfgbackup of $vg"
	grep -v -E '^(description|creation_time|contents|version|creation_host) =|seqno =|^#' "$T/meta" |
		sed -e "s#$A#A#g; s#$B#B#g; s#$C#C#g"
}
# both_report ARGS...: our report and lvm2's alike.
both_report() {
	local l o
	l=$(lvm "$@" 2>&1 | grep -v 'WARNING: Activation disabled') || true
	o=$(vol "$@" 2>&1) || true
	assert_eq "$o" "$l" "$*"
}

start
check --lvm vgck_clean "$vg"
assert_eq "$(lvm lvs --noheadings -o lv_attr "$vg/three" | tr -d ' ')" Mwi-XXm--- "lvm2's attr of three"
both_report lvs -a -o+devices,seg_type,copy_percent,mirror_log,mirror_log_uuid "$vg"
both_report lvs -a -o lv_name,lv_layout,lv_role,lv_parent,lv_modules,lv_initial_image_sync,lv_image_synced "$vg"
both_report lvs --segments -a -o+region_size,seg_pe_ranges,devices "$vg"
both_report lvs -a -o lv_all "$vg"
both_report lvdisplay -a -m "$vg"

# same ARGS...: our lvconvert ARGS and lvm2's, each from the start: the same metadata.
same() {
	local ours theirs
	start
	run vol lvconvert "$@" </dev/null
	assert_line "$(out)" "^  Logical volume $vg/[a-z]+ converted\.$"
	ours=$(meta)
	check --lvm vgck_clean "$vg"
	check vgck_clean "$vg"
	start
	run lvm lvconvert "$@" </dev/null
	theirs=$(meta)
	assert_eq "$ours" "$theirs" "metadata after lvconvert $*"
}
same -y -m0 "$vg/disk"
check --lvm lv_field "$vg/disk" segtype linear
assert_eq "$(lvm lvs --noheadings -o devices "$vg/disk" | tr -d ' ')" "$A(8)" "disk on its first image's extents"
same -m0 "$vg/core"
same --type linear "$vg/disk"
same -m1 "$vg/three"
check --lvm lv_field "$vg/three" lv_attr Mwi-XXm---
same -m-1 "$vg/three"
same -m0 "$vg/three"
check --lvm lv_field "$vg/three" lv_attr -wi-XX----
# with PVs named: the images on them go first
same -m1 "$vg/three" "$B"
assert_eq "$(lvm lvs --noheadings -o devices "$vg/three" | tr -d ' ')" "three_mimage_0(0),three_mimage_2(0)" \
	"three without its image on B"
same -m0 "$vg/three" "$B" "$C"
# the first image goes only from an active mirror in sync: refused inactive, as lvm2
for tool in lvm vol; do
	start
	fail $tool lvconvert -m0 "$vg/disk" "$A"
	assert_line "$(err)" "^  Unable to determine mirror sync status of $vg/disk\.$"
	assert_line "$(err)" "^  Unable to remove primary mirror image while mirror volume $vg/disk is not in-sync\.$"
done

# refused, nothing changed
start
fp=$(fingerprint)
fail vol lvconvert -m2 "$vg/core"
assert_line "$(err)" "Adding images to old-style mirror $vg/core is not supported"
fail vol lvconvert -m-2 "$vg/core"
assert_line "$(err)" "Unable to reduce images by specified amount"
run vol lvconvert -t -m0 "$vg/disk"
run vol lvconvert -m1 "$vg/core"
assert_line "$(out)" "^  Logical volume $vg/core converted\.$"
assert_eq "$(fingerprint)" "$fp" "devices after refused and test-mode conversions"

# lvremove of a mirror: its images and log go
start
run vol lvremove -y "$vg/disk"
ours=$(meta)
check --lvm vgck_clean "$vg"
start
run lvm lvremove -y "$vg/disk"
assert_eq "$ours" "$(meta)" "metadata after lvremove of a mirror"
