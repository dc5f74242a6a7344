#!/usr/bin/env bash
# The oracle works in the guest: lvm2 creates, activates and removes linear
# and raid1 LVs without udev (device nodes and /dev/VG links made by
# libdevmapper itself), and the raid1 leg resync completes.  If this test
# fails, tests comparing our tool against lvm2 cannot be trusted.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_disks 2
a=$(disk 0)
b=$(disk 1)

run pvcreate -q "$a" "$b"
run vgcreate -q vmt "$a" "$b"
run lvcreate -q -an -Zn -L 8M -n lin vmt
run lvcreate -q -an -Zn --type raid1 -m 1 -L 16M -n mir vmt

run vgchange -q -ay vmt
[ -b /dev/mapper/vmt-lin ] || die "/dev/mapper/vmt-lin missing (no udev: libdm must make it)"
[ -L /dev/vmt/lin ] || die "/dev/vmt/lin link missing"
[ -L /dev/vmt/mir ] || die "/dev/vmt/mir link missing"
assert_eq "$(dmsetup table vmt-lin | awk '{ print $3 }')" linear "vmt-lin target"
assert_eq "$(dmsetup table vmt-mir | awk '{ print $3, $4 }')" "raid raid1" "vmt-mir target"
assert_eq "$(dm_names | tr '\n' ' ')" \
	"vmt-lin vmt-mir vmt-mir_rimage_0 vmt-mir_rimage_1 vmt-mir_rmeta_0 vmt-mir_rmeta_1 " "dm devices"

# The raid1 personality must be loaded for the resync to run at all.
start=$(now)
sync=
for _ in $(seq 300); do
	sync=$(get --lvm lv_field vmt/mir copy_percent)
	[ "$sync" = 100.00 ] && break
	sleep 0.1
done
assert_eq "$sync" 100.00 "raid1 Cpy%Sync"
note "raid1 16M in sync after $((($(now) - start) / 1000)) ms"

echo data | dd of=/dev/vmt/lin bs=512 conv=sync,fsync status=none
assert_eq "$(head -c 4 /dev/vmt/lin)" data "data read back through the linear LV"

run vgchange -q -an vmt
assert_eq "$(dm_names)" "" "dm devices after vgchange -an"
[ ! -e /dev/vmt ] || die "/dev/vmt still exists after vgchange -an"
run vgremove -q -f vmt
run pvremove -q "$a" "$b"
