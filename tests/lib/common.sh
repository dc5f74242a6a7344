# shellcheck shell=bash
# The test harness of both tiers (tests/host, tests/vm): one vocabulary for
# running commands, asserting, reading report fields of our tool and of
# lvm2, and soft checks.  Each tier's lib.sh sets, then sources this file:
#   T     the test's scratch folder (captured output, the failure record)
#   vol   our tool:  vol CMD ARGS...  (on the host, limited to the test's devices)
#   lvm   lvm2:      lvm CMD ARGS...  (lvm2's own "lvm vgs" form; on the host
#         a function limiting it to the test's devices)
# and ends its EXIT trap with: rc=$(harness_verdict "$rc").
#
# Failing
#   die MSG...              the test fails with MSG.  Every die is final: it
#                           is recorded, and the test fails at its end even if
#                           the die happened in $(...), a subshell or a soft check.
#   note MSG...             a progress line in the log.
# Running a command: stdin is /dev/null; stdout and stderr are kept for out
# and err, and shown when the exit code is not the expected one.  CMD runs in
# a subshell with errexit on, so CMD may be a shell function.
#   run CMD...              CMD must exit 0.
#   not CMD...              CMD must fail: exit 1..125 (a crash or "command
#                           not found" does not count as failing).
#   invalid CMD...          CMD must exit 3 (bad command line).
#   fail CMD...             CMD must exit 5 (the command failed).
#   exits N[|M...] CMD...   CMD must exit N (or M...), e.g. exits 99, exits "3|5".
#   out / err / output      what the last of those printed on stdout / on
#                           stderr / on both (stdout first).
# Asserting (WHAT names the value in the message)
#   assert_eq ACTUAL EXPECTED [WHAT]
#   assert_ne ACTUAL UNEXPECTED [WHAT]
#   assert_match STRING ERE [WHAT]     STRING matches the extended regex ERE.
#   assert_line TEXT ERE [WHAT]        some line of TEXT matches ERE.
#   assert_no_line TEXT ERE [WHAT]     no line of TEXT matches ERE.
#   assert_has TEXT STRING [WHAT]      TEXT contains STRING (no regex).
# Reports and fields: ours, or lvm2's with --lvm; sizes in bytes, no suffix.
#   get [--lvm] pv_field|vg_field|lv_field NAME FIELD
#                           prints FIELD of the PV, VG or LV (VG/LV) NAME; dies
#                           if the tool fails or does not report NAME.
#   check [--lvm] pv_field|vg_field|lv_field NAME FIELD VALUE [WHAT]
#                           FIELD of NAME is VALUE.
#   check [--lvm] vgck_clean VG
#                           vgck VG exits 0 and warns about nothing (lvm2's
#                           "Activation disabled" notice aside).
#   report [--lvm] pvs|vgs|lvs ARGS...   the JSON report (lvm2's stray notice
#                           lines on stdout dropped; ours are kept: a bug).
#   rows [--lvm] pvs|vgs|lvs ARGS...     its rows, one compact key-sorted
#                           object per line, sorted: two tools' rows can be compared.
#   lvm_warnings [FILE...]  lvm2's WARNING lines in FILEs (or stdin), minus
#                           the no-device-mapper notice.
#   lvm_stderr [FILE...]    lvm2's stderr in FILEs (or stdin) minus the notices
#                           every command prints where there is no device-mapper.
# Soft checks
#   soft CHECK...           runs CHECK (any of the above, or a function of the
#                           test) in a subshell with errexit in force, so a
#                           failing command fails it as much as a die does; a
#                           failure is reported and recorded, and the test goes
#                           on, so one bug does not hide the next.  The test
#                           fails at its end.  soft refuses to run where bash
#                           ignores errexit (in an if/while condition, after !,
#                           before && or ||): call it as a command of its own.
#
# A failing command that errexit catches is reported as
#   ERR t-x.sh:LINE: 'command' exited N
# (an ERR trap), in the test itself and in its soft checks.  Inside $(...)
# bash does not stop at a failing command (errexit is off there): a helper
# whose value is taken with $(...) must die explicitly, as get does.

set -Eeuo pipefail

: "${T:?T must be set before sourcing common.sh}"
HARNESS_FAILURES=$T/harness.failures
: >"$HARNESS_FAILURES"
HARNESS_TRACE=${HARNESS_TRACE:-0}	# 1: runners echo "+ CMD" first
SOFT_FAILS=0

