#!/bin/sh
# run.sh: HTTP integration tests against a real amparo server.
#
#   sh tests/integration/run.sh path/to/amparo
#
# Creates a throw-away database with demo data and test users, starts
# `amparo serve` on a free local port, runs tests/integration/*.test.mjs
# with Node's test runner, then stops the server with SIGTERM and checks
# that it shut down cleanly (exit 0), that the access log holds no query
# strings, and that the audit log's hash chain is intact.
#
# Environment:
#   AMPARO_START_TIMEOUT  seconds to wait for /healthz (default 120; a
#                         sanitizer build starts slowly)
#   AMPARO_STOP_TIMEOUT   seconds to wait for the server to exit (default 60)
#   AMPARO_KEEP_TMP=1     keep the temporary directory (database, logs)
#   AMPARO_TEST_ARGS      extra arguments for `node --test`
#   AMPARO_TEST_DB_URL    run against this (empty) PostgreSQL database
#
# Exits 0 when everything passed, non-zero otherwise. POSIX sh.
set -u
# shellcheck source=tests/lib.sh
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

amparo_binary "sh tests/integration/run.sh AMPARO_BINARY" "$@"
if ! command -v node >/dev/null 2>&1; then
	echo "run.sh: node (20 or later) is needed for the integration tests" >&2
	exit 2
fi

HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/amparo-integ.XXXXXX") || exit 2
# AMPARO_TEST_DB_URL (an empty PostgreSQL database, see tests/pg/) runs
# the same suite on PostgreSQL; else a SQLite file in the temp directory.
DB=${AMPARO_TEST_DB_URL:-$TMP/t.db}
use_key "$TMP/amparo.key" || exit 2
LOG=$TMP/server.log
OUT=$TMP/server.out
SERVER_PID=
FAILED=0

say() { echo "run.sh: $*" >&2; }

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	stop_pid "$SERVER_PID"
	remove_tmp "$TMP" run.sh
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

show_log() {
	if [ -s "$LOG" ]; then
		say "last lines of the server log ($LOG):"
		tail -n 60 "$LOG" >&2
	fi
}




# ---- the database ----

ADMIN_PASSWORD=$(password)
READER_PASSWORD=$(password)
ETHICS_PASSWORD=$(password)
CLERK_PASSWORD=$(password)
LOCKED_PASSWORD=$(password)
PSY_PASSWORD=$(password)
LIVE_PASSWORD=$(password)
LEX_PASSWORD=$(password)
COM_PASSWORD=$(password)
COMM_PASSWORD=$(password)
SUP_PASSWORD=$(password)
AID_PASSWORD=$(password)
FAR_PASSWORD=$(password)
CASH_PASSWORD=$(password)
PWUSER_PASSWORD=$(password)
# Two-step login (docs/login.md): the users who must have it share one
# authenticator secret; login helpers compute codes (tests/lib/totp.mjs).
TOTP_SECRET=$(totp_secret)
mkdir -p "$TMP/totp"
DPO_PASSWORD=$(password)
NOGRANT_PASSWORD=$(password)
BOSS_PASSWORD=$(password)
MNE_PASSWORD=$(password)
PAYER_PASSWORD=$(password)

