#!/usr/bin/env bash
# Bad input to the LV commands (lvcreate, lvremove, lvrename, lvextend,
# lvreduce, lvresize, lvchange) against lvm2 on the same bytes: for each
# case lvm2 runs first, from saved images, and must exit as the case says
# (3: bad command line, 5: failed) and change nothing; then we run from the
# same images: our exit code must be lvm2's, nothing may change on the
# devices, and our stderr must be lvm2's word for word, unless the case
# says why ours differs (same_but).  Stdout is compared too (messages lvm2
# prints before it refuses, e.g. rounding).
# Checks are soft (tests/lib/common.sh): every difference is listed, then
# the test fails.
. "$(dirname "$0")/lib.sh"

setup_loops 3 24M
A=${DEVS[0]} B=${DEVS[1]} C=${DEVS[2]}
vg=$(vgname b)
run vol vgcreate -s 1m "$vg" "$A" "$B"
run vol lvcreate -an -l 4 -n lin "$vg" "$A"
run vol lvcreate -an -l 10 -i 2 -n str "$vg" "$A" "$B"
run vol lvcreate -an -l 3 -n other "$vg" "$B"
run vol pvcreate "$C"	# an orphan PV: not in the VG
check --lvm vg_field "$vg" vg_free_count 29 "46 extents, 17 used"
save_images base

# refused RC [--why TEXT ERE] CMD ARGS...: lvm2 and we refuse CMD with exit
# RC and the same messages (unless --why: TEXT says why ours differ, and our
# stderr must match ERE); nothing changes on disk.
refused() {
	local want=$1 why="" ere="" fp rcl=0 rco=0
	shift
	if [ "$1" = --why ]; then why=$2 ere=$3; shift 3; fi
	echo "$*" >>"$T/cases"
	restore_images base
	fp=$(fingerprint)
	lvm "$@" </dev/null >"$T/l.out" 2>"$T/l.err" || rcl=$?
	lvm_stderr "$T/l.err" >"$T/l.err2"
	[ "$rcl" = "$want" ] || die "lvm2 exits $rcl, not $want, for: $* ($(cat "$T/l.err2"))"
	[ "$(fingerprint)" = "$fp" ] || die "lvm2 changed the devices: $*"
	restore_images base
	vol "$@" </dev/null >"$T/o.out" 2>"$T/o.err" || rco=$?
	[ "$(fingerprint)" = "$fp" ] || die "we changed the devices: $*"
	[ "$rco" = "$want" ] || die "we exit $rco, lvm2 $want, for: $*
--- ours: $(cat "$T/o.out" "$T/o.err")
--- lvm2: $(cat "$T/l.out" "$T/l.err2")"
	if [ -n "$why" ]; then
		assert_line "$(cat "$T/o.err")" "$ere" "our message for $* ($why)"
		return 0
	fi
	cmp -s "$T/o.err" "$T/l.err2" || die "stderr of $* (< lvm2, > ours):
$(diff "$T/l.err2" "$T/o.err")"
	cmp -s "$T/o.out" "$T/l.out" || die "stdout of $* (< lvm2, > ours):
$(diff "$T/l.out" "$T/o.out")"
}

# ---------------------------------------------------------------- lvcreate: names
for n in snapshot snapshot1 pvmove pvmove0 x_rimage_0 x_rmeta_1 x_mlog x_mimage_2 x_tmeta x_tdata \
	x_cdata x_cmeta x_corig x_cpool x_cvol x_wcorig x_vdata x_imeta x_iorig x_pmspare x_vorigin \
	'bad$' '-x' . .. "$(printf 'n%.0s' $(seq 128))" 'a b' 'é'; do
	soft refused 3 lvcreate -an -l 1 -n "$n" "$vg"
done
soft refused 3 lvcreate -an -l 1 -n "" "$vg"
soft refused 5 lvcreate -an -l 1 -n lin "$vg"	# a duplicate
soft refused 5 lvcreate -an -L 1.5m -n lin "$vg"	# rounds first, then refuses
# lvm2 checks the length of "VG/LV" when it writes, with an "Internal error: "
# in front: ours is the same message without it (the name is the user's error).
soft refused 5 --why "no internal error" '^  LV name "'"$vg"'/n+" length 128 is not supported\.$' lvcreate -an -l 1 -n "$(printf 'n%.0s' $(seq $((125 - ${#vg}))))" "$vg"
soft refused 3 lvcreate -an -l 1 -n "other/x" "$vg"
soft refused 3 lvcreate -an -l 1 -n x "$vg/"
soft refused 5 lvcreate -an -l 1 -n x nosuchvg
soft refused 5 lvcreate -an -l 1 -n x "$vg" "$vg"
soft refused 5 lvcreate -an -l 1 -n x "$vg" "$C"
soft refused 5 lvcreate -an -l 1 -n x "$vg" /dev/nosuch

