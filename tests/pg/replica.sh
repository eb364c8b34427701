#!/bin/sh
# replica.sh: proves that `amparo serve --db-read` reads from the replica,
# that a user still reads their own writes at once, and that a request
# that loses its primary connection gets a 503 and the next one works.
#
#   sh tests/pg/with-replica.sh sh tests/pg/replica.sh path/to/amparo
#
# Needs AMPARO_TEST_DB_URL (an empty primary database) and
# AMPARO_TEST_DB_READ_URL (a streaming replica of it), as with-replica.sh
# exports them. Loads demo data on the primary, starts `amparo serve --db
# PRIMARY --db-read REPLICA`, runs tests/pg/replica.test.mjs (which pauses
# and resumes the replica's replay to tell where each read was served
# from), then stops the server and checks that it stopped cleanly, that
# its log holds no errors, and that the audit chain on the primary is
# intact. Exits 0 when everything passed. POSIX sh.
set -u
# shellcheck source=tests/lib.sh
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

amparo_binary "sh tests/pg/with-replica.sh sh tests/pg/replica.sh AMPARO_BINARY" "$@"
if [ -z "${AMPARO_TEST_DB_URL:-}" ] || [ -z "${AMPARO_TEST_DB_READ_URL:-}" ]; then
	echo "replica.sh: run me through tests/pg/with-replica.sh" >&2
	exit 2
fi
if ! command -v node >/dev/null 2>&1; then
	echo "replica.sh: node (20 or later) is needed" >&2
	exit 2
fi
PSQL=${AMPARO_TEST_PG_BINDIR:+$AMPARO_TEST_PG_BINDIR/}psql

HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/amparo-replica.XXXXXX") || exit 2
use_key "$TMP/amparo.key" || exit 2
DB=$AMPARO_TEST_DB_URL
DB_READ=$AMPARO_TEST_DB_READ_URL
LOG=$TMP/server.log
SERVER_PID=
FAILED=0

say() { echo "replica.sh: $*" >&2; }

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	stop_pid "$SERVER_PID"
	# Never leave the replica paused for whoever uses it next.
	"$PSQL" -X -q -d "$DB_READ" -c "SELECT pg_wal_replay_resume()" >/dev/null 2>&1
	remove_tmp "$TMP" replica.sh
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP




# ---- the data, on the primary ----

ADMIN_PASSWORD=$(password)
setup() {
	AMPARO_ADMIN_PASSWORD=$ADMIN_PASSWORD "$BIN" init --db "$DB" --admin admin >/dev/null || return 1
	"$BIN" demo --db "$DB" --people 200 >/dev/null || return 1
	AMPARO_PASSWORD=$(password) "$BIN" user add bruno --db "$DB" --role caseworker \
		--area legal --full-name "Bruno Segundo" >/dev/null || return 1
	TOKEN_A=$("$BIN" token create --db "$DB" --user admin --label "replica test A") || return 1
	TOKEN_B=$("$BIN" token create --db "$DB" --user bruno --label "replica test B") || return 1
	[ -n "$TOKEN_A" ] && [ -n "$TOKEN_B" ]
}
if ! setup; then
	say "could not prepare the test database"
	exit 1
fi

# Waits until the replica has replayed everything written so far.
PRIMARY_AT=$("$PSQL" -X -q -A -t -d "$DB" -c "SELECT pg_current_wal_lsn()") || exit 1
waited=0
until [ "$("$PSQL" -X -q -A -t -d "$DB_READ" \
	-c "SELECT pg_last_wal_replay_lsn() >= '$PRIMARY_AT'::pg_lsn" 2>/dev/null)" = t ]; do
	if [ "$waited" -ge 240 ]; then
		say "the replica did not catch up with the primary within 60 s"
		exit 1
	fi
	sleep 0.25 2>/dev/null || sleep 1
	waited=$((waited + 1))
done

# ---- the server: one worker thread, so one replica connection ----

start_server() {
	PORT=$(free_port) || return 1
	URL=http://127.0.0.1:$PORT
	"$BIN" serve --db "$DB" --db-read "$DB_READ" --listen "127.0.0.1:$PORT" --threads 1 \
		>"$TMP/server.out" 2>"$LOG" &
	SERVER_PID=$!
	wait_healthy "$SERVER_PID" "$URL" 120
	case $? in
	0) return 0 ;;
	1) SERVER_PID= && return 1 ;;
	esac
	return 2
}
started=0
for attempt in 1 2 3 4 5; do
	start_server
	rc=$?
	if [ $rc -eq 0 ]; then
		started=1
		break
	fi
	[ $rc -eq 2 ] && break
	grep -q "cannot listen" "$LOG" 2>/dev/null || break
	say "port $PORT was taken; trying another (attempt $attempt)"
done
if [ $started -ne 1 ]; then
	say "the server did not start"
	tail -n 40 "$LOG" >&2
	exit 1
fi
say "server pid $SERVER_PID at $URL"

# ---- the tests ----

export AMPARO_URL="$URL" AMPARO_BIN="$BIN" AMPARO_SERVER_LOG="$LOG" AMPARO_PSQL="$PSQL"
export AMPARO_TEST_DB_URL AMPARO_TEST_DB_READ_URL
export AMPARO_TOKEN_A="$TOKEN_A" AMPARO_TOKEN_B="$TOKEN_B"
# shellcheck disable=SC2086 # AMPARO_TEST_ARGS is split on purpose
if ! node --test ${AMPARO_TEST_ARGS:-} "$HERE/replica.test.mjs"; then
	say "FAIL: node --test"
	FAILED=1
fi

# ---- a clean stop, a clean log, an intact audit chain ----

if kill -0 "$SERVER_PID" 2>/dev/null; then
	kill -TERM "$SERVER_PID"
	wait "$SERVER_PID"
	stop_rc=$?
	SERVER_PID=
	if [ $stop_rc -ne 0 ]; then
		say "FAIL: the server exited $stop_rc after SIGTERM (want 0)"
		FAILED=1
	else
		say "ok: the server stopped cleanly on SIGTERM"
	fi
else
	wait "$SERVER_PID" 2>/dev/null
	say "FAIL: the server died during the tests (exit $?)"
	SERVER_PID=
	FAILED=1
fi
if grep -q -e " error " -e " fatal " -e "ERROR: AddressSanitizer" -e "runtime error:" "$LOG"; then
	say "FAIL: errors in the server log:"
	grep -e " error " -e " fatal " -e "ERROR: AddressSanitizer" -e "runtime error:" "$LOG" | head -n 20 >&2
	FAILED=1
else
	say "ok: no errors in the server log"
fi
audit_intact "$DB" "$TMP/audit.out" || FAILED=1

if [ $FAILED -ne 0 ]; then
	say "last lines of the server log:"
	tail -n 60 "$LOG" >&2
	say "replica tests FAILED"
	exit 1
fi
say "replica tests passed"
exit 0
