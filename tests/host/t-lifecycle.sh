#!/usr/bin/env bash
# Every PV and VG command through a life cycle: pvcreate's options (layouts
# checked against lvm2 doing the same), force levels, pvremove, pvresize,
# vgcreate/vgextend/vgreduce/vgremove/vgrename/vgchange options, backups,
# archives and restores, vgck.  Along the way: PV_EXT_USED on every
# orphan/in-use transition, seqno +1 per write, archive and backup files.
# Assertions are soft (see tests/lib/common.sh): every failure is listed, then the test fails.
. "$(dirname "$0")/lib.sh"

setup_loops 10

# ---------------------------------------------------------------- helpers

seq_ours() { get vg_field "$1" vg_seqno; }
seq_lvm() { get --lvm vg_field "$1" vg_seqno; }

# file_seqno FILE / file_desc FILE: the VG seqno and description of an lvm2
# metadata backup or archive file.
file_seqno() { awk '$1 == "seqno" && $2 == "=" { print $3; exit }' "$1"; }
file_desc() { sed -n 's/^description = "\(.*\)"$/\1/p' "$1"; }

# archives VG: VG's archive files, oldest first (the index is zero-padded);
# none before the first archive makes the folder.
archives() {
	[ -d "$T/archive" ] || return 0
	find "$T/archive" -maxdepth 1 -name "$1_[0-9][0-9][0-9][0-9][0-9]-*.vg" | sort
}

# write_step VG CMD ARGS...: a write command on VG.  It must exit 0, raise the
# seqno by exactly one (as both tools see it), archive the old metadata
# (seqno before, "Created *before* executing 'CMD ...'") and back up the new
# one (seqno after, "Created *after* executing 'CMD ...'").  vgrename's new
# name is its last argument.
write_step() {
	local vg=$1 cmd=$2 newvg before after n0 arch bk
	shift 2
	newvg=$vg
	[ "$cmd" != vgrename ] || newvg=${*: -1}
	before=$(seq_ours "$vg")
	n0=$(archives "$vg" | wc -l)
	run vol "$cmd" "$@"
	after=$(seq_ours "$newvg")
	assert_eq "$after" "$((before + 1))" "seqno after $cmd $* (ours)"
	check --lvm vg_field "$newvg" vg_seqno "$after" "after $cmd $*"
	assert_eq "$(archives "$vg" | wc -l)" "$((n0 + 1))" "one new archive of $vg after $cmd"
	arch=$(archives "$vg" | tail -n 1)
	assert_eq "$(file_seqno "$arch")" "$before" "seqno in the archive $arch"
	[[ "$(file_desc "$arch")" == "Created *before* executing '$cmd "*"'" ]] ||
		die "archive $arch description: $(file_desc "$arch")"
	bk="$T/backup/$newvg"
	[ -f "$bk" ] || die "no backup $bk after $cmd"
	assert_eq "$(file_seqno "$bk")" "$after" "seqno in the backup $bk"
	[[ "$(file_desc "$bk")" == "Created *after* executing '$cmd "*"'" ]] ||
		die "backup $bk description: $(file_desc "$bk")"
	if [ "$newvg" != "$vg" ] && [ -e "$T/backup/$vg" ]; then
		die "backup of the old name $vg left behind by $cmd"
	fi
}

# unchanged VG SEQ FP: after a refused command, VG is still at seqno SEQ and
# every device is as fingerprinted in FP.
unchanged() {
	check vg_field "$1" vg_seqno "$2" "unchanged"
	assert_eq "$(fingerprint)" "$3" "devices changed"
}

# in_use DEV 0|1: PV_EXT_USED as our pv_in_use, lvm2's pv_in_use, and the
# pv_header_extension.flags of both tools' pvck --dump headers.
ext_flags() {
	if [ "$1" = ours ]; then vol pvck --dump headers "$2"; else lvm pvck --dump headers "$2"; fi 2>/dev/null |
		awk '$1 == "pv_header_extension.flags" { print $2 }'
}
in_use() {
	local dev=$1 want=$2
	assert_eq "$(vol pvs --noheadings --binary -o pv_in_use "$dev" | xargs)" "$want" "our pv_in_use of $dev"
	assert_eq "$(lvm pvs --noheadings --binary -o pv_in_use "$dev" 2>/dev/null | xargs)" "$want" \
		"lvm2's pv_in_use of $dev"
	assert_eq "$(ext_flags ours "$dev")" "$want" "pv_header_extension.flags of $dev (our pvck)"
	assert_eq "$(ext_flags lvm2 "$dev")" "$want" "pv_header_extension.flags of $dev (lvm2's pvck)"
}