# ---------------------------------------------------------------- lvcreate: sizes
for s in 0 0M -4M +-4M --4M -- 16E 17E 100E abc 4X 1000b 5000b 1.5.5M . '' ' '; do
	soft refused 3 lvcreate -an -L "$s" -n x "$vg"
done
for l in 0 -1 +-1 -+1 1.5 1x abc 10%XX 10% %VG 0%VG 4294967295%VG 1.5%VG ''; do
	soft refused 3 lvcreate -an -l "$l" -n x "$vg"
done
soft refused 5 lvcreate -an -l 4294967296 -n x "$vg"
soft refused 5 lvcreate -an -l 4294967295 -n x "$vg"
soft refused 5 lvcreate -an -l 30 -n x "$vg"
soft refused 5 lvcreate -an -L 8E -n x "$vg"
soft refused 5 lvcreate -an -L 1T -n x "$vg"
soft refused 5 lvcreate -an -l 10%LV -n x "$vg"
soft refused 5 lvcreate -an -l 1%VG -n x "$vg"	# 0 extents
# %ORIGIN needs a snapshot (which we do not make); lvm2 2.03.16 calls it an
# "Internal error: Couldn't find origin volume." for lvcreate: ours without
# the "Internal error: " (the user's mistake, not ours).
soft refused 5 --why "no internal error" "^  Couldn't find origin volume\.$" lvcreate -an -l 10%ORIGIN -n x "$vg"
soft refused 5 lvextend -l +10%ORIGIN "$vg/lin"
soft refused 5 lvreduce -l -10%O "$vg/lin"
soft refused 3 lvcreate -an -l 1 -L 1M -n x "$vg"
soft refused 3 lvcreate -an -n x "$vg"

# ---------------------------------------------------------------- lvcreate: stripes
soft refused 3 lvcreate -an -i 129 -l 4 -n x "$vg"
soft refused 3 lvcreate -an -i 0 -l 4 -n x "$vg"
soft refused 3 lvcreate -an -i -2 -l 4 -n x "$vg"
soft refused 3 lvcreate -an -i x -l 4 -n x "$vg"
for I in 0 3 96k 1.5k 2k 2T -64 x; do
	soft refused 3 lvcreate -an -i 2 -I "$I" -l 4 -n x "$vg"
done
soft refused 3 lvcreate -an -I 64 -l 4 -n x "$vg"
soft refused 5 lvcreate -an -i 3 -l 3 -n x "$vg"
soft refused 5 lvcreate -an -i 2 -l 4 -n x "$vg" "$A"
soft refused 5 lvcreate -an -i 2 -l 40 -n x "$vg"
soft refused 3 lvcreate -an --type linear -i 2 -l 4 -n x "$vg"

# ---------------------------------------------------------------- lvcreate: PV lists, policies
soft refused 5 lvcreate -an -l 2 -n x "$vg" "$A:30-40"
soft refused 5 lvcreate -an -l 2 -n x "$vg" "$A:5-3"
soft refused 5 lvcreate -an -l 2 -n x "$vg" "$A:x"
soft refused 5 lvcreate -an -l 2 -n x "$vg" "$A::1"
soft refused 5 lvcreate -an -l 2 -n x "$vg" "$A:1-2:2-3"
soft refused 5 lvcreate -an -l 2 -n x "$vg" "$A:1-5" "$A:4"
soft refused 5 lvcreate -an -l 2 -n x "$vg" "$A:0-3"	# used by lin and str
soft refused 5 lvcreate -an -l 20 -n x "$vg" "$A"
soft refused 5 lvcreate -an -l 20 -C y -n x "$vg"
soft refused 3 lvcreate -an -l 2 --alloc bogus -n x "$vg"
soft refused 3 lvcreate -an -l 2 -C y --alloc normal -n x "$vg"
soft refused 3 lvcreate -an -l 2 -C y --alloc inherit -n x "$vg"
soft refused 3 lvcreate -an -l 2 --addtag 'b$d' -n x "$vg"
soft refused 3 lvcreate -an -l 2 -p x -n x "$vg"

