#!/usr/bin/env bash
# raid1 upkeep on real dm-raid:
# - scrubbing: 4 KiB of one image corrupted underneath; --syncaction check
#   counts mismatches (lvs: 'm' and "mismatches exist", as lvm2), repair
#   rewrites them, a second check finds none, the images are equal again;
#   a sync action is refused while another runs, in lvm2's words;
# - --resync syncs every leg again and drops NOTSYNCED;
# - write-mostly on every leg is refused as lvm2 refuses it;
# - online resize: a mounted ext4 on raid1 grows with a writer running (the
#   new range syncs), shrinks unmounted; lvextend/lvreduce of an active
#   raid1 place and cut extents as lvm2's do (twin VGs, tables too).
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tests/vm/raid1-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/raid1-lib.sh"

need_disks 4
layers 8
R=lv_name,lv_attr,sync_percent,raid_sync_action,raid_mismatch_count,lv_health_status

run vol pvcreate -q "${P[@]:0:4}"
run vol vgcreate -q rs "${P[@]:0:4}"

# ---------------------------------------------------------------- scrub

run vol lvcreate -y --type raid1 -m 1 -L 32M -n s rs
wait_sync rs/s
make_pattern "$T/pat" 32
put_pattern "$T/pat" /dev/rs/s
scribble /dev/mapper/rs-s_rimage_1 1000
run vol lvchange --syncaction check rs/s
wait_status rs/s "^raid1 2 AA [0-9]+/[0-9]+ idle [1-9][0-9]* "
mism=$(get lv_field rs/s raid_mismatch_count)
note "check counted $mism mismatched sectors for 4 KiB corrupted (md compares in 64 KiB blocks)"
[ "$mism" -gt 0 ] || die "no mismatch found"
assert_match "$(get lv_field rs/s lv_attr)" "^rwi-a-r-m-$" "mismatches in lv_attr"
check lv_field rs/s lv_health_status "mismatches exist"
soft same_lvs -a -o "$R" rs
run vol lvchange --syncaction repair rs/s
wait_status rs/s "^raid1 2 AA [0-9]+/[0-9]+ idle "
run vol lvchange --syncaction check rs/s
wait_status rs/s "^raid1 2 AA [0-9]+/[0-9]+ idle 0 "
check lv_field rs/s raid_mismatch_count 0
soft same_lvs -a -o "$R" rs
run cmp /dev/mapper/rs-s_rimage_0 /dev/mapper/rs-s_rimage_1
run cmp "$T/pat" /dev/rs/s

# a sync action while another runs: refused, in lvm2's words
run vol lvchange --maxrecoveryrate 128k rs/s
run vol lvchange --syncaction check rs/s
wait_status rs/s " check "
fail vol lvchange --syncaction repair rs/s
ours=$(err)
not lvm lvchange --syncaction repair rs/s
assert_eq "$ours" "$(err | grep -v WARNING)" "refusal while checking"
assert_eq "$ours" '  rs/s state is currently "check".  Unable to switch to "repair".' "its words"
invalid vol lvchange --syncaction frozen rs/s
run vol lvchange -an rs/s	# stops the check
run vol lvchange --maxrecoveryrate 0 rs/s
run vol lvchange -ay rs/s
wait_sync rs/s

# write-mostly on every leg: refused as lvm2 refuses it
fail vol lvchange --writemostly "${P[0]}" --writemostly "${P[1]}" rs/s
ours=$(err)
not lvm lvchange --writemostly "${P[0]}" --writemostly "${P[1]}" rs/s
assert_eq "$ours" "$(err | grep -v WARNING)" "every leg write-mostly"
check lv_field rs/s_rimage_0 lv_health_status ""
# toggling both legs at once is judged on the result, as lvm2 judges it
# (one leg write-mostly before, the other after: lvm2's lvchange-raid)
run vol lvchange --writemostly "${P[1]}" rs/s
run vol lvchange --writemostly "${P[0]}:t" --writemostly "${P[1]}:t" rs/s
assert_eq "$(get lv_field rs/s_rimage_0 lv_attr | cut -c9)" w "leg 0 write-mostly after the toggle"
assert_eq "$(get lv_field rs/s_rimage_1 lv_attr | cut -c9)" - "leg 1 normal after the toggle"
run vol lvchange --writemostly "${P[0]}:n" rs/s

# ---------------------------------------------------------------- resync

