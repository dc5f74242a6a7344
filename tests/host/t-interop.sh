#!/usr/bin/env bash
# Interoperability with lvm2 on the same devices, both ways:
#  (a) lvm2 reads what we write, without a warning and with the same values;
#  (b) we read what lvm2 writes (LVs included) with the same values;
#  (c) ping-pong edits: seqno +1 per write and the same content in both tools;
#  (d) metadata backups restored across the tools;
#  (e) lvm2's LVs survive our edits byte for byte;
#  (f) our writes wait for lvm2's VG lock.
# Assertions are soft (see lib.sh): every failure is listed, then the test fails.
. "$(dirname "$0")/lib.sh"

setup_loops 10

PVF=pv_name,pv_uuid,pv_size,pv_free,pv_used,pv_pe_count,pv_pe_alloc_count,pv_mda_count,pv_tags,vg_name,vg_uuid,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count,vg_seqno,pv_count,lv_count,vg_attr,vg_tags,pv_mda_size,pv_mda_free,pe_start,dev_size,vg_mda_count,vg_mda_free
VGF=vg_name,vg_uuid,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count,vg_seqno,pv_count,lv_count,vg_attr,vg_tags,vg_mda_count,vg_mda_free,vg_mda_size,max_lv,max_pv,vg_allocation_policy,vg_missing_pv_count

# lvm2_clean CMD ARGS...: an lvm2 command that must exit 0 and print nothing
# on stderr but the no-device-mapper notices.
lvm2_clean() {
	local rc=0
	lvm_ "$@" >"$T/l.out" 2>"$T/l.err" || rc=$?
	[ $rc -eq 0 ] || fail "lvm2 $* exited $rc: $(cat "$T/l.err")"
	[ -z "$(lvm_stderr "$T/l.err")" ] || fail "lvm2 $* warned: $(lvm_stderr "$T/l.err")"
}
# pvck_clean DEV: lvm2's pvck --dump headers of DEV, with a clean stderr.
pvck_clean() {
	local rc=0
	lvm_pvck --dump headers "$1" >"$T/l.out" 2>"$T/l.err" || rc=$?
	[ $rc -eq 0 ] || fail "lvm2 pvck $1 exited $rc"
	[ -z "$(lvm_stderr "$T/l.err")" ] || fail "lvm2 pvck $1 warned: $(lvm_stderr "$T/l.err")"
	! grep -q CHECK "$T/l.out" || fail "lvm2 pvck $1 found problems: $(grep CHECK "$T/l.out")"
}
# same_dump DEV: our pvck --dump headers is lvm2's, line for line.
same_dump() {
	local a b
	a=$(vol pvck --dump headers "$1" 2>&1)
	b=$(lvm_pvck --dump headers "$1" 2>/dev/null)
	[ "$a" == "$b" ] || fail "pvck --dump headers of $1 differs from lvm2's:
$(diff <(echo "$b") <(echo "$a"))"
}
# same_pv DEV / same_vg VG: one row of our JSON report equals lvm2's.
same_pv() {
	local a b
	a=$(report_rows vol pvs --units b --nosuffix -o "$PVF" "$1")
	b=$(report_rows lvm_ pvs --units b --nosuffix -o "$PVF" "$1")
	[ -n "$b" ] || fail "lvm2 does not report PV $1"
	assert_eq "$a" "$b" "pvs $1: ours vs lvm2's"
}
same_vg() {
	local a b
	a=$(report_rows vol vgs --units b --nosuffix -o "$VGF" "$1")
	b=$(report_rows lvm_ vgs --units b --nosuffix -o "$VGF" "$1")
	[ -n "$b" ] || fail "lvm2 does not report VG $1"
	assert_eq "$a" "$b" "vgs $1: ours vs lvm2's"
}
# our_clean CMD ARGS...: our command exits 0 and warns about nothing.
our_clean() {
	local rc=0
	vol "$@" >"$T/o.out" 2>"$T/o.err" || rc=$?
	[ $rc -eq 0 ] || fail "our $* exited $rc: $(cat "$T/o.err")"
	[ ! -s "$T/o.err" ] || fail "our $* warned: $(cat "$T/o.err")"
}
seq_ours() { vg_field "$1" vg_seqno; }
seq_lvm() { lvm_vgf "$1" vg_seqno; }

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
assert_rc 0 vol pvcreate "$A0"
assert_rc 0 vol pvcreate --pvmetadatacopies 2 --bootloaderareasize 1m "$A1"
assert_rc 0 vol pvcreate --pvmetadatacopies 0 "$A2"
lvm2_reads_ours pvcreate "" "$A0" "$A1" "$A2"
assert_rc 0 vol vgcreate -s 2m "$vgA" "$A0" "$A1" "$A2"
lvm2_reads_ours vgcreate "$vgA" "$A0" "$A1" "$A2"
assert_rc 0 vol vgextend "$vgA" "$A3"
lvm2_reads_ours vgextend "$vgA" "$A0" "$A1" "$A2" "$A3"
assert_rc 0 vol vgchange --addtag interop --addtag other_tag "$vgA"
lvm2_reads_ours "vgchange --addtag" "$vgA" "$A0" "$A1" "$A2" "$A3"
soft assert_eq "$(lvm_vgf "$vgA" vg_tags)" interop,other_tag "lvm2 sees our tags"

