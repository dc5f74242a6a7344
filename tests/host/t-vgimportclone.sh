#!/usr/bin/env bash
# vgimportclone against lvm2 2.03.16 on the same devices.  A VG made by
# lvm2 and one made by us (both with LVs, -an) are copied block for block
# (dd) to other loops, so each PV UUID, VG UUID and VG name is on two
# devices; our vgimportclone gives the copies new UUIDs and a new name,
# writing only to them.  lvm2, on the originals and the copies together,
# must then see every VG intact (vgck), names and UUIDs distinct, the LVs
# kept, and no duplicate-PV warning.  lvm2's own vgimportclone of a copy
# must read back in our tool.  Bad input (a partial set, a device that is
# not a PV, PVs of two VGs, ...) is refused as lvm2 refuses it, and no
# device changes (checksums).  Last, the devices file: a copy outside it
# is refused, and taken in with --importdevices.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-alike.sh"

setup_loops 14 64M
A=${DEVS[0]} B=${DEVS[1]} C=${DEVS[2]} D=${DEVS[3]}	# lvm2's VG; its copy
E=${DEVS[4]} F=${DEVS[5]} G=${DEVS[6]} H=${DEVS[7]}	# our VG; its copy
I=${DEVS[8]} J=${DEVS[9]}				# an orphan PV; no PV at all
K=${DEVS[10]} L=${DEVS[11]} M=${DEVS[12]} N=${DEVS[13]}	# more copies of lvm2's VG
vgL=$(vgname L) vgO=$(vgname O)

# copy SRC DST: block for block, past every cache.
copy() {
	dd if="$1" of="$2" bs=1M iflag=direct oflag=direct status=none
	blockdev --flushbufs "$2"
}

# segs VG DEV0 DEV1: the LVs' segments, uuids and sizes, the two PVs named P0 and P1.
segs() {
	lvm lvs --segments --noheadings -o lv_name,lv_uuid,lv_size,seg_start_pe,seg_size_pe,seg_pe_ranges \
		--units b "$1" 2>/dev/null | sed -e "s|$2:|P0:|g" -e "s|$3:|P1:|g" | tr -s ' '
}

# no_warnings WHAT [ERE]: lvm2 reports every VG, PV and LV here without a
# warning (about a device or PV UUID matching ERE: the copy not imported yet
# is still a duplicate of its original).  A match must end where a name
# does: /dev/loop1 is not /dev/loop11.
no_warnings() {
	local c re
	re=${2:+($2)([^0-9]|\$)}
	re=${re:-.}
	for c in pvs vgs lvs; do
		run lvm "$c"
		assert_eq "$(output | lvm_warnings | { grep -E -- "$re" || true; })" "" "lvm2's $c warnings $1"
	done
	run vol pvs
	assert_no_line "$(output | { grep -E -- "$re" || true; })" WARNING "our pvs $1"
}

echo "== the originals: lvm2's VG on A B, ours on E F (exported), LVs on both PVs"
run lvm vgcreate "$vgL" "$A" "$B"
run lvm lvcreate -an -Zn -L 8m -n lv1 "$vgL"
run lvm lvcreate -an -Zn -L 72m -n lv2 "$vgL"
run vol vgcreate "$vgO" "$E" "$F"
run vol lvcreate -an -Zn -L 12m -n data "$vgO"
run vol lvcreate -an -Zn -l 20 -i 2 -n striped "$vgO"
run vol pvcreate "$I"
uL=$(get --lvm vg_field "$vgL" vg_uuid)
uO=$(get --lvm vg_field "$vgO" vg_uuid)
pA=$(get --lvm pv_field "$A" pv_uuid) pB=$(get --lvm pv_field "$B" pv_uuid)
pE=$(get --lvm pv_field "$E" pv_uuid) pF=$(get --lvm pv_field "$F" pv_uuid)
segsL=$(segs "$vgL" "$A" "$B")
segsO=$(segs "$vgO" "$E" "$F")
run vol vgexport "$vgO"
assert_match "$segsL" "lv2 .*P1:" "lvm2's VG has an LV on its second PV"
assert_match "$segsO" "striped .*P0:.*P1:" "our VG has a striped LV on both PVs"
run vol vgcfgbackup "$vgO"
cp "$T/backup/$vgO" "$T/backupO.before"

