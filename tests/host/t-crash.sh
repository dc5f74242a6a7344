#!/usr/bin/env bash
# Crash consistency of every write command.  For each command: build its
# initial state, save the device images, run it once (VOLUME_CRASH_AT=list) to list its
# crash points ("crash point STEP:K") and to learn the new state; then for
# every step restore the images, run it with VOLUME_CRASH_AT=STEP (exit 99)
# and check that the VGs read as exactly the old or exactly the new state
# (both tools agreeing), and that a following normal command works.
# Before any commit the old state must show; from the first commit:K on,
# the new one.
. "$(dirname "$0")/lib.sh"

setup_loops 4 16M
D=("${DEVS[@]}")
save_images blank

KNOWN=""	# UUIDs that exist in the initial state; others print as "new"
STATE_PVS=0	# 1: orphan PVs are part of the state (pvcreate)

# vg_state: every VG in scope as "name uuid seqno=N tags=... extents=E
# pvs=..." (tags and PV UUIDs sorted, unknown UUIDs as "new"), or "none".
# Also leaves "name uuid seqno tags" per VG, unnormalized, in $T/st.raw.
vg_state() { vg_state_lines | paste -sd ' ' -; }
vg_state_lines() {
	local rc=0
	vol vgs --reportformat json -o vg_name,vg_uuid,vg_seqno,vg_tags,vg_extent_count \
		>"$T/st.vgs" 2>"$T/st.err" || rc=$?
	vol pvs --reportformat json -o pv_uuid,vg_name >"$T/st.pvs" 2>>"$T/st.err" || rc=$?
	if [ $rc -ne 0 ]; then
		echo "UNREADABLE(exit $rc)"
		return
	fi
	jq -r '.report[0].vg[] | "\(.vg_name) \(.vg_uuid) \(.vg_seqno) \(.vg_tags | split(",") | sort | join(","))"' \
		"$T/st.vgs" | sort >"$T/st.raw"
	jq -r --slurpfile p "$T/st.pvs" --arg known "$KNOWN" '
		($known | split(" ")) as $k
		| def norm: . as $u | if any($k[]; . == $u) then $u else "new" end;
		[.report[0].vg[] | . as $v
		 | "\(.vg_name) \(.vg_uuid | norm) seqno=\(.vg_seqno) tags=\(.vg_tags | split(",") | sort | join(","))"
		   + " extents=\(.vg_extent_count) pvs="
		   + ([$p[0].report[0].pv[] | select(.vg_name == $v.vg_name) | .pv_uuid | norm] | sort | join(","))]
		| sort | if length == 0 then "none" else join(" | ") end' "$T/st.vgs"
	# For pvcreate the orphan PVs are the state.
	if [ "$STATE_PVS" = 1 ]; then
		jq -r --arg known "$KNOWN" '($known | split(" ")) as $k
			| "orphans=" + ([.report[0].pv[] | select(.vg_name == "") | .pv_uuid
			   | . as $u | if any($k[]; . == $u) then $u else "new" end] | sort | join(","))' "$T/st.pvs"
	fi
}

