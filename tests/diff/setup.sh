# shellcheck shell=bash
# The devices of the differential tests, one function per tier; each fills
# DIFF_VARS with the keys of its corpus (tests/diff/lib.sh).  Both tiers give
# run, vol, lvm and get (tests/lib/common.sh and the tier's lib.sh).
#
# diff_setup_host (tests/host/t-diff.sh, corpus.txt): the host tier gives
# add_loop SIZE (a new loop device in $LAST_LOOP, in LOOPS), detach_loop DEV
# (DEV disappears; LOOPS keeps its index for a placeholder) and vgname.
#
# diff_setup_vm (tests/vm/t-diff.sh, corpus-vm.txt): tests/vm/raid1-lib.sh
# gives layers N (PVs on dm-linear layers, in P[]; vol and lvm see only the
# layers in $DEVS) and wait_sync VG/LV.

diff_setup_host() {
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
	# %vgs%'s PV is found before the partial VG's: lvm2's pvs naming only a
	# missing device reads the VG found last, and that must stay the partial one
	add_loop 48M; d12=$LAST_LOOP
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
	# %vgs% (lvm2's, 1 MiB extents): lvm2's snapshots, as its metadata holds them
	vgsn=$(vgname e)
	_diff_snapshots "$vgsn" "$d12"
	# the partial VG: an LV on each PV, one across both, then a PV goes
	run vol vgcreate "$vgp" "$d9" "$d10"
	run lvm lvcreate -an -Zn -l 2 -n whole "$vgp" "$d9"
	run lvm lvcreate -an -Zn -l 2 -n gone "$vgp" "$d10"
	run lvm lvcreate -an -Zn -l 4 -n split "$vgp" "$d9:3-4" "$d10:5-6"
	detach_loop "$d10"
	d10=${LOOPS[11]}	# the placeholder that took its place

	DIFF_VARS=([vg1]=$vg1 [vg2]=$vg2 [vgx]=$vgx [vgp]=$vgp [vgs]=$vgsn [d12]=$d12
		[d0]=$d0 [d1]=$d1 [d2]=$d2 [d3]=$d3 [d4]=$d4 [d5]=$d5 [d6]=$d6 [d7]=$d7 [d9]=$d9
		[d11]=$d11 [uuid_d4]=$(get pv_field "$d4" pv_uuid) [uuid_vg1]=$(get vg_field "$vg1" vg_uuid))
}

# _diff_snapshots VG PV: lvm2's VG on PV with two snapshots (c1, c-2) of an
# LV o and a --virtualsize snapshot vs, written as lvm2 2.03.16 writes
# them (a hidden COW LV each, a visible "snapshotN" LV of type snapshot, a
# hidden zero origin vs_vorigin) and restored with lvm2's vgcfgrestore:
# lvm2 cannot make snapshots without device-mapper (tests/host/t-snapmeta.sh
# does the same).
_diff_snapshots() {
	local vg=$1 pv=$2 f
	f=$(mktemp)
	run lvm vgcreate -s 1m "$vg" "$pv"
	run lvm lvcreate -an -Zn -l 4 -n o "$vg"
	run lvm lvcreate -an -Zn -l 2 -n plain "$vg"
	run lvm vgcfgbackup -f "$f" "$vg"
	{
		_diff_lv c1 "READ\", \"WRITE" "$(_diff_lin 1 6)"
		_diff_lv c-2 "READ\", \"WRITE" "$(_diff_lin 2 7)"
		_diff_lv vs "READ\", \"WRITE" "$(_diff_lin 1 9)"
		_diff_lv vs_vorigin "READ\", \"WRITE" \
			"$(printf 'start_extent = 0\nextent_count = 16\ntype = "zero"')"
		_diff_lv snapshot0 "READ\", \"WRITE\", \"VISIBLE" "$(_diff_snap 4 8 o c1)"
		_diff_lv snapshot1 "READ\", \"WRITE\", \"VISIBLE" "$(_diff_snap 4 16 o c-2)"
		_diff_lv snapshot2 "READ\", \"WRITE\", \"VISIBLE" "$(_diff_snap 16 8 vs_vorigin vs)"
	} >"$f.snaps"
	# the sections go at the end of logical_volumes (its "\t}" is the file's last)
	awk -v f="$f.snaps" '{ l[NR] = $0 } /^\t}$/ { last = NR }
		END { for (i = 1; i <= NR; i++) { if (i == last) while ((getline s < f) > 0) print s; print l[i] } }' \
		"$f" >"$f.new"
	run lvm vgcfgrestore -f "$f.new" "$vg"
	rm -f "$f" "$f.snaps" "$f.new"
}
# _diff_lv NAME STATUS SEGMENT: an LV section of one segment (its id from its name).
_diff_lv() {
	local id
	id=$(printf '%s' "$1" | md5sum | tr -dc 'a-zA-Z0-9' | head -c 32)
	id="${id:0:6}-${id:6:4}-${id:10:4}-${id:14:4}-${id:18:4}-${id:22:4}-${id:26:6}"
	printf '%s {\nid = "%s"\nstatus = ["%s"]\nflags = []\nsegment_count = 1\nsegment1 {\n%s\n}\n}\n' \
		"$1" "$id" "$2" "$3"
}
_diff_lin() { printf 'start_extent = 0\nextent_count = %s\ntype = "striped"\nstripe_count = 1\nstripes = ["pv0", %s]' "$1" "$2"; }
_diff_snap() { printf 'start_extent = 0\nextent_count = %s\ntype = "snapshot"\nchunk_size = %s\norigin = "%s"\ncow_store = "%s"' "$1" "$2" "$3" "$4"; }

