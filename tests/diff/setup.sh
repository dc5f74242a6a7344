# shellcheck shell=bash
# The devices of the differential test, made the same way on the host
# (tests/host/t-diff.sh) and in the VM (tests/vm/t-diff.sh).  The tier gives
# add_loop SIZE (a new loop device in $LAST_LOOP, in LOOPS), detach_loop DEV
# (DEV disappears; LOOPS keeps its index for a placeholder), vgname, run,
# vol, lvm and get.  diff_setup fills DIFF_VARS with the corpus's keys.

diff_setup() {
	MIB=1048576
	# sizes: x.125 and x.375 MiB (lvm2 rounds the half to even, and "<" only on
	# the second), a TiB device at a tie (1.125t) and one that rounds up, odd
	# sectors, and 68 MiB PVs that make a 128 MiB (0.125g) VG.
	add_loop 68M; d0=$LAST_LOOP
	add_loop 68M; d1=$LAST_LOOP
	add_loop $((120 * MIB + MIB / 8)); d2=$LAST_LOOP
	add_loop $((1152 * 1024 * MIB)); d3=$LAST_LOOP
	add_loop $((100 * MIB + 3 * MIB / 8)); d4=$LAST_LOOP
	add_loop $((200 * MIB + 3584)); d5=$LAST_LOOP
	add_loop $((10 * MIB + 512)); d6=$LAST_LOOP
	add_loop 32M; d7=$LAST_LOOP
	add_loop 32M; d8=$LAST_LOOP
	add_loop 40M; d9=$LAST_LOOP
	add_loop 36M; d10=$LAST_LOOP
	add_loop $((1407 * 1024 * MIB + 123 * 512)); d11=$LAST_LOOP

	vg1=$(vgname a) vg2=$(vgname b) vgx=$(vgname c) vgp=$(vgname d)

	# vg1 (ours, 4 MiB extents, 2 x 16 extents = 0.125g): tags, a PV with two
	# metadata areas (lvm2's pvcreate), a tagged non-allocatable PV, LVs by lvm2.
	run lvm pvcreate --pvmetadatacopies 2 "$d1"
	run vol vgcreate --addtag alpha --addtag beta "$vg1" "$d0" "$d1"
	run lvm lvcreate -an -Zn -l 2 -n lin "$vg1" "$d0"
	run lvm lvcreate -an -Zn -i 2 -I 64k -l 4 -n str "$vg1" "$d0" "$d1"
	run lvm lvcreate -an -Zn -l 3 --addtag lvtag -n span "$vg1" "$d0:10-10" "$d1:12-13"
	run lvm lvcreate -an -Zn -l 1 -n ro -p r "$vg1" "$d1"
	run lvm pvchange --addtag ptag --addtag other "$d1"
	run lvm pvchange -x n "$d1"
	# vg2 (lvm2's, 1 MiB extents): an odd-sized PV and a TiB one, LVs of tie sizes.
	run lvm vgcreate -s 1m --addtag gamma "$vg2" "$d2" "$d3"
	run lvm lvcreate -an -Zn -L 128g -n big "$vg2" "$d3"
	run lvm lvcreate -an -Zn -L 100m -n odd "$vg2" "$d2"
	run lvm lvcreate -an -Zn -L 3m -n tiny "$vg2" "$d2"
	# orphans: ours (odd size), lvm2's with two metadata areas, a big one
	run vol pvcreate "$d4"
	run lvm pvcreate --pvmetadatacopies 2 "$d5"
	run vol pvcreate "$d11"
	# the exported VG (lvm2's vgexport) with an LV
	run lvm vgcreate "$vgx" "$d7" "$d8"
	run lvm lvcreate -an -Zn -l 3 -n lx "$vgx"
	run lvm vgexport "$vgx"
	# the partial VG: an LV on each PV, one across both, then a PV goes
	run vol vgcreate "$vgp" "$d9" "$d10"
	run lvm lvcreate -an -Zn -l 2 -n whole "$vgp" "$d9"
	run lvm lvcreate -an -Zn -l 2 -n gone "$vgp" "$d10"
	run lvm lvcreate -an -Zn -l 4 -n split "$vgp" "$d9:3-4" "$d10:5-6"
	detach_loop "$d10"
	d10=${LOOPS[10]}	# the placeholder that took its place

	DIFF_VARS=([vg1]=$vg1 [vg2]=$vg2 [vgx]=$vgx [vgp]=$vgp
		[d0]=$d0 [d1]=$d1 [d2]=$d2 [d3]=$d3 [d4]=$d4 [d5]=$d5 [d6]=$d6 [d7]=$d7 [d9]=$d9
		[d11]=$d11 [uuid_d4]=$(get pv_field "$d4" pv_uuid) [uuid_vg1]=$(get vg_field "$vg1" vg_uuid))

}