# ---------------------------------------------------------------- lvextend, lvreduce, lvresize
soft refused 5 lvextend -l 2 "$vg/lin"	# smaller: reduce via lvextend
soft refused 5 lvextend -L 2M "$vg/lin"
soft refused 5 lvextend -l 4 "$vg/lin"	# the same size
soft refused 3 lvextend -l -1 "$vg/lin"
soft refused 3 lvextend -L -1M "$vg/lin"
soft refused 5 lvreduce -l 8 "$vg/lin"	# larger: extend via lvreduce
soft refused 5 lvreduce -L 8M "$vg/lin"
soft refused 3 lvreduce -l +1 "$vg/lin"
soft refused 5 lvreduce -l -4 "$vg/lin"	# below 1 extent
soft refused 5 lvreduce -L -1M -y "$vg/str"	# rounds to 0, the same size
soft refused 5 lvreduce -l -1 -y "$vg/str"	# the same size after stripe rounding
soft refused 5 lvresize -l 4 "$vg/lin"
soft refused 3 lvresize -l 0 "$vg/lin"
soft refused 3 lvresize -L +0 "$vg/lin"
soft refused 3 lvresize -l -0 "$vg/lin"
soft refused 3 lvresize -l 1 -L 1M "$vg/lin"
soft refused 3 lvextend "$vg/lin"
soft refused 3 lvextend -l +1 lin
soft refused 5 lvextend -l +1 "$vg/nosuch"
soft refused 5 lvextend -l +1 "nosuchvg/lin"
soft refused 5 lvextend -l +30 "$vg/lin"
soft refused 5 lvextend -l +4294967295 "$vg/lin"
soft refused 5 lvextend -l +100%PVS "$vg/lin"
soft refused 5 lvextend --type raid1 -l +1 "$vg/lin"	# --type and -m: the LV's own only
soft refused 5 lvextend --type mirror -l +1 "$vg/lin"
soft refused 5 lvextend -m 1 -l +1 "$vg/lin"
soft refused 5 lvresize --type raid1 -l +1 "$vg/str"
soft refused 3 lvresize -m 0 -l +1 "$vg/str"	# lvextend only
soft refused 5 lvextend -l +2 "$vg/lin" "$A:0-3"
soft refused 5 lvextend "$vg/lin" "$A:0-3"
soft refused 5 lvextend -l +2 "$vg/lin" "$C"
soft refused 5 lvextend -l +2 --alloc contiguous "$vg/lin"
soft refused 5 lvextend -l +1 -i 2 -I 96k "$vg/lin"
soft refused 5 lvextend -l +1 -i 3 "$vg/lin"
# lvm2 takes more stripes than lvcreate allows here and fails for want of
# space (or writes an LV lvcreate could not make); we refuse the count.
soft refused 5 --why "lvcreate's stripe limit" '^  Number of stripes \(129\) must be between 1 and 128\.$' lvextend -l +1 -i 129 "$vg/lin"
soft refused 3 lvreduce -l -1 "$vg/lin" "$A"
soft refused 3 lvreduce -l -1 -i 2 "$vg/lin"
soft refused 3 lvextend -L +4X "$vg/lin"
soft refused 3 lvextend -l +1%XX "$vg/lin"

# ---------------------------------------------------------------- lvremove, lvrename, lvchange
soft refused 5 lvremove "$vg/nosuch"
soft refused 5 lvremove nosuchvg/lin
soft refused 3 lvremove
soft refused 5 lvrename "$vg" lin other	# the new name exists
soft refused 5 lvrename "$vg" nosuch x
soft refused 3 lvrename "$vg" lin lin
soft refused 3 lvrename "$vg" lin ""
soft refused 3 lvrename "$vg" lin 'b$d'
soft refused 3 lvrename "$vg" lin snapshot2
soft refused 3 lvrename "$vg" lin x_rimage_1
soft refused 3 lvrename "$vg" lin "$(printf 'n%.0s' $(seq $((126 - ${#vg}))))"
soft refused 5 --why "no internal error (see lvcreate)" 'length 128 is not supported\.$' lvrename "$vg" lin "$(printf 'n%.0s' $(seq $((125 - ${#vg}))))"
soft refused 3 lvrename "$vg/lin" "other/x"
soft refused 3 lvrename lin x
soft refused 3 lvrename "$vg" lin
soft refused 3 lvrename "$vg" lin x y
soft refused 3 lvrename other "$vg/lin" "$vg/x"
soft refused 5 lvrename nosuchvg lin x
soft refused 5 lvchange -p r "$vg/nosuch"
soft refused 3 lvchange "$vg/lin"
soft refused 5 lvchange -p rw "$vg/lin"
soft refused 5 lvchange --alloc inherit "$vg/lin"
soft refused 3 lvchange --alloc bogus "$vg/lin"

echo "lvbad: $(wc -l <"$T/cases") cases"
