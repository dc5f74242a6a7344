#!/usr/bin/env bash
# Regressions: each block is a bug found in review, with its repro.
. "$(dirname "$0")/lib.sh"

setup_loops 5 16M
A=${DEVS[0]} B=${DEVS[1]} C=${DEVS[2]} D=${DEVS[3]} E=${DEVS[4]}

echo "== a PV that comes back after vgreduce --removemissing is outdated until vgck clears it"
vg=$(vgname a)
run vol vgcreate "$vg" "$A" "$B" "$C"
run "$VOLUME" vgreduce --devices "$A,$B" --backup-dir "$T/backup" --archive-dir "$T/archive" \
	--removemissing "$vg"
fail vol vgextend "$vg" "$C"	# as lvm2: outdated PVs are refused
assert_line "$(output)" "outdated PV $C seqno 1 has been removed in current VG $vg seqno 2" \
	"the outdated warning"
assert_line "$(output)" "See vgck --updatemetadata to clear outdated metadata." "the hint"
run vol vgck --updatemetadata "$vg"
run vol vgextend "$vg" "$C"
check pv_field "$C" pv_in_use used "re-added PV is marked in use"
check vg_field "$vg" pv_count 3 "re-added PV is in the VG"
run vol vgck "$vg"
check --lvm vgck_clean "$vg"
run vol vgremove -f "$vg"

echo "== --devices with no device in it is refused"
invalid "$VOLUME" pvs --devices ",,"
invalid "$VOLUME" pvs --devices ""
invalid "$VOLUME" pvs --lock-dir ""
assert_has "$(output)" "empty path" "message for an empty --lock-dir"

echo "== --vgmetadatacopies: all is written as lvm2 writes it (0), numbers as numbers"
vg=$(vgname b)
run vol vgcreate --vgmetadatacopies all "$vg" "$A"
check vg_field "$vg" vg_mda_copies unmanaged "after all"
check --lvm vg_field "$vg" vg_mda_copies unmanaged "after all"
run vol vgremove "$vg"
run vol vgcreate --vgmetadatacopies 2 "$vg" "$A" "$B"
check vg_field "$vg" vg_mda_copies 2
check --lvm vg_field "$vg" vg_mda_copies 2
run vol vgremove "$vg"

echo "== JSON wins over --separator; an empty selection prints nothing"
vg=$(vgname c)
run vol vgcreate "$vg" "$A" "$B"
run vol vgs --reportformat json --separator : "$vg"
assert_eq "$(out | jq -r '.report[0].vg[0].vg_name')" "$vg" "vg_name in JSON with --separator"
run vol vgs --separator : -S 'vg_name=nothing_is_called_this'
assert_eq "$(out)" "" "--separator with no rows"
run vol vgs --rows -S 'vg_name=nothing_is_called_this'
assert_eq "$(out)" "" "--rows with no rows"

echo "== selections: flags by true, tags by \"\" and [a , b]"
run vol vgchange --addtag a --addtag b "$vg"
# selected VG EXPR: what vgs -S EXPR selects of VG (its name or nothing).
selected() {
	run vol vgs --noheadings -o vg_name -S "$2" "$1"
	out | tr -d ' '
}
assert_eq "$(selected "$vg" 'vg_extendable=true')" "$vg" "vg_extendable=true"
assert_eq "$(selected "$vg" 'vg_tags=""')" "" "tags = empty"
assert_eq "$(selected "$vg" 'vg_tags=[b , a]')" "$vg" "tags = [b , a]"
fail vol vgs -S '(vg_name=x'
fail vol vgs -S 'vg_name'
fail vol vgs -S 'no_such_field=1'
run vol vgremove "$vg"

echo "== two VGs with one name are both listed and reachable by UUID"
vg=$(vgname d)
run "$VOLUME" vgcreate --devices "$D" --backup-dir "$T/backup" --archive-dir "$T/archive" "$vg" "$D"
run "$VOLUME" vgcreate --devices "$E" --backup-dir "$T/backup" --archive-dir "$T/archive" "$vg" "$E"
assert_eq "$(rows vgs -o vg_uuid "$vg" | wc -l)" 2 "VGs listed"
uuids=$(report vgs -o vg_uuid | jq -r '.report[0].vg[].vg_uuid')
assert_eq "$(wc -w <<<"$uuids")" 2 "VG UUIDs listed"
for u in $uuids; do
	run vol vgchange --addtag "by_uuid" "$u"
	check vg_field "$u" vg_tags by_uuid "tag by UUID"
done
fail vol vgchange --addtag x "$vg"
assert_has "$(output)" "UUID" "the hint to use the UUID"
