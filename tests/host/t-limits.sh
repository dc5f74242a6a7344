#!/usr/bin/env bash
# Reader limits (issue 6, part A): lvm2 2.03.16 itself writes metadata at the
# edge of each of its limits; our pvs/vgs read it with lvm2's values (JSON
# rows compared), our vgck is clean, our vgcfgbackup makes a file lvm2
# restores (--test), and our write of the VG (vgchange --addtag) is read by
# lvm2 with our values again.  The facts behind each edge are in
# /work/notes/issue6-facts.md, part A.
#
#   tag length     131071 chars (the kernel's limit on one argv string; lvm2
#                  itself has none), on a VG, a PV and an LV; ours writes one
#   tag count      20000 tags in one vgchange
#   tag charset    every character lvm2 allows, a tag starting with "-"
#   VG name        127 chars; LV name 124 - len(VG name) chars; a 300-char LV
#                  name planted on disk (listed by both, written by neither)
#   text size      1.8 MB of metadata text (an 8 MiB metadata area)
#   sections       1400 LVs and an LV of 1000 segments
#   integers       pe_count 4294967039 (> 2^31), extent_size 4294967040
#                  sectors, seqno 4294967295 and its wrap to 0 (by either
#                  tool), 4294967296 in a restored file (read as 0),
#                  creation_time 18446744073709551615 (read as 1527120000,
#                  and the next write writes that)
#   strings        description with newline, tab, quote, backslash, UTF-8 and
#                  a control byte, and cut at 2047 bytes; creation_host with a
#                  backslash, "#" and a space
#   nesting        an unknown section nested 2000 deep inside the VG (lvm2
#                  reads up to ~130000 levels), kept by our writes
# The 16 TiB cases need sparse files of 16 TiB - 4 KiB in $T (under /tmp):
# where that is impossible the test fails, it does not skip.
# Checks are soft (tests/lib/common.sh): every failure is listed, then the test fails.
. "$(dirname "$0")/lib.sh"

# The settings lib.sh's lvm wrapper gives lvm2, for direct calls of its commands.
lvm_conf() {
	echo "global{activation=0} devices{hints=\"none\"} backup{backup_dir=\"$T/lvm-backup\" archive_dir=\"$T/lvm-archive\"}"
}

setup_loops 15
D=("${DEVS[@]}")

VGF=vg_name,vg_uuid,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count,vg_seqno,pv_count,lv_count,vg_attr,vg_tags,vg_mda_count,vg_mda_size
PVF=pv_name,pv_uuid,pv_size,pv_free,pv_pe_count,pv_pe_alloc_count,pv_tags,vg_name,dev_size,pe_start

long() { head -c "$1" /dev/zero | tr '\0' "${2:-a}"; }

