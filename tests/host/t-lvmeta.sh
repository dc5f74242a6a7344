#!/usr/bin/env bash
# LV metadata commands against lvm2, on the same bytes: lvcreate, lvremove,
# lvrename, lvextend, lvreduce and lvresize, with every size form (-L/-l,
# +/-, %VG/%FREE/%PVS/%LV), PV lists with PE ranges, stripes, and every
# allocation policy, inherited or given.  For each case the images are
# saved, we run the command, then the images are restored and lvm2 runs the
# same command: exit codes, stdout and stderr must be lvm2's, and the VG
# must come out the same, extent for extent, as lvm2's lvs reads it (and as
# ours does).  lvm2's vgck and ours must be clean after our commands.
# Then LVs lvm2 made (segments, tags, permissions, policies) read the same
# with our lvs as with lvm2's.  No device-mapper here: both tools run with
# -an (lvm2 through the wrapper's activation=0).
# Checks are soft (tests/lib/common.sh): every difference is listed, then
# the test fails.
. "$(dirname "$0")/lib.sh"

# Four PVs of 23 extents of 1 MiB (so that a few LVs fill them), one spare.
setup_loops 5 24M
A=${DEVS[0]} B=${DEVS[1]} C=${DEVS[2]} D=${DEVS[3]} E=${DEVS[4]}
vg=$(vgname m)
run vol vgcreate -s 1m "$vg" "$A" "$B" "$C" "$D"
check --lvm vg_field "$vg" vg_extent_count 92 "23 extents on each of 4 PVs"
save_images empty

# lv_state TOOL: the VG as TOOL's lvs and vgs read it, segment by segment.
LVS_FIELDS=lv_name,lv_attr,lv_size,seg_start_pe,segtype,stripes,stripe_size,seg_pe_ranges,devices,lv_tags,lv_allocation_policy
lv_state() {
	local t=$1
	"$t" vgs --noheadings --units b --nosuffix --separator '|' \
		-o vg_name,vg_seqno,lv_count,vg_free_count,vg_allocation_policy "$vg" 2>/dev/null | sed 's/^ *//'
	"$t" lvs -a --segments --noheadings --units b --nosuffix --separator '|' \
		-o "$LVS_FIELDS" "$vg" 2>/dev/null | sed 's/^ *//'
}

# both SETUP CMD ARGS...: from the empty VG, SETUP (a function) builds the
# state; then we and lvm2 run CMD on copies of the same bytes.  Exit code,
# stdout and stderr (lvm2's notices aside) must be lvm2's; the resulting
# VGs must read the same to lvm2 (and to us); after our command both vgck
# are clean.  The result stays on the devices (lvm2's).

both() {
	local setup=$1 rco=0 rcl=0
	shift
	echo "$*" >>"$T/cases"
	restore_images empty
	"$setup"
	save_images pre
	vol "$@" </dev/null >"$T/o.out" 2>"$T/o.err" || rco=$?
	lv_state lvm >"$T/o.state"
	lv_state vol >"$T/o.ours"
	check vgck_clean "$vg"
	check --lvm vgck_clean "$vg"
	restore_images pre
	lvm "$@" </dev/null >"$T/l.out" 2>"$T/l.err" || rcl=$?
	lvm_stderr "$T/l.err" >"$T/l.err2"
	lv_state lvm >"$T/l.state"
	[ "$rco" = "$rcl" ] || die "exit code of $*: ours $rco, lvm2's $rcl
--- ours: $(cat "$T/o.out" "$T/o.err")
--- lvm2: $(cat "$T/l.out" "$T/l.err2")"
	cmp -s "$T/o.out" "$T/l.out" || die "stdout of $*:
$(diff "$T/l.out" "$T/o.out")"
	cmp -s "$T/o.err" "$T/l.err2" || die "stderr of $*:
$(diff "$T/l.err2" "$T/o.err")"
	cmp -s "$T/o.state" "$T/l.state" || die "the VG after $* (lvm2's lvs; < lvm2's result, > ours):
$(diff "$T/l.state" "$T/o.state")"
	cmp -s "$T/o.ours" "$T/o.state" || die "our lvs of our result differs from lvm2's lvs of it:
$(diff "$T/o.state" "$T/o.ours")"
	cp "$T/l.state" "$T/result.${RESULT:-last}"
}

# result NAME: lvm2's state after the `both` run with RESULT=NAME.
result() { tail -n +2 "$T/result.$1"; }	# its LVs (not the VG line: seqno, policy)