# ---------------------------------------------------------------- (b) we read what lvm2 writes

vgB=$(vgname B)
B0=${DEVS[4]} B1=${DEVS[5]} B2=${DEVS[6]} B3=${DEVS[7]}
lvm_ pvcreate "$B0" "$B1" "$B2" >/dev/null 2>&1
lvm_ vgcreate -s 1m --addtag lvm2made "$vgB" "$B0" "$B1" "$B2" >/dev/null 2>&1
lvm_ lvcreate -an -Zn -l 5 -n linear "$vgB" "$B0" >/dev/null 2>&1
lvm_ lvcreate -an -Zn -i 2 -I 64k -l 8 -n striped "$vgB" "$B1" "$B2" >/dev/null 2>&1
lvm_ lvcreate -an -Zn -l 3 -n twoseg "$vgB" "$B2" >/dev/null 2>&1
lvm_ lvextend -l +4 "$vgB/twoseg" "$B0" >/dev/null 2>&1
assert_eq "$(lvm_vgf "$vgB" lv_count)" 3 "lvm2 made its three LVs"
echo "-- (b) we read lvm2's VG"
for d in "$B0" "$B1" "$B2"; do
	soft same_pv "$d"
	soft same_dump "$d"
done
soft same_vg "$vgB"
soft our_clean pvs "$B0" "$B1" "$B2"
soft our_clean vgs "$vgB"
soft assert_vgck_clean "$vgB"
soft assert_eq "$(vg_field "$vgB" lv_count)" 3 "our lv_count of lvm2's VG"

# ---------------------------------------------------------------- (e) lvm2's LVs survive our edits

SEGS=lv_name,lv_uuid,seg_start_pe,seg_size_pe,devices,stripes,stripe_size
lvs_now() { lvm_ lvs -a --segments --noheadings -o "$SEGS" "$vgB" 2>/dev/null; }
segs_before=$(lvs_now)
[ "$(echo "$segs_before" | wc -l)" -eq 4 ] || fail "expected 4 segments from lvm2, got: $segs_before"
lvs_kept() {
	assert_eq "$(lvs_now)" "$segs_before" "lvm2's LV segments after our $1"
	assert_lvm_vgck_clean "$vgB"
}
echo "-- (e) our edits keep lvm2's LVs"
assert_rc 0 vol vgchange --addtag y "$vgB"
soft lvs_kept "vgchange --addtag"
assert_rc 0 vol vgextend "$vgB" "$B3"
soft lvs_kept vgextend
assert_rc 0 vol vgreduce "$vgB" "$B3"
soft lvs_kept vgreduce
assert_rc 0 vol vgck --updatemetadata "$vgB"
soft lvs_kept "vgck --updatemetadata"
soft same_vg "$vgB"