# both_see KIND NAME FIELDS: our report and lvm2's agree on FIELDS of NAME.
both_see() {
	local kind=$1 name=$2 fields=$3 a b
	a=$(rows "$kind" --units b --nosuffix -o "$fields" "$name")
	b=$(rows --lvm "$kind" --units b --nosuffix -o "$fields" "$name")
	[ -n "$a" ] || die "$kind $name: we report nothing"
	assert_eq "$a" "$b" "$kind $name: our report vs lvm2's"
}

# msg_names WORD...: the last run's output (run, fail...) names every WORD.
msg_names() {
	local w
	for w in "$@"; do
		assert_has "$(output)" "$w" "the message"
	done
}

VGF=vg_name,vg_uuid,vg_attr,vg_seqno,vg_extent_size,vg_extent_count,vg_free_count,max_lv,max_pv,vg_tags,vg_allocation_policy,pv_count,lv_count,vg_missing_pv_count,vg_mda_count,vg_mda_size,vg_mda_free
PVF=pv_name,pv_uuid,vg_name,dev_size,pv_size,pe_start,pv_pe_count,pv_pe_alloc_count,pv_mda_count,pv_mda_size,pv_mda_free,pv_ba_start,pv_ba_size,pv_in_use,pv_attr

# ---------------------------------------------------------------- pvcreate layouts vs lvm2
# Same options, ours on one device, lvm2's on an identical one: same layout,
# same header dump (uuid and checksums aside); lvm2 reads ours the same.

OURS=${DEVS[0]} THEIRS=${DEVS[1]}
LAYOUT=vg_name,dev_size,pv_size,pe_start,pv_pe_count,pv_mda_count,pv_mda_used_count,pv_mda_size,pv_mda_free,pv_ba_start,pv_ba_size,pv_in_use,pv_ext_vsn
mask_dump() {
	sed -E -e 's/^( *pv_header\.pv_uuid) .*/\1 X/' -e 's/^( *[a-z_0-9.]*\.(crc|checksum)) .*/\1 X/'
}
parity() {
	local a
	run vol pvcreate -ff -y "$@" "$OURS"
	run lvm pvcreate -ff -y "$@" "$THEIRS"
	a=$(rows pvs --units b --nosuffix -o "$LAYOUT" "$OURS")
	assert_eq "$a" "$(rows --lvm pvs --units b --nosuffix -o "$LAYOUT" "$THEIRS")" \
		"pvcreate $*: our layout vs lvm2's"
	assert_eq "$(rows --lvm pvs --units b --nosuffix -o "$LAYOUT" "$OURS")" "$a" \
		"pvcreate $*: lvm2 reads our PV differently"
	assert_eq "$(vol pvck --dump headers "$OURS" 2>&1 | mask_dump)" \
		"$(lvm pvck --dump headers "$THEIRS" 2>/dev/null | mask_dump)" \
		"pvcreate $*: header dump of ours vs lvm2's (uuid/crc masked)"
}
soft parity
soft parity --metadatasize 2m
soft parity --metadatasize 32k --dataalignment 4k
soft parity --pvmetadatacopies 0
soft parity --pvmetadatacopies 1
soft parity --pvmetadatacopies 2
soft parity --pvmetadatacopies 2 --metadatasize 2m
soft parity --dataalignment 2m
soft parity --bootloaderareasize 1m
soft parity --pvmetadatacopies 2 --bootloaderareasize 1m
soft parity --setphysicalvolumesize 32m
soft parity --dataalignmentoffset 7s

# ---------------------------------------------------------------- pvcreate on an orphan PV, -f