# ---------------------------------------------------------------- setups
# Each builds a state from the empty VG (A, B, C, D: 23 extents each).
none() { :; }
three() {	# A: a 0-4, c 5-7; B: b 0-6
	run lvm lvcreate -an -l 5 -n a "$vg" "$A"
	run lvm lvcreate -an -l 7 -n b "$vg" "$B"
	run lvm lvcreate -an -l 3 -n c "$vg" "$A"
}
# a on A:0-4 with A:5-7 taken (no room to grow in place, room on A
# further on); B nearly full (3 free), C empty, D 13 free.
blocked() {
	run vol lvcreate -an -l 5 -n a "$vg" "$A"
	run lvm lvcreate -an -l 3 -n wall "$vg" "$A"
	run vol lvcreate -an -l 20 -n b "$vg" "$B"
	run lvm lvcreate -an -l 10 -n d "$vg" "$D"
}
# The same, but A full: a cannot grow on its own PV.
afull() {
	blocked
	run lvm lvcreate -an -l 100%PVS -n rest "$vg" "$A"
}
# Only A has free space.
only_a() {
	run lvm lvcreate -an -l 100%PVS -n fill "$vg" "$B" "$C" "$D"
}
# A two-stripe LV on A and B, room on both and on C.
striped() {
	run vol lvcreate -an -i 2 -l 6 -n s "$vg" "$A" "$B"
	run lvm lvcreate -an -l 2 -n gap "$vg" "$A" "$B"
}
# Free space in pieces of 7 and less: 7 on A, 5 on B, 4 on C, nothing on D.
pieces() {
	run lvm lvcreate -an -l 16 -n pa "$vg" "$A"
	run lvm lvcreate -an -l 18 -n pb "$vg" "$B"
	run lvm lvcreate -an -l 19 -n pc "$vg" "$C"
	run lvm lvcreate -an -l 23 -n pd "$vg" "$D"
	run lvm lvremove -y "$vg/pa" "$vg/pb" "$vg/pc"
	run lvm lvcreate -an -l 16 -n pa "$vg" "$A:7-22"
	run lvm lvcreate -an -l 18 -n pb "$vg" "$B:0-17"
	run lvm lvcreate -an -l 19 -n pc "$vg" "$C:2-20"
}
vg_cling() { afull; run vol vgchange --alloc cling "$vg"; }
vg_contig() { blocked; run lvm vgchange --alloc contiguous "$vg"; }
lv_contig() { blocked; run vol lvchange --alloc contiguous "$vg/a"; }
lv_anywhere_vg_cling() { afull; run lvm vgchange --alloc cling "$vg"; run vol lvchange --alloc anywhere "$vg/a"; }

# ---------------------------------------------------------------- lvcreate
soft both none lvcreate -an -L 5M -n x "$vg"
soft both none lvcreate -an -L 5.5M -n x "$vg"
soft both none lvcreate -an -L 4MiBX -n x "$vg"	# only the first letter of a unit counts
soft both none lvcreate -an -L 9216k -n x "$vg"
soft both none lvcreate -an -L 2049s -n x "$vg"
soft both none lvcreate -an -l 30 -n x "$vg"
soft both none lvcreate -an -l +7 "$vg"	# lvcreate ignores a "+"; default name lvol0
soft both three lvcreate -an -l 2 "$vg"
soft both three lvcreate -an -l 50%FREE -n x "$vg"
soft both three lvcreate -an -l 10%VG -n x "$vg" "$C"
soft both three lvcreate -an -l 100%VG -n x "$vg"	# cut to the free space
soft both three lvcreate -an -l 100%PVS -n x "$vg" "$A" "$B"
soft both three lvcreate -an -l 50%PVS -n x "$vg" "$A:0-12" "$C:20-"	# free extents in the ranges
soft both three lvcreate -an -l 100%FREE -i 3 -n x "$vg"	# rounded down to whole stripes
soft both three lvcreate -an -l 4 -n x "$vg" "$A:0-20" "$C:5-6"
soft both three lvcreate -an -l 6 -n x "$vg" "$D:3" "$D:10+2" "$D:20-" "$C:-1"
soft both three lvcreate -an -l 3 -n x "$vg" "@nosuchtag" "$D"
soft both three lvcreate -an -i 2 -L 8M -n x "$vg"
soft both three lvcreate -an -i 2 -L 7M -n x "$vg" "$C" "$D"	# rounded up to whole stripes
soft both three lvcreate -an -i 3 -I 16k -l 7 -n x "$vg"
soft both three lvcreate -an -i 2 -I 2m -l 6 -n x "$vg"	# stripe size cut to the extent
soft both three lvcreate -an -i 4 -I 4k -l 8 -n x "$vg"
soft both three lvcreate -an -i 1 -I 64k -l 8 -n x "$vg"	# one stripe: -I ignored
soft both three lvcreate -an --type striped -l 3 -n x "$vg"
soft both three lvcreate -an -l 20 -n x "$vg"
soft both three lvcreate -an -l 3 -p r --addtag @t1 --addtag t2 -n x "$vg"

