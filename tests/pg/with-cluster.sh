#!/bin/sh
# with-cluster.sh: runs a command against a throw-away PostgreSQL cluster.
#
#   sh tests/pg/with-cluster.sh COMMAND [ARGS...]
#
# Creates a cluster in a temporary directory (as the unprivileged user
# "postgres" when run as root), listening only on a Unix socket there,
# creates an empty database, exports its URL as AMPARO_TEST_DB_URL, runs
# the command, and stops and removes the cluster whatever the outcome.
# Exits with the command's status.
#
# The cluster runs with fsync=off and full_page_writes=off: the tests need
# no durability and run faster. AMPARO_PG_DURABLE=1 keeps PostgreSQL's
# defaults instead (every commit reaches the disk), as the benchmark needs.
set -u

BINDIR=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$BINDIR" ] || [ ! -x "$BINDIR/initdb" ]; then
	echo "with-cluster.sh: PostgreSQL server binaries not found (run make deps)" >&2
	exit 2
fi
DIR=$(mktemp -d "${TMPDIR:-/tmp}/amparo-pg.XXXXXX") || exit 2
chmod 755 "$DIR"

as_owner() {
	if [ "$(id -u)" = 0 ]; then
		su postgres -s /bin/sh -c "$1"
	else
		sh -c "$1"
	fi
}

cleanup() {
	as_owner "'$BINDIR/pg_ctl' -D '$DIR/data' -m immediate stop" >/dev/null 2>&1
	rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

[ "$(id -u)" = 0 ] && chown postgres "$DIR"
as_owner "'$BINDIR/initdb' -D '$DIR/data' -A trust -U amparo -E UTF8 --locale=C.UTF-8" \
	>"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 2; }
SETTINGS="-c fsync=off -c full_page_writes=off"
[ "${AMPARO_PG_DURABLE:-}" = 1 ] && SETTINGS=""
as_owner "'$BINDIR/pg_ctl' -D '$DIR/data' -l '$DIR/server.log' -w -t 60 \
	-o \"-k '$DIR' -c listen_addresses='' $SETTINGS\" start" \
	>/dev/null || { cat "$DIR/server.log" >&2; exit 2; }
as_owner "'$BINDIR/createdb' -h '$DIR' -U amparo amparo_test" || exit 2

export AMPARO_TEST_DB_URL="postgresql://amparo@/amparo_test?host=$DIR"
echo "with-cluster.sh: PostgreSQL at $AMPARO_TEST_DB_URL" >&2
"$@"
