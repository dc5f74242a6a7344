#!/usr/bin/env bash
# A seeded walk of mixed LV commands, each compared with lvm2 on the same
# bytes (as tests/host/t-lvmeta.sh compares its chosen cases): lvcreate
# with every size form, stripes, policies, permissions, tags and PV lists
# with PE ranges; lvextend, lvreduce, lvresize with +/-, %FREE/%VG/%LV/%PVS
# and PV lists; lvremove, lvrename, lvchange --alloc, vgchange --alloc.
# For each step the images are saved, we run the command, the images are
# restored and lvm2 runs it: exit code, stdout, stderr and the VG as lvm2's
# lvs reads it (every segment's PE ranges) must be lvm2's; after our command
# our lvs reads what lvm2's reads and both vgck are clean.  The walk goes on
# from lvm2's result, so one difference does not end it.
#   LVWALK_SEED (default 1), LVWALK_STEPS (default 70) choose the walk; the
#   generator is a fixed LCG, so a seed always gives the same commands.
# Checks are soft (tests/lib/common.sh): every difference is listed, then
# the test fails.
. "$(dirname "$0")/lib.sh"

setup_loops 4 24M
PVS=("${DEVS[@]}")
vg=$(vgname w)
run vol vgcreate -s 1m "$vg" "${PVS[@]}"
check --lvm vg_field "$vg" vg_extent_count 92 "23 extents on each of 4 PVs"

LVS_FIELDS=lv_name,lv_attr,lv_size,seg_start_pe,segtype,stripes,stripe_size,seg_pe_ranges,devices,lv_tags,lv_allocation_policy
lv_state() {
	"$1" vgs --noheadings --units b --nosuffix --separator '|' \
		-o vg_name,vg_seqno,lv_count,vg_free_count,vg_allocation_policy "$vg" 2>/dev/null | sed 's/^ *//'
	"$1" lvs -a --segments --noheadings --units b --nosuffix --separator '|' \
		-o "$LVS_FIELDS" "$vg" 2>/dev/null | sed 's/^ *//'
}

# ---------------------------------------------------------------- the generator
# No $RANDOM: bash reseeds it in every subshell.  rnd N sets R to 0..N-1.
LCG=${LVWALK_SEED:-1}
rnd() {
	LCG=$(((LCG * 1103515245 + 12345) % 2147483648))
	R=$(((LCG >> 8) % $1))
}
# pick WORD...: one of them, in P.
pick() { rnd $#; P=${*:R+1:1}; }
# The command being made, word by word.
add() { CMD+=("$@"); }

gen_pvlist() {
	local n i a b p
	rnd 6
	n=$((R > 3 ? 0 : R))
	for ((i = 0; i < n; i++)); do
		rnd ${#PVS[@]}
		p=${PVS[R]}
		rnd 2
		if [ $R = 1 ]; then
			rnd 23; a=$R
			rnd $((23 - a)); b=$((a + R))
			rnd 6
			case $R in
			0) p+=":$a" ;; 1) p+=":$a-" ;; 2) p+=":-$b" ;; 3) p+=":$a+$((b - a + 1))" ;;
			4) p+=":$a-$b:$(((b + 3) % 23))-22" ;; *) p+=":$a-$b" ;;
			esac
		fi
		add "$p"
	done
}
gen_alloc() {
	rnd 3
	[ $R != 0 ] || { pick contiguous cling normal anywhere inherit; add --alloc "$P"; }
}
gen_stripes() {
	rnd 7
	case $R in
	0) add -i 2 ;;
	1) pick 4k 8k 64k 1m 2m; add -i 3 -I "$P" ;;
	2) add -i 2 -I 512k ;;
	esac
}
gen_create() {
	add lvcreate -an
	gen_alloc
	gen_stripes
	rnd 10
	case $R in
	0) add -C y ;; 1) add --type linear ;; 2) add --type striped ;; 3) add -p r ;;
	4) rnd 3; add --addtag "t$R" ;;
	esac
	rnd 3
	case $R in
	0) rnd 25; add -l $((R + 1)) ;;
	1) rnd 20; add -L "$((R + 1)).5M" ;;
	2) pick VG FREE PVS; rnd 100; add -l "$((R + 1))%$P" ;;
	esac
	rnd 4
	[ $R = 0 ] || { rnd 30000; add -n "l$R"; }
	add "$vg"
	gen_pvlist
}
gen_extend() {	# LV
	add lvextend
	gen_alloc
	rnd 4
	[ $R != 0 ] || gen_stripes
	rnd 6
	case $R in
	0) rnd 10; add -l "+$((R + 1))" ;;
	1) rnd 9; add -L "+$((R + 1))M" ;;
	2) rnd 100; add -l "+$((R + 1))%FREE" ;;
	3) rnd 300; add -l "$((R + 1))%LV" ;;
	4) rnd 40; add -l $((R + 1)) ;;
	5) add -l +50%PVS ;;
	esac
	add "$vg/$1"
	gen_pvlist
}
gen_reduce() {	# LV
	add lvreduce
	rnd 6
	case $R in
	0) rnd 5; add -l "-$((R + 1))" ;;
	1) rnd 5; add -L "-$((R + 1))M" ;;
	2) rnd 10; add -l $((R + 1)) ;;
	3) rnd 60; add -l "-$((R + 1))%LV" ;;
	4) rnd 9; add -L "$((R + 1))M" ;;
	5) rnd 60; add -l "$((R + 1))%LV" ;;
	esac
	add -y "$vg/$1"
}
gen_resize() {	# LV
	add lvresize
	gen_alloc
	rnd 4
	case $R in
	0) rnd 5; add -l "+$((R + 1))" ;;
	1) rnd 3; add -l "-$((R + 1))" ;;
	2) rnd 12; add -l $((R + 1)) ;;
	3) rnd 12; add -L "$((R + 1))M" ;;
	esac
	add "$vg/$1"
	gen_pvlist
}
# gen: the next command into CMD (empty when it needs an LV and there is none).
gen() {
	local lvs lv
	CMD=()
	mapfile -t lvs < <(lvm lvs --noheadings -o lv_name "$vg" 2>/dev/null | tr -d ' ')
	rnd $((${#lvs[@]} + 1))
	lv=${lvs[R]:-}
	rnd 10
	case $R in
	0 | 1 | 2) gen_create ;;
	3 | 4) [ -z "$lv" ] || gen_extend "$lv" ;;
	5) [ -z "$lv" ] || gen_reduce "$lv" ;;
	6) [ -z "$lv" ] || gen_resize "$lv" ;;
	7)
		[ -z "$lv" ] || add lvremove -y "$vg/$lv"
		rnd 2
		[ -z "$lv" ] || [ $R = 0 ] || { rnd ${#lvs[@]}; add "$vg/${lvs[R]}"; }
		;;
	8)
		rnd 3
		case $R in
		0) [ -z "$lv" ] || { rnd 30000; add lvrename "$vg/$lv" "r$R"; } ;;
		1) [ -z "$lv" ] || { pick contiguous cling normal anywhere inherit; add lvchange --alloc "$P" "$vg/$lv"; } ;;
		2) pick contiguous cling normal anywhere; add vgchange --alloc "$P" "$vg" ;;
		esac
		;;
	9) [ -z "$lv" ] || { add lvextend; gen_alloc; add "$vg/$lv"; gen_pvlist; } ;;
	esac
}