# ---------------------------------------------------------------- lvremove, lvrename
soft both three lvremove "$vg/b"
soft both three lvremove -y "$vg/a" "$vg/c" "$vg/a"
soft both three lvremove -f "$vg"
soft both three lvremove "/dev/$vg/c" "$vg/nosuch"
soft both three lvrename "$vg" a a2
soft both three lvrename "$vg/b" "$vg/b-2"
soft both three lvrename "/dev/$vg/c" c.3

# ---------------------------------------------------------------- lvextend, lvreduce, lvresize
soft both three lvextend -L +5M "$vg/a"
soft both three lvextend -L 9.5M "$vg/a"	# rounded up
soft both three lvextend -l +3 "$vg/a" "$D"
soft both three lvextend -l +50%FREE "$vg/b"
soft both three lvextend -l 200%LV "$vg/a"
soft both three lvextend -l 40%VG "$vg/b"
soft both three lvextend -l +100%PVS "$vg/c" "$D:5-9"
soft both three lvextend "$vg/c" "$C:0-3" "$C:10-11"	# no size: all of the listed free extents
soft both three lvextend -l +60 "$vg/a"
soft both three lvextend -i 2 -l +4 "$vg/a"	# a striped segment after a linear one
soft both three lvextend -i 3 -I 8k -l +2 "$vg/b"
soft both three lvreduce -l -2 "$vg/a"
soft both three lvreduce -L -1.5M "$vg/b"	# rounded down: 1 extent
soft both three lvreduce -l 50%LV "$vg/b"
soft both three lvreduce -l -50%LV "$vg/b"
soft both three lvresize -l 2 "$vg/b"
soft both three lvresize -L +2M "$vg/b"
soft both three lvresize -l -1 "$vg/c" "$D"	# PVs ignored when reducing
soft both three lvresize -l +10%VG "$vg/c"
soft both striped lvextend -l +3 "$vg/s"	# rounded up to whole stripes, same PVs
soft both striped lvextend -l +10%FREE "$vg/s"
soft both striped lvreduce -l -1 "$vg/s"	# back up to whole stripes: no change
soft both striped lvreduce -l -3 "$vg/s"
soft both striped lvresize -i 1 -l +2 "$vg/s"
soft both striped lvextend -I 128k -l +2 "$vg/s"	# other stripes: -i needed
soft both striped lvextend -i 2 -I 128k -l +2 "$vg/s"
soft both striped lvextend -l +4 "$vg/s" "$C" "$D"
soft both pieces lvextend -l +9 "$vg/pa"
soft both pieces lvextend -l +100%FREE "$vg/pd"

# ---------------------------------------------------------------- policies
# Each scenario runs the same command under several policies; the results
# lvm2 gets must differ where the policies differ (so the scenario tells
# them apart), and ours must be lvm2's every time.
policy_runs() {	# LABEL SETUP CMD...: one run per policy, results as LABEL.POLICY
	local label=$1 setup=$2 p
	shift 2
	for p in normal contiguous cling anywhere; do
		RESULT=$label.$p soft both "$setup" "$@" --alloc "$p"
	done
	RESULT=$label.inherit soft both "$setup" "$@"
}
differ() { assert_ne "$(result "$1")" "$(result "$2")" "lvm2's results $1 and $2 ($3)"; }
same_as() { assert_eq "$(result "$1")" "$(result "$2")" "lvm2's results $1 and $2 ($3)"; }

# Growing in place is blocked; further along the same PV there is room.
policy_runs blk blocked lvextend -l +3 "$vg/a"
soft differ blk.normal blk.contiguous "no room next to a: contiguous fails"
soft same_as blk.normal blk.cling "cling stays on A, as normal prefers to"
soft same_as blk.normal blk.inherit "the VG's policy is normal"
# A is full: cling has nowhere to go, normal and anywhere go elsewhere.
policy_runs full afull lvextend -l +3 "$vg/a"
soft differ full.normal full.cling "A is full"
soft same_as full.normal full.anywhere "anywhere takes what normal takes first"
# Only one PV has room: two stripes need anywhere.
policy_runs onea only_a lvcreate -an -i 2 -l 4 -n x "$vg"
soft differ onea.normal onea.anywhere "two stripes on one PV"
# A contiguous LV needs one piece large enough.
policy_runs p9 pieces lvcreate -an -l 9 -n x "$vg"
soft differ p9.normal p9.contiguous "no piece of 9"
policy_runs p7 pieces lvcreate -an -l 7 -n x "$vg"
soft differ p7.normal p7.contiguous "the 7 on A is the only piece that fits"
# A striped LV extended: cling keeps each stripe on its PV.
policy_runs str striped lvextend -l +40 "$vg/s"
soft differ str.normal str.cling "A cannot take 20 more"
soft differ str.normal str.contiguous "the gap after s on A"
# Inherited policies: from the VG, and the LV's own over the VG's.
RESULT=vg_cling soft both vg_cling lvextend -l +3 "$vg/a"
soft same_as vg_cling full.cling "vgchange --alloc cling"
RESULT=vg_contig soft both vg_contig lvextend -l +3 "$vg/a"
soft same_as vg_contig blk.contiguous "vgchange --alloc contiguous"
RESULT=lv_contig soft both lv_contig lvextend -l +3 "$vg/a"
soft differ lv_contig blk.normal "lvchange --alloc contiguous"
RESULT=lv_any soft both lv_anywhere_vg_cling lvextend -l +3 "$vg/a"
soft differ lv_any vg_cling "the LV's anywhere over the VG's cling"
RESULT=lv_any_inherit soft both lv_anywhere_vg_cling lvextend -l +3 --alloc inherit "$vg/a"
soft differ lv_any_inherit lv_any "--alloc inherit: the VG's cling (which fails), past the LV's anywhere"
soft both lv_contig lvextend -l +3 --alloc normal "$vg/a"	# --alloc over the LV's
soft both vg_cling lvcreate -an -l 5 -n x "$vg"
soft both vg_cling lvchange --alloc inherit "$vg/a"
soft both vg_cling vgchange --alloc cling "$vg"	# already
soft both lv_contig lvchange --alloc contiguous "$vg/a"	# already

