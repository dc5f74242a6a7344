#!/usr/bin/env bash
# Interoperability with lvm2 on the same devices, both ways:
#  (a) lvm2 reads what we write, without a warning and with the same values;
#  (b) we read what lvm2 writes (LVs included) with the same values;
#  (c) ping-pong edits: seqno +1 per write and the same content in both tools;
#  (d) metadata backups restored across the tools;
#  (e) lvm2's LVs survive our edits byte for byte;
#  (f) our writes wait for lvm2's VG lock.
# Assertions are soft (see tests/lib/common.sh): every failure is listed, then the test fails.
. "$(dirname "$0")/lib.sh"

setup_loops 10

PVF=pv_name,pv_uuid,pv_size,pv_free,pv_used,pv_pe_count,pv_pe_alloc_count,pv_mda_count,pv_tags,vg_name,vg_uuid,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count,vg_seqno,pv_count,lv_count,vg_attr,vg_tags,pv_mda_size,pv_mda_free,pe_start,dev_size,vg_mda_count,vg_mda_free
VGF=vg_name,vg_uuid,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count,vg_seqno,pv_count,lv_count,vg_attr,vg_tags,vg_mda_count,vg_mda_free,vg_mda_size,max_lv,max_pv,vg_allocation_policy,vg_missing_pv_count

# lvm2_clean CMD ARGS...: an lvm2 command that must exit 0 and print nothing
# on stderr but the no-device-mapper notices.
lvm2_clean() {
	run lvm "$@"
	assert_eq "$(err | lvm_stderr)" "" "what lvm2 $* warned"
}
# pvck_clean DEV: lvm2's pvck --dump headers of DEV, with a clean stderr.
pvck_clean() {
	lvm2_clean pvck --dump headers "$1"
	assert_no_line "$(out)" CHECK "lvm2 pvck $1"
}
# same_dump DEV: our pvck --dump headers is lvm2's, line for line.
same_dump() {
	local a b
	a=$(vol pvck --dump headers "$1" 2>&1)
	b=$(lvm pvck --dump headers "$1" 2>/dev/null)
	[ "$a" == "$b" ] || die "pvck --dump headers of $1 differs from lvm2's:
$(diff <(echo "$b") <(echo "$a"))"
}
# same_pv DEV / same_vg VG: one row of our JSON report equals lvm2's.
same_pv() {
	local a b
	a=$(rows pvs --units b --nosuffix -o "$PVF" "$1")
	b=$(rows --lvm pvs --units b --nosuffix -o "$PVF" "$1")
	[ -n "$b" ] || die "lvm2 does not report PV $1"
	assert_eq "$a" "$b" "pvs $1: ours vs lvm2's"
}
same_vg() {
	local a b
	a=$(rows vgs --units b --nosuffix -o "$VGF" "$1")
	b=$(rows --lvm vgs --units b --nosuffix -o "$VGF" "$1")
	[ -n "$b" ] || die "lvm2 does not report VG $1"
	assert_eq "$a" "$b" "vgs $1: ours vs lvm2's"
}
# our_clean CMD ARGS...: our command exits 0 and warns about nothing.
our_clean() {
	run vol "$@"
	assert_eq "$(err)" "" "what our $* warned"
}
seq_ours() { get vg_field "$1" vg_seqno; }
seq_lvm() { get --lvm vg_field "$1" vg_seqno; }

# lvm2_reads_ours LABEL VG DEV...: everything (a) asks, after step LABEL.
lvm2_reads_ours() {
	local label=$1 vg=$2 d
	shift 2
	echo "-- (a) after $label"
	soft lvm2_clean pvs --reportformat json "$@"
	[ -z "$vg" ] || soft lvm2_clean vgs --reportformat json "$vg"
	[ -z "$vg" ] || soft lvm2_clean vgck "$vg"
	for d in "$@"; do
		soft pvck_clean "$d"
		soft same_dump "$d"
		soft same_pv "$d"
	done
	[ -z "$vg" ] || soft same_vg "$vg"
}

# ---------------------------------------------------------------- (a) lvm2 reads what we write

vgA=$(vgname A)
A0=${DEVS[0]} A1=${DEVS[1]} A2=${DEVS[2]} A3=${DEVS[3]}
run vol pvcreate "$A0"
run vol pvcreate --pvmetadatacopies 2 --bootloaderareasize 1m "$A1"
run vol pvcreate --pvmetadatacopies 0 "$A2"
lvm2_reads_ours pvcreate "" "$A0" "$A1" "$A2"
run vol vgcreate -s 2m "$vgA" "$A0" "$A1" "$A2"
lvm2_reads_ours vgcreate "$vgA" "$A0" "$A1" "$A2"
run vol vgextend "$vgA" "$A3"
lvm2_reads_ours vgextend "$vgA" "$A0" "$A1" "$A2" "$A3"
run vol vgchange --addtag interop --addtag other_tag "$vgA"
lvm2_reads_ours "vgchange --addtag" "$vgA" "$A0" "$A1" "$A2" "$A3"
soft check --lvm vg_field "$vgA" vg_tags interop,other_tag "lvm2 sees our tags"

