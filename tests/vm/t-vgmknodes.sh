#!/usr/bin/env bash
# vgmknodes, ours against lvm2's in the same guest: with active LVs (linear,
# raid1 and its hidden sub-LVs, one made by lvm2) and an inactive one,
# /dev/mapper nodes and /dev/VG/LV links are removed, made wrong or left
# stale; after vgmknodes every dm device has its node with its major:minor
# (mode and owner as libdevmapper makes them), every active visible LV its link, an inactive LV none
# (a stale link goes, and the VG folder once empty), a node of no device
# goes, tables stay as they are, and /dev is what lvm2's vgmknodes leaves, byte
# for byte; lvm2's messages and exit codes for what vgmknodes refuses.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_disks 2
a=$(disk 0) b=$(disk 1)
run vol pvcreate -q "$a" "$b"
run vol vgcreate -q vk "$a" "$b"
run vol lvcreate -q -an -L 8M -n lin vk
run vol lvcreate -q -an -y --type raid1 -m 1 --nosync -L 8M -n r1 vk
run vol lvcreate -q -an -L 4M -n off vk
run lvm lvcreate -q -an -Zn -L 4M -n theirs vk
for lv in lin r1; do run vol lvchange -ay "vk/$lv"; done
run lvm lvchange -ay vk/theirs

# kernel: the VG's dm devices as "NAME MAJOR:MINOR", from the kernel.
kernel() {
	dmsetup info -c --noheadings -o name,major,minor --separator ' ' |
		awk '$1 ~ /^vk-/ { print $1, $2 ":" $3 }' | sort
}
# devview: what /dev shows of the VG: its /dev/mapper nodes (number, mode,
# owner) and its /dev/vk entries (link targets).
devview() {
	local f
	for f in /dev/mapper/vk-*; do
		[ -e "$f" ] || [ -L "$f" ] || continue
		printf '%s %s\n' "$f" "$(stat -c '%F %t:%T %a %U:%G' "$f")"
	done
	[ -d /dev/vk ] || { echo "no /dev/vk"; return 0; }
	for f in /dev/vk/*; do
		[ -e "$f" ] || [ -L "$f" ] || continue
		printf '%s -> %s\n' "$f" "$(readlink "$f")"
	done
}
# expected: devview of a correct /dev, made from the kernel's list and the
# active visible LVs given; nodes have the mode and owner of the node
# lvm2's activation made for vk-theirs ($MODE).
expected() {
	local name mm lv
	while read -r name mm; do
		printf '/dev/mapper/%s block special file %x:%x %s\n' "$name" \
			"${mm%%:*}" "${mm#*:}" "$MODE"
	done < <(kernel)
	[ $# -gt 0 ] || { echo "no /dev/vk"; return 0; }
	for lv in "$@"; do printf '/dev/vk/%s -> /dev/mapper/vk-%s\n' "$lv" "$lv"; done | sort
}
# damage: nodes and links gone, a node with a wrong number, a stale link
# and a stale node of the inactive LV.
damage() {
	local mm
	rm -f /dev/vk/lin /dev/vk/theirs /dev/mapper/vk-lin /dev/mapper/vk-r1 /dev/mapper/vk-r1_rimage_0
	mm=$(stat -c '%t' /dev/mapper/vk-theirs)
	rm -f /dev/mapper/vk-theirs
	mknod /dev/mapper/vk-theirs b "$((16#$mm))" 250
	ln -sf /dev/mapper/vk-off /dev/vk/off
	mknod /dev/mapper/vk-off b "$((16#$mm))" 251
}

tables() { dmsetup table | grep '^vk-' | sort; dmsetup info -c --noheadings -o name,attr | grep '^vk-' | sort; }
check_view() {
	assert_eq "$(devview)" "$(expected "$@")" "/dev after $WHO vgmknodes $ARGS"
}

MODE=$(stat -c '%a %U:%G' /dev/mapper/vk-theirs)
note "nodes of libdevmapper: $MODE"
want=$(expected lin r1 theirs)
assert_eq "$(devview)" "$want" "/dev after activation"
tabs=$(tables)
declare -A VIEW=()	# WHO:ARGS: /dev after that vgmknodes
for WHO in lvm vol; do
	for ARGS in vk "" vk/lin; do
		damage
		assert_ne "$(devview)" "$want" "/dev damaged"
		# shellcheck disable=SC2086	# no argument, or one
		run $WHO vgmknodes $ARGS
		VIEW[$WHO:$ARGS]=$(devview)
		if [ "$ARGS" = vk/lin ]; then
			# one LV named: every node is made again (all dm devices), its link
			# only, and the other links are left as they were
			assert_eq "$(devview | grep -v -e '^/dev/vk/theirs' -e '^/dev/vk/off')" \
				"$(expected lin r1 theirs | grep -v '^/dev/vk/theirs')" "/dev after $WHO vgmknodes vk/lin"
			run ln -sf /dev/mapper/vk-theirs /dev/vk/theirs
			run rm -f /dev/vk/off
		else
			check_view lin r1 theirs
		fi
		assert_eq "$(tables)" "$tabs" "no table reloaded by $WHO vgmknodes $ARGS"
	done
done
# ours leaves /dev as lvm2's does, for each form
for ARGS in vk "" vk/lin; do
	assert_eq "${VIEW[vol:$ARGS]}" "${VIEW[lvm:$ARGS]}" "/dev after vgmknodes $ARGS, ours and lvm2's"
done

# Everything gone: /dev/vk and all the VG's nodes.
for WHO in lvm vol; do
	rm -rf /dev/vk
	rm -f /dev/mapper/vk-*
	run $WHO vgmknodes vk
	check_view lin r1 theirs
done

# --refresh loads the same tables again (nothing suspended after it) and
# makes the nodes and links too.
for WHO in lvm vol; do
	damage
	run $WHO vgmknodes --refresh vk
	check_view lin r1 theirs
	assert_eq "$(tables)" "$tabs" "tables after $WHO vgmknodes --refresh"
done

# An inactive VG: stale links and nodes go, and the VG's folder.
run vol vgchange -an vk
assert_eq "$(kernel)" "" "no dm device of vk"
for WHO in lvm vol; do
	mkdir -p /dev/vk
	ln -sf /dev/mapper/vk-lin /dev/vk/lin
	ln -sf /dev/mapper/vk-r1 /dev/vk/r1
	mknod /dev/mapper/vk-lin b 253 240
	run $WHO vgmknodes vk
	assert_eq "$(devview)" "no /dev/vk" "/dev of an inactive VG after $WHO vgmknodes"
done

# What vgmknodes refuses: lvm2's words and exit codes.
same_err() {
	local rca=0 rcb=0
	lvm vgmknodes "$@" </dev/null >"$T/lvm.out" 2>"$T/lvm.err" || rca=$?
	vol vgmknodes "$@" </dev/null >"$T/our.out" 2>"$T/our.err" || rcb=$?
	assert_eq "$rcb" "$rca" "exit code of vgmknodes $*"
	assert_eq "$(cat "$T/our.out" "$T/our.err")" "$(cat "$T/lvm.out" "$T/lvm.err")" \
		"output of vgmknodes $*"
}
soft same_err nosuchvg
soft same_err vk/nosuch
soft same_err nosuchvg/lv
soft same_err vk/lin nosuchvg
soft same_err --nosuchoption
assert_eq "$(dm_names)" "" "dm devices at the end"
