#!/usr/bin/env bash
# LVs on a missing PV, activated by lvm2 and by us in the same guest, in
# each --activationmode: complete and degraded refuse a linear or striped
# LV that lost a PV (degraded only lets raid1 go with a leg missing),
# partial maps an error device over the missing part.  For every LV, mode
# and tool: the same exit code, the same refusal and PARTIAL MODE lines, the
# same dm devices (names, UUIDs, tables, states) and each tool deactivates
# what the other activated.  Reads of the missing part fail, the rest reads.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_disks 3
a=$(disk 0) b=$(disk 1) c=$(disk 2)
all=$a,$b,$c
part=$a,$c	# b is missing
t0=$(now)
section() {
	note "$(printf '%6d ms' $((($(now) - t0) / 1000))): $*"
}

run volume pvcreate -q --devices $all "$a" "$b" "$c"
run volume vgcreate -q --devices $all vm "$a" "$b" "$c"
run volume lvcreate -q -an --devices $all -L 8M -n span vm "$a:20-20" "$b:5-5"
run volume lvcreate -q -an --devices $all -l 3 -n three vm "$a:30-30" "$b:30-30" "$c:30-30"
run volume lvcreate -q -an --devices $all -i 2 -L 16M -n str vm "$b" "$c"
run volume lvcreate -q -an --devices $all -L 4M -n whole vm "$a"
run lvm lvcreate -q -an -Zn --devices $all --type raid1 -m 1 -L 8M -n r1 vm "$b" "$c"
# once active, and in sync, so that its legs carry raid superblocks
run lvm lvchange -ay --devices $all vm/r1
for ((i = 0; i < 100; i++)); do
	[ "$(command lvm lvs --devices $all --noheadings -o copy_percent vm/r1 | tr -d ' ')" != 100.00 ] || break
	sleep 0.2
done
run lvm lvchange -an --devices $all vm/r1
head -c 4096 /dev/urandom >mark
want=$(md5sum <mark)
run volume lvchange -ay --devices $all vm/span
dd if=mark of=/dev/vm/span bs=4096 conv=fsync status=none
run volume lvchange -an --devices $all vm/span

# The kernel's view of the VG's devices: tables, names, UUIDs, states.
snap() {
	{
		dmsetup table | grep '^vm-' | sort || true
		dmsetup info -c --noheadings -o name,uuid,attr | grep '^vm-' | sort || true
	}
}
# Lines both tools must print alike.
said() { # FILE
	grep -E "Refusing activation|PARTIAL MODE|now active" "$1" | sed 's/^ *//' || true
}
deactivate_all() { # TOOL WHAT: its vgchange -an with the devices there are; nothing is left
	if [ "$1" = lvm2 ]; then
		run lvm vgchange -an --devices $part vm
	else
		run volume vgchange -an --devices $part vm
	fi
	assert_eq "$(dm_names)" "" "dm devices after $1's vgchange -an ($2)"
}
# both CMD ARGS...: lvm2 runs it, we take down what it made; we run it, and
# our devices are left for the caller.  Exit codes, devices and the lines
# said() picks must be the same.
both() {
	local rcl=0 rco=0 what="$*"
	command lvm "$1" --devices $part "${@:2}" >lvm.out 2>lvm.err || rcl=$?
	snap >lvm.snap
	deactivate_all ours "lvm2's $what"
	volume "$1" --devices $part "${@:2}" >ours.out 2>ours.err || rco=$?
	snap >ours.snap
	assert_eq "$rco" "$rcl" "exit code of: $what"
	if ! cmp -s lvm.snap ours.snap; then
		echo "--- lvm2's devices / +++ ours after: $what"
		diff lvm.snap ours.snap || true
		die "$what: our devices differ from lvm2's"
	fi
	assert_eq "$(said ours.out; said ours.err)" "$(said lvm.out; said lvm.err)" "messages of: $what"
	note "$what: exit $rco, $(grep -c . ours.snap || true) lines of devices"
}

section "each LV, each mode, lvm2 then ours"
for lv in span three str whole r1; do
	for mode in complete degraded partial; do
		both lvchange -ay --activationmode $mode vm/$lv
		deactivate_all lvm2 "our lvchange -ay --activationmode $mode vm/$lv"
	done
done

section "refusal and partial activation as lvm2 words and maps them"
both lvchange -ay vm/span
deactivate_all lvm2 "our lvchange -ay vm/span"
assert_line "$(cat ours.err)" "^  Refusing activation of partial LV vm/span\.  Use '--activationmode partial' to override\.$" \
	"the default mode refuses span"
assert_eq "$(grep -c Refusing ours.err)" 1 "refusals printed for one LV"
both lvchange -ay --activationmode partial vm/span
assert_line "$(cat ours.snap)" '^vm-span-missing_1_0: 0 8192 error ?$' "the stand-in of span's missing part"
assert_line "$(cat ours.snap)" '^vm-span: 0 8192 linear [0-9]+:[0-9]+ [0-9]+$' "span's first part"
assert_line "$(cat ours.snap)" '^vm-span: 8192 8192 linear [0-9]+:[0-9]+ 0$' "span's second part, on the stand-in"
echo 3 >/proc/sys/vm/drop_caches
assert_eq "$(dd if=/dev/vm/span bs=4096 count=1 status=none | md5sum)" "$want" "data of the present part"
rc=0
dd if=/dev/vm/span of=/dev/null bs=4096 skip=1024 count=1 status=none 2>dd.err || rc=$?
assert_ne "$rc" 0 "exit code of a read of the missing part of vm/span (4 MiB in)"
assert_line "$(cat dd.err)" "I/O error|Input/output error" "the read of the missing part"
run volume lvs --devices $part -o lv_name,lv_attr vm
ours_lvs=$(out)
run lvm lvs --devices $part -o lv_name,lv_attr vm
assert_eq "$ours_lvs" "$(out)" "lvs of the partial VG"
deactivate_all lvm2 "our partial span"

section "vgchange -ay of the VG in each mode"
for mode in complete degraded partial; do
	both vgchange -ay --activationmode $mode vm
	deactivate_all lvm2 "our vgchange -ay --activationmode $mode"
done
echo "   (-P/--partial: lvm2's older spelling of --activationmode partial)"
both vgchange -ay --partial vm
deactivate_all lvm2 "our vgchange -ay --partial"
both lvchange -ay -P vm/span
deactivate_all lvm2 "our lvchange -ay -P vm/span"

section "with b back, both tools see all; nothing was written"
run volume vgs --devices $all -o vg_name,vg_attr,vg_seqno vm
ours=$(out)
run lvm vgs --devices $all -o vg_name,vg_attr,vg_seqno vm
assert_eq "$ours" "$(out)" "vgs with every PV"
assert_line "$ours" '^  vm +wz--n- +[0-9]+$' "the VG is complete again"
check vgck_clean vm
section "done"