# ---------------------------------------------------------------- (c) ping-pong

vgC=$(vgname C) vgC2=$(vgname C2)
C0=${DEVS[8]} C1=${DEVS[9]}
# A VG of ours on C0, C1 and the A devices released from (a).
assert_rc 0 vol vgremove "$vgA"
assert_rc 0 vol vgcreate "$vgC" "$C0" "$C1"
cur=$vgC
expect=$(seq_ours "$cur")
# step TOOL CMD ARGS...: one write by TOOL (vol or lvm_), then both tools
# must agree on the seqno (+1), the tags, the PV list and the headers.
step() {
	local tool=$1 cmd=$2 rc=0
	shift 2
	echo "-- (c) $tool $cmd $*"
	"$tool" "$cmd" "$@" >"$T/step.out" 2>&1 </dev/null || rc=$?
	[ $rc -eq 0 ] || { cat "$T/step.out" >&2; fail "$tool $cmd $* exited $rc"; }
	[ "$cmd" != vgrename ] || cur=${*: -1}
	expect=$((expect + 1))
	soft assert_eq "$(seq_ours "$cur")" "$expect" "our seqno after $tool $cmd"
	soft assert_eq "$(seq_lvm "$cur")" "$expect" "lvm2's seqno after $tool $cmd"
	soft assert_eq "$(vg_field "$cur" vg_tags)" "$(lvm_vgf "$cur" vg_tags)" "tags after $tool $cmd"
	soft assert_eq "$(vol pvs --noheadings -o pv_name -S "vg_name=$cur" | xargs)" \
		"$(lvm_ pvs --noheadings -o pv_name -S "vg_name=$cur" 2>/dev/null | xargs)" "PVs after $tool $cmd"
	soft same_vg "$cur"
	for d in $(vol pvs --noheadings -o pv_name -S "vg_name=$cur" | xargs); do
		soft same_dump "$d"
	done
}
step lvm_ vgchange --addtag from_lvm2 "$cur"
step vol vgchange --addtag from_us "$cur"
step lvm_ vgextend "$cur" "$A0"
step vol vgextend "$cur" "$A1"
step lvm_ vgreduce "$cur" "$C0"
step vol vgreduce "$cur" "$A0"
step lvm_ vgrename "$cur" "$vgC2"
step vol vgrename "$cur" "$vgC"
step lvm_ vgchange --deltag from_us "$cur"
step vol vgchange --deltag from_lvm2 "$cur"
step lvm_ vgextend "$cur" "$C0"
step vol vgchange -u "$cur"
step lvm_ vgchange --addtag last "$cur"
soft assert_eq "$(vg_field "$cur" vg_tags)" last "tags at the end of the ping-pong"
soft assert_eq "$(vg_field "$cur" pv_count)" 3 "PVs at the end of the ping-pong"
soft assert_vgck_clean "$cur"
soft assert_lvm_vgck_clean "$cur"

# ---------------------------------------------------------------- (d) backups restored across tools