run vol lvcreate -y --type raid1 -m 1 -L 16M --nosync -n ns rs
assert_match "$(get lv_field rs/ns lv_attr)" "^Rwi-a-r---$" "NOTSYNCED"
put_pattern "$T/pat" /dev/rs/ns 16
fail vol lvchange --resync rs/ns	# the question, answered by end of input
assert_line "$(err)" "Logical volume rs/ns not resynced."
run vol lvchange -y --resync rs/ns
wait_sync rs/ns
assert_match "$(get lv_field rs/ns lv_attr)" "^rwi-a-r---$" "resynced: NOTSYNCED dropped"
run cmp /dev/mapper/rs-ns_rimage_0 /dev/mapper/rs-ns_rimage_1
run cmp <(head -c $((16 * 1048576)) "$T/pat") /dev/rs/ns
soft same_lvs -a -o "$R" rs
run vol lvremove -y rs/ns rs/s

# ---------------------------------------------------------------- online resize of a mounted ext4

run vol lvcreate -y --type raid1 -m 1 -L 48M -n fs rs
run mkfs.ext4 -q /dev/rs/fs
mkdir -p /mnt/fs
run mount /dev/rs/fs /mnt/fs
run dd if="$T/pat" of=/mnt/fs/keep bs=1M count=8 conv=fsync status=none
keep=$(md5sum </mnt/fs/keep)
rm -f "$T/fs.stop" "$T/fs.err"
(
	trap - ERR
	set +e
	i=0
	while [ ! -e "$T/fs.stop" ]; do
		dd if="$T/pat" of=/mnt/fs/w$((i % 8)) bs=1M count=2 conv=fsync status=none 2>>"$T/fs.err" ||
			echo "write $i failed" >>"$T/fs.err"
		i=$((i + 1))
	done
) &
wpid=$!
run vol lvextend -r -L +32M rs/fs
saw=$(raid_status rs/fs)
touch "$T/fs.stop"
wait $wpid
[ ! -s "$T/fs.err" ] || die "the writer failed during the resize: $(head -3 "$T/fs.err")"
assert_eq "$(blockdev --getsize64 /dev/rs/fs)" $((80 * 1048576)) "size after lvextend"
run sh -c "df -k /mnt/fs | awk 'NR == 2 { exit !(\$2 > 70000) }'"
note "right after lvextend: $saw"
wait_sync rs/fs
assert_eq "$(md5sum </mnt/fs/keep)" "$keep" "a file through the online resize"
rm -f /mnt/fs/w*
run umount /mnt/fs
run vol lvreduce -r -y -L 64M rs/fs
assert_eq "$(blockdev --getsize64 /dev/rs/fs)" $((64 * 1048576)) "size after lvreduce"
run e2fsck -fn /dev/rs/fs
run mount /dev/rs/fs /mnt/fs
assert_eq "$(md5sum </mnt/fs/keep)" "$keep" "the file after lvreduce"
run umount /mnt/fs
wait_sync rs/fs
run cmp /dev/mapper/rs-fs_rimage_0 /dev/mapper/rs-fs_rimage_1
run vol vgchange -an rs
run vol vgremove -q -f rs

# ---------------------------------------------------------------- resize, twinned with lvm2

run lvm pvcreate -q "${P[@]:0:4}"
run lvm vgcreate -q -s 1M tw "${P[@]:0:4}"
run vol pvcreate -q "${P[@]:4:4}"
run vol vgcreate -q -s 1M tw2 "${P[@]:4:4}"
twin() {	# ARGS with %VG and %K: in lvm2's VG, then ours
	local a tool vg off args
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
tables() { dmsetup table | grep "^$1-" | sed "s/^$1-//" | awk '{ $NF = ($4 == "raid") ? "" : $NF; print }' |
	sed 's/ [0-9]*:[0-9]*//g' | sort; }
same_twins() {
	run lvm vgcfgbackup -f "$T/a" tw
	run lvm vgcfgbackup -f "$T/b" tw2
	assert_eq "$(md_lvs "$T/b" | sed 's/tw2/tw/g')" "$(md_lvs "$T/a")" "metadata after $1"
	assert_eq "$(tables tw2)" "$(tables tw)" "tables after $1"
}
twin lvcreate -y -an -l 3 -n hole1 %VG %0
twin lvcreate -y -Zn --type raid1 -m 1 -l 5 -n r %VG
twin lvcreate -y -an -l 2 -n hole2 %VG %1
twin lvremove -y %VG/hole1
wait_sync tw/r
wait_sync tw2/r
twin lvextend -y -l +4 %VG/r
assert_line "$(out)" "Extending 2 mirror images."
same_twins "lvextend -l +4"
twin lvextend -y -L +20M %VG/r %2 %3
same_twins "lvextend -L +20M onto two named PVs"
twin lvreduce -y -l 7 %VG/r
same_twins "lvreduce -l 7"
wait_sync tw/r
wait_sync tw2/r
assert_match "$(raid_status tw2/r)" "^raid1 2 AA 14336/14336 idle" "reduced and in sync"
twin vgchange -an %VG
run lvm vgremove -q -f tw
run vol vgremove -q -f tw2
layers_remove
