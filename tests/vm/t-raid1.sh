#!/usr/bin/env bash
# raid1 on real dm-raid, lvm2 beside us as the oracle:
# - lvcreate --type raid1 writes the metadata lvm2's own lvcreate writes
#   (twin VGs, every key and extent), and refuses what lvm2 refuses with
#   its words;
# - a new raid1 LV has its legs on distinct PVs and goes through resync to
#   idle, 100% and health AA; deactivated in the middle of its initial sync,
#   it resumes the sync where it stopped rather than starting again;
# - the dm tables, names and UUIDs of an active raid1 LV are lvm2's;
# - lvs shows the raid fields as lvm2 does, byte for byte;
# - lvm2 activates, reports and removes ours; we activate, report and
#   remove lvm2's.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tests/vm/raid1-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/raid1-lib.sh"

need_disks 4
layers 8	# 128 MiB each: twin VGs of four PVs

# ---------------------------------------------------------------- lvm2's metadata, twice

run lvm pvcreate -q "${P[@]:0:4}"
run lvm vgcreate -q -s 1M tw "${P[@]:0:4}"
run vol pvcreate -q "${P[@]:4:4}"
run vol vgcreate -q -s 1M tw2 "${P[@]:4:4}"
twin() {	# the same lvcreate in lvm2's VG (tw) and ours (tw2); %K[...] is the K-th PV of the VG
	local mine=() theirs=() a k
	for a in "$@"; do
		if [[ $a =~ ^%([0-3])(.*)$ ]]; then
			k=${BASH_REMATCH[1]}
			theirs+=("${P[k]}${BASH_REMATCH[2]}")
			mine+=("${P[k + 4]}${BASH_REMATCH[2]}")
		else
			theirs+=("$a")
			mine+=("$a")
		fi
	done
	# the PVs (%K) come last, after the VG
	local n=0
	for a in "$@"; do [[ $a == %* ]] || n=$((n + 1)); done
	run lvm lvcreate -an -Zn -y "${theirs[@]:0:n}" tw "${theirs[@]:n}"
	run vol lvcreate -an -y "${mine[@]:0:n}" tw2 "${mine[@]:n}"
}
twin --type raid1 -m 1 -L 20M -n a
twin -m 2 -L 12M -R 512k --maxrecoveryrate 64M -n b
twin --type raid1 -m 1 -l 10 --nosync --minrecoveryrate 1M --maxrecoveryrate 2M -n c %2 "%0:40-"
twin --type raid1 -m 1 -l 20%FREE --alloc anywhere -n d
twin -m 3 -L 8M -n e
twin --type raid1 -m 1 -l 100%PVS -n f %1 %3
run lvm vgcfgbackup -f "$T/tw" tw
run lvm vgcfgbackup -f "$T/tw2" tw2
assert_eq "$(md_lvs "$T/tw2")" "$(md_lvs "$T/tw")" "the text of six raid1 LVs, ours and lvm2's"
# both refuse a leg more than there are PVs, with lvm2's words
not lvm lvcreate -an -Zn -y -m 4 -L 8M -n g tw
lvm_err=$(err | grep -v WARNING || true)
fail vol lvcreate -an -y -m 4 -L 8M -n g tw2
assert_eq "$(err)" "$lvm_err" "5 legs on 4 PVs"
run lvm vgremove -q -f tw
run vol vgremove -q -f tw2

# ---------------------------------------------------------------- create and sync

run vol pvcreate -q "${P[@]}"
run vol vgcreate -q rv "${P[@]}"
run vol lvcreate -y --type raid1 -m 1 -L 64M --maxrecoveryrate 16M -n r rv
legs=$(vol lvs --noheadings -o devices rv/r_rimage_0 rv/r_rimage_1 | sed 's/(.*//' | sort -u | wc -l)
assert_eq "$legs" 2 "two legs, two PVs"
seen=
for _ in $(seq 200); do
	st=$(raid_status rv/r)
	seen+=" $(awk '{ print $3, $5 }' <<<"$st")"
	[[ $st == *" AA "*"idle"* ]] && break
	sleep 0.1
done
assert_match "$seen" "aa resync" "the initial sync shows both legs syncing"
assert_match "$st" "^raid1 2 AA 131072/131072 idle 0 0" "in sync at the end"
check lv_field rv/r sync_percent 100.00
check lv_field rv/r lv_health_status ""

# Deactivated while syncing, it resumes where it was.
run vol lvcreate -y --type raid1 -m 1 -L 96M --maxrecoveryrate 6M -n slow rv
for _ in $(seq 200); do
	done_s=$(raid_status rv/slow | awk '{ split($4, a, "/"); print a[1] }')
	[ "$done_s" -ge 40000 ] && break
	sleep 0.1
