#!/usr/bin/env bash
# --wait on real dm-raid: lvcreate, lvconvert (-m +1, --repair, linear to
# raid1) and lvchange (--syncaction check, --resync) return only once the
# LV is in sync (dm-raid's status read right after: all legs A, idle,
# n/n); without a terminal the progress comes as plain lines every few
# seconds ("vg/lv: 42.0% synced, 3.9 MiB/s, 0:08 left"); SIGINT ends the
# wait but not the check; --wait where nothing syncs is refused.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tests/vm/raid1-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/raid1-lib.sh"

need_disks 4
layers 5
LINE='^  rw/[a-z]+: [0-9]+\.[0-9]% (synced|checked|repaired), [0-9]+\.[0-9] MiB/s, ([0-9]+:[0-9]{2}|\?:\?\?) left$'

# in_sync_now VG/LV LEGS: dm-raid says every leg is A, idle, n/n (no waiting)
in_sync_now() {
	local st
	st=$(raid_status "$1")
	[[ $st =~ ^raid1\ $2\ (A+)\ ([0-9]+)/([0-9]+)\ idle\  ]] ||
		die "$1 not in sync right after --wait: $st"
	[ "${BASH_REMATCH[2]}" = "${BASH_REMATCH[3]}" ] || die "$1: $st"
	[ "${#BASH_REMATCH[1]}" = "$2" ] || die "$1: $st"
}

# progress_lines: the progress lines of the last command's stderr, checked
progress_lines() {
	local n=0 l
	while IFS= read -r l; do
		[[ $l =~ $LINE ]] || continue
		n=$((n + 1))
	done < <(err)
	echo "$n"
}

run vol pvcreate -q "${P[@]}"
run vol vgcreate -q rw "${P[@]}"

# ---------------------------------------------------------------- lvcreate --wait

# 48 MiB at most 4 MiB/s per device: 12 s or more of resync
start=$(date +%s)
run vol lvcreate -y --wait --type raid1 -m 1 -L 48M --maxrecoveryrate 4M -n w rw "${P[0]}" "${P[1]}"
took=$(($(date +%s) - start))
in_sync_now rw/w 2
assert_eq "$(sync_of rw/w)" 100.00 "Cpy%Sync after lvcreate --wait"
assert_line "$(out)" '^  rw/w: in sync \(waited [0-9]+:[0-9]{2}\)\.$'
n=$(progress_lines)
note "lvcreate --wait took ${took}s, $n progress lines:"
err | grep -E "$LINE" || true
[ "$n" -ge 2 ] || die "expected at least 2 progress lines in $took s, got $n: $(err)"
assert_no_line "$(err)" $'\r' "no terminal: no carriage returns"
# the percentages go up
err | grep -E "$LINE" | sed -E 's/^  rw\/w: ([0-9.]+)%.*/\1/' | sort -c -n ||
	die "the percentages went down"

# ---------------------------------------------------------------- lvconvert -m +1 --wait

run vol lvchange --maxrecoveryrate 4M rw/w
run vol lvconvert -y --wait -m +1 rw/w "${P[2]}"
in_sync_now rw/w 3
assert_line "$(out)" "Logical volume rw/w successfully converted."
assert_line "$(out)" '^  rw/w: in sync'
[ "$(progress_lines)" -ge 1 ] || die "no progress line during the new leg's recovery: $(err)"

# ---------------------------------------------------------------- lvchange --syncaction check --wait

make_pattern "$T/pat" 48
put_pattern "$T/pat" /dev/rw/w
scribble /dev/mapper/rw-w_rimage_1 100
run vol lvchange --wait --syncaction check rw/w
st=$(raid_status rw/w)
assert_match "$st" "^raid1 3 AAA ([0-9]+)/([0-9]+) idle [1-9][0-9]* " "check over, mismatches counted"
assert_line "$(out)" '^  rw/w: in sync, [1-9][0-9]* mismatches found'
run vol lvchange --wait --syncaction repair rw/w
assert_match "$(raid_status rw/w)" "^raid1 3 AAA [0-9]+/[0-9]+ idle " "repair over"
run vol lvchange --wait --syncaction check rw/w
assert_match "$(raid_status rw/w)" "^raid1 3 AAA [0-9]+/[0-9]+ idle 0 " "no mismatch after repair"
assert_line "$(out)" '^  rw/w: in sync, 0 mismatches found'

# SIGINT ends the wait, the check goes on
volume lvchange --devices "$DEVS" --wait --syncaction check rw/w >"$T/int.out" 2>"$T/int.err" &
pid=$!
for ((i = 0; i < 300; i++)); do
	grep -qE "$LINE" "$T/int.err" && break
	sleep 0.1
done
grep -qE "$LINE" "$T/int.err" || die "no progress line to interrupt: $(cat "$T/int.err")"
kill -INT "$pid"
rc=0
wait "$pid" || rc=$?
assert_eq "$rc" 5 "exit code of an interrupted wait"
assert_line "$(cat "$T/int.err")" "^  Interrupted: rw/w goes on syncing in the background\.$"
assert_match "$(raid_status rw/w)" "^raid1 3 AAA [0-9]+/[0-9]+ check " "the check goes on"
for ((i = 0; i < 1200; i++)); do
	[[ $(raid_status rw/w) =~ \ idle\  ]] && break
	sleep 0.1
done
assert_match "$(raid_status rw/w)" "^raid1 3 AAA [0-9]+/[0-9]+ idle " "the check ended on its own"

# ---------------------------------------------------------------- lvconvert --repair --wait

run vol lvchange --maxrecoveryrate 0 rw/w
fail_pv 2
put_pattern "$T/pat" /dev/rw/w 2
wait_status rw/w "^raid1 3 AAD [0-9]+/[0-9]+ idle "
# a dead leg: the wait cannot end, and says so
fail vol lvchange --wait --syncaction check rw/w
run vol lvconvert -y --wait --repair rw/w "${P[3]}"
in_sync_now rw/w 3
assert_line "$(out)" "Faulty devices in rw/w successfully replaced."
assert_line "$(out)" '^  rw/w: in sync'
run cmp /dev/mapper/rw-w_rimage_0 /dev/mapper/rw-w_rimage_2
run cmp "$T/pat" /dev/rw/w
restore_pv 2
run vol vgck --updatemetadata rw

# ---------------------------------------------------------------- linear to raid1, --resync

run vol lvcreate -y -L 16M -n lin rw "${P[4]}"
put_pattern "$T/pat" /dev/rw/lin 16
run vol lvconvert -y --wait --type raid1 -m 1 rw/lin "${P[0]}"
in_sync_now rw/lin 2
run cmp /dev/mapper/rw-lin_rimage_0 /dev/mapper/rw-lin_rimage_1
run vol lvchange -y --wait --resync rw/lin
in_sync_now rw/lin 2
# back to linear: nothing to wait for, no error
run vol lvconvert -y --wait -m 0 rw/lin
assert_no_line "$(output)" "in sync"

# ---------------------------------------------------------------- refused

invalid vol lvchange --wait --addtag x rw/w
assert_line "$(err)" "--wait needs --syncaction, --resync or --rebuild."
invalid vol lvcreate --wait -L 8M -n lin2 rw
assert_line "$(err)" "--wait is supported only with segment type raid1."
invalid vol lvcreate --wait -an --type raid1 -m 1 -L 8M -n r2 rw
assert_eq "$(vol lvs --noheadings -o lv_name rw | tr -d ' ' | sort | tr '\n' ' ')" "lin w " "nothing created"

run vol vgchange -an rw
run vol vgremove -q -f rw
layers_remove
