#!/usr/bin/env bash
# shellcheck disable=SC2317  # finish exits: shellcheck then takes the functions for unreachable
# Our tool killed at the crash points of every raid1 metadata change, on
# real dm-raid: lvconvert -m +1, -m -1, -m 0, linear to raid1, --replace
# here; lvextend/lvreduce of an active raid1, lvcreate --type raid1 and
# --repair in t-raid1-crash2.sh, which runs this file's second part.
# Each command is first run with VOLUME_CRASH_AT=list (its steps: preload,
# suspend, text, precommit, commit, resume, remove, activate; a step met
# again in a second commit is "step:k#2"), then killed at a sample of them
# (all of them with RAID1_CRASH_ALL=1 on the kernel command line:
# VMTEST_APPEND=RAID1_CRASH_ALL=1).  After each crash our lvs runs (and
# changes nothing), then our next command (lvchange -ay, vgchange -ay or a
# vgchange --addtag that commits); then:
#   - no dm device is suspended;
#   - the VG's dm devices are exactly the LVs of the metadata (no sub-LV
#     orphaned in dm), every rimage/rmeta sub-LV has its raid1 parent (none
#     orphaned in the metadata), lvm2 reads the VG (vgck, lvs -a);
#   - the layout (segment types, the legs' extents) is the old or the new one;
#   - the data (a checksum of the LV's first 8 MiB) is intact.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tests/vm/raid1-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/raid1-lib.sh"

need_disks 3
layers 3
ALL=${RAID1_CRASH_ALL:-0}
# Two parts, each a test (the guest's time limit is per test): "convert"
# here, "rest" (lvextend, lvreduce, lvcreate, --repair) in t-raid1-crash2.sh.
PART=${RAID1_CRASH_PART:-convert}
t0=$(now)
section() { note "$(printf '%6d ms' $((($(now) - t0) / 1000))): $*"; }

crash() { # STEP CMD ARGS...: the hooked tool, killed at STEP (exit 99)
	VOLUME_CRASH_AT=$1 vol_hooks "$2" --devices "$DEVS" "${@:3}"
}
points() { # CMD ARGS...: the crash points of CMD, which runs to its end
	VOLUME_CRASH_AT=list vol_hooks "$1" --devices "$DEVS" "${@:2}" 2>&1 >/dev/null |
		sed -n 's/^ *crash point //p'
}
suspended_any() {
	dmsetup info | awk '/^Name:/ { n = $2 } /^State:.*SUSPENDED/ { print n }'
}

run vol pvcreate -q "${P[@]}"
run vol vgcreate -q -s 1M rc "${P[@]}"
run vol lvcreate -y -Zn --type raid1 -m 1 -L 8M -n r rc "${P[0]}" "${P[1]}"
wait_sync rc/r
make_pattern "$T/pat" 8
put_pattern "$T/pat" /dev/rc/r
want=$(md5sum <"$T/pat")
data_ok() { # WHAT
	assert_eq "$(dd if=/dev/rc/r bs=1M count=8 iflag=direct status=none | md5sum)" "$want" \
		"$1: data of rc/r"
}

