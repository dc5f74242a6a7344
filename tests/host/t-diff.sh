#!/usr/bin/env bash
# The differential test: every line of tests/diff/corpus.txt runs through
# lvm2 and through us on the same loop devices, and stdout, stderr and the
# exit code must be lvm2's byte for byte, or the difference must be in
# tests/diff/allowlist with its reason (see tests/diff/lib.sh).  The devices
# hold the states we support: orphan PVs (one with two metadata areas, one
# of an odd size), a device that is no PV, two VGs with tags, LVs made by
# lvm2 (linear, striped, several segments, tagged), a PV with two metadata
# areas in a VG, a non-allocatable PV, an exported VG (lvm2's vgexport), a
# partial VG (a PV detached), lvm2's snapshots (two of an LV, one of a
# virtual origin, in the metadata lvm2 writes), and sizes at every rounding case (x.xx5 of a
# unit, "<" prefixes, terabytes).  lvm2 runs with activation disabled (no
# device-mapper here); tests/vm/t-diff.sh runs active LVs and raid1 where
# lvm2 activates.  The summary line counts the lines, the identical ones and
# the allowlisted ones; README's "Differential tests" paragraph must give the
# corpus and allowlist sizes this test finds.
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/diff/lib.sh
. "$(dirname "$0")/../diff/lib.sh"

# shellcheck source=tests/diff/setup.sh
. "$(dirname "$0")/../diff/setup.sh"
diff_setup_host

diff_run corpus.txt allowlist "$(dirname "$0")/../../README.md"
