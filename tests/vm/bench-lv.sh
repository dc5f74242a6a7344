#!/usr/bin/env bash
# Benchmark, not a test (make vm runs only t-*.sh): the device-mapper scenarios
# of the LV performance issue, ours against lvm2 in the same guest, on the same
# disks, runs interleaved.  scripts/bench/vm-lv boots it and collects the lines
# it prints that start with "BENCH|".
#   1. vgchange -ay of a VG of N_LV (100) inactive LVs, then -an (untimed).
#   2. lvcreate of an active 8 MiB LV in that VG (lvm2's defaults: activated,
#      first 4 KiB zeroed), then lvremove (untimed).
#   3. dd through a linear LV against the same blocks of the raw disk,
#      O_DIRECT, reading and writing, as a ratio.
# The guest runs under TCG: only ratios between runs in this guest mean
# anything, not the absolute times.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

N_LV=${BENCH_N_LV:-100}
RUNS=${BENCH_RUNS:-5}
DD_MIB=${BENCH_DD_MIB:-128}
need_disks 4
vg=bvg
ddvg=bdd
out() { echo "BENCH|$*"; }

# timed, median, minmax and ratio are lib.sh's
ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
active_count() { dmsetup info -c --noheadings -o name 2>/dev/null | grep -c "^$vg-" || true; }

# ---------------------------------------------------------------- setup
a=$(disk 0) b=$(disk 1) c=$(disk 2) d=$(disk 3)
run vol pvcreate -y "$a" "$b" "$c"
run vol vgcreate $vg "$a" "$b" "$c"
for ((i = 1; i <= N_LV; i++)); do
	vol lvcreate -an -Zn -L 8M -n "l$i" $vg >/dev/null 2>&1 || die "setup: lvcreate l$i failed"
done
assert_eq "$(active_count)" 0 "active LVs before the runs"
note "setup: VG $vg with $N_LV inactive LVs of 8 MiB on 3 disks"

# ---------------------------------------------------------------- 1. vgchange -ay
: >"$T/ay.ours"
: >"$T/ay.lvm2"
for ((k = 0; k < RUNS; k++)); do
	for tool in ours lvm2; do
		if [ $tool = ours ]; then timed vol vgchange -ay $vg; else timed lvm vgchange -ay $vg; fi
		echo "$US" >>"$T/ay.$tool"
		assert_eq "$(active_count)" "$N_LV" "LVs active after $tool's vgchange -ay"
		vol vgchange -an $vg >/dev/null 2>&1 || die "vgchange -an failed"
		assert_eq "$(active_count)" 0 "LVs active after vgchange -an"
	done
done

# The kernel's floor for that: the same $N_LV tables created, loaded and
# resumed by one dmsetup process (--concise), nothing read, nothing planned.
vol vgchange -ay $vg >/dev/null 2>&1 || die "vgchange -ay failed"
spec=$(dmsetup table | awk -F': ' -v p="$vg-" 'index($1, p) == 1 { n++; printf "%sbf-%d,,,rw,%s", (n > 1 ? ";" : ""), n, $2 }')
vol vgchange -an $vg >/dev/null 2>&1 || die "vgchange -an failed"
: >"$T/ay.floor"
for ((k = 0; k < RUNS; k++)); do
	timed dmsetup create --concise "$spec"
	echo "$US" >>"$T/ay.floor"
	assert_eq "$(dmsetup info -c --noheadings -o name | grep -c '^bf-')" "$N_LV" "devices dmsetup made"
	dmsetup remove $(dmsetup info -c --noheadings -o name | grep '^bf-') || die "dmsetup remove failed"
done

# ---------------------------------------------------------------- 2. lvcreate, active
: >"$T/cr.ours"
: >"$T/cr.lvm2"
for ((k = 0; k < RUNS; k++)); do
	for tool in ours lvm2; do
		if [ $tool = ours ]; then timed vol lvcreate -L 8M -n new $vg; else timed lvm lvcreate -L 8M -n new $vg; fi
		echo "$US" >>"$T/cr.$tool"
		[ -b /dev/mapper/$vg-new ] || die "$tool's lvcreate left no active $vg/new"
		vol lvremove -y -f $vg/new >/dev/null 2>&1 || die "lvremove $vg/new failed"
	done
done

# ---------------------------------------------------------------- 3. dd
run vol pvcreate -y "$d"
run vol vgcreate $ddvg "$d"
run vol lvcreate -y -L "$((DD_MIB + 8))M" -n dd $ddvg
pe_start=$(vol pvs --noheadings --units b --nosuffix -o pe_start "$d" | tr -d ' ')
[ $((pe_start % 1048576)) -eq 0 ] || die "pe_start $pe_start is not MiB-aligned"
off=$((pe_start / 1048576))	# the LV's first extent is the first of the PV
# Once over the whole region first: a sparse disk image allocates on the
# first write, which must not count against whichever path writes first.
dd if=/dev/zero of="$d" bs=1M count="$DD_MIB" seek="$off" oflag=direct conv=fsync 2>/dev/null ||
	die "dd warm-up failed"
