#!/usr/bin/env bash
# make vmdemo, the guest's part (scripts/vmdemo boots the VM of this tier
# and runs it): logical volumes on real device-mapper, narrated.  Every
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
run dmsetup ls
say "Demo finished"
