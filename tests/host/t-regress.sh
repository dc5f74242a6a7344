#!/usr/bin/env bash
# Regressions: each block is a bug found in review, with its repro.
. "$(dirname "$0")/lib.sh"

setup_loops 5 16M
A=${DEVS[0]} B=${DEVS[1]} C=${DEVS[2]} D=${DEVS[3]} E=${DEVS[4]}

echo "== a PV that comes back after vgreduce --removemissing can be re-added"
vg=$(vgname a)
vol vgcreate "$vg" "$A" "$B" "$C" >/dev/null
"$VOLUME" vgreduce --devices "$A,$B" --backup-dir "$T/backup" --archive-dir "$T/archive" \
	--removemissing "$vg" >/dev/null
vol vgextend "$vg" "$C" >/dev/null
assert_eq "$(pv_field "$C" pv_in_use)" used "re-added PV is marked in use"
assert_eq "$(vg_field "$vg" pv_count)" 3 "re-added PV is in the VG"
vol vgck "$vg"
lvm_ vgck "$vg" 2>&1 | { ! grep -v "Activation disabled" | grep -q WARNING; } || fail "lvm2 vgck warns"
vol vgremove -f "$vg" >/dev/null

echo "== --devices with no device in it is refused"
assert_rc 3 "$VOLUME" pvs --devices ",,"
assert_rc 3 "$VOLUME" pvs --devices ""
assert_rc 3 "$VOLUME" pvs --lock-dir ""
last_output | grep -q "empty path" || fail "no message for an empty --lock-dir"

echo "== --vgmetadatacopies: all is written as lvm2 writes it (0), numbers as numbers"
vg=$(vgname b)
vol vgcreate --vgmetadatacopies all "$vg" "$A" >/dev/null
assert_eq "$(vg_field "$vg" vg_mda_copies)" unmanaged "vg_mda_copies after all"
assert_eq "$(lvm_vg_field "$vg" vg_mda_copies)" unmanaged "lvm2's view after all"
vol vgremove "$vg" >/dev/null
vol vgcreate --vgmetadatacopies 2 "$vg" "$A" "$B" >/dev/null
assert_eq "$(vg_field "$vg" vg_mda_copies)" 2 "vg_mda_copies 2"
assert_eq "$(lvm_vg_field "$vg" vg_mda_copies)" 2 "lvm2's view of 2"
vol vgremove "$vg" >/dev/null

echo "== JSON wins over --separator; an empty selection prints nothing"
vg=$(vgname c)
vol vgcreate "$vg" "$A" "$B" >/dev/null
vol vgs --reportformat json --separator : "$vg" | jq -e '.report[0].vg[0].vg_name' >/dev/null ||
	fail "JSON with --separator is not JSON"
out=$(vol vgs --separator : -S 'vg_name=nothing_is_called_this')
assert_eq "$out" "" "--separator with no rows"
out=$(vol vgs --rows -S 'vg_name=nothing_is_called_this')
assert_eq "$out" "" "--rows with no rows"

echo "== selections: flags by true, tags by \"\" and [a , b]"
vol vgchange --addtag a --addtag b "$vg" >/dev/null
assert_eq "$(vol vgs --noheadings -o vg_name -S 'vg_extendable=true' "$vg" | tr -d ' ')" "$vg" \
	"vg_extendable=true"
assert_eq "$(vol vgs --noheadings -o vg_name -S 'vg_tags=""' "$vg" | tr -d ' ')" "" "tags = empty"
assert_eq "$(vol vgs --noheadings -o vg_name -S 'vg_tags=[b , a]' "$vg" | tr -d ' ')" "$vg" \
	"tags = [b , a]"
assert_rc 5 vol vgs -S '(vg_name=x'
assert_rc 5 vol vgs -S 'vg_name'
assert_rc 5 vol vgs -S 'no_such_field=1'
vol vgremove "$vg" >/dev/null

echo "== two VGs with one name are both listed and reachable by UUID"
vg=$(vgname d)
"$VOLUME" vgcreate --devices "$D" --backup-dir "$T/backup" --archive-dir "$T/archive" "$vg" "$D" >/dev/null
"$VOLUME" vgcreate --devices "$E" --backup-dir "$T/backup" --archive-dir "$T/archive" "$vg" "$E" >/dev/null
n=$(vol vgs --reportformat json -o vg_uuid "$vg" | jq '.report[0].vg | length')
assert_eq "$n" 2 "VGs listed"
for u in $(vol vgs --reportformat json -o vg_uuid | jq -r '.report[0].vg[].vg_uuid'); do
	vol vgchange --addtag "by_uuid" "$u" >/dev/null
	assert_eq "$(vol vgs --noheadings -o vg_tags "$u" | tr -d ' ')" by_uuid "tag by UUID $u"
done
assert_rc 5 vol vgchange --addtag x "$vg"
last_output | grep -q "UUID" || fail "no hint to use the UUID"
