#!/usr/bin/env bash
# vmtest: two-boot
# An unclean shutdown under a raid1 LV.  Boot 1: our raid1 LV (region size
# 1 MiB) synced, a writer putting random data into it in direct writes, one
# of them held back from the second leg (its PV sits on a dm layer that is
# switched to a delay table), and the VM killed mid-write (sysrq b: no
# sync, no deactivation).  Boot 2, on the same disk images: the legs differ
# where the held-back write went to the first leg only.
#
# dm-raid alone would leave them so (Linux 6.1, for lvm2's activation as for
# a plain table load): it never records the array as dirty in its
# superblock, and md then takes the bitmap's dirty regions of a synced
# array as needing no resync.  Our lvchange -ay finds the dirty regions in
# the bitmap, says so, and has dm-raid resync exactly them
# (libvolume/raid_unclean.c): the test requires the warning, a resync that
# writes far less than the LV (reported: the kernel's log, the status when
# a look catches it, the bytes written to the images), legs that are equal
# afterwards, and 0 mismatches from --syncaction check (ours and lvm2's
# raid_mismatch_count).
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tests/vm/raid1-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/raid1-lib.sh"

need_disks 3
a=$(disk 0) b=$(disk 1) c=$(disk 2)
DEVS=$a,$b	# raid1-lib's vol/lvm take --devices "$DEVS"
MIB=32	# the LV; the writer covers its first 4 MiB, so 4 to 5 regions are dirty
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
	# md clears the bitmap bits of the initial sync a few seconds later:
	# wait until the bitmap on disk is clean (its bits start 256 bytes into
	# the page at 4 KiB in the rmeta), so that boot 2 sees only the writer's
	bits() { dd if=/dev/mapper/ru-r_rmeta_0 bs=4096 skip=1 count=1 iflag=direct status=none |
		od -An -tx1 -j 256 -N $((MIB / 8)) | tr -d ' \n'; }
	for ((i = 0; i < 600; i++)); do
		[[ $(bits) =~ ^0+$ ]] && break
		sleep 0.1
	done
	[[ $(bits) =~ ^0+$ ]] || die "the bitmap of ru/r is still dirty 60 s after the sync: $(bits)"
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
cat "$T/act.out"
assert_match "$(cat "$T/act.out")" "ru/r was not deactivated cleanly: resynchronising the [0-9]+ of its $MIB regions" \
	"lvchange -ay's warning"
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
[ "$w" -gt 0 ] || die "no resync after the unclean shutdown"
[ "$w" -lt $((MIB * 1048576 / 2)) ] ||
	die "the resync wrote $w bytes: a full copy, not the regions the bitmap marked"
wait_sync ru/r
diff4k=$({ cmp -l /dev/mapper/ru-r_rimage_0 /dev/mapper/ru-r_rimage_1 2>/dev/null || true; } |
	awk '{ k = int(($1 - 1) / 4096); if (!(k in b)) { b[k] = 1; n++ } } END { print n + 0 }')
assert_eq "$diff4k" 0 "4 KiB blocks in which the legs differ after the resync"
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