D=${DEVS[2]}
run vol pvcreate "$D"
soft in_use "$D" 0
u1=$(get pv_field "$D" pv_uuid)
soft run vol pvcreate "$D"	# lvm2 re-initialises an orphan PV without -f too
soft run vol pvcreate -f "$D"
soft check pv_field "$D" vg_name "" "still an orphan after pvcreate -f"
soft assert_ne "$(get pv_field "$D" pv_uuid)" "$u1" "PV uuid after pvcreate -f (lvm2 makes a new one)"
soft in_use "$D" 0

# ---------------------------------------------------------------- a PV in a VG: -ff -y only

vgA=$(vgname A)
E=${DEVS[3]}
run vol vgcreate "$vgA" "$D" "$E"	# D is a PV already, E gets an implicit pvcreate
soft in_use "$D" 1
soft in_use "$E" 1
s=$(seq_ours "$vgA")
fp=$(fingerprint)
soft fail vol pvcreate "$E"
soft msg_names "$E" "$vgA"
soft fail vol pvcreate -f "$E"
soft fail vol pvcreate -ff "$E"	# no terminal, no -y: refused
soft msg_names "$E"
soft fail vol pvremove "$E"
soft msg_names "$E" "$vgA"
soft fail vol pvremove -f "$E"
soft fail vol pvremove -ff "$E"
soft unchanged "$vgA" "$s" "$fp"
soft run vol pvcreate -ff -y "$E"
soft check pv_field "$E" vg_name "" "pvcreate -ff -y makes an orphan"
soft in_use "$E" 0
soft check vg_field "$vgA" vg_missing_pv_count 1 "$vgA misses the re-created PV (ours)"
soft check --lvm vg_field "$vgA" vg_missing_pv_count 1 "$vgA misses the re-created PV (lvm2)"
soft write_step "$vgA" vgreduce --removemissing "$vgA"
soft check vg_field "$vgA" pv_count 1 "pv_count after --removemissing"
soft check vg_field "$vgA" vg_missing_pv_count 0 "nothing missing after --removemissing"

# pvremove: an orphan goes quietly; a PV in a VG with -ff -y.
soft run vol pvremove "$E"
soft fail vol pvs "$E"
soft fail lvm pvs "$E"
soft run vol pvremove -ff -y "$D"
soft fail vol pvs "$D"
soft fail vol vgs "$vgA"	# its only PV is gone

# ---------------------------------------------------------------- pvresize

vgB=$(vgname B)
P=${DEVS[4]} Q=${DEVS[5]}
run vol vgcreate "$vgB" "$P"
run vol pvcreate "$Q"
truncate -s 96M "$T/disk4.img" "$T/disk5.img"
losetup -c "$P"
losetup -c "$Q"
es=$(get vg_field "$vgB" vg_extent_size)
ps=$(get pv_field "$P" pe_start)
soft write_step "$vgB" pvresize "$P"
soft check pv_field "$P" dev_size 100663296 "dev_size after growing"
soft check pv_field "$P" pv_pe_count $(((100663296 - ps) / es)) "pe_count after growing"
soft both_see pvs "$P" "$PVF"
soft run vol pvresize "$Q"	# an orphan: only its header changes
soft check pv_field "$Q" pv_size 100663296 "orphan pv_size after growing"
soft both_see pvs "$Q" "$PVF"
soft assert_eq "$(vol pvck --dump headers "$Q" | awk '$1 == "pv_header.device_size" { print $2 }')" 100663296 \
	"label device_size of the grown orphan"

soft write_step "$vgB" pvresize -y --setphysicalvolumesize 40m "$P"
soft check pv_field "$P" pv_pe_count $(((40 * 1048576 - ps) / es)) "pe_count after shrinking to 40m"
soft both_see pvs "$P" "$PVF"
# Allocate 6 extents with lvm2 (we have no lvcreate), then shrink below them.
run lvm lvcreate -an -Zn -l 6 -n lv0 "$vgB"
soft check pv_field "$P" pv_pe_alloc_count 6 "extents allocated by lvm2's lvcreate"
s=$(seq_ours "$vgB")
fp=$(fingerprint)
soft fail vol pvresize -y --setphysicalvolumesize 20m "$P"
soft msg_names "$P"
soft unchanged "$vgB" "$s" "$fp"
soft write_step "$vgB" pvresize -y --setphysicalvolumesize $((ps / 1048576 + 6 * es / 1048576))m "$P"
soft check pv_field "$P" pv_pe_count 6 "shrunk to exactly the used extents"
soft check pv_field "$P" pv_free 0 "no free space left"
soft check --lvm vgck_clean "$vgB"

