#!/usr/bin/env bash
# Our activation layer (libvolume/activate.c, through activate-tool) against
# lvm2: for a linear, a 2-segment, a striped, a raid1 and a read-only LV,
# lvm2's and our activation give byte-identical dm tables, names, UUIDs,
# states, nodes and /dev/VG links; each tool deactivates what the other
# activated; an open LV is not deactivated; data lands at pe_start + extent
# offset on the PVs; in-place resizes of active raid1 and linear LVs load
# what lvm2 loads for the new metadata; a crash between suspend and resume
# is resolved.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v activate-tool >/dev/null || die "activate-tool is not in the guest (make vm builds it)"
need_disks 3
a=$(disk 0)
b=$(disk 1)
c=$(disk 2)
vg=vg-act
dmvg=vg--act
lvs_all="lin span str r1 ro"
t0=$(now)
section() {
	note "$(printf '%6d ms' $((($(now) - t0) / 1000))): $*"
}

# Everything the kernel and /dev show of the VG's devices.
snap() { # snap FILE
	{
		dmsetup table | sort
		dmsetup info -c --noheadings -o name,uuid,attr,open | sort
		for n in /dev/mapper/"$dmvg"-*; do
			[ -e "$n" ] && stat -c '%n %A %U %G %t:%T' "$n"
		done
		[ -d /dev/$vg ] && stat -c '%n %A %U %G' /dev/$vg
		for l in /dev/$vg/*; do
			[ -L "$l" ] && echo "$l -> $(readlink "$l")"
		done
		true
	} >"$1"
}

same() { # same WHAT FILE_A FILE_B
	if ! cmp -s "$2" "$3"; then
		echo "--- lvm2 ($2) / ours ($3):"
		diff "$2" "$3" || true
		die "$1: differs from lvm2"
	fi
}

inactive() { # inactive WHAT: no dm device, no /dev/VG
	assert_eq "$(dm_names)" "" "dm devices after $1"
	[ ! -e /dev/$vg ] || die "/dev/$vg still exists after $1"
}

section "lvm2 creates the LVs"
run pvcreate -q "$a" "$b" "$c"
run vgcreate -q $vg "$a" "$b" "$c"
run lvcreate -q -an -Zn -L 8M -n lin $vg "$c"
run lvcreate -q -an -Zn -l 2 -n span $vg "$a"
run lvextend -q -l +2 $vg/span "$b"
run lvcreate -q -an -Zn -i 2 -I 64k -L 16M -n str $vg "$a" "$b"
run lvcreate -q -an -Zn --type raid1 -m 1 -L 16M -n r1 $vg "$a" "$b"
run lvcreate -q -an -Zn -p r -L 4M -n ro $vg "$c:10-10"

section "activation: lvm2, then ours, byte for byte"
# vgchange -ay activates in metadata order; so do we, and the minors follow
run vgchange -q -ay $vg
snap lvm2-all
lvs --noheadings -o lv_name,lv_active,lv_attr $vg >lvm2-lvs
run vgchange -q -an $vg
inactive "vgchange -an"
for lv in $lvs_all; do
	run activate-tool activate $vg $lv
done
snap ours-all
same "activation of $lvs_all" lvm2-all ours-all
lvs --noheadings -o lv_name,lv_active,lv_attr $vg >ours-lvs
same "lvs of our activation" lvm2-lvs ours-lvs
for lv in $lvs_all; do	# again: nothing changes
	run activate-tool activate $vg $lv
done
snap again-all
same "second activation" ours-all again-all
dm=$(awk '$2 == "device-mapper" { print $1 }' /proc/devices)
assert_line "$(cat ours-all)" "^$dmvg-r1: 0 32768 raid raid1 3 0 region_size 4096 2 $dm:3 $dm:4 $dm:5 $dm:6\$"
assert_line "$(cat ours-all)" "^/dev/$vg/span -> /dev/mapper/$dmvg-span\$"
assert_no_line "$(cat ours-all)" "^/dev/$vg/r1_"
assert_line "$(cat ours-all)" "^$dmvg-ro:LVM-[A-Za-z0-9]{64}:L--r:0\$"
cat ours-all
run vgchange -q -an $vg	# lvm2 deactivates what we activated
inactive "lvm2's deactivation of our LVs"

section "deactivation: lvm2 activates, we deactivate"
run vgchange -q -ay $vg
for lv in $lvs_all; do
	run activate-tool deactivate $vg $lv
done
inactive "our deactivation"
run activate-tool deactivate $vg r1	# inactive: a no-op

section "an open LV is not deactivated"
run activate-tool activate $vg lin
exec 3</dev/$vg/lin
not activate-tool deactivate $vg lin
assert_eq "$(dm_names)" "$dmvg-lin" "dm devices while lin is open"
[ -L /dev/$vg/lin ] || die "/dev/$vg/lin went away while open"
exec 3<&-
run activate-tool deactivate $vg lin
inactive "deactivation of lin once closed"

section "data lands at pe_start + extent offset"
pe_start=$(pvs --noheadings --units b --nosuffix -o pe_start "$b" | tr -d ' ')
lvs -a --noheadings --segments -o lv_name,devices $vg >segs
extent=$((4 * 1024 * 1024))
# on_pv PV PE OFFSET: md5 of 4 KiB of PV at extent PE, OFFSET bytes in
on_pv() {
	echo 3 >/proc/sys/vm/drop_caches
	dd if="$1" bs=4096 count=1 skip=$(((pe_start + $2 * extent + $3) / 4096)) 2>/dev/null | md5sum
}
# first_pe LV N: the first PE of the Nth area of LV, over its segments in order
first_pe() {
	awk -v lv="$1" '$1 == lv || $1 == "[" lv "]" { print $2 }' segs | tr ',' '\n' |
		sed -n "$2p" | sed 's/.*(\([0-9]*\)).*/\1/'
}
head -c 4096 /dev/urandom >marker
want=$(md5sum <marker)
for lv in r1 span str; do	# r1 first: it keeps the minors lvm2 gives it alone
	run activate-tool activate $vg $lv
done
# span: LE 0-1 on a, LE 2-3 on b: LE 3 is the 2nd extent of b's area
dd if=marker of=/dev/$vg/span bs=4096 seek=$((3 * extent / 4096)) conv=fsync 2>/dev/null
assert_eq "$(on_pv "$b" $(($(first_pe span 2) + 1)) 0)" "$want" "span LE 3 on $b"
# str: 64 KiB chunks over a and b: the 2nd chunk starts b's area
dd if=marker of=/dev/$vg/str bs=4096 seek=16 conv=fsync 2>/dev/null
assert_eq "$(on_pv "$b" "$(first_pe str 2)" 0)" "$want" "str chunk 1 on $b"
# r1: both legs, at the same offset in their images
dd if=marker of=/dev/$vg/r1 bs=4096 seek=1 conv=fsync 2>/dev/null
assert_eq "$(on_pv "$a" "$(first_pe r1_rimage_0 1)" 4096)" "$want" "r1 leg 0 on $a"
assert_eq "$(on_pv "$b" "$(first_pe r1_rimage_1 1)" 4096)" "$want" "r1 leg 1 on $b"
run activate-tool deactivate $vg span
run activate-tool deactivate $vg str

section "in-place resize of an active raid1 LV"
run activate-tool resize $vg r1 5
assert_eq "$(blockdev --getsz /dev/$vg/r1)" 40960 "r1 sectors after the resize"
assert_eq "$(dd if=/dev/$vg/r1 bs=4096 skip=1 count=1 2>/dev/null | md5sum)" "$want" \
	"data after the raid1 resize"
assert_no_line "$(dmsetup info -c --noheadings -o attr)" '^..s' "suspended devices"
snap ours-r1
run activate-tool deactivate $vg r1
run lvchange -ay $vg/r1	# lvm2 reads the size we committed and loads the same
snap lvm2-r1
same "r1 grown" lvm2-r1 ours-r1
run activate-tool deactivate $vg r1

section "in-place resize of an active linear LV, and crashes in it"
run activate-tool activate $vg lin
dd if=marker of=/dev/$vg/lin bs=4096 conv=fsync 2>/dev/null
read -r hi lo < <(stat -L -c '%t %T' "$c")
cdev=$((16#$hi)):$((16#$lo))
run activate-tool resize $vg lin 4
assert_eq "$(dmsetup table $dmvg-lin)" "0 32768 linear $cdev 2048" "lin grown"
run activate-tool resize $vg lin 2
assert_eq "$(dmsetup table $dmvg-lin)" "0 16384 linear $cdev 2048" "lin shrunk"
state() {
	dmsetup info -c --noheadings -o attr "$dmvg-lin"
}
rc=0
ACTIVATE_TOOL_CRASH_AT=suspend:0 activate-tool resize $vg lin 3 || rc=$?
assert_eq "$rc" 99 "exit status of the resize crashed before its commit"
assert_eq "$(state)" "LIsw" "lin after the crash before the commit"
# the open of the VG for writing resolves it (vg_recover.c), act_recover finds nothing left
run activate-tool recover $vg
assert_eq "$(out)" "fixed=0" "recovery"
assert_line "$(err)" "Resuming suspended device vg--act-lin \(its table is the committed metadata's\)\.$" \
	"recovery at the open"
assert_eq "$(state)" "L--w" "lin after recovery"
assert_eq "$(blockdev --getsz /dev/$vg/lin)" 16384 "lin keeps its committed size"
rc=0
ACTIVATE_TOOL_CRASH_AT=commit:2 activate-tool resize $vg lin 3 || rc=$?
assert_eq "$rc" 99 "exit status of the resize crashed after its commit"
assert_eq "$(state)" "LIsw" "lin after the crash after the commit"
run activate-tool recover $vg
assert_eq "$(out)" "fixed=0" "recovery"
assert_line "$(err)" "Reloading vg--act-lin with the table of the committed metadata\.$" "recovery at the open"
assert_eq "$(state)" "L--w" "lin after recovery"
assert_eq "$(blockdev --getsz /dev/$vg/lin)" 24576 "lin takes its committed size"
assert_eq "$(dd if=/dev/$vg/lin bs=4096 count=1 2>/dev/null | md5sum)" "$want" "data after recovery"
snap ours-lin
run activate-tool deactivate $vg lin
run lvchange -ay $vg/lin
snap lvm2-lin
same "lin after resizes and recovery" lvm2-lin ours-lin
run activate-tool deactivate $vg lin
inactive "the end"
section "done"
