#!/usr/bin/env bash
# Concurrent LV commands in one VG: the VG lock serialises them.
#   a. 20 lvcreate at once, more than the VG holds: each one succeeds or
#      fails cleanly (exit 5, lvm2's "insufficient free space" message);
#      the LVs are exactly those that succeeded, no two share an extent
#      (lvm2's seg_pe_ranges and ours), the seqno rose by exactly the number
#      of successes, and both vgck are clean.
#   b. the same with lvextend, lvreduce, lvrename and lvremove of those LVs
#      running beside new lvcreates, and lvm2's lvcreate among ours.
. "$(dirname "$0")/lib.sh"

setup_loops 3 16M
vg=$(vgname)
run vol vgcreate -s 1m "$vg" "${DEVS[@]}"
check --lvm vg_field "$vg" vg_extent_count 45 "15 extents on each PV"

# extents TOOL: every allocated PE as "PV:PE", one a line, from TOOL's lvs.
extents() {
	"$1" lvs -a --segments --noheadings -o seg_pe_ranges "$vg" 2>/dev/null | tr ' ' '\n' |
		awk -F'[:-]' 'NF == 3 { for (e = $2; e <= $3; e++) print $1 ":" e }' | sort
}

# all_agree SEQNO: both tools read SEQNO, no PE twice, the same PEs, vgck clean.
all_agree() {
	local dup
	check vg_field "$vg" vg_seqno "$1"
	check --lvm vg_field "$vg" vg_seqno "$1"
	extents lvm >"$T/ext.lvm"
	extents vol >"$T/ext.ours"
	dup=$(uniq -d "$T/ext.lvm" | head -n 5 | tr '\n' ' ')
	assert_eq "$dup" "" "extents given to two LVs"
	cmp -s "$T/ext.lvm" "$T/ext.ours" || die "our lvs and lvm2's list different extents"
	assert_eq "$(wc -l <"$T/ext.lvm")" "$(($(get --lvm vg_field "$vg" vg_extent_count) - \
		$(get --lvm vg_field "$vg" vg_free_count)))" "allocated extents against the VG's free count"
	check vgck_clean "$vg"
	check --lvm vgck_clean "$vg"
}

# lvnames TOOL: the LVs TOOL sees, sorted, one a line.
lvnames() { "$1" lvs --noheadings -o lv_name "$vg" 2>/dev/null | tr -d ' ' | sort; }

# launch N CMD...: runs CMD in the background as job N ({} is N); its exit
# code goes to $T/j.N.rc, its output to $T/j.N.out.
launch() {
	local n=$1
	shift
	{
		local rc=0
		"${@//\{\}/$n}" </dev/null >"$T/j.$n.out" 2>&1 || rc=$?
		echo $rc >"$T/j.$n.rc"
	} &
}

# ---------------------------------------------------------------- a
echo "== a. 20 lvcreate of 3 extents in a VG of 45"
seq0=$(get vg_field "$vg" vg_seqno)
for n in $(seq 1 20); do
	case $((n % 4)) in
	0) launch "$n" vol lvcreate -an -l 3 -n "lv{}" "$vg" ;;
	1) launch "$n" vol lvcreate -an -L 3M -n "lv{}" "$vg" "${DEVS[$((n % 3))]}" ;;
	2) launch "$n" vol lvcreate -an -i 3 -l 3 -n "lv{}" "$vg" ;;
	3) launch "$n" vol lvcreate -an -l 3 -n "lv{}" "$vg" "${DEVS[0]}" "${DEVS[2]}" ;;
	esac
done
wait
ok=0
: >"$T/want"
for n in $(seq 1 20); do
	rc=$(cat "$T/j.$n.rc")
	case $rc in
	0)
		ok=$((ok + 1))
		echo "lv$n" >>"$T/want"
		assert_line "$(cat "$T/j.$n.out")" "^  Logical volume \"lv$n\" created\.$" "run $n"
		;;
	5)
		echo "  run $n failed: $(head -n 1 "$T/j.$n.out")"
		assert_line "$(cat "$T/j.$n.out")" \
			"insufficient free space|Insufficient free space|Insufficient suitable|No specified PVs have space available" \
			"run $n's message"
		;;
	*) die "run $n exited $rc: $(cat "$T/j.$n.out")" ;;
	esac
