#!/usr/bin/env bash
# libvolume.a keeps its internals to itself: a program that defines every
# name the library uses inside (confirm, io_open, lock_get, scan_run and
# the rest: each global symbol of the tests' internal archive that is not
# vol_*) links against build/libvolume.a, and runs: it creates a VG on a
# loop device through the API, which lvm2 then reads, while its own
# confirm() and io_open() are the ones it calls.  Every one of those
# definitions traps if the library ever reached it instead of its own.
# The same program against the internal archive must fail to link (the
# names do collide there): the check can fail.
. "$(dirname "$0")/lib.sh"

alib=$BUILD/libvolume.a
ilib=$BUILD/obj/libvolume-internal.a
[ -f "$alib" ] || die "$alib is missing (run make)"
[ -f "$ilib" ] || die "$ilib is missing (run make unit or make host)"

# The internal names, minus any that a library the program links defines
# (the program would take that function from the C library's users too).
# (ldd and nm outputs are read whole: grep -q quitting early would SIGPIPE them.)
# (Only C identifiers: a sanitizer build adds names such as __odr_asan.x.)
mapfile -t names < <(nm -g --defined-only "$ilib" | awk 'NF == 3 && $3 ~ /^[A-Za-z][A-Za-z0-9_]*$/ && $3 !~ /^vol_/ { print $3 }' | sort -u)
[ ${#names[@]} -ge 100 ] || die "only ${#names[@]} internal symbols found in $ilib"
libs=$(ldd "$BUILD/libvolume.so.0" | awk '$3 ~ /^\// { print $3 }')
system=$(for l in $libs; do nm -D --defined-only "$l" | awk '{ print $3 }' | sed 's/@.*//'; done | sort -u)
mapfile -t clash < <(comm -12 <(printf '%s\n' "${names[@]}") <(echo "$system"))
[ ${#clash[@]} -eq 0 ] || note "left out (also in a system library): ${clash[*]}"
mapfile -t names < <(comm -23 <(printf '%s\n' "${names[@]}") <(echo "$system"))
for n in confirm io_open lock_get scan_run; do
	[[ " ${names[*]} " == *" $n "* ]] || die "$n is no longer an internal name of the library: update this test"
done
note "${#names[@]} internal names defined by the program"

# The program's own definitions, in a file with no header (the names cannot
# meet a declaration): the four it calls return a mark, the others trap.
{
	for n in "${names[@]}"; do
		case $n in
		confirm | io_open | lock_get | scan_run) echo "int $n(void) { return 42; }" ;;
		*) echo "int $n(void) { __builtin_trap(); }" ;;
		esac
	done
} >"$T/names.c"
cat >"$T/main.c" <<'EOF'
#include <stdio.h>
#include <string.h>
#include <libvolume/volume.h>

int confirm(void);
int io_open(void);
int lock_get(void);
int scan_run(void);

int main(int argc, char **argv)
{
	struct vol_ctx *ctx = NULL;
	struct vol_vg *vg = NULL;
	int r;

	if (argc < 3)
		return 2;
	if (confirm() != 42 || io_open() != 42 || lock_get() != 42 || scan_run() != 42) {
		fprintf(stderr, "the program's own functions were not called\n");
		return 1;
	}
	if ((r = vol_ctx_new(&ctx)) ||
	    (r = vol_ctx_set_devices(ctx, (const char *const *)&argv[2], 1)) ||
	    (r = vol_ctx_set_command(ctx, "staticlink")))
		goto out;
	vol_ctx_set_backup(ctx, false);
	if ((r = vol_vg_create(ctx, argv[1], (const char *const *)&argv[2], 1, NULL, NULL, &vg)) ||
	    (r = vol_vg_commit(vg)))
		goto out;
	vol_vg_close(vg);
	vg = NULL;
	if ((r = vol_vg_open(ctx, argv[1], VOL_OPEN_READ, &vg)))
		goto out;
	printf("%s %s %zu\n", vol_vg_name(vg), vol_vg_uuid(vg), vol_vg_pv_count(vg));
out:
	vol_vg_close(vg);
	vol_ctx_free(ctx);
	if (r)
		fprintf(stderr, "staticlink: %s\n", strerror(-r));
	return r ? 1 : 0;
}
EOF
mkdir -p "$T/include/libvolume"
cp "$BUILD/include/volume.h" "$T/include/libvolume/"
flags=$(pkg-config --libs blkid)
# Under make asan the archive is instrumented: so must the program be.
if [[ $(ldd "$BUILD/libvolume.so.0") == *libasan* ]]; then
	flags="$flags -fsanitize=address,undefined"
fi

# The internal archive: the program's names collide with the library's.
if cc -std=gnu11 -I"$T/include" -o "$T/collide" "$T/main.c" "$T/names.c" "$ilib" $flags \
	2>"$T/collide.err"; then
	die "the program linked against the internal archive too: its names do not test anything"
fi
assert_line "$(cat "$T/collide.err")" "multiple definition of .(confirm|io_open|lock_get|scan_run)" \
	"the linker's complaint against the internal archive"

# The installed one: links, and the library still uses its own internals.
cc -std=gnu11 -Wall -Wextra -Werror -I"$T/include" -o "$T/prog" "$T/main.c" "$T/names.c" "$alib" $flags ||
	die "a program defining the library's internal names does not link against libvolume.a"
# The executable carries the library, not a reference to libvolume.so.
assert_no_line "$(ldd "$T/prog")" "libvolume" "libraries of the statically linked program"

setup_loops 1
vg=$(vgname)
run "$T/prog" "$vg" "${DEVS[0]}"
read -r name uuid count <<<"$(out)"
assert_eq "$name $count" "$vg 1" "the program's VG"
check vg_field "$vg" vg_uuid "$uuid" "our CLI reads the VG of the static program"
check --lvm vg_field "$vg" vg_uuid "$uuid" "lvm2 reads the VG of the static program"
run lvm vgck "$vg"