HARNESS_LEVEL=0	# the $BASH_SUBSHELL where errexit acts: 0, or a soft check's
_harness_on_err() { # RC LINE COMMAND FILE FUNCTION
	# Not in $(...), where bash turns errexit off (the failure ends nothing),
	# nor soft's check itself failing (soft says so).
	[ "$BASH_SUBSHELL" -eq "$HARNESS_LEVEL" ] && [ "$5" != soft ] || return 0
	echo "ERR ${4##*/}:$2: '$3' exited $1" >&2
}
trap '_harness_on_err $? $LINENO "$BASH_COMMAND" "${BASH_SOURCE[0]:-$0}" "${FUNCNAME[0]:-}"' ERR

# _harness_where: "t-x.sh:LINE" of the innermost call in the test script.
_harness_where() {
	local i
	for ((i = 1; i < ${#BASH_SOURCE[@]}; i++)); do
		if [ "${BASH_SOURCE[i]}" = "$0" ]; then
			echo "${0##*/}:${BASH_LINENO[i - 1]}"
			return 0
		fi
	done
	echo "${0##*/}"
}

# _harness_record MSG: one line in the failure record.
_harness_record() {
	local first=${1%%$'\n'*}
	printf '%s: %s\n' "${HARNESS_SOFT:-$(_harness_where)}" "${first:0:300}" >>"$HARNESS_FAILURES"
}

die() {
	echo "FAIL: $*" >&2
	_harness_record "$*"
	exit 1
}

note() {
	echo "# $*"
}

# harness_verdict RC: prints the test's exit code: RC, or 1 if RC is 0 and
# a failure was recorded.  Lists the recorded failures on stderr.
harness_verdict() {
	local rc=$1 n
	if [ -s "$HARNESS_FAILURES" ]; then
		n=$(wc -l <"$HARNESS_FAILURES")
		{
			echo "FAIL: $n failure(s) recorded in this test:"
			sed 's/^/  /' "$HARNESS_FAILURES"
		} >&2
		[ "$rc" -ne 0 ] || rc=1
	fi
	echo "$rc"
}

# ---------------------------------------------------------------- running commands

# _harness_run WANT WHAT CMD...: WANT is "any" (1..125) or codes "N|M...".
_harness_run() {
	local want=$1 what=$2 rc=0 ok=0
	shift 2
	[ $# -gt 0 ] || die "no command given (expected exit $what)"
	[ "$HARNESS_TRACE" = 0 ] || echo "+ $*"
	(
		trap - ERR
		set -e
		"$@"
	) </dev/null >"$T/last.out" 2>"$T/last.err" &
	wait $! || rc=$?
	case $want in
	any) [ "$rc" -ge 1 ] && [ "$rc" -le 125 ] && ok=1 ;;
	*) case "|$want|" in *"|$rc|"*) ok=1 ;; esac ;;
	esac
	if [ $ok = 0 ]; then
		{
			echo "--- output of: $*"
			cat "$T/last.out" "$T/last.err"
			echo "---"
		} >&2
		die "expected exit $what, got $rc from: $*"
	fi
	return 0
}
run() { _harness_run 0 0 "$@"; }
not() { _harness_run any "1..125 (a failure)" "$@"; }
invalid() { _harness_run 3 "3 (invalid command line)" "$@"; }
fail() { _harness_run 5 "5 (command failed)" "$@"; }
exits() {
	[[ ${1:-} =~ ^[0-9]+(\|[0-9]+)*$ ]] || die "exits: bad exit code list '${1:-}'"
	_harness_run "$1" "$1" "${@:2}"
}
out() { cat "$T/last.out"; }
err() { cat "$T/last.err"; }
output() { cat "$T/last.out" "$T/last.err"; }

# ---------------------------------------------------------------- assertions

assert_eq() {
	[ "$1" == "$2" ] || die "${3:-value}: expected [$2], got [$1]"
}
assert_ne() {
	[ "$1" != "$2" ] || die "${3:-value}: must not be [$2]"
}
assert_match() {
	[[ $1 =~ $2 ]] || die "${3:-value}: [$1] does not match /$2/"
}
# (grep: 0 a line matches, 1 none does, 2 the ERE is bad.)
assert_line() {
	local rc=0
	grep -qE -- "$2" <<<"$1" || rc=$?
	[ $rc -ne 2 ] || die "assert_line: bad ERE /$2/"
	[ $rc -eq 0 ] || die "${3:-output}: no line matches /$2/ in:
$1"
}
assert_no_line() {
	local rc=0
	grep -qE -- "$2" <<<"$1" || rc=$?
	[ $rc -ne 2 ] || die "assert_no_line: bad ERE /$2/"
	[ $rc -eq 1 ] || die "${3:-output}: a line matches /$2/ in:
$1"
}
assert_has() {
	[[ $1 == *"$2"* ]] || die "${3:-output}: [$2] not found in:
$1"
}

# ---------------------------------------------------------------- reports and fields

report() {
	if [ "${1:-}" = --lvm ]; then
		shift
		lvm "$1" --reportformat json "${@:2}" 2>/dev/null | sed '/^ *[A-Za-z]/d'
	else
		vol "$1" --reportformat json "${@:2}"
	fi
}

rows() {
	local tool=()
	[ "${1:-}" != --lvm ] || { tool=(--lvm); shift; }
	report "${tool[@]}" "$@" | jq -c -S ".report[0].${1%s}[]" | sort
}

get() {
	local tool=() who=our kind json
	[ "${1:-}" != --lvm ] || { tool=(--lvm); who=lvm2; shift; }
	[ $# -eq 3 ] || die "usage: get [--lvm] pv_field|vg_field|lv_field NAME FIELD (got: $*)"
	case $1 in
	pv_field | vg_field | lv_field) kind=${1%_field} ;;
	*) die "get: no such getter '$1'" ;;
	esac
	json=$(report "${tool[@]}" "${kind}s" --units b --nosuffix -o "$3" "$2") ||
		die "$who ${kind}s $2 failed (reading $3)"
	jq -er --arg f "$3" ".report[0].${kind}[0][\$f]" <<<"$json" ||
		die "$who ${kind}s reports no $3 of $kind $2: $json"
}

