#!/usr/bin/env bash
# vgchange -s, --sysinit, --ignorelockingfailure and lvchange -C, -r, -M
# --major --minor on the host, against lvm2 on the same devices:
# - each change leaves the metadata lvm2's same command leaves (read back
#   by lvm2: extent sizes and counts, PE ranges, alloc policy, read-ahead,
#   fixed minor); lvm2's vgck finds nothing wrong;
# - refusals are lvm2's: exit codes, and nothing written;
# - --sysinit and --ignorelockingfailure go on without a lock file that
#   cannot be made (a read-only lock directory), as lvm2 at boot.
# Activation with a fixed minor is in the VM (lvm2's activate-minor test).
. "$(dirname "$0")/lib.sh"

setup_loops 3 64M
A=${DEVS[0]} B=${DEVS[1]} C=${DEVS[2]}
vg=$(vgname c)

# LVs as lvm2 reads them: name, size, PE ranges, alloc, read-ahead, fixed minor.
view() {
	lvm lvs -a --noheadings --units s -o lv_name,lv_size,seg_pe_ranges,lv_allocation_policy,lv_read_ahead,lv_minor,lv_attr "$vg" 2>/dev/null |
		sed "s#$A#A#g; s#$B#B#g; s#$C#C#g" | awk '{$1=$1; print}' | sort
	lvm vgs --noheadings --units s -o vg_extent_size,vg_extent_count,vg_free_count "$vg" 2>/dev/null |
		awk '{$1=$1; print}'
}

# same TOOLCMD ARGS...: ours and lvm2's from the same metadata leave the same view.
same() {
	local ours theirs rca=0 rcb=0
	run lvm vgcfgbackup -f "$T/before" "$vg"
	vol "$@" </dev/null >"$T/ours.out" 2>&1 || rca=$?
	ours=$(view)
	run lvm vgcfgrestore -f "$T/before" "$vg"
	lvm "$@" </dev/null >"$T/lvm.out" 2>&1 || rcb=$?
	theirs=$(view)
	assert_eq "$rca" "$rcb" "exit code of $* (ours: $(cat "$T/ours.out"); lvm2: $(cat "$T/lvm.out"))"
	assert_eq "$ours" "$theirs" "after $*"
	check --lvm vgck_clean "$vg"
}

run vol pvcreate -q "$A" "$B" "$C"
run vol vgcreate -q -s 4M "$vg" "$A" "$B" "$C"
run vol lvcreate -q -an -Zn -l 4 -n l1 "$vg" "$A"
run vol lvcreate -q -an -Zn -l 4 -n l2 "$vg" "$B"
run vol lvcreate -q -an -Zn -i 2 -I 64k -l 6 -n st "$vg" "$A" "$C"

# ---------------------------------------------------------------- vgchange -s
same vgchange -s 4K "$vg"
assert_has "$(view)" "l2 32768S B:0-4095 inherit auto -1"
same vgchange -s 1M "$vg"
assert_has "$(view)" "2048S"
same vgchange -s 3M "$vg"		# not a perfect fit of the VG's size: refused
same vgchange -s 96k "$vg"		# neither a power of 2 nor a multiple of 128 KiB
same vgchange -s 384k "$vg"		# not a power of 2, a multiple of 128 KiB
same vgchange -s 1M "$vg"
same vgchange -s 1M "$vg"		# the same size: a warning
assert_has "$(cat "$T/ours.out")" "Physical extent size of VG $vg is already 1.00 MiB."
fp=$(fingerprint)
invalid vol vgchange -s 0 "$vg"
invalid vol vgchange -s 4m --sysinit "$vg"
run vol vgchange -x n "$vg"
fail vol vgchange -s 2M "$vg"
assert_has "$(err)" "Volume group \"$vg\" must be resizeable to change PE size"
run vol vgchange -x y "$vg"
fail vol vgchange -x y "$vg"
assert_has "$(err)" "Volume group \"$vg\" is already resizeable"

# ---------------------------------------------------------------- lvchange -C, -r, -M
same lvchange -C y "$vg/l1"
same lvchange -C y "$vg/l1"		# already contiguous: exit 5
same lvchange -C n "$vg/l1"
invalid vol lvchange -C y --alloc anywhere "$vg/l1"
same lvchange -r none "$vg/l1"
same lvchange -r none "$vg/l1"
same lvchange -r 13 "$vg/l1"		# rounded to the page size, with a warning
assert_has "$(cat "$T/ours.out")" "WARNING: Overriding readahead to 8 sectors, a multiple of 4K page size."
same lvchange -r 256 "$vg/l1"
same lvchange -r auto "$vg/l1"
same lvchange -r auto "$vg/l1"
same lvchange -r 16k "$vg/l1"		# a size: lvm2's default unit is sectors
same lvchange -r bogus "$vg/l1"
# lvcreate -r: the new LV's read-ahead as lvm2 records and reports it
for ra in none 8k 256 auto; do
	same lvcreate -q -an -Zn -l 1 -r "$ra" -n "ra$ra" "$vg" "$B"
