#!/usr/bin/env bash
# vmtest: two-boot
# An unclean shutdown under a raid1 LV.  Boot 1: our raid1 LV (region size
# 1 MiB) synced, a writer putting random data into it in direct 1 MiB
# writes, and the VM killed mid-write (sysrq b: no sync, no deactivation).
# Boot 2, on the same disk images: our lvchange -ay reactivates it, and
# what dm-raid does then is reported: a resync of what its write-intent
# bitmap marks (the kernel's log, the status when a look catches it, the
# bytes written to the images, which must be far from a full copy), or none.
# On Debian's 6.1 kernel there is none, for lvm2's activation as for ours:
# dm-raid never records the array as dirty in its superblock (it starts the
# array with md's in_sync cleared, so md's clean-to-dirty superblock write
# never happens), and md then takes the bitmap's dirty chunks of a synced
# array as not needing a resync.  A write the kill caught on one leg only
# (the test makes one: the second leg's PV sits on a dm layer whose writes
# are held back by a delay table at the kill) therefore stays: --syncaction check counts it (ours and lvm2's
# raid_mismatch_count agree), --syncaction repair mends it, and a second
# check finds 0 mismatches with the two images equal.
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
	# the second leg's PV on a dm layer over the whole of disk b (boot 2
	# finds the same PV on b itself), so that its writes can be held back
	nb=$(disk_sectors "$b")
	dmsetup create lag1 --table "0 $nb linear $b 0" || die "cannot create the layer over $b"
	lag=/dev/mapper/lag1 DEVS=$a,/dev/mapper/lag1
	run vol pvcreate -q "$a" "$lag"
	run vol vgcreate -q -s 1M ru "$a" "$lag"
	run vol lvcreate -y -Zn --type raid1 -m 1 -R 1M -L "${MIB}M" -n r ru "$a" "$lag"
	wait_sync ru/r
	run dd if=/dev/urandom of=/dev/ru/r bs=1M count=$MIB oflag=direct status=none
	wait_sync ru/r
	uuid=$(vol vgs --noheadings -o vg_uuid ru | tr -d ' ')
	printf 'boot1 %s\n' "$uuid" | dd of="$token_at" bs=512 count=1 conv=sync,fsync status=none
	# the writer: two random files in turn (made beforehand: /dev/urandom
	# is slow here), so that every pass changes every block and a write
	# one leg got and the other did not leaves them different; back to back
	dd if=/dev/urandom of=/tmp/rand0 bs=1M count=4 status=none
	dd if=/dev/urandom of=/tmp/rand1 bs=1M count=4 status=none
	(
		trap - ERR
		set +e
		n=0
		while :; do
			dd if=/tmp/rand$((n++ % 2)) of=/dev/ru/r bs=64k oflag=direct conv=notrunc status=none
		done
	) &
	sleep 3
	kill -0 $! || die "the writer is not running"
	assert_match "$(raid_status ru/r)" "^raid1 2 AA " "ru/r before the kill"
	# a power cut catches the legs at different points: the second leg's
	# writes now wait 10 s in a delay table, so the write in flight at the
	# kill reaches the first leg only
	dmsetup suspend lag1 && dmsetup load lag1 --table "0 $nb delay $b 0 0 $b 0 10000" &&
		dmsetup resume lag1 || die "cannot put a delay under the second leg"
	sleep 2
	note "killing the VM with the writer running and a write held back from the second leg"
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
# (in the background: if it hangs, what the kernel shows is printed)
volume lvchange --devices "$DEVS" -ay ru/r </dev/null >"$T/act.out" 2>&1 &
act=$!
for ((i = 0; i < 600; i++)); do
	kill -0 $act 2>/dev/null || break
	sleep 0.1
done
if kill -0 $act 2>/dev/null; then
	echo "lvchange -ay still runs after 60 s:"
	cat "$T/act.out"
	dmsetup info -c || true
	dmsetup status || true
	dmsetup table || true
	cat "/proc/$act/stack" 2>/dev/null || true
	for t in "/proc/$act/task/"*; do cat "$t/stack" 2>/dev/null; done
	dmesg | tail -40
	die "lvchange -ay ru/r hangs in boot 2"
