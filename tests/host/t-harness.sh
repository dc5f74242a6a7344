#!/usr/bin/env bash
# The harness itself (tests/lib/common.sh): every kind of failed check fails
# the test, soft or not, including a failure only errexit would notice, a die
# inside $(...), and a runner given the wrong exit code; a test with nothing
# wrong passes.  Each case is a small test of its own, run in a child bash
# after lib.sh.  This script judges them without the harness's own checks.
. "$(dirname "$0")/lib.sh"

HERE=$(cd "$(dirname "$0")" && pwd)
bad=0

# case_ NAME pass|fail BODY [EXPECTED-LOG-ERE]: BODY, a test of its own,
# must pass (exit 0) or fail (exit non-zero), and its log must have a line
# matching EXPECTED-LOG-ERE.
case_() {
	local name=$1 want=$2 body=$3 ere=${4:-} rc=0 got
	printf '. %q\n%s\n' "$HERE/lib.sh" "$body" >"$T/$name.sh"
	BUILD=$BUILD bash "$T/$name.sh" </dev/null >"$T/$name.log" 2>&1 || rc=$?
	got=pass
	[ $rc -eq 0 ] || got=fail
	if [ $got != "$want" ]; then
		bad=$((bad + 1))
		echo "HARNESS BROKEN: case $name should $want, it did $got (exit $rc); its log:"
		sed 's/^/    | /' "$T/$name.log"
	elif [ -n "$ere" ] && ! grep -qE -- "$ere" "$T/$name.log"; then
		bad=$((bad + 1))
		echo "HARNESS BROKEN: case $name: no log line matches /$ere/; its log:"
		sed 's/^/    | /' "$T/$name.log"
	else
		echo "ok: $name ($got)"
	fi
}

# A report stub for get and check: vgs of "vg1" has pv_count 2 and an
# empty vg_tags; any other VG is not found (exit 5).
STUB='vol() {
	case " $* " in
	*" vgs "*" vg1 "*) echo "{\"report\":[{\"vg\":[{\"pv_count\":\"2\",\"vg_tags\":\"\"}]}]}" ;;
	*) echo "  Volume group not found" >&2; return 5 ;;
	esac
}'

# ---- nothing wrong: passes
case_ clean pass "$STUB"'
run true
not false
invalid sh -c "exit 3"
fail sh -c "exit 5"
exits "3|5" sh -c "exit 5"
exits 99 sh -c "exit 99"
run sh -c "echo o; echo e >&2"
assert_eq "$(out)" o
assert_eq "$(err)" e
assert_eq "$(output)" "o
e"
assert_ne a b
assert_match abc "^a.c$"
assert_line "x
abc" "^ab"
assert_no_line "x
abc" "^b"
assert_has "a/b\$c" "/b\$"
check vg_field vg1 pv_count 2
check vg_field vg1 vg_tags ""
assert_eq "$(get vg_field vg1 pv_count)" 2
soft assert_eq 1 1
soft check vg_field vg1 pv_count 2
ok() { true; }
soft ok'

# ---- plain checks
case_ die fail 'die boom; echo "not reached"' '^FAIL: boom'
case_ errexit fail 'false; echo "not reached"' "^ERR errexit.sh:2: 'false' exited 1"
case_ die-in-subst fail 'x=$(die "boom in a subshell"; echo y); echo "still here: $x"' \
	'^  die-in-subst.sh:2: boom in a subshell$'
case_ die-in-arg fail 'assert_eq "$(die "boom in an argument")" ""; echo "went on"' \
	'^FAIL: 1 failure\(s\) recorded'

# ---- runners: the exit code is checked, functions run with errexit
case_ run-false fail 'run false' 'expected exit 0, got 1'
case_ not-true fail 'not true' 'expected exit 1..125'
case_ not-crash fail 'not sh -c "kill -SEGV \$\$"' 'got 139'
case_ not-missing fail 'not no-such-command-here' 'got 127'
case_ invalid-5 fail 'invalid sh -c "exit 5"' 'expected exit 3'
case_ fail-3 fail 'fail sh -c "exit 3"' 'expected exit 5'
case_ exits-other fail 'exits "3|5" sh -c "exit 1"' 'got 1'
case_ run-errexit-helper fail 'h() { false; true; }; run h' 'expected exit 0, got 1'

# ---- getters and checks: a tool that fails is never an empty value
case_ check-missing fail "$STUB"'
check vg_field nosuchvg vg_tags ""' 'our vgs nosuchvg failed'
case_ check-lvm-missing fail 'lvm() { return 5; }
check --lvm vg_field nosuchvg vg_tags ""' 'lvm2 vgs nosuchvg failed'
case_ check-wrong fail "$STUB"'
check vg_field vg1 pv_count 3 "after x"' 'after x: our pv_count of vg vg1: expected \[3\], got \[2\]'
case_ bad-ere fail 'assert_no_line "abc" "a(["' 'bad ERE'
case_ get-nofield fail "$STUB"'
v=$(get vg_field vg1 nosuchfield)' 'reports no nosuchfield'

# ---- soft: counted, whatever the way of failing, and the test goes on
case_ soft-die fail 'soft die boom; echo "went on"' '^went on$'
case_ soft-assert fail 'soft assert_eq 1 2 "one"; echo "went on"' 'one: expected \[2\], got \[1\]'
case_ soft-errexit fail 'h() { false; echo "h went on"; }
soft h
echo "went on"' "^ERR soft-errexit.sh:2: 'false' exited 1"
case_ soft-errexit-nolog fail 'h() { false; echo "h went on"; }
soft h' '^SOFT FAIL #1'
case_ soft-errexit-deep fail 'inner() { local x; x=$(false); echo "inner went on"; }
outer() { inner; echo "outer went on"; }
soft outer'
case_ soft-nested fail 'h() { false; }
outer() { soft h; }
soft outer'
case_ soft-pipe fail 'h() { false | cat; echo "h went on"; }
soft h'
case_ soft-in-if fail 'if soft true; then :; fi' 'errexit is ignored'
case_ soft-after-or fail 'false || soft false' 'SOFT FAIL'
case_ soft-many fail 'soft false
soft die two
soft assert_eq a b
echo "went on"' '^FAIL: 3 failure\(s\) recorded'
case_ soft-count-in-function fail 'f() { soft false; }
f
f' '^SOFT FAIL #2'

if [ $bad -ne 0 ]; then
	echo "harness: $bad case(s) behaved wrongly"
	exit 1
fi
echo "harness: ok"
