#!/usr/bin/env bash
# The differential test on real device-mapper: every line of
# tests/diff/corpus-vm.txt runs through lvm2 and through us on the same
# devices, and stdout, stderr and the exit code must be lvm2's byte for
# byte, or the difference must be in tests/diff/allowlist-vm with its reason
# (tests/diff/lib.sh, shared with tests/host/t-diff.sh).  The devices
# (diff_setup_vm in tests/diff/setup.sh) hold active linear, striped and
# raid1 LVs made by us and by lvm2 (raid1 in sync, or made with --nosync),
# lvm2's active snapshots (one with data copied, one overfilled), inactive
# ones, a read-only one, one held open and a partial VG: the
# kernel's part of every LV and raid1 report field.  README's "Differential
# tests" paragraph must give the sizes of this corpus and allowlist.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tests/vm/raid1-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/raid1-lib.sh"
# shellcheck source=tests/diff/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/diff/lib.sh"
# shellcheck source=tests/diff/setup.sh
. "$(dirname "${BASH_SOURCE[0]}")/diff/setup.sh"

need_disks 4
DIFF_HOLDER=
# The PV labels this test leaves are wiped from the disks below the layers
# at exit, pass or fail: the tests after it in the same boot use the same
# disk regions for PVs of their own.
wipe_layers() {
	local i d off
	for i in "${!PV_TABLE[@]}"; do
		read -r _ _ _ d off <<<"${PV_TABLE[$i]}"
		dd if=/dev/zero of="$d" bs=512 seek="$off" count=2048 conv=notrunc,fsync status=none || true
	done
}
trap 'r=$?; [ -z "$DIFF_HOLDER" ] || kill "$DIFF_HOLDER" 2>/dev/null || true; wipe_layers; (exit $r); _vm_exit' EXIT
diff_setup_vm

# scripts/vmtest puts tests/diff and README.md into /vmtest (diff/, repo/)
diff_run corpus-vm.txt allowlist-vm "$(dirname "${BASH_SOURCE[0]}")/repo/README.md"

kill "$DIFF_HOLDER"
wait "$DIFF_HOLDER" 2>/dev/null || true
DIFF_HOLDER=
run vol vgchange -an vgo vgl vgp
assert_eq "$(dm_names | grep -v '^rp' || true)" "" "dm devices after vgchange -an"
layers_remove