setup() {
	AMPARO_ADMIN_PASSWORD=$ADMIN_PASSWORD "$BIN" init --db "$DB" --admin admin --totp-secret "$TOTP_SECRET" >/dev/null || return 1
	"$BIN" demo --db "$DB" --people 200 >/dev/null || return 1
	# Need-to-know grants (docs/access.md): the administrator of the tests
	# holds every sensitive one; area staff below those of their area.
	"$BIN" user modify admin --db "$DB" --grants sgbv,mental_health,torture,asylum_narrative \
		>/dev/null || return 1
	AMPARO_PASSWORD=$READER_PASSWORD "$BIN" user add reader --db "$DB" --role readonly \
		--full-name "Rita Reader" >/dev/null || return 1
	AMPARO_PASSWORD=$ETHICS_PASSWORD "$BIN" user add ethics --db "$DB" --role ethics \
		--full-name "Ética Oficial" >/dev/null || return 1
	# A caseworker for the page tests, and one whose account the
	# throttling test locks, so the lock cannot disturb other tests.
	AMPARO_PASSWORD=$CLERK_PASSWORD "$BIN" user add clerk --db "$DB" --totp-secret "$TOTP_SECRET" --role caseworker \
		--area legal --full-name "Carla Clerk" --grants torture,asylum_narrative >/dev/null || return 1
	AMPARO_PASSWORD=$LOCKED_PASSWORD "$BIN" user add locked --db "$DB" --totp-secret "$TOTP_SECRET" --role caseworker \
		--area legal --grants torture,asylum_narrative >/dev/null || return 1
	# Cases (issue 5): a psychosocial and a livelihoods caseworker, to show
	# that notes of psychosocial cases stay in their area.
	AMPARO_PASSWORD=$PSY_PASSWORD "$BIN" user add psy --db "$DB" --totp-secret "$TOTP_SECRET" --role caseworker \
		--area psychosocial --full-name "Paula Psicóloga" --grants sgbv,mental_health >/dev/null || return 1
	AMPARO_PASSWORD=$LIVE_PASSWORD "$BIN" user add live --db "$DB" --role caseworker \
		--area livelihoods --full-name "Luis Livelihoods" >/dev/null || return 1
	# The asylum procedure (issue 5): a legal caseworker.
	AMPARO_PASSWORD=$LEX_PASSWORD "$BIN" user add lex --db "$DB" --totp-secret "$TOTP_SECRET" --role caseworker \
		--area legal --full-name "Lorena Legal" --grants torture,asylum_narrative >/dev/null || return 1
	# Flags: a community officer, who sees no SGBV flag nor the notes it restricts.
	AMPARO_PASSWORD=$COM_PASSWORD "$BIN" user add com --db "$DB" --role community \
		--area community --full-name "Camilo Comunitario" >/dev/null || return 1
	# A community officer, for community needs assessments.
	AMPARO_PASSWORD=$COMM_PASSWORD "$BIN" user add comm --db "$DB" --role community \
		--area community --full-name "Carmen Comunidad" >/dev/null || return 1
	# Case plans and approvals (issue 5): a supervisor of every area, and
	# an assistance caseworker whose area the approval tests configure (no
	# other test works on assistance cases).
	AMPARO_PASSWORD=$SUP_PASSWORD "$BIN" user add sup --db "$DB" --totp-secret "$TOTP_SECRET" --role supervisor \
		--area psychosocial --area legal --area livelihoods --area assistance --area community \
		--full-name "Sofía Supervisora" --grants sgbv,mental_health,torture,asylum_narrative \
		>/dev/null || return 1
	AMPARO_PASSWORD=$AID_PASSWORD "$BIN" user add aid --db "$DB" --role caseworker \
		--area assistance --full-name "Ana Asistencia" >/dev/null || return 1
	# Offices (issue 5): everyone above works in the default office "main";
	# far is a psychosocial caseworker of a field office in Darién.
	"$BIN" office add dar --db "$DB" --name "Darién" >/dev/null || return 1
	AMPARO_PASSWORD=$FAR_PASSWORD "$BIN" user add far --db "$DB" --totp-secret "$TOTP_SECRET" --role caseworker \
		--area psychosocial --office dar --full-name "Fabiola Darién" --grants sgbv,mental_health >/dev/null || return 1
	# Cash assistance (issue 6): an assistance officer, who requests and
	# disburses (aid, a caseworker of the area, only requests).
	AMPARO_PASSWORD=$CASH_PASSWORD "$BIN" user add cash --db "$DB" --role assistance \
		--area assistance --full-name "Carlos Caja" >/dev/null || return 1
	# Two-step login (login.test.mjs): must enrol (psychosocial), has not.
	AMPARO_PASSWORD=$PWUSER_PASSWORD "$BIN" user add mfa --db "$DB" --role caseworker \
		--area psychosocial --full-name "Mónica Factor" >/dev/null || return 1
	# Two-step login chosen from the account page (login.test.mjs).
	AMPARO_PASSWORD=$PWUSER_PASSWORD "$BIN" user add optin --db "$DB" --role readonly \
		--full-name "Olga Opcional" >/dev/null || return 1
	# Login and sessions (login.test.mjs): changes its own password.
	AMPARO_PASSWORD=$PWUSER_PASSWORD "$BIN" user add pwuser --db "$DB" --role readonly \
		--full-name "Paula Clave" >/dev/null || return 1
	# Data-subject rights (issue 7): the data-protection officer.
	AMPARO_PASSWORD=$DPO_PASSWORD "$BIN" user add dpo --db "$DB" --totp-secret "$TOTP_SECRET" --role dpo \
		--full-name "Diana Datos" >/dev/null || return 1
	# Need-to-know access (issue 7): a psychosocial caseworker without
	# grants, who reads only the notes of her own cases.
	AMPARO_PASSWORD=$NOGRANT_PASSWORD "$BIN" user add nogrant --db "$DB" --totp-secret "$TOTP_SECRET" --role caseworker \
		--area psychosocial --full-name "Nora Sin Permisos" >/dev/null || return 1
	# A manager: the reduced view (cases and counts, no names, no notes).
	AMPARO_PASSWORD=$BOSS_PASSWORD "$BIN" user add boss --db "$DB" --role manager \
		--full-name "Benito Gerente" >/dev/null || return 1
	# An M&E officer, for the access matrix (every role has a user).
	AMPARO_PASSWORD=$MNE_PASSWORD "$BIN" user add mne --db "$DB" --role me \
		--full-name "Mónica Monitoreo" >/dev/null || return 1
	# The bulk access alert counts exports (api_access.test.mjs): an
	# assistance officer who does nothing but export one payment list.
	AMPARO_PASSWORD=$PAYER_PASSWORD "$BIN" user add payer --db "$DB" --role assistance \
		--area assistance --full-name "Pablo Pagos" >/dev/null || return 1
	TOKEN=$("$BIN" token create --db "$DB" --user admin --label "integration tests") || return 1
	[ -n "$TOKEN" ] || return 1
}
if ! setup; then
	say "could not prepare the test database"
	exit 1
