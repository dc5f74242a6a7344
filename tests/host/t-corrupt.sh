#!/usr/bin/env bash
# Corruption recovery.  For each kind of damage: our tool warns and names
# the PV, still reads the VG at the right seqno, and "vgck --updatemetadata"
# repairs it so that both tools' vgck are clean and both tools' "pvck --dump
# headers" show the same committed copy on every PV.
. "$(dirname "$0")/lib.sh"

MDA=4096	# mda0 start on every PV made here

setup_loops 3 16M
vg=$(vgname)
run vol vgcreate "$vg" "${DEVS[@]}"
vgdevs=("${DEVS[@]}")

# reads_at VG SEQNO DEV...: our vgs reads VG at SEQNO and warns about each
# DEV by name (the warnings go to $T/reads.err).
reads_at() {
	local v=$1 want=$2 d
	shift 2
	run vol vgs --reportformat json -o vg_seqno "$v"
	err >"$T/reads.err"
	assert_eq "$(out | jq -r '.report[0].vg[0].vg_seqno')" "$want" "seqno read by our vgs"
	for d in "$@"; do
		assert_line "$(err)" "WARNING.*$d([^0-9]|\$)" "our vgs's warning naming $d"
	done
	sed 's/^/    ours: /' "$T/reads.err"
}

# vgck_flags VG DEV...: our vgck warns naming every DEV; it exits 0 as
# lvm2's does, since the VG works (the damaged copies are repairable), and
# lvm2's vgck agrees.
vgck_flags() {
	local v=$1 d
	shift
	run vol vgck "$v"
	for d in "$@"; do
		assert_line "$(output)" "WARNING.*$d([^0-9]|\$)" "our vgck's warning naming $d"
	done
	run lvm vgck "$v"
}

# repaired VG SEQNO DEV...: vgck --updatemetadata commits SEQNO+1 and leaves
# everything clean for both tools.
repaired() {
	local v=$1 seq=$2 common
	shift 2
	run vol vgck --updatemetadata "$v"
	check vg_field "$v" vg_seqno $((seq + 1)) "after vgck --updatemetadata"
	check vgck_clean "$v"
	check --lvm vgck_clean "$v"
	check --lvm vg_field "$v" vg_seqno $((seq + 1)) "after repair"
	run vol vgs "$v"
	assert_eq "$(err)" "" "our vgs's warnings after repair"
	common=$(headers_agree "$@")
	assert_match "$common" "seqno=$((seq + 1))\$" "the common metadata headers"
	echo "  repaired: $common"
}

# text_at DEV: absolute offset of a byte in the middle of the committed text's
# first piece, from the mda header (raw_locn[0].offset is relative to 4096).
text_at() {
	local off size
	off=$(mda_hdr "$1" 'mda_header_1.raw_locn[0].offset')
	size=$(mda_hdr "$1" 'mda_header_1.raw_locn[0].size')
	[ "$off" -ge 512 ] || die "no committed text on $1 (raw_locn[0].offset $off)"
	# Stay inside the part before any wrap.
	[ $((off + size / 2)) -lt "$(mda_hdr "$1" 'mda_header_1.size')" ] || size=2
	echo $((MDA + off + size / 2))
}

echo "== 1. one flipped byte in the text of one PV"
seq=$(get vg_field "$vg" vg_seqno)
at=$(text_at "${vgdevs[0]}")
flip_byte "${vgdevs[0]}" "$at"
reads_at "$vg" "$seq" "${vgdevs[0]}"
check --lvm vg_field "$vg" vg_seqno "$seq" "lvm2 reads the good copies"
vgck_flags "$vg" "${vgdevs[0]}"
repaired "$vg" "$seq" "${vgdevs[@]}"

echo "== 2. flipped text bytes on two PVs of three: the third copy wins"
run vol vgchange --addtag two_bad "$vg"
seq=$(get vg_field "$vg" vg_seqno)
at=$(text_at "${vgdevs[0]}")
flip_byte "${vgdevs[0]}" "$at"
at=$(text_at "${vgdevs[2]}")
flip_byte "${vgdevs[2]}" "$at"
reads_at "$vg" "$seq" "${vgdevs[0]}" "${vgdevs[2]}"
check vg_field "$vg" vg_tags two_bad "tags come from the good copy"
check --lvm vg_field "$vg" vg_seqno "$seq" "lvm2 reads the good copy"
vgck_flags "$vg" "${vgdevs[0]}" "${vgdevs[2]}"
repaired "$vg" "$seq" "${vgdevs[@]}"
check vg_field "$vg" vg_tags two_bad "after repair"

