# shellcheck shell=bash
# Host tier helpers: loop devices, scoping both tools to them, on-disk
# surgery.  Source it first thing:
#   . "$(dirname "$0")/lib.sh"
# Every test gets its own temp dir ($T), its own sparse-file loop devices
# (detached by name in the EXIT trap) and unique VG names; both tools see
# only those devices (--devices) and keep backups under $T.  The harness
# vocabulary (run, fail, check, get, soft, ...) is in tests/lib/common.sh.
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
	trap - ERR
	rc=$(harness_verdict "$rc")
	# Remove what the test made, in reverse: mounts, then loops, then files.
	for d in $(awk -v t="$T" '$2 ~ "^"t {print $2}' /proc/mounts); do umount "$d" || true; done
	for d in "${LOOPS[@]}"; do
		losetup -d "$d" 2>/dev/null || true
	done
	# Loops attached inside a subshell (a soft check) are not in LOOPS here:
	# track_loop listed them; detach those still backed by a file of ours.
	if [ -f "$T/loops.more" ]; then
		while read -r d; do
			case $(losetup -nO BACK-FILE "$d" 2>/dev/null) in
			"$T"/*) losetup -d "$d" 2>/dev/null || true ;;
			esac
		done <"$T/loops.more"
	fi
	rm -rf "$T"
	exit "$rc"
}
# shellcheck source=tests/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
trap cleanup EXIT

# track_loop DEV: the cleanup detaches DEV even when it was attached in a
# subshell (soft), whose changes to LOOPS the EXIT trap never sees.
track_loop() {
	echo "$1" >>"$T/loops.more"
}

# devicesfile_sysdir DIR NAME: a private lvm system directory DIR whose
# lvm.conf turns the devices file NAME on (activation off, no devname
# search, no hints); both tools read it under LVM_SYSTEM_DIR=DIR.
devicesfile_sysdir() {
	mkdir -p "$1/devices"
	chmod 700 "$1/devices"
	cat >"$1/lvm.conf" <<-EOF
		global { activation = 0 }
		devices {
			use_devicesfile = 1
			devicesfile = "$2"
			search_for_devnames = "none"
			hints = "none"
		}
	EOF
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
	[ "$BASH_SUBSHELL" -eq 0 ] || die "add_loop in a subshell: use 'add_loop SIZE; dev=\$LAST_LOOP'"
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
	[ -n "$DEVLIST" ] || die "no test devices yet: call setup_loops first"
	"$VOLUME" "$1" --devices "$DEVLIST" --backup-dir "$T/backup" --archive-dir "$T/archive" "${@:2}"
}

# lvm CMD ARGS...: lvm2, the oracle, on the same devices, with its backups
# under $T; no device-mapper on the host.  pvck takes no --devices in
# 2.03.16: a filter accepting only the test's devices instead.
lvm() {
	[ -n "$DEVLIST" ] || die "no test devices yet: call setup_loops first"
	local cmd=$1 conf d filter=""
	shift
	conf="global{activation=0} devices{hints=\"none\"} backup{backup_dir=\"$T/lvm-backup\" archive_dir=\"$T/lvm-archive\"}"
	if [ "$cmd" = pvck ]; then
		for d in "${LOOPS[@]}"; do filter+="\"a|^$d\$|\","; done
		command lvm pvck --config "$conf devices{global_filter=[$filter\"r|.*|\"]}" "$@"
	else
		command lvm "$cmd" --config "$conf" --devices "$DEVLIST" "$@"
	fi
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
# mda_hdr /dev/loop3 'mda_header_1.raw_locn[0].offset'.  Dies if pvck fails
# or does not print FIELD.
mda_hdr() {
	local dump v
	dump=$(vol pvck --dump headers "$1" 2>&1) || die "our pvck --dump headers $1 failed: $dump"
	v=$(awk -v f="$2" '$1 == f { print $2; exit }' <<<"$dump")
	[ -n "$v" ] || die "our pvck --dump headers $1 has no $2"
	echo "$v"
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
				{ lvm pvck --dump headers "$d" 2>/dev/null || echo "pvck-failed"; } >"$T/hdr.out"
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
				die "metadata headers disagree: $tool on $d has [$line], first was [$want]"
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

# ---- Device subsets, a device that disappears ----

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
	track_loop "$d"
	for i in "${!LOOPS[@]}"; do [ "${LOOPS[$i]}" != "$gone" ] || LOOPS[$i]=$d; done
	for i in "${!DEVS[@]}"; do [ "${DEVS[$i]}" != "$gone" ] || DEVS[$i]=$d; done
	DEVLIST=$(IFS=,; echo "${LOOPS[*]}")
}