# ---------------------------------------------------------------- reports and displays

soft run vol pvs --options help
soft msg_names pv_name pv_uuid pv_size pe_start
soft run vol vgs --options help
soft msg_names vg_name vg_uuid vg_size vg_seqno
soft run vol pvdisplay "$P"
soft msg_names "$P" "$(get pv_field "$P" pv_uuid)" "$vgB"
soft run vol pvscan
soft msg_names "$P" "$Q"
soft run vol pvck "$P"
soft fail vol pvck "$E"	# no label since pvremove
soft run vol pvck --dump metadata "$P"
soft assert_line "$(out)" "^seqno = $(seq_ours "$vgB")\$" "pvck --dump metadata (the current seqno)"

# ---------------------------------------------------------------- vgcreate with every option

vgC=$(vgname C)
C1=${DEVS[6]} C2=${DEVS[7]} C3=${DEVS[8]} C4=${DEVS[9]}
run vol vgcreate -s 8m -l 7 -p 9 --addtag t1 --addtag t2 --alloc contiguous \
	--pvmetadatacopies 2 --metadatasize 2m "$vgC" "$C1" "$C2"
soft check vg_field "$vgC" vg_extent_size 8388608 "-s 8m"
soft check vg_field "$vgC" max_lv 7 "-l 7"
soft check vg_field "$vgC" max_pv 9 "-p 9"
soft check vg_field "$vgC" vg_tags t1,t2 "--addtag twice"
soft check vg_field "$vgC" vg_allocation_policy contiguous "--alloc contiguous"
soft check vg_field "$vgC" vg_seqno 1 "seqno of a new VG"
soft check pv_field "$C1" pv_mda_count 2 "--pvmetadatacopies 2 (implicit pvcreate)"
soft check pv_field "$C2" pv_mda_count 2 "--pvmetadatacopies 2 (implicit pvcreate)"
soft both_see vgs "$vgC" "$VGF"
soft both_see pvs "$C1" "$PVF"
soft in_use "$C1" 1
soft in_use "$C2" 1
soft assert_eq "$(archives "$vgC" | wc -l)" 0 "vgcreate archives nothing (as lvm2)"
soft assert_eq "$(file_seqno "$T/backup/$vgC")" 1 "backup after vgcreate"
[[ "$(file_desc "$T/backup/$vgC")" == "Created *after* executing 'vgcreate "*"'" ]] ||
	soft die "backup description after vgcreate: $(file_desc "$T/backup/$vgC")"

# ---------------------------------------------------------------- vgextend, vgchange, vgreduce

soft write_step "$vgC" vgextend "$vgC" "$C3"	# implicit pvcreate
soft check vg_field "$vgC" pv_count 3 "pv_count after vgextend"
soft in_use "$C3" 1

soft write_step "$vgC" vgchange --addtag t3 "$vgC"
soft check vg_field "$vgC" vg_tags t1,t2,t3 "--addtag t3"
soft write_step "$vgC" vgchange --addtag t3 "$vgC"	# idempotent; lvm2 writes too
soft check vg_field "$vgC" vg_tags t1,t2,t3 "--addtag of an existing tag"
soft write_step "$vgC" vgchange --deltag t1 "$vgC"
soft check vg_field "$vgC" vg_tags t2,t3 "--deltag t1"
soft write_step "$vgC" vgchange --deltag nosuchtag "$vgC"
soft check vg_field "$vgC" vg_tags t2,t3 "--deltag of a missing tag"
soft write_step "$vgC" vgchange -l 3 -p 5 "$vgC"
soft assert_eq "$(get vg_field "$vgC" max_lv),$(get vg_field "$vgC" max_pv)" 3,5 "vgchange -l 3 -p 5"
for pol in cling anywhere normal; do	# vg_attr's 5th letter follows the policy
	soft write_step "$vgC" vgchange --alloc $pol "$vgC"
	soft check vg_field "$vgC" vg_allocation_policy $pol "--alloc $pol"
	soft both_see vgs "$vgC" "$VGF"
