#!/usr/bin/env bash
# The VM tier really runs on a kernel with device-mapper: dmsetup talks to
# the driver, and `volume version` reports the same driver and the targets
# linear, striped, raid and mirror (the last two from dm-raid and dm-mirror,
# which the guest loads at boot).
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

run dmsetup version
dmv=$(out)
echo "$dmv"
dm_driver=$(sed -n 's/^Driver version: *//p' <<<"$dmv")
assert_match "$dm_driver" '^[0-9]+\.[0-9]+\.[0-9]+$' "dmsetup's driver version"

run vol version
ver=$(out)
echo "$ver"

driver=$(sed -n 's/^ *Driver version: *//p' <<<"$ver")
[ -n "$driver" ] || die "volume version printed no 'Driver version:' line"
assert_no_line "$driver" '^none' "volume's driver version"
assert_eq "$driver" "$dm_driver" "driver version, volume vs dmsetup"

run dmsetup targets
targets=$(out)
for t in linear striped raid mirror; do
	assert_line "$ver" "^  Target: +$t v[0-9]+\.[0-9]+\.[0-9]+\$" "volume version, target $t"
	ours=$(sed -n "s/^  Target: *$t v//p" <<<"$ver")
	theirs=$(awk -v t="$t" '$1 == t { sub(/^v/, "", $2); print $2 }' <<<"$targets")
	assert_eq "$ours" "$theirs" "version of target $t, volume vs dmsetup targets"
done
note "driver $driver; linear, striped, raid and mirror targets as dmsetup reports them"
