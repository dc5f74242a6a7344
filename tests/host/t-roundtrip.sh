#!/usr/bin/env bash
# Round trip of every golden fixture through our codec, judged by lvm2:
# put the lvm2-made metadata on loop devices, let our tool read it and write
# a backup, restore that backup with lvm2's vgcfgrestore onto fresh devices
# (PVs recreated with the same UUIDs), and check that lvm2's vgck is silent
# and that lvm2 reports the same LVs and segments as it did for the original.
. "$(dirname "$0")/lib.sh"

fixtures=${FIXTURES:-$BUILD/fixtures}
[ -d "$fixtures/lvs-mixed" ] || die "fixtures missing in $fixtures (make unit decompresses them)"

info() { sed -n "s/^$2=//p" "$fixtures/$1/info"; }
canon_lvs() { jq -c '[.report[0] | (.seg // .lv) | .[] | {lv_name, lv_uuid, segtype, seg_start_pe, seg_size_pe,
	stripes, stripe_size, region_size, lv_tags, lv_read_ahead, seg_count,
	devices: (.devices | gsub("/dev/[a-z0-9]+\\("; "PV("))}] | sort_by(.lv_name, .seg_start_pe)'; }

for case in lvs-mixed two-mda-ba wrapped raid1 lv1000; do
	vg=$(info "$case" vg_name)
	n=$(info "$case" pv_count)
	echo "== $case: VG $vg on $n PVs"
	# The lvm2-made devices, rebuilt from the fixture's metadata regions.
	src=()
	for ((i = 0; i < n; i++)); do
		size=$(info "$case" "pv$i.dev_size")
		add_loop "$size"
		dev=$LAST_LOOP
		dd if="$fixtures/$case/pv$i.head" of="$dev" bs=1M oflag=direct conv=notrunc status=none
		if [ -e "$fixtures/$case/pv$i.tail" ]; then
			start=$(info "$case" "pv$i.mda1" | cut -d, -f1)
			dd if="$fixtures/$case/pv$i.tail" of="$dev" bs=512 seek=$((start / 512)) \
			   oflag=direct conv=notrunc status=none
		fi
		src+=("$dev")
	done
	# Our reading of it matches lvm2's report in the fixture.
	want_seq=$(jq -r '.report[0].vg[0].vg_seqno' "$fixtures/$case/vgs.json")
	check vg_field "$vg" vg_seqno "$want_seq" "$case: as read by us"
	check vg_field "$vg" lv_count "$(jq -r '.report[0].vg[0].lv_count' "$fixtures/$case/vgs.json")" \
		"$case: as read by us"
	run vol vgcfgbackup -f "$T/$case.vg" "$vg"
	# lvm2 accepts our file for the VG it came from, still on its devices
	# (a dry run: --test writes nothing).
	run lvm vgcfgrestore --test -f "$T/$case.vg" "$vg"

	# Fresh devices with the same PV UUIDs, then lvm2 restores our file.
	for ((i = 0; i < n; i++)); do
		path=$(info "$case" "pv$i.path")
		uuid=$(jq -r --arg p "$path" '.report[0].pv[] | select(.pv_name == $p) | .pv_uuid' \
			"$fixtures/$case/pvs.json")
		size=$(info "$case" "pv$i.dev_size")
		# The source device goes: a second copy of the UUIDs would be a duplicate.
		wipefs -q -a "${src[$i]}" >/dev/null 2>&1 || dd if=/dev/zero of="${src[$i]}" bs=1M count=1 status=none
		dd if=/dev/zero of="${src[$i]}" bs=1M count=1 oflag=direct status=none
		add_loop "$size"
		dev=$LAST_LOOP
		run lvm pvcreate -q -y --uuid "$uuid" --restorefile "$T/$case.vg" "$dev"
	done
	run lvm vgcfgrestore -f "$T/$case.vg" "$vg"	# lvm2 takes the backup we wrote
	run lvm vgck "$vg"
	assert_eq "$(output | grep -v "Activation disabled")" "" "$case: what lvm2 vgck printed"
	# lvm2 sees the same LVs and segments as in the original.
	lvm lvs -a --segments --reportformat json --units b --nosuffix -o lv_name,lv_uuid,segtype,\
seg_start_pe,seg_size_pe,stripes,stripe_size,region_size,lv_tags,lv_read_ahead,seg_count,devices \
		"$vg" 2>/dev/null | canon_lvs >"$T/after.json"
	canon_lvs <"$fixtures/$case/lvs.json" >"$T/before.json"
	if ! cmp -s "$T/before.json" "$T/after.json"; then
		diff <(jq . "$T/before.json") <(jq . "$T/after.json") | head -20 || true	# diff exits 1: they differ
		die "$case: LVs differ after the round trip"
	fi
	echo "   $case: lvm2 accepted our backup; $(jq length "$T/after.json") LV segments identical"
	run lvm vgremove -ff -y "$vg"
done
