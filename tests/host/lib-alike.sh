# shellcheck shell=bash
# Saying what lvm2 says: run a command line through lvm2 and through our
# tool on the same devices and compare stdout, stderr and the exit code.
# Source it after lib.sh:
#   . "$(dirname "$0")/lib-alike.sh"
#   lvm_said CMD...   lvm2 runs CMD; keeps stdout, stderr (minus the notices
#                     of a host without device-mapper, see lvm_stderr) and rc
#   vol_said CMD...   the same for our tool
#   alike WHAT        the two kept outputs and exit codes are equal
#   alike_sorted WHAT the same, line order aside (lvm2's order of VGs
#                     depends on its cache)
#   both CMD...       lvm_said, vol_said and alike: for a command that
#                     changes nothing (a refusal, or a no-op), so that both
#                     run on the same state.

lvm_said() {
	local rc=0
	lvm "$@" </dev/null >"$T/l.out" 2>"$T/l.raw" || rc=$?
	lvm_stderr "$T/l.raw" >"$T/l.err"
	echo "$rc" >"$T/l.rc"
}

vol_said() {
	local rc=0
	vol "$@" </dev/null >"$T/v.out" 2>"$T/v.err" || rc=$?
	echo "$rc" >"$T/v.rc"
}

alike() {
	assert_eq "$(cat "$T/v.out")" "$(cat "$T/l.out")" "$1: stdout"
	assert_eq "$(cat "$T/v.err")" "$(cat "$T/l.err")" "$1: stderr"
	assert_eq "$(cat "$T/v.rc")" "$(cat "$T/l.rc")" "$1: exit code"
}

alike_sorted() {
	assert_eq "$(sort "$T/v.out")" "$(sort "$T/l.out")" "$1: stdout (sorted)"
	assert_eq "$(sort "$T/v.err")" "$(sort "$T/l.err")" "$1: stderr (sorted)"
	assert_eq "$(cat "$T/v.rc")" "$(cat "$T/l.rc")" "$1: exit code"
}

both() {
	lvm_said "$@"
	vol_said "$@"
	alike "$*"
}
