#!/usr/bin/env bash
# make vmdemo, the guest's part (scripts/vmdemo boots the VM of this tier
# and runs it): logical volumes on real device-mapper, narrated: a linear
# LV grown and shrunk under a mounted filesystem, then a raid1 mirror made
# (with --wait's progress), a leg's disk failed, the mirror repaired onto a
# spare and back in sync.  Every
# command is printed exactly as it runs.  Not a test: scripts/vmtest runs
# tests/vm/t-*.sh only unless it is named.
set -euo pipefail
if [ "${VMTEST_GUEST:-}" != 1 ] || [ ! -f /etc/vmtest-guest ]; then
	echo "demo.sh: refusing to run outside the vmtest guest (make vmdemo)" >&2
	exit 1
fi

say() {
	printf '\n== %s\n' "$*"
}
run() {
	printf '$ %s\n' "$*"
	"$@"
}

say "Two of the VM's disks become PVs of a new VG"
run volume pvcreate /dev/vda /dev/vdb
run volume vgcreate demo /dev/vda /dev/vdb

say "A 64 MiB LV, active at once: device-mapper maps it onto the first PV"
run volume lvcreate -L 64M -n data demo
run volume lvs demo
run dmsetup table demo-data

say "A filesystem on it, mounted, with data"
run mkfs.ext4 -q /dev/demo/data
run mkdir -p /mnt/data
run mount /dev/demo/data /mnt/data
run dd if=/dev/urandom of=/mnt/data/file bs=1M count=16 status=none
run md5sum /mnt/data/file

say "Grown by 64 MiB on the second PV while mounted, filesystem included (-r)"
run volume lvextend -r -L +64M demo/data /dev/vdb
run df -h /mnt/data
run volume lvs -o lv_name,lv_size,seg_count,devices demo
run dmsetup table demo-data
say "lvm2 reads the same VG and sees the same LV"
run lvs -o lv_name,lv_attr,lv_size,devices demo

say "Shrunk to 96 MiB with its filesystem (ext4 shrinks unmounted)"
run umount /mnt/data
run volume lvreduce -r -y -L 96M demo/data
run mount /dev/demo/data /mnt/data
run md5sum /mnt/data/file
run umount /mnt/data

say "Deactivated, then removed with its VG and PVs"
run volume lvchange -an demo/data
run volume lvs demo
run volume lvremove -y demo/data
run volume vgremove demo
run volume pvremove /dev/vda /dev/vdb

# The mirror part.  A disk cannot be made to fail on demand, so each PV of
# the mirror sits on a thin dm-linear layer over a disk: swapping a layer's
# table for "error" is a dead disk, as far as everything above can tell.
sectors() { blockdev --getsz "$1"; }
say "A mirror: three PVs (on dm layers over three disks, to fail one later)"
i=0
for disk in /dev/vdb /dev/vdc /dev/vdd; do
	run dmsetup create "disk$i" --table "0 $(sectors "$disk") linear $disk 0"
	i=$((i + 1))
done
M=(/dev/mapper/disk0 /dev/mapper/disk1 /dev/mapper/disk2)
# Both tools look at the layers only (the disks under them hold the same bytes).
D=--devices=/dev/mapper/disk0,/dev/mapper/disk1,/dev/mapper/disk2
run volume pvcreate $D "${M[@]}"
run volume vgcreate $D mirr "${M[@]}"

say "A 64 MiB raid1 LV on the first two; --wait follows the initial sync"
run volume lvcreate $D -y --type raid1 -m 1 -L 64M --maxrecoveryrate 8M --wait -n m mirr "${M[0]}" "${M[1]}"
run volume lvs $D -a -o lv_name,lv_attr,lv_size,sync_percent,lv_health_status,devices mirr
run dd if=/dev/urandom of=/tmp/pattern bs=1M count=32 status=none
run dd if=/tmp/pattern of=/dev/mirr/m bs=1M oflag=direct status=none

say "The second leg's disk dies; writes go on, on the other leg"
run dmsetup suspend disk1
run dmsetup load disk1 --table "0 $(sectors "${M[1]}") error"
run dmsetup resume disk1
run dd if=/tmp/pattern of=/dev/mirr/m bs=1M oflag=direct status=none
run volume lvs $D -a -o lv_name,lv_attr,sync_percent,lv_health_status,devices mirr

say "Repaired onto the spare PV, and back in sync (--wait)"
run volume lvconvert $D -y --repair --wait mirr/m
run volume lvs $D -a -o lv_name,lv_attr,sync_percent,lv_health_status,devices mirr
run cmp -n $((32 << 20)) /tmp/pattern /dev/mirr/m && echo "the data is intact"

say "lvm2 sees the same mirror"
run lvs $D -a -o lv_name,lv_attr,sync_percent,devices mirr

say "Removed (the dead disk's PV forced out of the VG first)"
run volume lvremove $D -y mirr/m
run volume vgreduce $D -y --removemissing --force mirr
run volume vgremove $D -y -f mirr
for i in 0 1 2; do run dmsetup remove "disk$i"; done
run dmsetup ls
say "Demo finished"
