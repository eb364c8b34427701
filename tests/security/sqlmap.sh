#!/bin/sh
# sqlmap.sh: SQL injection attempts with sqlmap against a throw-away server.
#
#   sh tests/security/sqlmap.sh path/to/amparo        (make security)
#
# Creates a database with demo data (or uses AMPARO_TEST_DB_URL, an empty
# PostgreSQL database, see tests/pg/with-cluster.sh), starts `amparo serve`,
# logs in as an administrator through the login form (session cookie and
# CSRF token) and creates an API token, then runs sqlmap at SQLMAP_LEVEL
# (default 3) and SQLMAP_RISK (default 2) against each target below: the
# login form, the people search, registering a person by the form, the case
# list's filters, and the API's people, cases, households and assistance
# with query parameters, path identifiers and JSON bodies. Cookies are
# tested too (level 2 and up), and User-Agent and Referer (level 3).
#
# Exits 1 when sqlmap reports any injectable parameter, 0 when none. The
# summary (target, parameters, requests, finding) is written to
# SQLMAP_REPORT (default build/sqlmap-report.tsv) for docs/security.md.
set -u
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"
amparo_binary "sh tests/security/sqlmap.sh AMPARO_BINARY" "$@"
command -v sqlmap >/dev/null 2>&1 || {
	echo "sqlmap.sh: sqlmap not found: apt-get install sqlmap (make security installs it)" >&2
	exit 2
}
command -v curl >/dev/null 2>&1 || { echo "sqlmap.sh: curl not found" >&2; exit 2; }

