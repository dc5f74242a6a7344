#!/usr/bin/env bash
# lvm2's devices file (issue 6 §3), with lvm2 2.03.16 as the oracle in the
# same test.  Both tools read $LVM_SYSTEM_DIR/lvm.conf of a private system
# directory with devices/use_devicesfile=1 and a devices file of our own
# name that lists some of the test's loops, and run WITHOUT --devices: the
# devices file alone restricts what they scan (it lists only our loops, so
# neither tool reads another device).  Wherever a step could reach beyond
# our loops (no devices file), a --devices list or a filter restricts it.
#
# For each situation both tools run the same command from the same bytes
# (images and devices file restored between the runs): exit codes, the
# devices file entries (PVIDs compared with the label on the disk) and
# VERSION must agree.  The facts are in /work/notes/devfile-facts.md.
#
# lvm2's search for renamed devname entries (search_for_devnames) is
# switched off here ("none"): libvolume does not search (lvm2's default
# "auto" would not search a loop device either, but would read the host's
# other devices that have no stable ID, and mark the search in
# /run/lvm/searched_devnames, which this test must not touch).
# Checks are soft (tests/lib/common.sh): every failure is listed, then the test fails.
. "$(dirname "$0")/lib.sh"

setup_loops 7 16M

SYS=$T/sys
DFNAME="t-devfile-$$.devices"
DF=$SYS/devices/$DFNAME
LOCK=/run/lock/lvm/D_$DFNAME
OTHER="t-devfile-$$-other.devices"
export LVM_SYSTEM_DIR=$SYS
devicesfile_sysdir "$SYS" "$DFNAME"

# Our lock files in /run/lock/lvm go with the test (lvm2 never removes them).
devfile_cleanup() {
	local rc=$?
	rm -f "$LOCK" "/run/lock/lvm/D_$OTHER" /run/lock/lvm/D_t-devfile-$$-*.devices
	(exit $rc)
	cleanup
}
trap devfile_cleanup EXIT

# Both tools without --devices: the devices file decides.  (The harness's
# get/check/rows use these.)
vol() { "$VOLUME" "$@"; }
lvm() { command lvm "$@"; }

L=("${DEVS[@]}")
vg1=$(vgname 1) vg2=$(vgname 2) vgn=$(vgname n)

# ---------------------------------------------------------------- helpers

