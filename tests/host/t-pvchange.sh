#!/usr/bin/env bash
# pvchange against lvm2 2.03.16: each change is read back by lvm2, and each
# message (stdout, stderr, exit code) is the one lvm2 prints for the same
# command on the same devices in the same state.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-alike.sh"

setup_loops 5 32M
A=${DEVS[0]} B=${DEVS[1]} C=${DEVS[2]} D=${DEVS[3]} E=${DEVS[4]}

vg1=$(vgname 1) vg2=$(vgname 2)
run lvm vgcreate "$vg1" "$A" "$B"
run lvm lvcreate -an -Zn -L 8m -n lv1 "$vg1" "$A"
run lvm vgcreate "$vg2" "$C"
run lvm pvcreate "$D"

echo "== -x: lvm2 reads the change; already allocatable is lvm2's warning"
run vol pvchange -x n "$B"
assert_eq "$(out)" "  Physical volume \"$B\" changed
  1 physical volume changed / 0 physical volumes not changed" "pvchange -x n output"
check --lvm pv_field "$B" pv_allocatable "" "lvm2 reads B as not allocatable"
assert_eq "$(get --lvm pv_field "$B" pv_attr)" "$(get pv_field "$B" pv_attr)" "pv_attr of B"
not lvm lvcreate -an -Zn -l 8 -n nope "$vg1" "$B"	# lvm2 does not allocate there
both pvchange -x n "$B"
both pvchange -x y "$A" "$C"
run vol pvchange -x y "$B"
check --lvm pv_field "$B" pv_allocatable allocatable
check --lvm vgck_clean "$vg1"

echo "== tags: a leading @ is dropped, deleting an absent tag is not an error"
run vol pvchange --addtag @t1 --addtag t2 "$A" "$C"
check --lvm pv_field "$A" pv_tags t1,t2
check --lvm pv_field "$C" pv_tags t1,t2
run vol pvchange --deltag t1 --deltag absent "$C"
check --lvm pv_field "$C" pv_tags t2
echo "   (@tag arguments name the PVs with that tag; lvm2 names the same ones)"
both pvchange -x y @t2
echo "   (an orphan takes no tag, a bad tag is a command-line error)"
both pvchange --addtag t3 "$D"
both pvchange --addtag 'bad@tag' "$A"
both pvchange --addtag '' "$A"
echo "   (thousands of tags: lvm2 has no limit)"
args=()
for ((i = 0; i < 300; i++)); do args+=(--addtag "many_$i"); done
not vol pvchange "${args[@]}" "$E"	# E is not a PV yet: refused
run lvm pvcreate "$E"
run lvm vgextend "$vg2" "$E"
run vol pvchange "${args[@]}" "$E"
assert_eq "$(get --lvm pv_field "$E" pv_tags | tr ',' '\n' | wc -l)" 300 "tags lvm2 reads on E"
run lvm vgreduce "$vg2" "$E"
run lvm pvremove "$E"

echo "== orphans: no allocatability (lvm2's refusal), metadata areas and UUID change"
both pvchange -x y "$D"
old=$(get --lvm pv_field "$D" pv_uuid)
run vol pvchange -u "$D"
new=$(get --lvm pv_field "$D" pv_uuid)
assert_ne "$new" "$old" "D's UUID after pvchange -u"
assert_eq "$(get pv_field "$D" pv_uuid)" "$new" "our UUID of D"
run vol pvchange --metadataignore y "$D"
check --lvm pv_field "$D" pv_mda_used_count 0
both pvchange --metadataignore y "$D"
run vol pvchange --metadataignore n "$D"
check --lvm pv_field "$D" pv_mda_used_count 1
both pvchange --metadataignore n "$D"
run lvm vgextend "$vg2" "$D"	# lvm2 takes the changed orphan
run lvm vgreduce "$vg2" "$D"

echo "== a member's UUID: label and metadata change together"
old=$(get --lvm pv_field "$B" pv_uuid)
run vol pvchange -u "$B"
new=$(get --lvm pv_field "$B" pv_uuid)
assert_ne "$new" "$old" "B's UUID after pvchange -u"
check --lvm vg_field "$vg1" pv_count 2
check --lvm pv_field "$B" vg_name "$vg1"
check --lvm vgck_clean "$vg1"
run vol vgck "$vg1"
run lvm lvs "$vg1/lv1"

echo "== a member's metadata areas: ignored, kept out of later writes, used again"
run vol pvchange --metadataignore y "$B"
check --lvm pv_field "$B" pv_mda_used_count 0
check --lvm vg_field "$vg1" vg_mda_used_count 1
run lvm vgchange --addtag after "$vg1"	# lvm2 writes A only
run vol vgchange --addtag ours "$vg1"	# and so do we
check --lvm vgck_clean "$vg1"
check --lvm pv_field "$B" pv_mda_used_count 0
run vol pvchange --metadataignore n "$B"
check --lvm pv_field "$B" pv_mda_used_count 1
check --lvm vgck_clean "$vg1"
check --lvm vg_field "$vg1" vg_tags after,ours
echo "   (the last areas in use of a VG stay in use, as lvm2 refuses)"
both pvchange --metadataignore y "$C"

echo "== a VG with a preferred number of copies: the question, answered from stdin"
run lvm vgchange --vgmetadatacopies 2 "$vg1"
both pvchange --metadataignore y "$B"	# no answer on stdin: no
check --lvm pv_field "$B" pv_mda_used_count 1
# shellcheck disable=SC2016
run bash -c 'echo y | "$@"' _ "$VOLUME" pvchange --devices "$DEVLIST" --backup-dir "$T/backup" \
	--archive-dir "$T/archive" --metadataignore y "$B"
assert_has "$(output)" "Override preferred number of copies of VG $vg1 metadata? [y/n]: " "the question"
assert_has "$(output)" "WARNING: Changing preferred number of copies of VG $vg1 metadata from 2 to 1"
check --lvm vg_field "$vg1" vg_mda_copies 1
check --lvm pv_field "$B" pv_mda_used_count 0
run vol pvchange -f --metadataignore n "$B"	# -f: no question
check --lvm pv_field "$B" pv_mda_used_count 1
check --lvm vg_field "$vg1" vg_mda_copies 2
check --lvm vgck_clean "$vg1"

echo "== -a: every PV, lvm2's lines and count"
lvm_said pvchange -a -x y
vol_said pvchange -a -x y
alike "pvchange -a -x y"
assert_line "$(cat "$T/v.out")" "0 physical volumes changed / 4 physical volumes not changed"

echo "== an exported VG: its PVs named are refused, -a skips them"
run lvm vgexport "$vg2"
both pvchange -x y "$C"
both pvchange -a -x y
run lvm vgimport "$vg2"

echo "== bad arguments: lvm2's words and exit codes"
both pvchange -x maybe "$A"
both pvchange --metadataignore maybe "$A"
both pvchange -a -x y "$A"
both pvchange --addtag x
both pvchange "$A"
both pvchange -x y /no/such/device
both pvchange -x y "$E"	# not a PV
invalid vol pvchange -x y -a "$A"

echo "== a VG made of PVs whose every area is ignored takes one back into use, as lvm2"
vg3=$(vgname 3)
run vol pvcreate --metadataignore y "$E"
check --lvm pv_field "$E" pv_mda_used_count 0
run vol vgcreate "$vg3" "$E"
check --lvm vg_field "$vg3" vg_mda_used_count 1
check --lvm vgck_clean "$vg3"
run vol vgremove "$vg3"
run vol pvremove "$E"

check --lvm vgck_clean "$vg1"
check --lvm vgck_clean "$vg2"
