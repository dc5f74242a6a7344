# shellcheck shell=bash
# The differential harness: every command line of a corpus runs through lvm2
# and through our tool on the same devices, and the two outputs (stdout,
# stderr, exit code) must be the same, byte for byte, unless an entry of the
# allowlist accepts the difference.  Sourced by tests/host/t-diff.sh and
# tests/vm/t-diff.sh after their lib.sh (which give vol, lvm, soft, die).
#
# The corpus (tests/diff/corpus.txt): one command line per line, in shell
# words; "# ..." lines are comments; "[NAME]" starts a section (a test runs
# the sections it names).  %KEY% is replaced by the value the test gave in
# DIFF_VARS[KEY] (a VG, a device), so the lines stay the same on every
# machine.  A line is run as "vol WORDS..." and "lvm WORDS...": the first
# word is the command.
#
# An allowlist (tests/diff/allowlist, allowlist-vm): paragraphs of "key: value" lines,
#   cmd: GLOB        the corpus lines (as written, with their %KEY%s) the
#                    entry applies to: a bash pattern ("pvs --units *")
#   stderr: A => B   a line of lvm2's stderr matching the ERE A stands where
#                    we print a line matching the ERE B (either side may be
#                    empty: a line only one tool prints)
#   exit: N => M     lvm2 exits N where we exit M
#   why: ...         the reason a user would accept
# Only stderr and exit codes can be allowlisted: stdout, where every field
# value is, must be lvm2's byte for byte.  An entry that no corpus line
# needs any more fails the run, so the list only shrinks.
#
# lvm2's stderr loses the notices of a machine without device-mapper
# (lvm_stderr in tests/lib/common.sh): activation is disabled on the host.

DIFF_DIR=${DIFF_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
declare -A DIFF_VARS=()
# Allowlist entries, by index: their glob, kind, the two sides, reason, use.
DIFF_AL_CMD=() DIFF_AL_KIND=() DIFF_AL_A=() DIFF_AL_B=() DIFF_AL_WHY=() DIFF_AL_USED=()

# diff_load_allowlist FILE: reads and checks the entries.
diff_load_allowlist() {
	local file=$1 line key val n=0 i st cmd="" kind="" a="" b="" why="" lineno=0 start=0
	_diff_al_flush() {
		[ -n "$cmd$kind$why" ] || return 0
		[ -n "$cmd" ] && [ -n "$kind" ] && [ -n "$why" ] ||
			die "allowlist $file:$start: an entry needs cmd:, stderr: or exit:, and why:"
		DIFF_AL_CMD[n]=$cmd DIFF_AL_KIND[n]=$kind DIFF_AL_A[n]=$a DIFF_AL_B[n]=$b
		DIFF_AL_WHY[n]=$why DIFF_AL_USED[n]=0
		n=$((n + 1))
		cmd="" kind="" a="" b="" why=""
	}
	while IFS= read -r line || [ -n "$line" ]; do
		lineno=$((lineno + 1))
		[[ $line =~ ^[[:space:]]*# ]] && continue
		if [[ $line =~ ^[[:space:]]*$ ]]; then
			_diff_al_flush
			continue
		fi
		[[ $line =~ ^([a-z]+):[[:space:]]?(.*)$ ]] ||
			die "allowlist $file:$lineno: not a 'key: value' line: $line"
		key=${BASH_REMATCH[1]} val=${BASH_REMATCH[2]}
		[ -n "$cmd$kind$why" ] || start=$lineno
		case $key in
		cmd) cmd=$val ;;
		why) why=$val ;;
		stderr | exit)
			[ -z "$kind" ] || die "allowlist $file:$lineno: one difference per entry"
			[[ $val == *" => "* ]] || [[ $val == *" =>" ]] || [[ $val == "=> "* ]] ||
				die "allowlist $file:$lineno: expected 'LVM2 => OURS'"
			kind=$key a=${val%%=>*} b=${val#*=>}
			a=${a% } b=${b# }
			if [ "$key" = exit ]; then
				[[ $a =~ ^[0-9]+$ && $b =~ ^[0-9]+$ ]] ||
					die "allowlist $file:$lineno: exit codes are numbers"
			fi
			;;
		stdout) die "allowlist $file:$lineno: stdout cannot be allowlisted (it holds the field values)" ;;
		*) die "allowlist $file:$lineno: unknown key '$key'" ;;
		esac
	done <"$file"
	_diff_al_flush
	for ((i = 0; i < n; i++)); do
		# a bad ERE must not pass for "no line matches"
		for val in "${DIFF_AL_A[i]}" "${DIFF_AL_B[i]}"; do
			[ "${DIFF_AL_KIND[i]}" = stderr ] && [ -n "$val" ] || continue
			st=0
			grep -qE -- "$val" </dev/null 2>/dev/null || st=$?
			[ $st -ne 2 ] || die "allowlist entry '${DIFF_AL_CMD[i]}': bad ERE /$val/"
		done
	done
}

