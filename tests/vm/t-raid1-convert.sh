#!/usr/bin/env bash
# raid1 reshaped online, each step done by lvm2 in one VG and by us in a twin
# VG of the same layout, with data on the LVs all along:
# - -m +2, -m -1 PV (legs renumbered), -m 0 (back to linear, no sub-LV or
#   device left), --type raid1 on a linear LV, --replace PV, write-mostly,
#   write-behind and recovery rate, --rebuild, --type linear;
# - after each step the metadata text is lvm2's, the kernel tables are
#   lvm2's (device numbers aside), the data checksum is unchanged;
# - refusals (inactive LV, too many legs, too few PVs named, every leg
#   write-mostly, every leg rebuilt, a declined question) as lvm2 words them.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tests/vm/raid1-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/raid1-lib.sh"

need_disks 4
layers 8

# lvm2 works in VG "tw" on rp0-rp3, we work in "tw2" on rp4-rp7.
both() {	# both ARGS...: the command in each VG; %VG is the VG, %K its K-th PV
	local tool vg off a args
	for tool in lvm vol; do
		[ $tool = lvm ] && vg=tw off=0 || { vg=tw2; off=4; }
		args=()
		for a in "$@"; do
			a=${a//%VG/$vg}
			[[ $a =~ ^%([0-3])(.*)$ ]] && a=${P[BASH_REMATCH[1] + off]}${BASH_REMATCH[2]}
			args+=("$a")
		done
		run $tool "${args[@]}"
	done
}
# The kernel's view of a VG's devices: tables with device numbers as names.
kernel_tables() {
	local vg=$1 names
	names=$(dmsetup info -c --noheadings -o major,minor,name --separator ' ')
	dmsetup table | grep "^$vg-" | sort | while read -r line; do
		for w in $line; do
			if [[ $w =~ ^([0-9]+):([0-9]+)$ ]]; then
				awk -v a="${BASH_REMATCH[1]}" -v b="${BASH_REMATCH[2]}" '$1 == a && $2 == b { print $3 }' <<<"$names"
			else
				echo "$w"
			fi
		done | tr '\n' ' '
		echo
	done | sed "s/^$vg-/VG-/; s/ $vg-/ VG-/g; s/rp[4-7]/rp@/g; s/rp[0-3]/rp@/g"
}
same_state() {	# WHAT: metadata and tables of both VGs alike
	run lvm vgcfgbackup -f "$T/a" tw
	run lvm vgcfgbackup -f "$T/b" tw2
	assert_eq "$(md_lvs "$T/b" | sed 's/tw2/tw/g')" "$(md_lvs "$T/a")" "metadata after $1"
	assert_eq "$(kernel_tables tw2)" "$(kernel_tables tw)" "tables after $1"
}
data_ok() {	# LV FILE MIB
	local vg
	for vg in tw tw2; do
		run cmp <(head -c $(($3 * 1048576)) "$2") "/dev/$vg/$1"
	done
}
synced() { wait_sync "tw/$1"; wait_sync "tw2/$1"; }

run lvm pvcreate -q "${P[@]:0:4}"
run lvm vgcreate -q -s 1M tw "${P[@]:0:4}"
run vol pvcreate -q "${P[@]:4:4}"
run vol vgcreate -q -s 1M tw2 "${P[@]:4:4}"
both lvcreate -y -an -l 3 -n hole %VG %1
both lvcreate -y -Zn --type raid1 -m 1 -l 10 -n r %VG
both lvcreate -y -Zn -l 12 -n lin %VG %2
both lvremove -y %VG/hole
make_pattern "$T/pat" 12
for vg in tw tw2; do
	put_pattern "$T/pat" /dev/$vg/r 10
	put_pattern "$T/pat" /dev/$vg/lin
done
synced r
same_state "lvcreate"

# ---------------------------------------------------------------- legs added and removed

both lvconvert -y -m +2 %VG/r
assert_line "$(out)" "Logical volume tw2/r successfully converted."
synced r
same_state "-m +2"
data_ok r "$T/pat" 10
run cmp /dev/mapper/tw2-r_rimage_0 /dev/mapper/tw2-r_rimage_3

both lvconvert -y -m -1 %VG/r %1
same_state "-m -1 of the leg on the second PV (legs renumbered)"
assert_eq "$(dm_names | grep '^tw2-' | tr '\n' ' ')" \
	"tw2-lin tw2-r tw2-r_rimage_0 tw2-r_rimage_1 tw2-r_rimage_2 tw2-r_rmeta_0 tw2-r_rmeta_1 tw2-r_rmeta_2 " \
	"devices renamed with their legs"
data_ok r "$T/pat" 10

both lvconvert -y -m 0 %VG/r
same_state "-m 0"
assert_eq "$(dm_names | grep '^tw2-r' | tr '\n' ' ')" "tw2-r " "no sub-LV device left"
assert_eq "$(vol lvs --noheadings -a -o lv_name tw2 | tr -d ' ' | tr '\n' ' ')" "lin r " "no sub-LV left"
data_ok r "$T/pat" 10

# ---------------------------------------------------------------- linear to raid1, replace, back

both lvconvert -y --type raid1 -m 1 %VG/lin
synced lin
same_state "--type raid1 -m 1 on a linear LV"
data_ok lin "$T/pat" 12

both lvconvert -y --replace %2 %VG/lin
synced lin
same_state "--replace"
data_ok lin "$T/pat" 12
run cmp /dev/mapper/tw2-lin_rimage_0 /dev/mapper/tw2-lin_rimage_1

both lvchange -y --writemostly %0 --writebehind 100 --maxrecoveryrate 4M %VG/lin
same_state "write-mostly, write-behind, max recovery rate"
soft same_lvs -a -o lv_name,lv_attr,raid_write_behind,raid_max_recovery_rate,lv_health_status tw2
assert_match "$(dmsetup table tw2-lin)" " write_mostly 1 max_write_behind " "write-mostly in the table"
both lvchange -y --writemostly %0:n --minrecoveryrate 1M %VG/lin
same_state "write-mostly off, min recovery rate"

both lvchange -y --rebuild %0 %VG/lin
synced lin
same_state "--rebuild"
data_ok lin "$T/pat" 12

both lvconvert -y --type linear %VG/lin
same_state "--type linear"
data_ok lin "$T/pat" 12

# ---------------------------------------------------------------- refusals, as lvm2

both lvconvert -y --type raid1 -m 2 %VG/lin
synced lin
# same_refusal ARGS...: the same exit code and message from both tools
twin_args() {	# VG OFFSET ARGS...: %VG and %K replaced, one per line
	local vg=$1 off=$2 a
	shift 2
	for a in "$@"; do
		a=${a//%VG/$vg}
		[[ $a =~ ^%([0-3])(.*)$ ]] && a=${P[BASH_REMATCH[1] + off]}${BASH_REMATCH[2]}
		printf '%s\n' "$a"
	done
}
same_refusal() {
	local rca=0 rcb=0 args=()
	mapfile -t args < <(twin_args tw 0 "$@")
	command lvm "${args[0]}" --devices "$DEVS" "${args[@]:1}" </dev/null >"$T/l.out" 2>"$T/l.err" || rcb=$?
	mapfile -t args < <(twin_args tw2 4 "$@")
	volume "${args[0]}" --devices "$DEVS" "${args[@]:1}" </dev/null >"$T/o.out" 2>"$T/o.err" || rca=$?
	assert_eq "$rca" "$rcb" "exit code of $*"
	assert_ne "$rca" 0 "$* must fail"
	assert_eq "$(sed 's/tw2/tw/g; s/rp[4-7]/rp@/g' "$T/o.err")" \
		"$(grep -v WARNING "$T/l.err" | sed 's/rp[0-3]/rp@/g')" "messages of $*"
}
soft same_refusal lvconvert -y -m 64 %VG/lin
# ---------------------------------------------------------------- region size changed
both lvconvert -y --type raid1 -R 128K %VG/lin
assert_line "$(out)" "Changed region size on raid1 LV tw2/lin to 128.00 KiB."
assert_line "$(out)" "Logical volume tw2/lin successfully converted."
synced lin
same_state "--type raid1 -R 128K"
same_refusal lvconvert -y -R 128K %VG/lin
same_refusal lvconvert -y --type raid1 -R 128K %VG/lin
both lvconvert -y -R 1m %VG/lin
assert_eq "$(out)" "  Changed region size on raid1 LV tw2/lin to 1.00 MiB." "-R alone"
synced lin
same_state "-R 1m"
same_refusal lvconvert -y -R 1G %VG/lin
same_refusal lvconvert -y -R 1K %VG/lin
soft same_refusal lvconvert -R 256K %VG/lin	# the question, answered by end of input
data_ok lin "$T/pat" 12
soft same_refusal lvconvert -y -m -2 %VG/lin %0
soft same_refusal lvconvert -m +1 %VG/lin	# the question, answered by end of input
soft same_refusal lvconvert -m 0 %VG/lin
soft same_refusal lvchange -y --rebuild %0 --rebuild %1 --rebuild %2 %VG/lin
# An image split off with --trackchanges (lvm2 does the split): neither the
# raid1 LV nor the image converts until it is merged back.
run lvm lvconvert -y --splitmirrors 1 --trackchanges tw/lin
run lvm lvconvert -y --splitmirrors 1 --trackchanges tw2/lin
same_refusal lvconvert -y --type linear %VG/lin
same_refusal lvconvert -y -m +1 %VG/lin
same_refusal lvconvert -y --type raid1 -m 1 %VG/lin_rimage_2
run lvm lvconvert --merge tw/lin_rimage_2
run lvm lvconvert --merge tw2/lin_rimage_2
synced lin
same_state "an image split off with --trackchanges and merged back"
both lvchange -an %VG/lin
soft same_refusal lvconvert -y -m +1 %VG/lin
both lvchange -ay %VG/lin
synced lin
data_ok lin "$T/pat" 12

both vgchange -an %VG
run lvm vgremove -q -f tw
run vol vgremove -q -f tw2

# ---------------------------------------------------------------- a linear LV of two segments
# (lvm2's lvconvert-raid-allocation): 256 KiB extents, 4 of them in two
# segments on two PVs, so the LV (1 MiB) is smaller than the default region.
run lvm vgcreate -q -s 256k tw "${P[@]:0:4}"
run vol vgcreate -q -s 256k tw2 "${P[@]:4:4}"
both lvcreate -y -Zn -l 4 -n two %VG %0:0-1 %1:0-1
for vg in tw tw2; do
	run dd if="$T/pat" of=/dev/$vg/two bs=1M count=1 oflag=direct status=none
done
soft same_refusal lvconvert -y --type raid1 -m 1 %VG/two %0 %1
# lvm2's suite sets a region size of 512 KiB (the default, 2 MiB, is more
# than the LV and the kernel refuses it, to lvm2 as to us).
both lvconvert -y --config 'activation/raid_region_size = 512' --type raid1 -m 1 %VG/two %2
synced two
same_state "--type raid1 -m 1 on a linear LV of two segments"
assert_eq "$(dmsetup table tw2-two_rimage_0 | wc -l)" 2 "rimage_0 keeps both segments"
data_ok two "$T/pat" 1
both lvconvert -y -m 0 %VG/two
same_state "-m 0 of the converted LV"
data_ok two "$T/pat" 1

# The same for an LV of 2 MiB (the region size): 2 + 6 extents on two PVs.
both lvcreate -y -Zn -l 8 -n big %VG %0:10-11 %3:10-15
for vg in tw tw2; do
	run dd if="$T/pat" of=/dev/$vg/big bs=1M count=2 oflag=direct status=none
done
both lvconvert -y --type raid1 -m 1 %VG/big %1
synced big
same_state "--type raid1 -m 1 on a linear LV of two segments, 2 MiB"
data_ok big "$T/pat" 2

both vgchange -an %VG
run lvm vgremove -q -f tw
run vol vgremove -q -f tw2
layers_remove
