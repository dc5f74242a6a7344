#!/usr/bin/env bash
# lvmdiskscan and vgmknodes against lvm2 2.03.16 on the same devices, and
# the exit codes of issue 11 for commands and tags: each output, message
# and exit code is lvm2's, and a refusal changes nothing on disk.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-alike.sh"

setup_loops 4 32M
A=${DEVS[0]} B=${DEVS[1]} C=${DEVS[2]} D=${DEVS[3]}
vg1=$(vgname 1)
run lvm vgcreate "$vg1" "$A" "$B"
run lvm lvcreate -an -Zn -L 8m -n lv1 "$vg1"
run lvm pvcreate "$C"
mkfs.ext4 -q "$D"

echo "== lvmdiskscan: every device, its size, lvm2's four count lines"
both lvmdiskscan
assert_line "$(cat "$T/v.out")" "  3 LVM physical volumes"
assert_line "$(cat "$T/v.out")" "  1 partition"
both lvmdiskscan -l
both lvmdiskscan --lvmpartition
assert_line "$(cat "$T/v.err")" "  WARNING: only considering LVM devices"
echo "   (an exported VG's PVs are PVs all the same)"
run lvm vgexport "$vg1"
both lvmdiskscan
run lvm vgimport "$vg1"
echo "   (arguments are refused: exit 3)"
both lvmdiskscan "$A"
assert_eq "$(cat "$T/v.rc")" 3 "lvmdiskscan DEV exit code"
# (an unknown option: lvm2 adds "Error during parsing of command line.",
# which no command of ours prints yet)
opt_refused() {
	lvm_said "$@"
	vol_said "$@"
	assert_eq "$(head -1 "$T/v.err")" "$(head -1 "$T/l.err")" "$*: first line"
	assert_eq "$(cat "$T/v.rc")" "$(cat "$T/l.rc")" "$*: exit code"
}
opt_refused lvmdiskscan -x

echo "== vgmknodes: no device-mapper on the host, lvm2 fails first (exit 5)"
# no_dm CMD...: both fail the same way; ours says why in lvm2's words
# (the lines lvm_stderr takes out of lvm2's, so out of ours too to compare)
no_dm() {
	lvm_said "$@"
	vol_said "$@"
	assert_line "$(cat "$T/v.err")" "  Failure to communicate with kernel device-mapper driver."
	assert_line "$(cat "$T/v.err")" "  Check that device-mapper is available in the kernel."
	lvm_stderr "$T/v.err" >"$T/v.err2"
	mv "$T/v.err2" "$T/v.err"
	alike "$*"
	assert_eq "$(cat "$T/v.rc")" 5 "$*: exit code without device-mapper"
}
fp=$(fingerprint)
no_dm vgmknodes
no_dm vgmknodes "$vg1"
no_dm vgmknodes "$vg1/lv1"
no_dm vgmknodes --refresh "$vg1"
no_dm vgmknodes nosuchvg
opt_refused vgmknodes --bogus
assert_eq "$(fingerprint)" "$fp" "devices after vgmknodes"

echo "== exit codes: an unknown command 2, a bad tag 3, nothing written"
lvm_said vgfrobnicate
vol_said vgfrobnicate
assert_eq "$(cat "$T/v.rc")" "$(cat "$T/l.rc")" "unknown command: exit code"
assert_eq "$(cat "$T/v.rc")" 2 "unknown command: exit code"
both vgchange --addtag 'bad@tag' "$vg1"
assert_eq "$(cat "$T/v.rc")" 3 "vgchange --addtag bad@tag exit code"
both lvchange --addtag 'bad@tag' "$vg1/lv1"
both pvchange --addtag 'bad@tag' "$A"
both vgchange --deltag 'bad@tag' "$vg1"
both vgexport -a "$vg1"
both vgimport
assert_eq "$(fingerprint)" "$fp" "devices after the refusals"
check --lvm vgck_clean "$vg1"
