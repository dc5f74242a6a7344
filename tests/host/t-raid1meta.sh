#!/usr/bin/env bash
# raid1 metadata on the host (no device-mapper; lvm2 runs with activation
# disabled, where it refuses to create raid1 but reads, checks, renames,
# resizes and retunes it):
# - lvm2 reads what we create (lvs -a with devices, PE ranges, region size,
#   rates; vgck clean), laid out as lvm2 lays it out (each rmeta/rimage pair
#   on its own PV, rmeta first) with lvm2's keys in the text;
# - the rmeta sub-LVs' first 4 KiB are zeroed on the PV, nothing else;
# - region sizes as lvm2 computes them (2 MiB, cut to the LV's size, doubled
#   past 2^21 regions);
# - lvextend and lvreduce of a raid1 LV place and cut extents as lvm2's do;
# - we read what lvm2 writes after its own changes to our raid1 LVs;
# - bad input is refused with lvm2's message and exit code, nothing written.
# Metadata identical to lvm2's own lvcreate is checked in the VM (t-raid1*.sh).
. "$(dirname "$0")/lib.sh"

setup_loops 4 128M
A=${DEVS[0]} B=${DEVS[1]} C=${DEVS[2]} D=${DEVS[3]}
vg=$(vgname r)

# Every PV full of 0xAA, so zeroing shows.
for d in "${DEVS[@]}"; do
	dd if=/dev/zero bs=1M count=128 status=none | tr '\0' '\252' |
		dd of="$d" bs=1M iflag=fullblock oflag=direct status=none
done
run vol pvcreate -q "$A" "$B" "$C" "$D"
run vol vgcreate -q -s 1M "$vg" "$A" "$B" "$C"

# compare CMD ARGS...: our stdout and exit code are lvm2's, byte for byte.
same() {
	local rca=0 rcb=0
	vol "$@" </dev/null >"$T/ours.out" 2>"$T/ours.err" || rca=$?
	lvm "$@" </dev/null >"$T/lvm.out" 2>"$T/lvm.err" || rcb=$?
	assert_eq "$rca" "$rcb" "exit code of $*"
	cmp -s "$T/ours.out" "$T/lvm.out" || die "$* differs from lvm2's:
$(diff "$T/lvm.out" "$T/ours.out" | head -40)"
}

# ---------------------------------------------------------------- create

run vol lvcreate -an -y --type raid1 -m 1 -L 10M -n r1 "$vg"
assert_line "$(err)" "WARNING: Logical volume $vg/r1 not zeroed."
run vol lvcreate -an -y -m 2 -L 6M -n r2 -R 512k --maxrecoveryrate 64M "$vg"
run vol lvcreate -an -y --type raid1 -m 1 -l 4 -n r3 --nosync --minrecoveryrate 1M \
	--maxrecoveryrate 2M "$vg" "$C" "$A:100-"
assert_line "$(err)" "WARNING: New raid1 won't be synchronised. Don't read what you didn't write!"
run vol lvcreate -an -y --type raid1 -m 1 -l 10%FREE -n r4 "$vg"
run vol lvcreate -an -y --type raid1 -m 1 -l 100%PVS -n r5 "$vg" "$B" "$C"

F=lv_name,lv_attr,lv_size,seg_pe_ranges,devices,region_size,raid_min_recovery_rate
F+=,raid_max_recovery_rate,raid_write_behind,lv_role,lv_layout,lv_health_status,copy_percent
soft same lvs -a -o "$F" "$vg"
soft same lvs -a --segments -o +seg_le_ranges,seg_metadata_le_ranges,metadata_devices "$vg"
soft same lvs -a -o lv_all "$vg"
soft check --lvm vgck_clean "$vg"
check vgck_clean "$vg"

