#!/usr/bin/env bash
# pvs and vgs reports against lvm2's on the same devices: columns (-o, -o+),
# sorting (-O, descending), units (and SI units), --nosuffix, --noheadings,
# --separator, --aligned, --nameprefixes, --rows, selection (-S), JSON (lvm2's
# bytes, and compared value by value), json_std (types; lvm2 2.03.16 has no
# json_std to compare with), --binary, and the default tables, byte for byte.
# Assertions are soft (see tests/lib/common.sh): every failure is listed, then the test fails.
. "$(dirname "$0")/lib.sh"

setup_loops 5
R0=${DEVS[0]} R1=${DEVS[1]} R2=${DEVS[2]} R3=${DEVS[3]} R4=${DEVS[4]}
vg1=$(vgname r1) vg2=$(vgname r2)
# Two VGs (different extent sizes, tags, an LV made by lvm2 so that used and
# free differ, a PV with two metadata areas) and an orphan PV.
run vol vgcreate --addtag alpha --addtag beta "$vg1" "$R0" "$R1"
run vol vgcreate -s 1m --addtag gamma --pvmetadatacopies 2 "$vg2" "$R2" "$R3"
run vol pvcreate "$R4"
run lvm lvcreate -an -Zn -l 5 -n lv1 "$vg1" "$R0"
run lvm lvcreate -an -Zn -l 7 -n lv2 "$vg2" "$R3"
check --lvm vg_field "$vg1" lv_count 1 "lvm2 made lv1"

# same_text CMD ARGS...: our output (and exit code) is lvm2's, byte for
# byte (trailing spaces too: lvm2 pads every column, the last one too).
same_text() {
	local rca=0 rcb=0
	vol "$@" >"$T/ours.txt" 2>&1 || rca=$?
	lvm "$@" >"$T/lvm2.txt" 2>/dev/null || rcb=$?
	assert_eq "$rca" "$rcb" "exit code of $*"
	cmp -s "$T/ours.txt" "$T/lvm2.txt" || die "$* differs from lvm2's:
--- lvm2
+++ ours
$(diff "$T/lvm2.txt" "$T/ours.txt" | sed 's/ /·/g; s/^/    /')"
}

# same_values CMD ARGS...: like same_text, but blanks squeezed: the values,
# not the column widths (checked on their own below).
same_values() {
	local a b rca=0 rcb=0
	a=$(vol "$@" 2>&1) || rca=$?
	b=$(lvm "$@" 2>/dev/null) || rcb=$?
	assert_eq "$rca" "$rcb" "exit code of $*"
	assert_eq "$(tr -s ' ' <<<"$a" | sed 's/ *$//')" "$(tr -s ' ' <<<"$b" | sed 's/ *$//')" "values of $*"
}

# ---------------------------------------------------------------- default tables

soft same_text pvs
soft same_text vgs
soft same_text pvs "$R0" "$R4"
soft same_text vgs "$vg2"

# ---------------------------------------------------------------- columns and sorting

soft same_text pvs -o pv_name,pv_size,vg_name,pv_uuid
soft same_values pvs -o +pv_uuid,pv_mda_count,pe_start
soft same_text vgs -o +vg_uuid,vg_extent_size,vg_seqno
soft same_text vgs -o vg_name,vg_free,vg_tags
soft same_text pvs -O -pv_free
soft same_text pvs -O vg_name,-pv_size -o pv_name,vg_name,pv_size
soft same_text vgs -O -vg_free
soft same_text pvs -o pv_name,pv_free -O -pv_free --units b --nosuffix --noheadings
desc=$(vol pvs -o pv_free -O -pv_free --units b --nosuffix --noheadings | xargs)
soft assert_eq "$desc" "$(tr ' ' '\n' <<<"$desc" | sort -rn | xargs)" "-O -pv_free is descending"
soft run vol pvs --options help
# unknown_field: the exit code is lvm2's, and the message names the field.
unknown_field() {
	local want=0
	lvm pvs -o pv_name,nosuchfield >/dev/null 2>&1 || want=$?
	exits "$want" vol pvs -o pv_name,nosuchfield
	assert_has "$(output)" nosuchfield "message for an unknown field"
}
soft unknown_field

# ---------------------------------------------------------------- units

