# Shared helpers for host tests.  Source it first thing:
#   . "$(dirname "$0")/lib.sh"
# Every test gets its own temp dir ($T), its own sparse-file loop devices
# (detached by name in the EXIT trap) and unique VG names; both tools see
# only those devices (--devices) and keep backups under $T.
set -euo pipefail

BUILD=${BUILD:?BUILD must point to the build directory}
VOLUME=${VOLUME:-$BUILD/volume}
TEST_NAME=$(basename "$0" .sh)
T=$(mktemp -d "/tmp/volume-${TEST_NAME}.XXXXXX")
LOOPS=()
DEVLIST=""
export LVM_SUPPRESS_FD_WARNINGS=1

cleanup() {
	local rc=$?
	local d
	# Remove what the test made, in reverse: mounts, then loops, then files.
	for d in $(awk -v t="$T" '$2 ~ "^"t {print $2}' /proc/mounts); do umount "$d" || true; done
	for d in "${LOOPS[@]}"; do
		losetup -d "$d" 2>/dev/null || true
	done
	rm -rf "$T"
	exit $rc
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# setup_loops N [SIZE]: N sparse loop devices (default 64M); fills DEVS.
setup_loops() {
	local n=$1 size=${2:-64M} i f d
	DEVS=()
	for ((i = 0; i < n; i++)); do
		f="$T/disk$i.img"
		truncate -s "$size" "$f"
		d=$(losetup -f --show "$f")
		LOOPS+=("$d")
		DEVS+=("$d")
	done
	DEVLIST=$(IFS=,; echo "${LOOPS[*]}")
}

# add_loop [SIZE]: one more device, appended to DEVS and the scan scope; its
# path is in $LAST_LOOP.  Not in $(...): the bookkeeping would be lost.
add_loop() {
	local size=${1:-64M} f d
	[ "$BASH_SUBSHELL" -eq 0 ] || fail "add_loop in a subshell: use 'add_loop SIZE; dev=\$LAST_LOOP'"
	f="$T/disk${#LOOPS[@]}.img"
	truncate -s "$size" "$f"
	d=$(losetup -f --show "$f")
	LOOPS+=("$d")
	DEVS+=("$d")
	DEVLIST=$(IFS=,; echo "${LOOPS[*]}")
	LAST_LOOP=$d
}

# A VG name no other test uses.
vgname() { echo "t${1:-}_${TEST_NAME//[^a-zA-Z0-9]/_}_$$"; }

# Our tool, restricted to this test's devices, with backups under $T.
vol() {
	[ -n "$DEVLIST" ] || fail "no test devices yet: call setup_loops first"
	"$VOLUME" "$1" --devices "$DEVLIST" --backup-dir "$T/backup" --archive-dir "$T/archive" "${@:2}"
}

# lvm2, the oracle, on the same devices; no device-mapper on the host.
LVM_CONFIG() {
	echo "global{activation=0} devices{hints=\"none\"} backup{backup_dir=\"$T/lvm-backup\" archive_dir=\"$T/lvm-archive\"}"
}
lvm_() {
	[ -n "$DEVLIST" ] || fail "no test devices yet: call setup_loops first"
	local cmd=$1
	shift
	"$cmd" --config "$(LVM_CONFIG)" --devices "$DEVLIST" "$@"
}
# pvck takes no --devices in 2.03.16: filter instead.
lvm_pvck() {
	local dev=${*: -1}
	pvck --config "devices{global_filter=[\"a|^$dev\$|\",\"r|.*|\"]}" "$@"
}

assert_eq() {
	[ "$1" == "$2" ] || fail "${3:-values differ}: expected [$2], got [$1]"
}

# assert_rc EXPECTED CMD...: runs CMD (stdin from /dev/null), checks its exit code.
assert_rc() {
	local want=$1 rc=0
	shift
	"$@" </dev/null >"$T/out" 2>&1 || rc=$?
	if [ "$rc" != "$want" ]; then
		cat "$T/out" >&2
		fail "expected exit $want, got $rc from: $*"
	fi
}

# The output of the last assert_rc, for message checks.
last_output() { cat "$T/out"; }

# A field of our JSON report: vg_field VG FIELD
vg_field() {
	vol vgs --reportformat json --units b --nosuffix -o "$2" "$1" |
		jq -r ".report[0].vg[0].$2"
}
pv_field() {
	vol pvs --reportformat json --units b --nosuffix -o "$2" "$1" |
		jq -r ".report[0].pv[0].$2"
}
# lvm2's view of the same fields.
lvm_vg_field() {
	lvm_ vgs --reportformat json --units b --nosuffix -o "$2" "$1" 2>/dev/null |
		jq -r ".report[0].vg[0].$2"
}
lvm_pv_field() {
	lvm_ pvs --reportformat json --units b --nosuffix -o "$2" "$1" 2>/dev/null |
		jq -r ".report[0].pv[0].$2"
}

# Fingerprint of every test device: first and last MiB, for "nothing changed".
fingerprint() {
	local d sz
	for d in "${DEVS[@]}"; do
		sz=$(blockdev --getsize64 "$d")
		dd if="$d" bs=1M count=1 iflag=direct status=none | sha256sum
		dd if="$d" bs=1M skip=$((sz / 1048576 - 1)) count=1 iflag=direct status=none | sha256sum
	done
}

# ---- Helpers for t-corrupt, t-crash, t-concurrency (on-disk surgery, images, states) ----

# mda_hdr DEV FIELD: a field of our "pvck --dump headers", e.g.
# mda_hdr /dev/loop3 'mda_header_1.raw_locn[0].offset'.  Empty if absent.
mda_hdr() {
	{ vol pvck --dump headers "$1" 2>/dev/null || true; } | awk -v f="$2" '$1 == f { print $2; exit }'
}

# poke DEV OFFSET HEXBYTE...: overwrites bytes at OFFSET with O_DIRECT
# (read-modify-write of the sectors involved), so no cache hides it.
poke() {
	local dev=$1 off=$2 s n
	shift 2
	s=$((off / 512))
	n=$(((off % 512 + $# + 511) / 512))
	dd if="$dev" of="$T/poke.sec" bs=512 skip="$s" count="$n" iflag=direct status=none
	printf '%b' "$(printf '\\x%s' "$@")" |
		dd of="$T/poke.sec" bs=1 seek=$((off % 512)) conv=notrunc status=none
	dd if="$T/poke.sec" of="$dev" bs=512 seek="$s" count="$n" oflag=direct conv=notrunc status=none
}

# peek DEV OFFSET: one byte as two hex digits (O_DIRECT read).
peek() {
	dd if="$1" bs=512 skip=$(($2 / 512)) count=1 iflag=direct status=none |
		od -An -tx1 -j $(($2 % 512)) -N1 | tr -d ' \n'
}

# flip_byte DEV OFFSET: inverts every bit of one byte.
flip_byte() {
	poke "$1" "$2" "$(printf '%02x' $((0x$(peek "$1" "$2") ^ 0xff)))"
}

# zero_sectors DEV FIRST COUNT: zeroes 512-byte sectors with O_DIRECT.
zero_sectors() {
	dd if=/dev/zero of="$1" bs=512 seek="$2" count="$3" oflag=direct conv=notrunc status=none
}

# save_images TAG / restore_images TAG: sparse copies of every test device's
# backing file; restoring re-reads the size and drops the block device's cache.
save_images() {
	local i
	for i in "${!LOOPS[@]}"; do
		cp --sparse=always "$T/disk$i.img" "$T/img.$1.$i"
	done
}
restore_images() {
	local i
	for i in "${!LOOPS[@]}"; do
		cp --sparse=always "$T/img.$1.$i" "$T/disk$i.img"
		losetup -c "${LOOPS[$i]}"
		blockdev --flushbufs "${LOOPS[$i]}"
	done
}

# crash_steps FILE: the "crash point STEP:K" steps in FILE (VOLUME_CRASH_AT=list), in order.
crash_steps() {
	sed -n 's/^ *crash point \([a-z]*:[0-9]*\)$/\1/p' "$1"
}

# lvm_warnings FILE: lvm2's WARNING lines in FILE, minus the no-dm notice.
lvm_warnings() {
	grep 'WARNING' "$1" | grep -v 'Activation disabled' || true
}

# assert_lvm_vgck_clean VG: lvm2's vgck (whose exit code ignores most
# problems) must print no warning about VG.
assert_lvm_vgck_clean() {
	local rc=0
	lvm_ vgck "$1" >"$T/lvm-vgck.out" 2>&1 || rc=$?
	if [ $rc -ne 0 ] || [ -n "$(lvm_warnings "$T/lvm-vgck.out")" ]; then
		cat "$T/lvm-vgck.out" >&2
		fail "lvm2 vgck $1 is not clean (exit $rc)"
	fi
}

# assert_vgck_clean VG: our vgck exits 0 and warns about nothing.
assert_vgck_clean() {
	local rc=0
	vol vgck "$1" >"$T/vgck.out" 2>&1 || rc=$?
	if [ $rc -ne 0 ] || grep -q WARNING "$T/vgck.out"; then
		cat "$T/vgck.out" >&2
		fail "our vgck $1 is not clean (exit $rc)"
	fi
}

# headers_agree DEV...: every device's committed slot (raw_locn[0] size and
# checksum), its text's seqno, and an empty precommit slot, as seen by both
# tools' "pvck --dump headers", must be the same everywhere.  Prints the
# common "size checksum seqno".
headers_agree() {
	local d tool line want=""
	for d in "$@"; do
		for tool in ours lvm2; do
			if [ $tool = ours ]; then
				{ vol pvck --dump headers "$d" 2>/dev/null || echo "pvck-failed"; } >"$T/hdr.out"
			else
				{ lvm_pvck --dump headers "$d" 2>/dev/null || echo "pvck-failed"; } >"$T/hdr.out"
			fi
			line=$(awk '$1 == "mda_header_1.raw_locn[0].size" { s = $2 }
				$1 == "mda_header_1.raw_locn[0].checksum" { c = $2 }
				$1 == "mda_header_1.raw_locn[1].size" { p = $2 }
				/^ *metadata text at/ { q = $NF }
				/CHECK|pvck-failed/ { bad = 1 }
				END { print s, c, "seqno=" q, "precommit=" p, (bad ? "BAD" : "ok") }' "$T/hdr.out")
			[ -n "$want" ] || want=$line
			if [ "$line" != "$want" ] || [[ "$line" != *" precommit=0 ok" ]]; then
				cat "$T/hdr.out" >&2
				fail "metadata headers disagree: $tool on $d has [$line], first was [$want]"
			fi
		done
	done
	echo "${want% precommit=0 ok}"
}

# lvm_crc FILE SKIP LEN: lvm2's CRC (seed 0xf597a6cf, reflected 0xedb88320,
# no final xor) of LEN bytes of FILE from SKIP, as 8 hex digits.
lvm_crc() {
	local -a tab
	local i j c b crc=$((0xf597a6cf))
	for ((i = 0; i < 256; i++)); do
		c=$i
		for ((j = 0; j < 8; j++)); do
			if ((c & 1)); then c=$(((c >> 1) ^ 0xedb88320)); else c=$((c >> 1)); fi
		done
		tab[i]=$c
	done
	for b in $(od -An -v -tu1 -j "$2" -N "$3" "$1"); do
		crc=$((tab[(crc ^ b) & 0xff] ^ (crc >> 8)))
	done
	printf '%08x\n' "$crc"
}

# fix_mda_checksum DEV OFFSET: recomputes the checksum of the mda_header at
# OFFSET (bytes 4..511), so a header edited on purpose passes the CRC test.
fix_mda_checksum() {
	local c
	dd if="$1" of="$T/mdah.bin" bs=512 skip=$(($2 / 512)) count=1 iflag=direct status=none
	c=$(lvm_crc "$T/mdah.bin" 4 508)
	poke "$1" "$2" "${c:6:2}" "${c:4:2}" "${c:2:2}" "${c:0:2}"
}

# lvm2 prints some notices ("Retrying metadata scan.") on stdout, in the
# middle of its JSON: keep only the JSON lines.  lvm_vgf VG FIELD is
# lvm_vg_field made robust to that; lvm_json CMD ARGS... any lvm2 report.
lvm_json() {
	lvm_ "$@" --reportformat json 2>/dev/null | grep -v '^ *[A-Za-z]' || true
}
lvm_vgf() {
	lvm_json vgs --units b --nosuffix -o "$2" "$1" | jq -r ".report[0].vg[0].$2"
}

# ---- Helpers for t-lifecycle, t-interop, t-badinput, t-report (soft checks, device subsets) ----

# soft CMD...: a soft assertion.  Runs CMD (an assert_* or any function that
# calls fail) in a subshell; a failure is reported and counted and the test
# goes on, so one bug does not hide the next.  End such a test with soft_done.
SOFT_FAILS=0
soft() {
	if ! ("$@"); then
		SOFT_FAILS=$((SOFT_FAILS + 1))
		echo "SOFT FAIL #$SOFT_FAILS (line ${BASH_LINENO[0]}): $*" >&2
	fi
	return 0
}
soft_done() {
	[ "$SOFT_FAILS" -eq 0 ] || fail "$SOFT_FAILS soft assertion(s) failed (see SOFT FAIL lines above)"
}

# fingerprint_of DEV...: fingerprint() of some devices only (e.g. to leave out
# a device lvm2 writes to as the oracle).
fingerprint_of() {
	local DEVS=("$@")
	fingerprint
}

# detach_loop DEV: DEV disappears like a failed disk.  Its loop is detached
# and, in LOOPS and DEVS, replaced by a blank 1 MiB placeholder loop of ours,
# so indices stay stable, add_loop keeps unique file names and the cleanup
# never detaches a loop number another test may have been given since.
detach_loop() {
	local gone=$1 f d i
	f="$T/gone${#LOOPS[@]}.$RANDOM.img"
	truncate -s 1M "$f"
	losetup -d "$gone"
	d=$(losetup -f --show "$f")
	for i in "${!LOOPS[@]}"; do [ "${LOOPS[$i]}" != "$gone" ] || LOOPS[$i]=$d; done
	for i in "${!DEVS[@]}"; do [ "${DEVS[$i]}" != "$gone" ] || DEVS[$i]=$d; done
	DEVLIST=$(IFS=,; echo "${LOOPS[*]}")
}

# report_rows TOOL CMD ARGS...: the rows of a JSON report by TOOL (vol or
# lvm_; CMD pvs or vgs), one compact key-sorted object per line, sorted: two
# tools' outputs can be diffed.  lvm2's stray notice lines are dropped; ours
# are not (they would break the JSON, which is a bug).
report_rows() {
	local tool=$1 cmd=$2
	shift 2
	if [ "$tool" = lvm_ ]; then
		lvm_ "$cmd" --reportformat json "$@" 2>/dev/null | grep -v '^ *[A-Za-z]'
	else
		vol "$cmd" --reportformat json "$@" 2>/dev/null
	fi | jq -c -S ".report[0].${cmd%s}[]" | sort
}

# lvm_stderr FILE: lvm2's stderr in FILE minus the no-device-mapper notices
# every command prints here.
lvm_stderr() {
	grep -v -e 'WARNING: Activation disabled' -e '/dev/mapper/control: open failed' \
		-e 'Failure to communicate with kernel device-mapper' \
		-e 'Check that device-mapper is available' -e 'Incompatible libdevmapper' \
		-e 'Failed to check for active volumes' "$1" || true
}
