#!/usr/bin/env bash
# The harness in the guest (tests/lib/common.sh through lib.sh, with the
# VM's exit path): a test with nothing wrong passes; a soft check failing
# only on errexit, a die inside $(...) and a soft check where errexit is off
# each fail the test.  (tests/host/t-harness.sh covers the whole vocabulary.)
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh
# outcome pass|fail BODY: BODY, as a test of its own, passes or fails.
outcome() {
	local want=$1 rc=0 got=pass
	printf 'set -euo pipefail\n. %q\n%s\n' "$lib" "$2" >"$T/case.sh"
	bash "$T/case.sh" </dev/null >"$T/case.log" 2>&1 || rc=$?
	[ $rc -eq 0 ] || got=fail
	if [ $got != "$want" ]; then
		sed 's/^/    | /' "$T/case.log"
		echo "HARNESS BROKEN: should $want, did $got (exit $rc): $2"
		exit 1
	fi
	echo "ok ($got): ${2//$'\n'/; }"
}
outcome pass 'run true; fail sh -c "exit 5"; soft assert_eq 1 1'
outcome fail 'h() { false; echo "went on"; }; soft h'
outcome fail 'assert_eq "$(die boom)" ""'
outcome fail 'if soft true; then :; fi'
outcome fail 'run false'