# ---------------------------------------------------------------- (b) we read what lvm2 writes

vgB=$(vgname B)
B0=${DEVS[4]} B1=${DEVS[5]} B2=${DEVS[6]} B3=${DEVS[7]}
run lvm pvcreate "$B0" "$B1" "$B2"
run lvm vgcreate -s 1m --addtag lvm2made "$vgB" "$B0" "$B1" "$B2"
run lvm lvcreate -an -Zn -l 5 -n linear "$vgB" "$B0"
run lvm lvcreate -an -Zn -i 2 -I 64k -l 8 -n striped "$vgB" "$B1" "$B2"
run lvm lvcreate -an -Zn -l 3 -n twoseg "$vgB" "$B2"
run lvm lvextend -l +4 "$vgB/twoseg" "$B0"
check --lvm vg_field "$vgB" lv_count 3 "lvm2 made its three LVs"
echo "-- (b) we read lvm2's VG"
for d in "$B0" "$B1" "$B2"; do
	soft same_pv "$d"
	soft same_dump "$d"
done
soft same_vg "$vgB"
soft our_clean pvs "$B0" "$B1" "$B2"
soft our_clean vgs "$vgB"
soft check vgck_clean "$vgB"
soft check vg_field "$vgB" lv_count 3 "lvm2's VG"

# ---------------------------------------------------------------- (e) lvm2's LVs survive our edits

SEGS=lv_name,lv_uuid,seg_start_pe,seg_size_pe,devices,stripes,stripe_size
lvs_now() { lvm lvs -a --segments --noheadings -o "$SEGS" "$vgB" 2>/dev/null; }
segs_before=$(lvs_now)
[ "$(echo "$segs_before" | wc -l)" -eq 4 ] || die "expected 4 segments from lvm2, got: $segs_before"
lvs_kept() {
	local segs
	segs=$(lvs_now)
	assert_eq "$segs" "$segs_before" "lvm2's LV segments after our $1"
	check --lvm vgck_clean "$vgB"
}
echo "-- (e) our edits keep lvm2's LVs"
run vol vgchange --addtag y "$vgB"
soft lvs_kept "vgchange --addtag"
run vol vgextend "$vgB" "$B3"
soft lvs_kept vgextend
run vol vgreduce "$vgB" "$B3"
soft lvs_kept vgreduce
run vol vgck --updatemetadata "$vgB"
soft lvs_kept "vgck --updatemetadata"
soft same_vg "$vgB"

# ---------------------------------------------------------------- (c) ping-pong

vgC=$(vgname C) vgC2=$(vgname C2)
C0=${DEVS[8]} C1=${DEVS[9]}
# A VG of ours on C0, C1 and the A devices released from (a).
run vol vgremove "$vgA"
run vol vgcreate "$vgC" "$C0" "$C1"
cur=$vgC
expect=$(seq_ours "$cur")
# step TOOL CMD ARGS...: one write by TOOL (vol or lvm), then both tools
# must agree on the seqno (+1), the tags, the PV list and the headers.
step() {
	local tool=$1 cmd=$2 pvs
	shift 2
	echo "-- (c) $tool $cmd $*"
	run "$tool" "$cmd" "$@"
	[ "$cmd" != vgrename ] || cur=${*: -1}
	expect=$((expect + 1))
	soft check vg_field "$cur" vg_seqno "$expect" "after $tool $cmd"
	soft check --lvm vg_field "$cur" vg_seqno "$expect" "after $tool $cmd"
	soft check vg_field "$cur" vg_tags "$(get --lvm vg_field "$cur" vg_tags)" "after $tool $cmd, as lvm2's"
	pvs=$(vol pvs --noheadings -o pv_name -S "vg_name=$cur" | xargs)
	soft assert_eq "$pvs" "$(lvm pvs --noheadings -o pv_name -S "vg_name=$cur" 2>/dev/null | xargs)" \
		"PVs after $tool $cmd"
	soft same_vg "$cur"
	for d in $pvs; do
		soft same_dump "$d"
	done
}
step lvm vgchange --addtag from_lvm2 "$cur"
step vol vgchange --addtag from_us "$cur"
step lvm vgextend "$cur" "$A0"
step vol vgextend "$cur" "$A1"
step lvm vgreduce "$cur" "$C0"
step vol vgreduce "$cur" "$A0"
step lvm vgrename "$cur" "$vgC2"
step vol vgrename "$cur" "$vgC"
step lvm vgchange --deltag from_us "$cur"
step vol vgchange --deltag from_lvm2 "$cur"
step lvm vgextend "$cur" "$C0"
step vol vgchange -u "$cur"
step lvm vgchange --addtag last "$cur"
soft check vg_field "$cur" vg_tags last "at the end of the ping-pong"
soft check vg_field "$cur" pv_count 3 "at the end of the ping-pong"
soft check vgck_clean "$cur"
soft check --lvm vgck_clean "$cur"

