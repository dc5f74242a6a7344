#!/usr/bin/env bash
# lvconvert -m of a raid1 LV that is the origin of an lvm2-made snapshot
# (lvm2's lvconvert-raid "under a snapshot"): the live change reloads the
# origin's real layer under its snapshot-origin device (raid1 -> linear ->
# raid1), the snapshot stays up, the data stays; then lvremove -ff of it all.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_disks 3
a=$(disk 0)
b=$(disk 1)
c=$(disk 2)
vg=srvg
run vol pvcreate -q "$a" "$b" "$c"
run vol vgcreate -q -s 1M "$vg" "$a" "$b" "$c"
run vol lvcreate -q -y --type raid1 -m 1 -l 4 -n r "$vg"
sleep 2
run lvcreate -q -s -l 4 -n snap "$vg/r"
echo data | dd of="/dev/$vg/r" bs=512 conv=sync,fsync status=none
run vol lvconvert -y -m 0 "$vg/r"
dmsetup table
assert_eq "$(dmsetup table "$vg-r-real" | awk '{print $3}')" linear "real layer after -m 0"
assert_eq "$(head -c 4 "/dev/$vg/r")" data "origin data"
run vol lvconvert -y -m 1 "$vg/r"
assert_eq "$(dmsetup table "$vg-r-real" | awk '{print $3}')" raid "real layer after -m 1"
assert_eq "$(head -c 4 "/dev/$vg/r")" data "origin data"
run vol lvremove -ff "$vg"
assert_eq "$(dm_names)" "" "dm devices"
wipe "$a" 64; wipe "$b" 64; wipe "$c" 64
