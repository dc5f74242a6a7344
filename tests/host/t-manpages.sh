#!/usr/bin/env bash
# Every command has a man page, every option a command accepts is in it,
# and every page formats without a warning.
#   - the commands are those "volume help" lists; each has man/CMD.8
#     (version, which takes only the common options, is described in
#     volume(8) instead), and every page in man/ belongs to a command or is
#     volume.8 or libvolume.3;
#   - a command's own options are those "volume CMD --help" lists (it prints
#     the command's option table): each long option must appear in the
#     page, and a short letter on a line with its long form ("-L, --size");
#   - the common options, from that help and from the table in
#     cmd/common.c, the same way in volume(8);
#   - groff -ww and man --warnings print nothing for any page.
# No devices are needed: nothing here touches a disk.
. "$(dirname "$0")/lib.sh"

top=$(cd "$(dirname "$0")/../.." && pwd)
mandir=$top/man
command -v groff >/dev/null || die "groff is missing (Debian package groff-base)"
command -v man >/dev/null || die "man is missing (Debian package man-db)"

# The page as plain text, on wide lines so a tag and its option stay on one line.
render() {
	groff -man -Tascii -rLL=250n -P-c -P-b -P-o -P-u "$1" 2>/dev/null
}

# has_word TEXT OPT: OPT stands alone in TEXT (not inside "-ff" or "--sizes").
has_word() {
	grep -qE -- "(^|[^-[:alnum:]])$2([^-[:alnum:]_]|$)" <<<"$1"
}
# has_pair TEXT SHORT LONG: one line of TEXT has both.
has_pair() {
	grep -E -- "(^|[^-[:alnum:]])$2([^-[:alnum:]_]|$)" <<<"$1" |
		grep -qE -- "(^|[^-[:alnum:]])$3([^-[:alnum:]_]|$)"
}

# opts_of BLOCK HELP: the options of the "Options:" (own) or "Common
# options:" block of a --help text, one per line: "-L --size" or "--alloc".
opts_of() {
	awk -v want="$1" '
		/^[A-Za-z].*:$/ { inblk = ($0 == want ":"); next }
		/^$/ { if (inblk && want == "Options") inblk = 0; next }
		inblk {
			for (i = 1; i <= NF; i++) {
				n = split($i, a, "|")
				if (n == 2 && a[1] ~ /^-[A-Za-z]$/ && a[2] ~ /^--[a-z]/) print a[1], a[2]
				else if (n == 1 && a[1] ~ /^--[a-z]/) print a[1]
			}
		}' <<<"$2"
}

# check_opts PAGE WHAT OPTS: every option line ("-L --size" or "--alloc") in PAGE.
check_opts() {
	local page=$1 what=$2 text short long n=0
	text=$(render "$page")
	[ -n "$text" ] || die "$page renders to nothing"
	while read -r short long; do
		[ -n "$short" ] || continue
		if [ -z "$long" ]; then
			long=$short
			short=""
		fi
		n=$((n + 1))
		has_word "$text" "$long" || die "${page##*/}: $what option $long is not documented"
		if [ -n "$short" ]; then
			has_word "$text" "$short" || die "${page##*/}: $what option $short ($long) is not documented"
			has_pair "$text" "$short" "$long" ||
				die "${page##*/}: $what option $short is not shown with its long form $long on one line"
		fi
	done <<<"$3"
	echo "$n"
}

# ---------------------------------------------------------------- commands and their pages
mapfile -t cmds < <("$VOLUME" help | awk '/^Commands:/ { f = 1; next } f && !NF { exit } f { print $1 }')
[ ${#cmds[@]} -ge 30 ] || die "volume help lists only ${#cmds[@]} commands: ${cmds[*]}"
note "${#cmds[@]} commands: ${cmds[*]}"

total=0
for c in "${cmds[@]}"; do
	help=$("$VOLUME" "$c" --help) || die "$c --help failed"
	own=$(opts_of Options "$help")
	if [ "$c" = version ]; then
		[ ! -e "$mandir/version.8" ] || die "version.8 exists: move the version entry out of volume.8"
		[ -z "$own" ] || die "version has options of its own ($own): it needs a page of its own"
		has_word "$(render "$mandir/volume.8")" version || die "volume.8 does not describe version"
		continue
	fi
	[ -f "$mandir/$c.8" ] || die "command $c has no man page man/$c.8"
	n=$(check_opts "$mandir/$c.8" "$c" "$own") || exit 1
	total=$((total + n))
	# The page says where the common options are described.
	has_word "$(render "$mandir/$c.8")" "volume\(8\)" || die "$c.8 does not refer to volume(8)"
done
note "$total command options found in their pages"

# Pages that belong to no command are stale.
for p in "$mandir"/*; do
	b=${p##*/}
	case $b in
	volume.8 | libvolume.3) continue ;;
	*.8) [[ " ${cmds[*]} " == *" ${b%.8} "* ]] || die "man/$b belongs to no command" ;;
	*) die "man/$b: unexpected page (make install installs man/*.8 and man/*.3 only)" ;;
	esac
done

# ---------------------------------------------------------------- common options, in volume(8)
common=$(opts_of "Common options" "$("$VOLUME" pvs --help)")
# The table in cmd/common.c may hold options the help text does not mention.
table=$(awk '/^static const struct option common_opts\[\] = \{/ { f = 1; next }
	f && /^\};/ { f = 0 } f' "$top/cmd/common.c" | sed -n 's/^[[:space:]]*{ "\([a-z-]*\)".*/--\1/p')
[ "$(wc -l <<<"$table")" -ge 10 ] || die "could not read common_opts from cmd/common.c: [$table]"
while read -r l; do
	grep -qE -- "(^| )$l\$" <<<"$common" || common+=$'\n'"$l"
done <<<"$table"
n=$(check_opts "$mandir/volume.8" common "$common") || exit 1
note "$n common options found in volume.8"

# ---------------------------------------------------------------- the API, in libvolume(3)
# Every function of the public header is described, and the page names
# nothing the header does not declare.
# (The page's source, escapes dropped: the rendered text hyphenates long names.)
text=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\&//g' "$mandir/libvolume.3")
mapfile -t funcs < <(grep -oE '\bvol_[a-z0-9_]+\(' "$top/libvolume/volume.h" | tr -d '(' | sort -u)
[ ${#funcs[@]} -ge 100 ] || die "found only ${#funcs[@]} functions in volume.h"
for f in "${funcs[@]}"; do
	has_word "$text" "$f" || die "libvolume.3 does not describe $f()"
done
while read -r w; do
	grep -qw -- "$w" "$top/libvolume/volume.h" || die "libvolume.3 names $w, which volume.h does not declare"
done < <(grep -oE '\b(vol|VOL)_[A-Za-z0-9_]*[A-Za-z0-9]' <<<"$text" | sort -u)
note "${#funcs[@]} API functions found in libvolume.3"

# ---------------------------------------------------------------- formatting warnings
pages=0
for p in "$mandir"/*.[0-9]; do
	w=$(groff -man -Tutf8 -ww -z "$p" 2>&1) || die "groff failed on ${p##*/}: $w"
	[ -z "$w" ] || die "groff -ww warns about ${p##*/}: $w"
	w=$(MANWIDTH=80 man --warnings -E UTF-8 -l "$p" 2>&1 >/dev/null) || die "man -l failed on ${p##*/}: $w"
	[ -z "$w" ] || die "man --warnings -l warns about ${p##*/}: $w"
	pages=$((pages + 1))
done
note "$pages pages format without warnings"
