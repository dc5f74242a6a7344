#!/usr/bin/env bash
# Our tool killed at every crash point of a live change: lvextend and
# lvreduce of an active LV (preload, suspend, the metadata commit, resume)
# and lvrename of an active LV (the commit, then the kernel's rename).  A
# report (lvs) names what was left and changes nothing; the next command
# that opens the VG for a change (lvchange, vgchange, lvextend) resolves
# it: nothing stays suspended (dmsetup info), the table is the one lvm2
# loads for the metadata on disk (lvm2's --refresh leaves it as it is),
# the size is the committed one, the dm name and /dev link are the
# committed name's, and the data is intact.  Last, a crash while a mounted
# filesystem is being written: the writer waits, then finishes.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_disks 3
a=$(disk 0) b=$(disk 1) c=$(disk 2)
devs=$a,$b,$c
vol() { volume "$1" --devices "$devs" "${@:2}"; }
lvm() { command lvm "$1" --devices "$devs" "${@:2}"; }
crash() { # STEP CMD ARGS...: our hooked tool, killed after STEP (exit 99)
	VOLUME_CRASH_AT=$1 vol_hooks "$2" --devices "$devs" "${@:3}"
}
# points CMD ARGS...: the crash points of CMD, which runs to its end.
points() {
	VOLUME_CRASH_AT=list vol_hooks "$1" --devices "$devs" "${@:2}" 2>&1 >/dev/null |
		sed -n 's/^ *crash point //p'
}
t0=$(now)
section() {
	note "$(printf '%6d ms' $((($(now) - t0) / 1000))): $*"
}

run vol pvcreate -q "$a" "$b" "$c"
run vol vgcreate -q vc "$a" "$b" "$c"
run vol lvcreate -q -y -L 8M -n lin vc "$a"	# -y: a signature an earlier test left is wiped

# Marks at 0 and at 6 MiB of the LV: they must read back after every recovery.
head -c 4096 /dev/urandom >mark
want=$(md5sum <mark)
dd if=mark of=/dev/vc/lin bs=4096 conv=fsync status=none
dd if=mark of=/dev/vc/lin bs=4096 seek=1536 conv=fsync status=none
marks() { # LV WHAT
	echo 3 >/proc/sys/vm/drop_caches
	assert_eq "$(dd if="/dev/vc/$1" bs=4096 count=1 status=none | md5sum)" "$want" "$2: data at 0"
	assert_eq "$(dd if="/dev/vc/$1" bs=4096 skip=1536 count=1 status=none | md5sum)" "$want" \
		"$2: data at 6 MiB"
}
state() { # DM-NAME: its attr (L--w: live table, no inactive one, not suspended, rw)
	dmsetup info -c --noheadings -o attr "$1"
}
suspended_any() { # the names of suspended devices, from dmsetup info
	dmsetup info | awk '/^Name:/ { n = $2 } /^State:.*SUSPENDED/ { print n }'
}
committed_mib() { # LV: its size in the metadata on disk, as lvm2 reads it
	echo $(($(lvm lvs --noheadings --units b --nosuffix -o lv_size "vc/$1" | tr -d ' ') / 1048576))
}
# resolved LV MIB WHAT: nothing suspended, the committed size, lvm2's table, the data.
resolved() {
	assert_eq "$(suspended_any)" "" "$3: suspended devices (dmsetup info)"
	# live, not suspended (a table a crash left waiting, unseen and unused, may stay)
	assert_match "$(state "vc-$1")" '^L.-w$' "$3: vc-$1"
	assert_eq "$(committed_mib "$1")" "$2" "$3: committed size"
	assert_eq "$(blockdev --getsize64 "/dev/vc/$1")" $(($2 * 1048576)) "$3: size of /dev/vc/$1"
	local ours
	ours=$(dmsetup table "vc-$1")
	run lvm lvchange --refresh "vc/$1"	# lvm2 loads its table for the metadata on disk
	assert_eq "$(dmsetup table "vc-$1")" "$ours" "$3: our table vs the one lvm2 loads"
	marks "$1" "$3"
}

section "the crash points"
ext=$(points lvextend -L 12M vc/lin "$b")
red=$(points lvreduce -y -L 8M vc/lin)
echo "lvextend: $(echo $ext)"
echo "lvreduce: $(echo $red)"
for p in preload:0 suspend:0 text:0 precommit:2 commit:0 commit:2 resume:0; do
	assert_line "$ext" "^$p\$" "crash points of lvextend"
	assert_line "$red" "^$p\$" "crash points of lvreduce"
done
resolved lin 8 "after the listing runs"

