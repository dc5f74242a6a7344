#!/usr/bin/env bash
# lvm2's devices file with the kinds of device ID the host cannot make: an
# md array (md_uuid), a multipath map (mpath_uuid), a dm-crypt-like map
# (crypt_uuid), a partition (PART=1) and a whole virtio disk (devname).  For
# each, lvm2's pvcreate writes an entry in one devices file and ours in
# another: the entries must be the same (PV UUID aside), each tool must see
# the PV through the other's entry, and only it.  The guest's lvm.conf has
# use_devicesfile=0, so every command names its file with --devicesfile.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_disks 4
a=$(disk 0) b=$(disk 1) c=$(disk 2) d=$(disk 3)
DIR=/etc/lvm/devices

cleanup() {
	components_reset "$a" "$c" "$d"	# the partition on a, the md array on c and d
	rm -f "$DIR"/df-*.devices
}
trap 'rc=$?; cleanup; (exit $rc); _vm_exit' EXIT

# entry FILE: the last entry line of a devices file, without its PVID.
entry() {
	grep '^IDTYPE=' "$1" | tail -n 1 | sed 's/ PVID=[^ ]*//'
}

# same_entry DEV KIND IDNAME [PART]: both tools give DEV the same entry, of
# that kind and ID, and see the PV through each other's entry.
same_entry() {
	local dev=$1 kind=$2 id=$3 part=${4:-} want el ev
	want="IDTYPE=$kind IDNAME=$id DEVNAME=$dev${part:+ PART=$part}"
	note "$dev: $want"
	run lvm pvcreate -y --devicesfile df-lvm.devices "$dev"
	el=$(entry "$DIR/df-lvm.devices")
	assert_eq "$el" "$want" "lvm2's entry for $dev"
	run vol pvs --noheadings -o pv_name --devicesfile df-lvm.devices
	assert_eq "$(out | awk 'NF { print $1 }')" "$dev" "our pvs through lvm2's entry"
	run lvm pvremove -y --devicesfile df-lvm.devices "$dev"
	run vol pvcreate -y --devicesfile df-vol.devices "$dev"
	ev=$(entry "$DIR/df-vol.devices")
	assert_eq "$ev" "$el" "our entry for $dev (lvm2's first)"
	run lvm pvs --noheadings -o pv_name --devicesfile df-vol.devices
	assert_eq "$(out | awk 'NF && $1 ~ "^/" { print $1 }')" "$dev" "lvm2's pvs through our entry"
	run vol pvremove -y --devicesfile df-vol.devices "$dev"
	assert_eq "$(entry "$DIR/df-vol.devices")" "$ev" "our entry after pvremove"
	assert_match "$(grep '^IDTYPE=' "$DIR/df-vol.devices" | tail -n 1)" ' PVID=\.( |$)' \
		"the PVID of our entry after pvremove"
	rm -f "$DIR/df-lvm.devices" "$DIR/df-vol.devices"
}

# md raid1 over c and d.
run mdadm --create /dev/md0 --run --assume-clean --metadata=1.0 --level=1 --raid-devices=2 "$c" "$d"
[ -e /sys/block/md0/md/uuid ] || die "no md/uuid in sysfs for md0"
same_entry /dev/md0 md_uuid "$(cat /sys/block/md0/md/uuid)"
run mdadm --stop /dev/md0
run mdadm --zero-superblock "$c" "$d"

# A multipath map over b, then a crypt-like linear map on b.
mpath_create df_mp mpath-libvolume-df-test "$b"
same_entry /dev/mapper/df_mp mpath_uuid mpath-libvolume-df-test
run dmsetup remove df_mp
run dmsetup create df_cr --uuid CRYPT-LUKS2-0123456789abcdef0123456789abcdef-df_cr \
	--table "0 $(($(disk_sectors "$b") - 4096)) linear $b 4096"
same_entry /dev/mapper/df_cr crypt_uuid CRYPT-LUKS2-0123456789abcdef0123456789abcdef-df_cr
run dmsetup remove df_cr

# A partition of a virtio disk (no WWID, no serial: its name, and PART).
one_partition "$a"
same_entry "${a}1" devname "${a}1" 1

# A whole virtio disk.
same_entry "$c" devname "$c"

# Only what the file lists: with d's entry alone, c's PV is refused by both.
run vol pvcreate -y --devicesfile df-vol.devices "$c"
run vol pvcreate -y --devicesfile df-one.devices "$d"
fail vol pvs --devicesfile df-one.devices "$c"
assert_line "$(err)" "Cannot use $c: device is not in devices file" "our pvs of an unlisted disk"
fail lvm pvs --devicesfile df-one.devices "$c"
assert_line "$(err)" "Cannot use $c: device is not in devices file" "lvm2's pvs of an unlisted disk"
run vol pvremove -y --devicesfile df-vol.devices "$c"
run vol pvremove -y --devicesfile df-one.devices "$d"
assert_eq "$(dm_names)" "" "dm devices at the end"