done
soft write_step "$vgC" vgchange -x n "$vgC"
soft assert_eq "$(get vg_field "$vgC" vg_attr | cut -c2)" - "not resizeable after -x n"
s=$(seq_ours "$vgC")
fp=$(fingerprint)
soft fail vol vgextend "$vgC" "$C4"
soft msg_names "$vgC"
soft unchanged "$vgC" "$s" "$fp"
soft write_step "$vgC" vgchange -x y "$vgC"
soft assert_eq "$(get vg_field "$vgC" vg_attr | cut -c2)" z "resizeable after -x y"
old_uuid=$(get vg_field "$vgC" vg_uuid)
soft write_step "$vgC" vgchange -u "$vgC"
soft assert_ne "$(get vg_field "$vgC" vg_uuid)" "$old_uuid" "VG uuid after vgchange -u"
soft both_see vgs "$vgC" "$VGF"
soft check --lvm vgck_clean "$vgC"

soft write_step "$vgC" vgreduce "$vgC" "$C3"
soft check pv_field "$C3" vg_name "" "reduced PV is an orphan"
soft in_use "$C3" 0
# Every PV empty: as lvm2, vgreduce -a removes all but the last one and
# then fails on that one (exit 5, the removals written).
s=$(get vg_field "$vgC" vg_seqno)
soft exits 5 vol vgreduce -a "$vgC"
soft assert_has "$(output)" "Can't remove final physical volume \"$C2\"" "vgreduce -a on the last PV"
soft check vg_field "$vgC" vg_seqno $((s + 1)) "vgreduce -a wrote the removal"
soft check vg_field "$vgC" pv_count 1 "vgreduce -a keeps one PV"
soft in_use "$C1" 0
soft in_use "$C2" 1
soft write_step "$vgC" vgextend "$vgC" "$C1" "$C3"
soft in_use "$C1" 1
soft in_use "$C3" 1

# ---------------------------------------------------------------- backups, archives, restore

seq_now=$(seq_ours "$vgC")
n_arch=$(archives "$vgC" | wc -l)
soft run vol vgcfgbackup "$vgC"
soft run vol vgcfgbackup "$vgC"	# twice: same result
soft assert_eq "$(file_seqno "$T/backup/$vgC")" "$seq_now" "default backup holds the current seqno"
soft run vol vgcfgbackup -f "$T/c1.vg" "$vgC"
cp "$T/c1.vg" "$T/c1.first"
soft run vol vgcfgbackup -f "$T/c1.vg" "$vgC"
soft assert_eq "$(grep -v -e '^# Generated' -e '^creation_time' "$T/c1.vg")" \
	"$(grep -v -e '^# Generated' -e '^creation_time' "$T/c1.first")" "vgcfgbackup -f twice"
soft assert_eq "$(file_seqno "$T/c1.vg")" "$seq_now" "seqno in vgcfgbackup -f file"
soft assert_eq "$(seq_ours "$vgC")" "$seq_now" "vgcfgbackup does not write the VG"
soft assert_eq "$(archives "$vgC" | wc -l)" "$n_arch" "vgcfgbackup makes no archive"
# backup/archive apart from backup/backup, as lvm2 (vgcfgbackup-usage relies on it)
soft run vol vgchange --addtag arch_only --config 'backup{backup=0 archive=1}' "$vgC"
soft assert_eq "$(archives "$vgC" | wc -l)" "$((n_arch + 1))" "backup=0 archive=1: archived"
soft assert_eq "$(file_seqno "$T/backup/$vgC")" "$seq_now" "backup=0 archive=1: no new backup"
soft run vol vgchange --deltag arch_only --config 'backup{archive=0}' "$vgC"
soft assert_eq "$(archives "$vgC" | wc -l)" "$((n_arch + 1))" "archive=0: no archive"
soft run vol vgcfgbackup "$vgC"
seq_now=$(seq_ours "$vgC")
n_arch=$(archives "$vgC" | wc -l)
soft run vol vgcfgbackup -f "$T/c1.vg" "$vgC"