SIZES=pv_size,pv_free,pv_used,dev_size,pe_start,pv_mda_size,pv_mda_free
VSIZES=vg_size,vg_free,vg_extent_size,vg_mda_size,vg_mda_free
for u in b s k m g t h B S K M G T H; do
	soft same_values pvs --noheadings --units $u -o "pv_name,$SIZES"
	soft same_values vgs --noheadings --units $u -o "vg_name,$VSIZES"
done
# K is 1000 bytes, k 1024: check one value by arithmetic too.
soft assert_eq "$(vol pvs --noheadings --units K -o dev_size "$R4" | xargs)" \
	"$(awk -v b="$(get pv_field "$R4" dev_size)" 'BEGIN { printf "%.2fK", b / 1000 }')" "--units K is SI"
for u in b k m H; do
	soft same_values pvs --noheadings --nosuffix --units $u -o "pv_name,$SIZES"
done
soft same_values pvs --nosuffix	# human units keep their suffix in lvm2
soft same_values vgs --nosuffix

# ---------------------------------------------------------------- column widths
# lvm2 gives each field a minimum width (wider than its heading for sizes
# in bytes, flags...); a script cutting columns by position relies on it.

soft same_text pvs -o +pv_uuid,pv_mda_count,pe_start
soft same_text pvs --units b -o pv_name,pe_start,pv_mda_size,pv_mda_free
soft same_text vgs --binary -o vg_name,vg_extendable,vg_exported,vg_partial

# ---------------------------------------------------------------- layouts

soft same_text pvs --noheadings
soft same_text vgs --noheadings
soft same_text pvs --separator :
soft same_text pvs --separator ' | ' -o pv_name,vg_name,pv_tags,vg_tags
soft same_text pvs --separator : --aligned
soft same_text vgs --separator : --aligned --noheadings
soft same_text pvs --aligned
soft same_text pvs --nameprefixes --noheadings
soft same_text pvs --nameprefixes --noheadings --unquoted -o pv_name,vg_name,vg_tags
soft same_text vgs --nameprefixes --noheadings --units b
run vol pvs --nameprefixes --noheadings -o pv_name,vg_name,pv_size
soft assert_eq "$(grep -vE "^  LVM2_PV_NAME='[^']*' LVM2_VG_NAME='[^']*' LVM2_PV_SIZE='[^']*'$" <<<"$(output)")" "" \
	"--nameprefixes lines not in the format"
soft same_text pvs --rows
soft same_text pvs --rows --noheadings
soft same_text vgs --rows
soft same_text pvs --rows --separator :

# ---------------------------------------------------------------- selection

# sel KIND EXPR: the rows we select are the rows lvm2 selects.
sel() {
	local kind=$1 f=pv_name a b
	[ "$kind" = pvs ] || f=vg_name
	a=$(vol "$kind" --noheadings -o $f -S "$2" 2>&1 | xargs)
	b=$(lvm "$kind" --noheadings -o $f -S "$2" 2>/dev/null | xargs)
	assert_eq "$a" "$b" "$kind -S '$2'"
}
while IFS= read -r expr; do
	soft sel pvs "$expr"
done <<EOF
pv_free < 50m
pv_free > 50m
pv_free >= 40m && vg_name = $vg1
pv_size = 64m
pv_size != 64m
pv_used > 0
pv_free < 62914561b && pv_free > 40960k
vg_name = $vg2
vg_name != $vg2
vg_name = ""
vg_name = $vg1 || pv_pe_alloc_count > 0
vg_extent_size = 1m
vg_extent_size < 4m && pv_free > 0
vg_tags = alpha
vg_tags = gamma
vg_tags != alpha
vg_tags = [alpha,beta]
vg_tags = {beta}
pv_mda_count = 2 && vg_tags = gamma
pv_name =~ loop
!(vg_name = $vg1)
vg_name = "$vg1" && vg_tags = beta && pv_used > 0
EOF
while IFS= read -r expr; do
	soft sel vgs "$expr"
done <<EOF
vg_free > 100m
vg_extent_size = 4m
vg_tags = gamma || lv_count > 5
vg_name != $vg1 && vg_size < 200m
pv_count = 2 && vg_free < 120m
EOF

# ---------------------------------------------------------------- JSON

