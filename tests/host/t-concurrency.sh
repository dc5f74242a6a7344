#!/usr/bin/env bash
# Concurrency: the VG lock serialises writers (ours, and ours against
# lvm2's), readers never see a half-written commit, and every metadata copy
# agrees at the end.
. "$(dirname "$0")/lib.sh"

setup_loops 3 16M
vg=$(vgname)
run vol vgcreate "$vg" "${DEVS[@]}"

# all_agree VG SEQNO: both tools read SEQNO, both vgck are clean, and every
# PV's committed copy has the same size, checksum and seqno in both dumps.
all_agree() {
	local common
	check vg_field "$1" vg_seqno "$2"
	check --lvm vg_field "$1" vg_seqno "$2"
	check vgck_clean "$1"
	check --lvm vgck_clean "$1"
	common=$(headers_agree "${DEVS[@]}")
	assert_match "$common" "seqno=$2\$" "the common metadata headers"
	echo "  all copies: $common"
}

# tags_of VG: our tags, one a line, sorted.
tags_of() {
	local tags
	tags=$(get vg_field "$1" vg_tags)
	[ -z "$tags" ] || tr ',' '\n' <<<"$tags" | sort
}

part_a() {
	echo "== a. 20 parallel vgchange --addtag"
	local seq0 n rc ok
	seq0=$(get vg_field "$vg" vg_seqno)
	for n in $(seq 1 20); do
		{
			rc=0
			vol vgchange --addtag "tag$n" "$vg" </dev/null >"$T/a.$n.out" 2>&1 || rc=$?
			echo $rc >"$T/a.$n.rc"
		} &
	done
	wait
	ok=0
	: >"$T/a.want"
	for n in $(seq 1 20); do
		rc=$(cat "$T/a.$n.rc")
		if [ "$rc" -eq 0 ]; then
			ok=$((ok + 1))
			echo "tag$n" >>"$T/a.want"
		else
			echo "  run $n exited $rc:"
			sed 's/^/    /' "$T/a.$n.out"
		fi
	done
	echo "  $ok of 20 succeeded"
	assert_eq "$(tags_of "$vg" | tr '\n' ' ')" "$(sort "$T/a.want" | tr '\n' ' ')" \
		"tags are exactly those of the successful runs"
	check vg_field "$vg" vg_seqno $((seq0 + ok)) "rose by the number of successes"
	all_agree "$vg" $((seq0 + ok))
	assert_eq "$ok" 20 "successful runs (the VG lock serialises them all)"
}

