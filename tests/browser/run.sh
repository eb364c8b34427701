#!/bin/sh
# run.sh: browser end-to-end tests of amparo.
#
#   sh tests/browser/run.sh path/to/amparo
#
# Creates a throw-away database with demo data, starts the server on a free
# local port, runs tests/browser/*.test.mjs with Node's test runner
# (playwright-core driving Debian's Chromium, axe-core for accessibility),
# then stops the server and removes everything it created. Screenshots are
# kept in tests/browser/screenshots/ (git-ignored).
#
# Needs: node (>= 20), /usr/bin/chromium (or $AMPARO_CHROMIUM), and
# web/node_modules (sh scripts/deps.sh).
set -eu
# shellcheck source=tests/lib.sh
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

amparo_binary "sh tests/browser/run.sh AMPARO_BINARY" "$@"

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CHROMIUM=${AMPARO_CHROMIUM:-/usr/bin/chromium}
for need in "$ROOT/web/node_modules/playwright-core/package.json" \
	"$ROOT/web/node_modules/axe-core/axe.min.js"; do
	if [ ! -f "$need" ]; then
		echo "run.sh: missing $need (run: sh scripts/deps.sh)" >&2
		exit 2
	fi
done
if [ ! -x "$CHROMIUM" ]; then
	echo "run.sh: no Chromium at $CHROMIUM (apt-get install chromium)" >&2
	exit 2
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/amparo-browser.XXXXXX")
PID=
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
		kill -TERM "$PID" 2>/dev/null || true
		# Give it a few seconds to finish in-flight requests.
		i=0
		while kill -0 "$PID" 2>/dev/null && [ "$i" -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -KILL "$PID" 2>/dev/null || true
		wait "$PID" 2>/dev/null || true
	fi
	PID=
	rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

DB=$DIR/t.db
use_key "$DIR/amparo.key" || exit 2
ADMIN_PASSWORD=browser-admin-$$-secret
CW_PASSWORD=browser-caseworker-$$-secret
# Two-step login (docs/login.md): the users who need it share one
# authenticator secret; lib.mjs types its codes (tests/lib/totp.mjs).
TOTP_SECRET=$(totp_secret)
mkdir -p "$DIR/totp"

AMPARO_ADMIN_PASSWORD=$ADMIN_PASSWORD "$BIN" init --db "$DB" --admin admin --totp-secret "$TOTP_SECRET" >"$DIR/init.log" 2>&1 ||
	{ cat "$DIR/init.log" >&2; exit 1; }
"$BIN" demo --db "$DB" --people 100 >"$DIR/demo.log" 2>&1 ||
	{ cat "$DIR/demo.log" >&2; exit 1; }
# Need-to-know grants (docs/access.md): the administrator holds every
# sensitive one, area staff those of their area.
"$BIN" user modify admin --db "$DB" --grants sgbv,mental_health,torture,asylum_narrative \
	>>"$DIR/users.log" 2>&1 || { cat "$DIR/users.log" >&2; exit 1; }
# Legal caseworkers: lucia registers people; marco switches his language, so
# his preference never leaks into the tests that expect Spanish; lex
# records asylum procedures.
for u in lucia marco lex; do
	AMPARO_PASSWORD=$CW_PASSWORD "$BIN" user add "$u" --db "$DB" --totp-secret "$TOTP_SECRET" --role caseworker \
		--area legal --full-name "Caseworker $u" --grants torture,asylum_narrative >>"$DIR/users.log" 2>&1 ||
		{ cat "$DIR/users.log" >&2; exit 1; }
done
# A livelihoods caseworker: legal case notes are hidden from him.
AMPARO_PASSWORD=$CW_PASSWORD "$BIN" user add luis --db "$DB" --role caseworker \
	--area livelihoods --full-name "Caseworker luis" >>"$DIR/users.log" 2>&1 ||
	{ cat "$DIR/users.log" >&2; exit 1; }
# Referrals: lex (legal, above) refers a case to psy (psychosocial).
AMPARO_PASSWORD=$CW_PASSWORD "$BIN" user add psy --db "$DB" --totp-secret "$TOTP_SECRET" --role caseworker \
	--area psychosocial --full-name "Paula Psicóloga" --grants sgbv,mental_health >>"$DIR/users.log" 2>&1 ||
	{ cat "$DIR/users.log" >&2; exit 1; }
# A supervisor, who may merge records.
AMPARO_PASSWORD=$CW_PASSWORD "$BIN" user add sara --db "$DB" --totp-secret "$TOTP_SECRET" --role supervisor \
	--full-name "Supervisor sara" --grants sgbv,mental_health,torture,asylum_narrative >>"$DIR/users.log" 2>&1 ||
	{ cat "$DIR/users.log" >&2; exit 1; }
# Two-step login (login.test.mjs): a psychosocial caseworker who has not
# set up the authenticator app yet.
AMPARO_PASSWORD=$CW_PASSWORD "$BIN" user add nuria --db "$DB" --role caseworker \
	--area psychosocial --full-name "Nuria Nueva" >>"$DIR/users.log" 2>&1 ||
	{ cat "$DIR/users.log" >&2; exit 1; }
# Cash assistance: an assistance officer, who requests and disburses.
AMPARO_PASSWORD=$CW_PASSWORD "$BIN" user add ana --db "$DB" --role assistance \
	--area assistance --full-name "Ana Asistencia" >>"$DIR/users.log" 2>&1 ||
	{ cat "$DIR/users.log" >&2; exit 1; }
# A field office in Darién and its legal caseworker, who receives transfers.
{ "$BIN" office add dar --db "$DB" --name "Darién" &&
	AMPARO_PASSWORD=$CW_PASSWORD "$BIN" user add dario --db "$DB" --totp-secret "$TOTP_SECRET" --role caseworker \
		--area legal --office dar --full-name "Caseworker dario" --grants torture,asylum_narrative; } >>"$DIR/users.log" 2>&1 ||
	{ cat "$DIR/users.log" >&2; exit 1; }

# free_port (tests/lib.sh) may hand out a port another process then takes:
# try a few times.
URL=
tries=0
while [ "$tries" -lt 5 ]; do
	tries=$((tries + 1))
	PORT=$(free_port)
	"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" >"$DIR/server.log" 2>&1 &
	PID=$!
	i=0
	while [ "$i" -lt 100 ]; do
		if ! kill -0 "$PID" 2>/dev/null; then
			break
		fi
		if node -e '
			fetch(process.argv[1]).then(r => r.json()).then(j => process.exit(j.status === "ok" ? 0 : 1),
				() => process.exit(1))' "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then
			# The answer must come from our server, not another on the port.
			if kill -0 "$PID" 2>/dev/null; then
				URL=http://127.0.0.1:$PORT
			fi
			break
		fi
		sleep 0.1
		i=$((i + 1))
	done
	[ -n "$URL" ] && break
	kill -TERM "$PID" 2>/dev/null || true
	wait "$PID" 2>/dev/null || true
	PID=
	echo "run.sh: the server did not start on port $PORT:" >&2
	cat "$DIR/server.log" >&2
done
if [ -z "$URL" ]; then
	echo "run.sh: could not start amparo serve" >&2
	exit 1
fi
echo "run.sh: amparo serving $URL (log: server.log, database: demo with 100 people)"

mkdir -p "$HERE/screenshots"
status=0
cd "$ROOT"
# Chromium's temporary profiles go into $DIR too, removed by the trap.
# The default list is a glob, left unquoted to be expanded.
# shellcheck disable=SC2086
TMPDIR=$DIR \
AMPARO_URL=$URL \
AMPARO_ADMIN_PASSWORD=$ADMIN_PASSWORD \
AMPARO_CW_PASSWORD=$CW_PASSWORD \
AMPARO_TEST_TOTP_SECRET=$TOTP_SECRET \
AMPARO_TOTP_STATE=$DIR/totp \
AMPARO_CHROMIUM=$CHROMIUM \
NODE_PATH=$ROOT/web/node_modules \
	node --test --test-reporter=spec --test-concurrency=1 ${AMPARO_BROWSER_TESTS:-tests/browser/*.test.mjs} || status=$?

if [ $status -ne 0 ]; then
	echo "run.sh: browser tests failed; the server's warnings and errors:" >&2
	grep -v ' info ' "$DIR/server.log" | tail -n 40 >&2 || echo "  (none)" >&2
fi
exit $status
