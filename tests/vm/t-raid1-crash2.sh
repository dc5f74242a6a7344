#!/usr/bin/env bash
# The second part of t-raid1-crash.sh (see there): our tool killed at the
# crash points of lvextend and lvreduce of an active raid1, lvcreate --type
# raid1 and lvconvert --repair with a failed PV.
RAID1_CRASH_PART=rest
# shellcheck source=tests/vm/t-raid1-crash.sh
. "$(dirname "${BASH_SOURCE[0]}")/t-raid1-crash.sh"