done
echo "  $ok of 20 succeeded"
[ "$ok" -ge 1 ] && [ "$ok" -le 15 ] || die "$ok of 20 lvcreate succeeded: the VG holds 15 such LVs"
check --lvm vg_field "$vg" vg_free_count $((45 - 3 * ok)) "3 extents for each LV made"
assert_eq "$(lvnames vol | tr '\n' ' ')" "$(sort "$T/want" | tr '\n' ' ')" "our LVs are those that succeeded"
assert_eq "$(lvnames lvm | tr '\n' ' ')" "$(sort "$T/want" | tr '\n' ' ')" "lvm2's LVs are those that succeeded"
all_agree $((seq0 + ok))

# ---------------------------------------------------------------- b
echo "== b. lvextend, lvreduce, lvrename, lvremove and lvcreate at once"
mapfile -t have < <(lvnames vol)
run vol lvremove -y "$vg/${have[0]}" "$vg/${have[1]}" "$vg/${have[2]}"
# linear ones (a striped LV would round the changes to whole stripes)
mapfile -t have < <(vol lvs --noheadings -o lv_name,stripes "$vg" | awk '$2 == 1 { print $1 }' | sort)
[ ${#have[@]} -ge 5 ] || die "only ${#have[@]} linear LVs left: ${have[*]}"
seq0=$(get vg_field "$vg" vg_seqno)
free0=$(get vg_field "$vg" vg_free_count)
launch 1 vol lvextend -l +2 "$vg/${have[0]}"
launch 2 vol lvreduce -y -l -1 "$vg/${have[1]}"
launch 3 vol lvrename "$vg" "${have[2]}" renamed
launch 4 vol lvremove -y "$vg/${have[3]}"
launch 5 vol lvresize -l +1 "$vg/${have[4]}"
launch 6 lvm lvcreate -an -Zn -l 1 -n bylvm "$vg"
# The jobs need 2 + 1 + 1 + 1 per lvcreate extents before any frees
# some (the order is the scheduler's): as many lvcreates as fit.
need=4
jobs=6
while [ $((need + 1)) -le "$free0" ] && [ $jobs -lt 14 ]; do need=$((need + 1)); jobs=$((jobs + 1)); done
[ $jobs -ge 9 ] || die "only $free0 extents free: too few for the test"
for n in $(seq 7 $jobs); do
	launch "$n" vol lvcreate -an -l 1 -n "new{}" "$vg"
done
wait
ok=0
for n in $(seq 1 $jobs); do
	rc=$(cat "$T/j.$n.rc")
	[ "$rc" = 0 ] || [ "$rc" = 5 ] || die "job $n exited $rc: $(cat "$T/j.$n.out")"
	[ "$rc" = 0 ] && ok=$((ok + 1))
	[ "$rc" = 0 ] || echo "  job $n failed: $(lvm_stderr "$T/j.$n.out" | head -n 1)"
done
echo "  $ok of $jobs succeeded"
# Every job has the space it needs, whatever the order: all succeed, one after another.
assert_eq "$ok" $jobs "jobs that succeeded ($free0 extents were free, $need needed)"
[ -n "$(lvnames lvm | grep -x renamed)" ] || die "the rename is lost"
[ -z "$(lvnames lvm | grep -x "${have[3]}")" ] || die "the removal is lost"
check --lvm lv_field "$vg/${have[0]}" lv_size $((5 * 1048576)) "lvextend +2"
check --lvm lv_field "$vg/${have[1]}" lv_size $((2 * 1048576)) "lvreduce -1"
check --lvm lv_field "$vg/${have[4]}" lv_size $((4 * 1048576)) "lvresize +1"
check --lvm lv_field "$vg/bylvm" lv_size 1048576 "lvm2's lvcreate"
# lvm2 commits an lvcreate once, as we do: one seqno per job.
all_agree $((seq0 + jobs))
echo "lvconcurrency: ok"
