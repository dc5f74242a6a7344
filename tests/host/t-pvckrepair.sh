#!/usr/bin/env bash
# pvck --repair / --repairtype against lvm2 2.03.16's pvck.  For each kind of
# damage the same damaged image is repaired twice on one device, once by
# lvm2 and once by us (the image put back in between: two devices with the
# same content would carry the same PV UUID, which both tools refuse to
# write while another device has it).  The two results must agree byte for
# byte (the first MiB and the last, where the metadata areas are), in exit
# status and in lvm2's "pvck --dump headers"; then lvm2's vgck and pvs read
# the PV we repaired.  Bad input is refused as lvm2 refuses it, with
# nothing changed on disk, and an answer of n (or no answer) writes nothing.
. "$(dirname "$0")/lib.sh"

setup_loops 2 34M
DEV=${DEVS[0]}
vg=$(vgname)
vg2=$(vgname 2)
run lvm vgcreate --pvmetadatacopies 2 "$vg" "$DEV"
run lvm lvcreate -an -Zn -l2 -n lv1 "$vg"
run lvm vgcreate "$vg2" "${DEVS[1]}"
run lvm vgcfgbackup -f "$T/backup.vg" "$vg"
run lvm pvck --dump metadata -f "$T/meta" "$DEV"
run lvm pvck --dump metadata -f "$T/meta.other" "${DEVS[1]}"
dd if="$DEV" of="$T/orig.img" bs=1M iflag=direct status=none
SIZE=$(blockdev --getsize64 "$DEV")
UUID=$(get --lvm pv_field "$DEV" pv_uuid)
LAST=$((SIZE / 1048576 - 1))

# The first and last MiB of $DEV.
ends() {
	dd if="$DEV" bs=1M count=1 iflag=direct status=none
	dd if="$DEV" bs=1M skip="$LAST" count=1 iflag=direct status=none
}
restore() { dd if="$T/orig.img" of="$DEV" bs=1M oflag=direct status=none; }
zero() { dd if=/dev/zero of="$DEV" bs=512 count="$1" seek="$2" oflag=direct conv=notrunc status=none; }
# damage NAME: the named damage, on the original image.
damage() {
	restore
	case $1 in
	pvh) zero 2 0 ;;
	mdah) zero 1 8 ;;
	text) zero 2 9 ;;
	pvh+mdah) zero 2 0; zero 1 8 ;;
	all) zero 2 0; zero 3 8; zero 3 $(((LAST + 0) * 2048)) ;;
	mda2h) zero 1 $((LAST * 2048)) ;;
	crc) printf 'XXXX' | dd of="$DEV" bs=1 seek=528 conv=notrunc status=none ;;
	*) die "damage: $1?" ;;
	esac
	sync
}
rc_of() { local rc=0; "$@" </dev/null >/dev/null 2>&1 || rc=$?; echo "$rc"; }

# same DAMAGE PVCK-ARGS...: lvm2 and we repair DAMAGE alike.
same() {
	local dmg=$1 lrc orc
	shift
	damage "$dmg"
	lrc=$(rc_of lvm pvck "$@" "$DEV")
	ends | sha256sum >"$T/l.sum"
	lvm pvck --dump headers "$DEV" >"$T/l.dump" 2>&1 || true
	damage "$dmg"
	orc=$(rc_of vol pvck "$@" "$DEV")
	ends | sha256sum >"$T/o.sum"
	lvm pvck --dump headers "$DEV" >"$T/o.dump" 2>&1 || true
	assert_eq "$orc" "$lrc" "exit status of pvck $* after damage $dmg"
	assert_eq "$(cat "$T/o.sum")" "$(cat "$T/l.sum")" "first and last MiB after pvck $* (damage $dmg)"
	assert_eq "$(cat "$T/o.dump")" "$(cat "$T/l.dump")" "lvm2's dump headers after pvck $* (damage $dmg)"
	if [ "$orc" = 0 ]; then
		run vol pvck --dump headers "$DEV"	# ours finds the repaired headers valid
	fi
	note "damage $dmg, pvck $*: rc $orc, bytes and headers as lvm2's"
	COMPARED=$((COMPARED + 1))
}
COMPARED=0

same pvh --repair -y -f "$T/meta"
run lvm vgck "$vg"
run lvm pvs "$DEV"
check --lvm pv_field "$DEV" vg_name "$vg"
same mdah --repair -y -f "$T/meta"
run lvm vgck "$vg"
same text --repair -y -f "$T/meta"
run lvm vgck "$vg"
same pvh+mdah --repair -y -f "$T/meta"
run lvm vgck "$vg"
same all --repair -y -f "$T/backup.vg"
run lvm pvs "$DEV"
same all --repair -y --settings "mda2_offset=$((LAST * 1048576)) mda2_size=1048576" -f "$T/backup.vg"
run lvm vgck "$vg"
run lvm lvs "$vg/lv1"
same crc --repairtype label_header -y
run lvm vgck "$vg"
same mda2h --repairtype metadata --settings mda_num=2 -y -f "$T/meta"
run lvm vgck "$vg"
same pvh --repairtype pv_header -y -f "$T/meta"
run lvm vgck "$vg"
# Without a file: the PV UUID, device size and data offset as settings.
same pvh --repairtype pv_header -y --settings "pv_uuid=$UUID device_size=$SIZE data_offset=1048576"
run lvm vgck "$vg"

