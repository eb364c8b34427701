#!/bin/sh
# transfer.sh: amparo transfer between SQLite and PostgreSQL, both ways.
#
#   sh tests/pg/with-cluster.sh sh tests/pg/transfer.sh path/to/amparo
#
# Needs AMPARO_TEST_DB_URL, an empty PostgreSQL database on a cluster the
# test may change (with-cluster.sh makes one), and psql. Builds a SQLite
# installation (demo people, an API token, a document, a merge), transfers it to
# PostgreSQL and from there to a new SQLite file, and checks that:
#   - each transfer exits 0 and every table's checksum matches, and both
#     directions print the same checksums;
#   - amparo audit verify passes on every copy;
#   - the API answers the same searches the same way on all three (when
#     node is installed), with the token made on the first;
#   - a target that holds data is refused with exit 2 and left as it was;
#   - a copy that fails verification (a tampered audit log) exits 1 and
#     leaves its target refusing to start, in both directions.
#
# Environment: AMPARO_TRANSFER_PEOPLE (default 300), AMPARO_KEEP_TMP=1.
# Exits 0 when everything passed. POSIX sh.
set -u
# shellcheck source=tests/lib.sh
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

amparo_binary "sh tests/pg/with-cluster.sh sh tests/pg/transfer.sh AMPARO_BINARY" "$@"
PG=${AMPARO_TEST_DB_URL:-}
if [ -z "$PG" ]; then
	echo "transfer.sh: AMPARO_TEST_DB_URL is not set (run it through tests/pg/with-cluster.sh)" >&2
	exit 2
fi
PSQL=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PSQL" ]; then
	echo "transfer.sh: psql not found (run make deps)" >&2
	exit 2
fi
PEOPLE=${AMPARO_TRANSFER_PEOPLE:-300}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/amparo-xfer.XXXXXX") || exit 2
use_key "$TMP/amparo.key" || exit 2
SERVER_PID=
FAILED=0

say() { echo "transfer.sh: $*" >&2; }
fail() {
	say "FAIL: $*"
	FAILED=1
}
ok() { say "ok: $*"; }

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	stop_server
	remove_tmp "$TMP" transfer.sh
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# A second database on the same cluster: the URL with another name.
other_db_url() {
	echo "$PG" | sed "s|/amparo_test?|/$1?|"
}

# transfer NAME FROM TO: runs amparo transfer; output in $TMP/NAME.out and
# .err, status in $XRC.
transfer() {
	"$BIN" transfer --quiet --from "$2" --to "$3" >"$TMP/$1.out" 2>"$TMP/$1.err"
	XRC=$?
}

# The table of a transfer without the match column: table, rows, checksum.
sums() {
	awk 'NR > 1 && NF == 5 { print $1, $2, $3, $4 }' "$TMP/$1.out"
}

# Checks a transfer that should succeed: exit 0, every table present and
# matching, and its time reported.
check_transfer() {
	if [ "$XRC" -ne 0 ]; then
		fail "$2: amparo transfer exited $XRC:"
		cat "$TMP/$1.out" "$TMP/$1.err" >&2
		return
	fi
	tables=$(awk 'NR > 1 && NF == 5' "$TMP/$1.out" | wc -l)
	if [ "$tables" -ne "$EXPECTED_TABLES" ] || awk 'NR > 1 && NF == 5 && ($5 != "yes" || $2 != $3) { bad = 1 } END { exit !bad }' "$TMP/$1.out"; then
		fail "$2: the checksums do not all match:"
		cat "$TMP/$1.out" >&2
		return
	fi
	ok "$2: $tables tables match; $(grep '^transferred' "$TMP/$1.out")"
}

audit_ok() {
	if out=$("$BIN" audit verify --db "$1" 2>&1); then
		ok "$2: $out"
	else
		fail "$2: amparo audit verify: $out"
	fi
}

# ---- servers, for the API searches ----


start_server() {
	PORT=$(free_port) || return 1
	URL=http://127.0.0.1:$PORT
	"$BIN" serve --db "$1" --listen "127.0.0.1:$PORT" --quiet >"$TMP/server.out" 2>"$TMP/server.log" &
	SERVER_PID=$!
	wait_healthy "$SERVER_PID" "$URL" 60 && return 0
	stop_server
	return 1
}