echo "-- (d) cross-restore"
# restored SEQ TAGS: after a restore, both tools agree, with lvm2's rule
# for the seqno (the file's + 1).
restored() {
	assert_eq "$(seq_ours "$cur")" "$1" "our seqno after the restore"
	assert_eq "$(seq_lvm "$cur")" "$1" "lvm2's seqno after the restore"
	assert_eq "$(vg_field "$cur" vg_tags)" "$2" "our tags after the restore"
	assert_eq "$(lvm_vgf "$cur" vg_tags)" "$2" "lvm2's tags after the restore"
	same_vg "$cur"
	assert_vgck_clean "$cur"
	assert_lvm_vgck_clean "$cur"
}
s=$(seq_ours "$cur")
assert_rc 0 vol vgcfgbackup -f "$T/ours.vg" "$cur"
assert_rc 0 vol vgchange --addtag not_in_ours "$cur"
soft assert_rc 0 lvm_ vgcfgrestore -f "$T/ours.vg" "$cur"
soft restored $((s + 1)) last
s=$(seq_ours "$cur")
assert_rc 0 lvm_ vgcfgbackup -f "$T/lvm2.vg" "$cur"
assert_rc 0 lvm_ vgchange --addtag not_in_lvm2s "$cur"
soft assert_rc 0 vol vgcfgrestore -f "$T/lvm2.vg" "$cur"
soft restored $((s + 1)) last
# The regular backups too: ours restored by lvm2, lvm2's by us.
assert_rc 0 vol vgchange --addtag from_our_backup "$cur"
s=$(seq_ours "$cur")
assert_rc 0 lvm_ vgchange --addtag not_in_backup "$cur"
soft assert_rc 0 lvm_ vgcfgrestore -f "$T/backup/$cur" "$cur"
soft restored $((s + 1)) from_our_backup,last	# lvm2 lists tags sorted
assert_rc 0 lvm_ vgchange --deltag from_our_backup "$cur"
s=$(seq_ours "$cur")
[ -f "$T/lvm-backup/$cur" ] || soft fail "lvm2 wrote no backup file"
assert_rc 0 vol vgchange --addtag not_in_lvm2_backup "$cur"
soft assert_rc 0 vol vgcfgrestore -f "$T/lvm-backup/$cur" "$cur"
soft restored $((s + 1)) last

# ---------------------------------------------------------------- (f) lock exclusion

echo "-- (f) lvm2 holds the VG lock, we wait"
# lvm2's vgremove of a VG with an LV asks for confirmation while it holds
# the VG's lock: keep it waiting on a fifo, then answer "n".
lvm_ lvcreate -an -Zn -l 1 -n held "$cur" >/dev/null 2>&1
s=$(seq_ours "$cur")
mkfifo "$T/answer"
(lvm_ vgremove "$cur" <"$T/answer" >"$T/holder.out" 2>&1 || true) &
holder=$!
exec 7>"$T/answer"
for _ in $(seq 100); do
	grep -q "Do you really want to remove" "$T/holder.out" && break
	sleep 0.1
done
grep -q "Do you really want to remove" "$T/holder.out" || fail "lvm2 never asked: $(cat "$T/holder.out")"
(vol vgchange --addtag after_lock "$cur" >"$T/waiter.out" 2>&1; echo "rc=$?" >>"$T/waiter.out"
	date +%s%N >"$T/waiter.end") &
waiter=$!
sleep 2
kill -0 "$waiter" 2>/dev/null || soft fail "our vgchange did not wait for lvm2's lock: $(cat "$T/waiter.out")"
answered=$(date +%s%N)
echo n >&7
exec 7>&-
wait "$holder"
wait "$waiter"
soft assert_eq "$(tail -n 1 "$T/waiter.out")" rc=0 "our vgchange after the lock was released"
[ "$(cat "$T/waiter.end")" -ge "$answered" ] || soft fail "our vgchange finished before lvm2 let go of the lock"
soft assert_eq "$(seq_ours "$cur")" $((s + 1)) "one write after the lock"
soft assert_eq "$(vg_field "$cur" vg_tags)" after_lock,last "we see our write made after the lock"
soft assert_eq "$(lvm_vgf "$cur" vg_tags)" after_lock,last "lvm2 sees the write made after its lock"

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
[ -e "$T/held" ] || fail "flock never took $lockfile"
soft assert_rc 0 vol vgchange --deltag after_lock "$cur"
end=$(date +%s%N)
wait "$holder"
[ "$end" -ge "$(cat "$T/released")" ] || soft fail "our vgchange did not wait for the flock on $lockfile"
soft assert_eq "$(seq_ours "$cur")" $((s + 1)) "one write after the flock"
[ ! -e "$lockfile" ] || soft fail "$lockfile left behind (lvm2 unlinks its lock files)"

soft_done
echo "interop: ok"