# crash_live CMD FROM TO: CMD changes lin from FROM to TO MiB; crash it at each
# of its points, look with lvs, resolve with the next of the fixers, go back.
fixers=("lvchange -ay vc/lin" "vgchange -ay vc" "vgchange --addtag fixed vc" "vgchange --deltag fixed vc")
nfix=0
crash_live() {
	local cmd=$1 from=$2 to=$3 list p expect fix
	list=$([ "$cmd" = lvextend ] && echo "$ext" || echo "$red")
	for p in $list; do
		case $p in
		commit:* | resume:*) expect=$to ;;	# a PV holds the new commit: readers take it
		*) expect=$from ;;
		esac
		if [ "$cmd" = lvextend ]; then
			exits 99 crash "$p" lvextend -L "${to}M" vc/lin "$b"
		else
			exits 99 crash "$p" lvreduce -y -L "${to}M" vc/lin
		fi
		assert_eq "$(committed_mib lin)" "$expect" "$cmd killed at $p: committed size"
		run vol lvs vc	# a report names a suspended device and leaves it so
		if [[ $(state vc-lin) == ??s? ]]; then
			assert_line "$(err)" "^  WARNING: Device vc-lin of VG vc is suspended; the next command" \
				"lvs after $cmd killed at $p"
			assert_match "$(state vc-lin)" '^..s' "vc-lin after lvs"
		else
			assert_no_line "$(err)" "WARNING: Device" "lvs after $cmd killed at $p"
		fi
		fix=${fixers[nfix++ % ${#fixers[@]}]}
		# shellcheck disable=SC2086
		run vol $fix
		resolved lin "$expect" "$cmd killed at $p, then $fix"
		if [ "$expect" != "$from" ]; then	# back to where the next crash starts
			if [ "$cmd" = lvextend ]; then
				run vol lvreduce -y -L "${from}M" vc/lin
			else
				run vol lvextend -L "${from}M" vc/lin "$b"
			fi
		fi
	done
}

section "lvextend 8M -> 12M killed at each point"
crash_live lvextend 8 12
section "lvreduce 12M -> 8M killed at each point"
run vol lvextend -L 12M vc/lin "$b"
crash_live lvreduce 12 8
run vol lvreduce -y -L 8M vc/lin

section "a crash leaves lvextend's own next run to resolve it"
exits 99 crash suspend:0 lvextend -L 12M vc/lin "$b"
assert_match "$(state vc-lin)" '^.Is' "vc-lin after the crash at suspend:0"
run vol lvextend -L 12M vc/lin "$b"
assert_line "$(err)" "Resuming suspended device vc-lin" "lvextend after the crash"
resolved lin 12 "lvextend after a crash at suspend:0"
run vol lvreduce -y -L 8M vc/lin

section "lvrename of an active LV killed at each point"
ren=$(points lvrename vc lin lin2)
run vol lvrename vc lin2 lin
echo "lvrename: $(echo $ren)"
assert_line "$ren" '^commit:2$' "crash points of lvrename"
for p in $ren; do
	exits 99 crash "$p" lvrename vc lin lin2
	case $p in
	commit:*) new=lin2 ;;
	*) new=lin ;;
	esac
	assert_eq "$(lvm lvs --noheadings -o lv_name vc | tr -d ' ')" "$new" "lvrename killed at $p: committed name"
	[ -b /dev/mapper/vc-lin ] || die "vc-lin went away with lvrename killed at $p"
	run vol lvs vc
	if [ $new = lin2 ]; then
		assert_line "$(err)" "^  WARNING: Device vc-lin of VG vc should be named vc-lin2;" \
			"lvs after lvrename killed at $p"
		[ -b /dev/mapper/vc-lin ] || die "lvs renamed vc-lin"
	fi
	run vol lvchange -ay "vc/$new"
	assert_eq "$(dmsetup info -c --noheadings -o name | grep '^vc-')" "vc-$new" "dm names after lvchange -ay vc/$new"
	assert_eq "$(readlink "/dev/vc/$new")" "/dev/mapper/vc-$new" "link of vc/$new"
	assert_eq "$(ls /dev/vc)" "$new" "links in /dev/vc after lvrename killed at $p"
	resolved "$new" 8 "lvrename killed at $p, then lvchange -ay"
	[ $new = lin ] || run vol lvrename vc lin2 lin
done

section "a crash while a mounted filesystem is written"
mkfs.ext4 -q /dev/vc/lin
mkdir -p /mnt/vc
mount /dev/vc/lin /mnt/vc
head -c 2097152 /dev/urandom >payload
sum=$(md5sum <payload)
exits 99 crash suspend:0 lvextend -L 12M vc/lin "$b"
assert_match "$(state vc-lin)" '^.Is' "vc-lin after the crash"
dd if=payload of=/mnt/vc/payload bs=64k conv=fsync status=none &
writer=$!
sleep 1
kill -0 $writer 2>/dev/null || die "the writer finished while vc-lin was suspended"
run vol lvs vc
kill -0 $writer 2>/dev/null || die "lvs resumed vc-lin: the writer finished"
run vol lvchange -ay vc/lin
for ((i = 0; i < 100; i++)); do
	kill -0 $writer 2>/dev/null || break
	sleep 0.1
done
kill -0 $writer 2>/dev/null && die "the writer still waits 10 s after lvchange -ay resolved vc-lin"
wait $writer || die "the writer failed"
assert_eq "$(md5sum </mnt/vc/payload)" "$sum" "the file written across the crash"
run vol lvextend -r -L 12M vc/lin "$b"
assert_eq "$(state vc-lin)" "L--w" "vc-lin after lvextend -r"
umount /mnt/vc
run e2fsck -fn /dev/vc/lin
mount /dev/vc/lin /mnt/vc
assert_eq "$(md5sum </mnt/vc/payload)" "$sum" "the file after lvextend -r"
umount /mnt/vc

check vgck_clean vc
check --lvm vgck_clean vc
run vol vgchange -an vc
assert_eq "$(dm_names)" "" "dm devices at the end"
section "done"
