#!/usr/bin/env bash
# raid1 legs failing under real dm-raid (a PV's dm layer swapped for an
# error table):
# - a leg dies while a writer runs: no write fails, health shows the dead
#   leg (lvs as lvm2 shows it), every block reads back as written;
# - lvconvert --repair onto a spare PV: back to AA, the two images equal;
# - a leg that fails for a moment and comes back: lvs says refresh needed
#   (as lvm2), lvchange --refresh takes it back and dm-raid resyncs only
#   the regions written meanwhile (measured: far less than the LV);
# - lvm2 repairs our raid1 LV, we repair lvm2's;
# - degraded activation with a leg's PV missing: complete refuses with
#   lvm2's words, degraded activates with lvm2's tables (error stand-ins),
#   both legs missing is refused in every mode.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tests/vm/raid1-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/raid1-lib.sh"

need_disks 4
layers 6
R=lv_name,lv_attr,devices,sync_percent,raid_sync_action,lv_health_status

run vol pvcreate -q "${P[@]}"
run vol vgcreate -q rf "${P[@]}"
run vol lvcreate -y --type raid1 -m 1 -L 48M -n r rf "${P[0]}" "${P[1]}"
wait_sync rf/r
make_pattern "$T/pat" 48
put_pattern "$T/pat" /dev/rf/r

# ---------------------------------------------------------------- a leg dies under a writer

writer_start /dev/rf/r "$T/pat"
sleep 1
fail_pv 1
sleep 3
writer_stop	# dies if a single write failed
wait_status rf/r "^raid1 2 AD [0-9]+/[0-9]+ idle "	# health shows the dead leg
soft same_lvs -a -o "$R" rf
run cmp "$T/pat" /dev/rf/r

# ---------------------------------------------------------------- repair onto a spare

run vol lvconvert -y --repair rf/r
assert_line "$(out)" "Faulty devices in rf/r successfully replaced."
wait_sync rf/r
assert_match "$(raid_status rf/r)" "^raid1 2 AA " "repaired"
assert_eq "$(vol lvs --noheadings -o devices rf/r_rimage_1 | tr -d ' ')" "${P[2]}(1)" "the new leg"
run cmp /dev/mapper/rf-r_rimage_0 /dev/mapper/rf-r_rimage_1
run cmp "$T/pat" /dev/rf/r
soft same_lvs -a -o "$R" rf
assert_eq "$(dm_names | grep '^rf-' | tr '\n' ' ')" \
	"rf-r rf-r_rimage_0 rf-r_rimage_1 rf-r_rmeta_0 rf-r_rmeta_1 " "no device of the old leg is left"
# the dead PV comes back with its old metadata; the next write updates it
restore_pv 1
run vol vgck --updatemetadata rf

# ---------------------------------------------------------------- a leg fails for a moment

before=$(dev_writes "${P[2]}")
fail_pv 2
run dd if="$T/pat" of=/dev/rf/r bs=1M count=4 skip=20 seek=20 oflag=direct status=none
restore_pv 2
wait_status rf/r "^raid1 2 AD [0-9]+/[0-9]+ idle "	# the leg is out of the array
check lv_field rf/r lv_health_status "refresh needed"
soft same_lvs -a -o "$R" rf
run vol lvchange --refresh rf/r
wait_sync rf/r
written=$((($(dev_writes "${P[2]}") - before) * 512))
note "resync after --refresh wrote $((written / 1024)) KiB of the 48 MiB LV to the returning leg"
[ "$written" -gt 0 ] || die "nothing was resynced"
[ "$written" -lt $((12 * 1048576)) ] || die "the resync wrote $written bytes: not just the dirty regions"
run cmp /dev/mapper/rf-r_rimage_0 /dev/mapper/rf-r_rimage_1
run cmp "$T/pat" /dev/rf/r

# ---------------------------------------------------------------- lvm2 repairs ours, we repair lvm2's

fail_pv 0
put_pattern "$T/pat" /dev/rf/r 2
wait_status rf/r "^raid1 2 DA [0-9]+/[0-9]+ idle "
run lvm lvconvert -y --repair rf/r
wait_status rf/r "^raid1 2 AA [0-9]+/[0-9]+ idle "	# lvm2 repaired our LV
run cmp "$T/pat" /dev/rf/r
soft same_lvs -a -o "$R" rf
run vol lvchange -an rf/r
run vol lvchange -ay rf/r
run cmp "$T/pat" /dev/rf/r
# lvm2 marked the dead PV missing in the metadata: it leaves the VG
run vol vgreduce --removemissing rf
restore_pv 0

run lvm lvcreate -q -an -Zn --type raid1 -m 1 -L 16M -n theirs rf "${P[3]}" "${P[4]}"
run lvm lvchange -ay rf/theirs
wait_status rf/theirs "^raid1 2 AA [0-9]+/[0-9]+ idle "
put_pattern "$T/pat" /dev/rf/theirs 16
fail_pv 4
put_pattern "$T/pat" /dev/rf/theirs 1
wait_status rf/theirs "^raid1 2 AD [0-9]+/[0-9]+ idle "
run vol lvconvert -y --repair rf/theirs
wait_sync rf/theirs
run cmp /dev/mapper/rf-theirs_rimage_0 /dev/mapper/rf-theirs_rimage_1
run cmp <(head -c $((16 * 1048576)) "$T/pat") /dev/rf/theirs
soft same_lvs -a -o "$R" rf
run lvm lvchange -an rf/theirs
run lvm lvchange -ay rf/theirs
run cmp <(head -c $((16 * 1048576)) "$T/pat") /dev/rf/theirs
run lvm lvremove -q -f rf/theirs
run vol vgreduce --removemissing rf
restore_pv 4

# ---------------------------------------------------------------- degraded activation

run vol vgck --updatemetadata rf
run vol lvcreate -y --type raid1 -m 1 -L 16M -n deg rf "${P[3]}" "${P[5]}"
wait_sync rf/deg
run vol lvchange -an rf/deg
fail_pv 5
fail vol lvchange -ay --activationmode complete rf/deg
assert_line "$(err)" "Refusing activation of partial LV rf/deg.  Try '--activationmode degraded'."
not lvm lvchange -ay --activationmode complete rf/deg
assert_line "$(err)" "Refusing activation of partial LV rf/deg.  Try '--activationmode degraded'."
assert_eq "$(dm_names | grep -c '^rf-deg' || true)" 0 "complete mode made no device"
run lvm lvchange -ay rf/deg
lvm2_tables=$(dmsetup table | grep '^rf-deg' | sort)
run lvm lvchange -an rf/deg
run vol lvchange -ay rf/deg
assert_eq "$(dmsetup table | grep '^rf-deg' | sort)" "$lvm2_tables" "degraded tables (stand-ins for the missing leg)"
assert_line "$lvm2_tables" "^rf-deg_rimage_1-missing_0_0: 0 32768 error" "a stand-in"
assert_match "$(raid_status rf/deg)" "^raid1 2 AD " "running on one leg"
soft same_lvs -a -o "$R" rf
run vol lvchange -an rf/deg
assert_eq "$(dm_names | grep -c '^rf-deg' || true)" 0 "deactivated with its stand-ins"
fail_pv 3
for mode in degraded complete partial; do
	fail vol lvchange -ay --activationmode $mode rf/deg
	assert_eq "$(dm_names | grep -c '^rf-deg' || true)" 0 "both legs missing, $mode: nothing left"
done
assert_line "$(err)" "Failed to load a table into rf-deg"
restore_pv 3
restore_pv 5

run vol vgchange -an rf
run vol vgremove -q -f rf
layers_remove