soft write_step "$vgC" vgchange --addtag gone_after_restore "$vgC"
soft run vol vgcfgrestore -f "$T/c1.vg" "$vgC"
# lvm2's rule: the restored metadata gets the file's seqno + 1.
soft assert_eq "$(seq_ours "$vgC")" "$((seq_now + 1))" "seqno after vgcfgrestore (ours)"
soft assert_eq "$(seq_lvm "$vgC")" "$((seq_now + 1))" "seqno after vgcfgrestore (lvm2)"
soft check vg_field "$vgC" vg_tags t2,t3 "tags restored"
soft both_see vgs "$vgC" "$VGF"
soft check --lvm vgck_clean "$vgC"
soft check vgck_clean "$vgC"
soft run vol vgcfgrestore -l "$vgC"
for f in $(archives "$vgC") "$T/backup/$vgC"; do
	soft msg_names "$f"
done
# -l -f: that file only, as lvm2 lists it
soft run vol vgcfgrestore -l -f "$T/c1.vg" "$vgC"
soft assert_has "$(out)" "$(printf '  File:\t\t%s' "$T/c1.vg")" "vgcfgrestore -l -f names the file"
soft assert_eq "$(out | grep -c Description)" 1 "vgcfgrestore -l -f lists one file"
soft fail vol vgcfgrestore -l -f "$T/no-such.vg" "$vgC"
soft assert_eq "$(err)" "  Archive file $T/no-such.vg not found." "lvm2's words for a missing file"

# ---------------------------------------------------------------- pvcreate --uuid --restorefile
# A PV whose label was wiped comes back with its uuid and layout from a
# backup, then vgcfgrestore makes the VG whole.  lvm2 does it first on the
# same device: its result is the reference layout.

run vol vgcfgbackup -f "$T/c2.vg" "$vgC"
u=$(get pv_field "$C2" pv_uuid)
pe=$(get pv_field "$C2" pe_start)
RESTORED=vg_name,pv_uuid,dev_size,pe_start,pv_mda_count,pv_mda_size
soft run vol pvremove -ff -y "$C2"
soft invalid vol pvcreate --uuid "$u" "$C2"	# --restorefile is required (as in lvm2)
soft assert_has "$(err)" "--restorefile is required with --uuid" "lvm2's words"
soft invalid vol pvcreate --restorefile "$T/c2.vg" "$C2"
soft assert_has "$(err)" "--uuid is required with --restorefile" "lvm2's words"
soft invalid vol pvcreate --uuid "$u" --restorefile "$T/c2.vg" --bootloaderareasize 1m "$C2"
soft assert_has "$(err)" "Command does not accept option combination: --bootloaderareasize  with --restorefile" \
	"lvm2's words"
run lvm pvcreate --uuid "$u" --restorefile "$T/c2.vg" "$C2"
want=$(rows --lvm pvs --units b --nosuffix -o "$RESTORED" "$C2")
run lvm pvremove -ff -y "$C2"
# an alignment off the restored pe_start is ignored, with lvm2's warning
soft run vol pvcreate --uuid "$u" --restorefile "$T/c2.vg" --dataalignment 500k --dataalignmentoffset 10k "$C2"
soft assert_has "$(err)" "WARNING: Ignoring data alignment 510.00 KiB incompatible with restored pe_start value" \
	"the ignored alignment"
soft run vol pvremove -ff -y "$C2"
soft run vol pvcreate --uuid "$u" --restorefile "$T/c2.vg" "$C2"
soft check pv_field "$C2" pv_uuid "$u" "uuid from --uuid"
soft check pv_field "$C2" pe_start "$pe" "pe_start from --restorefile"
soft assert_eq "$(rows pvs --units b --nosuffix -o "$RESTORED" "$C2")" "$want" \
	"layout after pvcreate --restorefile, ours vs lvm2's"