# same_vg VG [FIELDS]: our JSON row of VG equals lvm2's, and our vgck is clean.
same_vg() {
	local a b d why=""
	b=$(rows --lvm vgs --units b --nosuffix -o "${2:-$VGF}" "$1") || true
	[ -n "$b" ] || die "lvm2 does not report VG ${1:0:60}"
	a=$(rows vgs --units b --nosuffix -o "${2:-$VGF}" "$1" 2>/dev/null) || true
	if [ -z "$a" ]; then
		for d in $(lvm pvs --noheadings -o pv_name -S "vg_name=$1" 2>/dev/null); do
			why+=$(vol vgs -vv 2>&1 | grep -F "$d:" | cut -c1-200) || true
		done
		die "our vgs does not report VG ${1:0:60}: ${why:-no reason given}"
	fi
	[ "$a" == "$b" ] || die "vgs ${1:0:60}: ours differs from lvm2's (${#a} vs ${#b} chars): $(diff <(echo "$b" | cut -c1-300) <(echo "$a" | cut -c1-300) | head -6)"
	# (SKIP_VGCK: the VG has a warning lvm2's vgck gives too, until rewritten)
	[ -n "${SKIP_VGCK:-}" ] || check vgck_clean "$1"
}
# same_pv DEV [FIELDS]: our JSON row of PV equals lvm2's.
same_pv() {
	local a b
	b=$(rows --lvm pvs --units b --nosuffix -o "${2:-$PVF}" "$1") || true
	a=$(rows pvs --units b --nosuffix -o "${2:-$PVF}" "$1" 2>/dev/null) || true
	[ -n "$b" ] || die "lvm2 does not report PV $1"
	[ "$a" == "$b" ] || die "pvs $1: ours differs from lvm2's: $(diff <(echo "$b" | cut -c1-300) <(echo "$a" | cut -c1-300) | head -6)"
}
# backup_restores VG: our vgcfgbackup of VG is a file lvm2 reads and would restore.
backup_restores() {
	run vol vgcfgbackup -f "$T/ours.vg" "$1"
	run lvm vgcfgrestore --test -f "$T/ours.vg" "$1"
}
# we_write VG [FIELDS] [TAG]: our write of VG (one more tag), read by lvm2 with
# our values, without a warning.
we_write() {
	run vol vgchange --addtag "${3:-ours}" "$1"
	same_vg "$1" "${2:-$VGF}"
	check --lvm vgck_clean "$1"
}
# reads_and_writes VG [FIELDS] [TAG]: everything above, for a VG lvm2 wrote.
reads_and_writes() {
	same_vg "$1" "${2:-$VGF}"
	backup_restores "$1"
	we_write "$@"
}

# lvm2_vg_lv VG DEV: lvm2 makes VG on DEV, with an LV "lv" of one extent.
lvm2_vg_lv() {
	run lvm vgcreate "$1" "$2"
	run lvm lvcreate -an -Zn -l1 -n lv "$1"
}

# slot0 DEV FIELD: raw_locn[0].offset (FIELD 0) or .size (FIELD 8) of mda0,
# read from the disk (not through the tool under test).
slot0() {
	dd if="$1" bs=512 skip=8 count=1 iflag=direct status=none | od -An -t u8 -j $((0x28 + $2)) -N 8 | tr -d ' '
}
# text_of DEV: the committed metadata text of mda0 (NUL dropped; no wrap).
text_of() {
	local off size
	off=$(slot0 "$1" 0)
	size=$(slot0 "$1" 8)
	[ -n "$size" ] && [ "$size" -gt 0 ] || die "no committed text on $1"
	dd if="$1" of="$T/text.raw" bs=512 skip=$(((4096 + off) / 512)) count=$(((size + 511) / 512)) iflag=direct status=none
	head -c $((size - 1)) "$T/text.raw"
}
# write_text DEV FILE: FILE (with its NUL) becomes the committed text at the
# same offset of mda0; raw_locn[0] size and checksum and the header checksum
# are recomputed.
write_text() {
	local dev=$1 f=$2 off size c
	off=$(slot0 "$dev" 0)
	size=$(stat -c %s "$f")
	[ $((off + size)) -le 1044480 ] || die "text would wrap"
	cp "$f" "$T/pad.bin"
	truncate -s $(((size + 511) / 512 * 512)) "$T/pad.bin"
	dd if="$T/pad.bin" of="$dev" bs=512 seek=$(((4096 + off) / 512)) oflag=direct conv=notrunc status=none
	c=$(lvm_crc "$f" 0 "$size")
	# raw_locn[0].size (u64 at 0x30) and .checksum (u32 at 0x38), little-endian.
	poke "$dev" $((4096 + 0x30)) $(printf '%016x' "$size" | sed 's/../& /g' | awk '{for (i = NF; i > 0; i--) printf "%s ", $i}')
	poke "$dev" $((4096 + 0x38)) "${c:6:2}" "${c:4:2}" "${c:2:2}" "${c:0:2}"
	fix_mda_checksum "$dev" 4096
}

