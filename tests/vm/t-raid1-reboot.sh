#!/usr/bin/env bash
# vmtest: two-boot
# An unclean shutdown under a raid1 LV.  Boot 1: our raid1 LV (region size
# 1 MiB) synced, a writer putting random data into it in direct 1 MiB
# writes, and the VM killed mid-write (sysrq b: no sync, no deactivation).
# Boot 2, on the same disk images: our lvchange -ay reactivates it, dm-raid
# resyncs from its write-intent bitmap (seen in the status: an action other
# than idle, or a sync ratio under 100%; and only a part of the LV is
# copied: the writes to the images are counted), then --syncaction check
# finds 0 mismatches (raid_mismatch_count, ours and lvm2's) and the two
# images are equal.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tests/vm/raid1-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/raid1-lib.sh"

need_disks 3
a=$(disk 0) b=$(disk 1) c=$(disk 2)
DEVS=$a,$b	# raid1-lib's vol/lvm take --devices "$DEVS"
MIB=16	# the LV; the writer covers its first 4 MiB
token_at=$c	# boot 1 leaves the VG's uuid here, boot 2 reads it: the same disks

if [ "$(boot)" = 1 ]; then
	run vol pvcreate -q "$a" "$b"
	run vol vgcreate -q -s 1M ru "$a" "$b"
	run vol lvcreate -y -Zn --type raid1 -m 1 -R 1M -L "${MIB}M" -n r ru "$a" "$b"
	wait_sync ru/r
	run dd if=/dev/urandom of=/dev/ru/r bs=1M count=$MIB oflag=direct status=none
	wait_sync ru/r
	uuid=$(vol vgs --noheadings -o vg_uuid ru | tr -d ' ')
	printf 'boot1 %s\n' "$uuid" | dd of="$token_at" bs=512 count=1 conv=sync,fsync status=none
	# the writer: random data, so that a write one leg got and the other
	# did not leaves them different
	(
		trap - ERR
		set +e
		while :; do
			for ((i = 0; i < 4; i++)); do
				dd if=/dev/urandom of=/dev/ru/r bs=1M seek=$i count=1 oflag=direct conv=notrunc \
					status=none
			done
		done
	) &
	sleep 3
	kill -0 $! || die "the writer is not running"
	assert_match "$(raid_status ru/r)" "^raid1 2 AA " "ru/r before the kill"
	note "killing the VM with the writer running"
	vm_kill
fi

# ---------------------------------------------------------------- boot 2
token=$(dd if="$token_at" bs=512 count=1 status=none | tr -d '\0')
[[ $token == "boot1 "* ]] || die "boot 2 finds no token of boot 1 on $token_at: not boot 1's disks"
run vol vgs --noheadings -o vg_uuid ru
assert_eq "$(out | tr -d ' ')" "${token#boot1 }" "the VG boot 1 made"
assert_eq "$(dm_names)" "" "dm devices at the start of boot 2"
# a slow resync and check (2 MiB/s), so that they show (metadata only: the
# LV is inactive)
run vol lvchange --maxrecoveryrate 2M ru/r
run vol lvchange -ay ru/r
w0=$(($(dev_writes /dev/mapper/ru-r_rimage_0) + $(dev_writes /dev/mapper/ru-r_rimage_1)))
seen='' st='' t1=$(now) polls=0
while [ $(($(now) - t1)) -lt 120000000 ]; do
	st=$(raid_status ru/r)	# raid1 2 AA 32768/32768 idle 0 0 -
	polls=$((polls + 1))
	read -r _ _ health ratio action _ <<<"$st"
	if [ "$action" != idle ] || [ "${ratio%/*}" != "${ratio#*/}" ]; then
		[ -n "$seen" ] || seen="$st"
	elif [ -n "$seen" ]; then
		break
	fi
done
secs=$((($(now) - t1) / 1000000))
[ -n "$seen" ] || die "no resync after the unclean shutdown ($polls looks in $secs s; status: $st)"
if [ "$action" != idle ] || [ "${ratio%/*}" != "${ratio#*/}" ]; then
	die "the resync did not end within 120 s (status: $st)"
fi
assert_eq "$health" AA "health after the resync"
note "resync seen: [$seen], then [$st] after $secs s ($polls looks)"
w=$((($(dev_writes /dev/mapper/ru-r_rimage_0) + $(dev_writes /dev/mapper/ru-r_rimage_1) - w0) * 512))
note "the resync wrote $((w / 1024)) KiB to the images of the $MIB MiB LV"
[ "$w" -gt 0 ] || die "the resync wrote nothing to the images"
[ "$w" -lt $((MIB * 1048576 / 2)) ] ||
	die "the resync wrote $w bytes: a full copy, not the regions the bitmap marked"
wait_sync ru/r

run vol lvchange --syncaction check ru/r
wait_status ru/r " check "
wait_sync ru/r
check lv_field ru/r raid_mismatch_count 0
check --lvm lv_field ru/r raid_mismatch_count 0
run cmp /dev/mapper/ru-r_rimage_0 /dev/mapper/ru-r_rimage_1
run vol vgchange -an ru
assert_eq "$(dm_names)" "" "dm devices at the end"
run vol vgremove -y ru