: >"$T/dd.read.lv"
: >"$T/dd.read.raw"
: >"$T/dd.write.lv"
: >"$T/dd.write.raw"
: >"$T/dd.read.ratio"
: >"$T/dd.write.ratio"
dd_once() { # dd_once read|write lv|raw: the time in $US
	local dev=/dev/mapper/$ddvg-dd pos=0
	[ "$2" = lv ] || { dev=$d; pos=$off; }
	if [ "$1" = read ]; then
		timed dd if="$dev" of=/dev/null bs=1M count="$DD_MIB" skip="$pos" iflag=direct
	else
		timed dd if=/dev/zero of="$dev" bs=1M count="$DD_MIB" seek="$pos" oflag=direct conv=fsync
	fi
}
# Each run times the two paths back to back, in turn first, and keeps their
# ratio: the load of a shared host drifts less within a pair than across runs.
for ((k = 0; k < 2 * RUNS; k++)); do
	for op in read write; do
		if [ $((k % 2)) -eq 0 ]; then order="lv raw"; else order="raw lv"; fi
		for what in $order; do
			dd_once $op $what
			echo "$US" >>"$T/dd.$op.$what"
			eval "last_$what=$US"
		done
		# shellcheck disable=SC2154
		awk -v r="$last_raw" -v l="$last_lv" 'BEGIN { printf "%.4f\n", r / l }' >>"$T/dd.$op.ratio"
	done
done
check vgck_clean $ddvg
run vol vgchange -an $ddvg

# ---------------------------------------------------------------- report
kern=$(uname -r)
out "### Device-mapper scenarios in the VM guest (QEMU TCG, kernel $kern): libvolume vs lvm2 $(lvm version | sed -n 's/^ *LVM version: *\([^ ]*\).*/\1/p')"
out ""
out "| Scenario | libvolume, median ms (min-max) | lvm2, median ms (min-max) | lvm2/ours |"
out "|---|---:|---:|---:|"
for sc in ay cr; do
	title=$([ $sc = ay ] && echo "\`vgchange -ay\`, $N_LV LVs" || echo "\`lvcreate -L 8M\` (active, 4 KiB zeroed), VG of $N_LV LVs")
	mo=$(median <"$T/$sc.ours")
	ml=$(median <"$T/$sc.lvm2")
	out "| $title | $(ms "$mo") ($(minmax 1000 1 <"$T/$sc.ours")) | $(ms "$ml") ($(minmax 1000 1 <"$T/$sc.lvm2")) | **$(ratio "$ml" "$mo")x** |"
	out "RATIO|$sc|$(ratio "$ml" "$mo")"
	if [ $sc = ay ]; then
		mf=$(median <"$T/ay.floor")
		out "| the kernel's part: the same $N_LV tables by one \`dmsetup create --concise\` | $(ms "$mf") ($(minmax 1000 1 <"$T/ay.floor")) | | ours $(ratio "$mo" "$mf")x, lvm2 $(ratio "$ml" "$mf")x this |"
		out "RATIO|ay_floor|$(ratio "$mo" "$mf")"
		out "RATIO|ay_floor_lvm2|$(ratio "$ml" "$mf")"
	fi
done
out ""
out "| dd, $DD_MIB MiB, bs=1M, O_DIRECT | through the linear LV, MiB/s (median) | the same blocks of the raw disk, MiB/s (median) | LV/raw (median of $((2 * RUNS)) back-to-back pairs) |"
out "|---|---:|---:|---:|"
for op in read write; do
	lv=$(median <"$T/dd.$op.lv")
	raw=$(median <"$T/dd.$op.raw")
	rate_lv=$(awk -v m="$DD_MIB" -v u="$lv" 'BEGIN { printf "%.1f", m / (u / 1e6) }')
	rate_raw=$(awk -v m="$DD_MIB" -v u="$raw" 'BEGIN { printf "%.1f", m / (u / 1e6) }')
	pr=$(median <"$T/dd.$op.ratio")
	out "| $op | $rate_lv | $rate_raw | **$(awk -v r="$pr" 'BEGIN { printf "%.2f", r }')** |"
	out "RATIO|dd_$op|$(awk -v r="$pr" 'BEGIN { printf "%.2f", r }')"
done
out ""
out "RUNS|$RUNS runs per tool and scenario, interleaved; dd: $((2 * RUNS)) pairs of runs, LV and raw disk back to back, each first in turn"