# disk_pvid DEV: the PV UUID in DEV's label (sector 1), or "." if it has none.
disk_pvid() {
	dd if="$1" of="$T/lab.bin" bs=512 skip=1 count=1 iflag=direct status=none
	if [ "$(head -c 8 "$T/lab.bin" | tr -d '\0')" = LABELONE ]; then
		dd if="$T/lab.bin" bs=1 skip=32 count=32 status=none
	else
		echo .
	fi
}
# entries [FILE]: the entry lines of a devices file (default ours), a PVID
# that is the one on the disk of the entry's DEVNAME shown as PVID=disk;
# "no file" if there is none.  Then its VERSION line.
entries() {
	local f=${1:-$DF} line dev pvid
	[ -e "$f" ] || { echo "no file"; return 0; }
	while read -r line; do
		dev=$(sed -n 's/.* DEVNAME=\([^ ]*\).*/\1/p' <<<"$line")
		pvid=$(sed -n 's/.* PVID=\([^ ]*\).*/\1/p' <<<"$line")
		if [ "$pvid" != . ] && [ -b "$dev" ] && [ "$(disk_pvid "$dev")" = "$pvid" ]; then
			line=${line/PVID=$pvid/PVID=disk}
		fi
		echo "$line"
	done < <(grep '^IDTYPE=' "$f" || true)
	[ -n "${NOVERSION:-}" ] || grep '^VERSION=' "$f" || echo "no VERSION"
}
# save_state TAG / restore_state TAG: the images and every devices file.
save_state() {
	save_images "$1"
	rm -rf "$T/df.$1"
	cp -a "$SYS/devices" "$T/df.$1"
}
restore_state() {
	restore_images "$1"
	rm -rf "$SYS/devices"
	cp -a "$T/df.$1" "$SYS/devices"
}
# run_tool TOOL ARGS...: output in $T/run.out, exit code in $T/run.rc.
run_tool() {
	local rc=0
	"$@" </dev/null >"$T/run.out" 2>&1 || rc=$?
	echo $rc >"$T/run.rc"
}
# both TAG [--file F] CMD ARGS...: from state TAG, lvm2 then we run CMD ARGS.
# Exit codes, the entries and VERSION of the devices file (F, default ours)
# must agree.  Our run's result stays; lvm2's output is in $T/lvm.out, ours
# in $T/vol.out, lvm2's entries in $T/lvm.entries.
both() {
	local tag=$1 f=$DF rc_l rc_o
	shift
	if [ "$1" = --file ]; then f=$2; shift 2; fi
	restore_state "$tag"
	run_tool lvm "$@"
	rc_l=$(cat "$T/run.rc")
	lvm_stderr "$T/run.out" >"$T/lvm.out"
	entries "$f" >"$T/lvm.entries"
	restore_state "$tag"
	run_tool vol "$@"
	rc_o=$(cat "$T/run.rc")
	cp "$T/run.out" "$T/vol.out"
	assert_eq "$rc_o" "$rc_l" "exit code of $* (ours vs lvm2); ours said: $(head -c 400 "$T/vol.out")"
	assert_eq "$(entries "$f")" "$(cat "$T/lvm.entries")" "devices file after $* (ours vs lvm2)"
}
# says FILE TEXT: FILE has a line with TEXT.
says() { grep -qF -- "$2" "$1" || die "no [$2] in: $(head -c 600 "$1")"; }
# same_says TEXT: both tools' last outputs (of both) have TEXT.
same_says() {
	says "$T/lvm.out" "$1"
	says "$T/vol.out" "$1"
}
# pv_names TOOL ARGS...: the sorted PV names a pvs lists.
pv_names() {
	local tool=$1
	shift
	"$tool" pvs --noheadings -o pv_name "$@" 2>/dev/null | { grep -v '^ *[A-Z]' || true; } | tr -d ' ' | sort
}
same_pvs() {
	assert_eq "$(pv_names vol "$@")" "$(pv_names lvm "$@")" "pvs $* (ours vs lvm2)"
}
# renumber I: re-attaches the image of L[I] to another loop device.  The
# old number goes to a blank image of ours at once (so the old name names a
# device that is not the PV, and no other test's); L, LOOPS, DEVS follow.
renumber() {
	local i=$1 old=${L[$1]} img new k blank
	img=$(losetup -nO BACK-FILE "$old")
	blank="$T/disk${#LOOPS[@]}.img"
	truncate -s 16M "$blank"
	losetup -d "$old"
	if losetup "$old" "$blank" 2>/dev/null; then
		track_loop "$old"
		LOOPS+=("$old")
	else
		note "loop number $old was taken by someone else meanwhile"
	fi
	new=$(losetup -f --show "$img")
	track_loop "$new"
	for k in "${!LOOPS[@]}"; do [ "${LOOPS[$k]}" != "$old" ] || [ "$k" = $((${#LOOPS[@]} - 1)) ] || LOOPS[$k]=$new; done
	for k in "${!DEVS[@]}"; do [ "${DEVS[$k]}" != "$old" ] || DEVS[$k]=$new; done
	L[$i]=$new
	DEVLIST=$(IFS=,; echo "${LOOPS[*]}")
}

# ---------------------------------------------------------------- setup
# L0 orphan PV, listed     L1 PV of vg1, listed      L2 orphan PV, not listed
# L3 blank, not listed     L4 blank, listed          L5 PV of vg2, not listed
# L6 spare (blank, not listed)
echo "== setup"
run lvm pvcreate --devicesfile "" --devices "$DEVLIST" -y "${L[0]}" "${L[1]}" "${L[2]}" "${L[5]}"
run lvm vgcreate --devicesfile "" --devices "$DEVLIST" "$vg1" "${L[1]}"
run lvm vgcreate --devicesfile "" --devices "$DEVLIST" "$vg2" "${L[5]}"
for i in 0 1 4; do run lvm lvmdevices --adddev "${L[$i]}"; done
assert_line "$(cat "$DF")" "^IDTYPE=loop_file IDNAME=$T/disk0.img DEVNAME=${L[0]} PVID=$(disk_pvid "${L[0]}")\$" \
	"lvm2's entry for a loop device"
assert_line "$(cat "$DF")" '^VERSION=1\.1\.3$' "VERSION after three writes"
save_state s0
entries >"$T/s0.entries"

# ---------------------------------------------------------------- scope
echo "== only the listed devices are seen"
soft same_pvs
soft assert_eq "$(pv_names vol)" "$(printf '%s\n' "${L[0]}" "${L[1]}" | sort)" "our pvs"
soft assert_eq "$(vol vgs --noheadings -o vg_name 2>/dev/null | tr -d ' ')" "$vg1" "our vgs"
hidden() {
	local cmd=$1 before
	shift
	restore_state s0
	before=$(fingerprint)
	both s0 "$cmd" "$@"
	assert_eq "$(cat "$T/run.rc")" 5 "exit code of $cmd $*"
	same_says "Cannot use ${L[2]}: device is not in devices file"
	assert_eq "$(fingerprint)" "$before" "devices after $cmd $*"
}
soft hidden pvs "${L[2]}"
soft hidden pvdisplay "${L[2]}"
soft hidden pvremove -y "${L[2]}"
hidden_vg() {
	both s0 vgs "$vg2"
	assert_eq "$(cat "$T/run.rc")" 5 "exit code of vgs of a VG whose PVs are not listed"
}
soft hidden_vg

echo "== the filters are ignored while a devices file is used"
filters_ignored() {
	both s0 pvs --noheadings -o pv_name --config 'devices{global_filter=["r|.*|"] filter=["r|.*|"]}'
	assert_eq "$(grep -c '^ */dev/' "$T/vol.out")" 2 "PVs our pvs lists despite the filters"
	same_says "Please remove the lvm.conf global_filter, it is ignored with the devices file."
	same_says "Please remove the lvm.conf filter, it is ignored with the devices file."
}
soft filters_ignored

echo "== an empty devices file: no device"
empty_file() {
	restore_state s0
	: >"$SYS/devices/empty.devices"
	save_state empty
	both empty pvs --devicesfile empty.devices
	assert_eq "$(grep -c '/dev/' "$T/vol.out" || true)" 0 "our pvs with an empty devices file"
	both empty pvs --devicesfile empty.devices "${L[0]}"
	assert_eq "$(cat "$T/run.rc")" 5 "pvs of a device an empty devices file does not list"
	same_says "Cannot use ${L[0]}: device is not in devices file"
}
soft empty_file

echo "== another host's devices file"
systemid() {
	restore_state s0
	sed -i '/^VERSION=/i SYSTEMID=otherhost' "$DF"
	save_state sysid
	both sysid pvs
	same_says "WARNING: devices file has unmatching system id otherhost vs local none."
	same_pvs
}
soft systemid

# ---------------------------------------------------------------- options
echo "== --devicesfile and --devices"
options() {
	restore_state s0
	invalid vol pvs --devicesfile "a/b"
	assert_has "$(err)" "Invalid devices file name."
	invalid lvm pvs --devicesfile "a/b"
	invalid vol pvs --devicesfile ".."
	invalid lvm pvs --devicesfile ".."
	invalid vol pvs --devicesfile "$DFNAME" --devices "${L[0]}"
	assert_has "$(err)" "A --devices list cannot be used with --devicesfile."
	invalid lvm pvs --devicesfile "$DFNAME" --devices "${L[0]}"
	# --devicesfile "" (none) with a --devices list; --devices alone overrides the file.
	same_pvs --devicesfile "" --devices "${L[2]},${L[5]}"
	assert_eq "$(pv_names vol --devicesfile "" --devices "${L[2]},${L[5]}")" \
		"$(printf '%s\n' "${L[2]}" "${L[5]}" | sort)" "pvs --devicesfile \"\" --devices"
	same_pvs --devices "${L[2]},${L[3]}"
	assert_eq "$(pv_names vol --devices "${L[2]},${L[3]}")" "${L[2]}" "pvs --devices over the file"
	# A devices file that does not exist: none (every device, filtered: here only L2 and L0).
	local f="devices{global_filter=[\"a|^${L[2]}\$|\",\"a|^${L[0]}\$|\",\"r|.*|\"]}"
	same_pvs --devicesfile nosuch.devices --config "$f"
	assert_eq "$(pv_names vol --devicesfile nosuch.devices --config "$f")" \
		"$(printf '%s\n' "${L[0]}" "${L[2]}" | sort)" "pvs with a devices file that does not exist"
	# use_devicesfile=0, and the file named on the command line anyway.
	same_pvs --config 'devices{use_devicesfile=0}' --devicesfile "$DFNAME"
	assert_eq "$(pv_names vol --config 'devices{use_devicesfile=0}' --devicesfile "$DFNAME")" \
		"$(printf '%s\n' "${L[0]}" "${L[1]}" | sort)" "--devicesfile over use_devicesfile=0"
}
soft options

echo "== --devices: the devices file is neither read nor written"
devices_override() {
	local sum
	restore_state s0
	sum=$(sha256sum <"$DF")
	both s0 pvcreate -y --devices "${L[3]}" "${L[3]}"
	assert_eq "$(sha256sum <"$DF")" "$sum" "the devices file after pvcreate --devices"
}
soft devices_override

# ---------------------------------------------------------------- edits
echo "== pvcreate, vgcreate, vgextend add entries; pvremove clears the PVID"
edit() {
	both s0 "$@"
	assert_eq "$(cat "$T/run.rc")" 0 "exit code of $*"
}
soft edit pvcreate -y "${L[3]}"
soft edit pvcreate -y "${L[4]}"
# Deliberate difference: our pvcreate writes the file once per PV, lvm2
# once per command, so VERSION counts more writes here.
NOVERSION=1 soft edit pvcreate -y "${L[3]}" "${L[4]}" "${L[6]}"
soft edit vgcreate -y "$vgn" "${L[2]}" "${L[3]}" "${L[0]}"
soft edit vgextend -y "$vg1" "${L[2]}" "${L[3]}"
soft edit pvremove -y "${L[0]}"
refused_edit() {
	both s0 "$@"
	assert_eq "$(cat "$T/run.rc")" 5 "exit code of $*"
	assert_eq "$(entries)" "$(cat "$T/s0.entries")" "devices file after $*"
}
# A PV of a VG the file hides is still what it is: refused.
soft refused_edit pvcreate -y "${L[5]}"
soft refused_edit vgextend -y "$vg1" "${L[5]}"
unchanged() {
	local sum
	restore_state s0
	sum=$(sha256sum <"$DF")
	run vol "$@"
	assert_eq "$(sha256sum <"$DF")" "$sum" "the devices file after $*"
}
soft unchanged vgremove -y "$vg1"
soft unchanged pvcreate -t -y "${L[3]}"
soft unchanged vgcreate -t -y "$vgn" "${L[3]}"
reduce_keeps() {
	local sum
	restore_state s0
	run vol vgextend -y "$vg1" "${L[0]}"
	sum=$(sha256sum <"$DF")
	run vol vgreduce "$vg1" "${L[0]}"
	assert_eq "$(sha256sum <"$DF")" "$sum" "the devices file after vgreduce"
}
soft reduce_keeps

echo "== a PV one tool creates, the other sees"
interop() {
	restore_state s0
	run vol pvcreate -y "${L[3]}"
	check --lvm pv_field "${L[3]}" pv_uuid "$(get pv_field "${L[3]}" pv_uuid)" "our new PV, seen by lvm2"
	run vol vgcreate -y "$vgn" "${L[3]}" "${L[6]}"
	check --lvm vg_field "$vgn" pv_count 2 "our new VG, seen by lvm2"
	check --lvm vgck_clean "$vgn"
	restore_state s0
	run lvm pvcreate -y "${L[3]}"
	check pv_field "${L[3]}" pv_uuid "$(get --lvm pv_field "${L[3]}" pv_uuid)" "lvm2's new PV, seen by us"
	run lvm vgextend -y "$vg1" "${L[6]}"
	check vg_field "$vg1" pv_count 2 "lvm2's vgextend, seen by us"
	check vgck_clean "$vg1"
}
soft interop

echo "== --devicesfile NAME: pvcreate and vgcreate make a missing file"
other_file() {
	restore_state s0
	save_state s0b
	both s0b --file "$SYS/devices/$OTHER" pvcreate -y --devicesfile "$OTHER" "${L[3]}"
	assert_eq "$(grep -c '^IDTYPE=' "$SYS/devices/$OTHER")" 1 "entries of the new file"
	assert_eq "$(pv_names vol --devicesfile "$OTHER")" "${L[3]}" "pvs --devicesfile $OTHER"
	soft same_pvs --devicesfile "$OTHER"
	both s0b --file "$SYS/devices/$OTHER" vgextend -y --devicesfile "$OTHER" "$vg1" "${L[3]}"
	assert_eq "$(entries "$SYS/devices/$OTHER")" "no file" "vgextend makes no devices file"
}
soft other_file

echo "== the system devices file missing: made by pvcreate/vgcreate if no VG is seen"
missing_file() {
	local only4="devices{global_filter=[\"a|^${L[4]}\$|\",\"r|.*|\"]}"
	local with1="devices{global_filter=[\"a|^${L[4]}\$|\",\"a|^${L[1]}\$|\",\"r|.*|\"]}"
	restore_state s0
	rm -f "$DF"
	save_state nofile
	both nofile pvcreate -y --config "$only4" "${L[4]}"
	same_says "Creating devices file $DF"
	assert_eq "$(grep -c '^IDTYPE=' "$DF")" 1 "entries of the new file"
	both nofile pvcreate -y --config "$with1" "${L[4]}"
	same_says "Not creating system devices file due to existing VGs."
	assert_eq "$(entries)" "no file" "after pvcreate with a VG in sight"
	both nofile vgcreate -y --config "$only4" "$vgn" "${L[4]}"
	same_says "Creating devices file $DF"
}
soft missing_file

echo "== the file is written whole: no temporary left, mode 0600"
written_whole() {
	restore_state s0
	run vol pvcreate -y "${L[3]}"
	[ ! -e "${DF}_new" ] || die "${DF}_new left behind"
	assert_eq "$(stat -c %a "$DF")" 600 "mode of the devices file"
	assert_eq "$(grep -c '^VERSION=' "$DF")" 1 "VERSION lines"
}
soft written_whole

# ---------------------------------------------------------------- locking
echo "== lvm2's lock: /run/lock/lvm/D_<name>"
locking() {
	local t0 t1
	restore_state s0
	touch "$LOCK"
	# Held exclusively (as lvm2's pvcreate holds it): our read waits for it.
	flock -x "$LOCK" sleep 2 &
	sleep 0.3
	t0=$(date +%s%N)
	run vol pvs
	t1=$(date +%s%N)
	wait
	[ $(((t1 - t0) / 1000000)) -ge 1200 ] || die "our pvs did not wait for the exclusive lock ($(((t1 - t0) / 1000000)) ms)"
	# Held shared (as lvm2's readers hold it): our read goes on, our pvcreate waits.
	flock -s "$LOCK" sleep 2 &
	sleep 0.3
	t0=$(date +%s%N)
	run vol pvs
	t1=$(date +%s%N)
	[ $(((t1 - t0) / 1000000)) -lt 1200 ] || die "our pvs waited for a shared lock ($(((t1 - t0) / 1000000)) ms)"
	t0=$(date +%s%N)
	run vol pvcreate -y "${L[3]}"
	t1=$(date +%s%N)
	wait
	[ $(((t1 - t0) / 1000000)) -ge 1000 ] || die "our pvcreate did not wait for the shared lock ($(((t1 - t0) / 1000000)) ms)"
	assert_eq "$(sed -n 's/^VERSION=//p' "$DF")" 1.1.4 "VERSION after our pvcreate"
}
soft locking

# ---------------------------------------------------------------- renamed devices
echo "== a loop_file entry whose loop was renumbered"
renamed_loop() {
	local old=${L[1]}
	restore_state s0
	renumber 1
	save_state ren1
	both ren1 pvs
	same_says "Device ${L[1]} has updated name (devices file $old)"
	assert_has "$(entries)" "IDNAME=$T/disk1.img DEVNAME=${L[1]} PVID=disk" "the entry after pvs"
	soft same_pvs
	check vg_field "$vg1" pv_count 1 "vg1 on the renumbered loop"
}
soft renamed_loop

echo "== a devname entry whose name now names another device"
renamed_devname() {
	local old=${L[0]} pvid
	restore_state s0
	pvid=$(disk_pvid "$old")
	sed -i "s|^IDTYPE=loop_file IDNAME=$T/disk0.img |IDTYPE=devname IDNAME=$old |" "$DF"
	save_state dn0
	both dn0 pvs
	assert_eq "$(cat "$T/run.rc")" 0 "pvs with the devname entry"
	renumber 0
	save_state dn1
	both dn1 pvs
	if [ -b "$old" ] && [ "$(disk_pvid "$old")" = . ]; then
		same_says "Devices file PVID $pvid not found on device $old."
		assert_has "$(entries)" "IDTYPE=devname IDNAME=. DEVNAME=$old PVID=$pvid" "the entry after pvs"
	else
		note "$old is not our blank placeholder: only the tools' agreement is checked"
	fi
	soft same_pvs
	# The next command: the entry names no device.
	save_state dn2
	both dn2 pvs
	same_says "Devices file PVID $pvid last seen on $old not found."
	# The renamed PV is not in the file: both tools refuse it by name.
	both dn2 pvs "${L[0]}"
	assert_eq "$(cat "$T/run.rc")" 5 "pvs of the renamed devname PV"
}
soft renamed_devname

echo "t-devfile: done"