# ---------------------------------------------------------------- LVs lvm2 made
# Linear, striped, several segments, tags, read-only, policies, and the
# segment types lvm2 makes without device-mapper that we only read (raid0
# with its hidden images, error, zero): our lvs rows are lvm2's, and our
# edits next to them (or of them) are lvm2's edits.
zoo() {
	run lvm lvcreate -an -Zn -l 3 -n lin "$vg" "$A"
	run lvm lvcreate -an -Zn -i 2 -I 32k -l 4 -n str "$vg" "$B" "$C"
	run lvm lvcreate -an -Zn -l 2 -n seg "$vg" "$A:5" "$D:7"
	run lvm lvextend -l +2 "$vg/seg" "$B:20-"
	run lvm lvcreate -an -Zn -l 1 -p r --addtag x --addtag a.b -C y -n ro "$vg"
	run lvm lvcreate -an -Zn --type raid0 -i 3 -l 6 -n r0 "$vg" "$B" "$C" "$D"
	run lvm lvcreate -an -Zn --type error -L 3M -n err "$vg"
	run lvm lvcreate -an -Zn --type zero -l 1 -n zero "$vg"
	run lvm lvchange --alloc cling "$vg/lin"
}
lvs_rows() {	# [--lvm] ARGS...: the rows of lvs ARGS (lv or seg ones), sorted
	local json
	json=$(report "$@") || die "lvs $* failed"
	jq -ce -S '.report[0] | (.lv // .seg) | .[]' <<<"$json" | sort
	[ "${PIPESTATUS[0]}" = 0 ] || die "no rows in the JSON of lvs $*: $json"
}
same_rows() {	# ARGS...: our JSON rows of lvs ARGS are lvm2's (and there are some)
	local ours theirs
	ours=$(lvs_rows lvs "$@")
	theirs=$(lvs_rows --lvm lvs "$@")
	[ "$(wc -l <<<"$theirs")" -ge 9 ] || die "lvm2 lists only: $theirs"
	assert_eq "$ours" "$theirs" "rows of lvs $*"
}
restore_images empty
zoo
soft same_rows -a -o+seg_pe_ranges,devices,stripes,stripe_size,segtype,lv_layout,lv_role "$vg"
soft same_rows -a --segments -o+seg_pe_ranges,devices,seg_le_ranges,seg_start_pe,seg_size_pe "$vg"
soft same_rows -a -o lv_all "$vg"
soft same_rows -a --segments -o seg_all "$vg"
soft both zoo lvcreate -an -l 100%FREE -n all "$vg"
soft both zoo lvcreate -an -i 4 -l 8 -n wide "$vg"
soft both zoo lvextend -l +3 "$vg/lin"	# its cling policy
soft both zoo lvextend -l +2 "$vg/str"
soft both zoo lvreduce -l -1 "$vg/seg"
soft both zoo lvremove -y "$vg/r0"	# with its images
soft both zoo lvremove -y "$vg/r0_rimage_1"	# an image alone: refused
soft both zoo lvrename "$vg" r0 raid	# the images follow the name
soft both zoo lvrename "$vg" r0_rimage_0 img	# refused
soft both zoo lvextend -l +1 "$vg/r0_rimage_0"	# refused
soft both zoo lvremove -y "$vg/err" "$vg/zero" "$vg/ro"
soft both zoo lvremove -y "$vg"

echo "lvmeta: $(wc -l <"$T/cases") cases"
