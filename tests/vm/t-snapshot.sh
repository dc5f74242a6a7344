#!/usr/bin/env bash
# lvm2's old-style snapshots, made by lvm2 (we do not make them), handled by us:
# - our activation loads the tables lvm2 loads (origin-real, COW layers,
#   snapshot, snapshot-origin; a --virtualsize snapshot's zero origin), and
#   the snapshot works (it keeps the origin's old data);
# - deactivation takes snapshots down before their origin (vgchange -an,
#   lvchange -an of an origin or of a snapshot: the whole stack, as lvm2);
# - lvremove of a snapshot (the origin stays live, and plain linear again
#   after its last snapshot, as lvm2 leaves it), of an origin (with its
#   snapshots; asking first when active), of a --virtualsize snapshot (with
#   its hidden origin) and of a whole VG; lvm2 reads the result (vgck).
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_disks 2
a=$(disk 0)
b=$(disk 1)
vg=snapvg

# Every dm device's table, with device numbers as names.
tables() {
	dm_tables
}

run pvcreate -q "$a" "$b"
run vgcreate -q -s 1M "$vg" "$a" "$b"
run lvcreate -q -Zn -L 8M -n o "$vg" "$a"
echo old | dd of="/dev/$vg/o" bs=512 conv=sync,fsync status=none
run lvcreate -q -s -L 4M -n s1 "$vg/o" "$b"
run lvcreate -q -s -pr --chunksize 8k -L 4M -n s-2 "$vg/o" "$b"
run lvcreate -q --type snapshot -s -V 32M -L 4M -n v "$vg"
lvm_tables=$(tables)
note "lvm2's tables:"
echo "$lvm_tables"
assert_has "$lvm_tables" "$vg-o: 0 16384 snapshot-origin <$vg-o-real>"

# vgchange -an: snapshots before origins, nothing left
run vol vgchange -an "$vg"
assert_eq "$(dm_names)" "" "dm devices after our vgchange -an"
[ ! -e "/dev/$vg" ] || die "/dev/$vg left after vgchange -an"

# our activation: lvm2's tables, the links lvm2 makes
run vol vgchange -ay "$vg"
assert_eq "$(tables)" "$lvm_tables" "our tables against lvm2's"
for l in o s1 s-2 v; do [ -L "/dev/$vg/$l" ] || die "/dev/$vg/$l missing"; done
for l in o-real s1-cow v_vorigin; do [ ! -e "/dev/$vg/$l" ] || die "/dev/$vg/$l: a link to a layer"; done
[ "$(blockdev --getro "/dev/mapper/$vg-s--2")" = 1 ] || die "the -pr snapshot is writable"
[ "$(blockdev --getro "/dev/mapper/$vg-s--2-cow")" = 0 ] || die "a COW layer is read-only"
echo new | dd of="/dev/$vg/o" bs=512 conv=sync,fsync status=none
assert_eq "$(head -c 3 "/dev/$vg/o")" new "origin after the write"
assert_eq "$(head -c 3 "/dev/$vg/s1")" old "snapshot s1 keeps the old data"
assert_eq "$(head -c 3 "/dev/$vg/s-2")" old "snapshot s-2 keeps the old data"

# an active snapshot is not resized here (we do not reload lvm2's snapshot
# devices): refused, nothing changed
seq0=$(get vg_field "$vg" vg_seqno)
fail vol lvextend -L+1M "$vg/s1"
assert_has "$(err)" "Cannot resize snapshot $vg/s1 while it is active" "lvextend of an active snapshot"
assert_eq "$(get vg_field "$vg" vg_seqno)" "$seq0" "seqno after the refusal"
assert_eq "$(tables)" "$lvm_tables" "tables after the refusal"
# but renamed while active, as lvm2 renames it: a snapshot with its COW
# layer, an origin with its real layer, a virtual origin's snapshot with
# that origin; lvm2's renames back restore lvm2's tables exactly
run vol lvrename "$vg" s1 s1b
run vol lvrename "$vg/o" "$vg/o2"
run vol lvrename "$vg" v vb
for l in o2 s1b s-2 vb; do [ -L "/dev/$vg/$l" ] || die "/dev/$vg/$l missing after the renames"; done
for l in o s1 v vb_vorigin; do [ ! -e "/dev/$vg/$l" ] || die "/dev/$vg/$l left after the renames"; done
assert_eq "$(dm_names | tr '\n' ' ')" "$vg-o2 $vg-o2-real $vg-s--2 $vg-s--2-cow $vg-s1b $vg-s1b-cow $vg-vb $vg-vb-cow $vg-vb_vorigin $vg-vb_vorigin-real " \
	"dm names after our renames"