stop_server() {
	stop_pid "$SERVER_PID"
	SERVER_PID=
}

# node ... URL TOKEN QUERY...: for each query, one line: the query, the
# total, and the ids of the people found, sorted (the engines rank ties
# differently, so the order is not compared).
SEARCH_JS='
const [url, token, ...queries] = process.argv.slice(1);
(async () => {
	for (const q of queries) {
		const r = await fetch(`${url}/api/v1/people?limit=500&q=${encodeURIComponent(q)}`,
			{ headers: { Authorization: `Bearer ${token}` } });
		if (r.status !== 200) { console.log(`${q}: HTTP ${r.status}`); continue; }
		const j = await r.json();
		console.log(`${q}: ${j.total}: ${j.items.map((p) => p.id).sort().join(",")}`);
	}
})().catch((e) => { console.error(e); process.exit(1); });'

# The searches, from a person of the source: a surname, the first letters
# of given names, a phonetic spelling, a reference and a document number.
QUERIES_JS='
const [url, token] = process.argv.slice(1);
(async () => {
	const h = { Authorization: `Bearer ${token}` };
	const l = await (await fetch(`${url}/api/v1/people?limit=5`, { headers: h })).json();
	const p = l.items[0], o = l.items[1];
	const r = await fetch(`${url}/api/v1/people/${p.id}/documents`, { method: "POST",
		headers: { ...h, "Content-Type": "application/json" },
		body: JSON.stringify({ type: "passport", number: "TX 998877" }) });
	if (r.status !== 201) throw new Error(`adding a document: HTTP ${r.status}`);
	// A merge, so the merges table has a row to copy (people in two
	// different households cannot be merged: try pairs until one can).
	const many = (await (await fetch(`${url}/api/v1/people?limit=40`, { headers: h })).json()).items.slice(2);
	let merged = false;
	for (let i = 0; i < many.length && !merged; i++)
		for (let j = i + 1; j < many.length && !merged; j++)
			merged = (await fetch(`${url}/api/v1/people/${many[i].id}/merge`, { method: "POST",
				headers: { ...h, "Content-Type": "application/json" },
				body: JSON.stringify({ other_id: many[j].id }) })).status === 200;
	if (!merged) throw new Error("no two people could be merged");
	// A case with a change, a service and an appointment, so cases,
	// case_changes, services and appointments have rows to copy.
	const post = (path, body) => fetch(`${url}/api/v1${path}`, { method: "POST",
		headers: { ...h, "Content-Type": "application/json" }, body: JSON.stringify(body) });
	const k = await post("/cases", { person_id: p.id, area: "legal" });
	if (k.status !== 201) throw new Error(`opening a case: HTTP ${k.status}`);
	const kid = (await k.json()).id;
	if ((await post(`/cases/${kid}/risk`, { risk: "high" })).status !== 200)
		throw new Error("changing the risk");
	if ((await post(`/cases/${kid}/services`, { type: "legal_counselling", date: "2026-01-05", notes: "nota" })).status !== 201)
		throw new Error("recording a service");
	// An appointment tomorrow (Panama time), for the appointments table.
	const when = new Date(Date.now() + 19 * 3600e3).toISOString().slice(0, 16);
	if ((await post("/appointments", { case_id: kid, starts_at: when, with_whom: "ACNUR" })).status !== 201)
		throw new Error("booking an appointment");
	// A goal, a progress note and the plan sent to approval, so
	// case_goals, case_notes and approvals have rows to copy.
	if ((await post(`/cases/${kid}/goals`, { title: "Presentar la solicitud de refugio" })).status !== 201)
		throw new Error("adding a goal");
	if ((await post(`/cases/${kid}/notes`, { body: "Primera entrevista" })).status !== 201)
		throw new Error("writing a progress note");
	if ((await fetch(`${url}/api/v1/settings`, { method: "PATCH",
		headers: { ...h, "Content-Type": "application/json" },
		body: JSON.stringify({ plan_approval_areas: ["legal"] }) })).status !== 200)
		throw new Error("asking for approval of legal plans");
	if ((await post(`/cases/${kid}/approvals`, { kind: "plan" })).status !== 201)
		throw new Error("sending the plan to approval");
	const s = (o.surname1 || o.given_names).replace(/z/g, "s");
	console.log([p.surname1 || p.given_names, o.given_names.slice(0, 3), s, p.ref,
		"TX998877", "tx 998877"].join("\n"));
})().catch((e) => { console.error(e); process.exit(1); });'