echo "== the copies: every PV UUID on two devices"
copy "$A" "$C"
copy "$B" "$D"
copy "$E" "$G"
copy "$F" "$H"
run lvm pvs
assert_line "$(err)" "WARNING: Not using device .* for PV $pA" "lvm2 sees duplicates before the import"
run vol pvs
assert_line "$(err)" "WARNING: Not using device .* for PV $pE" "we see duplicates before the import"

echo "== bad input: lvm2's words and exit codes, nothing written"
fp=$(fingerprint)
echo "   (a partial set: lvm2's read of the VG fails)"
lvm_said vgimportclone "$C"
vol_said vgimportclone "$C"
# (lvm2 2.03.16 adds a memory-leak report of its own on this path)
sed -i -e '/memory leak/d' -e '/^ *\[0x/d' -e '/Unreleased memory pool/d' "$T/l.err"
alike "vgimportclone of one PV of two"
assert_line "$(cat "$T/v.err")" "^  Cannot change VG $vgL while PVs are missing\.$"
assert_line "$(cat "$T/v.err")" "^  Failed to read VG $vgL from devices being imported\.$"
assert_eq "$(cat "$T/v.rc")" 5 "exit code of a partial set"
echo "   (a device that is not a PV, alone and with the VG's PVs)"
both vgimportclone "$J"
both vgimportclone "$C" "$D" "$J"
assert_eq "$(cat "$T/v.err")" "  Failed to find PVID for device $J." "our refusal of a non-PV"
echo "   (no such device; PVs of two VGs; a PV named twice; an original with its copy)"
both vgimportclone "$T/nosuchdev"
both vgimportclone "$C" "$D" "$G" "$H"
assert_eq "$(cat "$T/v.err")" "  Devices must be from the same VG." "our refusal of two VGs"
both vgimportclone "$C" "$D" "$C"
assert_line "$(cat "$T/v.err")" "^  Device $C was not found in VG $vgL\.$"
both vgimportclone "$A" "$C" "$D"
assert_eq "$(cat "$T/v.err")" "  Failed to find PVID for device $C." "our refusal of a PV named with its copy"
echo "   (an exported VG without -i)"
both vgimportclone "$G" "$H"
assert_eq "$(cat "$T/v.err")" "  VG $vgO is exported, use the --import option.
  Failed to update VG on devices being imported." "our refusal of an exported VG"
echo "   (ours only: an orphan PV, an invalid name, no device; lvm2 fails otherwise there)"
fail vol vgimportclone "$I"
assert_eq "$(err)" "  No VG found on devices." "an orphan PV"
fail vol vgimportclone -n "bad/name" "$C" "$D"
assert_match "$(err)" "^  Invalid volume group name bad/name: " "an invalid name"
invalid vol vgimportclone
exits 3 lvm vgimportclone
echo "   (test mode writes nothing)"
run vol vgimportclone -t "$C" "$D"
assert_line "$(output)" "Test mode: VG ${vgL}1 metadata seqno [0-9]+ .*not written"
assert_eq "$(fingerprint)" "$fp" "every device after the refusals"

echo "== our vgimportclone of lvm2's VG: the copy becomes ${vgL}1, the originals stay"
fpAB=$(fingerprint_of "$A" "$B")
run vol vgimportclone "$C" "$D"
assert_eq "$(output)" "" "vgimportclone says nothing when it works, as lvm2's"
assert_eq "$(fingerprint_of "$A" "$B")" "$fpAB" "the originals after our import"
no_warnings "after our import of lvm2's VG" "$A|$B|$C|$D|$pA|$pB"
check --lvm pv_field "$C" vg_name "${vgL}1"
check --lvm pv_field "$D" vg_name "${vgL}1"
check --lvm vg_field "$vgL" vg_uuid "$uL" "the original's VG UUID"
check --lvm pv_field "$A" pv_uuid "$pA"
check --lvm pv_field "$B" pv_uuid "$pB"
uL1=$(get --lvm vg_field "${vgL}1" vg_uuid)
pC=$(get --lvm pv_field "$C" pv_uuid) pD=$(get --lvm pv_field "$D" pv_uuid)
assert_ne "$uL1" "$uL" "the copy's VG UUID"
assert_eq "$(printf '%s\n' "$pA" "$pB" "$pC" "$pD" "$pE" "$pF" | sort -u | wc -l)" 6 "distinct PV UUIDs"
assert_eq "$(segs "${vgL}1" "$C" "$D")" "$segsL" "the copy's LVs (names, UUIDs, extents)"
assert_eq "$(segs "$vgL" "$A" "$B")" "$segsL" "the original's LVs"
check --lvm vg_field "${vgL}1" vg_attr "wz--n-"
echo "   (the old metadata archived under the old name, the new VG backed up)"
ls "$T/archive/${vgL}"_*.vg >/dev/null || die "no archive of $vgL"
grep -q "id = \"$uL1\"" "$T/backup/${vgL}1" || die "no backup of ${vgL}1 with its new UUID"