soft run vol vgcfgrestore -f "$T/c2.vg" "$vgC"
soft assert_eq "$(seq_ours "$vgC")" "$(($(file_seqno "$T/c2.vg") + 1))" "seqno after vgcfgrestore"
soft check vg_field "$vgC" vg_missing_pv_count 0 "whole again (ours)"
soft check --lvm vg_field "$vgC" vg_missing_pv_count 0 "whole again (lvm2)"
soft in_use "$C2" 1
soft check --lvm vgck_clean "$vgC"

soft write_step "$vgC" vgck --updatemetadata "$vgC"
soft check --lvm vgck_clean "$vgC"
soft check vgck_clean "$vgC"

# ---------------------------------------------------------------- vgrename, vgs, vgdisplay, vgscan

vgD=$(vgname D)
soft write_step "$vgC" vgrename "$vgC" "$vgD"
soft fail vol vgs "$vgC"
soft check pv_field "$C1" vg_name "$vgD" "PVs follow the rename"
soft both_see vgs "$vgD" "$VGF"
soft run vol vgscan
soft msg_names "$vgD"
soft run vol vgdisplay "$vgD"
soft msg_names "$vgD" "$(get vg_field "$vgD" vg_uuid)"

# ---------------------------------------------------------------- a PV disappears: --removemissing

detach_loop "$C3"
soft check vg_field "$vgD" vg_missing_pv_count 1 "missing PV seen (ours)"
soft assert_eq "$(get vg_field "$vgD" vg_attr | cut -c4)" p "partial attr (ours)"
soft check --lvm vg_field "$vgD" vg_missing_pv_count 1 "missing PV seen (lvm2)"
soft write_step "$vgD" vgreduce --removemissing "$vgD"
soft check vg_field "$vgD" pv_count 2 "pv_count after --removemissing"
soft both_see vgs "$vgD" "$VGF"
soft check --lvm vgck_clean "$vgD"

# ---------------------------------------------------------------- pvcreate --restorefile: room for it
# The extents a backup records must fit the device, and a second metadata
# area must fit after them.  Each tool refuses the same commands on the
# same bytes; ours writes nothing and names the device.

add_loop 64M; R1=$LAST_LOOP
add_loop 32M; R2=$LAST_LOOP
vgR=$(vgname R)
run vol pvcreate "$R1"
run vol vgcreate -s 1m "$vgR" "$R1"
run vol vgcfgbackup -f "$T/r.vg" "$vgR"
u=$(get pv_field "$R1" pv_uuid)
run vol vgremove -ff "$vgR"
run vol pvremove -ff -y "$R1"
fp=$(fingerprint)
soft fail vol pvcreate --restorefile "$T/r.vg" --uuid "$u" "$R2"	# 63 MiB of extents on 32 MiB
soft assert_has "$(err)" "$R2: the restored PV's extents end at 64.00 MiB, beyond the end of the device (32.00 MiB)." \
	"names the device and both ends"
soft fail vol pvcreate --restorefile "$T/r.vg" --uuid "$u" --metadatacopies 2 "$R1"
soft assert_has "$(err)" "Not enough space available for metadata area with index 1 on PV $R1." "lvm2's words"
soft assert_eq "$(fingerprint)" "$fp" "nothing written by the refused restores"
soft fail lvm pvcreate --restorefile "$T/r.vg" --uuid "$u" "$R2"
soft fail lvm pvcreate --restorefile "$T/r.vg" --uuid "$u" --metadatacopies 2 "$R1"
soft assert_has "$(err)" "Not enough space available for metadata area with index 1 on PV $R1." "lvm2 alike"

# pvremove -f of a device with no PV succeeds, as in lvm2, wiping only a
# label the scan could not use (here a LABELONE sector with a bad checksum).
printf 'LABELONE\001\0\0\0\0\0\0\0' | dd of="$R2" bs=512 seek=1 conv=notrunc status=none
soft fail vol pvremove "$R2"
soft assert_has "$(err)" "No PV found on device $R2." "without -f: lvm2's words"
soft run vol pvremove -f "$R2"
soft assert_has "$(output)" "Labels on physical volume \"$R2\" successfully wiped." "with -f"
soft assert_eq "$(dd if="$R2" bs=512 skip=1 count=1 status=none | tr -d '\0' | wc -c)" 0 \
	"the stray label is gone"