searches() {
	# shellcheck disable=SC2046 # one argument per line of queries.txt
	(set -f; IFS='
'; node -e "$SEARCH_JS" "$URL" "$TOKEN" $(cat "$TMP/queries.txt"))
}

# ---- the source: SQLite with demo data, a token, a document and a merge ----

A=$TMP/a.db
AMPARO_ADMIN_PASSWORD=transfer-test-pw "$BIN" init --db "$A" --admin admin >/dev/null 2>&1 &&
	"$BIN" demo --db "$A" --people "$PEOPLE" >/dev/null 2>&1 &&
	TOKEN=$("$BIN" token create --db "$A" --user admin --label transfer 2>/dev/null) || {
	say "could not prepare the source database"
	exit 1
}
# Every table of the schema but those transfer skips (sessions,
# login_throttle, schema_version) and SQLite's own and full-text tables.
EXPECTED_TABLES=$(sqlite3 "$A" "SELECT count(*) FROM sqlite_master WHERE type = 'table'
	AND name NOT IN ('sessions', 'login_throttle', 'schema_version')
	AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT LIKE 'people\_search\_%' ESCAPE '\'") || {
	say "sqlite3 could not count the source's tables"
	exit 1
}
HAVE_NODE=0
if command -v node >/dev/null 2>&1; then
	HAVE_NODE=1
	if start_server "$A" && node -e "$QUERIES_JS" "$URL" "$TOKEN" >"$TMP/queries.txt" &&
		searches >"$TMP/search.a"; then
		ok "source: $(wc -l <"$TMP/search.a") searches through the API"
	else
		fail "could not add a document or search on the source"
		HAVE_NODE=0
	fi
	stop_server
else
	say "skip: node not installed, no API searches"
fi
say "source: $PEOPLE demo people in $A"

# ---- SQLite -> PostgreSQL -> SQLite ----

transfer to_pg "$A" "$PG"
check_transfer to_pg "SQLite to PostgreSQL"
audit_ok "$PG" "PostgreSQL copy"

C=$TMP/c.db
transfer to_sqlite "$PG" "$C"
check_transfer to_sqlite "PostgreSQL to SQLite"
audit_ok "$C" "SQLite copy"

sums to_pg >"$TMP/sums.to_pg"
sums to_sqlite >"$TMP/sums.to_sqlite"
if [ -s "$TMP/sums.to_pg" ] && cmp -s "$TMP/sums.to_pg" "$TMP/sums.to_sqlite"; then
	ok "both directions print the same rows and checksums"
else
	fail "the checksums differ between the two directions:"
	diff "$TMP/sums.to_pg" "$TMP/sums.to_sqlite" >&2
fi

if [ $HAVE_NODE = 1 ]; then
	for db in "$PG" "$C"; do
		name=PostgreSQL
		[ "$db" = "$C" ] && name=SQLite
		if start_server "$db" && searches >"$TMP/search.b" && cmp -s "$TMP/search.a" "$TMP/search.b"; then
			ok "$name copy: the same search answers, with the source's token"
		else
			fail "$name copy: the searches answer differently:"
			diff "$TMP/search.a" "$TMP/search.b" >&2
			tail -n 20 "$TMP/server.log" >&2
		fi
		stop_server
	done
fi

# ---- a target that holds data is refused and left as it was ----

before=$(cksum <"$C")
transfer into_full_sqlite "$A" "$C"
if [ "$XRC" -eq 2 ] && grep -q "not empty" "$TMP/into_full_sqlite.err" &&
	[ "$(wc -l <"$TMP/into_full_sqlite.err")" -eq 1 ] && [ "$(cksum <"$C")" = "$before" ]; then
	ok "a SQLite target with data: refused with exit 2, file unchanged"
else
	fail "a SQLite target with data: exit $XRC (want 2), or the file changed:"
	cat "$TMP/into_full_sqlite.err" >&2
fi

transfer into_full_pg "$C" "$PG"
if [ "$XRC" -eq 2 ] && grep -q "not empty" "$TMP/into_full_pg.err" &&
	[ "$(wc -l <"$TMP/into_full_pg.err")" -eq 1 ]; then
	ok "a PostgreSQL target with data: refused with exit 2"
else
	fail "a PostgreSQL target with data: exit $XRC (want 2):"
	cat "$TMP/into_full_pg.err" >&2
fi
# Unchanged: copied out again, it gives the same checksums.
transfer pg_again "$PG" "$TMP/again.db"
sums pg_again >"$TMP/sums.pg_again"
if [ "$XRC" -eq 0 ] && cmp -s "$TMP/sums.to_pg" "$TMP/sums.pg_again"; then
	ok "the refused PostgreSQL target is unchanged"
else
	fail "the refused PostgreSQL target changed (exit $XRC):"
	diff "$TMP/sums.to_pg" "$TMP/sums.pg_again" >&2
fi

# ---- a copy that fails verification leaves its target unusable ----

# expect_unusable DB NAME: every command refuses DB, naming the cause.
expect_unusable() {
	"$BIN" audit verify --db "$1" >"$TMP/unusable.out" 2>&1
	rc=$?
	if [ $rc -eq 1 ] && grep -q "unfinished amparo transfer" "$TMP/unusable.out"; then
		ok "$2: the target refuses to start"
	else
		fail "$2: the target did not refuse (audit verify exit $rc):"
		cat "$TMP/unusable.out" >&2
	fi
}

# Tamper with event 5 of the PostgreSQL copy (the append-only trigger is
# an ordinary trigger: replica mode skips it).
"$PSQL" -q -X "$PG" -c "SET session_replication_role = replica;
	UPDATE audit_events SET action = 'tampered' WHERE seq = 5" >/dev/null 2>&1 ||
	fail "psql could not tamper with the audit log"
F=$TMP/f.db
transfer broken_to_sqlite "$PG" "$F"
if [ "$XRC" -eq 1 ] && grep -q "broken at event 5" "$TMP/broken_to_sqlite.err"; then
	ok "PostgreSQL to SQLite with a tampered audit log: exit 1, names event 5"
else
	fail "PostgreSQL to SQLite with a tampered audit log: exit $XRC (want 1):"
	cat "$TMP/broken_to_sqlite.err" >&2
fi
expect_unusable "$F" "PostgreSQL to SQLite"
transfer from_unfinished "$F" "$TMP/g.db"
if [ "$XRC" -eq 2 ] && grep -q "unfinished transfer" "$TMP/from_unfinished.err"; then
	ok "an unfinished target is refused as a source (exit 2)"
else
	fail "an unfinished target as a source: exit $XRC (want 2)"
fi

# The other direction: a tampered SQLite copy into a second PostgreSQL
# database. Tampering with SQLite needs the sqlite3 shell.
if command -v sqlite3 >/dev/null 2>&1; then
	E=$TMP/e.db
	cp "$C" "$E"
	sqlite3 "$E" "DROP TRIGGER audit_events_no_update;
		UPDATE audit_events SET action = 'tampered' WHERE seq = 5;" || fail "sqlite3 could not tamper"
	"$PSQL" -q -X "$PG" -c "CREATE DATABASE amparo_xfer_broken" >/dev/null || fail "psql could not create a database"
	PG2=$(other_db_url amparo_xfer_broken)
	transfer broken_to_pg "$E" "$PG2"
	if [ "$XRC" -eq 1 ] && grep -q "broken at event 5" "$TMP/broken_to_pg.err"; then
		ok "SQLite to PostgreSQL with a tampered audit log: exit 1, names event 5"
	else
		fail "SQLite to PostgreSQL with a tampered audit log: exit $XRC (want 1):"
		cat "$TMP/broken_to_pg.err" >&2
	fi
	expect_unusable "$PG2" "SQLite to PostgreSQL"
else
	say "skip: no sqlite3 shell to tamper with a SQLite source"
fi

if [ $FAILED -ne 0 ]; then
	say "transfer tests FAILED"
	exit 1
fi
say "transfer tests passed"
exit 0