done
run vol lvchange -an rv/slow
run vol lvchange -ay rv/slow
again=$(raid_status rv/slow | awk '{ split($4, a, "/"); print a[1] }')
note "initial sync: $done_s sectors before deactivation, $again right after reactivation"
[ "$again" -ge "$done_s" ] || die "the sync restarted: $again < $done_s sectors"
run vol lvchange --maxrecoveryrate 0 rv/slow
wait_sync rv/slow

# ---------------------------------------------------------------- tables and names

# lvm2 activates our LV, then we do: the same devices, tables and UUIDs.
kernel_view() { dmsetup table | grep '^rv-' | sort; dmsetup info -c --noheadings -o name,uuid,major,minor | grep '^rv-' | sort; }
run vol vgchange -an rv
run lvm lvchange -ay rv/r
lvm2_view=$(kernel_view)
run lvm lvchange -an rv/r
run vol lvchange -ay rv/r
assert_eq "$(kernel_view)" "$lvm2_view" "rv/r in the kernel, activated by lvm2 and by us"
assert_eq "$(dm_names | grep '^rv-' | tr '\n' ' ')" "rv-r rv-r_rimage_0 rv-r_rimage_1 rv-r_rmeta_0 rv-r_rmeta_1 " "devices"
[ -L /dev/rv/r ] && [ ! -e /dev/rv/r_rimage_0 ] || die "links: only the raid1 LV gets /dev/rv/..."
run vol lvchange -ay rv/slow
wait_sync rv/r

# ---------------------------------------------------------------- lvs, byte for byte

R=lv_name,lv_attr,sync_percent,copy_percent,raid_sync_action,raid_mismatch_count
R+=,raid_min_recovery_rate,raid_max_recovery_rate,raid_write_behind,lv_health_status
soft same_lvs -a -o "$R" rv
soft same_lvs -a rv
soft same_lvs -a -o lv_name,lv_layout,lv_role,lv_initial_image_sync,lv_image_synced,lv_parent rv
soft same_lvs -a --reportformat json -o "$R" rv
soft same_lvs -a --segments -o +region_size,seg_pe_ranges,devices rv
run vol lvchange -an rv/slow
soft same_lvs -a -o "$R" rv	# inactive: no sync figures
run vol lvcreate -y --type raid1 -m 2 -L 8M --nosync -n ns rv
assert_match "$(dmsetup table rv-ns)" "^0 16384 raid raid1 4 0 nosync region_size 4096 3 " \
	"--nosync loads nosync, as lvm2's lvcreate does"
soft same_lvs -a -o "$R" rv	# NOTSYNCED: R
run vol lvremove -y rv/ns

# ---------------------------------------------------------------- interop

# lvm2's raid1: we activate it with its tables, write through it, report it.
run lvm lvcreate -q -an -Zn --type raid1 -m 2 -L 24M -n theirs rv
run lvm lvchange -ay rv/theirs
lvm2_view=$(kernel_view)
run lvm lvchange -an rv/theirs
run vol lvchange -ay rv/theirs
assert_eq "$(kernel_view)" "$lvm2_view" "lvm2's LV activated by us"
wait_sync rv/theirs
make_pattern "$T/pat" 24
put_pattern "$T/pat" /dev/rv/theirs
soft same_lvs -a -o "$R" rv
run lvm lvchange -an rv/theirs
run lvm lvchange -ay rv/theirs
run cmp "$T/pat" /dev/rv/theirs
run lvm lvremove -q -f rv/theirs
# ours: lvm2 activates, syncs and removes it.
run vol lvcreate -y -m 1 -L 16M -n ours rv
run vol lvchange -an rv/ours
run lvm lvchange -ay rv/ours
for _ in $(seq 100); do
	[ "$(lvm lvs --noheadings -o sync_percent rv/ours | tr -d ' ')" = 100.00 ] && break
	sleep 0.1
done
assert_match "$(raid_status rv/ours)" "^raid1 2 AA 32768/32768 idle" "lvm2 runs our LV"
run lvm lvremove -q -f rv/ours
assert_eq "$(dm_names | grep -c '^rv-ours' || true)" 0 "lvm2 removed every device of ours"

run vol vgchange -an rv
assert_eq "$(dm_names | grep -c '^rv-' || true)" 0 "devices after vgchange -an"
# vgremove -ff of a VG with an active raid1: its images are open to it only
run vol lvcreate -y -m 1 -L 8M -n last rv
run vol vgremove -q -ff rv
assert_eq "$(dm_names | grep -c '^rv-' || true)" 0 "devices after vgremove -ff of an active raid1"
layers_remove
