#!/usr/bin/env bash
# lvm2's old-style snapshots in the metadata, on the host (lvm2 cannot make
# snapshots without device-mapper, but it reads, checks and removes them):
# a VG holding two snapshots of an origin and a --virtualsize snapshot, in
# the text lvm2 writes for them (COW LVs without VISIBLE, a visible
# "snapshotN" LV of type snapshot each, a hidden zero origin "<snap>_vorigin"),
# restored with lvm2's vgcfgrestore.  Then each lvremove of ours leaves the
# LVs lvm2's own lvremove leaves from the same start (a snapshot by its
# name, an origin with its snapshots, a virtual origin's snapshot with its
# origin, a whole VG), and lvm2's vgck finds nothing wrong.
# Activation and deactivation of snapshot stacks are in tests/vm/t-snapshot.sh.
. "$(dirname "$0")/lib.sh"

setup_loops 2 64M
A=${DEVS[0]} B=${DEVS[1]}
vg=$(vgname s)

run vol pvcreate -q "$A" "$B"
run vol vgcreate -q -s 1M "$vg" "$A" "$B"
run vol lvcreate -q -an -Zn -l 2 -n o "$vg" "$A"
run vol lvcreate -q -an -Zn -l 4 -n plain "$vg" "$A"
run lvm vgcfgbackup -f "$T/base" "$vg"

# lv NAME ID STATUS SEGMENT: an LV section of one segment.
lv() {
	printf '\t\t%s {\n\t\t\tid = "%s"\n\t\t\tstatus = [%s]\n\t\t\tflags = []\n' "$1" "$2" "$3"
	printf '\t\t\tsegment_count = 1\n\n\t\t\tsegment1 {\n%s\n\t\t\t}\n\t\t}\n\n' "$4"
}
lin() { printf '\t\t\t\tstart_extent = 0\n\t\t\t\textent_count = %s\n\t\t\t\ttype = "striped"\n\t\t\t\tstripe_count = 1\n\t\t\t\tstripes = ["%s", %s]' "$1" "$2" "$3"; }
snap() { printf '\t\t\t\tstart_extent = 0\n\t\t\t\textent_count = %s\n\t\t\t\ttype = "snapshot"\n\t\t\t\tchunk_size = 8\n\t\t\t\torigin = "%s"\n\t\t\t\tcow_store = "%s"' "$1" "$2" "$3"; }
RW='"READ", "WRITE"' RWV='"READ", "WRITE", "VISIBLE"'
{
	lv c1 c1c1c1-c1c1-c1c1-c1c1-c1c1-c1c1-c1c1c1 "$RW" "$(lin 1 pv1 0)"
	lv c-2 c2c2c2-c2c2-c2c2-c2c2-c2c2-c2c2-c2c2c2 "$RW" "$(lin 1 pv1 1)"
	lv vs vsvsvs-vsvs-vsvs-vsvs-vsvs-vsvs-vsvsvs "$RW" "$(lin 1 pv1 2)"
	lv vs_vorigin vovovo-vovo-vovo-vovo-vovo-vovo-vovovo "$RW" \
		"$(printf '\t\t\t\tstart_extent = 0\n\t\t\t\textent_count = 32\n\t\t\t\ttype = "zero"')"
	lv snapshot0 s0s0s0-s0s0-s0s0-s0s0-s0s0-s0s0-s0s0s0 "$RWV" "$(snap 2 o c1)"
	lv snapshot1 s1s1s1-s1s1-s1s1-s1s1-s1s1-s1s1-s1s1s1 "$RWV" "$(snap 2 o c-2)"
	lv snapshot2 s2s2s2-s2s2-s2s2-s2s2-s2s2-s2s2-s2s2s2 "$RWV" "$(snap 32 vs_vorigin vs)"
} >"$T/snaps"
# the sections go at the end of logical_volumes (its "\t}" is the file's last)
awk -v f="$T/snaps" '{ l[NR] = $0 } /^\t}$/ { last = NR }
	END { for (i = 1; i <= NR; i++) { if (i == last) while ((getline s < f) > 0) print s; print l[i] } }' \
	"$T/base" >"$T/start"

start() {
	run lvm vgcfgrestore -f "$T/start" "$vg"
}
# lvs_of TOOL: LVs as lvm2 reads them: name, origin, PE ranges.
lvs_of() {
	lvm lvs -a --noheadings -o lv_name,origin,seg_pe_ranges "$vg" 2>/dev/null |
		sed "s#$A#A#g; s#$B#B#g" | awk '{$1=$1; print}' | sort
}

