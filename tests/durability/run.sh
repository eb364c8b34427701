#!/bin/sh
# run.sh: the crash-durability test. A client registers people through the
# API and logs every id the server acknowledged (201), while the server is
# killed with SIGKILL at random moments, over and over. After each kill,
# with the server down: every id acknowledged so far is in the people
# table (read with sqlite3 or psql, not through amparo); on SQLite `PRAGMA
# integrity_check` answers ok and every person is in the search index or
# its queue; `amparo audit verify` finds the audit hash chain intact.
# Then the server must start again. At the end it must stop cleanly on
# SIGTERM while the client still writes, the same checks hold,
# and the audit log holds more views of people than after the first kill
# (the batched view queue went on after the restarts).
#
#   sh tests/durability/run.sh path/to/amparo
#
# Environment:
#   DURABILITY_KILLS     how many kills (default 10)
#   DURABILITY_MAX_MS    longest run between a start and its kill (default
#                        3000; each run lasts 300 ms to this, at random)
#   DURABILITY_WRITERS   requests the client keeps in flight (default 4)
#   AMPARO_TEST_DB_URL   run against this empty PostgreSQL database (see
#                        tests/pg/with-cluster.sh); else a SQLite file
#   AMPARO_KEEP_TMP=1    keep the temporary directory
# Exits 0 when nothing acknowledged was lost and nothing is corrupt.
set -u
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"
amparo_binary "sh tests/durability/run.sh AMPARO_BINARY" "$@"
HERE=$(cd "$(dirname "$0")" && pwd)
KILLS=${DURABILITY_KILLS:-10}
MAX_MS=${DURABILITY_MAX_MS:-3000}
WRITERS=${DURABILITY_WRITERS:-4}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/amparo-durability.XXXXXX") || exit 2
use_key "$TMP/amparo.key" || exit 2
DB=${AMPARO_TEST_DB_URL:-$TMP/t.db}
ACKED=$TMP/acked
LOG=$TMP/server.log
SERVER_PID=
CLIENT_PID=
FAILED=0
say() { echo "durability: $*" >&2; }
cleanup() {
	stop_pid "$CLIENT_PID"
	stop_pid "$SERVER_PID"
	remove_tmp "$TMP" durability
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

AMPARO_ADMIN_PASSWORD=$(password) "$BIN" init --db "$DB" --admin admin >/dev/null 2>"$TMP/init.log" &&
	TOKEN=$("$BIN" token create --db "$DB" --user admin --label durability) || {
	say "could not prepare the database"
	cat "$TMP/init.log" >&2
	exit 1
}
: >"$ACKED"

# The same port for every start: the client keeps sending to it.
start_server() {
	"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --quiet >>"$LOG" 2>&1 &
	SERVER_PID=$!
	wait_healthy "$SERVER_PID" "$URL" 60
}
started=0
for attempt in 1 2 3 4 5; do
	PORT=$(free_port)
	URL=http://127.0.0.1:$PORT
	if start_server; then
		started=1
		break
	fi
	SERVER_PID=
done
[ $started = 1 ] || { say "the server did not start"; tail -n 20 "$LOG" >&2; exit 1; }

node "$HERE/client.mjs" write "$URL" "$TOKEN" "$ACKED" "$WRITERS" 2>"$TMP/client.log" &
CLIENT_PID=$!

# The ids in the people table, sorted, read by the engine's own client.
stored_ids() {
	if [ -n "${AMPARO_TEST_DB_URL:-}" ]; then
		psql -X -q -A -t -d "$DB" -c 'SELECT id FROM people' | sort
	else
		sqlite3 "$DB" 'SELECT id FROM people;' | sort
	fi
}

# How many views of people the audit log holds (the batched view queue).
stored_views() {
	q="SELECT count(*) FROM audit_events WHERE action = 'view' AND entity = 'person'"
	if [ -n "${AMPARO_TEST_DB_URL:-}" ]; then
		psql -X -q -A -t -d "$DB" -c "$q"
	else
		sqlite3 "$DB" "$q;"
	fi
}

# Every id acknowledged so far is stored.
check_acked() {
	sort "$ACKED" >"$TMP/acked.sorted"
	if ! stored_ids >"$TMP/stored"; then
		say "FAIL: cannot read the people table after kill $1"
		FAILED=1
		return 1
	fi
	lost=$(comm -23 "$TMP/acked.sorted" "$TMP/stored" | wc -l)
	if [ "$lost" != 0 ]; then
		say "FAIL: after kill $1, $lost acknowledged records are gone:"
		comm -23 "$TMP/acked.sorted" "$TMP/stored" | head -n 5 >&2
		FAILED=1
		return 1
	fi
}

stored_intact() {
	if [ -z "${AMPARO_TEST_DB_URL:-}" ]; then
		ic=$(sqlite3 "$DB" 'PRAGMA integrity_check;' 2>&1)
		if [ "$ic" != ok ]; then
			say "FAIL: PRAGMA integrity_check after kill $1: $ic"
			FAILED=1
		fi
		# Every person is in the search index, or in its queue (0030).
		unindexed=$(sqlite3 "$DB" "SELECT count(*) FROM people p
			WHERE NOT EXISTS (SELECT 1 FROM people_search f WHERE f.rowid = p.rowid)
			AND NOT EXISTS (SELECT 1 FROM people_search_queue q WHERE q.person_rowid = p.rowid);" 2>&1)
		if [ "$unindexed" != 0 ]; then
			say "FAIL: after kill $1, people missing from the search index: $unindexed"
			FAILED=1
		fi
	fi
	if ! "$BIN" audit verify --db "$DB" >"$TMP/audit.out" 2>&1; then
		say "FAIL: amparo audit verify after kill $1:"
		cat "$TMP/audit.out" >&2
		FAILED=1
	fi
}

kill_no=0
while [ "$kill_no" -lt "$KILLS" ]; do
	kill_no=$((kill_no + 1))
	ms=$(($(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % (MAX_MS - 300 + 1) + 300))
	sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
	before=$(wc -l <"$ACKED")
	kill -KILL "$SERVER_PID"
	wait "$SERVER_PID" 2>/dev/null
	SERVER_PID=
	# A response already in the client's socket is read after the kill.
	sleep 0.2
	check_acked "$kill_no"
	stored_intact "$kill_no"
	[ "$kill_no" = 1 ] && views_first=$(stored_views)
	say "kill $kill_no after ${ms} ms: $(wc -l <"$ACKED") acknowledged so far ($((
		$(wc -l <"$ACKED") - before)) after the kill), all stored"
	if ! start_server; then
		say "FAIL: the server did not start again after kill $kill_no:"
		tail -n 20 "$LOG" >&2
		FAILED=1
		break
	fi