# same_json CMD ARGS...: the parsed .report of ours equals lvm2's.
same_json() {
	local a b
	a=$(vol "$@" --reportformat json 2>/dev/null | jq -S -c .report) || die "our JSON of $* does not parse"
	b=$(report --lvm "$@" | jq -S -c .report)
	[ -n "$b" ] || die "no JSON from lvm2 for $*"
	assert_eq "$a" "$b" "JSON of $*"
}
soft same_json pvs
soft same_json vgs
soft same_json pvs --units b --nosuffix -o pv_name,pv_uuid,pv_size,pv_free,pv_used,pe_start,pv_pe_count,pv_pe_alloc_count,pv_mda_count,pv_mda_size,pv_tags,pv_attr,vg_name,pv_in_use
soft same_json vgs --units b --nosuffix -o vg_name,vg_uuid,vg_attr,vg_size,vg_free,vg_extent_size,vg_seqno,vg_tags,pv_count,lv_count,max_lv,max_pv
soft same_json pvs --binary -o pv_name,pv_in_use,pv_allocatable,pv_exported,pv_missing
soft same_json vgs -O -vg_size -o vg_name,vg_size
soft same_json pvs -S "vg_tags = gamma"
# lvm2's JSON bytes: a row per line, every value a string.
soft same_text pvs --reportformat json
soft same_text vgs --reportformat json
soft same_text pvs --reportformat json --units b --nosuffix -o pv_name,pv_size,pv_tags,vg_tags,pv_in_use
soft same_text vgs --reportformat json -S "vg_name = nosuch"
assert_eq "$(report pvs | jq -r '.report[0].pv | map(.pv_size | type) | unique | .[]')" string \
	"json values are strings"

# json_std: standard JSON; numbers are numbers, tag lists are arrays.
vol pvs --reportformat json_std --units b --nosuffix -S "vg_name = $vg1" \
	-o pv_name,pv_size,pv_pe_count,vg_seqno,pv_mda_count,vg_tags,pv_in_use >"$T/std" 2>&1
if jq -e . "$T/std" >/dev/null 2>&1; then
	soft assert_eq "$(jq -r '[.report[0].pv[] | (.pv_size, .pv_pe_count, .vg_seqno, .pv_mda_count) | type] | unique | join(",")' "$T/std")" \
		number "json_std numbers"
	soft assert_eq "$(jq -r '[.report[0].pv[] | .pv_name | type] | unique | join(",")' "$T/std")" string "json_std strings"
	soft assert_eq "$(jq -c '[.report[0].pv[] | .vg_tags] | unique' "$T/std")" '[["alpha","beta"]]' "json_std tag lists"
else
	soft die "json_std output of pvs is not JSON: $(cat "$T/std")"
fi
vol vgs --reportformat json_std --binary --units b --nosuffix -o vg_name,vg_size,vg_tags,vg_extendable,vg_seqno >"$T/std" 2>&1
if jq -e . "$T/std" >/dev/null 2>&1; then
	soft assert_eq "$(jq -r '[.report[0].vg[] | (.vg_size, .vg_extendable, .vg_seqno) | type] | unique | join(",")' "$T/std")" \
		number "json_std --binary numbers"
	soft assert_eq "$(jq -c '[.report[0].vg[] | .vg_tags | type] | unique' "$T/std")" '["array"]' "json_std vg_tags"
else
	soft die "json_std --binary output of vgs is not JSON: $(cat "$T/std")"
fi
vol vgs --reportformat json_std -o vg_name,vg_extendable,vg_size >"$T/std" 2>&1
jq -e . "$T/std" >/dev/null 2>&1 || soft die "json_std of a flag column is not JSON: $(cat "$T/std")"

# ---------------------------------------------------------------- --binary, tags order

soft same_values pvs --binary -o pv_name,pv_in_use,pv_allocatable,pv_exported,pv_missing
soft same_values vgs --binary -o vg_name,vg_extendable,vg_exported,vg_partial
run vol vgchange --addtag zulu --addtag able "$vg2"	# not in sorted order
soft same_text vgs -o vg_name,vg_tags
soft same_text pvs -o pv_name,vg_tags
soft sel pvs "vg_tags = able"

# A report that cannot be written (a full disk) fails and says why (lvm2
# 2.03.16 exits 0 there, and says nothing).
full_disk() {
	local rc=0 how
	for how in "" "--reportformat json"; do
		rc=0
		# shellcheck disable=SC2086	# $how is options or nothing
		vol pvs $how >/dev/full 2>"$T/full.err" || rc=$?
		assert_eq "$rc" 5 "exit code of pvs $how into /dev/full"
		assert_has "$(cat "$T/full.err")" "Failed to write to standard output: No space left on device" \
			"pvs $how into /dev/full says why"
	done
}
soft full_disk

echo "report: ok"