# The damaged headers dump as lvm2 dumps them: every field of a label
# sector with no label in it, and its exit status (0 when no metadata area
# is listed, as in lvm2).
for dmg in pvh crc; do
	damage "$dmg"
	lrc=$(rc_of lvm pvck --dump headers "$DEV")
	lvm pvck --dump headers "$DEV" >"$T/l.dump" 2>/dev/null || true
	exits "$lrc" vol pvck --dump headers "$DEV"
	assert_eq "$(out)" "$(cat "$T/l.dump")" "pvck --dump headers of damage $dmg"
done

# Test mode writes nothing (lvm2's -t: the same exit status).
same pvh -t --repair -y -f "$T/meta"
assert_eq "$(cat "$T/o.sum")" "$(damage pvh; ends | sha256sum)" "after pvck -t"

# unchanged EXPECTED-RC MESSAGE-ERE PVCK-ARGS...: both tools exit with
# EXPECTED-RC, ours says MESSAGE, and neither changes the device.
unchanged() {
	local want=$1 msg=$2 before lrc
	shift 2
	before=$(ends | sha256sum)
	lrc=$(rc_of lvm pvck "$@" "$DEV")
	assert_eq "$lrc" "$want" "lvm2's exit status of pvck $*"
	assert_eq "$(ends | sha256sum)" "$before" "lvm2 changed nothing: pvck $*"
	exits "$want" vol pvck "$@" "$DEV"
	assert_line "$(output)" "$msg" "our message for pvck $*"
	assert_eq "$(ends | sha256sum)" "$before" "we changed nothing: pvck $*"
	note "refused as lvm2 does (rc $want): pvck $*"
}
answer_n() { "$@" <<<n; }

printf 'hello\nthis is not metadata at all, but it is long enough to pass the size check of pvck.\n%0200d\n' 0 >"$T/junk"
damage pvh
unchanged 5 "Invalid metadata file" --repair -y -f "$T/junk"
unchanged 5 "Invalid raw text metadata in file" --repair -f "$T/junk"
unchanged 5 "PV name $DEV not found in metadata file" --repair -y -f "$T/meta.other"
unchanged 5 "Metadata input file is needed" --repairtype pv_header -y
unchanged 3 "Command does not accept option: --repair" --repair -y
unchanged 5 "Cannot open file" --repair -y -f "$T/nonexistent"
lvm pvck --dump metadata "${DEVS[1]}" >"$T/junk.dump"
unchanged 5 "pvck stdout is not valid input" --repair -y -f "$T/junk.dump"
damage mdah
unchanged 5 "PV UUID [A-Za-z0-9]{32} in existing pv_header not found in metadata file" \
	--repair -y -f "$T/meta.other"
unchanged 3 "Invalid argument for --repairtype: foo" --repairtype foo -y

# An answer of n, or none (EOF), writes nothing.
damage pvh
before=$(ends | sha256sum)
fail vol pvck --repair -f "$T/meta" "$DEV"
assert_line "$(err)" "Write new LVM header to $DEV\\? " "our question"
assert_eq "$(ends | sha256sum)" "$before" "no answer: nothing written"
fail answer_n vol pvck --repair -f "$T/meta" "$DEV"
assert_eq "$(ends | sha256sum)" "$before" "answer n: nothing written"
assert_eq "$(rc_of answer_n lvm pvck --repair -f "$T/meta" "$DEV")" 5 "lvm2's exit status on n"
assert_eq "$(ends | sha256sum)" "$before" "lvm2 answered n: nothing written"
damage mdah
before=$(ends | sha256sum)
fail answer_n vol pvck --repairtype metadata -f "$T/meta" "$DEV"
assert_line "$(err)" "Write new LVM metadata to $DEV\\? " "our metadata question"
assert_eq "$(ends | sha256sum)" "$before" "answer n to the metadata: nothing written"

# Not a PV and no settings: a blank device, the PV's file.
DEV=${DEVS[1]}
dd if=/dev/zero of="$DEV" bs=1M count=2 oflag=direct status=none
dd if=/dev/zero of="$DEV" bs=1M seek="$LAST" count=1 oflag=direct status=none
unchanged 5 "To repair with zero metadata areas" --repair -f "$T/meta"
unchanged 5 "PV name $DEV not found in metadata file" --repair -y -f "$T/meta"
note "$COMPARED repairs compared byte for byte with lvm2's"
