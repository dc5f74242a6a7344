#!/usr/bin/env bash
# The installed library is usable on its own: make install into a staging
# root, build tests/example.c with pkg-config only, and let it create a VG
# that both our CLI and lvm2 then read.
. "$(dirname "$0")/lib.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
root="$T/root"
make -C "$top" -s install BUILD="$BUILD" DESTDIR="$root" PREFIX=/usr >/dev/null
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
