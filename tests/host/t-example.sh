#!/usr/bin/env bash
# The installed library is usable on its own: make install into a staging
# root, build tests/example.c with pkg-config only, and let it create a VG
# that both our CLI and lvm2 then read.
. "$(dirname "$0")/lib.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
root="$T/root"
make -C "$top" -s install BUILD="$BUILD" DESTDIR="$root" PREFIX=/usr LIBDIR=/usr/lib >/dev/null 2>&1
for f in usr/sbin/volume usr/lib/libvolume.so.0 usr/lib/libvolume.a usr/include/libvolume/volume.h \
	 usr/lib/pkgconfig/libvolume.pc usr/share/man/man3/libvolume.3 usr/share/man/man8/volume.8; do
	[ -e "$root/$f" ] || die "make install did not install $f"
done

export PKG_CONFIG_PATH="$root/usr/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$root"
flags=$(pkg-config --cflags --libs libvolume)
# Under make asan the library carries the sanitizer runtime: so must the program.
# (ldd's output is read whole: grep -q quitting early would SIGPIPE it.)
if [[ $(ldd "$BUILD/libvolume.so.0") == *libasan* ]]; then
	flags="$flags -fsanitize=address,undefined"
fi
cc -std=c11 -Wall -Wextra -Werror -o "$T/example" "$top/tests/example.c" $flags
# It links the installed library, not the build tree's.
assert_has "$(LD_LIBRARY_PATH="$root/usr/lib" ldd "$T/example")" "$root/usr/lib/libvolume.so.0" \
	"libraries of the example (it must link the installed libvolume)"

setup_loops 2
vg=$(vgname)
said=$(LD_LIBRARY_PATH="$root/usr/lib" "$T/example" "$vg" "${DEVS[@]}")
echo "$said"
set -- $said
assert_eq "$1" "$vg" "example's VG name"
assert_eq "$3" "seqno=1" "example's seqno"
assert_eq "$4" "pvs=2" "example's PV count"
check vg_field "$vg" vg_uuid "$2" "our CLI sees the example's VG"
check vg_field "$vg" vg_tags made_by_example "tag added through the API"
check --lvm vg_field "$vg" vg_uuid "$2" "lvm2 sees the example's VG"
run lvm vgck "$vg"

# ---------------------------------------------------------------- libvolume(3)'s examples
# The page's programs are taken from its source as a reader would copy
# them; lvnew must be tests/example-lv.c byte for byte (in the page's
# source and as man renders it), so the two cannot drift apart.  Both
# compile without a warning against the installed library; lvnew runs.
page="$top/man/libvolume.3"
example() { # NAME: the C text between ".\" example NAME begins" and "... ends"
	local b e
	b=$(grep -n -x -F ".\\\" example $1 begins" "$page" | cut -d: -f1)
	e=$(grep -n -x -F ".\\\" example $1 ends" "$page" | cut -d: -f1)
	[ -n "$b" ] && [ -n "$e" ] && [ "$e" -gt "$b" ] || die "libvolume.3 has no example $1 between markers"
	sed -n "$((b + 1)),$((e - 1))p" "$page" | sed -e '1{/^\.EX$/d}' -e '${/^\.EE$/d}' |
		sed -e 's/\\-/-/g' -e 's/\\e/\\/g'
}
example lvnew.c >"$T/lvnew.c"
example vgtag.c >"$T/vgtag.c"
diff -u "$top/tests/example-lv.c" "$T/lvnew.c" >&2 ||
	die "the lvnew example in man/libvolume.3 differs from tests/example-lv.c"
n=$(wc -l <"$top/tests/example-lv.c")
groff -man -Tascii -rLL=200n -P-c -P-b -P-o -P-u "$page" 2>/dev/null >"$T/page.txt"
s=$(grep -n -F "$(head -1 "$top/tests/example-lv.c")" "$T/page.txt" | cut -d: -f1)
[ -n "$s" ] || die "the rendered libvolume(3) does not show the lvnew example"
sed -n "${s},$((s + n - 1))p" "$T/page.txt" | sed 's/^       //' >"$T/lvnew.rendered.c"
diff -u "$top/tests/example-lv.c" "$T/lvnew.rendered.c" >&2 ||
	die "man shows an lvnew example that is not tests/example-lv.c"
for p in lvnew vgtag; do
	cc -std=c11 -Wall -Wextra -Werror -o "$T/$p" "$T/$p.c" $flags ||
		die "the $p example of libvolume(3) does not compile"
done

vg2=$(vgname lv)
add_loop
run vol vgcreate "$vg2" "$LAST_LOOP"
seq=$(get vg_field "$vg2" vg_seqno)
# Backups under $T: the example keeps them where lvm2 does, in $LVM_SYSTEM_DIR.
run env LD_LIBRARY_PATH="$root/usr/lib" LVM_SYSTEM_DIR="$T/lvmsys" "$T/lvnew" "$vg2" data 10 "$LAST_LOOP"
echo "$(output)"
assert_line "$(out)" "^Rounding up size to full physical extent 12\.00 MiB$" "lvnew's message"
line=$(out | grep "^$vg2/data ") || die "lvnew does not print the LV: $(out)"
set -- $line
assert_eq "$3 $4" "3 extents" "lvnew's extent count"
case $5 in
inactive) ;;
/dev/$vg2/data) run vol lvchange -an "$vg2/data" ;;	# a host with device-mapper
*) die "lvnew says the LV is [$5]" ;;
esac
assert_line "$(out)" "^  linear 0\+3 on $LAST_LOOP:0$" "lvnew's segment"
check lv_field "$vg2/data" lv_uuid "$2" "our CLI sees lvnew's LV"
check lv_field "$vg2/data" lv_size 12582912 "size of lvnew's LV"
check vg_field "$vg2" vg_seqno $((seq + 1)) "one commit"
check --lvm lv_field "$vg2/data" lv_uuid "$2" "lvm2 sees lvnew's LV"
check --lvm vgck_clean "$vg2"
[ -s "$T/lvmsys/backup/$vg2" ] || die "lvnew wrote no backup under \$LVM_SYSTEM_DIR"
# The name is taken now: refused, nothing written.
not env LD_LIBRARY_PATH="$root/usr/lib" LVM_SYSTEM_DIR="$T/lvmsys" "$T/lvnew" "$vg2" data 10 "$LAST_LOOP"
assert_has "$(err)" "already exists in volume group \"$vg2\"" "lvnew on a taken name"
check vg_field "$vg2" vg_seqno $((seq + 1)) "nothing written by the refused lvnew"