start
# lvm2 reads our start as snapshots
assert_eq "$(lvs_of | tr '\n' ';')" \
"[vs_vorigin];c-2 o B:1-1;c1 o B:0-0;o A:0-1;plain A:2-5;vs [vs_vorigin] B:2-2;" "lvm2's view of the start"
assert_eq "$(lvm lvs --noheadings -o lv_attr "$vg/c1" | tr -d ' ')" swi-XXs--- "lvm2's attr of c1"
check --lvm vgck_clean "$vg"

# same ARGS...: our lvremove ARGS and lvm2's, each from the start: same LVs left.
same() {
	local ours theirs
	start
	run vol lvremove "$@" </dev/null
	ours=$(lvs_of)
	check --lvm vgck_clean "$vg"
	check vgck_clean "$vg"
	start
	run lvm lvremove "$@" </dev/null
	theirs=$(lvs_of)
	assert_eq "$ours" "$theirs" "LVs left by lvremove $*"
}

same -y "$vg/c1"
assert_eq "$(lvs_of | tr '\n' ';')" \
	"[vs_vorigin];c-2 o B:1-1;o A:0-1;plain A:2-5;vs [vs_vorigin] B:2-2;" "after lvremove c1"
same -f "$vg/c-2" "$vg/c1"
assert_eq "$(lvs_of | tr '\n' ';')" "[vs_vorigin];o A:0-1;plain A:2-5;vs [vs_vorigin] B:2-2;" \
	"after removing both snapshots"
# an origin takes its snapshots along (inactive: no question)
same "$vg/o"
assert_eq "$(lvs_of | tr '\n' ';')" "[vs_vorigin];plain A:2-5;vs [vs_vorigin] B:2-2;" \
	"after lvremove o"
# a snapshot with a virtual origin takes the origin along
same -ff "$vg/vs"
assert_eq "$(lvs_of | tr '\n' ';')" "c-2 o B:1-1;c1 o B:0-0;o A:0-1;plain A:2-5;" "after lvremove vs"
same -ff "$vg"
assert_eq "$(lvs_of)" "" "after lvremove -ff $vg"

# ours and the model: the snapshotN LV stands for its snapshot too
start
run vol lvremove -y "$vg/snapshot1"
assert_eq "$(lvs_of | tr '\n' ';')" \
	"[vs_vorigin];c1 o B:0-0;o A:0-1;plain A:2-5;vs [vs_vorigin] B:2-2;" "after removing snapshot1"
check --lvm vgck_clean "$vg"
# --test changes nothing
start
fp=$(fingerprint)
run vol lvremove -t -ff "$vg"
assert_eq "$(fingerprint)" "$fp" "devices after lvremove --test"

# edit CMD ARGS...: our CMD and lvm2's, each from the start: the same LVs
# (sizes, names, origins, tags, permissions) and both tools' vgck clean.
lvs_full() {
	lvm lvs -a --noheadings -o lv_name,origin,lv_size,lv_attr,lv_tags,seg_pe_ranges "$vg" 2>/dev/null |
		sed "s#$A#A#g; s#$B#B#g" | awk '{$1=$1; print}' | sort
}
edit() {
	local ours theirs
	start
	run vol "$@" </dev/null
	ours=$(lvs_full)
	check --lvm vgck_clean "$vg"
	check vgck_clean "$vg"
	start
	run lvm "$@" </dev/null
	theirs=$(lvs_full)
	assert_eq "$ours" "$theirs" "LVs after $*"
	assert_ne "$ours" "$(start; lvs_full)" "$* changed something"
}
# a snapshot (its COW LV) is named, resized, renamed and changed as lvm2 does;
# renaming a snapshot or an origin renames it in the snapshot segments too
edit lvextend -L+1M "$vg/c1"
edit lvresize -y -l3 "$vg/vs"
edit lvrename "$vg" c1 c1new
edit lvrename "$vg/o" "$vg/orig"
edit lvrename "$vg" vs vsnew
edit lvchange -pr "$vg/c-2"
edit lvchange --addtag t1 "$vg/c1"
start
run vol lvextend -L+1M "$vg/c1"
run vol lvreduce -y -L-1M "$vg/c1"
run vol lvrename "$vg" c1 c1new
run vol lvrename "$vg" o o2
assert_eq "$(lvs_of | tr '\n' ';')" \
	"[vs_vorigin];c-2 o2 B:1-1;c1new o2 B:0-0;o2 A:0-1;plain A:2-5;vs [vs_vorigin] B:2-2;" \
	"lvm2's view after our resizes and renames"
check --lvm vgck_clean "$vg"
# the internal snapshotN LV is not an LV to resize or rename, for lvm2 neither
start
not vol lvextend -L+1M "$vg/snapshot0"
not vol lvrename "$vg" snapshot0 s0
not lvm lvrename "$vg" snapshot0 s0
