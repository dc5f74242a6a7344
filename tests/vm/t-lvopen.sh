#!/usr/bin/env bash
# An open LV is neither removed nor deactivated, by lvm2 or by us, with the
# same words and exit code: one with a mounted filesystem ("contains a
# filesystem in use"), one a process holds open ("in use"), one another dm
# device sits on ("is used by another device").  lvremove (-y and -f),
# lvchange -an and vgchange -an are refused for them; nothing changes
# (metadata, dm devices, the mounted data).  vgchange -an, as lvm2's, names
# the first LV in use, counts the open ones and deactivates none, not even
# the one nobody holds.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_disks 2
a=$(disk 0) b=$(disk 1)
devs=$a,$b
vol() { volume "$1" --devices "$devs" "${@:2}"; }
# lvm2 waits up to 5 s for an open count to drop (retry_deactivation):
# not here, where nothing will close.
lvm() { command lvm "$1" --devices "$devs" --config 'activation{retry_deactivation=0}' "${@:2}"; }

run vol pvcreate -q "$a" "$b"
run vol vgcreate -q vo "$a" "$b"
for lv in mnt held stacked free; do
	run vol lvcreate -q -y -L 8M -n $lv vo	# -y: wipes what earlier tests left
done
mkfs.ext4 -q /dev/vo/mnt
mkdir -p /mnt/vo
mount /dev/vo/mnt /mnt/vo
head -c 1048576 /dev/urandom >/mnt/vo/data
sync
sum=$(md5sum </mnt/vo/data)
sleep 600 </dev/vo/held &
holder=$!
run dmsetup create vo-top --table "0 16384 linear /dev/vo/stacked 0"
cleanup() {
	umount /mnt/vo 2>/dev/null || true
	kill $holder 2>/dev/null || true
	dmsetup remove vo-top 2>/dev/null || true
}
# (the test's exit code must reach _vm_exit through the cleanup)
trap 'rc=$?; trap - ERR; set +e; cleanup; (exit $rc); _vm_exit' EXIT

# What must not change: the metadata as both tools read it, the dm devices.
snap() {
	{
		vol lvs -a --noheadings -o vg_seqno,lv_name,lv_attr,lv_size vo
		command lvm lvs --devices "$devs" -a --noheadings -o vg_seqno,lv_name,lv_attr,lv_size vo
		dmsetup table | sort
		dmsetup info -c --noheadings -o name,uuid,attr,open | sort
		ls -l /dev/vo | awk '{ print $9, $10, $11 }'
	} 2>&1
}
same_snap() { # FILE WHAT
	snap >now.snap
	if ! cmp -s "$1" now.snap; then
		diff "$1" now.snap || true
		die "$2 changed something"
	fi
}

# refused CMD ARGS...: lvm2 and we refuse it alike, and nothing changes.
refused() {
	local rcl=0 rco=0
	snap >before.snap
	lvm "$@" </dev/null >lvm.out 2>lvm.err || rcl=$?
	same_snap before.snap "lvm2's $*"
	vol "$@" </dev/null >ours.out 2>ours.err || rco=$?
	same_snap before.snap "our $*"
	assert_eq "$rco" "$rcl" "exit code of $*"
	assert_eq "$rco" 5 "exit code of $*"
	assert_eq "$(cat ours.err)" "$(cat lvm.err)" "stderr of $*"
	assert_eq "$(cat ours.out)" "$(cat lvm.out)" "stdout of $*"
	note "$*: exit $rco: $(tr '\n' ' ' <ours.err)"
}

refused lvremove -y vo/mnt
assert_eq "$(cat ours.err)" "  Logical volume vo/mnt contains a filesystem in use." "lvremove of a mounted LV"
refused lvremove -f vo/mnt
refused lvchange -an vo/mnt
refused lvremove -y vo/held
assert_eq "$(cat ours.err)" "  Logical volume vo/held in use." "lvremove of an LV held open"
refused lvremove -f vo/held
refused lvchange -an vo/held
refused lvremove -y vo/stacked
assert_eq "$(cat ours.err)" "  Logical volume vo/stacked is used by another device." \
	"lvremove of an LV under another device"
refused lvchange -an vo/stacked

# vgchange -an: refused as a whole, the free LV included.
refused vgchange -an vo
assert_eq "$(cat ours.err)" "  Logical volume vo/mnt contains a filesystem in use.
  Can't deactivate volume group \"vo\" with 3 open logical volume(s)" "vgchange -an"
[ -b /dev/mapper/vo-free ] || die "vgchange -an took vo-free down"
assert_eq "$(md5sum </mnt/vo/data)" "$sum" "the mounted data"

# Once let go, each goes.
umount /mnt/vo
kill $holder
wait $holder 2>/dev/null || true
run dmsetup remove vo-top
run vol lvchange -an vo/mnt
run vol lvremove -y vo/held
run vol vgchange -an vo
assert_eq "$(dm_names)" "" "dm devices at the end"
run vol lvchange -ay vo/mnt
run e2fsck -fn /dev/vo/mnt
run vol vgchange -an vo