# ---------------------------------------------------------------- (d) backups restored across tools

echo "-- (d) cross-restore"
# restored SEQ TAGS: after a restore, both tools agree, with lvm2's rule
# for the seqno (the file's + 1).
restored() {
	check vg_field "$cur" vg_seqno "$1" "after the restore"
	check --lvm vg_field "$cur" vg_seqno "$1" "after the restore"
	check vg_field "$cur" vg_tags "$2" "after the restore"
	check --lvm vg_field "$cur" vg_tags "$2" "after the restore"
	same_vg "$cur"
	check vgck_clean "$cur"
	check --lvm vgck_clean "$cur"
}
s=$(seq_ours "$cur")
run vol vgcfgbackup -f "$T/ours.vg" "$cur"
run vol vgchange --addtag not_in_ours "$cur"
soft run lvm vgcfgrestore -f "$T/ours.vg" "$cur"
soft restored $((s + 1)) last
s=$(seq_ours "$cur")
run lvm vgcfgbackup -f "$T/lvm2.vg" "$cur"
run lvm vgchange --addtag not_in_lvm2s "$cur"
soft run vol vgcfgrestore -f "$T/lvm2.vg" "$cur"
soft restored $((s + 1)) last
# The regular backups too: ours restored by lvm2, lvm2's by us.
run vol vgchange --addtag from_our_backup "$cur"
s=$(seq_ours "$cur")
run lvm vgchange --addtag not_in_backup "$cur"
soft run lvm vgcfgrestore -f "$T/backup/$cur" "$cur"
soft restored $((s + 1)) from_our_backup,last	# lvm2 lists tags sorted
run lvm vgchange --deltag from_our_backup "$cur"
s=$(seq_ours "$cur")
[ -f "$T/lvm-backup/$cur" ] || soft die "lvm2 wrote no backup file"
run vol vgchange --addtag not_in_lvm2_backup "$cur"
soft run vol vgcfgrestore -f "$T/lvm-backup/$cur" "$cur"
soft restored $((s + 1)) last

# ---------------------------------------------------------------- (f) lock exclusion

echo "-- (f) lvm2 holds the VG lock, we wait"
# lvm2's vgremove of a VG with an LV asks for confirmation while it holds
# the VG's lock: keep it waiting on a fifo, then answer "n".
run lvm lvcreate -an -Zn -l 1 -n held "$cur"
s=$(seq_ours "$cur")
mkfifo "$T/answer"
(
	rc=0
	lvm vgremove "$cur" <"$T/answer" >"$T/holder.out" 2>&1 || rc=$?
	echo "rc=$rc" >"$T/holder.rc"
) &
holder=$!
exec 7>"$T/answer"
for _ in $(seq 100); do
	grep -q "Do you really want to remove" "$T/holder.out" && break
	sleep 0.1
done
grep -q "Do you really want to remove" "$T/holder.out" || die "lvm2 never asked: $(cat "$T/holder.out")"
(
	rc=0
	vol vgchange --addtag after_lock "$cur" >"$T/waiter.out" 2>&1 || rc=$?
	echo "rc=$rc" >>"$T/waiter.out"
	date +%s%N >"$T/waiter.end"
) &
waiter=$!
sleep 2
kill -0 "$waiter" 2>/dev/null || soft die "our vgchange did not wait for lvm2's lock: $(cat "$T/waiter.out")"
answered=$(date +%s%N)
echo n >&7
exec 7>&-
wait "$holder"
wait "$waiter"
soft assert_eq "$(cat "$T/holder.rc")" rc=5 "lvm2's vgremove answered n (nothing removed)"
soft assert_eq "$(tail -n 1 "$T/waiter.out")" rc=0 "our vgchange after the lock was released"
[ "$(cat "$T/waiter.end")" -ge "$answered" ] || soft die "our vgchange finished before lvm2 let go of the lock"
soft check vg_field "$cur" vg_seqno $((s + 1)) "one write after the lock"
soft check vg_field "$cur" vg_tags after_lock,last "we see our write made after the lock"
soft check --lvm vg_field "$cur" vg_tags after_lock,last "lvm2 sees the write made after its lock"

