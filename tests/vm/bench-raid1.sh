#!/usr/bin/env bash
# Benchmark, not a test (make vm runs only t-*.sh): the raid1 scenarios of the
# raid1 issue, ours against lvm2 in the same guest, on the same disks, runs
# interleaved.  scripts/bench/vm-raid1 boots it and collects the lines it
# prints that start with "BENCH|".
#   1. Initial sync: lvcreate --type raid1 -m 1 -R REGION of SYNC_MIB (256)
#      on the same two PVs (the same extents each run), timed from the start
#      of lvcreate until dm-raid reports every region in sync and idle.
#   2. Leg failure to completed repair: on that synced mirror a leg's PV is
#      swapped for an error table, one 1 MiB direct write makes dm-raid see
#      it, then lvconvert --repair onto the spare PV, timed until in sync
#      again.  The repair rate is SYNC_MIB over the time from the start of
#      lvconvert to in sync.
#   3. Write throughput: dd (O_DIRECT, bs=1M, conv=fsync) of DD_MIB through
#      our raid1 LV, through lvm2's (both synced, on the same two PVs), and
#      to the blocks of our first leg on the raw disk, in turn first.
# The PVs are dm-linear layers over whole disks (raid1-lib.sh), one per disk.
# The guest runs under TCG: only ratios between runs in this guest mean
# anything, not the absolute times.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tests/vm/raid1-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/raid1-lib.sh"

RUNS=${BENCH_RUNS:-3}
SYNC_MIB=${BENCH_SYNC_MIB:-256}
DD_MIB=${BENCH_DD_MIB:-128}
REGION=${BENCH_REGION:-2M}
need_disks 4
vg=br
out() { echo "BENCH|$*"; }

# timed, median, minmax and ratio are lib.sh's
sec() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1e6 }'; }
rate() { awk -v m="$1" -v u="$2" 'BEGIN { printf "%.1f", m / (u / 1e6) }'; }
tool() {	# tool ours|lvm2 CMD ARGS...
	local t=$1
	shift
	if [ "$t" = ours ]; then vol "$@"; else lvm "$@"; fi
}

# in_sync VG/LV: dm-raid says every leg alive, every region in sync, idle.
in_sync() {
	local st
	st=$(raid_status "$1") || return 1
	[[ $st =~ ^raid1\ 2\ AA\ ([0-9]+)/([0-9]+)\ idle ]] &&
		[ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ]
}
# until_sync VG/LV: polls (every 20 ms, at most 600 s) until in_sync.
until_sync() {
	local i
	for ((i = 0; i < 30000; i++)); do
		in_sync "$1" && return 0
		sleep 0.02
	done
	die "$1: not in sync after 600 s ($(raid_status "$1"))"
}

# ---------------------------------------------------------------- setup
layers 4
run vol pvcreate -q "${P[@]}"
run vol vgcreate -q $vg "${P[@]}"
note "setup: VG $vg on 4 PVs (dm-linear layers over whole disks); region size $REGION"

# create_synced TOOL NAME MIB: a raid1 LV on P0+P1, timed until in sync (US).
create_synced() {
	local t0
	t0=$(now)
	tool "$1" lvcreate -y --type raid1 -m 1 -R "$REGION" -L "$3M" -n "$2" $vg "${P[0]}" "${P[1]}" \
		>"$T/cr.out" 2>&1 || { cat "$T/cr.out"; die "$1: lvcreate $2 failed"; }
	CR_US=$(($(now) - t0))
	until_sync $vg/"$2"
	US=$(($(now) - t0))
}
remove_lv() { vol lvremove -y -f $vg/"$1" >/dev/null 2>&1 || die "lvremove $vg/$1 failed"; }

# ---------------------------------------------------------------- 1. initial sync
# A warm-up pair first: the sparse disk images allocate on the first write.
create_synced ours w "$SYNC_MIB"
remove_lv w
for f in sync.ours sync.lvm2 cr.ours cr.lvm2 rep.ours rep.lvm2 conv.ours conv.lvm2 \
	resync.ours resync.lvm2 detect.ours detect.lvm2; do : >"$T/$f"; done
