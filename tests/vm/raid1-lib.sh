# shellcheck shell=bash
# Helpers of the raid1 VM tests (t-raid1*.sh), sourced after lib.sh.
#
# PVs live on dm-linear layers over the virtio disks (rp0, rp1, ...), so a
# PV can fail under a raid1 LV (its layer swapped for an error table) and
# come back.  Both tools see only the layers: vol and lvm are redefined to
# pass --devices, since the same PV labels are visible on the disks below.
#
#   layers N            N layers of equal size over the disks (a disk is
#                       split when N exceeds them); fills P[] and DEVS
#   layers_remove       removes the layers (at the end of a test)
#   fail_pv I           layer I returns I/O errors (error table)
#   restore_pv I        layer I maps its disk again
#   dev_writes DEV      sectors written to block device DEV so far
#   raid_status VG/LV   dm-raid's status line of the LV (params only)
#   wait_sync VG/LV [S] until our lvs shows 100.00 and idle (S seconds, default 120)
#   sync_of VG/LV       our Cpy%Sync of the LV
#   wait_status VG/LV ERE  until dm-raid's status line matches ERE (30 s)
#   md_lvs FILE         the logical_volumes part of a backup file, ids and times removed
#   same_lvs ARGS...    our lvs stdout and exit code are lvm2's (ARGS without "lvs")
#   make_pattern F MIB  a random file of MIB MiB
#   put_pattern F DEV [MIB]  writes F (or its first MIB MiB) to the start of
#                       DEV in direct 1 MiB writes
#   scribble DEV BLOCK  one random 4 KiB block at 4 KiB block BLOCK of DEV
#                       (direct): a leg that differs, for a check to find
#   writer_start LV F   a writer that rewrites LV from F in 1 MiB direct writes, pass
#                       after pass, until writer_stop; failed writes are counted
#   writer_stop         stops it; dies if any write failed

P=() DEVS=
declare -A PV_TABLE

layers() {
	local n=$1 disks i k per parts sz d off
	mapfile -t disks < <(vm_disks)
	per=$(((n + ${#disks[@]} - 1) / ${#disks[@]}))
	sz=$(($(disk_sectors "${disks[0]}") / per))
	i=0
	for ((k = 0; i < n; k++)); do
		d=${disks[k % ${#disks[@]}]}
		parts=$((k / ${#disks[@]}))
		off=$((parts * sz))
		PV_TABLE[$i]="0 $sz linear $d $off"
		dmsetup create "rp$i" --table "${PV_TABLE[$i]}" || die "cannot create layer rp$i"
		P+=("/dev/mapper/rp$i")
		i=$((i + 1))
	done
	DEVS=$(IFS=,; echo "${P[*]}")
}

layers_remove() {
	local i
	for ((i = 0; i < ${#P[@]}; i++)); do
		dmsetup remove "rp$i" || die "cannot remove layer rp$i"
	done
}

vol() { volume "$1" --devices "$DEVS" "${@:2}"; }
lvm() { command lvm "$1" --devices "$DEVS" "${@:2}"; }

swap_table() {
	dmsetup suspend "rp$1" && dmsetup load "rp$1" --table "$2" && dmsetup resume "rp$1" ||
		die "cannot swap the table of rp$1"
}
fail_pv() { swap_table "$1" "0 $(awk '{ print $2 }' <<<"${PV_TABLE[$1]}") error"; }
restore_pv() { swap_table "$1" "${PV_TABLE[$1]}"; }

dev_writes() {
	local mm
	mm=$(stat -L -c '%t %T' "$1") || die "no device $1"
	read -r ma mi <<<"$mm"
	awk '{ print $7 }' "/sys/dev/block/$((16#$ma)):$((16#$mi))/stat" || die "no stat for $1"
}

raid_status() {
	local dm
	dm=$(sed 's/-/--/g' <<<"${1%%/*}")-$(sed 's/-/--/g' <<<"${1#*/}")
	dmsetup status "$dm" | cut -d' ' -f4-
}

sync_of() { volume lvs --devices "$DEVS" --noheadings -o sync_percent "$1" | tr -d ' '; }

wait_sync() {
	local lv=$1 limit=$((${2:-120} * 10)) s a i
	for ((i = 0; i < limit; i++)); do
		s=$(sync_of "$lv")
		a=$(volume lvs --devices "$DEVS" --noheadings -o raid_sync_action "$lv" | tr -d ' ')
		[ "$s" = 100.00 ] && [ "$a" = idle ] && return 0
		sleep 0.1
	done
	die "$lv: not in sync after ${2:-120} s (Cpy%Sync $s, action $a, status $(raid_status "$lv"))"
}

wait_status() {
	local i st
	for ((i = 0; i < 300; i++)); do
		st=$(raid_status "$1")
		[[ $st =~ $2 ]] && return 0
		sleep 0.1
	done
	die "$1: status [$st] never matched /$2/"
}

md_lvs() {
	sed -n '/^\tlogical_volumes {/,$p' "$1" | grep -v -e '\bid = ' -e 'creation_time' -e 'creation_host'
}

same_lvs() {
	local rca=0 rcb=0
	vol lvs "$@" </dev/null >"$T/ours.out" 2>"$T/ours.err" || rca=$?
	lvm lvs "$@" </dev/null >"$T/lvm.out" 2>"$T/lvm.err" || rcb=$?
	assert_eq "$rca" "$rcb" "exit code of lvs $*"
	cmp -s "$T/ours.out" "$T/lvm.out" || die "lvs $* differs from lvm2's:
$(diff "$T/lvm.out" "$T/ours.out" | head -80)"
}

make_pattern() {
	dd if=/dev/urandom of="$1" bs=1M count="$2" status=none || die "cannot make $1"
}

put_pattern() {
	local count=()
	[ -z "${3:-}" ] || count=("count=$3")
	run dd if="$1" of="$2" bs=1M "${count[@]}" oflag=direct status=none
}

scribble() {
	run dd if=/dev/urandom of="$1" bs=4096 seek="$2" count=1 oflag=direct status=none
}

WRITER_PID= WRITER_ERR=
writer_start() {
	local lv=$1 f=$2 mib
	mib=$(($(stat -c %s "$f") / 1048576))
	WRITER_ERR=$T/writer.err
	: >"$WRITER_ERR"
	rm -f "$T/writer.stop"
	(
		trap - ERR
		set +e
		while [ ! -e "$T/writer.stop" ]; do
			for ((i = 0; i < mib; i++)); do
				[ ! -e "$T/writer.stop" ] || break
				dd if="$f" of="$lv" bs=1M skip=$i seek=$i count=1 oflag=direct conv=notrunc \
					status=none 2>>"$WRITER_ERR" || echo "write of MiB $i failed" >>"$WRITER_ERR"
			done
		done
	) &
	WRITER_PID=$!
}
writer_stop() {
	touch "$T/writer.stop"
	wait "$WRITER_PID" || die "the writer ended with an error"
	WRITER_PID=
	[ ! -s "$WRITER_ERR" ] || die "the writer saw I/O errors: $(head -5 "$WRITER_ERR")"
}
