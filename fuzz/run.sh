#!/bin/sh
# run.sh: builds the libFuzzer targets with clang and runs each one, as
# many at once as there are processors.
#
#   sh fuzz/run.sh                 every target for FUZZ_SECONDS (default 60;
#                                  make fuzz: 600)
#   sh fuzz/run.sh --smoke         every target for 10 seconds (for make test)
#   sh fuzz/run.sh --build         build only
#   sh fuzz/run.sh [--smoke] json html   only the named targets
#
# The project's sources are compiled again here with clang, AddressSanitizer
# and UndefinedBehaviorSanitizer into build-fuzz/libamparo-fuzz.a; each
# target links only the objects it needs from it. The corpus grows in
# build-fuzz/corpus/<target>/ from the seeds in fuzz/corpus/<target>/. A
# crash leaves its input in build-fuzz/crashes/ and fails the run.
#
# Each run appends one line per target to FUZZ_RESULTS (default
# build-fuzz/results.tsv): date, target, executions, seconds, new corpus
# entries, crashes, coverage (docs/security.md reports these figures).
set -eu
cd "$(dirname "$0")/.."

# Every fuzz/fuzz_NAME.c is a target: none can be left out of make test.
ALL=$(cd fuzz && ls fuzz_*.c | sed 's/^fuzz_//; s/\.c$//' | tr '\n' ' ')
secs=${FUZZ_SECONDS:-60}
build_only=0
targets=""
for arg in "$@"; do
	case $arg in
	--smoke) secs=10 ;;
	--build) build_only=1 ;;
	-*) echo "fuzz: unknown option $arg" >&2; exit 2 ;;
	*) targets="$targets $arg" ;;
	esac
done
targets=${targets:-$ALL}

CC=${FUZZ_CC:-clang}
if ! command -v "$CC" >/dev/null 2>&1; then
	echo "fuzz: $CC not found: run make deps (Debian package clang)" >&2
	exit 1
fi
OUT=build-fuzz
# The pkg-config names of the `deps` list in meson.build (the library
# needs them all), so a new dependency there needs no change here;
# libcsv has no pkg-config file and is named in LDLIBS.
LIBS=$(sed -n "s/^[[:space:]]*dependency('\([^']*\)'.*/\1/p" meson.build | grep -vx threads | tr '\n' ' ')
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
CFLAGS="-std=c17 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer $SAN
	-Wall -Wextra -Wno-unused-parameter -Isrc -Ifuzz $(pkg-config --cflags $LIBS)"
LDLIBS="$(pkg-config --libs $LIBS) -lcsv -lpthread -lm"
mkdir -p "$OUT/obj" "$OUT/crashes"

# The library: every source but the CLI (no target needs it) and the real
# arena's allocator (arena.c), replaced by fuzz/arena_fuzz.c; the assets Meson would generate are
# replaced by an empty table. An object is rebuilt when its source, any
# header or this script is newer.
srcs=$(find src -name '*.c' ! -path 'src/cli/*' ! -name arena.c | sort)
srcs="$srcs fuzz/arena_fuzz.c fuzz/assets_stub.c"
newest_h=$(ls -t $(find src fuzz -name '*.h') fuzz/run.sh | head -n 1)
objs=""
stale=""
for s in $srcs; do
	o="$OUT/obj/$(echo "$s" | tr / _ | sed 's/\.c$/.o/')"
	objs="$objs $o"
	if [ ! -f "$o" ] || [ "$s" -nt "$o" ] || [ "$newest_h" -nt "$o" ]; then
		stale="$stale $s:$o"
	fi
done
if [ -n "$stale" ]; then
	echo "fuzz: compiling $(echo $stale | wc -w) sources with $CC"
	# shellcheck disable=SC2086
	printf '%s\n' $stale | xargs -P "$(nproc)" -I{} sh -c \
		's=${1%%:*}; o=${1#*:}; '"$CC"' '"$(echo $CFLAGS)"' -fsanitize=fuzzer-no-link -c "$s" -o "$o"' _ {}
	rm -f "$OUT/libamparo-fuzz.a"