done
assert_eq "$(vol lvs --noheadings -o lv_read_ahead "$vg/ranone" | tr -d ' ')" 0 "our lv_read_ahead of -r none"
assert_eq "$(vol lvdisplay "$vg/ranone" | grep 'Read ahead')" "  Read ahead sectors     0" "our lvdisplay of -r none"
run vol lvremove -q -y "$vg/ranone" "$vg/ra8k" "$vg/ra256" "$vg/raauto"
# lvcreate -M/--major/--minor: lvm2's checks once the VG is read (exit 5),
# a fixed minor recorded, a major only warned of
same lvcreate -q -an -Zn -l 1 -My --major 234 -n pm1 "$vg" "$B"
same lvcreate -q -an -Zn -l 1 -Mn --major 234 -n pm2 "$vg" "$B"
same lvcreate -q -an -Zn -l 1 --persistent n --minor 234 -n pm3 "$vg" "$B"
same lvcreate -q -an -Zn -l 1 --minor 9999999 -n pm4 "$vg" "$B"
assert_has "$(cat "$T/ours.out")" "Minor number 9999999 outside range 0-1048575."
same lvcreate -q -an -Zn -l 1 --major 234 -n pm5 "$vg" "$B"
assert_has "$(cat "$T/ours.out")" "WARNING: Ignoring supplied major number 234"
same lvcreate -q -an -Zn -l 1 --minor 2345 -n pm6 "$vg" "$B"
same lvcreate -q -an -Zn -l 1 -My --minor 23456 -j 122 -n pm7 "$vg" "$B"
assert_has "$(view)" "pm7 "
run vol lvremove -q -y "$vg/pm5" "$vg/pm6" "$vg/pm7"
# lvm2 on a host without device-mapper takes major 0: compare the minor
same lvchange -My --minor 123 "$vg/l2"
assert_has "$(view)" "l2 32768S B:0-15 inherit auto 123"
same lvchange -M n "$vg/l2"
same lvchange -M n "$vg/l2"		# already not persistent: exit 5
run vol lvchange -My --major 253 --minor 56 "$vg/l2"
assert_has "$(err)" "WARNING: Ignoring supplied major number 253 - kernel assigns major numbers dynamically."
run lvm vgcfgbackup -f "$T/meta" "$vg"
assert_has "$(sed -n '/^\t\tl2 {/,/^\t\t}/p' "$T/meta")" '"READ", "WRITE", "FIXED_MINOR", "VISIBLE"'
assert_match "$(sed -n '/^\t\tl2 {/,/^\t\t}/p' "$T/meta")" 'minor = 56'
invalid vol lvchange -My "$vg/l2"
invalid vol lvchange -Mn --minor 3 "$vg/l2"
invalid vol lvchange --minor 3 "$vg/l2"
assert_eq "$(lvm lvs --noheadings -o lv_minor "$vg/l2" | tr -d ' ')" 56 "minor after the refusals"

# --alloc on a partial LV is refused (lvm2's rule), -C is not
run lvm vgcfgbackup -f "$T/full" "$vg"
detach_loop "$C"
fail vol lvchange --alloc anywhere "$vg/st"
assert_has "$(err)" "uses options that are invalid with LV properties: lv_is_partial"
run vol lvchange -C y "$vg/st"
run vol lvchange -C n "$vg/st"

# ---------------------------------------------------------------- --sysinit
mkdir -p "$T/rolock"
mount -t tmpfs -o ro tmpfs "$T/rolock"
ro=(--config "global{locking_dir=\"$T/rolock\"}")
# (-t: no device-mapper on the host; the VG's lock is taken all the same)
fail vol vgchange "${ro[@]}" -t -an "$vg"
assert_has "$(err)" "Cannot open lock file $T/rolock/V_$vg: Read-only file system."
run vol vgchange "${ro[@]}" -t --sysinit -an "$vg"
run vol vgchange "${ro[@]}" -t --ignorelockingfailure -an "$vg"
invalid vol vgchange "${ro[@]}" --ignorelockingfailure --uuid "$vg"
invalid vol vgchange --sysinit --alloc normal "$vg"
invalid vol vgchange -ay --refresh "$vg"
run vol vgchange --config "global{locking_dir=\"$T/rolock\" locking_type=0}" -t -an "$vg"
assert_has "$(err)" "WARNING: locking_type (0) is deprecated, using --nolocking."
# lvm2's activation words: ey, ly (y here: no cluster), en, ln
run vol vgchange -t -a ey "$vg"
run vol vgchange -t -a ln "$vg"
invalid vol vgchange -t -a xy "$vg"
umount "$T/rolock"