fi

# ---- the server ----

START_TIMEOUT=${AMPARO_START_TIMEOUT:-120}
STOP_TIMEOUT=${AMPARO_STOP_TIMEOUT:-60}

start_server() {
	PORT=$(free_port) || return 1
	URL=http://127.0.0.1:$PORT
	"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" >"$OUT" 2>"$LOG" &
	SERVER_PID=$!
	wait_healthy "$SERVER_PID" "$URL" "$START_TIMEOUT"
	case $? in
	0) return 0 ;;
	1) SERVER_PID= && return 1 ;;
	esac
	say "the server did not answer /healthz within $START_TIMEOUT s"
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
	# The port may have been taken between choosing and binding it.
	if ! grep -q "cannot listen" "$LOG" 2>/dev/null; then
		break
	fi
	say "port $PORT was taken; trying another (attempt $attempt)"
done
if [ $started -ne 1 ]; then
	say "the server did not start"
	show_log
	exit 1
fi
say "server pid $SERVER_PID at $URL (database $DB)"

# ---- the tests ----

export AMPARO_URL="$URL"
export AMPARO_TOKEN="$TOKEN"
export AMPARO_BIN="$BIN"
export AMPARO_TEST_DB="$DB"
export AMPARO_ACCESS_LOG="$LOG"
export AMPARO_TEST_ADMIN_PASSWORD="$ADMIN_PASSWORD"
export AMPARO_TEST_READER_PASSWORD="$READER_PASSWORD"
export AMPARO_TEST_ETHICS_PASSWORD="$ETHICS_PASSWORD"
export AMPARO_TEST_CLERK_PASSWORD="$CLERK_PASSWORD"
export AMPARO_TEST_LOCKED_PASSWORD="$LOCKED_PASSWORD"
export AMPARO_TEST_PSY_PASSWORD="$PSY_PASSWORD"
export AMPARO_TEST_LIVE_PASSWORD="$LIVE_PASSWORD"
export AMPARO_TEST_LEX_PASSWORD="$LEX_PASSWORD"
export AMPARO_TEST_COM_PASSWORD="$COM_PASSWORD"
export AMPARO_TEST_COMM_PASSWORD="$COMM_PASSWORD"
export AMPARO_TEST_SUP_PASSWORD="$SUP_PASSWORD"
export AMPARO_TEST_AID_PASSWORD="$AID_PASSWORD"
export AMPARO_TEST_FAR_PASSWORD="$FAR_PASSWORD"
export AMPARO_TEST_CASH_PASSWORD="$CASH_PASSWORD"
export AMPARO_TEST_PWUSER_PASSWORD="$PWUSER_PASSWORD"
export AMPARO_TEST_TOTP_SECRET="$TOTP_SECRET"
export AMPARO_TOTP_STATE="$TMP/totp"
export AMPARO_TEST_DPO_PASSWORD="$DPO_PASSWORD"
export AMPARO_TEST_NOGRANT_PASSWORD="$NOGRANT_PASSWORD"
export AMPARO_TEST_BOSS_PASSWORD="$BOSS_PASSWORD"
export AMPARO_TEST_MNE_PASSWORD="$MNE_PASSWORD"
export AMPARO_TEST_PAYER_PASSWORD="$PAYER_PASSWORD"