# ---------------------------------------------------------------- the walk
# step: one command by both tools; differences are recorded.
step() {
	local rco=0 rcl=0 what=${CMD[*]}
	save_images cur
	vol "${CMD[@]}" </dev/null >"$T/o.out" 2>"$T/o.err" || rco=$?
	lv_state lvm >"$T/o.state"
	lv_state vol >"$T/o.ours"
	check vgck_clean "$vg"
	check --lvm vgck_clean "$vg"
	restore_images cur
	lvm "${CMD[@]}" </dev/null >"$T/l.out" 2>"$T/l.err" || rcl=$?
	lvm_stderr "$T/l.err" >"$T/l.err2"
	lv_state lvm >"$T/l.state"
	[ "$rco" = "$rcl" ] || die "exit code of $what: ours $rco, lvm2's $rcl
--- ours: $(cat "$T/o.out" "$T/o.err")
--- lvm2: $(cat "$T/l.out" "$T/l.err2")"
	cmp -s "$T/o.out" "$T/l.out" || die "stdout of $what (< lvm2, > ours):
$(diff "$T/l.out" "$T/o.out")"
	cmp -s "$T/o.err" "$T/l.err2" || die "stderr of $what (< lvm2, > ours):
$(diff "$T/l.err2" "$T/o.err")"
	cmp -s "$T/o.state" "$T/l.state" || die "the VG after $what (< lvm2's result, > ours):
$(diff "$T/l.state" "$T/o.state")"
	cmp -s "$T/o.ours" "$T/o.state" || die "our lvs of our result differs from lvm2's lvs of it:
$(diff "$T/o.state" "$T/o.ours")"
	echo "ok (exit $rco): $what"
}

steps=${LVWALK_STEPS:-70}
n=0 made=0
echo "seed ${LVWALK_SEED:-1}, $steps steps"
while [ $n -lt "$steps" ]; do
	gen
	[ ${#CMD[@]} -gt 0 ] || continue
	n=$((n + 1))
	[ "${CMD[0]}" != lvcreate ] || made=$((made + 1))
	soft step
done
# The walk must have done things: LVs made and the VG used.
[ "$made" -ge 10 ] || die "only $made lvcreate in the walk"
echo "lvwalk: $n steps, $made lvcreate, $(lvm lvs --noheadings "$vg" 2>/dev/null | wc -l) LVs at the end"
