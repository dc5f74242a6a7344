#!/usr/bin/env bash
# Bad input is refused cleanly: a message that names the object, lvm2's
# exit code (run on lvm2's own twin devices for the same input; 3 or 5 where
# lvm2 is not comparable), and nothing changed on disk: the fingerprint of
# our devices and the seqno of our VGs are the same before and after.
# Assertions are soft (see tests/lib/common.sh): every failure is listed, then the test fails.
. "$(dirname "$0")/lib.sh"

setup_loops 11
# Ours: vgX on G0+G1, vgY on G2, G3 an orphan PV, G4 blank, G5 ext4.
G0=${DEVS[0]} G1=${DEVS[1]} G2=${DEVS[2]} G3=${DEVS[3]} G4=${DEVS[4]} G5=${DEVS[5]}
# lvm2's twins: vgL on O0, vgL2 on O1, O2 an orphan PV, O3 blank, O4 ext4.
O0=${DEVS[6]} O1=${DEVS[7]} O2=${DEVS[8]} O3=${DEVS[9]} O4=${DEVS[10]}
add_loop 1M >/dev/null
TINY=${DEVS[-1]}
add_loop >/dev/null
OUTSIDE=${DEVS[-1]}	# a good device, left out of --devices below
OURS=("$G0" "$G1" "$G2" "$G3" "$G4" "$G5" "$TINY" "$OUTSIDE")

vgX=$(vgname X) vgY=$(vgname Y) vgL=$(vgname L) vgL2=$(vgname L2)
NEW=$(vgname new)	# never created
run vol vgcreate "$vgX" "$G0" "$G1"
run vol vgcreate "$vgY" "$G2"
run vol pvcreate "$G3"
run lvm vgcreate "$vgL" "$O0"
run lvm vgcreate "$vgL2" "$O1"
run lvm pvcreate "$O2"
# No lazy init: nothing may write to the filesystems behind our back.
mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$G5"
mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$O4"

seqs() { vol vgs --noheadings -o vg_name,vg_seqno 2>"$T/seqs.err" | sort; }

# lvm_rc CMD ARGS...: lvm2's exit code for the same bad input.
lvm_rc() {
	local rc=0
	lvm "$@" </dev/null >"$T/lvm.out" 2>&1 || rc=$?
	echo $rc
}

# bad WANT WORD... -- CMD ARGS...: CMD (ours) exits WANT ("3", "5" or
# "3|5"), prints a message naming every WORD, and changes nothing.
bad() {
	local want=$1 words=() fp s w
	shift
	while [ "$1" != -- ]; do
		words+=("$1")
		shift
	done
	shift
	fp=$(fingerprint_of "${OURS[@]}")
	s=$(seqs)
	exits "$want" "$@"
	[ -n "$(output)" ] || die "no message from: $*"
	for w in "${words[@]}"; do
		assert_has "$(output)" "$w" "the message of [$*]"
	done
	assert_eq "$(fingerprint_of "${OURS[@]}")" "$fp" "devices changed by: $*"
	assert_eq "$(seqs)" "$s" "VGs changed by: $* (vgs said: $(cat "$T/seqs.err"))"
}

# ---------------------------------------------------------------- VG names

long() { printf "%${1}s" "" | tr ' ' "${2:-a}"; }
# "null" stands for a name taken in /dev: both tools refuse a VG name whose
# /dev/NAME exists.  (Not "mapper": /dev/mapper exists only once lvm2 or
# device-mapper has run on the machine, and a test must not depend on that.)
for name in "" . .. -bad a/b "a b" "$(long 128)" "$(long 129)" null 'a$b'; do
	want=$(lvm_rc vgcreate -- "$name" "$O3")
	# An oracle call that succeeds changes state: undo it before going on.
	[ "$want" != 0 ] || die "lvm2 accepted the bad VG name [$name]"
	word=$name
	[ -n "$name" ] || word='""'
	soft bad "$want" "$word" -- vol vgcreate -- "$name" "$G4"
	want=$(lvm_rc vgrename -- "$vgL" "$name")
	[ "$want" != 0 ] || die "lvm2 accepted the bad VG name [$name] in vgrename"
	soft bad "$want" "$word" -- vol vgrename -- "$vgX" "$name"