echo "== 3a. mda_header version 2 on one PV, checksum left stale"
seq=$(get vg_field "$vg" vg_seqno)
poke "${vgdevs[1]}" $((MDA + 0x14)) 02 00 00 00
reads_at "$vg" "$seq" "${vgdevs[1]}"
check --lvm vg_field "$vg" vg_seqno "$seq" "lvm2 reads the other copies"
vgck_flags "$vg" "${vgdevs[1]}"
repaired "$vg" "$seq" "${vgdevs[@]}"

echo "== 3b. mda_header version 2 on one PV, checksum recomputed"
seq=$(get vg_field "$vg" vg_seqno)
poke "${vgdevs[1]}" $((MDA + 0x14)) 02 00 00 00
fix_mda_checksum "${vgdevs[1]}" "$MDA"
# Our dump must now flag the version alone.
not vol pvck --dump headers "${vgdevs[1]}"
assert_line "$(output)" '^ *mda_header_1\.version 2$' "our dump of the edited header"
assert_line "$(output)" '^ *CHECK: .*version' "our dump's complaint about the version"
assert_no_line "$(output)" 'CHECK: mda_header_1\.checksum' "our dump (the recomputed checksum is right)"
reads_at "$vg" "$seq" "${vgdevs[1]}"
check --lvm vg_field "$vg" vg_seqno "$seq" "lvm2 reads the other copies"
vgck_flags "$vg" "${vgdevs[1]}"
repaired "$vg" "$seq" "${vgdevs[@]}"

echo "== 4. zeroed label sector on one PV of three; restore from our backup"
seq=$(get vg_field "$vg" vg_seqno)
uuid=$(get pv_field "${vgdevs[2]}" pv_uuid)
backup="$T/backup/$vg"
[ -f "$backup" ] || die "no backup file $backup"
assert_line "$(cat "$backup")" "^[[:space:]]*seqno = $seq\$" "backup $backup"
zero_sectors "${vgdevs[2]}" 1 1
run vol vgs --reportformat json -o vg_attr,vg_missing_pv_count,vg_seqno,pv_count "$vg"
out >"$T/partial.json"
err | sed 's/^/    ours: /'
assert_line "$(err)" "WARNING.*$uuid" "our warning naming the missing PV"
assert_eq "$(jq -r '.report[0].vg[0].vg_attr[3:4]' "$T/partial.json")" p "partial attr"
assert_eq "$(jq -r '.report[0].vg[0].vg_missing_pv_count' "$T/partial.json")" 1 "missing PV count"
assert_eq "$(jq -r '.report[0].vg[0].vg_seqno' "$T/partial.json")" "$seq" "seqno of the partial VG"
check --lvm vg_field "$vg" vg_missing_pv_count 1 "lvm2 sees one PV missing"
fail vol vgck "$vg"
assert_has "$(output)" "$uuid" "our vgck's message naming the missing PV"
# The device is not a PV any more.
fail vol pvs "${vgdevs[2]}"
run vol pvcreate --uuid "$uuid" --restorefile "$backup" "${vgdevs[2]}"
run vol vgcfgrestore -f "$backup" "$vg"
check vg_field "$vg" vg_missing_pv_count 0 "no PV missing after restore"
check vg_field "$vg" pv_count 3 "after restore"
check vg_field "$vg" vg_attr wz--n- "after restore"
check pv_field "${vgdevs[2]}" pv_uuid "$uuid" "restored PV UUID"
check pv_field "${vgdevs[2]}" pv_in_use used "restored PV marked used"
seq=$(get vg_field "$vg" vg_seqno)
check --lvm vg_field "$vg" vg_seqno "$seq" "after restore"
check --lvm vg_field "$vg" vg_missing_pv_count 0 "lvm2 sees the VG complete"
check --lvm vg_field "$vg" vg_attr wz--n- "after restore"
run lvm vgs "$vg"
assert_eq "$(err | lvm_warnings)" "" "lvm2's warnings after restore"
check vgck_clean "$vg"
check --lvm vgck_clean "$vg"
common=$(headers_agree "${vgdevs[@]}")
assert_match "$common" "seqno=$seq\$" "the common metadata headers"
echo "  restored: $common"

