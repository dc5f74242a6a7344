#!/usr/bin/env bash
# volume monitor on real dm-raid:
# - --once reports the raid1 LVs it watches and their sync state;
# - --policy warn: a failed leg (its PV's layer swapped for an error
#   table) is logged in lvm2's words and left alone;
# - --policy allocate, running as a service would (events only: its
#   interval is far longer than the test), replaces a leg that fails under
#   it without a human: back to AA on a spare PV, data intact, the return
#   to health logged; a deactivation is not held up by the watch and is
#   logged; SIGTERM stops it with exit 0.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tests/vm/raid1-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/raid1-lib.sh"

need_disks 4
layers 4

# wait_log FILE ERE [SECONDS]: until a line of FILE matches (default 120 s)
wait_log() {
	local i limit=$((${3:-120} * 10))
	for ((i = 0; i < limit; i++)); do
		grep -qE -- "$2" "$1" && return 0
		sleep 0.1
	done
	diag
	die "no line /$2/ in $1 after ${3:-120} s:
$(cat "$1")"
}

# diag: what the kernel and the monitor are doing (on a failure)
diag() {
	local t
	echo "--- monitor stderr:"; cat "$T/mon.err" 2>/dev/null || true
	echo "--- dmsetup info:"; dmsetup info -c -o name,attr,open,events 2>&1 || true
	echo "--- dmsetup status:"; dmsetup status 2>&1 || true
	[ -n "$MON_PID" ] || return 0
	for t in /proc/"$MON_PID"/task/*; do
		echo "--- thread ${t##*/}: $(cat "$t/wchan" 2>/dev/null) $(cat "$t/stat" 2>/dev/null | cut -d' ' -f3)"
		cat "$t/stack" 2>/dev/null || true
	done
}

MON_PID=
stop_monitor() {
	[ -n "$MON_PID" ] || return 0
	kill -TERM "$MON_PID"
	rc=0
	wait "$MON_PID" || rc=$?
	MON_PID=
	assert_eq "$rc" 0 "exit code of the monitor after SIGTERM"
}

run vol pvcreate -q "${P[@]}"
run vol vgcreate -q rm "${P[@]}"
run vol lvcreate -y --type raid1 -m 1 -L 24M -n r rm "${P[0]}" "${P[1]}"
run vol lvcreate -y -L 8M -n lin rm "${P[3]}"
wait_sync rm/r
make_pattern "$T/pat" 24
put_pattern "$T/pat" /dev/rm/r

# ---------------------------------------------------------------- --once

run vol monitor --once rm
assert_line "$(out)" "^  Monitoring RAID device rm/r for events\.$"
assert_line "$(out)" "^  raid1 array, rm/r, is now in-sync\.$"
assert_no_line "$(out)" "rm/lin" "a linear LV is not watched"
invalid vol monitor --policy remove rm
invalid vol monitor --interval 0 rm

# ---------------------------------------------------------------- --policy warn

fail_pv 1
put_pattern "$T/pat" /dev/rm/r 1
wait_status rm/r "^raid1 2 AD [0-9]+/[0-9]+ idle "
seqno=$(vol vgs --noheadings -o vg_seqno rm | tr -d ' ')
run vol monitor --once --policy warn rm
note "monitor --once --policy warn said: $(output)"
assert_line "$(err)" "^  WARNING: Device #1 of raid1 array, rm/r, has failed\.$"
assert_line "$(err)" "lvconvert --repair rm/r"
assert_match "$(raid_status rm/r)" "^raid1 2 AD " "warn repairs nothing"
assert_eq "$(vol vgs --noheadings -o vg_seqno rm | tr -d ' ')" "$seqno" "warn changes no metadata"

# the leg comes back (refresh), then the monitor runs as a service
restore_pv 1
run vol lvchange --refresh rm/r
wait_sync rm/r
volume monitor --devices "$DEVS" --policy allocate --interval 3600 rm >"$T/mon.out" 2>"$T/mon.err" &
MON_PID=$!
wait_log "$T/mon.out" "^  raid1 array, rm/r, is now in-sync\.$"
lines=$(wc -l <"$T/mon.out")

# ---------------------------------------------------------------- --policy allocate

start=$(date +%s)
fail_pv 1
put_pattern "$T/pat" /dev/rm/r 1
wait_log "$T/mon.err" "^  WARNING: Device #1 of raid1 array, rm/r, has failed\.$" 60
wait_log "$T/mon.out" "^  Faulty devices in rm/r successfully replaced\.$" 120
wait_sync rm/r
repaired=$(($(date +%s) - start))
wait_log "$T/mon.out" "^  raid1 array, rm/r, is now in-sync\.$" 60
assert_match "$(raid_status rm/r)" "^raid1 2 AA [0-9]+/[0-9]+ idle " "repaired by the monitor"
assert_eq "$(vol lvs --noheadings -o devices rm/r_rimage_1 | tr -d ' ')" "${P[2]}(1)" "the new leg, on the spare"
run cmp /dev/mapper/rm-r_rimage_0 /dev/mapper/rm-r_rimage_1
run cmp "$T/pat" /dev/rm/r
note "the monitor repaired the failed leg and resynced in ${repaired}s; its log:"
tail -n +"$((lines + 1))" "$T/mon.out"
cat "$T/mon.err"
[ "$(grep -c "successfully replaced" "$T/mon.out")" = 1 ] || die "one repair expected"

# a deactivation is not held up by the watch, and is seen
run timeout 60 volume lvchange --devices "$DEVS" -an rm/r
wait_log "$T/mon.out" "^  No longer monitoring RAID device rm/r for events\.$" 60
stop_monitor
assert_line "$(cat "$T/mon.out")" "^  Stopped monitoring\.$"

restore_pv 1
run vol vgck --updatemetadata rm
run vol vgchange -an rm
run vol vgremove -q -f rm
layers_remove