check() {
	local tool=() who=our v
	[ "${1:-}" != --lvm ] || { tool=(--lvm); who=lvm2; shift; }
	case ${1:-} in
	pv_field | vg_field | lv_field)
		[ $# -ge 4 ] && [ $# -le 5 ] ||
			die "usage: check [--lvm] $1 NAME FIELD VALUE [WHAT] (got: $*)"
		v=$(get "${tool[@]}" "$1" "$2" "$3") || exit 1	# get said why
		[ "$v" == "$4" ] || die "${5:+$5: }$who $3 of ${1%_field} $2: expected [$4], got [$v]"
		;;
	vgck_clean)
		[ $# -eq 2 ] || die "usage: check [--lvm] vgck_clean VG (got: $*)"
		if [ $who = our ]; then
			run vol vgck "$2"
			assert_no_line "$(output)" WARNING "our vgck $2"
		else
			run lvm vgck "$2"
			assert_eq "$(output | lvm_warnings)" "" "lvm2's vgck $2 warnings"
		fi
		;;
	*) die "check: no such check '${1:-}'" ;;
	esac
}

# (grep exits 1 when no line is left, which is the good case; 2 is an error.)
lvm_warnings() {
	{ grep -h 'WARNING' "$@" || [ $? -eq 1 ]; } | { grep -v 'Activation disabled' || [ $? -eq 1 ]; }
}

lvm_stderr() {
	grep -h -v -e 'WARNING: Activation disabled' -e '/dev/mapper/control: open failed' \
		-e 'Failure to communicate with kernel device-mapper' \
		-e 'Check that device-mapper is available' -e 'Incompatible libdevmapper' \
		-e 'Failed to check for active volumes' "$@" || [ $? -eq 1 ]
}

# ---------------------------------------------------------------- soft checks

soft() {
	local rc=0 where label
	where=$(_harness_where)
	[ $# -gt 0 ] || die "soft: no check given"
	label="$where: ${*//$'\n'/ }"
	# Errexit must be in force in the check.  Bash ignores it, even when set
	# again, in everything called from a condition: refuse to run there.
	(
		trap - ERR
		set -e
		false
		exit 0
	) &
	if wait $!; then
		die "soft at $where is called where errexit is ignored (if/while, !, && or ||): a failing command would pass unseen"
	fi
	# Not in a condition either: wait is, the check is not.
	(
		HARNESS_SOFT=$label
		HARNESS_LEVEL=$BASH_SUBSHELL
		set -e
		"$@"
	) &
	wait $! || rc=$?
	if [ $rc -ne 0 ]; then
		SOFT_FAILS=$((SOFT_FAILS + 1))
		echo "SOFT FAIL #$SOFT_FAILS ($where, exit $rc): $*" >&2
		# A die has recorded itself; a command caught by errexit has not.
		grep -qF -- "$label: " "$HARNESS_FAILURES" ||
			echo "$label: exited $rc" >>"$HARNESS_FAILURES"
	fi
	return 0
}