# _diff_subst LINE: LINE with every %KEY% replaced; dies on an unknown key.
_diff_subst() {
	local s=$1 k
	for k in "${!DIFF_VARS[@]}"; do
		s=${s//%$k%/${DIFF_VARS[$k]}}
	done
	[[ ! $s =~ %[a-z0-9_]+% ]] || die "corpus line '$1': a %KEY% the test did not set"
	printf '%s' "$s"
}

# _diff_mark FILE ERE TAG: every line of FILE matching ERE becomes TAG (or
# goes, when TAG is empty).  Prints how many lines matched.
_diff_mark() {
	local file=$1 ere=$2 tag=$3 n
	[ -n "$ere" ] || { echo 0; return 0; }
	n=$({ grep -cE -- "$ere" "$file" || [ $? -eq 1 ]; })
	if [ "$n" -gt 0 ]; then
		awk -v ere="$ere" -v tag="$tag" '$0 ~ ere { if (tag != "") print tag; next } { print }' \
			"$file" >"$file.tmp" && mv "$file.tmp" "$file"
	fi
	echo "$n"
}

# _diff_show A B: a short unified view of two files' difference.
_diff_show() {
	{ diff -u --label lvm2 --label ours "$1" "$2" || true; } | sed -n '3,40{s/ /·/g;p}'
}

# diff_one RAW: runs one corpus line through both tools; sets DIFF_RESULT to
# same, allowed or differs (with DIFF_WHY saying how).
diff_one() {
	local raw=$1 line words=() rca=0 rcb=0 i n1 n2 tag allowed=0
	line=$(_diff_subst "$raw") || return 1
	# shellcheck disable=SC2294	# the corpus is shell words by design
	eval "words=($line)" 2>/dev/null || die "corpus line '$raw' is not shell words (quote a # that starts a word)"
	lvm "${words[@]}" </dev/null >"$T/d.lvm.out" 2>"$T/d.lvm.err.raw" || rca=$?
	vol "${words[@]}" </dev/null >"$T/d.our.out" 2>"$T/d.our.err" || rcb=$?
	# lvm2 says "Reloading config files" under -v because the lvm wrapper
	# gives it --config (activation off, backups under $T): not its output.
	lvm_stderr "$T/d.lvm.err.raw" | { grep -vx '  Reloading config files' || true; } >"$T/d.lvm.err"
	DIFF_RESULT=same DIFF_WHY=""
	if ! cmp -s "$T/d.lvm.out" "$T/d.our.out"; then
		DIFF_RESULT=differs
		DIFF_WHY+="stdout:"$'\n'"$(_diff_show "$T/d.lvm.out" "$T/d.our.out")"$'\n'
	fi
	for ((i = 0; i < ${#DIFF_AL_CMD[@]}; i++)); do
		# shellcheck disable=SC2053	# the glob is the point
		[[ $raw == ${DIFF_AL_CMD[i]} ]] || continue
		case ${DIFF_AL_KIND[i]} in
		exit)
			if [ "$rca" = "${DIFF_AL_A[i]}" ] && [ "$rcb" = "${DIFF_AL_B[i]}" ]; then
				rcb=$rca allowed=1
				DIFF_AL_USED[i]=$((DIFF_AL_USED[i] + 1))
			fi
			;;
		stderr)
			cmp -s "$T/d.lvm.err" "$T/d.our.err" && continue
			tag="@allowlisted#$i@"
			[ -n "${DIFF_AL_A[i]}" ] && [ -n "${DIFF_AL_B[i]}" ] || tag=""
			n1=$(_diff_mark "$T/d.lvm.err" "${DIFF_AL_A[i]}" "$tag")
			n2=$(_diff_mark "$T/d.our.err" "${DIFF_AL_B[i]}" "$tag")
			if [ "$n1" -gt 0 ] || [ "$n2" -gt 0 ]; then
				allowed=1
				DIFF_AL_USED[i]=$((DIFF_AL_USED[i] + 1))
			fi
			;;
		esac
	done
	if ! cmp -s "$T/d.lvm.err" "$T/d.our.err"; then
		DIFF_RESULT=differs
		DIFF_WHY+="stderr:"$'\n'"$(_diff_show "$T/d.lvm.err" "$T/d.our.err")"$'\n'
	fi
	if [ "$rca" != "$rcb" ]; then
		DIFF_RESULT=differs
		DIFF_WHY+="exit code: lvm2 $rca, ours $rcb"$'\n'
	fi
	[ "$DIFF_RESULT" = differs ] || [ $allowed = 0 ] || DIFF_RESULT=allowed
	return 0
}

# _diff_fail LINENO: the failure of a corpus line (DIFF_MSG says how).
_diff_fail() {
	die "$DIFF_MSG"
}

# diff_corpus FILE SECTION...: runs the corpus lines of the SECTIONs (all
# of them without any); each differing line is a soft failure that shows
# the difference.  Prints the summary line
#   "diff: N command lines, M identical, K allowlisted, D differ"
# and fails on unused allowlist entries (those of the sections run).
# DIFF_KEEP=DIR keeps both tools' outputs of every line there (LINENO.*).
diff_corpus() {
	local file=$1 raw section="" lineno=0 want total=0 same=0 allowed=0 differs=0 i f
	shift
	want=" $* "
	while IFS= read -r raw || [ -n "$raw" ]; do
		lineno=$((lineno + 1))
		[[ $raw =~ ^[[:space:]]*(#|$) ]] && continue
		if [[ $raw =~ ^\[([a-z0-9_-]+)\]$ ]]; then
			section=${BASH_REMATCH[1]}
			continue
		fi
		[ $# -eq 0 ] || [[ $want == *" $section "* ]] || continue
		total=$((total + 1))
		diff_one "$raw"
		case $DIFF_RESULT in
		same) same=$((same + 1)) ;;
		allowed) allowed=$((allowed + 1)) ;;
		differs)
			differs=$((differs + 1))
			DIFF_MSG="corpus line $lineno differs from lvm2: $raw"$'\n'"$DIFF_WHY"
			soft _diff_fail "$lineno"
			;;
		esac
		if [ -n "${DIFF_KEEP:-}" ]; then
			mkdir -p "$DIFF_KEEP"
			for f in lvm.out lvm.err our.out our.err; do cp "$T/d.$f" "$DIFF_KEEP/$lineno.$f"; done
			printf '%s\n' "$raw" >"$DIFF_KEEP/$lineno.cmd"
		fi
	done <"$file"
	DIFF_TOTAL=$total DIFF_SAME=$same DIFF_ALLOWED=$allowed DIFF_DIFFERS=$differs
	echo "diff: $total command lines, $same identical, $allowed allowlisted, $differs differ"
	[ "$total" -gt 0 ] || die "no corpus line ran (sections: $*)"
	for ((i = 0; i < ${#DIFF_AL_CMD[@]}; i++)); do
		[ "${DIFF_AL_USED[i]}" -gt 0 ] || ! _diff_al_in_sections "$file" "${DIFF_AL_CMD[i]}" "$@" ||
			soft die "allowlist entry '${DIFF_AL_CMD[i]}' (${DIFF_AL_KIND[i]}: ${DIFF_AL_A[i]} => ${DIFF_AL_B[i]}) is not needed any more: remove it"
	done
}

# _diff_al_in_sections FILE GLOB SECTION...: does a corpus line of those
# sections match GLOB?  (An entry for lines another tier runs is not stale.)
_diff_al_in_sections() {
	local file=$1 glob=$2 raw section="" want
	shift 2
	want=" $* "
	while IFS= read -r raw || [ -n "$raw" ]; do
		if [[ $raw =~ ^\[([a-z0-9_-]+)\]$ ]]; then
			section=${BASH_REMATCH[1]}
			continue
		fi
		[ $# -eq 0 ] || [[ $want == *" $section "* ]] || continue
		# shellcheck disable=SC2053
		[[ $raw == $glob ]] && return 0
	done <"$file"
	return 1
}

# diff_readme_sizes README CORPUS ALLOWLIST: README's "Tests" section gives
# the size of the corpus ("N command lines (`tests/diff/CORPUS`") and of the
# allowlist loaded ("M allowlisted differences in `tests/diff/ALLOWLIST`",
# "1 allowlisted difference in ..."), line breaks counting as spaces.
diff_readme_sizes() {
	local readme=$1 corpus=$2 allowlist=$3 lines entries para s=s
	lines=$(grep -cvE '^[[:space:]]*(#|$|\[[a-z0-9_-]+\]$)' "$DIFF_DIR/$corpus")
	entries=${#DIFF_AL_CMD[@]}
	[ "$entries" != 1 ] || s=""
	para=$(sed -n '/^## Tests/,/^## /p' "$readme" | tr -s ' \n' '  ')
	assert_has "$para" "$lines command lines (\`tests/diff/$corpus\`" "README's size of $corpus"
	assert_has "$para" "$entries allowlisted difference$s in \`tests/diff/$allowlist\`" \
		"README's size of $allowlist"
}

# diff_run CORPUS ALLOWLIST README: the whole test of a tier: the allowlist
# loaded, every line of the corpus run (diff_corpus), README's sizes checked.
diff_run() {
	diff_load_allowlist "$DIFF_DIR/$2"
	diff_corpus "$DIFF_DIR/$1"
	soft diff_readme_sizes "$3" "$1" "$2"
}