echo "== tags: 131071 chars on a VG, a PV and an LV; 20000 tags; every allowed character"
case_tags() {
	local vg
	vg=$(vgname tags)
	lvm2_vg_lv "$vg" "${D[0]}"
	run lvm vgchange --addtag "$(long 131071 v)" "$vg"
	run lvm pvchange --addtag "$(long 131071 p)" "${D[0]}"
	run lvm lvchange --addtag "$(long 131071 l)" "$vg/lv"
	same_pv "${D[0]}"
	reads_and_writes "$vg"
	same_pv "${D[0]}"
	# a fourth such tag does not fit a 1 MiB metadata area: both tools refuse it
	fail vol vgchange --addtag "$(long 131071 w)" "$vg"
	assert_has "$(err)" "exceeds maximum metadata size (521472 bytes)"
	fail lvm vgchange --addtag "$(long 131071 w)" "$vg"
	assert_has "$(err)" "exceeds maximum metadata size (521472 bytes)"
	same_vg "$vg"
}
soft case_tags
case_many_tags() {
	local vg i args=()
	vg=$(vgname many)
	run lvm vgcreate "$vg" "${D[1]}"
	for ((i = 0; i < 20000; i++)); do args+=(--addtag "t$i"); done
	run lvm vgchange "${args[@]}" "$vg"
	# (lvm2 takes seconds for each read of these tags: as few as will do)
	same_vg "$vg"
	we_write "$vg"
	assert_eq "$(get vg_field "$vg" vg_tags | tr ',' '\n' | wc -l)" 20001 "tags after our write, in both tools"
	# and gone, so that lvm2's scans in the other cases do not read them again
	run vol vgremove -y "$vg"
}
soft case_many_tags
case_tag_chars() {
	local vg
	vg=$(vgname chars)
	run lvm vgcreate "$vg" "${D[2]}"
	# --addtag=-x: a tag may start with "-" (only names may not); "@x" is stored as "x".
	run lvm vgchange --addtag 'A.z_0-9+/=!:&#' --addtag=-lead --addtag '@at' --addtag '#' "$vg"
	reads_and_writes "$vg" "$VGF" "-ours"
	check --lvm vg_field "$vg" vg_tags '#,-lead,-ours,A.z_0-9+/=!:&#,at' "lvm2 reads our leading-dash tag"
	# what lvm2 refuses to write, we refuse too, as lvm2 does: on the command line (exit 3)
	invalid vol vgchange --addtag 'sp ace' "$vg"
	invalid vol vgchange --addtag "caf$(printf '\xc3\xa9')" "$vg"
}
soft case_tag_chars

