# shellcheck shell=bash
# Helpers the host benchmarks share (scripts/bench/lv, scripts/bench/flushfloor).
# Source after setting BENCH (the script's name, for messages):
#   . "$(dirname "$0")/lib.sh"
# It resolves BUILD and VOLUME from $1, makes the temp dir $T, and detaches
# the loop devices it made (and only those) on exit.
set -euo pipefail
export LC_ALL=C LVM_SUPPRESS_FD_WARNINGS=1

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=${1:-${BUILD:-build}}
BUILD_ARG=$BUILD
case $BUILD in
/*) ;;
*) if [ -x "$BUILD/volume" ]; then BUILD=$(cd "$BUILD" && pwd); else BUILD=$ROOT/$BUILD; fi ;;
esac
VOLUME=$BUILD/volume
DEV_SIZE=${DEV_SIZE:-64M}

die() {
	echo "$BENCH: $*" >&2
	exit 1
}
say() { echo "$BENCH: $*" >&2; }
[ "$(id -u)" -eq 0 ] || die "must run as root (loop devices): sudo $0 ${1:-}"
[ -x "$VOLUME" ] || die "$VOLUME not found: run make first"

T=$(mktemp -d "/tmp/volume-bench-$BENCH.XXXXXX")
LOOPS=()
bench_cleanup() {
	local rc=$? d
	for d in "${LOOPS[@]}"; do
		losetup -d "$d" 2>/dev/null || true
	done
	rm -rf "$T"
	exit $rc
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM HUP

# new_loops N [SIZE]: N more loop devices on sparse files; their paths in NEW.
# The first MiB of each file (labels, metadata areas) is written once, so
# that no benchmarked write allocates blocks of the host file system (a cost
# of sparse files that real disks do not have, and that would hit whichever
# tool writes a fresh part of a metadata area first).
new_loops() {
	local i f d size=${2:-$DEV_SIZE}
	NEW=()
	for ((i = 0; i < $1; i++)); do
		f="$T/disk${#LOOPS[@]}.img"
		truncate -s "$size" "$f"
		dd if=/dev/zero of="$f" bs=1M count=1 conv=notrunc,fsync status=none
		d=$(losetup -f --show "$f")
		LOOPS+=("$d")
		NEW+=("$d")
	done
}
csv() { local IFS=,; echo "$*"; }

# run CMD...: runs CMD quietly, dies with its output if it fails.
run() {
	if ! "$@" </dev/null >"$T/run.out" 2>&1; then
		cat "$T/run.out" >&2
		die "failed: $*"
	fi
}

# timed CMD...: runs CMD once; its wall time in microseconds goes to $US
# (bash's $EPOCHREALTIME around fork+exec+run+exit, nothing else inside).
timed() {
	local t0 t1 rc=0
	t0=$EPOCHREALTIME
	"$@" </dev/null >/dev/null 2>"$T/timed.err" || rc=$?
	t1=$EPOCHREALTIME
	if [ $rc -ne 0 ]; then
		cat "$T/timed.err" >&2
		die "failed (exit $rc): $*"
	fi
	US=$((${t1/./} - ${t0/./}))
}

# median < numbers; minmax < numbers ("LO HI")
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minmax() { sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo, hi }'; }
ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }
ratio2() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
mega() { awk -v n="$1" 'BEGIN { printf "%.1f M", n / 1e6 }'; }

# rss CMD...: peak RSS in KB of one run (GNU time), in $KB.
rss() {
	run /usr/bin/time -f %M -o "$T/rss.one" "$@"
	KB=$(tail -n1 "$T/rss.one")
}

# instr CMD...: instructions of one run (callgrind, all threads, process
# start included), in $IR.
instr() {
	rm -f "$T"/cg.out*
	if ! valgrind --tool=callgrind --callgrind-out-file="$T/cg.out.%p" "$@" \
		</dev/null >"$T/cg.stdout" 2>"$T/cg.err"; then
		cat "$T/cg.err" >&2
		die "failed under callgrind: $*"
	fi
	IR=$(sed -n 's/^==[0-9]*== Collected : //p' "$T/cg.err" | awk '{ s += $1 } END { print s + 0 }')
	[ "$IR" -gt 0 ] || die "callgrind counted nothing for: $*"
	[ -z "${KEEP_PROFILES:-}" ] || cp "$T"/cg.out.* "$KEEP_PROFILES/" 2>/dev/null || true
}

# floor_bin: builds scripts/bench/flushfloor.c into BUILD/bench/ (if needed) and
# sets FLOOR_BIN.
floor_bin() {
	FLOOR_BIN=$BUILD/bench/flushfloor
	if [ ! -x "$FLOOR_BIN" ] || [ "$HERE/flushfloor.c" -nt "$FLOOR_BIN" ]; then
		mkdir -p "$BUILD/bench"
		gcc -O2 -Wall -Wextra -Werror -pthread -o "$FLOOR_BIN" "$HERE/flushfloor.c" ||
			die "cannot build $FLOOR_BIN"
	fi
}

lvm2_version() { lvm version 2>/dev/null | sed -n 's/^ *LVM version: *//p'; }
machine() {
	echo "$(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)), kernel $(uname -r)"
}
our_version() {
	echo "$("$VOLUME" version 2>/dev/null | sed -n 's/^ *volume version: *//p'), ${VOLUME#"$ROOT"/} (sha256 $(sha256sum "$VOLUME" | cut -c1-12)), tree $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)"
}
