#!/bin/sh
# instructions.sh: the instructions one name search costs, counted by
# valgrind (callgrind), so two versions of the code compare exactly on a
# machine other work makes noisy:
#
#   sh bench/instructions.sh BUILD_DIR DB [QUERY...]
#
# BUILD_DIR holds a build of amparo (bench/search_cost is built with it);
# DB is a SQLite database (amparo init + amparo demo). Without QUERY, the
# queries of bench/run.sh's one-at-a-time table. For each: the people found
# and the millions of instructions inside store_person_search for one
# search, after one search to warm up.
set -eu
if [ $# -lt 2 ]; then
	echo "usage: sh bench/instructions.sh BUILD_DIR DB [QUERY...]" >&2
	exit 2
fi
BIN=$1/bench/search_cost
DB=$2
shift 2
[ -x "$BIN" ] || { echo "instructions: $BIN is missing: ninja -C BUILD_DIR" >&2; exit 2; }
command -v valgrind >/dev/null 2>&1 || { echo "instructions: valgrind is missing: apt-get install valgrind" >&2; exit 2; }
[ $# -gt 0 ] || set -- gonzales "rodriges peres" yosmari ernandes "maria jose gonsales" bolibar \
	biyalobos kintero "jhoni briseno" "jhony brisenio" "guerlin jozef" "sanches ramires" \
	"xiomara zzz" maria jose ma
OUT=$(mktemp "${TMPDIR:-/tmp}/amparo-callgrind.XXXXXX")
trap 'rm -f "$OUT"' EXIT
printf '| q | people found | M instructions |\n|---|---:|---:|\n'
for q in "$@"; do
	found=$("$BIN" "$DB" 1 "$q" | cut -f2)
	valgrind --tool=callgrind --toggle-collect=store_person_search --callgrind-out-file="$OUT" \
		"$BIN" "$DB" 2 "$q" >/dev/null 2>&1
	ir=$(callgrind_annotate "$OUT" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
	awk -v q="$q" -v found="$found" -v ir="$ir" \
		'BEGIN { printf "| `%s` | %s | %.1f |\n", q, found, ir / 2e6 }'
done