soft run lvm pvremove -f "$R2"

# pvremove of a VG's PV: lvm2's words at each force level (its tests grep
# "is used"); nothing is wiped without -ff and a yes.
run vol pvcreate "$R2"
run vol vgcreate "$vgR" "$R2"
for f in "" -f -ff; do
	soft fail vol pvremove $f "$R2" </dev/null
	ours=$(err)
	soft fail lvm pvremove $f "$R2" </dev/null
	soft assert_eq "$ours" "$(err | grep -v 'Activation disabled')" "pvremove $f of a VG's PV: lvm2's words"
done
soft check pv_field "$R2" vg_name "$vgR" "still in its VG"
run vol vgremove -ff "$vgR"
run vol pvremove "$R2"

# pvcreate -f wipes a foreign signature without asking, as lvm2's does
# (its pvcreate-operation test); without -f it asks (no answer: no).
mkswap "$R2" >/dev/null
soft fail vol pvcreate "$R2" </dev/null
soft assert_eq "$(blkid -c /dev/null -o value -s TYPE "$R2")" swap "not wiped without an answer"
soft run vol pvcreate -f "$R2" </dev/null
soft assert_has "$(output)" "Wiping swap signature on $R2." "wiped with -f"
soft assert_eq "$(blkid -c /dev/null -o value -s TYPE "$R2")" LVM2_member "a PV now"
run vol pvremove "$R2"

# Made on 48 MiB of the device, the data leaves room at the end: the second
# area lands where lvm2 puts it.
run vol pvcreate -y --setphysicalvolumesize 48m "$R1"
run vol vgcreate -s 1m "$vgR" "$R1"
run vol vgcfgbackup -f "$T/r.vg" "$vgR"
u=$(get pv_field "$R1" pv_uuid)
run vol vgremove -ff "$vgR"
run vol pvremove -ff -y "$R1"
run lvm pvcreate --restorefile "$T/r.vg" --uuid "$u" --metadatacopies 2 "$R1"
want=$(lvm pvck --dump headers "$R1" 2>/dev/null | grep -E "device_size|disk_locn.*(offset|size)|mda_header_[12][.](start|size)")
run lvm pvremove -ff -y "$R1"
soft assert_has "$want" "mda_header_2.start" "lvm2 made the second area"
soft run vol pvcreate --restorefile "$T/r.vg" --uuid "$u" --metadatacopies 2 "$R1"
soft assert_eq "$(lvm pvck --dump headers "$R1" 2>/dev/null | grep -E "device_size|disk_locn.*(offset|size)|mda_header_[12][.](start|size)")" "$want" \
	"areas of a restored PV with two, ours vs lvm2's"
soft check pv_field "$R1" pv_mda_count 2 "two areas"
run vol pvremove -ff -y "$R1"

# ---------------------------------------------------------------- vgremove

run lvm lvcreate -an -Zn -l 1 -n lv0 "$vgD"
s=$(seq_ours "$vgD")
fp=$(fingerprint)
soft fail vol vgremove "$vgD"	# holds an LV: needs -f (no terminal to ask)
soft msg_names "$vgD"
soft unchanged "$vgD" "$s" "$fp"
n_arch=$(archives "$vgD" | wc -l)
soft run vol vgremove -f "$vgD"
soft fail vol vgs "$vgD"
soft fail lvm vgs "$vgD"
soft check pv_field "$C1" vg_name "" "orphaned by vgremove"
soft in_use "$C1" 0
soft in_use "$C2" 0
soft assert_eq "$(archives "$vgD" | wc -l)" "$((n_arch + 1))" "vgremove archives the last metadata"
soft assert_eq "$(file_seqno "$(archives "$vgD" | tail -n 1)")" "$s" "seqno in vgremove's archive"
[ ! -e "$T/backup/$vgD" ] || soft die "backup of a removed VG left behind (lvm2 removes it)"

echo "lifecycle: ok"