echo "== our vgimportclone of our exported VG, -i, -n a name that exists: ${vgL}2"
run vol vgimportclone -i -n "$vgL" "$G" "$H"
no_warnings "after our import of our VG"
check --lvm pv_field "$G" vg_name "${vgL}2" "-n $vgL with $vgL and ${vgL}1 taken"
check --lvm vg_field "${vgL}2" vg_attr "wz--n-" "the copy imported"
check --lvm vg_field "$vgO" vg_attr "wzx-n-" "the original still exported"
check --lvm vg_field "$vgO" vg_uuid "$uO"
check --lvm pv_field "$E" pv_uuid "$pE"
check --lvm pv_field "$F" pv_uuid "$pF"
assert_ne "$(get --lvm vg_field "${vgL}2" vg_uuid)" "$uO" "the copy's VG UUID"
assert_eq "$(segs "${vgL}2" "$G" "$H")" "$segsO" "the copy's LVs"
cmp "$T/backup/$vgO" "$T/backupO.before" || die "the backup of $vgO changed: the original's backup must stay"
echo "   (no duplicate left: every VG checks clean in both tools)"
run vol vgimport "$vgO"
for vg in "$vgL" "${vgL}1" "${vgL}2" "$vgO"; do
	check --lvm vgck_clean "$vg"
	check vgck_clean "$vg"
done
echo "   (-n a free name is taken as it is; the copy made again)"
copy "$E" "$G"
copy "$F" "$H"
run vol vgimportclone -i -n "${vgO}new" "$G" "$H"
check --lvm pv_field "$H" vg_name "${vgO}new"
check --lvm vgck_clean "${vgO}new"

echo "== lvm2's vgimportclone of another copy of its VG: we read ${vgL}2"
copy "$A" "$K"
copy "$B" "$L"
run lvm vgimportclone "$K" "$L"
check pv_field "$K" vg_name "${vgL}2" "lvm2's choice with $vgL and ${vgL}1 taken"
run vol vgs
assert_no_line "$(output)" WARNING "our vgs after lvm2's import"
check vgck_clean "${vgL}2"
check vgck_clean "$vgL"
check vgck_clean "${vgL}1"
assert_eq "$(rows lvs -o lv_name,lv_uuid,lv_size "${vgL}2")" "$(rows lvs -o lv_name,lv_uuid,lv_size "$vgL")" "our view of lvm2's copy"
assert_eq "$(rows lvs -o lv_name,lv_uuid,lv_size,vg_name,vg_uuid)" \
	"$(rows --lvm lvs -o lv_name,lv_uuid,lv_size,vg_name,vg_uuid)" "every LV, as lvm2 sees it"