echo "== names: a 127-char VG; an LV name filling vg+lv+3 < 128"
case_names() {
	local vg vg2 n
	vg=$(vgname name)
	vg=$vg$(long $((127 - ${#vg})) n)
	run lvm vgcreate "$vg" "${D[3]}"
	reads_and_writes "$vg"
	vg2=$(vgname lvn)
	n=$((124 - ${#vg2}))
	run lvm vgcreate "$vg2" "${D[4]}"
	run lvm lvcreate -an -Zn -l1 -n "$(long "$n" L)" "$vg2"
	# lvm2 refuses one more character ("length 128 is not supported").
	fail lvm lvcreate -an -Zn -l1 -n "$(long $((n + 1)) M)" "$vg2"
	reads_and_writes "$vg2"
}
soft case_names
echo "== text size: 1.8 MB of metadata in an 8 MiB metadata area"
case_big_text() {
	local vg x args=()
	vg=$(vgname big)
	run lvm pvcreate --metadatasize 8m "${D[5]}"
	run lvm vgcreate "$vg" "${D[5]}"
	for x in a b c d e f g h i j k l m n; do args+=(--addtag "$(long 131071 "$x")"); done
	run lvm vgchange "${args[@]}" "$vg"
	[ "$(slot0 "${D[5]}" 8)" -gt 1800000 ] || die "lvm2 wrote no 1.8 MB text"
	# our write adds a tag as long as lvm2's longest
	reads_and_writes "$vg" "$VGF" "$(long 131071 w)"
}
soft case_big_text

echo "== sections: 1400 LVs and an LV of 1000 segments (vgcfgrestore of a generated file)"
case_sections() {
	local vg
	vg=$(vgname sect)
	run lvm vgcreate -s 16k "$vg" "${D[6]}"
	run lvm vgcfgbackup -f "$T/sect.vg" "$vg"
	# Append a logical_volumes section before the VG section's last "}".
	awk -v nlv=1400 -v nseg=1000 '
	function uid(   s, i) { s = ""; for (i = 0; i < 32; i++) s = s substr(A, int(rand() * 62) + 1, 1)
		return substr(s,1,6) "-" substr(s,7,4) "-" substr(s,11,4) "-" substr(s,15,4) "-" substr(s,19,4) "-" substr(s,23,4) "-" substr(s,27,6) }
	function seg(n, le, pe) { return "segment" n " {\nstart_extent = " le "\nextent_count = 1\ntype = \"striped\"\nstripe_count = 1\nstripes = [\n\"pv0\", " pe "\n]\n}\n" }
	BEGIN { A = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"; srand(6) }
	{ lines[NR] = $0 }
	END {
		for (i = 1; i < NR; i++) print lines[i]
		print "logical_volumes {"
		for (i = 0; i < nlv; i++)
			printf "lv%d {\nid = \"%s\"\nstatus = [\"READ\", \"WRITE\", \"VISIBLE\"]\nflags = []\ncreation_time = 1796644966\ncreation_host = \"h\"\nsegment_count = 1\n%s}\n", i, uid(), seg(1, 0, i)
		printf "segs {\nid = \"%s\"\nstatus = [\"READ\", \"WRITE\", \"VISIBLE\"]\nflags = []\ncreation_time = 1796644966\ncreation_host = \"h\"\nsegment_count = %d\n", uid(), nseg
		for (i = 0; i < nseg; i++) printf "%s", seg(i + 1, i, nlv + 2 * i)
		print "}\n}"
		print lines[NR]
	}' "$T/sect.vg" >"$T/sect2.vg"
	run lvm vgcfgrestore -f "$T/sect2.vg" "$vg"
	check --lvm vg_field "$vg" lv_count 1401 "lvm2's LV count"
	reads_and_writes "$vg"
}
soft case_sections

echo "== integers: seqno 4294967295 and the wrap to 0, by either tool; 4294967296 in a file"
case_seqno() {
	local vg
	vg=$(vgname seq)
	run lvm vgcreate "$vg" "${D[7]}"
	run lvm vgcfgbackup -f "$T/seq.vg" "$vg"
	sed 's/seqno = [0-9]*/seqno = 4294967294/' "$T/seq.vg" >"$T/seq2.vg"
	run lvm vgcfgrestore -f "$T/seq2.vg" "$vg"	# writes seqno + 1
	check --lvm vg_field "$vg" vg_seqno 4294967295 "lvm2's seqno"
	reads_and_writes "$vg"	# our write wraps, as lvm2's does
	check --lvm vg_field "$vg" vg_seqno 0 "seqno after our write"
	run lvm vgcfgrestore -f "$T/seq2.vg" "$vg"
	run lvm vgchange --addtag wrapped "$vg"
	check --lvm vg_field "$vg" vg_seqno 0 "lvm2's seqno after its wrap"
	same_vg "$vg"
	# 4294967296 in a file reads as 0 (the low 32 bits), in both tools' restores
	sed 's/seqno = [0-9]*/seqno = 4294967296/' "$T/seq.vg" >"$T/seq3.vg"
	run lvm vgcfgrestore -f "$T/seq3.vg" "$vg"
	same_vg "$vg"
	run vol vgcfgrestore -f "$T/seq3.vg" "$vg"
	same_vg "$vg"
}
soft case_seqno

echo "== integers: pe_count 4294967039 (16 TiB, 4 KiB extents); extent_size 4294967040 sectors"
# Sparse files: 16 TiB - 4 KiB (ext4's largest file) and 8 TiB, in $T.
truncate -s $((16 * 2 ** 40 - 4096)) "$T/probe" ||
	die "$T cannot hold a 16 TiB sparse file: the 16 TiB cases cannot run ($(df -T "$T" | tail -1))"
rm -f "$T/probe"
add_loop $((16 * 2 ** 40 - 4096))
HUGE=$LAST_LOOP
add_loop 8T
WIDE=$LAST_LOOP
case_pe_count() {
	local vg
	vg=$(vgname pe)
	run lvm pvcreate "$HUGE"
	run lvm vgcreate -s 4k "$vg" "$HUGE"
	run lvm lvcreate -an -Zn -l100%FREE -n all "$vg"
	check --lvm vg_field "$vg" vg_extent_count 4294967039 "lvm2's extent count"
	same_pv "$HUGE"
	reads_and_writes "$vg"
	same_pv "$HUGE"
}
soft case_pe_count
case_extent_size() {
	local vg
	vg=$(vgname es)
	run lvm pvcreate "$WIDE"
	run lvm vgcreate -s 4294967040s "$vg" "$WIDE"
	check --lvm vg_field "$vg" vg_extent_size $((4294967040 * 512)) "lvm2's extent size"
	reads_and_writes "$vg"
}
soft case_extent_size

echo "== strings: description with control bytes, quotes, backslashes, UTF-8; long and truncated"
case_description() {
	local vg
	vg=$(vgname desc)
	run lvm vgcreate "$vg" "${D[9]}"
	# The command line is the description: a comment in --config carries the bytes.
	run vgchange --config "$(lvm_conf)"$'\n# a\\b "q" \t é ✓ \x01 end' --devices "$DEVLIST" \
		--addtag desc "$vg"
	text_of "${D[9]}" >"$T/desc.txt"
	grep -q 'a\\\\b \\"q\\"' "$T/desc.txt" || die "lvm2 did not write the escaped description"
	same_vg "$vg"
	# A longer command line is cut at 2047 bytes on disk (not in backup files).
	run vgchange --config "$(lvm_conf) # $(long 5000 d)" --devices "$DEVLIST" --addtag long "$vg"
	text_of "${D[9]}" >"$T/desc.txt"
	[ "$(grep '^description = ' "$T/desc.txt" | wc -c)" -ge 2047 ] || die "no long description on disk"
	reads_and_writes "$vg"
}
soft case_description
case_host() {
	local vg
	vg=$(vgname host)
	run lvm vgcreate "$vg" "${D[10]}"
	# A UTS namespace; /proc/sys/kernel/hostname takes bytes hostname(1) refuses.
	# lvm2 writes creation_host unescaped, so "x\y" reads back as x\y.
	run unshare --uts bash -c 'printf "%s" "x\\y#z w" >/proc/sys/kernel/hostname && "$@"' _ \
		lvcreate --config "$(lvm_conf)" --devices "$DEVLIST" -an -Zn -l1 -n lv "$vg"
	text_of "${D[10]}" >"$T/host.txt"
	grep -q '^creation_host = "x\\y#z w"$' "$T/host.txt" || die "lvm2 did not write the odd creation_host"
	reads_and_writes "$vg"
	# our write escapes the backslash; lvm2 reads the same host
	text_of "${D[10]}" >"$T/host.txt"
	grep -q '^creation_host = "x\\\\y#z w"$' "$T/host.txt" || die "our write changed the LV's creation_host"
	assert_eq "$(lvm lvs --noheadings -o lv_host "$vg/lv" 2>/dev/null | sed 's/^ *//; s/ *$//')" 'x\y#z w' \
		"lvm2's lv_host after our write"
}
soft case_host

echo "== nesting: an unknown section 2000 deep in the VG section (lvm2 reads it; we keep it)"
case_nesting() {
	local vg dev=${D[11]}
	vg=$(vgname nest)
	run lvm vgcreate "$vg" "$dev"
	text_of "$dev" >"$T/n.txt"
	{
		sed -n '1,/^seqno = /p' "$T/n.txt"
		printf 'unknown_key = [1, "two", 3]\n'
		printf 'x{%.0s' $(seq 2000)
		printf 'k = 1'
		printf '}%.0s' $(seq 2000)
		printf '\n'
		sed '1,/^seqno = /d' "$T/n.txt"
		printf '\0'
	} >"$T/n2.txt"
	write_text "$dev" "$T/n2.txt"
	run lvm vgs "$vg"
	reads_and_writes "$vg"
	# our write kept the section, every level of it
	text_of "$dev" >"$T/n.txt"
	assert_eq "$(grep -c '^x {$' "$T/n.txt")" 2000 "nested sections in our write"
	assert_eq "$(grep -c '^k = 1$' "$T/n.txt")" 1 "the innermost key in our write"
}
soft case_nesting

# Last: what these two leave on disk makes lvm2 warn on every scan (an LV name
# it calls too long; a creation_time it repairs) if the case fails before our
# write repairs it.
echo "== names: a 300-char LV name planted on disk"
case_lv_name_300() {
	local vg dev=${D[4]} name
	vg=$(vgname lvn)
	name=$(long 300 P)
	text_of "$dev" | sed "s/^$(long $((124 - ${#vg})) L) {\$/$name {/" >"$T/lv300.txt"
	grep -q "^$name {\$" "$T/lv300.txt" || die "no LV to rename in the text of $vg"
	printf '\0' >>"$T/lv300.txt"
	write_text "$dev" "$T/lv300.txt"
	# lvm2 lists it ("Full LV name ... is too long"), and so do we
	same_vg "$vg" vg_name,vg_uuid,vg_seqno,lv_count,vg_free
	# neither tool writes it: lvm2's vg_validate refuses the name
	fail lvm vgchange --addtag x "$vg"
	fail vol vgchange --addtag x "$vg"
	assert_has "$(err)" "name is longer than 127 characters"
}
soft case_lv_name_300

echo "== integers: creation_time 18446744073709551615 (written by lvm2, repaired on read)"
case_ctime() {
	local vg
	vg=$(vgname ctime)
	lvm2_vg_lv "$vg" "${D[8]}"
	run lvm vgcfgbackup -f "$T/ct.vg" "$vg"
	# -1 in the file: lvm2 reads it as 2^64-1 and writes that back to disk.
	sed -E 's/^(\t\t\tcreation_time = )[0-9]+/\1-1/' "$T/ct.vg" >"$T/ct2.vg"
	run lvm vgcfgrestore -f "$T/ct2.vg" "$vg"
	text_of "${D[8]}" >"$T/ct.txt"
	grep -q '^creation_time = 18446744073709551615$' "$T/ct.txt" ||
		die "lvm2 did not write creation_time = 18446744073709551615"
	# lvm2's warning, on every command that reads it, until it is rewritten
	run vol vgs "$vg"
	assert_has "$(output)" "WARNING: Invalid creation_time found in metadata (repaired with next metadata update)."
	SKIP_VGCK=1 same_vg "$vg"
	backup_restores "$vg"
	we_write "$vg"
	# our write writes lvm2's substitute, which lvm2 reads without a warning
	text_of "${D[8]}" >"$T/ct.txt"
	grep -q '^creation_time = 1527120000$' "$T/ct.txt" || die "our write did not write creation_time = 1527120000"
	assert_eq "$(lvm lvs --noheadings -o lv_time "$vg/lv" 2>/dev/null | sed 's/^ *//; s/ *$//')" \
		"$(date -d @1527120000 '+%Y-%m-%d %H:%M:%S %z')" "lvm2's lv_time after our write"
}
soft case_ctime