done
# The /dev rule, whatever the machine: a name is refused exactly while /dev/NAME exists.
devname=$(vgname devnode)
mkdir "/dev/$devname"
want=$(lvm_rc vgcreate -- "$devname" "$O3")
soft bad "$want" "$devname" -- vol vgcreate -- "$devname" "$G4"
rmdir "/dev/$devname"
soft bad "$(lvm_rc vgcreate "$vgL2" "$O3")" "$vgY" -- vol vgcreate "$vgY" "$G4"	# exists
soft bad "$(lvm_rc vgrename "$vgL" "$vgL2")" "$vgY" -- vol vgrename "$vgX" "$vgY"	# exists
soft bad "$(lvm_rc vgrename "$vgL" "$vgL")" "$vgX" -- vol vgrename "$vgX" "$vgX"	# the same
# The longest valid name works.
max=$(vgname m)
max=$max$(long $((127 - ${#max})) m)
soft run vol vgcreate "$max" "$G4"
soft run vol vgremove "$max"
run vol pvremove "$G4"	# blank again
exits 2 blkid -p -o value -s TYPE "$G4"	# 2: nothing found
assert_eq "$(output)" "" "G4 is blank"

# ---------------------------------------------------------------- extent sizes

for s in 0 2t 7k 100k; do
	soft bad "$(lvm_rc vgcreate -s "$s" "$NEW" "$O2")" xtent -- vol vgcreate -s "$s" "$NEW" "$G3"
done
soft run vol vgcreate -s 3m "$NEW" "$G3"	# not a power of 2, but a multiple of 128k
soft check vg_field "$NEW" vg_extent_size 3145728 "-s 3m"
soft run vol vgremove "$NEW"

# ---------------------------------------------------------------- devices that cannot be PVs

mkdir "$T/dir"
truncate -s 64M "$T/file"
for d in /dev/nonexistent "$T/dir" "$T/file" /dev/null "$TINY"; do
	soft bad "$(lvm_rc pvcreate "$d")" "$d" -- vol pvcreate "$d"
	soft bad "$(lvm_rc vgcreate "$NEW" "$d")" "$d" -- vol vgcreate "$NEW" "$d"
	soft bad "$(lvm_rc vgextend "$vgL" "$d")" "$d" -- vol vgextend "$vgX" "$d"
done
# A device outside --devices is out of bounds, even when named (as in lvm2).
vol_g4_only() {
	"$VOLUME" "$1" --devices "$G4" --backup-dir "$T/backup" --archive-dir "$T/archive" "${@:2}"
}
soft bad "$(DEVLIST=$O3 lvm_rc pvcreate "$OUTSIDE")" "$OUTSIDE" -- vol_g4_only pvcreate "$OUTSIDE"

# The same device twice: lvm2 writes a label, then fails; not comparable.
soft bad "3|5" "$G4" -- vol vgcreate "$NEW" "$G4" "$G4"

# A PV of another VG; a PV of this very VG.
soft bad "$(lvm_rc vgcreate "$NEW" "$O1")" "$G2" "$vgY" -- vol vgcreate "$NEW" "$G2"
soft bad "$(lvm_rc vgextend "$vgL" "$O1")" "$G2" "$vgY" -- vol vgextend "$vgX" "$G2"
soft bad "$(lvm_rc vgextend "$vgL" "$O0")" "$G0" -- vol vgextend "$vgX" "$G0"

# A filesystem, no terminal, no -y: refused, not wiped.
soft bad "$(lvm_rc pvcreate "$O4")" "$G5" -- vol pvcreate "$G5"
soft bad "$(lvm_rc vgcreate "$NEW" "$O4")" "$G5" -- vol vgcreate "$NEW" "$G5"
soft bad "$(lvm_rc vgextend "$vgL" "$O4")" "$G5" -- vol vgextend "$vgX" "$G5"
# Mounted (read-only, so the filesystem itself cannot change): refused even with -ff -y.
mkdir "$T/mnt" "$T/mnt2"
mount -o ro,noload "$G5" "$T/mnt"
mount -o ro,noload "$O4" "$T/mnt2"
soft bad "$(lvm_rc pvcreate -ff -y "$O4")" "$G5" -- vol pvcreate -ff -y "$G5"
soft bad "$(lvm_rc vgcreate -y "$NEW" "$O4")" "$G5" -- vol vgcreate -y "$NEW" "$G5"
soft bad "$(lvm_rc vgextend -y "$vgL" "$O4")" "$G5" -- vol vgextend -y "$vgX" "$G5"

# ---------------------------------------------------------------- all or nothing
# One bad device among good ones (a blank one and an orphan PV): nothing is
# written to the good ones, wherever the bad one is.

want=$(lvm_rc vgcreate "$NEW" "$O3" "$O2" /dev/nonexistent)
soft bad "$want" /dev/nonexistent -- vol vgcreate "$NEW" "$G4" "$G3" /dev/nonexistent
soft bad "$want" /dev/nonexistent -- vol vgcreate "$NEW" /dev/nonexistent "$G4" "$G3"
soft bad "$(lvm_rc vgcreate "$NEW" "$O3" "$O1")" "$G2" -- vol vgcreate "$NEW" "$G4" "$G2"
soft bad "$(lvm_rc vgcreate "$NEW" "$O3" "$O4")" "$G5" -- vol vgcreate "$NEW" "$G4" "$G5"
soft bad "$(lvm_rc vgcreate "$NEW" "$O3" "$TINY")" "$TINY" -- vol vgcreate "$NEW" "$G4" "$TINY"
soft bad "$(lvm_rc vgextend "$vgL" "$O3" /dev/nonexistent)" /dev/nonexistent -- \
	vol vgextend "$vgX" "$G4" /dev/nonexistent

# ---------------------------------------------------------------- VG and PV operations that make no sense

soft bad "$(lvm_rc vgreduce "$vgL" "$O0")" "$G2" "$vgY" -- vol vgreduce "$vgY" "$G2"	# the last PV
soft bad "$(lvm_rc vgreduce "$vgL" "$O2")" "$G3" -- vol vgreduce "$vgX" "$G3"	# an orphan PV
soft bad "$(lvm_rc vgreduce "$vgL" "$O1")" "$G2" -- vol vgreduce "$vgX" "$G2"	# another VG's PV
soft bad "$(lvm_rc vgremove "$NEW")" "$NEW" -- vol vgremove "$NEW"
soft bad "$(lvm_rc vgextend "$NEW" "$O2")" "$NEW" -- vol vgextend "$NEW" "$G3"
soft bad "$(lvm_rc pvremove "$O3")" "$G4" -- vol pvremove "$G4"

# ---------------------------------------------------------------- command lines

soft bad "$(lvm_rc vgs --bogus)" bogus -- vol vgs --bogus
soft bad "$(lvm_rc vgcreate --bogus "$NEW" "$O3")" bogus -- vol vgcreate --bogus "$NEW" "$G4"
soft bad "$(lvm_rc pvcreate -Q "$O3")" Q -- vol pvcreate -Q "$G4"
soft bad "$(lvm_rc vgchange --bogus "$vgL")" bogus -- vol vgchange --bogus "$vgX"
soft bad "$(lvm_rc pvremove --bogus "$O2")" bogus -- vol pvremove --bogus "$G3"
for args in vgcreate "vgcreate $NEW" "vgextend $vgX" vgreduce "vgrename $vgX" pvcreate pvremove \
	pvresize vgremove "vgchange $vgX" vgcfgrestore "vgcreate -s"; do
	read -r -a a <<<"$args"
	l=("${a[@]}")
	[ "${a[1]:-}" != "$vgX" ] || l[1]=$vgL
	soft bad "$(lvm_rc "${l[@]}")" -- vol "${a[@]}"
done

soft check vgck_clean "$vgX"
soft check vgck_clean "$vgY"
soft check --lvm vgck_clean "$vgX"

echo "badinput: ok"