# lvm_state: lvm2's "name uuid seqno tags" for the VGs we see (asked by
# name: after a crash inside vgrename lvm2 lists the VG under the old name,
# with "duplicate VGID" warnings, yet reads the new name fine), then lvm2's
# list of every VG UUID it finds, which must match ours.  lvm2's warnings go
# to $T/lvm.err.
lvm_state() {
	local names
	mapfile -t names < <(awk '{ print $1 }' "$T/st.raw")
	if [ ${#names[@]} -gt 0 ]; then
		lvm vgs --reportformat json -o vg_name,vg_uuid,vg_seqno,vg_tags "${names[@]}" 2>"$T/lvm.err" |
			grep -v '^ *[A-Za-z]' |
			jq -r '.report[0].vg[] | "\(.vg_name) \(.vg_uuid) \(.vg_seqno) \(.vg_tags | split(",") | sort | join(","))"' |
			sort
	else
		: >"$T/lvm.err"
	fi
	# Its exit code may tell of the crash's leftovers: the UUIDs are compared.
	lvm vgs --reportformat json -o vg_uuid 2>>"$T/lvm.err" >"$T/lvm.all" || true
	echo "uuids: $(grep -v '^ *[A-Za-z]' "$T/lvm.all" | jq -r '.report[0].vg[].vg_uuid' | sort -u | tr '\n' ' ')"
}
# known_uuids: every PV and VG UUID on the devices now.
known_uuids() {
	{
		vol pvs --noheadings -o pv_uuid
		vol vgs --noheadings -o vg_uuid
	} | tr -d ' ' | tr '\n' ' '
}

# follow_up DEV...: a normal command on the state left behind: --addtag on
# every VG, or a vgcreate on DEVs if there is no VG.  Both tools must then
# agree.  Prints what it did.
follow_up() {
	local name seq n=0 tie
	while read -r name _ seq _; do
		n=$((n + 1))
		# Copies that tie on seqno with other contents (vgcfgrestore cut
		# short): a write leaves those areas alone, as lvm2's does, and
		# they read as stale until vgck --updatemetadata rewrites them.
		run vol vgck "$name"
		tie=$(output | grep -c "differs from .* at the same seqno" || true)
		run vol vgchange --addtag followup "$name"
		check vg_field "$name" vg_seqno $((seq + 1)) "after the follow-up"
		check --lvm vg_field "$name" vg_seqno $((seq + 1)) "after the follow-up"
		if [ "$tie" -gt 0 ]; then
			run lvm vgck "$name"
			assert_line "$(output)" "ignoring metadata seqno $seq on " "lvm2 on the copies left alone"
			run vol vgck --updatemetadata "$name"
			echo "(tied copies left stale, then vgck --updatemetadata)" >&2
		fi
	done <"$T/st.raw"
	if [ $n -gt 0 ]; then
		after_check "$(awk '{ print $1 }' "$T/st.raw")" >&2
		echo "addtag ok"
		return
	fi
	name=$(vgname follow)
	# A crash between a new PV's label and the metadata leaves it marked
	# used with no VG, as lvm2 would: reusing it takes -ff.
	run vol vgcreate -ff -y "$name" "$@"
	check --lvm vg_field "$name" vg_seqno 1 "lvm2 reads the follow-up VG"
	after_check "$name" >&2
	echo "vgcreate ok"
}

# after_check VG...: a write command must leave things clean (stale or
# outdated copies rewritten), so both tools' vgck are clean after it.
after_check() {
	local v
	for v in $1; do
		check vgck_clean "$v"
		check --lvm vgck_clean "$v"
	done
}

TABLE="$T/table"
COMBOS=0
printf '%-26s %-12s %-5s %s\n' COMMAND STEP STATE FOLLOW-UP >"$TABLE"

# crash_case LABEL SETUP FOLLOWDEVS -- CMD...: SETUP is a function that
# builds the initial state on blank devices (it may set CMD).
crash_case() {
	local label=$1 setup=$2 follow_devs=() step rc old new got raw lvm expect phase fu note seqtie seen_new=0
	shift 2
	while [ "$1" != "--" ]; do follow_devs+=("$1"); shift; done
	shift
	restore_images blank
	CMD=("$@")
	"$setup"
	KNOWN=$(known_uuids)
	save_images "$label"
	fingerprint >"$T/fp.ref"
	old=$(vg_state)
	[[ "$old" != UNREADABLE* ]] || die "$label: initial state unreadable"

	# The scratch run: steps and new state.
	VOLUME_CRASH_AT=list VOLUME=$BUILD/tests/volume run vol "${CMD[@]}"
	output >"$T/scratch.out"
	mapfile -t steps < <(crash_steps "$T/scratch.out")
	new=$(vg_state)
	echo "== $label: ${CMD[*]}"
	echo "   old: $old"
	echo "   new: $new"
	echo "   steps: ${steps[*]:-(none)}"
	[ "$old" != "$new" ] || die "$label: the command changed nothing"
	seqtie=0
	if [[ "$old" == *seqno=* ]] && [ "$(grep -o 'seqno=[0-9]*' <<<"$old")" = "$(grep -o 'seqno=[0-9]*' <<<"$new")" ]; then
		seqtie=1
		echo "   note: old and new states have the same seqno"
	fi

	if [ ${#steps[@]} -eq 0 ]; then
		[ "$label" = pvcreate ] || die "$label logs no crash points"
		# No steps: a crash point that is never reached must not fire.
		restore_images "$label"
		VOLUME_CRASH_AT=label:0 VOLUME=$BUILD/tests/volume run vol "${CMD[@]}"
		assert_eq "$(vg_state)" "$new" "$label: state with an unreached crash point"
		printf '%-26s %-12s %-5s %s\n' "$label" "(none)" new "-" >>"$TABLE"
		COMBOS=$((COMBOS + 1))
		return
	fi

	for step in "${steps[@]}"; do
		restore_images "$label"
		fingerprint >"$T/fp.now"
		cmp -s "$T/fp.now" "$T/fp.ref" || die "$label: restoring the images did not work"
		VOLUME_CRASH_AT=$step VOLUME=$BUILD/tests/volume exits 99 vol "${CMD[@]}"
		got=$(vg_state)
		if [ "$got" = "$old" ]; then
			phase=old
		elif [ "$got" = "$new" ]; then
			phase=new
		else
			cat "$T/st.err" >&2
			die "$label crashed at $step reads as [$got]; old [$old], new [$new]"
		fi
		case $step in
		label:* | text:* | precommit:*) expect=old ;;
		commit:*) expect=new ;;
		*) expect=$phase ;;
		esac
		# vgcfgrestore writes the archive's seqno + 1, which may equal the
		# current one (lvm2 does the same): copies then tie on seqno and
		# either may win.
		[ "$seqtie" = 0 ] || expect=$phase
		[ "$phase" = "$expect" ] || die "$label crashed at $step reads as the $phase state, want $expect"
		if [ "$phase" = new ]; then
			seen_new=1
		elif [ $seen_new -eq 1 ]; then
			die "$label at $step: back to the old state after a new one"
		fi
		raw=$(cat "$T/st.raw"; echo "uuids: $(awk '{ print $2 }' "$T/st.raw" | sort -u | tr '\n' ' ')")
		lvm=$(lvm_state)
		[ "$lvm" = "$raw" ] || die "$label at $step: lvm2 reads [$lvm], we read [$raw]"
		note=""
		[ -z "$(lvm_warnings "$T/lvm.err")" ] ||
			note=" (lvm2 warned: $(lvm_warnings "$T/lvm.err" | sort -u | head -n 1 | cut -c12-70)...)"
		fu=$(follow_up "${follow_devs[@]}")
		printf '%-26s %-12s %-5s %s\n' "$label" "$step" "$phase" "$fu$note" >>"$TABLE"
		COMBOS=$((COMBOS + 1))
	done
}

# ---- the initial states
V=""
init_none() { :; }
init_orphan() { run vol pvcreate "${D[0]}"; }
init_vg2() { run vol vgcreate "$V" "${D[0]}" "${D[1]}"; }
init_vg3() { run vol vgcreate "$V" "${D[0]}" "${D[1]}" "${D[2]}"; }
init_tagged() {
	init_vg3
	run vol vgchange --addtag a "$V"
}
init_stale() {
	init_vg3
	VOLUME_CRASH_AT=commit:0 VOLUME=$BUILD/tests/volume exits 99 vol vgchange --addtag s "$V"	# a stale copy
}
init_archived() {
	init_vg3
	run vol vgchange --addtag a "$V"
	run vol vgchange --addtag b "$V"
	# The archive made before "--addtag b": seqno 2, tag a only.
	ARCHIVE=$(ls "$T/archive/${V}"_*.vg | sort | tail -n 1)
	assert_line "$(cat "$ARCHIVE")" '^[[:space:]]*seqno = 2$' "archive $ARCHIVE"
	CMD=(vgcfgrestore -f "$ARCHIVE" "$V")
}

V=$(vgname pvc)
STATE_PVS=1
crash_case pvcreate init_none "${D[0]}" -- pvcreate "${D[0]}"
STATE_PVS=0
V=$(vgname c1)
crash_case "vgcreate new" init_none "${D[0]}" -- vgcreate "$V" "${D[0]}"
V=$(vgname c2)
crash_case "vgcreate orphan+new" init_orphan "${D[0]}" "${D[1]}" -- vgcreate "$V" "${D[0]}" "${D[1]}"
V=$(vgname ext)
crash_case "vgextend new" init_vg2 "${D[0]}" "${D[1]}" "${D[2]}" -- vgextend "$V" "${D[2]}"
V=$(vgname red)
crash_case vgreduce init_vg3 "${D[@]:0:3}" -- vgreduce "$V" "${D[1]}"
V=$(vgname rm)
crash_case vgremove init_vg3 "${D[@]:0:3}" -- vgremove "$V"
V=$(vgname ren)
crash_case vgrename init_vg3 "${D[@]:0:3}" -- vgrename "$V" "${V}_new"
V=$(vgname tag)
crash_case "vgchange --addtag" init_tagged "${D[@]:0:3}" -- vgchange --addtag b "$V"
V=$(vgname ck)
crash_case "vgck --updatemetadata" init_stale "${D[@]:0:3}" -- vgck --updatemetadata "$V"
V=$(vgname rst)
crash_case vgcfgrestore init_archived "${D[@]:0:3}" -- vgcfgrestore -f ARCHIVE "$V"
V=$(vgname rsz)
crash_case "pvresize (in VG)" init_vg3 "${D[@]:0:3}" -- pvresize -y --setphysicalvolumesize 12m "${D[1]}"

# A crash exits with the VG lock held, so its lock file stays (as with
# lvm2); drop those of our VG names that nobody holds.
for f in /run/lock/lvm/V_t*_t_crash_$$*; do
	if [ -e "$f" ] && flock -n "$f" true; then rm -f "$f"; fi
done

echo
cat "$TABLE"
echo "crash: $COMBOS command/step combinations checked"