assert_eq "$(head -c 3 "/dev/$vg/s1b")" old "the renamed snapshot's data"
run lvrename "$vg" s1b s1
run lvrename "$vg" o2 o
run lvrename "$vg" vb v
assert_eq "$(tables)" "$lvm_tables" "tables after lvm2 renamed them back"

# lvchange -an of a snapshot takes its origin's whole stack down (lvm2's rule)
run vol lvchange -an "$vg/s1"
assert_eq "$(dm_names | tr '\n' ' ')" "$vg-v $vg-v-cow $vg-v_vorigin $vg-v_vorigin-real " \
	"dm devices after lvchange -an of snapshot s1"
run vol lvchange -ay "$vg/o"
assert_eq "$(tables)" "$lvm_tables" "tables after lvchange -ay of the origin"
# an open snapshot keeps the whole stack up
exec 7<"/dev/$vg/s-2"
fail vol lvchange -an "$vg/o"
assert_eq "$(tables)" "$lvm_tables" "nothing removed while a snapshot is open"
exec 7<&-

# lvremove of a snapshot: its devices go, the origin stays up
run vol lvremove -y "$vg/s1"
assert_no_line "$(dm_names)" "^$vg-s1"
assert_line "$(dm_names)" "^$vg-o-real$"
check --lvm vgck_clean "$vg"
assert_eq "$(lvm lvs --noheadings -o lv_name,origin "$vg" | awk '{print $1 "/" $2}' | sort | tr '\n' ' ')" \
	"o/ s-2/o v/[v_vorigin] " "lvm2's LVs after removing s1"
assert_eq "$(head -c 3 "/dev/$vg/s-2")" old "s-2 after removing s1"
# the last one: the origin is plain linear again, as lvm2 leaves it
run vol lvremove -y "$vg/s-2"
assert_eq "$(dmsetup table "$vg-o" | awk '{print $3}')" linear "origin table after its last snapshot"
assert_no_line "$(dm_names)" "^$vg-o-real$"
assert_eq "$(head -c 3 "/dev/$vg/o")" new "origin data after its last snapshot"
check --lvm vgck_clean "$vg"

# an active origin with snapshots: asked first (EOF is no), then removed with them
run lvcreate -q -s -L 4M -n s3 "$vg/o" "$b"
fail vol lvremove "$vg/o" </dev/null
assert_has "$(output)" "Do you really want to remove active origin logical volume $vg/o with 1 snapshots(s)? [y/n]: "
assert_has "$(err)" "Logical volume $vg/o not removed."
run vol lvremove -y "$vg/o"
assert_eq "$(dm_names | grep -c "^$vg-[os]")" 0 "origin and snapshot devices left"
assert_eq "$(lvm lvs --noheadings -o lv_name "$vg" | tr -d ' ' | tr '\n' ' ')" "v " "lvm2's LVs"

# a --virtualsize snapshot goes with its hidden origin
run vol lvremove -ff "$vg/v"
assert_eq "$(dm_names)" "" "dm devices after removing v"
assert_eq "$(lvm lvs -a --noheadings -o lv_name "$vg")" "" "lvm2's LVs after removing v"
check --lvm vgck_clean "$vg"

# lvremove -ff of the whole VG, and vgchange -an of it inactive already
run lvcreate -q -Zn -L 8M -n o2 "$vg" "$a"
run lvcreate -q -s -L 4M -n s4 "$vg/o2" "$b"
run lvcreate -q --type snapshot -s -V 16M -L 4M -n v2 "$vg"
run vol lvremove -ff "$vg"
assert_eq "$(dm_names)" "" "dm devices after lvremove -ff $vg"
assert_eq "$(lvm lvs -a --noheadings -o lv_name "$vg")" "" "lvm2's LVs after lvremove -ff $vg"
check --lvm vgck_clean "$vg"
run vgremove -q -f "$vg"
# The COW areas keep snapshot headers past the first MiB the harness wipes:
# later tests would find DM_snapshot_cow signatures in their new LVs.
wipe "$a" 64
wipe "$b" 64