LEVEL=${SQLMAP_LEVEL:-3}
RISK=${SQLMAP_RISK:-2}
REPORT=${SQLMAP_REPORT:-$(pwd)/build/sqlmap-report.tsv}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/amparo-sqlmap.XXXXXX") || exit 2
use_key "$TMP/amparo.key" || exit 2
DB=${AMPARO_TEST_DB_URL:-$TMP/t.db}
ENGINE=SQLite
[ -n "${AMPARO_TEST_DB_URL:-}" ] && ENGINE=PostgreSQL
SERVER_PID=
say() { echo "sqlmap.sh: $*" >&2; }
cleanup() {
	stop_pid "$SERVER_PID"
	remove_tmp "$TMP" sqlmap.sh
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

PW=$(password)
AMPARO_ADMIN_PASSWORD=$PW "$BIN" init --db "$DB" --admin admin >/dev/null 2>"$TMP/init.log" &&
	"$BIN" demo --db "$DB" --people 200 >/dev/null 2>>"$TMP/init.log" &&
	TOKEN=$("$BIN" token create --db "$DB" --user admin --label sqlmap) || {
	say "could not prepare the database"
	cat "$TMP/init.log" >&2
	exit 1
}
# The login form is attacked with a user of its own: the attempts lock
# that account, not the administrator's.
AMPARO_PASSWORD=$(password) "$BIN" user add target --db "$DB" --role caseworker --area legal \
	>/dev/null || exit 1

for attempt in 1 2 3 4 5; do
	PORT=$(free_port)
	URL=http://127.0.0.1:$PORT
	# --trust-proxy: see the login target below.
	"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --quiet --trust-proxy \
		>"$TMP/server.out" 2>"$TMP/server.log" &
	SERVER_PID=$!
	wait_healthy "$SERVER_PID" "$URL" 60 && break
	SERVER_PID=
	grep -q "cannot listen" "$TMP/server.log" || { cat "$TMP/server.log" >&2; exit 1; }
done
[ -n "$SERVER_PID" ] || exit 1

# A session through the login form, and its CSRF token from a form page.
JAR=$TMP/jar
curl -s -c "$JAR" -o /dev/null --data-urlencode "name=admin" --data-urlencode "password=$PW" \
	"$URL/login"
SESSION=$(awk '$6 == "amparo_session" { print $7 }' "$JAR")
CSRF=$(curl -s -b "$JAR" "$URL/people/new" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
[ -n "$SESSION" ] && [ -n "$CSRF" ] || { say "could not log in through the form"; exit 1; }
PERSON=$(curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/people?limit=1" |
	sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -n 1)
HOUSEHOLD=$(curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/households?limit=1" |
	sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -n 1)
CASE=$(curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/cases?limit=1" |
	sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -n 1)
say "server at $URL ($ENGINE), person $PERSON, household $HOUSEHOLD, case $CASE"

COOKIE="amparo_session=$SESSION; amparo_lang=es"
BEARER="Authorization: Bearer $TOKEN"
[ -f "$REPORT" ] || printf 'date\tengine\ttarget\tlevel\trisk\tparameters\trequests\tanswers\tfinding\n' >"$REPORT"
FOUND=0

# run NAME sqlmap-arguments...: one target; its log in $TMP/NAME.log.
run() {
	name=$1
	shift
	log=$TMP/$name.log
	say "$name ..."
	# --skip: the CSRF token and the session cookie would only be refused
	# (403, login page) and sqlmap would spend its time on that answer.
	sqlmap --batch --flush-session --disable-coloring --output-dir="$TMP/out" \
		--level="$LEVEL" --risk="$RISK" --dbms="$ENGINE" --threads=2 \
		--skip="csrf,amparo_session" -t "$TMP/$name.traffic" "$@" >"$log" 2>&1
	reqs=$(grep -c '^HTTP request \[#' "$TMP/$name.traffic" 2>/dev/null)
	# How the server answered them, e.g. "200x812 400x201": a target that
	# only ever got the login page or 403 was not really tested.
	codes=$(sed -n 's/^HTTP response \[#[0-9]*\] (\([0-9]*\).*/\1/p' "$TMP/$name.traffic" 2>/dev/null |
		sort | uniq -c | awk '{ printf "%s%sx%s", (NR > 1 ? " " : ""), $2, $1 }')
	params=$(grep -v skipping "$log" | grep -oE "(GET|POST|JSON|Cookie|User-Agent|Referer|URI|\(custom\) POST) parameter '[^']*'" |
		sed "s/(custom) POST parameter 'JSON /JSON:/; s/ parameter '/:/; s/'\$//" | sort -u | tr '\n' ' ')
	if grep -q "identified the following injection point" "$log"; then
		finding="INJECTABLE"
		FOUND=1
		say "FAIL: $name: sqlmap found an injection point:"
		sed -n '/identified the following injection point/,/^---$/p' "$log" | head -n 30 >&2
	elif [ "$name" != login ] && ! echo " $codes" | grep -qE ' [23][0-9][0-9]x'; then
		# Every answer an error: the request never reached the query
		# sqlmap meant to attack (a bad baseline), so nothing was shown.
		finding="not exercised: no 2xx or 3xx answer"
		FOUND=1
		say "FAIL: $name: the server never accepted the request ($codes)"
	elif grep -qE "all tested parameters do not appear to be injectable|\[CRITICAL\]" "$log"; then
		finding="none"
		grep -q "all tested parameters do not appear" "$log" || finding="none ($(grep -m1 CRITICAL "$log" | sed 's/.*CRITICAL\] //' | cut -c1-80))"
	else
		finding="unclear (see log)"
		FOUND=1
		say "FAIL: $name: sqlmap did not finish; last lines:"
		tail -n 15 "$log" >&2
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$ENGINE" "$name" \
		"$LEVEL" "$RISK" "$params" "${reqs:-?}" "$codes" "$finding" >>"$REPORT"
	say "$name: ${reqs:-?} requests ($codes); parameters: $params; injectable: $finding"
	rm -rf "$TMP/out"
}

ONLY=${SQLMAP_ONLY:-}
want() { [ -z "$ONLY" ] || echo " $ONLY " | grep -q " $1 "; }

# A wrong password answers 401; after 30 failures from one address every
# login from it answers 429 before the user is looked up. The server trusts
# X-Forwarded-For here and the xforwardedfor tamper sends a random one with
# each attack request, so every payload in name reaches user_find.
want login && run login -u "$URL/login" --ignore-code=401,429 --tamper=xforwardedfor \
	--data "name=target&password=wrong-password-1&next=/people"
want people_search && run people_search -u "$URL/people?q=maria&page=1" --cookie "$COOKIE"
# match_confirmed: after the first one, the same person again is a likely
# duplicate, which the form otherwise asks to confirm (400) before saving.
want person_register && run person_register -u "$URL/people" --cookie "$COOKIE" \
	--data "csrf=$CSRF&given_names=Ana&surname1=Prueba&surname2=Sql&sex=female&birth_date=1990-05-31&nationality=VEN&phone=6123-4567&email=ana@correo.com&province=8&district=0801&legal_status=asylum_seeker&needs=DS-BD&match_confirmed=1"
want case_filters && run case_filters -u "$URL/cases?who=all&area=legal&status=open&risk=high&office=main&overdue=1&page=1" \
	--cookie "$COOKIE"
want api_people_list && run api_people_list -u "$URL/api/v1/people?q=maria&limit=10&offset=0" -H "$BEARER"
want api_person_get && run api_person_get -u "$URL/api/v1/people/$PERSON*" -H "$BEARER"
want api_person_create && run api_person_create -u "$URL/api/v1/people" -H "$BEARER" \
	--data '{"given_names":"Ana","surname1":"Prueba","sex":"female","birth_date":"1990-05-31","nationality":"VEN","phone":"6123-4567"}'
want api_cases_list && run api_cases_list -u "$URL/api/v1/cases?person_id=$PERSON&area=legal&status=open&risk=high&assigned_to=1&office=main&overdue=1&limit=10&offset=0" -H "$BEARER"
want api_case_create && run api_case_create -u "$URL/api/v1/cases" -H "$BEARER" \
	--data "{\"person_id\":\"$PERSON\",\"area\":\"legal\",\"risk\":\"high\"}"
want api_households && run api_households -u "$URL/api/v1/households?limit=10&offset=0" -H "$BEARER"
want api_household_get && run api_household_get -u "$URL/api/v1/households/$HOUSEHOLD*" -H "$BEARER"
want api_assistance && run api_assistance -u "$URL/api/v1/assistance?status=requested&programme_id=1&household_id=$HOUSEHOLD&limit=10&offset=0" -H "$BEARER"

if ! kill -0 "$SERVER_PID" 2>/dev/null; then
	say "FAIL: the server died under the attack"
	tail -n 40 "$TMP/server.log" >&2
	FOUND=1
fi
[ $FOUND = 0 ] && say "no injectable parameter found (report: $REPORT)"
exit $FOUND
