#!/bin/sh
# run.sh: throughput and latency of amparo's main endpoints under load, on
# SQLite and on PostgreSQL.
#
#   sh bench/run.sh path/to/amparo
#
# Builds (once, then cached in build-bench/people-N-KEY.db) a SQLite
# database of BENCH_PEOPLE demo people with `amparo init` and `amparo demo`.
# On SQLite it copies that file; on PostgreSQL it loads it into an empty
# database with `amparo transfer` (which verifies the copy), runs
# VACUUM ANALYZE and a CHECKPOINT, and reads it into the page cache.
# Then it creates an API token and a web session, starts
# `amparo serve --quiet` on a free loopback port and loads it with wrk:
# /healthz (the ceiling), name searches through the API and the web page,
# the profile page and the API record of many different people, and API
# registrations. Prints a Markdown table per engine (also written to
# build-bench/results.md) of requests per second, latency percentiles, the
# share of the /healthz rate and the server's memory, then the time of each
# search alone. docs/benchmarks.md says how to read it.
#
# Environment:
#   BENCH_ENGINES      engines to measure one after the other (default
#                      "sqlite postgresql"); postgresql runs in a throw-away
#                      cluster of tests/pg/with-cluster.sh with PostgreSQL's
#                      default durability (AMPARO_PG_DURABLE=1: fsync on)
#   BENCH_DB_URL       measure this empty PostgreSQL database (a postgresql://
#                      URL) and nothing else; BENCH_ENGINES is then ignored
#   BENCH_PG_LOAD      how PostgreSQL gets its data: transfer (default: amparo
#                      transfer of the SQLite file) or demo (amparo demo on it)
#   BENCH_PEOPLE       people in the database (default 100000)
#   BENCH_SECONDS      seconds per endpoint (default 10)
#   BENCH_CONNECTIONS  open connections (default 32)
#   BENCH_THREADS      wrk threads (default 2)
#   BENCH_SERVER_THREADS  amparo serve --threads (default: amparo's own)
#
# POSIX sh; needs wrk and curl, and psql for the PostgreSQL engine.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: sh bench/run.sh AMPARO_BINARY" >&2
	exit 2
