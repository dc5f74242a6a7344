#!/usr/bin/env bash
# Each tool activates what the other created, with our CLI: a VG of 42 LVs
# (linear, striped over 2 and 3 PVs, LVs of 2 and 3 segments over several
# PVs, read-only ones, names with dashes), half made by lvm2, half by us.
# vgchange -ay by lvm2 and by us gives byte-identical dm devices (names,
# UUIDs, tables, numbers, states), nodes and /dev links, and lvm2's lvs
# reads both alike; each tool's vgchange -an takes down the other's
# activation; lvchange -ay of single striped and multi-segment LVs loads
# the same tables either way.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_disks 3
a=$(disk 0) b=$(disk 1) c=$(disk 2)
devs=$a,$b,$c
vol() { volume "$1" --devices "$devs" "${@:2}"; }
lvm() { command lvm "$1" --devices "$devs" "${@:2}"; }
t0=$(now)
section() {
	note "$(printf '%6d ms' $((($(now) - t0) / 1000))): $*"
}

run vol pvcreate -q "$a" "$b" "$c"
run vol vgcreate -q vx "$a" "$b" "$c"

section "lvm2 and we create the same shapes"
# mk TOOL PREFIX: one of each shape, named PREFIX-...
mk() {
	local t=$1 p=$2 z=
	[ "$t" = lvm ] && z=-Zn
	run $t lvcreate -q -an $z -L 4M -n "$p-lin" vx "$a"
	run $t lvcreate -q -an $z -i 2 -I 64k -L 8M -n "$p-str2" vx "$b" "$c"
	run $t lvcreate -q -an $z -i 3 -L 12M -n "$p-str3" vx "$a" "$b" "$c"
	run $t lvcreate -q -an $z -L 4M -n "$p-seg2" vx "$a"
	run $t lvextend -q -L 8M "vx/$p-seg2" "$b"
	run $t lvcreate -q -an $z -L 4M -n "$p-seg3" vx "$c"
	run $t lvextend -q -L 8M "vx/$p-seg3" "$a"
	run $t lvextend -q -L 12M "vx/$p-seg3" "$b"
	run $t lvcreate -q -an $z -p r -L 4M -n "$p-ro" vx "$b"
}
mk lvm l
mk vol v
for i in $(seq 1 15); do	# and many small ones, alternately
	run lvm lvcreate -q -an -Zn -L 4M -n "lm$i" vx
	run vol lvcreate -q -an -L 4M -n "vm$i" vx
done
nlv=$(lvm lvs --noheadings -o lv_name vx | wc -l)
assert_eq "$nlv" 42 "LVs in vx"

# Everything the kernel and /dev show of the VG's devices.
snap() {
	{
		dmsetup table | grep '^vx-' | sort
		dmsetup info -c --noheadings -o name,uuid,attr,major,minor | grep '^vx-' | sort
		for n in /dev/mapper/vx-*; do
			[ ! -e "$n" ] || stat -c '%n %A %U %G %t:%T' "$n"
		done
		[ ! -d /dev/vx ] || stat -c '%n %A %U %G' /dev/vx
		for l in /dev/vx/*; do
			[ ! -L "$l" ] || echo "$l -> $(readlink "$l")"
		done
		true
	} >"$1"
}
same() { # WHAT LVM2-FILE OURS-FILE
	if ! cmp -s "$2" "$3"; then
		echo "--- lvm2 ($2) / +++ ours ($3):"
		diff "$2" "$3" || true
		die "$1: ours differs from lvm2's"
	fi
}
lvs_view() { # as lvm2 reads the kernel
	lvm lvs -a --noheadings -o lv_name,lv_attr,lv_active,lv_kernel_major,lv_kernel_minor vx
}

section "vgchange -ay: lvm2, then ours"
start=$(now)
run lvm vgchange -ay vx
note "lvm2's vgchange -ay of $nlv LVs: $((($(now) - start) / 1000)) ms"
assert_line "$(out)" "^  $nlv logical volume\(s\) in volume group \"vx\" now active$" "lvm2's vgchange -ay"
snap lvm2.snap
lvs_view >lvm2.lvs
start=$(now)
run vol vgchange -an vx	# ours takes down lvm2's activation
note "our vgchange -an of lvm2's $nlv LVs: $((($(now) - start) / 1000)) ms"
assert_eq "$(dm_names)" "" "dm devices after our vgchange -an"
[ ! -e /dev/vx ] || die "/dev/vx left after our vgchange -an"
start=$(now)
run vol vgchange -ay vx
note "our vgchange -ay of $nlv LVs: $((($(now) - start) / 1000)) ms"
assert_line "$(out)" "^  $nlv logical volume\(s\) in volume group \"vx\" now active$" "our vgchange -ay"
snap ours.snap
lvs_view >ours.lvs
same "vgchange -ay of $nlv LVs" lvm2.snap ours.snap
same "lvm2's lvs of the activation" lvm2.lvs ours.lvs
assert_line "$(cat ours.snap)" "^vx-l--str3: 0 24576 striped 3 128 " "lvm2's 3-stripe LV"
assert_line "$(cat ours.snap)" "^vx-v--seg3: 16384 8192 linear " "our 3-segment LV"
assert_line "$(cat ours.snap)" "^/dev/vx/v-ro -> /dev/mapper/vx-v--ro$" "link of v-ro"
assert_line "$(cat ours.snap)" "^vx-l--ro:LVM-[A-Za-z0-9]{64}:L--r:" "lvm2's read-only LV"
run lvm vgchange -an vx	# lvm2 takes down ours
assert_eq "$(dm_names)" "" "dm devices after lvm2's vgchange -an"
[ ! -e /dev/vx ] || die "/dev/vx left after lvm2's vgchange -an"

section "lvchange -ay of single LVs, both ways"
for lv in l-str2 v-str2 l-str3 v-str3 l-seg2 v-seg2 l-seg3 v-seg3 l-ro v-ro; do
	run lvm lvchange -ay "vx/$lv"
	snap lvm2.one
	run vol lvchange -an "vx/$lv"
	assert_eq "$(dm_names)" "" "dm devices after our lvchange -an vx/$lv"
	run vol lvchange -ay "vx/$lv"
	snap ours.one
	same "lvchange -ay vx/$lv" lvm2.one ours.one
	run lvm lvchange -an "vx/$lv"
	assert_eq "$(dm_names)" "" "dm devices after lvm2's lvchange -an vx/$lv"
done
section "done"