# lvm2's vgremove also held P_global: now the VG lock alone, taken with
# flock(1) on lvm2's lock file, as lvm2's file locking does.
lockfile=/run/lock/lvm/V_$cur
s=$(seq_ours "$cur")
flock "$lockfile" -c "touch '$T/held'; sleep 2; date +%s%N >'$T/released'" &
holder=$!
for _ in $(seq 100); do
	[ -e "$T/held" ] && break
	sleep 0.05
done
[ -e "$T/held" ] || die "flock never took $lockfile"
soft run vol vgchange --deltag after_lock "$cur"
end=$(date +%s%N)
wait "$holder"
[ "$end" -ge "$(cat "$T/released")" ] || soft die "our vgchange did not wait for the flock on $lockfile"
soft check vg_field "$cur" vg_seqno $((s + 1)) "one write after the flock"
[ ! -e "$lockfile" ] || soft die "$lockfile left behind (lvm2 unlinks its lock files)"

# ---------------------------------------------------------------- pvck's metadata dumps
# (g) pvck --dump metadata, metadata_all, metadata_area and metadata_search,
# on both areas of a PV with two and on a copy of it in a file: our stdout,
# stderr, exit code and files are lvm2's.  A metadata area of 60 KiB makes
# the copies wrap around its end.
add_loop 64M; K=$LAST_LOOP
vgk=$(vgname k)
run lvm pvcreate --dataalignment 64k --metadatasize 40k --pvmetadatacopies 2 "$K"
run lvm vgcreate -s 64k "$vgk" "$K"
for i in $(seq 1 40); do run lvm lvcreate -an -Zn -l 1 -n "l$i" "$vgk"; done
dd if="$K" of="$T/k.img" bs=1M count=2 status=none
dd if=/dev/zero of="$T/k.img" bs=4k count=1 conv=notrunc status=none	# no label
mda2=$(vol pvck --dump headers "$K" | sed -n 's/^  mda_header_2.start //p')
[ -n "$mda2" ] || die "no second metadata area on $K"
n=0
while read -r -a args; do
	n=$((n + 1))
	if [ "${args[-1]}" = IMG ]; then args[-1]=$T/k.img; else args+=("$K"); fi
	for who in lvm vol; do
		a=("${args[@]}")
		for i in "${!a[@]}"; do [ "${a[$i]}" != FILE ] || a[$i]=$T/k$n.$who; done
		rc=0
		$who pvck "${a[@]}" </dev/null >"$T/k$n.$who.out" 2>"$T/k$n.$who.rawerr" || rc=$?
		echo "rc=$rc" >>"$T/k$n.$who.out"
		lvm_stderr <"$T/k$n.$who.rawerr" >"$T/k$n.$who.err"
	done
	soft assert_eq "$(cat "$T/k$n.vol.out")" "$(cat "$T/k$n.lvm.out")" "stdout and status of pvck ${args[*]}"
	soft assert_eq "$(cat "$T/k$n.vol.err")" "$(cat "$T/k$n.lvm.err")" "stderr of pvck ${args[*]}"
	[ ! -e "$T/k$n.lvm" ] || cmp -s "$T/k$n.lvm" "$T/k$n.vol" ||
		soft die "the file of pvck ${args[*]} differs from lvm2's"
done <<EOF
--dump metadata
--dump metadata --pvmetadatacopies 2
--dump metadata -f FILE
--dump metadata_all
--dump metadata_all --pvmetadatacopies 2 -f FILE
--dump metadata_area -f FILE
--dump metadata_area --pvmetadatacopies 2 -f FILE
--dump metadata_search
--dump metadata_search --pvmetadatacopies 2
--dump metadata_search --settings mda_num=2
--dump metadata_search --settings seqno=30
--dump metadata_search --settings mda2_offset=$mda2
--dump metadata_search --settings bogus=1
EOF
# A copy in a file with its label gone: the same copies found (lvm2 also
# prints CHECK lines about the label, and its parser's complaint).
for a in "--dump metadata_search" "--dump metadata_search --settings mda_num=1 mda_size=61440"; do
	# shellcheck disable=SC2086
	soft assert_eq "$(vol pvck $a "$T/k.img" 2>/dev/null | grep -v CHECK)" \
		"$(lvm pvck $a "$T/k.img" 2>/dev/null | grep -v CHECK)" "pvck $a of an image file"
done
soft assert_has "$(vol pvck --dump metadata_search "$T/k.img")" "seqno 41 id" "the last copy in the file"
soft assert_has "$(cat "$T/k5.vol.out")" "seqno 41 id" "metadata_all finds the last copy in the second area"
soft assert_ne "$(cat "$T/k1.vol.out")" "$(cat "$T/k2.vol.out")" "the two areas' dumps differ (offsets)"
soft assert_has "$(cat "$T/k4.vol.out")" "seqno 37 id" "old copies found in the first area"

echo "interop: ok"