done

if [ -n "$SERVER_PID" ]; then
	# Stopped while the client still writes on its kept-alive
	# connections: the server finishes the requests in flight for up to
	# 10 s, then those waiting for the disk, and exits 0 (libmicrohttpd
	# aborts if it stops with a connection suspended).
	t0=$(date +%s)
	kill -TERM "$SERVER_PID"
	wait "$SERVER_PID"
	rc=$?
	SERVER_PID=
	t1=$(date +%s)
	stop_pid "$CLIENT_PID"
	CLIENT_PID=
	[ $rc = 0 ] || { say "FAIL: the server exited $rc on SIGTERM"; FAILED=1; }
	say "stopped on SIGTERM in $((t1 - t0)) s while the client wrote"
	check_acked final
	stored_intact final
	# The view queue went on writing after the restarts.
	views=$(stored_views)
	if [ "${views:-0}" -le "${views_first:-0}" ]; then
		say "FAIL: no view of a person was audited after the first kill ($views_first, then $views)"
		FAILED=1
	else
		say "ok: audited views of people: $views_first after the first kill, $views at the end"
	fi
fi
if [ "$(wc -l <"$ACKED")" -lt "$KILLS" ]; then
	say "FAIL: only $(wc -l <"$ACKED") records were acknowledged: the test proved nothing"
	tail -n 5 "$TMP/client.log" >&2
	FAILED=1
fi
if [ $FAILED != 0 ]; then
	say "FAILED (server log: kept with AMPARO_KEEP_TMP=1)"
	tail -n 30 "$LOG" >&2
	exit 1
fi
engine=SQLite
[ -n "${AMPARO_TEST_DB_URL:-}" ] && engine=PostgreSQL
say "passed on $engine: $KILLS kills with SIGKILL, $(wc -l <"$ACKED") acknowledged records, none lost, audit chain intact"
exit 0