# The layout lvm2 2.03.16 gave for these same commands in the VM (1 MiB
# extents, 127 per PV; rmeta just before its image; %FREE and %PVS counted
# per leg; the second hole on A wins for r4, as lvm2 chose).
layout() {
	lvm lvs -a --noheadings -o lv_name,seg_pe_ranges "$vg" | awk '{ print $1, $2 }' |
		sed "s#$A#A#; s#$B#B#; s#$C#C#" | sort
}
assert_eq "$(layout)" "[r1_rimage_0] A:1-10
[r1_rimage_1] B:1-10
[r1_rmeta_0] A:0-0
[r1_rmeta_1] B:0-0
[r2_rimage_0] A:12-17
[r2_rimage_1] B:12-17
[r2_rimage_2] C:1-6
[r2_rmeta_0] A:11-11
[r2_rmeta_1] B:11-11
[r2_rmeta_2] C:0-0
[r3_rimage_0] C:8-11
[r3_rimage_1] A:101-104
[r3_rmeta_0] C:7-7
[r3_rmeta_1] A:100-100
[r4_rimage_0] A:106-121
[r4_rimage_1] B:19-34
[r4_rmeta_0] A:105-105
[r4_rmeta_1] B:18-18
[r5_rimage_0] C:13-103
[r5_rimage_1] B:36-126
[r5_rmeta_0] C:12-12
[r5_rmeta_1] B:35-35
r1 r1_rimage_0:0-9
r2 r2_rimage_0:0-5
r3 r3_rimage_0:0-3
r4 r4_rimage_0:0-15
r5 r5_rimage_0:0-90" "raid1 layout"

# The text lvm2 reads back: lvm2's keys, sub-LVs hidden READ/WRITE, flags.
run lvm vgcfgbackup -f "$T/bk" "$vg"
sect() { awk -v lv="$1" '$1 == lv && $2 == "{" { on = 1 } on { print } on && /^\t\t}$/ { exit }' "$T/bk" |
	grep -v -e '\bid = ' -e creation_; }
assert_eq "$(sect r3)" '		r3 {
			status = ["READ", "WRITE", "VISIBLE", "NOTSYNCED"]
			flags = []
			segment_count = 1

			segment1 {
				start_extent = 0
				extent_count = 4	# 4 Megabytes

				type = "raid1"
				device_count = 2
				region_size = 4096
				min_recovery_rate = 1024
				max_recovery_rate = 2048

				raids = [
					"r3_rmeta_0", "r3_rimage_0",
					"r3_rmeta_1", "r3_rimage_1"
				]
			}
		}' "r3 as lvm2 writes it back"
assert_eq "$(sect r2_rmeta_2)" '		r2_rmeta_2 {
			status = ["READ", "WRITE"]
			flags = []
			segment_count = 1

			segment1 {
				start_extent = 0
				extent_count = 1	# 1024 Kilobytes

				type = "striped"
				stripe_count = 1	# linear

				stripes = [
					"pv2", 0
				]
			}
		}' "an rmeta sub-LV"
assert_line "$(sect r2)" '^				region_size = 1024$'
assert_line "$(sect r2)" '^				max_recovery_rate = 65536$'

# rmeta zeroed: its first 4 KiB, nothing more; images untouched (-Z is for
# the top LV, which lvcreate zeroes through device-mapper when it activates).
pe_start=$(get --lvm pv_field "$A" pe_start)
bytes_at() { dd if="$1" bs=512 skip=$(($2 / 512)) count=$(($3 / 512)) iflag=direct status=none | od -An -tx1 -v | tr -s ' \n' ' ' | sed 's/^ //; s/ $//'; }
uniq_bytes() { bytes_at "$@" | tr ' ' '\n' | sort -u | tr '\n' ' '; }
for m in "$A 0" "$B 0" "$A 11" "$B 11" "$C 0" "$C 7" "$A 100" "$A 105" "$B 18" "$C 12" "$B 35"; do
	read -r dev pe <<<"$m"
	off=$((pe_start + pe * 1048576))
	assert_eq "$(uniq_bytes "$dev" "$off" 4096)" "00 " "rmeta at $dev PE $pe: first 4 KiB"
	assert_eq "$(uniq_bytes "$dev" $((off + 4096)) 4096)" "aa " "rmeta at $dev PE $pe: past 4 KiB"
done
assert_eq "$(uniq_bytes "$A" $((pe_start + 1048576)) 4096)" "aa " "r1_rimage_0 untouched with -an"

# ---------------------------------------------------------------- region sizes