fi
case $1 in
/*) BIN=$1 ;;
*) BIN=$(pwd)/$1 ;;
esac
[ -x "$BIN" ] || { echo "bench: $BIN is not an executable (build it first)" >&2; exit 2; }
cd "$(dirname "$0")/.."
# shellcheck source=tests/lib.sh
. tests/lib.sh
for tool in wrk curl; do
	if ! command -v $tool >/dev/null 2>&1; then
		if [ "$(id -u)" = 0 ]; then
			apt-get install -y -qq --no-install-recommends $tool >/dev/null
		else
			echo "bench: $tool is missing: apt-get install $tool" >&2
			exit 2
		fi
	fi
done

PEOPLE=${BENCH_PEOPLE:-100000}
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
OUT=build-bench
PASSWORD=bench-password-not-secret
# The administrator's authenticator (two-step login, docs/login.md): a
# fixed secret, for benchmark data only.
TOTP_SECRET=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
export BENCH_DIR="$(pwd)/bench"
mkdir -p "$OUT"
# The cached databases are sealed with one key kept beside them.
use_key "$OUT/bench.key" || exit 2

say() { echo "bench: $*" >&2; }

# The code measured: the commit, and whether the tree differed from it, when
# the run started (every engine of one run reports the same).
if [ -z "${BENCH_REV:-}" ]; then
	BENCH_REV=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
	if [ -n "$(git status --porcelain -- src migrations meson.build 2>/dev/null)" ]; then
		BENCH_REV="$BENCH_REV with uncommitted changes in src/ or migrations/"
	fi
	export BENCH_REV
fi

# ---- several engines: this script once per engine ----

if [ -z "${BENCH_DB_URL:-}" ] && [ "${BENCH_ENGINES:-sqlite postgresql}" != sqlite ]; then
	for engine in ${BENCH_ENGINES:-sqlite postgresql}; do
		case $engine in
		sqlite | postgresql) ;;
		*) say "unknown engine $engine in BENCH_ENGINES (sqlite, postgresql)"; exit 2 ;;
		esac
	done
	status=0
	done_engines=""
	for engine in ${BENCH_ENGINES:-sqlite postgresql}; do
		rm -f "$OUT/results-$engine.md"
		case $engine in
		sqlite)
			BENCH_ENGINES=sqlite sh bench/run.sh "$BIN" || status=1 ;;
		postgresql)
			# PostgreSQL's default durability, as SQLite's synchronous=FULL:
			# the test clusters' fsync=off would flatter every write.
			AMPARO_PG_DURABLE=1 sh tests/pg/with-cluster.sh \
				sh -c 'BENCH_DB_URL=$AMPARO_TEST_DB_URL exec sh bench/run.sh "$1"' sh "$BIN" ||
				status=1 ;;
		esac
		[ -f "$OUT/results-$engine.md" ] && done_engines="$done_engines $engine"
	done
	for engine in $done_engines; do
		cat "$OUT/results-$engine.md"
		echo ""
	done >"$OUT/results.md"
	say "all results in $OUT/results.md"
	exit $status
fi
if [ -n "${BENCH_DB_URL:-}" ]; then
	ENGINE=postgresql
	command -v psql >/dev/null 2>&1 || { say "psql is missing: apt-get install postgresql-client"; exit 2; }
else
	ENGINE=sqlite
fi

# ---- the database, cached by size, schema and demo generator ----

# The key changes with what decides the stored data: the migrations, the
# demo generator, and the search index words (person.c and the phonetic key
# in norm.c). A rebuilt amparo alone reuses the cache: reruns skip the slow
# part.
KEY=$(cat migrations/*.sql src/domain/demo.c src/domain/demo_cases.c src/domain/demo_cases_bulk.c src/domain/demo_assistance.c \
	src/domain/person.c src/base/norm.c |
	cksum | cut -d' ' -f1)
CACHE=$OUT/people-$PEOPLE-$KEY.db
if [ ! -f "$CACHE" ]; then
	rm -f "$OUT/people-$PEOPLE"-*.db "$OUT/people-$PEOPLE"-*.db-wal
	say "creating $CACHE with $PEOPLE demo people"
	rm -f "$CACHE.tmp" "$CACHE.tmp-wal" "$CACHE.tmp-shm"
	AMPARO_ADMIN_PASSWORD=$PASSWORD "$BIN" init --db "$CACHE.tmp" --admin admin \
		--totp-secret "$TOTP_SECRET" >/dev/null
	"$BIN" demo --db "$CACHE.tmp" --people "$PEOPLE" >&2
	# Folds the write-ahead log into the file, so one file is the cache.
	if command -v sqlite3 >/dev/null 2>&1; then
		sqlite3 "$CACHE.tmp" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
	fi
	if [ -s "$CACHE.tmp-wal" ]; then
		cp "$CACHE.tmp-wal" "$CACHE-wal"
	fi
	mv "$CACHE.tmp" "$CACHE"
	rm -f "$CACHE.tmp-wal" "$CACHE.tmp-shm"
fi
# Each run starts from the same data: registrations and the audit events of
# profile views would otherwise pile up from run to run.
if [ $ENGINE = sqlite ]; then
	DB=$OUT/run.db
	rm -f "$DB" "$DB-wal" "$DB-shm"
	cp "$CACHE" "$DB"
	[ -f "$CACHE-wal" ] && cp "$CACHE-wal" "$DB-wal"
	# Read the copy once, as a server that has run a while has its file in
	# the page cache: at a million people the cache file and its copy
	# (13 GB each) do not both fit in memory, and the first runs would
	# measure the disk instead.
	cat "$DB" >/dev/null
	# And write the copy out first: its dirty pages (gigabytes) written
	# back in the middle of the runs would slow every flush of the WAL.
	sync
	LOADED="copied from \`$CACHE\` (then read once, into the page cache)"
else
	DB=$BENCH_DB_URL
	# amparo transfer gives PostgreSQL the very records of the SQLite
	# cache (the same ids and times) and proves the copy equal: 100,000
	# people with their cases in about 70 s, a million in about 13 min
	# (half of it the proof, see docs/transfer.md).
	# BENCH_PG_LOAD=demo: amparo demo straight on the URL instead,
	# faster at a million people but with other ids and times.
	t0=$(date +%s)
	if [ "${BENCH_PG_LOAD:-transfer}" = demo ]; then
		say "creating $PEOPLE demo people in PostgreSQL with amparo demo"
		AMPARO_ADMIN_PASSWORD=$PASSWORD "$BIN" init --db "$DB" --admin admin \
			--totp-secret "$TOTP_SECRET" >/dev/null
		"$BIN" demo --db "$DB" --people "$PEOPLE" >&2
		HOW="made with amparo demo (the same generator and seed as the SQLite file, other ids and times)"
	else
		say "loading $CACHE into PostgreSQL with amparo transfer"
		"$BIN" transfer --from "$CACHE" --to "$DB" --quiet >"$OUT/transfer.log" 2>&1 ||
			{ cat "$OUT/transfer.log" >&2; say "amparo transfer failed (is $DB empty?)"; exit 1; }
		HOW="loaded from \`$CACHE\` with amparo transfer"
	fi
	t1=$(date +%s)
	# A fresh load has no planner statistics and no visibility map until
	# autovacuum wakes, which it would do in the middle of the runs.
	psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -c 'VACUUM (ANALYZE)' >&2
	# Nor should the load's checkpoint and the kernel's write-back of it
	# run in the middle of the measurements (CHECKPOINT wants a superuser
	# or pg_checkpoint: without, the runs go on after the warning).
	psql -X -q -d "$DB" -c 'CHECKPOINT' >&2 || say "no CHECKPOINT before the runs"
	sync
	# And read every table and index once into the kernel's page cache, as
	# the SQLite copy is read above: after the transfer the cache holds
	# the SQLite file instead, and at a million people the pages would
	# measure the disk (pg_prewarm, from PostgreSQL's contrib).
	psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" \
		-c 'CREATE EXTENSION IF NOT EXISTS pg_prewarm' \
		-c "SELECT sum(pg_prewarm(c.oid, 'read')) FROM pg_class c
		    JOIN pg_namespace n ON n.oid = c.relnamespace
		    WHERE c.relkind IN ('r', 'i', 't', 'm')
		      AND n.nspname NOT IN ('pg_catalog', 'information_schema')" >/dev/null ||
		say "could not read the database into the page cache (pg_prewarm)"
	t2=$(date +%s)
	LOADED="$HOW in $((t1 - t0)) s, then VACUUM (ANALYZE), CHECKPOINT and a read of every table and index into the page cache in $((t2 - t1)) s"
fi
TOKEN=$("$BIN" token create --db "$DB" --user admin --label bench)

# ---- the server ----

PORT=$(free_port)
[ -n "$PORT" ] || { say "found no free port"; exit 1; }
URL=http://127.0.0.1:$PORT
set -- serve --db "$DB" --listen "127.0.0.1:$PORT" --quiet
[ -n "${BENCH_SERVER_THREADS:-}" ] && set -- "$@" --threads "$BENCH_SERVER_THREADS"
"$BIN" "$@" >"$OUT/server-$ENGINE.log" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP
waited=0
until curl -sf -o /dev/null "$URL/healthz"; do
	kill -0 $PID 2>/dev/null || { say "the server did not start:"; cat "$OUT/server-$ENGINE.log" >&2; exit 1; }
	waited=$((waited + 1))
	[ $waited -lt 100 ] || { say "the server did not answer /healthz"; exit 1; }
	sleep 0.1
done

# The duplicate check's index is built in the background at start (some
# 25 s of one core at a million people): measure once it is ready.
waited=0
until grep -q 'people ready' "$OUT/server-$ENGINE.log"; do
	waited=$((waited + 1))
	[ $waited -lt 600 ] || { say "the matching index was not ready after 600 s: measuring anyway"; break; }
	sleep 1
done

HWM_START=$(awk '/^VmHWM/ { print $2 }' /proc/$PID/status)
# A web session: POST /login needs no CSRF token; then the second step,
# with a code computed as the phone app would (tests/lib/totp.mjs).
JAR=$OUT/cookies-$ENGINE
rm -f "$JAR"
curl -sf -o /dev/null -c "$JAR" --data-urlencode name=admin \
	--data-urlencode "password=$PASSWORD" "$URL/login"
CSRF=$(curl -sf -b "$JAR" "$URL/login/code" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
CODE=$(node --input-type=module -e "import { totpAt, currentStep } from '$(pwd)/tests/lib/totp.mjs';
	console.log(totpAt(process.argv[1], currentStep()));" "$TOTP_SECRET")
curl -sf -o /dev/null -b "$JAR" -c "$JAR" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "code=$CODE" "$URL/login/code"
SESSION=$(awk '$6 == "amparo_session" { print $7 }' "$OUT/cookies-$ENGINE")
[ -n "$SESSION" ] || { say "could not log in"; exit 1; }

# Profiles to visit: 200 people spread over the registry (ids from the
# API, pages of the newest-first list at 0, 20, 40, 60, 80 and 99 %).
IDS=""
for pct in 0 20 40 60 80 99; do
	off=$((PEOPLE * pct / 100))
	IDS="$IDS $(curl -sf -H "Authorization: Bearer $TOKEN" \
		"$URL/api/v1/people?limit=34&offset=$off" |
		grep -o '"id": *"[0-9a-f-]*"' | sed 's/.*"\([0-9a-f-]*\)"$/\1/' | tr '\n' ' ')"
done
[ -n "$(echo $IDS)" ] || { say "could not read people ids"; exit 1; }
WEB_PATHS=""
API_PATHS=""
for id in $IDS; do
	WEB_PATHS="$WEB_PATHS /people/$id"
	API_PATHS="$API_PATHS /api/v1/people/$id"
done

AUTH="Authorization: Bearer $TOKEN"
COOKIE="Cookie: amparo_session=$SESSION"

# Case pages to visit: up to 200 of the demo's cases (amparo demo opens
# cases for 3 in 10 people, at most 1,000), every area.
CASE_PATHS=$(curl -sf -H "$AUTH" "$URL/api/v1/cases?limit=200" |
	grep -o '"id": *"[0-9a-f-]*"' | sed 's/.*"\([0-9a-f-]*\)"$/\/cases\/\1/' | tr '\n' ' ')
# Assistance (amparo demo makes a request for 1 in 5 people): the demo's
# programme pages, whose figures are SUMs over the whole ledger, and the
# pages of up to 200 households with requests (their "Asistencia" section).
PROGRAMME_PATHS=$(curl -sf -H "$AUTH" "$URL/api/v1/programmes?limit=50" |
	grep -o '"id": *"[0-9a-f-]*"' | sed 's/.*"\([0-9a-f-]*\)"$/\/assistance\/programmes\/\1/' | tr '\n' ' ')
ASSISTED_PATHS=$(curl -sf -H "$AUTH" "$URL/api/v1/assistance?limit=200" |
	grep -o '"household_id": *"[0-9a-f-]*"' | sed 's/.*"\([0-9a-f-]*\)"$/\/households\/\1/' |
	sort -u | tr '\n' ' ')

# ---- one query at a time: which searches are slow ----

# Each query 10 times in a row with nothing else running, before any load
# (the registrations add people): the median time and the number found.
QUERIES="gonzales rodriges%20peres yosmari ernandes maria%20jose%20gonsales bolibar biyalobos
kintero jhoni%20briseno jhony%20brisenio guerlin%20jozef sanches%20ramires xiomara%20zzz maria jose ma
P-000123"
: >"$OUT/queries-$ENGINE.txt"
for q in $QUERIES; do
	total=$(curl -sf -H "$AUTH" "$URL/api/v1/people?limit=50&q=$q" | grep -o '"total": *[0-9]*' | grep -o '[0-9]*$')
	times=""
	for i in 1 2 3 4 5 6 7 8 9 10; do
		times="$times $(curl -sf -o /dev/null -w '%{time_total}' -H "$AUTH" "$URL/api/v1/people?limit=50&q=$q")"
	done
	median=$(printf '%s\n' $times | sort -n | sed -n 5p)
	echo "$q|$total|$median" >>"$OUT/queries-$ENGINE.txt"
done

# ---- the load ----

RESULTS=$OUT/results-$ENGINE.txt
: >"$RESULTS"
# Other work on the machine skews every figure: say how busy it was.
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# settle: waits (at most 20 s) until the server has used no CPU for 0.3 s.
# When wrk stops, up to 32 requests are still queued in the server (the
# caseloads page's took over a second), and the view writer still has
# views to write: the next endpoint's run would measure them too.
settle() {
	i=0 prev=
	while [ $i -lt 66 ]; do
		cpu=$(awk '{ print $14 + $15 }' /proc/$PID/stat)
		[ "$cpu" = "$prev" ] && return
		prev=$cpu i=$((i + 1))
		sleep 0.3
	done
}
# run NAME SCRIPT PATH [wrk arguments]: one wrk run, one line in RESULTS;
# RUN_THREADS and RUN_CONNS override the thread and connection counts.
run() {
	name=$1 script=$2 path=$3
	shift 3
	t=${RUN_THREADS:-$THREADS} c=${RUN_CONNS:-$CONNS}
	settle
	say "$name: $SECS s, $t threads, $c connections"
	line=$(wrk -t"$t" -c"$c" -d"${SECS}s" --timeout 10s -s "bench/$script" "$@" \
		"$URL$path" | grep '^BENCH ') || { say "wrk failed for $name"; exit 1; }
	rss=$(awk '/^VmRSS/ { print $2 }' /proc/$PID/status)
	echo "$name|$line rss_kb=$rss" >>"$RESULTS"
}
run "GET /healthz" plain.lua /healthz
export BENCH_SEARCH_PATH="/api/v1/people?q="
run "GET /api/v1/people?q= (search)" search.lua / -H "$AUTH"
# What one caseworker waits for, with nobody else searching.
RUN_THREADS=1 RUN_CONNS=1
run "GET /api/v1/people?q= (search, 1 connection)" search.lua / -H "$AUTH"
RUN_THREADS= RUN_CONNS=
export BENCH_SEARCH_PATH="/people?q="
run "GET /people?q= (search page)" search.lua / -H "$COOKIE"
export BENCH_PATHS="$WEB_PATHS"
run "GET /people/{id} (profile page)" paths.lua / -H "$COOKIE"
# What one caseworker waits for a profile when nobody else is asking: the
# page's own time, without 31 other connections' queue in front of it.
RUN_THREADS=1 RUN_CONNS=1
run "GET /people/{id} (profile page, 1 connection)" paths.lua / -H "$COOKIE"
RUN_THREADS= RUN_CONNS=
# As a browser asks for it: compressed (the server's gzip, not wrk's).
run "GET /people/{id} (profile page, gzip)" paths.lua / -H "$COOKIE" -H "Accept-Encoding: gzip"
export BENCH_PATHS="$API_PATHS"
run "GET /api/v1/people/{id}" paths.lua / -H "$AUTH"
if [ -n "$(echo $CASE_PATHS)" ]; then
	export BENCH_PATHS="$CASE_PATHS"
	run "GET /cases/{id} (case page)" paths.lua / -H "$COOKIE"
fi
if [ -n "$(echo $PROGRAMME_PATHS)" ]; then
	export BENCH_PATHS="$PROGRAMME_PATHS"
	run "GET /assistance/programmes/{id} (programme page)" paths.lua / -H "$COOKIE"
	export BENCH_PATHS="$ASSISTED_PATHS"
	run "GET /households/{id} (household with assistance)" paths.lua / -H "$COOKIE"
fi
run "GET /caseloads (supervisor view)" plain.lua /caseloads -H "$COOKIE"
run "GET /today (Mi día)" plain.lua /today -H "$COOKIE"
run "POST /api/v1/people (register)" register.lua / -H "$AUTH"
RUN_THREADS=1 RUN_CONNS=1
run "POST /api/v1/people (register, 1 connection)" register.lua / -H "$AUTH"
RUN_THREADS= RUN_CONNS=
# The registrations grew the search index (by some 10,000 people in 10
# s): does searching slow down? (PostgreSQL's GIN index keeps new entries
# in a pending list that every search reads until VACUUM merges it.)
export BENCH_SEARCH_PATH="/api/v1/people?q="
RUN_THREADS=1 RUN_CONNS=1
run "GET /api/v1/people?q= (search, 1 connection, after the registrations)" search.lua / -H "$AUTH"
RUN_THREADS= RUN_CONNS=

RSS_END=$(awk '/^VmRSS/ { print $2 }' /proc/$PID/status)
HWM_END=$(awk '/^VmHWM/ { print $2 }' /proc/$PID/status)

# ---- the report ----

field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
if [ $ENGINE = sqlite ]; then
	ENGINE_LINE="SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1) (WAL; the server flushes each commit to disk before answering), one file; data $LOADED"
else
	ENGINE_LINE="PostgreSQL $(psql -X -At -d "$DB" -c "SELECT format(
		'%s (fsync=%s, synchronous_commit=%s, full_page_writes=%s, shared_buffers=%s)', split_part(current_setting('server_version'), ' ', 1),
		current_setting('fsync'), current_setting('synchronous_commit'),
		current_setting('full_page_writes'), current_setting('shared_buffers'))" 2>/dev/null),"
	ENGINE_LINE="$ENGINE_LINE same machine, Unix socket; data $LOADED;"
	ENGINE_LINE="$ENGINE_LINE the server RSS below is amparo's alone, not PostgreSQL's"
fi
{
	if [ $ENGINE = sqlite ]; then echo "### SQLite"; else echo "### PostgreSQL"; fi
	echo ""
	echo "- Engine: $ENGINE_LINE"
	echo "- BENCH_PEOPLE=$PEOPLE, $SECS s per endpoint, wrk -t$THREADS -c$CONNS --latency," \
		"$(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- Code: $BENCH_REV at the start of the run; binary $BIN;" \
		"$(sed -n 's/.* with \([0-9]*\) threads.*/\1 server threads/p' "$OUT/server-$ENGINE.log" | head -n 1)"
	echo "- Machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)," \
		"$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr)," \
		"load average $LOAD_BEFORE before the run"
	echo ""
	echo "| endpoint | requests/s | vs /healthz | p50 ms | p95 ms | p99 ms | max ms | errors | server RSS after, MiB |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
	ceiling=
	while IFS='|' read -r name line; do
		rps=$(field rps "$line")
		[ -n "$ceiling" ] || ceiling=$rps
		errs=$(( $(field errors_connect "$line") + $(field errors_read "$line") + \
			$(field errors_write "$line") + $(field errors_timeout "$line") + $(field non2xx "$line") ))
		echo "| $name | $(printf '%.0f' "$rps") | $(awk -v a="$rps" -v b="$ceiling" 'BEGIN { printf "%.1f %%", 100 * a / b }') |" \
			"$(ms "$(field p50_us "$line")") | $(ms "$(field p95_us "$line")") | $(ms "$(field p99_us "$line")") |" \
			"$(ms "$(field max_us "$line")") | $errs | $(awk -v k="$(field rss_kb "$line")" 'BEGIN { printf "%.1f", k / 1024 }') |"
	done <"$RESULTS"
	echo ""
	mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
	echo "Server peak RSS (VmHWM): $(mib "$HWM_START") MiB after start, $(mib "$HWM_END") MiB at the end;" \
		"RSS at the end $(mib "$RSS_END") MiB. The one login (argon2id) alone needs 64 MiB."
	echo ""
	echo "One search at a time (GET /api/v1/people?q=…&limit=50, median of 10, unloaded server):"
	echo ""
	echo "| q | people found | median ms |"
	echo "|---|---:|---:|"
	while IFS='|' read -r q total t; do
		echo "| \`$(echo "$q" | sed 's/%20/ /g')\` | $total | $(awk -v s="$t" 'BEGIN { printf "%.1f", s * 1000 }') |"
	done <"$OUT/queries-$ENGINE.txt"
} | tee "$OUT/results-$ENGINE.md"
cp "$OUT/results-$ENGINE.md" "$OUT/results.md"
