#!/usr/bin/env bash
# Crash consistency of the LV commands: lvcreate, lvremove, lvrename,
# lvextend, lvreduce, lvresize.  As tests/host/t-crash.sh does for PVs and
# VGs: build the initial state, save the device images, run the command
# once with VOLUME_CRASH_AT=list to learn its crash points ("crash point
# STEP:K") and its new state; then for every point restore the images, run
# it with VOLUME_CRASH_AT=STEP:K (the process dies there, exit 99) and check:
#   - the VG reads as exactly the old or exactly the new state (its seqno and
#     every LV with its segments and extents), never a mix, and lvm2 reads
#     the very same state (what lvm2 would recover to is what we show);
#   - before the first commit:K the old state, from it on the new one;
#   - our next command (an lvcreate) works on what was left, and then both
#     tools' vgck are clean (stale copies rewritten, *.tmp leftovers of the
#     backup files harmless).
. "$(dirname "$0")/lib.sh"

setup_loops 3 16M
D=("${DEVS[@]}")
save_images blank
vg=$(vgname c)
CRASH_VOLUME=$BUILD/tests/volume
[ -x "$CRASH_VOLUME" ] || die "$CRASH_VOLUME is missing: make $CRASH_VOLUME (make host builds it)"

# state TOOL: "seqno=N" and each LV's segments (name, size, type, stripes,
# PE ranges), sorted; "UNREADABLE" if TOOL cannot read the VG.
state() {
	local t=$1 seq lvs
	seq=$("$t" vgs --noheadings -o vg_seqno "$vg" 2>"$T/state.err" | tr -d ' ') || seq=""
	lvs=$("$t" lvs -a --segments --noheadings --units b --nosuffix --separator '|' \
		-o lv_name,lv_size,seg_start_pe,segtype,stripes,seg_pe_ranges,lv_attr "$vg" 2>>"$T/state.err" |
		sed 's/^ *//' | sort) || seq=""
	if [ -z "$seq" ]; then
		echo "UNREADABLE: $(lvm_stderr "$T/state.err" | head -n 3 | tr '\n' ' ')"
		return
	fi
	echo "seqno=$seq ${lvs//$'\n'/ ; }"
}

TABLE="$T/table"
COMBOS=0
printf '%-30s %-12s %-5s %s\n' COMMAND STEP STATE FOLLOW-UP >"$TABLE"

# crash_case LABEL SETUP CMD...: SETUP builds the initial state on blank devices.
crash_case() {
	local label=$1 setup=$2 step old new got theirs phase expect seen_new=0 steps
	shift 2
	restore_images blank
	"$setup"
	save_images "$label"
	old=$(state vol)
	[[ "$old" != UNREADABLE* ]] || die "$label: initial state unreadable: $old"
	assert_eq "$(state lvm)" "$old" "$label: lvm2 reads the initial state"

	VOLUME_CRASH_AT=list VOLUME=$CRASH_VOLUME run vol "$@"
	output >"$T/scratch.out"
	mapfile -t steps < <(crash_steps "$T/scratch.out")
	new=$(state vol)
	echo "== $label: $*"
	echo "   old: $old"
	echo "   new: $new"
	echo "   steps: ${steps[*]:-(none)}"
	[ "$old" != "$new" ] || die "$label: the command changed nothing"
	[ ${#steps[@]} -gt 0 ] || die "$label logs no crash points"
	assert_line "${steps[*]}" 'commit:0' "$label: crash points"

	for step in "${steps[@]}"; do
		restore_images "$label"
		VOLUME_CRASH_AT=$step VOLUME=$CRASH_VOLUME exits 99 vol "$@"
		got=$(state vol)
		if [ "$got" = "$old" ]; then
			phase=old
		elif [ "$got" = "$new" ]; then
			phase=new
		else
			die "$label crashed at $step reads as [$got]; old [$old], new [$new]"
		fi
		case $step in
		commit:*) expect=new ;;
		*) expect=old ;;
		esac
		[ "$phase" = "$expect" ] || die "$label crashed at $step reads as the $phase state, want $expect"
		[ "$phase" = old ] || seen_new=1
		[ "$phase" = new ] || [ $seen_new = 0 ] || die "$label at $step: back to the old state after a new one"
		theirs=$(state lvm)
		[ "$theirs" = "$got" ] || die "$label at $step: lvm2 reads [$theirs], we read [$got]"
		# The next command of ours works, and leaves both vgck clean.
		run vol lvcreate -an -l 1 -n followup "$vg"
		check --lvm lv_field "$vg/followup" lv_size $((1024 * 1024)) "$label at $step: the follow-up LV"
		check vgck_clean "$vg"
		check --lvm vgck_clean "$vg"
		printf '%-30s %-12s %-5s %s\n' "$label" "$step" "$phase" "lvcreate ok, vgck clean" >>"$TABLE"
		COMBOS=$((COMBOS + 1))
	done
}

# ---- initial states (1 MiB extents, 15 on each PV)
base() {
	run vol vgcreate -s 1m "$vg" "${D[@]}"
	run vol lvcreate -an -l 4 -n lin "$vg" "${D[0]}"
	run lvm lvcreate -an -Zn -i 2 -l 6 -n str "$vg" "${D[1]}" "${D[2]}"
	run vol lvcreate -an -l 3 -n two "$vg" "${D[0]}:10-11" "${D[2]}:14"
}

crash_case "lvcreate linear" base lvcreate -an -l 5 -n new "$vg"
crash_case "lvcreate striped, PVs" base lvcreate -an -i 2 -l 4 -n new "$vg" "${D[0]}" "${D[2]}"
crash_case "lvremove" base lvremove -y "$vg/str"
crash_case "lvremove two" base lvremove -y "$vg/lin" "$vg/two"
crash_case "lvrename" base lvrename "$vg" two three
crash_case "lvextend" base lvextend -l +6 "$vg/lin"
crash_case "lvextend striped" base lvextend -l +2 "$vg/str"
crash_case "lvreduce" base lvreduce -y -l -1 "$vg/two"
crash_case "lvresize" base lvresize -l 2 "$vg/str"

# A crash exits with the VG lock held, so its lock file stays (as with
# lvm2); drop those of our VG names that nobody holds.
for f in /run/lock/lvm/V_t*_t_lvcrash_$$*; do
	if [ -e "$f" ] && flock -n "$f" true; then rm -f "$f"; fi
done

echo
cat "$TABLE"
echo "lvcrash: $COMBOS command/step combinations checked"