run vol lvcreate -an -y --type raid1 -m 1 -L 8M -R 8G -n rsmall "$vg"
assert_line "$(out)" "Using reduced mirror region size of 8.00 MiB"
check --lvm lv_field "$vg/rsmall" region_size $((8 * 1048576))
run vol lvremove -y "$vg/rsmall"
# The default from activation/raid_region_size (KiB), as lvm2 reads it: a
# power of 2 (rounded down), a multiple of the page size (else 2 MiB).
for kib_want in 512:512 1000:512 2:2048 0:2048; do
	run vol lvcreate -an -y --config "activation/raid_region_size = ${kib_want%:*}" \
		--type raid1 -m 1 -L 8M -n rcfg "$vg"
	check --lvm lv_field "$vg/rcfg" region_size $((${kib_want#*:} * 1024)) \
		"raid_region_size = ${kib_want%:*}"
	run vol lvremove -y "$vg/rcfg"
done
# lvm2's dmeventd options: accepted and checked; we run no dmeventd.
run vol lvcreate -an -y --ignoremonitoring --monitor n --type raid1 -m 1 -L 8M -n mon "$vg"
run vol lvchange --monitor y "$vg/mon"
assert_eq "$(out)" "" "lvchange --monitor alone: nothing to say"
run vol lvchange --ignoremonitoring --addtag t1 "$vg/mon"
check --lvm lv_field "$vg/mon" lv_tags t1
run vol vgchange --monitor n --ignoremonitoring "$vg"
exits 3 vol lvchange --monitor maybe "$vg/mon"
assert_line "$(err)" "Invalid argument for --monitor: maybe"
exits 3 vol vgchange --ignoremonitoring "$vg"
run vol lvremove -y "$vg/mon"

big=$(vgname big)
add_loop 4200G; B1=$LAST_LOOP
add_loop 4200G; B2=$LAST_LOOP
run vol vgcreate -q "$big" "$B1" "$B2"
run vol lvcreate -an -y --type raid1 -m 1 -L 4096G -n at "$big"
run vol lvcreate -an -y --type raid1 -m 1 -L 4G -n small "$big"
check --lvm lv_field "$big/at" region_size $((2 * 1048576)) "2^21 regions exactly"
check --lvm lv_field "$big/small" region_size $((2 * 1048576)) "the default"
run vol lvremove -y "$big/at"
run vol lvcreate -an -y --type raid1 -m 1 -L 4100G -n over "$big"
check --lvm lv_field "$big/over" region_size $((4 * 1048576)) "past 2^21 regions: doubled"
soft check --lvm vgck_clean "$big"
run vol vgremove -y -f "$big"

# ---------------------------------------------------------------- resize, as lvm2 does it

# Twin VGs on C+D and A+B with the same free-space holes; lvm2 resizes one,
# we resize the other: the same extents must move.
twin_a=$(vgname ta) twin_b=$(vgname tb)
run vol vgremove -y -f "$vg"
for pair in "$twin_a $A $B" "$twin_b $C $D"; do
	read -r v x y <<<"$pair"
	run vol vgcreate -q -s 1M "$v" "$x" "$y"
	run vol lvcreate -an -y -l 3 -n hole1 "$v" "$x"
	run vol lvcreate -an -y --type raid1 -m 1 -l 5 -n r "$v"
	run vol lvcreate -an -y -l 2 -n hole2 "$v" "$y"
	run vol lvremove -y "$v/hole1"
done
twin_layout() {
	lvm lvs -a --noheadings -o lv_name,seg_pe_ranges,region_size --units s "$1" | awk '{ print $1, $2, $3 }' |
		sed "s#$2#X#g; s#$3#Y#g" | sort
}
resize_both() {
	run vol "$1" -y "${@:2}" "$twin_a/r"
	run lvm "$1" -y "${@:2}" "$twin_b/r"
	assert_eq "$(twin_layout "$twin_a" "$A" "$B")" "$(twin_layout "$twin_b" "$C" "$D")" "after $*"
}
resize_both lvextend -l +4
assert_line "$(twin_layout "$twin_a" "$A" "$B")" '^\[r_rimage_1\] Y:8-11 ' "leg 1 went past hole2"
resize_both lvextend -L +20M
resize_both lvextend -l +100%FREE
soft check --lvm vgck_clean "$twin_a"
# lvm2 shrinks raid LVs only where it finds the dm-raid target (the VM
# tier compares it there); every leg keeps its first extents.
first=$(lvm lvs -a --noheadings -o lv_name,seg_le_ranges,devices "$twin_a" | grep rimage | awk '$2 ~ /^0-/')
run vol lvreduce -y -l 7 "$twin_a/r"
check --lvm lv_field "$twin_a/r" lv_size $((7 * 1048576))
for img in r_rimage_0 r_rimage_1; do
	check --lvm lv_field "$twin_a/$img" lv_size $((7 * 1048576))
	start=$(awk -v n="[$img]" '$1 == n { print $3 }' <<<"$first")
	assert_eq "$(lvm lvs --noheadings -o devices "$twin_a/$img" | tr -d ' ')" "$start" "$img keeps its first extents"
done
soft check --lvm vgck_clean "$twin_a"

# ---------------------------------------------------------------- lvm2 writes, we read

# lvm2 renames, retunes and tags our raid1 LV; we must read what it wrote.
run lvm lvrename "$twin_a" r rr
run lvm lvchange --maxrecoveryrate 1M "$twin_a/rr"
run lvm lvchange --minrecoveryrate 512 "$twin_a/rr"
run lvm lvchange --addtag lvm2-was-here "$twin_a/rr"
soft same lvs -a -o "$F,lv_tags" "$twin_a"
soft same lvs -a --segments -o +seg_le_ranges,seg_metadata_le_ranges "$twin_a"
check vgck_clean "$twin_a"
assert_eq "$(vol lvs --noheadings -o lv_name -a "$twin_a" | tr -d ' ' | sort | tr '\n' ' ')" \
	"[rr_rimage_0] [rr_rimage_1] [rr_rmeta_0] [rr_rmeta_1] hole2 rr " "sub-LVs renamed with their LV by lvm2"
# ... and lvm2 reads what we write after that.
run vol lvrename "$twin_a" rr r9
run vol lvchange --addtag ours "$twin_a/r9"
soft same lvs -a -o "$F,lv_tags" "$twin_a"
soft check --lvm vgck_clean "$twin_a"

# ---------------------------------------------------------------- bad input

rvg=$(vgname bad)
run vol vgremove -y -f "$twin_a"
run vol vgcreate -q -s 1M "$rvg" "$A" "$B"
before=$(fingerprint)
# same_refusal ARGS...: lvm2's message and exit code, for what lvm2 refuses
# before it looks for device-mapper.
same_refusal() {
	local rca=0 rcb=0
	vol lvcreate -an -y "$@" -L 8M -n bad "$rvg" </dev/null >"$T/ours.out" 2>"$T/ours.err" || rca=$?
	lvm lvcreate -an -y "$@" -L 8M -n bad "$rvg" </dev/null >"$T/lvm.out" 2>"$T/lvm.err" || rcb=$?
	assert_eq "$rca" "$rcb" "exit code of lvcreate $*"
	assert_ne "$rca" 0 "lvcreate $* must fail"
	assert_eq "$(cat "$T/ours.err")" "$(lvm_stderr "$T/lvm.err")" "messages of lvcreate $*"
}
soft same_refusal --type raid1 -m 1 -i 2
soft same_refusal --type raid1 -m 0
soft same_refusal --type raid1 -m 64
soft same_refusal -m 64
soft same_refusal -m -1
soft same_refusal --type raid1 -R 3M
soft same_refusal --type raid1 -R 1k
soft same_refusal --type raid1 -R 0
soft same_refusal --type raid1 -R -2M
soft same_refusal -R 2M
soft same_refusal --nosync
soft same_refusal --minrecoveryrate 1M
soft same_refusal --type raid1 --minrecoveryrate 1M
soft same_refusal --type raid1 --minrecoveryrate 2M --maxrecoveryrate 1M
soft same_refusal --type raid1 -m 1 /dev/nonexistent
# What lvm2 only refuses with device-mapper (the VM tier pins its words):
# more legs than PVs, and legs that would share a PV.
fail vol lvcreate -an -y --type raid1 -m 2 -L 8M -n bad "$rvg"
assert_line "$(err)" "Insufficient suitable allocatable extents for logical volume bad: [0-9]+ more required"
fail vol lvcreate -an -y --type raid1 -m 1 -L 8M -n bad "$rvg" "$A"
assert_line "$(err)" "Insufficient suitable allocatable extents for logical volume bad"
fail vol lvcreate -an -y --type raid1 -m 1 -L 200M -n bad "$rvg"
assert_line "$(err)" "Insufficient "
# lvm2 with activation disabled refuses raid1 altogether; so do we then.
fail vol lvcreate --config 'global{activation=0}' -an -y --type raid1 -m 1 -L 8M -n bad "$rvg"
assert_eq "$(err)" "  Can't create raid1 without using device-mapper kernel driver."
assert_eq "$(fingerprint)" "$before" "devices after refused raid1 creates"
check vg_field "$rvg" lv_count 0

# ---------------------------------------------------------------- a leg's PV missing
# vgreduce --removemissing --force keeps the raid1 LV: the image and rmeta
# on the missing PV become "error" segments, as lvm2 makes them
# (lvm2's lvconvert-m-raid1-degraded; it crashed here once).
mvg=$(vgname miss)
run vol vgremove -y -f "$rvg"
run vol vgcreate -q -s 1M "$mvg" "$A" "$B"
run vol lvcreate -an -y --type raid1 -m 1 -L 8M -n m "$mvg" "$A" "$B"
all=$DEVLIST
DEVLIST=$B
fail vol vgreduce --removemissing "$mvg"	# a partial LV: not without --force
run vol vgreduce --removemissing --force "$mvg"
soft assert_eq "$(lvm lvs --noheadings -a -o lv_name,segtype,devices "$mvg" | tr -s ' ' | sed 's/ $//')" \
" m raid1 m_rimage_0(0),m_rimage_1(0)
 [m_rimage_0] error
 [m_rimage_1] linear $B(1)
 [m_rmeta_0] error
 [m_rmeta_1] linear $B(0)" "lvm2 reads the raid1 with its lost leg as error segments"
soft check --lvm vgck_clean "$mvg"
soft check --lvm vg_field "$mvg" pv_count 1
run vol vgremove -y -f "$mvg"
DEVLIST=$all

# ---------------------------------------------------------------- lvm2's old-style mirror loses a leg
# An LV of lvm2's "mirror" type (lvm2 makes it only with device-mapper, so
# its metadata is written here as lvm2 writes it and restored by lvm2's
# vgcfgrestore): with a leg's PV missing, vgreduce --removemissing --force
# keeps the surviving image as a linear LV and drops the lost image and the
# log, as lvm2 does (its vgreduce-usage test); lvm2 reads the result.

# uuid: a random LVM2-style UUID.
uuid() {
	local s
	s=$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32)
	echo "${s:0:6}-${s:6:4}-${s:10:4}-${s:14:4}-${s:18:4}-${s:22:4}-${s:26:6}"
}
# sub_lv NAME PVNAME PE EXTENTS: a hidden striped sub-LV section.
sub_lv() {
	printf '%s {\nid = "%s"\nstatus = ["READ", "WRITE"]\nflags = []\ncreation_time = 1700000000\ncreation_host = "h"\nsegment_count = 1\nsegment1 {\nstart_extent = 0\nextent_count = %s\ntype = "striped"\nstripe_count = 1\nstripes = ["%s", %s]\n}\n}\n' \
		"$1" "$(uuid)" "$4" "$2" "$3"
}
# add_mirror BACKUP NAME EXTENTS LOGPV:PE PV:PE...: lvm2's mirror LV NAME (a
# disk log, one image per PV:PE) added to the VG backup file BACKUP.
add_mirror() {
	local f=$1 name=$2 n=$3 log=$4 i=0 legs="" subs="" p
	shift 4
	for p in "$@"; do
		legs+="\"${name}_mimage_$i\", 0${legs:+}, "
		subs+=$(sub_lv "${name}_mimage_$i" "${p%:*}" "${p#*:}" "$n")$'\n'
		i=$((i + 1))
	done
	legs=${legs%, }
	subs+=$(sub_lv "${name}_mlog" "${log%:*}" "${log#*:}" 1)
	printf '%s {\nid = "%s"\nstatus = ["READ", "WRITE", "VISIBLE"]\nflags = []\ncreation_time = 1700000000\ncreation_host = "h"\nsegment_count = 1\nsegment1 {\nstart_extent = 0\nextent_count = %s\ntype = "mirror"\nmirror_count = %s\nmirror_log = "%s_mlog"\nregion_size = 1024\nmirrors = [%s]\n}\n}\n%s\n' \
		"$name" "$(uuid)" "$n" "$i" "$name" "$legs" "$subs" >"$T/mirror.txt"
	# into the logical_volumes section, which lvm2 writes last in the VG
	awk -v add="$T/mirror.txt" '
		/^\tlogical_volumes \{/ { print; while ((getline l < add) > 0) print l; next }
		{ print }' "$f" >"$f.new" && mv "$f.new" "$f"
}
lvs_of() { lvm lvs --noheadings -a -o lv_name,segtype,devices "$1" 2>/dev/null | tr -s ' ' | sed 's/ $//'; }

xvg=$(vgname mir)
add_loop 128M; E=$LAST_LOOP
run vol pvcreate -ff -y "$A"	# it kept the removed VG above
run vol vgcreate -q -s 1M "$xvg" "$A" "$B" "$E"
run lvm lvcreate -an -Zn -l 4 -n lin "$xvg" "$E"
run lvm vgcfgbackup -f "$T/mir.vg" "$xvg"
add_mirror "$T/mir.vg" mir 4 pv2:4 pv0:0 pv1:0
run lvm vgcfgrestore -f "$T/mir.vg" "$xvg"
assert_eq "$(lvs_of "$xvg")" \
" lin linear $E(0)
 mir mirror mir_mimage_0(0),mir_mimage_1(0)
 [mir_mimage_0] linear $A(0)
 [mir_mimage_1] linear $B(0)
 [mir_mlog] linear $E(4)" "lvm2 reads the mirror as written"
save_images mirror
all=$DEVLIST

DEVLIST=$B,$E	# the first leg's PV is gone
fail vol vgreduce --removemissing "$xvg"	# a partial LV: not without --force
soft run vol vgreduce --removemissing --force "$xvg"
soft assert_eq "$(lvs_of "$xvg")" \
" lin linear $E(0)
 mir linear $B(0)" "linear on the surviving image; the lost image and the log gone"
soft check --lvm vgck_clean "$xvg"
soft check --lvm lv_field "$xvg/mir" segtype linear
soft check --lvm vg_field "$xvg" pv_count 2
soft check --lvm vg_field "$xvg" lv_count 2
soft check lv_field "$xvg/mir" lv_size 4194304

# --mirrorsonly: the mirror is repaired, a linear LV on the lost PV stays
# (named as lvm2 names it), and so does that PV.
DEVLIST=$all
restore_images mirror
run lvm lvcreate -an -Zn -l 4 -n onA "$xvg" "$A"
DEVLIST=$B,$E
invalid vol vgreduce --mirrorsonly "$xvg"
soft assert_has "$(err)" "--mirrorsonly requires --removemissing." "lvm2's words"
soft run vol vgreduce --removemissing --mirrorsonly --force "$xvg"
soft assert_has "$(err)" "Non-mirror-image LV onA found: can't remove." "lvm2's words"
soft assert_eq "$(lvs_of "$xvg")" \
" lin linear $E(0)
 mir linear $B(0)
 onA linear [unknown](4)" "mirror repaired, onA kept"
soft check --lvm vg_field "$xvg" pv_count 3
# the PV comes back (its metadata older): reports with -P, then vgremove -ff
DEVLIST=$all
soft run vol pvs -P
soft run vol lvs -P "$xvg"
soft run vol vgs -P "$xvg"
soft run vol vgremove -ff "$xvg"	# the PV still marked missing keeps its old copy, as with lvm2

# A three-way mirror that loses one leg stays a mirror in lvm2: refused,
# nothing written.
DEVLIST=$all
restore_images mirror
run lvm lvremove -y "$xvg/mir"
run lvm vgcfgbackup -f "$T/mir3.vg" "$xvg"
add_mirror "$T/mir3.vg" three 2 pv2:10 pv0:10 pv1:10 pv2:12
run lvm vgcfgrestore -f "$T/mir3.vg" "$xvg"
assert_has "$(lvs_of "$xvg")" " three mirror three_mimage_0(0),three_mimage_1(0),three_mimage_2(0)" \
	"lvm2 reads the three-way mirror"
DEVLIST=$B,$E
s=$(get vg_field "$xvg" vg_seqno)
soft fail vol vgreduce --removemissing --force "$xvg"
soft assert_has "$(err)" "Mirror LV $xvg/three would stay a mirror (2 of 3 images left)" "refused"
soft check vg_field "$xvg" vg_seqno "$s" "nothing written"
DEVLIST=$all
run vol vgremove -y -f "$xvg"