echo "== 5. stale copies after a crash between commits"
seq=$(get vg_field "$vg" vg_seqno)
VOLUME_CRASH_AT=commit:0 VOLUME=$BUILD/tests/volume exits 99 vol vgchange --addtag x "$vg"
stale=() fresh=()
for d in "${vgdevs[@]}"; do
	q=$(vol pvck --dump headers "$d" 2>/dev/null | sed -n 's/.*metadata text at .* seqno \([0-9]*\)$/\1/p')
	case "$q" in
	"$seq") stale+=("$d") ;;
	$((seq + 1))) fresh+=("$d") ;;
	*) die "$d has text seqno [$q], want $seq or $((seq + 1))" ;;
	esac
done
[ ${#fresh[@]} -eq 1 ] && [ ${#stale[@]} -eq 2 ] ||
	die "want 1 fresh and 2 stale PVs after commit:0, got ${#fresh[@]} and ${#stale[@]}"
reads_at "$vg" $((seq + 1)) "${stale[@]}"
assert_no_line "$(cat "$T/reads.err")" "WARNING.*ignoring metadata seqno [0-9]+ on ${fresh[0]}([^0-9]|\$)" \
	"our warnings (the fresh PV ${fresh[0]} is not stale)"
check vg_field "$vg" vg_tags two_bad,x "the highest seqno wins"
check --lvm vg_field "$vg" vg_seqno $((seq + 1)) "lvm2 picks the highest seqno"
vgck_flags "$vg" "${stale[@]}"
repaired "$vg" $((seq + 1)) "${vgdevs[@]}"
check vg_field "$vg" vg_tags two_bad,x "after repair"

echo "== 6. a metadata area too full for the next commit"
add_loop 16M
small=("$LAST_LOOP")
add_loop 16M
small+=("$LAST_LOOP")
vg2=$(vgname full)
run vol pvcreate --metadatasize 32k --dataalignment 4k "${small[@]}"
check pv_field "${small[0]}" pv_mda_size 32768 "mda size of the small PVs"
run vol vgcreate "$vg2" "${small[@]}"
pad=$(printf '%0100d' 0)
last_ok=$(get vg_field "$vg2" vg_seqno)
failed=""
for ((i = 1; i <= 40; i++)); do
	args=()
	for ((j = 0; j < 10; j++)); do args+=(--addtag "t${i}_${j}_$pad"); done
	fingerprint >"$T/fp.before"
	rc=0
	vol vgchange "${args[@]}" "$vg2" >"$T/full.out" 2>&1 || rc=$?
	if [ $rc -eq 0 ]; then
		last_ok=$(get vg_field "$vg2" vg_seqno)
		continue
	fi
	failed=$i
	break
done
[ -n "$failed" ] || die "40 rounds of 10 long tags never filled a 32 KiB metadata area"
echo "  round $failed failed (exit $rc) at seqno $last_ok:"
sed 's/^/    /' "$T/full.out"
assert_eq "$rc" 5 "exit code of the commit that does not fit"
max=$(sed -n 's/.*exceeds maximum metadata size (\([0-9]*\) bytes).*/\1/p' "$T/full.out" | head -1)
assert_eq "$max" 15616 "maximum text size of a 32 KiB mda (from the 'exceeds maximum metadata size' message)"
fingerprint >"$T/fp.after"
cmp -s "$T/fp.before" "$T/fp.after" || die "the failed commit changed the disks"
check vg_field "$vg2" vg_seqno "$last_ok" "VG stays at the last good seqno"
check --lvm vg_field "$vg2" vg_seqno "$last_ok" "lvm2 reads the last good seqno"
assert_eq "$(get --lvm vg_field "$vg2" vg_tags | tr ',' '\n' | grep -c .)" $(((failed - 1) * 10)) \
	"lvm2's tag count at the last good commit"
check vgck_clean "$vg2"
check --lvm vgck_clean "$vg2"
headers_agree "${small[@]}" >/dev/null
# Smaller changes still fit.
run vol vgchange --deltag "t1_0_$pad" --deltag "t1_1_$pad" "$vg2"
check --lvm vg_field "$vg2" vg_seqno $((last_ok + 1)) "after a smaller commit"
check --lvm vgck_clean "$vg2"
# Our report must list every tag, as lvm2 does (no truncation of long lists).
ntags=$(get vg_field "$vg2" vg_tags | tr ',' '\n' | grep -c .)
assert_eq "$ntags" $(((failed - 1) * 10 - 2)) "tags listed by our vgs"
echo "corrupt: ok"
