#!/bin/sh
# with-replica.sh: runs a command against a throw-away PostgreSQL primary
# and a streaming replica of it.
#
#   sh tests/pg/with-replica.sh COMMAND [ARGS...]
#
# Creates a primary cluster in a temporary directory (as the unprivileged
# user "postgres" when run as root) with an empty database, listening on a
# Unix socket there and on 127.0.0.1 at a free port; copies it with
# pg_basebackup -R into a hot-standby replica that streams from it (its own
# socket directory and port); waits until the primary reports it streaming;
# exports
#
#   AMPARO_TEST_DB_URL        the primary's database
#   AMPARO_TEST_DB_READ_URL   the same database on the replica
#   AMPARO_TEST_PG_BINDIR     the PostgreSQL programs (psql, pg_ctl, …)
#
# runs the command, and stops and removes both clusters whatever the
# outcome. Exits with the command's status (2 when the clusters could not
# be made). POSIX sh.
set -u
# shellcheck source=tests/lib.sh
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

BINDIR=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$BINDIR" ] || [ ! -x "$BINDIR/initdb" ] || [ ! -x "$BINDIR/pg_basebackup" ]; then
	echo "with-replica.sh: PostgreSQL server binaries not found (run make deps)" >&2
	exit 2
fi
DIR=$(mktemp -d "${TMPDIR:-/tmp}/amparo-pgrep.XXXXXX") || exit 2
chmod 755 "$DIR"
PRIMARY=$DIR/primary
REPLICA=$DIR/replica

say() { echo "with-replica.sh: $*" >&2; }

as_owner() {
	if [ "$(id -u)" = 0 ]; then
		su postgres -s /bin/sh -c "$1"
	else
		sh -c "$1"
	fi
}

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	as_owner "'$BINDIR/pg_ctl' -D '$REPLICA' -m immediate stop" >/dev/null 2>&1
	as_owner "'$BINDIR/pg_ctl' -D '$PRIMARY' -m immediate stop" >/dev/null 2>&1
	rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 1' INT TERM


# Starts the cluster in data directory $1 with socket directory $2 on a free
# port (tried up to five times); sets PORT.
start_cluster() {
	mkdir -p "$2" || return 1
	[ "$(id -u)" = 0 ] && chown postgres "$2"
	for attempt in 1 2 3 4 5; do
		PORT=$(free_port) || return 1
		if as_owner "'$BINDIR/pg_ctl' -D '$1' -l '$1.log' -w -t 60 \
			-o \"-p $PORT -k '$2' -c listen_addresses=127.0.0.1\" start" >/dev/null; then
			return 0
		fi
		grep -q -i "could not bind\|address already in use" "$1.log" 2>/dev/null || break
		say "port $PORT was taken; trying another (attempt $attempt)"
	done
	cat "$1.log" >&2
	return 1
}

psql_at() { # socket-dir port sql
	"$BINDIR/psql" -X -q -A -t -h "$1" -p "$2" -U amparo -d amparo_test -c "$3"
}

[ "$(id -u)" = 0 ] && chown postgres "$DIR"

# ---- the primary ----

as_owner "'$BINDIR/initdb' -D '$PRIMARY' -A trust -U amparo -E UTF8 --locale=C.UTF-8" \
	>"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 2; }
# Replication settings, and streaming allowed from the socket and loopback
# without a password (a throw-away cluster reachable only from here).
as_owner "cat >>'$PRIMARY/postgresql.conf'" <<'EOF'
wal_level = replica
max_wal_senders = 5
wal_keep_size = 256MB
hot_standby = on
fsync = off
full_page_writes = off
EOF
as_owner "cat >>'$PRIMARY/pg_hba.conf'" <<'EOF'
local   replication   all                  trust
host    replication   all   127.0.0.1/32   trust
EOF
start_cluster "$PRIMARY" "$DIR/primary-socket" || { say "the primary did not start"; exit 2; }
PRIMARY_PORT=$PORT
as_owner "'$BINDIR/createdb' -h '$DIR/primary-socket' -p $PRIMARY_PORT -U amparo amparo_test" || exit 2

# ---- the replica: a base backup that streams from the primary ----

as_owner "'$BINDIR/pg_basebackup' -h '$DIR/primary-socket' -p $PRIMARY_PORT -U amparo \
	-D '$REPLICA' -R -X stream -c fast" >"$DIR/basebackup.log" 2>&1 ||
	{ cat "$DIR/basebackup.log" >&2; say "pg_basebackup failed"; exit 2; }
start_cluster "$REPLICA" "$DIR/replica-socket" || { say "the replica did not start"; exit 2; }
REPLICA_PORT=$PORT

# Streaming once the primary lists it and the replica is in recovery.
waited=0
while :; do
	n=$(psql_at "$DIR/primary-socket" "$PRIMARY_PORT" \
		"SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'" 2>/dev/null)
	r=$(psql_at "$DIR/replica-socket" "$REPLICA_PORT" "SELECT pg_is_in_recovery()" 2>/dev/null)
	[ "${n:-0}" -ge 1 ] && [ "$r" = t ] && break
	if [ "$waited" -ge 240 ]; then
		say "the replica did not start streaming within 60 s"
		cat "$REPLICA.log" >&2
		exit 2
	fi
	sleep 0.25 2>/dev/null || sleep 1
	waited=$((waited + 1))
done

export AMPARO_TEST_DB_URL="postgresql://amparo@127.0.0.1:$PRIMARY_PORT/amparo_test"
export AMPARO_TEST_DB_READ_URL="postgresql://amparo@127.0.0.1:$REPLICA_PORT/amparo_test"
export AMPARO_TEST_PG_BINDIR="$BINDIR"
say "primary at $AMPARO_TEST_DB_URL, streaming replica at $AMPARO_TEST_DB_READ_URL"
"$@"