# lvs_all: lvm2's lvs -a of rc, one line per segment: name|parent|segtype|PE ranges
lvs_all() {
	lvm lvs -a --noheadings --separator '|' -o lv_name,lv_parent,segtype,seg_pe_ranges rc \
		2>"$T/layout.err" | sed -e 's/^ *//' -e 's/^\[\(.*\)\]|/\1|/' ||
		die "lvm2 cannot list rc: $(cat "$T/layout.err")"
}
# layout [LVS]: the LVs of rc (lvs_all), sub-LVs by kind (rimage, rmeta)
# and parent, with segment type and extents; sorted.  Without the legs'
# numbers: between its two commits a replace has the new leg under a
# temporary name (the next free number) at the old leg's position.
layout() {
	if [ $# -gt 0 ]; then echo "$1"; else lvs_all; fi |
		sed -e 's/^[a-z]*_\(rimage\|rmeta\)_[0-9]*|/\1|/' -e 's/_\(rimage\|rmeta\)_[0-9]*/_\1/g' |
		LC_ALL=C sort
}
# legs: the PVs of rc/r's legs ("lin" when r is linear), sorted
legs() {
	local s
	s=$(vol lvs --noheadings -o segtype rc/r | tr -d ' ')
	if [ "$s" = linear ]; then
		echo lin
		return
	fi
	vol lvs -a --noheadings -o lv_name,devices rc | awk '$1 ~ /rimage/ { sub(/\(.*/, "", $2); print $2 }' |
		sed 's|/dev/mapper/||' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}
size_mib() { echo $(($(vol lvs --noheadings --units b --nosuffix -o lv_size rc/r | tr -d ' ') / 1048576)); }

extra() { # A B: the word of B that is not in A
	local w
	for w in $2; do
		[[ " $1 " == *" $w "* ]] || echo "$w"
	done
}
# shape LEGS MIB: rc/r brought (with our plain tool) to legs LEGS ("rp0 rp1",
# "rp0 rp1 rp2", "lin") and size MIB, in sync.
shape() {
	local target=$1 mib=$2 cur i
	for ((i = 0; i < 4; i++)); do
		cur=$(legs)
		[ "$cur" != "$target" ] || break
		case "$target|$cur" in
		lin\|*) run vol lvconvert -y -m 0 rc/r ;;
		*\|lin) run vol lvconvert -y --type raid1 -m 1 rc/r "/dev/mapper/${target#rp0 }" ;;
		"rp0 rp1 rp2|"*) run vol lvconvert -y -m +1 rc/r ;;
		*\|"rp0 rp1 rp2") run vol lvconvert -y -m -1 rc/r "/dev/mapper/$(extra "$target" "$cur")" ;;
		*) run vol lvconvert -y --replace "/dev/mapper/${cur#rp0 }" rc/r "/dev/mapper/${target#rp0 }" ;;
		esac
		[ "$target" = lin ] || wait_sync rc/r
	done
	[ "$(legs)" = "$target" ] || die "cannot bring rc/r to legs [$target] (it has [$(legs)])"
	if [ "$(size_mib)" -lt "$mib" ]; then
		run vol lvextend -L "${mib}M" rc/r
	elif [ "$(size_mib)" -gt "$mib" ]; then
		run vol lvreduce -y -L "${mib}M" rc/r
	fi
	[ "$target" = lin ] || wait_sync rc/r
}

# old_or_new WHAT OLD NEW [LVS]: the layout lvm2 reads is OLD or NEW.
old_or_new() {
	local now_
	now_=$(layout "${@:4}")
	[ "$now_" = "$2" ] || [ "$now_" = "$3" ] ||
		die "$1: the layout is neither the old nor the new one:
$now_
--- old:
$2
--- new:
$3"
}
# settled WHAT OLD NEW: the checks after the next command.
settled() {
	local what=$1 all dm md l p
	assert_eq "$(suspended_any)" "" "$what: suspended devices"
	all=$(lvs_all)
	old_or_new "$@" "$all"
	# every LV of the metadata is in dm (all are active), and nothing else of rc
	md=$(cut -d'|' -f1 <<<"$all" | LC_ALL=C sort -u | sed 's/^/rc-/')
	dm=$(dm_names | grep '^rc-' | LC_ALL=C sort || true)
	assert_eq "$dm" "$md" "$what: dm devices of rc vs its LVs"
	while IFS='|' read -r l p _; do
		[[ $l =~ _r(image|meta)_ ]] || continue
		[ -n "$p" ] || die "$what: sub-LV $l has no parent (orphaned in the metadata)"
	done <<<"$all"
	run lvm vgck rc
	[ "$(vol lvs --noheadings -o segtype rc/r 2>/dev/null | tr -d ' ')" = linear ] ||
		wait_sync rc/r
	data_ok "$what"
}

finish() {
	check vgck_clean rc
	check --lvm vgck_clean rc
	run vol vgchange -an rc
	assert_eq "$(dm_names | grep '^rc-' || true)" "" "dm devices of rc at the end"
	run vol vgremove -y rc
	layers_remove
	section "done: $ncrash crashes"
	exit 0
}

fixers=("lvchange -ay rc/r" "vgchange -ay rc" "vgchange --addtag fixed rc" "vgchange --deltag fixed rc")
nfix=0 ncrash=0
# sample LIST: the points to crash at: all with ALL=1, else per commit
# round (#N): the first commit; in the first round also the last suspend,
# the last preload if it made new devices (more preloads than suspends),
# the first remove or else the last resume, the second activate.
sample() {
	if [ "$ALL" = 1 ]; then
		echo "$1"
		return
	fi
	awk '{ split($1, a, "#"); r = (a[2] == "" ? 1 : a[2]); split(a[1], s, ":")
		key = s[1] "#" r; order[NR] = $1; step[NR] = key; kind[NR] = s[1]; round[NR] = r
		if (!(key in first)) first[key] = NR; last[key] = NR; n[key]++ }
	END {
		for (i = 1; i <= NR; i++) {
			k = kind[i]; f = first[step[i]] == i; l = last[step[i]] == i
			noremove = !(("remove#" round[i]) in first)
			if (k == "commit" && f) print order[i]
			else if (round[i] > 1) continue
			else if (k == "resume" && l && noremove) print order[i]
			else if (k == "suspend" && l) print order[i]
			else if (k == "preload" && l && n[step[i]] > n["suspend#1"]) print order[i]
			else if (k == "remove" && f) print order[i]
			else if (k == "activate" && i == first[step[i]] + (n[step[i]] > 1)) print order[i]
		}
	}' <<<"$1"
}

