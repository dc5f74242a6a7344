#!/usr/bin/env bash
# lvs, lvdisplay, lvscan and vgs against lvm2's, byte for byte (stdout and
# exit code; stderr too where a message is the point), on two VGs whose LVs
# both tools made: linear, two segments on two PVs, two stripes, read-only,
# tagged, hyphenated, contiguous and cling policies, a fixed minor, an
# activation-skipped LV, a read-ahead.  No device-mapper here: lvm2 runs with
# activation disabled and shows the kernel's part as unknown (X in lv_attr,
# "unknown", -1), and so must we.  Assertions are soft (see
# tests/lib/common.sh): every difference is listed, then the test fails.
. "$(dirname "$0")/lib.sh"

setup_loops 4 256M
A=${DEVS[0]} B=${DEVS[1]} C=${DEVS[2]} D=${DEVS[3]}
vg=$(vgname l)
vg2=$(vgname a)-x	# sorts first; its hyphen is doubled in /dev/mapper names
run vol vgcreate "$vg" "$A" "$B" "$C"
run lvm vgcreate "$vg2" "$D"

# LVs made by both tools, in an order that is not the sorted one.
run lvm lvcreate -an -Zn -L 8M -n lin "$vg" "$A"
run vol lvcreate -an -l 2 -n span "$vg" "$A:10-10" "$B:20-20"
run lvm lvcreate -an -Zn -i 2 -I 64k -L 16M -n str "$vg" "$B" "$C"
run vol lvcreate -an -i 2 -I 128k -L 8M -n str2 "$vg" "$B" "$C"
run vol lvcreate -an -L 4M -p r -n ro "$vg" "$A"
run lvm lvcreate -an -Zn -L 4M --addtag tagB --addtag tagA -n tagged "$vg" "$A"
run vol lvcreate -an -L 4M --addtag tagA -n my-lv "$vg" "$A"
run lvm lvcreate -an -Zn -L 4M -C y -n cont "$vg"
run vol lvcreate -an -L 4M --alloc cling -n cl "$vg"
run lvm lvcreate -an -Zn -l 3 -n span3 "$vg" "$C:30-30" "$A:40-41"
run lvm lvcreate -an -Zn -L 4M -My --minor 200 -n fixed "$vg"
run lvm lvcreate -an -Zn -L 4M -ky -n skip "$vg"
run lvm lvchange --readahead 1024 "$vg/cl"
run vol lvcreate -an -L 4M -n zz "$vg2"
run lvm lvcreate -an -Zn -L 8M -n my-aa "$vg2"
check --lvm vg_field "$vg" lv_count 12 "lvm2 sees every LV"
# Segment types lvm2 makes without device-mapper that we only read: raid0
# (hidden images), error and zero (virtual, no extents).
run lvm lvcreate -an -Zn --type raid0 -i 2 -I 128k -L 8M -n r0 "$vg" "$B" "$C"
run lvm lvcreate -an -Zn --type error -L 4M -n err "$vg"
run lvm lvcreate -an -Zn --type zero -L 12M -n zero "$vg2"
check --lvm vg_field "$vg" lv_count 14 "lvm2 sees the raid0 and error LVs"

# same CMD ARGS...: our stdout and exit code are lvm2's, byte for byte.
# same_err CMD ARGS...: and the stderr too (lvm2's no-device-mapper notice
# aside).
compare() {
	local with_err=$1 rca=0 rcb=0
	shift
	vol "$@" </dev/null >"$T/ours.out" 2>"$T/ours.err" || rca=$?
	lvm "$@" </dev/null >"$T/lvm.out" 2>"$T/lvm.err" || rcb=$?
	assert_eq "$rca" "$rcb" "exit code of $*"
	cmp -s "$T/ours.out" "$T/lvm.out" || die "$* differs from lvm2's:
--- lvm2
+++ ours
$(diff "$T/lvm.out" "$T/ours.out" | sed -n 's/ /·/g; 1,40p')"
	[ "$with_err" = 0 ] || assert_eq "$(cat "$T/ours.err")" "$(lvm_stderr "$T/lvm.err")" "stderr of $*"
}
same() { compare 0 "$@"; }
same_err() { compare 1 "$@"; }

# ---------------------------------------------------------------- lvs: columns

soft same lvs
soft same lvs -a
soft same lvs --segments
soft same lvs -a --segments
soft same lvs -v
soft same lvs --segments -v
soft same lvs -o +seg_pe_ranges,devices
soft same lvs -o lv_name,segtype,stripes,stripe_size,devices	# a row per segment
soft same lvs -o lv_name,lv_uuid,lv_size,lv_attr,lv_active,lv_dm_path,lv_path,seg_count,lv_tags,origin
soft same lvs -o lv_name,seg_start,seg_start_pe,seg_size,seg_size_pe,seg_le_ranges,region_size
soft same lvs -o lv_name,lv_read_ahead,lv_kernel_read_ahead,lv_kernel_major,lv_kernel_minor,lv_major,lv_minor
soft same lvs -o lv_name,lv_allocation_policy,lv_permissions,lv_time,lv_host,lv_full_name,lv_layout,lv_role
soft same lvs -o lv_all
soft same lvs --segments -o seg_all
soft same lvs -o +vg_uuid,vg_extent_size,pv_count,vg_tags
soft same lvs -o name,size,stripesize,LV_ATTR	# names as lvm2 matches them
soft same lvs -o -lv_attr,lv_size
soft same lvs --binary -o lv_name,lv_active_locally,lv_fixed_minor,lv_suspended,lv_skip_activation,zero