# shellcheck disable=SC2086 # AMPARO_TEST_ARGS is split on purpose
node --test ${AMPARO_TEST_ARGS:-} "$HERE"/*.test.mjs
node_rc=$?
if [ $node_rc -ne 0 ]; then
	say "FAIL: node --test exited $node_rc"
	FAILED=1
fi

# ---- graceful shutdown ----

if ! kill -0 "$SERVER_PID" 2>/dev/null; then
	wait "$SERVER_PID" 2>/dev/null
	say "FAIL: the server died during the tests (exit $?)"
	SERVER_PID=
	FAILED=1
else
	kill -TERM "$SERVER_PID"
	waited=0
	while kill -0 "$SERVER_PID" 2>/dev/null && [ "$waited" -lt "$STOP_TIMEOUT" ]; do
		sleep 1
		waited=$((waited + 1))
	done
	if kill -0 "$SERVER_PID" 2>/dev/null; then
		say "FAIL: the server did not stop within $STOP_TIMEOUT s of SIGTERM"
		kill -KILL "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
		FAILED=1
	else
		wait "$SERVER_PID"
		stop_rc=$?
		if [ $stop_rc -ne 0 ]; then
			say "FAIL: the server exited $stop_rc after SIGTERM (want 0)"
			FAILED=1
		else
			say "ok: the server stopped cleanly on SIGTERM"
		fi
	fi
	SERVER_PID=
fi

# ---- the access log holds no query strings (search terms are personal data) ----

if ! grep -q "access " "$LOG"; then
	say "FAIL: no access log lines in $LOG"
	FAILED=1
elif grep "access " "$LOG" | grep -q -e '?' -e 'q=' -e 'peres'; then
	say "FAIL: the access log contains query strings:"
	grep "access " "$LOG" | grep -e '?' -e 'q=' -e 'peres' | head -n 5 >&2
	FAILED=1
else
	say "ok: the access log holds no query strings"
fi

# ---- the audit chain is intact ----

audit_intact "$DB" "$TMP/audit.out" || FAILED=1

# Sanitizer reports go to the server's stderr.
if grep -q -e "ERROR: AddressSanitizer" -e "ERROR: LeakSanitizer" -e "runtime error:" "$LOG"; then
	say "FAIL: sanitizer reports in the server log:"
	grep -A 20 -e "ERROR: AddressSanitizer" -e "ERROR: LeakSanitizer" -e "runtime error:" "$LOG" | head -n 60 >&2
	FAILED=1
fi

if [ $FAILED -ne 0 ]; then
	show_log
	say "integration tests FAILED"
	exit 1
fi
say "integration tests passed"
exit 0
