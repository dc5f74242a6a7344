#!/usr/bin/env bash
# PVs that fail or crawl while a command writes metadata.  Each PV is a
# dm-linear layer over a disk whose table we swap for error, flakey
# (error_writes: reads work, writes and flushes fail) or delay, before a
# command or in the middle of its commit (our hooked tool stopped at a
# commit step).  Whatever fails, lvm2 and we then read one and the same VG,
# the old one or the new one, and vgck (ours and lvm2's) finds it clean once
# stale copies are rewritten; the message names the failing PV; an active
# LV keeps the table of the VG that won and is never left suspended.  A
# slow PV only makes the commit slow.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_disks 3
for i in 0 1 2; do
	layer_create "fpv$i" "$(disk "$i")"
done
p0=/dev/mapper/fpv0 p1=/dev/mapper/fpv1 p2=/dev/mapper/fpv2
devs=$p0,$p1,$p2
# Both tools see the layers only: the disks under them carry the same labels.
vol() { volume "$1" --devices "$devs" "${@:2}"; }
lvm() { command lvm "$1" --devices "$devs" "${@:2}"; }
t0=$(now)
section() {
	note "$(printf '%6d ms' $((($(now) - t0) / 1000))): $*"
}
flakey() { # LAYER: writes (and flushes) fail, reads work
	layer_swap "$1" "0 $(disk_sectors "$(disk "${1#fpv}")") flakey $(disk "${1#fpv}") 0 0 3600 1 error_writes"
}
delay() { # LAYER MS: every I/O waits MS milliseconds
	layer_swap "$1" "0 $(disk_sectors "$(disk "${1#fpv}")") delay $(disk "${1#fpv}") 0 $2"
}

# What both tools read of the VG: seqno, LVs and sizes, tags.  Equal, or the test fails.
view() {
	local ours theirs
	ours=$(vol lvs -a --noheadings -o vg_seqno,lv_name,lv_size,vg_tags --units b vf 2>/dev/null | sort)
	theirs=$(lvm lvs -a --noheadings -o vg_seqno,lv_name,lv_size,vg_tags --units b vf 2>/dev/null | sort)
	[ -n "$ours" ] || die "our vgs read nothing of vf"
	assert_eq "$ours" "$theirs" "what we and lvm2 read of vf"
	echo "$ours"
}
state() { # DM-NAME: its attr (L--w: live table, no inactive one, not suspended, rw)
	dmsetup info -c --noheadings -o attr "$1"
}
# The table of vf-lin is the one lvm2 loads for the metadata on disk.
lin_is_committed() { # WHAT
	local ours
	assert_eq "$(state vf-lin)" "L--w" "$1: vf-lin"
	ours=$(dmsetup table vf-lin)
	run lvm lvchange --refresh vf/lin
	assert_eq "$(dmsetup table vf-lin)" "$ours" "$1: our table of vf-lin vs the one lvm2 loads"
}
clean() { # both vgck find nothing, after our vgck --updatemetadata if a copy is stale
	# (a stale copy is repairable: vgck warns and exits 0, as lvm2's does)
	if [ -n "$(vol vgck vf 2>&1)" ]; then
		run vol vgck --updatemetadata vf
	fi
	check vgck_clean vf
	check --lvm vgck_clean vf
}
# In the background, stopped at a commit step: our hooked tool running CMD.
stop_at() { # STEP CMD ARGS...  (sets $bg)
	[ -x "$VOL_HOOKS" ] || die "$VOL_HOOKS is not in the guest"
	# the binary itself, not a function: $! must be its process
	VOLUME_STOP_AT=$1 "$VOL_HOOKS" "$2" --devices "$devs" "${@:3}" </dev/null >"$T/bg.out" 2>"$T/bg.err" &
	bg=$!
	wait_stopped "$bg"
}
go_on() { # lets $bg finish; its exit code in $bg_rc, its stderr in $T/bg.err
	kill -CONT "$bg"
	bg_rc=0
	wait "$bg" || bg_rc=$?
	sed 's/^/  bg: /' "$T/bg.err"
}

run vol pvcreate -q $p0 $p1 $p2
run vol vgcreate -q vf $p0 $p1 $p2
run vol lvcreate -q -y -L 8M -n lin vf $p0	# -y: a signature an earlier test left is wiped
head -c 4096 /dev/urandom >mark
dd if=mark of=/dev/vf/lin bs=4096 conv=fsync status=none
mark=$(md5sum <mark)
data_ok() { # WHAT
	echo 3 >/proc/sys/vm/drop_caches
	assert_eq "$(dd if=/dev/vf/lin bs=4096 count=1 status=none | md5sum)" "$mark" "$1: data of vf/lin"
}

section "writes fail on a PV before the commit: nothing changes"
v0=$(view)
flakey fpv1
fail vol lvcreate -an -L 4M -n f1 vf
assert_line "$(err)" "^  /dev/mapper/fpv1: writing metadata \(text and precommit\) failed: Input/output error\.$" \
	"lvcreate on a PV that fails writes"
fail vol lvextend -L 12M vf/lin $p1
assert_line "$(err)" "/dev/mapper/fpv1: writing metadata .* failed" "lvextend of an active LV"
lin_is_committed "lvextend failed"
fail vol vgchange --addtag t1 vf
assert_line "$(err)" "/dev/mapper/fpv1: writing metadata .* failed" "vgchange --addtag"
# lvm2 under the same fault: it fails too, and names the PV
fail lvm lvcreate -an -Zn -L 4M -n f2 vf
assert_line "$(err)" "Failed to write metadata to /dev/mapper/fpv1\." "lvm2's lvcreate"
layer_restore fpv1
assert_eq "$(view)" "$v0" "the VG after the failed commands"
data_ok "after the failed commands"
clean

section "a PV whose reads fail too is missing: changes are refused, reports go on"
layer_swap fpv1 error
fail vol lvcreate -an -L 4M -n f1 vf
assert_line "$(err)" "VG vf is missing PV .* \(last written to /dev/mapper/fpv1\)\." "lvcreate with fpv1 failing"
assert_line "$(err)" "Cannot change VG vf while PVs are missing\." "lvcreate with fpv1 failing"
fail lvm lvcreate -an -Zn -L 4M -n f2 vf
assert_line "$(err)" "Cannot change VG vf while PVs are missing\." "lvm2's lvcreate"
run vol vgs -o vg_name,vg_attr vf
assert_line "$(out)" '^  vf +wz-pn-$' "our vgs with fpv1 failing"
run vol pvs
layer_restore fpv1
assert_eq "$(view)" "$v0" "the VG after the refused commands"
clean

section "the commit fails on one PV after another PV committed: the new VG stands"
stop_at commit:0 lvcreate -an -L 4M -n c1 vf
layer_swap fpv1 error
go_on
assert_eq "$bg_rc" 0 "exit code of lvcreate, committed on fpv0 and fpv2, failing on fpv1"
assert_line "$(cat "$T/bg.err")" \
	"^  WARNING: /dev/mapper/fpv1: writing metadata \(commit\) failed: Input/output error; VG vf seqno [0-9]+ is committed on its other PVs\.$" \
	"lvcreate's warning"
layer_restore fpv1
v1=$(view)
assert_line "$v1" " c1 " "the new LV, as both tools read the VG"
lvm vgck vf >/dev/null 2>"$T/vgck.err" || true
assert_line "$(cat "$T/vgck.err")" "ignoring metadata seqno [0-9]+ on /dev/mapper/fpv1" \
	"lvm2 sees fpv1's stale copy"
clean
assert_eq "$(view | awk '{ $1 = ""; print }')" "$(awk '{ $1 = ""; print }' <<<"$v1")" "the VG after vgck --updatemetadata"

section "the commit fails on every PV: the old VG stays, an active LV is not left suspended"
v2=$(view)
stop_at precommit:2 lvextend -L 12M vf/lin $p1
assert_match "$(state vf-lin)" '^..s' "vf-lin while the commit waits"
for l in fpv0 fpv1 fpv2; do flakey $l; done
go_on
assert_eq "$bg_rc" 5 "exit code of lvextend whose commit failed on every PV"
for p in $p0 $p1 $p2; do
	assert_line "$(cat "$T/bg.err")" "^  $p: writing metadata \(commit\) failed: Input/output error\.$" \
		"lvextend's errors"
done
assert_line "$(cat "$T/bg.err")" "Metadata commit failed: restoring the old tables of vf/lin\." "lvextend's errors"
for l in fpv0 fpv1 fpv2; do layer_restore $l; done
assert_eq "$(view)" "$v2" "the VG after the commit failed everywhere"
assert_eq "$(blockdev --getsize64 /dev/vf/lin)" $((8 * 1048576)) "size of vf/lin"
lin_is_committed "lvextend whose commit failed"
data_ok "lvextend whose commit failed"
clean

section "a slow PV: the commit completes"
delay fpv1 250
start=$(now)
run vol lvcreate -an -L 4M -n slow vf $p1
took=$((($(now) - start) / 1000))
note "lvcreate with fpv1 at 250 ms per I/O: $took ms"
[ "$took" -ge 250 ] || die "lvcreate took $took ms: fpv1 was not slow"
run vol lvextend -L 12M vf/lin $p1
lin_is_committed "lvextend over the slow PV"
data_ok "lvextend over the slow PV"
v3=$(view)
assert_line "$v3" " slow " "the LV made on the slow PV"
assert_line "$v3" " lin +12582912B" "vf/lin grown over the slow PV"
layer_restore fpv1
assert_eq "$(view)" "$v3" "the VG once fpv1 is fast again"
clean

run vol vgchange -an vf
assert_eq "$(dm_names)" "$(printf 'fpv0\nfpv1\nfpv2')" "dm devices at the end"
for i in 0 1 2; do
	run dmsetup remove "fpv$i"
done
section "done"