# ---------------------------------------------------------------- lvs: units and layouts

for u in b k m g h H s r R 4k 3m 1t; do
	soft same lvs --units $u
	soft same lvs --units $u -o lv_name,lv_size,seg_start,seg_size,stripe_size,lv_read_ahead,lv_kernel_read_ahead
done
soft same lvs -o+seg_pe_ranges,devices,stripes,stripe_size
soft same lvs -a -o+seg_pe_ranges,devices,stripes,stripe_size --units b
soft same lvs -o lv_name -o +lv_size,seg_count -o+devices
soft same lvs -o +lv_tags -o -lv_size
soft same lvs --units 4k --nosuffix -o lv_name,lv_size,seg_size
soft same lvs --nosuffix --noheadings
soft same lvs --units b --nosuffix --noheadings -o lv_name,lv_size,seg_count,stripes,stripe_size
soft same lvs --separator :
soft same lvs --separator : --aligned
soft same lvs --separator ' | ' -o lv_name,lv_tags,devices
soft same lvs --nameprefixes
soft same lvs --nameprefixes --noheadings -o lv_name,lv_attr,lv_tags
soft same lvs --nameprefixes --noheadings --unquoted --units b
soft same lvs --rows
soft same lvs --rows --separator :

# ---------------------------------------------------------------- lvs: sorting, selection, arguments

soft same lvs -O -lv_name
soft same lvs -O lv_size,-lv_name -o lv_name,lv_size
soft same lvs -O -vg_name,seg_start -o lv_name,seg_start,devices
soft same lvs -a -O lv_attr,-lv_size -o lv_name,lv_attr,lv_size
soft same lvs --sort seg_count,lv_name -o lv_name,seg_count --segments
soft same lvs -a --segments -O -stripes,segtype -o lv_name,segtype,stripes,seg_size_pe
while IFS= read -r expr; do
	soft same lvs -S "$expr"
done <<EOF
lv_name=~^s
lv_size>4m
lv_size<=4m && vg_name=$vg
lv_tags=tagA
lv_tags=[tagA,tagB]
lv_tags={tagB}
!(lv_tags=tagA)
lv_attr=~^-r
lv_allocation_policy=contiguous || lv_allocation_policy=cling
seg_count>1
lv_name=lin || lv_name=ro
stripes=2
lv_path=~my
vg_name=$vg2
lv_kernel_major=-1 && lv_name=fixed
lv_name=nosuch
segtype=raid0
lv_attr=~^v
lv_layout=~raid || lv_role=~image
lv_size>=8m && seg_count=1
EOF
soft same lvs "$vg"
soft same lvs "/dev/$vg2"
soft same lvs "$vg/lin" "/dev/$vg/span" "/dev/mapper/${vg2//-/--}-my--aa"
soft same lvs "$vg" "$vg/lin"
soft same lvs @tagA
soft same lvs @nosuch
soft same_err lvs "$vg/nosuch"
soft same_err lvs "$vg/nosuch" "$vg/lin"
soft same_err lvs nosuchvg
soft same_err lvs nosuchvg/lv

# ---------------------------------------------------------------- JSON

soft same lvs --reportformat json
soft same lvs -a --segments --reportformat json -o lv_name,segtype,stripes,stripe_size,devices,seg_pe_ranges
soft same lvs --reportformat json -o lv_all
soft same lvs --reportformat json -S lv_name=nosuch
soft same lvs --reportformat json --units b --nosuffix -o lv_name,lv_size,seg_count,lv_tags
soft same lvs --reportformat json -a -o+seg_pe_ranges,devices,stripes,stripe_size
soft same lvs --reportformat json --segments -S 'segtype=striped || segtype=raid0' 
soft same vgs --reportformat json
soft same pvs --reportformat json
# json_std, our extension (lvm2 2.03.16 has none): the same rows, typed
# (fixed first: rows sort by name; lvm2 gave it major 0).
json_std() {
	run vol lvs --reportformat json_std --units b --nosuffix --binary \
		-o lv_name,lv_size,seg_count,lv_major,lv_tags,lv_fixed_minor,lv_suspended "$vg/tagged" "$vg/fixed"
	assert_eq "$(out | jq -c '[.report[0].lv[] | [(.lv_size | type), (.seg_count | type),
		.lv_major, .lv_tags, .lv_fixed_minor, .lv_suspended]]')" \
		'[["number","number",0,[],1,-1],["number","number",-1,["tagA","tagB"],0,-1]]' "json_std values"
}
soft json_std

# ---------------------------------------------------------------- vgs

soft same vgs
soft same vgs -v
soft same vgs -o vg_name,lv_count,snap_count
soft same vgs "$vg"
soft same_err vgs nosuchvg

# ---------------------------------------------------------------- lvdisplay, lvscan

soft same lvdisplay
soft same lvdisplay -m
soft same lvdisplay -c
soft same lvdisplay -a
soft same lvdisplay "$vg/str" "$vg/span"
soft same lvdisplay -m "$vg2"
soft same lvdisplay -a -m "$vg/r0" "$vg/err"
soft same lvdisplay -c -a
soft same lvdisplay -m @tagA
soft same_err lvdisplay "$vg/nosuch"
soft same_err lvdisplay -c -m
soft same lvscan
soft same lvscan -a
soft same_err lvscan "$vg"

echo "lvreport: ok"