fi
wait $act || die "lvchange -ay ru/r failed: $(cat "$T/act.out")"
# the images' devices are new: every write they counted is the resync's
imgw() { echo $((($(dev_writes /dev/mapper/ru-r_rimage_0) + $(dev_writes /dev/mapper/ru-r_rimage_1)) * 512)); }
seen='' st='' prev='' t1=$(now) polls=0
while [ $(($(now) - t1)) -lt 120000000 ]; do
	prev=$st
	st=$(raid_status ru/r)	# raid1 2 AA 32768/32768 idle 0 0 -
	polls=$((polls + 1))
	[ "$st" = "$prev" ] || echo "$((($(now) - t1) / 1000)) ms: $st (images written: $(imgw) bytes)"
	read -r _ _ health ratio action _ <<<"$st"
	if [ "$action" != idle ] || [ "${ratio%/*}" != "${ratio#*/}" ]; then
		[ -n "$seen" ] || seen="$st"
	else
		break
	fi
done
secs=$((($(now) - t1) / 1000000))
if [ "$action" != idle ] || [ "${ratio%/*}" != "${ratio#*/}" ]; then
	die "the resync did not end within 120 s (status: $st)"
fi
assert_eq "$health" AA "health after the resync"
w=$(imgw)
md=$(dmesg | grep -E 'md: (resync|recovery) of RAID array|md: .*: (resync|recovery) done' || true)
echo "kernel: ${md:-nothing about a resync}"
echo "table: $(dmsetup table ru-r)"
dmesg | grep -iE 'md/raid1|md: |dm-raid|device-mapper: raid' | tail -15
note "resync: status [${seen:-not caught: done before the first look}], idle after $secs s ($polls looks);" \
	"it wrote $((w / 1024)) KiB to the images of the $MIB MiB LV"
[ "$w" -gt 0 ] || note "no resync after the unclean shutdown (lvm2's activation of the same disks: the same)"
[ "$w" -lt $((MIB * 1048576 / 2)) ] ||
	die "the resync wrote $w bytes: a full copy, not the regions the bitmap marked"
wait_sync ru/r
# what the kill left (after a resync, if there was one): the 4 KiB blocks
# in which the legs differ
diff4k=$({ cmp -l /dev/mapper/ru-r_rimage_0 /dev/mapper/ru-r_rimage_1 2>/dev/null || true; } |
	awk '{ k = int(($1 - 1) / 4096); if (!(k in b)) { b[k] = 1; n++ } } END { print n + 0 }')
note "after the reactivation the legs differ in $diff4k blocks of 4 KiB"
if [ "$w" -gt 0 ]; then
	assert_eq "$diff4k" 0 "blocks that differ after a bitmap resync"
else
	# no resync: the write held back from the second leg is still missing
	[ "$diff4k" -gt 0 ] || die "the legs are equal although a write was held back from one at the kill"
	run vol lvchange --syncaction check ru/r
	wait_status ru/r " check "
	wait_sync ru/r
	mm=$(get lv_field ru/r raid_mismatch_count)
	check --lvm lv_field ru/r raid_mismatch_count "$mm"
	note "--syncaction check: raid_mismatch_count $mm (lvm2 reads the same)"
	assert_ne "$mm" 0 "the mismatch count when the legs differ"
	run vol lvchange --syncaction repair ru/r
	wait_status ru/r " repair "
	wait_sync ru/r
fi
run vol lvchange --syncaction check ru/r
wait_status ru/r " check "
wait_sync ru/r
check lv_field ru/r raid_mismatch_count 0
check --lvm lv_field ru/r raid_mismatch_count 0
# (md wrote below the images' page cache, which the first cmp filled)
echo 3 >/proc/sys/vm/drop_caches
run cmp /dev/mapper/ru-r_rimage_0 /dev/mapper/ru-r_rimage_1
run vol vgchange -an ru
assert_eq "$(dm_names)" "" "dm devices at the end"
run vol vgremove -y ru