for ((k = 0; k < RUNS; k++)); do
	for t in ours lvm2; do
		create_synced $t m "$SYNC_MIB"
		echo "$US" >>"$T/sync.$t"
		echo "$CR_US" >>"$T/cr.$t"
		assert_eq "$(raid_status $vg/m | awk '{ print $3 }')" AA "$t's mirror after sync"

		# ------------------------------------------------ 2. leg failure to repair
		t0=$(now)
		fail_pv 1
		dd if=/dev/zero of=/dev/$vg/m bs=1M count=1 oflag=direct status=none ||
			die "the write after the leg failure failed"
		wait_status $vg/m "^raid1 2 AD "
		t1=$(now)
		tool $t lvconvert -y --repair $vg/m "${P[2]}" >"$T/rep.out" 2>&1 ||
			{ cat "$T/rep.out"; die "$t: lvconvert --repair failed"; }
		t2=$(now)
		until_sync $vg/m
		t3=$(now)
		echo $((t3 - t0)) >>"$T/rep.$t"
		echo $((t1 - t0)) >>"$T/detect.$t"
		echo $((t2 - t1)) >>"$T/conv.$t"
		echo $((t3 - t1)) >>"$T/resync.$t"
		# The failed PV comes back (lvm2 flagged it missing) with stale metadata.
		restore_pv 1
		[ $t = ours ] || lvm vgextend --restoremissing $vg "${P[1]}" >/dev/null 2>&1 ||
			die "lvm2's vgextend --restoremissing failed"
		vol vgck --updatemetadata $vg >/dev/null 2>&1 || die "vgck --updatemetadata failed"
		remove_lv m
		assert_eq "$(vol vgs --noheadings -o pv_count,vg_missing_pv_count,lv_count $vg | xargs)" "4 0 0" \
			"the VG after $t's repair run"
	done
done

# ---------------------------------------------------------------- 3. write throughput
create_synced ours o $((DD_MIB + 8))
create_synced lvm2 l $((DD_MIB + 8))
ext=$(vol vgs --noheadings --units b --nosuffix -o vg_extent_size $vg | tr -d ' ')
pe_start=$(vol pvs --noheadings --units b --nosuffix -o pe_start "${P[0]}" | tr -d ' ')
range=$(vol lvs -a --noheadings -o seg_pe_ranges $vg/o_rimage_0 | tr -d ' ')
[[ $range =~ ^/dev/mapper/rp0:([0-9]+)- ]] || die "o_rimage_0 is not on rp0: $range"
off=$((pe_start + BASH_REMATCH[1] * ext))
[ $((off % 1048576)) -eq 0 ] || die "o_rimage_0 starts at $off, not MiB-aligned"
raw=$(disk 0)
assert_eq "$(awk '{ print $3, $4, $5 }' <<<"${PV_TABLE[0]}")" "linear $raw 0" "rp0 maps the first disk from sector 0"
dd_once() {	# ours|lvm2|raw: the time in US
	case $1 in
	ours) timed dd if=/dev/zero of=/dev/$vg/o bs=1M count="$DD_MIB" oflag=direct conv=fsync ;;
	lvm2) timed dd if=/dev/zero of=/dev/$vg/l bs=1M count="$DD_MIB" oflag=direct conv=fsync ;;
	raw) timed dd if=/dev/zero of="$raw" bs=1M count="$DD_MIB" seek=$((off / 1048576)) oflag=direct conv=fsync ;;
	esac
}
for w in ours lvm2 raw; do : >"$T/dd.$w"; done
: >"$T/dd.ours_raw"
: >"$T/dd.ours_lvm2"
orders=("ours lvm2 raw" "lvm2 raw ours" "raw ours lvm2")
for ((k = 0; k < 2 * RUNS; k++)); do
	for w in ${orders[k % 3]}; do
		dd_once "$w"
		echo "$US" >>"$T/dd.$w"
		eval "last_$w=$US"
	done
	# shellcheck disable=SC2154
	awk -v r="$last_raw" -v o="$last_ours" 'BEGIN { printf "%.4f\n", r / o }' >>"$T/dd.ours_raw"
	# shellcheck disable=SC2154
	awk -v l="$last_lvm2" -v o="$last_ours" 'BEGIN { printf "%.4f\n", l / o }' >>"$T/dd.ours_lvm2"