# reader NAME CMD...: runs CMD until $T/stop exists; one line per run:
# "rc seqno warnings" (seqno "-" when CMD prints no JSON report).
reader() {
	local name=$1 rc seq w
	shift
	while [ ! -e "$T/stop" ]; do
		rc=0
		"$@" >"$T/r.$name.out" 2>"$T/r.$name.err" </dev/null || rc=$?
		if grep -q '"report"' "$T/r.$name.out"; then
			seq=$(jq -r '[.report[0][][] | .vg_seqno] | unique | join("/")' "$T/r.$name.out" 2>/dev/null ||
				echo "?")
		else
			seq=-
		fi
		w=$(grep -c WARNING "$T/r.$name.err" || [ $? -eq 1 ])
		echo "$rc $seq $w" >>"$T/r.$name.log"
		if [ "$rc" -ne 0 ] || [ "$w" -ne 0 ]; then
			{ echo "--- run $(wc -l <"$T/r.$name.log"): exit $rc"; cat "$T/r.$name.err"; } >>"$T/r.$name.bad"
		fi
	done
}
writer() {
	local i=0 rc
	: >"$T/w.log"
	while [ ! -e "$T/stop" ]; do
		i=$((i + 1))
		rc=0
		if ((i % 2)); then
			vol vgchange --addtag "w$i" "$vg" </dev/null >>"$T/w.out" 2>&1 || rc=$?
		else
			vol vgchange --deltag "w$((i - 1))" "$vg" </dev/null >>"$T/w.out" 2>&1 || rc=$?
		fi
		echo "$rc" >>"$T/w.log"
	done
}
part_b() {
	echo "== b. readers while writers run"
	local seq0 r1 r2 r3 r4 w1 writes wfail name runs
	rm -f "$T/stop"
	seq0=$(get vg_field "$vg" vg_seqno)
	reader vgs vol vgs --reportformat json -o vg_name,vg_seqno "$vg" &
	r1=$!
	reader pvs vol pvs --reportformat json -o pv_name,vg_name,vg_seqno &
	r2=$!
	reader vgs2 vol vgs --reportformat json -o vg_name,vg_seqno &
	r3=$!
	reader vgck vol vgck "$vg" &
	r4=$!
	writer &
	w1=$!
	sleep 5
	touch "$T/stop"
	wait "$r1" "$r2" "$r3" "$r4" "$w1"
	writes=$(wc -l <"$T/w.log")
	wfail=$(grep -vc '^0$' "$T/w.log" || [ $? -eq 1 ])
	echo "  writer: $writes commits, $wfail failed"
	[ "$wfail" -eq 0 ] || { cat "$T/w.out" >&2; die "$wfail writer runs failed"; }
	[ "$writes" -ge 5 ] || die "only $writes writer runs in 5 s"
	for name in vgs pvs vgs2 vgck; do
		runs=$(wc -l <"$T/r.$name.log")
		echo "  reader $name: $runs runs, seqnos $(head -n 1 "$T/r.$name.log" | cut -d' ' -f2) .. $(tail -n 1 "$T/r.$name.log" | cut -d' ' -f2)"
		[ "$runs" -ge 5 ] || die "reader $name ran only $runs times"
		if [ -s "$T/r.$name.bad" ]; then
			head -n 20 "$T/r.$name.bad" >&2
			die "reader $name: $(grep -c '^---' "$T/r.$name.bad") runs failed or warned"
		fi
		[ "$name" != vgck ] || continue
		# One seqno per run (a single VG), never going backwards.
		awk -v lo="$seq0" -v hi=$((seq0 + writes)) '
			$2 !~ /^[0-9]+$/ { printf "run %d: seqno [%s]\n", NR, $2; bad = 1; next }
			$2 < last { printf "run %d: seqno %d after %d\n", NR, $2, last; bad = 1 }
			$2 < lo || $2 > hi { printf "run %d: seqno %d outside %d..%d\n", NR, $2, lo, hi; bad = 1 }
			{ last = $2 }
			END { exit bad }' "$T/r.$name.log" >&2 || die "reader $name saw bad seqnos"
	done
	all_agree "$vg" $((seq0 + writes))
}

part_c() {
	echo "== c. lvm2 and our writers on the same VG"
	local seq0 n rc ok f who tags_now
	seq0=$(get vg_field "$vg" vg_seqno)
	for n in $(seq 1 8); do
		{
			rc=0
			lvm vgchange --addtag "lvm$n" "$vg" </dev/null >"$T/c.lvm$n.out" 2>&1 || rc=$?
			echo $rc >"$T/c.lvm$n.rc"
		} &
		{
			rc=0
			vol vgchange --addtag "ours$n" "$vg" </dev/null >"$T/c.ours$n.out" 2>&1 || rc=$?
			echo $rc >"$T/c.ours$n.rc"
		} &
	done
	wait
	ok=0
	: >"$T/c.want"
	for f in "$T"/c.*.rc; do
		who=$(basename "$f" .rc)
		who=${who#c.}
		if [ "$(cat "$f")" -eq 0 ]; then
			ok=$((ok + 1))
			echo "$who" >>"$T/c.want"
		else
			echo "  $who exited $(cat "$f"):"
			sed 's/^/    /' "$T/c.$who.out"
		fi
	done
	echo "  $ok of 16 succeeded"
	tags_now=$(tags_of "$vg" | { grep -E '^(lvm|ours)[0-9]+$' || [ $? -eq 1 ]; } | tr '\n' ' ')
	assert_eq "$tags_now" "$(sort "$T/c.want" | tr '\n' ' ')" "tags are exactly those of the successful runs"
	check vg_field "$vg" vg_seqno $((seq0 + ok)) "rose by the number of successes"
	all_agree "$vg" $((seq0 + ok))
	assert_eq "$ok" 16 "successful runs of both tools"
}

# Each part runs even if an earlier one failed; the test fails at the end.
soft part_a
soft part_b
soft part_c
echo "concurrency: ok"