fi
[ -f "$OUT/libamparo-fuzz.a" ] || ar rcs "$OUT/libamparo-fuzz.a" $objs

for t in $targets; do
	src=fuzz/fuzz_$t.c
	[ -f "$src" ] || { echo "fuzz: no target $t (have: $ALL)" >&2; exit 2; }
	bin=$OUT/fuzz_$t
	if [ ! -f "$bin" ] || [ "$src" -nt "$bin" ] || [ "$OUT/libamparo-fuzz.a" -nt "$bin" ]; then
		# shellcheck disable=SC2086
		$CC $CFLAGS -Werror -fsanitize=fuzzer "$src" "$OUT/libamparo-fuzz.a" $LDLIBS -o "$bin"
	fi
done
[ "$build_only" = 1 ] && { echo "fuzz: built:$targets, in $OUT/"; exit 0; }

RESULTS=${FUZZ_RESULTS:-$OUT/results.tsv}
[ -f "$RESULTS" ] || printf 'date\ttarget\texecutions\tseconds\tnew_corpus\tcrashes\tcoverage\n' >"$RESULTS"
# fuzz_one T: runs target T for secs seconds; its line of the report goes
# to $OUT/report_T (shown once every target of its group has run), its
# figures to RESULTS. $OUT/failed_T stays unless it ran and passed, so a
# job that stops halfway counts as failed.
fuzz_one() {
	t=$1
	: >"$OUT/failed_$t"
	rm -f "$OUT/report_$t"
	mkdir -p "$OUT/corpus/$t"
	dict=""
	[ -f "fuzz/$t.dict" ] && dict="-dict=fuzz/$t.dict"
	log=$OUT/fuzz_$t.log
	before=$(ls "$OUT/corpus/$t" | wc -l)
	crashes_before=$(ls "$OUT/crashes" | grep -c "^$t-" || true)
	t0=$(date +%s)
	# The first directory receives new inputs; the seeds are read only.
	# shellcheck disable=SC2086
	if ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
		"$OUT/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
		-print_final_stats=1 -artifact_prefix="$OUT/crashes/$t-" $dict \
		"$OUT/corpus/$t" "fuzz/corpus/$t" >"$log" 2>&1; then
		ok=1
	else
		ok=0
	fi
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	[ -n "$runs" ] || runs=$(grep -o '^#[0-9]*' "$log" | tail -n 1 | tr -d '#')
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | sed 's/cov: //')
	new=$(($(ls "$OUT/corpus/$t" | wc -l) - before))
	crashes=$(($(ls "$OUT/crashes" | grep -c "^$t-" || true) - crashes_before))
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$t" "${runs:-0}" \
		"$(($(date +%s) - t0))" "$new" "$crashes" "${cov:-0}" >>"$RESULTS"
	{
		printf 'fuzz: %-10s %ss ... ' "$t" "$secs"
		if [ $ok = 1 ]; then
			echo "ok (${runs:-?} runs, cov: ${cov:-?}, $new new inputs)"
		else
			echo "FAILED"
			grep -E 'ERROR: |SUMMARY: |check failed|runtime error|Test unit written' "$log" | head -n 8 | sed 's/^/    /'
			echo "    full log: $log"
		fi
	} >"$OUT/report_$t"
	[ $ok = 0 ] || rm -f "$OUT/failed_$t"
}

# As many targets at once as there are processors: each fuzzer uses one.
jobs=$(nproc)
status=0
group=""
for t in $targets END; do
	[ "$t" = END ] || { fuzz_one "$t" & group="$group $t"; }
	if [ "$t" = END ] || [ "$(echo $group | wc -w)" -ge "$jobs" ]; then
		wait
		for g in $group; do
			cat "$OUT/report_$g" 2>/dev/null || echo "fuzz: $g: stopped before its report"
			[ ! -f "$OUT/failed_$g" ] || status=1
		done
		group=""
	fi
done
echo "fuzz: figures in $RESULTS"
exit $status