echo "== a crash at every step of the commit: the original never changes"
copy "$A" "$M"
copy "$B" "$N"
save_images precrash
VOLUME_CRASH_AT=list VOLUME=$BUILD/tests/volume run vol vgimportclone -n "${vgL}cr" "$M" "$N"
mapfile -t steps < <(crash_steps <(output))
[ ${#steps[@]} -ge 4 ] || die "vgimportclone lists only ${#steps[@]} crash points: ${steps[*]}"
check --lvm pv_field "$M" vg_name "${vgL}cr" "the listing run itself"
fpAB=$(fingerprint_of "$A" "$B")
for step in "${steps[@]}"; do
	restore_images precrash
	VOLUME_CRASH_AT=$step VOLUME=$BUILD/tests/volume exits 99 vol vgimportclone -n "${vgL}cr" "$M" "$N"
	assert_eq "$(fingerprint_of "$A" "$B")" "$fpAB" "the originals after a crash at $step"
	check --lvm vg_field "$vgL" vg_uuid "$uL" "lvm2 after a crash at $step"
	check --lvm pv_field "$A" pv_uuid "$pA" "lvm2 after a crash at $step"
	check vg_field "$vgL" vg_uuid "$uL" "after a crash at $step"
	case $step in
	commit:*)	# the new VG is there from the first commit on
		check --lvm pv_field "$M" vg_name "${vgL}cr" "after a crash at $step"
		check pv_field "$N" vg_name "${vgL}cr" "after a crash at $step" ;;
	esac
	note "crash at $step: the original intact"
done
restore_images precrash
# A crash exits with its locks' files left (as lvm2's): those of our names go.
for f in /run/lock/lvm/V_t*_t_vgimportclone_$$*; do
	if [ -e "$f" ] && flock -n "$f" true; then rm -f "$f"; fi
done

echo "== the devices file: a copy it does not list is refused; --importdevices takes it in"
SYS=$T/sys
DFNAME="t-vgimportclone-$$.devices"
devicesfile_sysdir "$SYS" "$DFNAME"
df_cleanup() {
	local rc=$?
	rm -f "/run/lock/lvm/D_$DFNAME"
	(exit $rc)
	cleanup
}
trap df_cleanup EXIT
dvol() { LVM_SYSTEM_DIR=$SYS "$VOLUME" "$1" --backup-dir "$T/backup" --archive-dir "$T/archive" "${@:2}"; }
dlvm() { LVM_SYSTEM_DIR=$SYS command lvm "$1" --config "backup{backup_dir=\"$T/lvm-backup\" archive_dir=\"$T/lvm-archive\"}" "${@:2}"; }
run dlvm lvmdevices --adddev "$A"
run dlvm lvmdevices --adddev "$B"
copy "$A" "$M"
copy "$B" "$N"
fp=$(fingerprint)
cp "$SYS/devices/$DFNAME" "$T/df.before"
lvm_said() { local rc=0; dlvm "$@" </dev/null >"$T/l.out" 2>"$T/l.raw" || rc=$?; lvm_stderr "$T/l.raw" >"$T/l.err"; echo "$rc" >"$T/l.rc"; }
vol_said() { local rc=0; dvol "$@" </dev/null >"$T/v.out" 2>"$T/v.err" || rc=$?; echo "$rc" >"$T/v.rc"; }
both vgimportclone "$M" "$N"
assert_eq "$(cat "$T/v.err")" "  Failed to find device $M." "a copy outside the devices file"
assert_eq "$(fingerprint)" "$fp" "every device after the refusal"
cmp "$SYS/devices/$DFNAME" "$T/df.before" || die "the devices file changed on a refusal"
run dvol vgimportclone --importdevices -n "${vgL}df" "$M" "$N"
pM=$(dvol pvs --noheadings -o pv_uuid "$M" | tr -d ' -')
pN=$(dvol pvs --noheadings -o pv_uuid "$N" | tr -d ' -')
assert_line "$(cat "$SYS/devices/$DFNAME")" "DEVNAME=$M PVID=$pM$" "the copy's entry, with its new PV UUID"
assert_line "$(cat "$SYS/devices/$DFNAME")" "DEVNAME=$N PVID=$pN$"
assert_line "$(cat "$SYS/devices/$DFNAME")" "DEVNAME=$A PVID=${pA//-/}$" "the original's entry"
run dlvm vgs
assert_eq "$(output | lvm_warnings)" "" "lvm2's vgs with the devices file"
check_df() { [ "$(dlvm pvs --noheadings -o vg_name "$1" 2>/dev/null | tr -d ' ')" = "$2" ] || die "lvm2 with the devices file: $1 is not in $2"; }
check_df "$M" "${vgL}df"
check_df "$A" "$vgL"
run dlvm vgck "${vgL}df"
assert_eq "$(output | lvm_warnings)" "" "lvm2's vgck ${vgL}df"
echo "   (with --devices the devices file is not in use: --importdevices is ignored, as in lvm2)"
copy "$A" "$M"
copy "$B" "$N"
lvm_said vgimportclone --devices "$A,$B,$M,$N" --importdevices -n "${vgL}dl" "$M" "$N"
copy "$A" "$M"
copy "$B" "$N"
vol_said vgimportclone --devices "$A,$B,$M,$N" --importdevices -n "${vgL}dl" "$M" "$N"
alike "vgimportclone --devices --importdevices"
assert_eq "$(cat "$T/v.out")" "  Devices file not enabled, ignoring importdevices." "our notice"