# diff_setup_vm: three VGs on 8 layers of 128 MiB (rp0..rp7), with LVs of
# every kind we activate, active and not.  vgo is ours (LVs made by us),
# vgl lvm2's (LVs made by lvm2); each has a linear, a 2-stripe, a raid1
# made with --nosync and one waited for until in sync (so that percentages
# and sync actions are stable), an inactive LV; vgo also an inactive raid1,
# a read-only LV and a tagged LV held open (DIFF_HOLDER is the holder's
# pid: kill it before deactivating), vgl a 2-segment LV activated by us
# and lvm2's active snapshots (one with data copied, one with none, one
# invalid).
# vgp is partial: an LV on each PV (one active), one across both, then a
# PV's layer goes.
diff_setup_vm() {
	local o=() l=() i
	layers 8
	for i in 0 1 2; do o[i]=${P[i]} l[i]=${P[i + 3]}; done
	run vol pvcreate -q "${o[@]}"
	run vol vgcreate -q vgo "${o[@]}"
	run vol lvcreate -q -an -L 8M -n lin vgo "${o[0]}"
	run vol lvcreate -q -an -i 2 -I 64k -L 16M -n str vgo "${o[1]}" "${o[2]}"
	run vol lvcreate -q -an -y --type raid1 -m 1 --nosync -L 8M -n r1 vgo "${o[0]}" "${o[1]}"
	run vol lvcreate -q -an -y --type raid1 -m 1 -L 12M --minrecoveryrate 1M \
		--maxrecoveryrate 100M -n rs vgo "${o[1]}" "${o[2]}"
	run vol lvcreate -q -an -y --type raid1 -m 1 -L 4M -n ri vgo "${o[0]}" "${o[2]}"
	run vol lvcreate -q -an -L 4M -n off vgo "${o[2]}"
	run vol lvcreate -q -an -L 4M -p r -n ro vgo "${o[0]}"
	run vol lvcreate -q -an -L 4M --addtag lvtag -n tagged vgo "${o[1]}"
	for i in lin str r1 rs ro tagged; do run vol lvchange -ay "vgo/$i"; done

	run lvm pvcreate -q "${l[@]}"
	run lvm vgcreate -q vgl "${l[@]}"
	run lvm lvcreate -q -an -Zn -L 8M -n lin vgl "${l[0]}"
	run lvm lvcreate -q -an -Zn -i 2 -I 64k -L 16M -n str vgl "${l[1]}" "${l[2]}"
	run lvm lvcreate -q -an -Zn -y --type raid1 -m 1 --nosync -L 8M -n r1 vgl "${l[0]}" "${l[1]}"
	run lvm lvcreate -q -an -Zn -y --type raid1 -m 1 -L 12M --minrecoveryrate 1M \
		--maxrecoveryrate 100M -n rs vgl "${l[1]}" "${l[2]}"
	run lvm lvcreate -q -an -Zn -L 4M -n off vgl "${l[2]}"
	run lvm lvcreate -q -an -Zn -l 2 -n span vgl "${l[0]}:10-10" "${l[2]}:20-20"
	# old-style mirrors (lvm2's only): mir (disk log) active, mirc (core log) not
	run lvm lvcreate -q -an -Zn --type mirror -m 1 -L 4M -n mir vgl "${l[0]}" "${l[1]}" "${l[2]}"
	run lvm lvcreate -q -an -Zn --type mirror -m 1 --mirrorlog core -L 4M -n mirc vgl "${l[1]}" "${l[2]}"
	for i in lin str r1 rs mir; do run lvm lvchange -ay "vgl/$i"; done
	run vol lvchange -ay vgl/span
	# lvm2's snapshots of so: ss (8k chunks) after 64 KiB written to so, s0
	# made after that write (only its metadata used); sf of so2 dropped by
	# the kernel (more written to so2 than sf holds)
	run lvm lvcreate -q -Zn -L 8M -n so vgl "${l[0]}"
	run lvm lvcreate -q -s -L 4M -c 8k -n ss vgl/so
	dd if=/dev/zero of=/dev/vgl/so bs=64k count=1 oflag=direct conv=fsync status=none ||
		die "cannot write to vgl/so"
	run lvm lvcreate -q -s -L 4M -n s0 vgl/so
	run lvm lvcreate -q -Zn -L 8M -n so2 vgl "${l[1]}"
	run lvm lvcreate -q -s -L 4M -c 64k -n sf vgl/so2
	dd if=/dev/zero of=/dev/vgl/so2 bs=1M count=8 oflag=direct conv=fsync status=none 2>/dev/null || true
	# the states the corpus lines are for, as lvm2 sees them
	[[ $(get --lvm lv_field vgl/ss snap_percent) != 0.00 ]] || die "vgl/ss: no data copied"
	check --lvm lv_field vgl/s0 snap_percent 0.00 "s0 after the write"
	[[ $(get --lvm lv_field vgl/sf lv_attr) == swi-I* ]] || die "vgl/sf: not dropped by the kernel"

	run vol pvcreate -q "${P[6]}" "${P[7]}"
	run vol vgcreate -q vgp "${P[6]}" "${P[7]}"
	run lvm lvcreate -q -an -Zn -l 2 -n whole vgp "${P[6]}"
	run lvm lvcreate -q -an -Zn -l 2 -n gone vgp "${P[7]}"
	run lvm lvcreate -q -an -Zn -l 4 -n split vgp "${P[6]}:3-4" "${P[7]}:5-6"
	run lvm lvchange -ay vgp/whole

	wait_sync vgo/rs
	wait_sync vgl/rs
	for ((i = 0; i < 600; i++)); do
		[ "$(sync_of vgl/mir)" != 100.00 ] || break
		sleep 0.1
	done
	[ "$(sync_of vgl/mir)" = 100.00 ] || die "vgl/mir: not in sync after 60 s"
	# tagged is held open by a process that never reads it
	# shellcheck disable=SC2217
	sleep 100000 </dev/vgo/tagged &
	# shellcheck disable=SC2034	# the test kills it
	DIFF_HOLDER=$!
	# the PV goes: its layer is removed and neither tool looks for it
	dmsetup remove rp7 || die "cannot remove layer rp7"
	P=("${P[@]:0:7}")
	# shellcheck disable=SC2034	# vol and lvm of raid1-lib.sh read it
	DEVS=$(IFS=,; echo "${P[*]}")

	DIFF_VARS=([vo]=vgo [vl]=vgl [vp]=vgp)
	for i in 0 1 2 3 4 5 6; do DIFF_VARS["p$i"]=${P[i]}; done
}
