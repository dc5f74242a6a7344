#!/usr/bin/env bash
# make install as a Debian package would run it (PREFIX=/usr, a staging
# DESTDIR): nothing it installs is a file of lvm2's packages (dpkg -L), the
# command links sit in a folder of our own, the installed binary carries
# full RELRO and BIND_NOW and no RUNPATH, the caller's CPPFLAGS, CFLAGS and
# LDFLAGS reach every compile and link, and make uninstall removes all of it.
. "$(dirname "$0")/lib.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
root="$T/root"
command -v dpkg >/dev/null || die "dpkg is missing"
command -v readelf >/dev/null || die "readelf is missing (binutils)"

make -C "$top" -s install BUILD="$BUILD" DESTDIR="$root" PREFIX=/usr >"$T/install.out" 2>&1 ||
	die "make install failed: $(cat "$T/install.out")"
mapfile -t ours < <(cd "$root" && find . \( -type f -o -type l \) -printf '/%P\n' | LC_ALL=C sort)
[ ${#ours[@]} -ge 40 ] || die "make install installed only ${#ours[@]} files"
printf '  %s\n' "${ours[@]:0:12}"
echo "  ... (${#ours[@]} files and links)"

# lvm2's files, and those of the packages lvm2 brings (dmsetup, libdevmapper):
# man pages compared without their .gz.
pkgs=(lvm2)
for p in dmsetup libdevmapper1.02.1 liblvm2cmd2.03 libdevmapper-event1.02.1; do
	dpkg -s "$p" >/dev/null 2>&1 && pkgs+=("$p")
done
dpkg -s lvm2 >/dev/null 2>&1 || die "lvm2 is not installed: nothing to check against"
theirs=$(dpkg -L "${pkgs[@]}" | sed 's/\.gz$//' | LC_ALL=C sort -u)
[ "$(wc -l <<<"$theirs")" -ge 100 ] || die "dpkg -L ${pkgs[*]} lists too little"
common=$(comm -12 <(printf '%s\n' "${ours[@]}" | sed 's/\.gz$//') <(echo "$theirs"))
assert_eq "$common" "" "files both make install and ${pkgs[*]} install"

# The command links: in our own folder, never in a folder on the default PATH.
[ -L "$root/usr/libexec/volume/pvcreate" ] || die "no pvcreate link in /usr/libexec/volume"
assert_eq "$(readlink -f "$root/usr/libexec/volume/lvcreate")" "$(readlink -f "$root/usr/sbin/volume")" \
	"the lvcreate link's target"
for d in usr/sbin usr/bin sbin bin; do
	[ ! -e "$root/$d/pvcreate" ] || die "/$d/pvcreate installed: it would shadow lvm2's"
done
[ -e "$root/usr/share/man/man8/volume-pvcreate.8" ] || die "volume-pvcreate.8 is not installed"
[ ! -e "$root/usr/share/man/man8/pvcreate.8" ] || die "pvcreate.8 installed: lvm2's name"

# The installed binary: hardened, and no RUNPATH into a build tree.
dyn=$(readelf -d "$root/usr/sbin/volume")
assert_match "$dyn" "BIND_NOW|FLAGS_1.*NOW" "BIND_NOW of the installed volume"
assert_no_line "$dyn" "RUNPATH|RPATH" "the installed volume's dynamic section"
assert_match "$(readelf -l "$root/usr/sbin/volume")" "GNU_RELRO" "RELRO of the installed volume"

# The caller's flags reach the compiler and the linker (a dry run of a full
# rebuild: nothing is compiled).
dry=$(make -C "$top" -n -B BUILD="$T/b" CPPFLAGS=-DT_CPPFLAG CFLAGS="-O2 -DT_CFLAG" \
	LDFLAGS=-Wl,-z,t-ldflag "$T/b/dist/volume" 2>&1) || die "make -n: $dry"
for f in T_CPPFLAG T_CFLAG t-ldflag; do
	n=$(grep -c -- "$f" <<<"$dry" || true)
	[ "$n" -ge 2 ] || die "$f reaches only $n command(s) of the build"
done
assert_match "$(grep -- '-o .*/dist/volume' <<<"$dry")" "t-ldflag" "LDFLAGS in the link of volume"
assert_match "$(grep -- '-shared' <<<"$dry")" "t-ldflag" "LDFLAGS in the link of libvolume.so"

# make uninstall leaves nothing of ours behind.
make -C "$top" -s uninstall BUILD="$BUILD" DESTDIR="$root" PREFIX=/usr >"$T/uninstall.out" 2>&1 ||
	die "make uninstall failed: $(cat "$T/uninstall.out")"
left=$(cd "$root" && find . \( -type f -o -type l \) -printf '/%P\n')
assert_eq "$left" "" "files left after make uninstall"
echo "install: ok"