# crash_each LABEL LEGS MIB CMD ARGS...: from rc/r in shape LEGS/MIB, CMD
# listed, then killed at each sampled point and resolved.
crash_each() {
	local label=$1 legs0=$2 mib=$3 old new list p fix
	shift 3
	section "$label"
	shape "$legs0" "$mib"
	old=$(layout)
	list=$(points "$@")
	[ -n "$list" ] || die "$label: no crash points listed"
	new=$(layout)
	note "$label: crashes at $(sample "$list" | tr '\n' ' ')"
	[ "$new" != "$old" ] || die "$label: the command changed nothing"
	echo "$label: ${list//$'\n'/ }"
	for p in $(sample "$list"); do
		shape "$legs0" "$mib"
		exits 99 crash "$p" "$@"
		ncrash=$((ncrash + 1))
		run vol lvs -a rc
		fix=${fixers[nfix++ % ${#fixers[@]}]}
		# shellcheck disable=SC2086
		run vol $fix
		settled "$label killed at $p, then $fix" "$old" "$new"
	done
}

if [ "$PART" = convert ]; then
	crash_each "lvconvert -m +1" "rp0 rp1" 8 lvconvert -y -m +1 rc/r "${P[2]}"
	crash_each "lvconvert -m -1" "rp0 rp1 rp2" 8 lvconvert -y -m -1 rc/r "${P[2]}"
	crash_each "lvconvert --replace" "rp0 rp1" 8 lvconvert -y --replace "${P[1]}" rc/r "${P[2]}"
	crash_each "lvconvert -m 0" "rp0 rp1" 8 lvconvert -y -m 0 rc/r
	crash_each "lvconvert --type raid1 -m 1 (linear)" lin 8 lvconvert -y --type raid1 -m 1 rc/r "${P[1]}"
	shape "rp0 rp1" 8
	finish
fi
crash_each "lvextend of an active raid1" "rp0 rp1" 8 lvextend -L 12M rc/r
crash_each "lvreduce of an active raid1" "rp0 rp1" 12 lvreduce -y -L 8M rc/r
shape "rp0 rp1" 8

# ---------------------------------------------------------------- lvcreate
section "lvcreate --type raid1"
old=$(layout)
list=$(points lvcreate -y -Zn --type raid1 -m 1 -L 4M -n c rc "${P[1]}" "${P[2]}")
new=$(layout)
echo "lvcreate: ${list//$'\n'/ }"
run vol lvremove -y rc/c
for p in $(sample "$list"); do
	exits 99 crash "$p" lvcreate -y -Zn --type raid1 -m 1 -L 4M -n c rc "${P[1]}" "${P[2]}"
	ncrash=$((ncrash + 1))
	run vol lvs -a rc
	run vol vgchange -ay rc
	settled "lvcreate killed at $p, then vgchange -ay" "$old" "$new"
	if vol lvs rc/c >/dev/null 2>&1; then
		wait_sync rc/c
		run vol lvremove -y rc/c
		assert_eq "$(dm_names | grep '^rc-c' || true)" "" "devices of rc/c after lvremove"
	fi
done

# ---------------------------------------------------------------- --repair
section "lvconvert --repair"
# broken I: leg I's PV fails and dm-raid sees it (a write)
broken() {
	fail_pv "$1"
	put_pattern "$T/pat" /dev/rc/r 1
	wait_status rc/r "^raid1 2 (AD|DA) "
}
# healed I: PV I back, its stale metadata rewritten, rc/r back on rp0 rp1
healed() {
	restore_pv "$1"
	run vol vgck --updatemetadata rc
	run vol lvchange --refresh rc/r
	shape "rp0 rp1" 8
}
broken 1
old=$(layout)
list=$(points lvconvert -y --repair rc/r "${P[2]}")
wait_sync rc/r
new=$(layout)
echo "lvconvert --repair: ${list//$'\n'/ }"
healed 1
base=$(layout)
for p in $(sample "$list"); do
	broken 1
	exits 99 crash "$p" lvconvert -y --repair rc/r "${P[2]}"
	ncrash=$((ncrash + 1))
	run vol lvs -a rc
	fix=${fixers[nfix++ % 2]}	# no commit while a PV is missing
	# shellcheck disable=SC2086
	run vol $fix
	what="lvconvert --repair killed at $p, then $fix"
	assert_eq "$(suspended_any)" "" "$what: suspended devices"
	old_or_new "$what" "$old" "$new"
	data_ok "$what (rp1 failed)"
	healed 1
	settled "$what, then rp1 back" "$base" "$base"
done

finish
