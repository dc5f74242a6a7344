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

# add_loop [SIZE]: one more device, appended to DEVS and the scan scope.
add_loop() {
	local size=${1:-64M} f d
	f="$T/disk${#LOOPS[@]}.img"
	truncate -s "$size" "$f"
	d=$(losetup -f --show "$f")
	LOOPS+=("$d")
	DEVS+=("$d")
	DEVLIST=$(IFS=,; echo "${LOOPS[*]}")
	echo "$d"
}

# A VG name no other test uses.
vgname() { echo "t${1:-}_${TEST_NAME//[^a-zA-Z0-9]/_}_$$"; }

# Our tool, restricted to this test's devices, with backups under $T.
vol() {
	"$VOLUME" "$1" --devices "$DEVLIST" --backup-dir "$T/backup" --archive-dir "$T/archive" "${@:2}"
}

# lvm2, the oracle, on the same devices; no device-mapper on the host.
LVM_CONFIG() {
	echo "global{activation=0} devices{hints=\"none\"} backup{backup_dir=\"$T/lvm-backup\" archive_dir=\"$T/lvm-archive\"}"
}
lvm_() {
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