done
in_sync $vg/o || die "our mirror is out of sync after the writes: $(raid_status $vg/o)"
in_sync $vg/l || die "lvm2's mirror is out of sync after the writes: $(raid_status $vg/l)"
params() { dmsetup table "$1" | cut -d' ' -f3- | sed -E 's/[0-9]+:[0-9]+/M:m/g; s/^(.* [0-9]+) [0-9]+ M:m M:m [0-9]+ M:m M:m$/\1 .../'; }
table_o=$(params $vg-o)
table_l=$(params $vg-l)
check vgck_clean $vg
run vol vgchange -an $vg
layers_remove

# ---------------------------------------------------------------- report
kern=$(uname -r)
out "### raid1 in the VM guest (QEMU TCG, kernel $kern): libvolume vs lvm2 $(command lvm version | sed -n 's/^ *LVM version: *\([^ ]*\).*/\1/p')"
out ""
out "| Scenario ($SYNC_MIB MiB mirror, region size $REGION) | libvolume, median s (min-max) | lvm2, median s (min-max) | lvm2/ours |"
out "|---|---:|---:|---:|"
row() {	# TITLE FILE
	local mo ml
	mo=$(median <"$T/$2.ours")
	ml=$(median <"$T/$2.lvm2")
	out "| $1 | $(sec "$mo") ($(minmax 1e6 2 <"$T/$2.ours")) | $(sec "$ml") ($(minmax 1e6 2 <"$T/$2.lvm2")) | **$(ratio "$ml" "$mo")x** |"
	out "RATIO|$2|$(ratio "$ml" "$mo")"
}
row "\`lvcreate --type raid1 -m 1\` alone" cr
row "lvcreate start to in sync (initial sync)" sync
row "leg failure to completed \`lvconvert --repair\` and resync" rep
row "of that: the failure seen by dm-raid (one write)" detect
row "of that: \`lvconvert --repair\` alone" conv
row "of that: lvconvert start to in sync" resync
out ""
so=$(median <"$T/sync.ours")
sl=$(median <"$T/sync.lvm2")
ro=$(median <"$T/resync.ours")
rl=$(median <"$T/resync.lvm2")
out "| Rate, MiB/s (median) | libvolume | lvm2 | ours/lvm2 |"
out "|---|---:|---:|---:|"
out "| initial sync (from lvcreate start) | $(rate "$SYNC_MIB" "$so") | $(rate "$SYNC_MIB" "$sl") | **$(ratio "$sl" "$so")** |"
out "| repair (from lvconvert start) | $(rate "$SYNC_MIB" "$ro") | $(rate "$SYNC_MIB" "$rl") | **$(ratio "$rl" "$ro")** |"
out "RATIO|sync_rate|$(ratio "$sl" "$so")"
out "RATIO|repair_rate|$(ratio "$rl" "$ro")"
out "RATIO|repair_s|$(sec "$(median <"$T/rep.ours")")"
out ""
mo=$(median <"$T/dd.ours")
ml=$(median <"$T/dd.lvm2")
mr=$(median <"$T/dd.raw")
por=$(median <"$T/dd.ours_raw")
pol=$(median <"$T/dd.ours_lvm2")
out "| dd write, $DD_MIB MiB, bs=1M, O_DIRECT, fsync | our raid1 LV | lvm2's raid1 LV | raw disk (our leg 0's blocks) | ours/raw | ours/lvm2 |"
out "|---|---:|---:|---:|---:|---:|"
out "| MiB/s (median of $((2 * RUNS)); ratios: median of per-round ratios) | $(rate "$DD_MIB" "$mo") | $(rate "$DD_MIB" "$ml") | $(rate "$DD_MIB" "$mr") | **$(awk -v r="$por" 'BEGIN { printf "%.2f", r }')** | **$(awk -v r="$pol" 'BEGIN { printf "%.2f", r }')** |"
out "RATIO|dd_raw|$(awk -v r="$por" 'BEGIN { printf "%.2f", r }')"
out "RATIO|dd_lvm2|$(awk -v r="$pol" 'BEGIN { printf "%.2f", r }')"
out ""
out "dm-raid table parameters: ours \`$table_o\`, lvm2's \`$table_l\`"
out "RUNS|$RUNS runs per tool for sync and repair, interleaved (after one untimed warm-up sync); dd: $((2 * RUNS)) rounds of the three writes, each first in turn"
