# shellcheck shell=sh
# lib.sh: shell helpers the test and benchmark scripts share. Source it:
#   . "$(dirname "$0")/../lib.sh"
# POSIX sh; needs node (a test dependency) for the network helpers.

# A random password of 24 hex digits (the minimum is 12 characters).
password() {
	od -An -N12 -tx1 /dev/urandom | tr -d ' \n'
}

# A random authenticator secret: 32 base32 characters (160 bits), for
# `amparo user add --totp-secret`; tests/lib/totp.mjs computes its codes.
totp_secret() {
	od -An -N32 -tu1 /dev/urandom | tr -s ' ' '\n' | grep . |
		awk '{ printf "%c", substr("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", $1 % 32 + 1, 1) } END { print "" }'
}

# A loopback port nobody listens on now. Another process may take it
# before the server binds it: callers retry the start with another.
free_port() {
	node -e '
		const s = require("net").createServer();
		s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# Answers 0 when GET $1/healthz gives 200 within 5 seconds.
healthy() {
	node -e '
		fetch(process.argv[1] + "/healthz", { signal: AbortSignal.timeout(5000) })
			.then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1));' "$1"
}

# wait_healthy PID URL SECONDS: waits, polling four times a second, until
# the server PID answers URL/healthz. Returns 0 then; 1 when the process
# ended first (it is reaped); 2 after SECONDS.
wait_healthy() {
	_polls=0
	while [ "$_polls" -lt $(($3 * 4)) ]; do
		if ! kill -0 "$1" 2>/dev/null; then
			wait "$1" 2>/dev/null
			return 1
		fi
		healthy "$2" && return 0
		sleep 0.25 2>/dev/null || sleep 1
		_polls=$((_polls + 1))
	done
	return 2
}

# stop_pid PID: stops the process (SIGTERM) and waits for it; nothing when
# PID is empty or has ended.
stop_pid() {
	if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
		kill -TERM "$1" 2>/dev/null
		wait "$1" 2>/dev/null
	fi
}

# remove_tmp DIR WHO: removes a test's temporary folder, or keeps it and
# says so (WHO: the script's name) when AMPARO_KEEP_TMP=1.
remove_tmp() {
	if [ "${AMPARO_KEEP_TMP:-}" = 1 ]; then
		echo "$2: kept $1" >&2
	else
		rm -rf "$1"
	fi
}

# use_key FILE: makes FILE a new encryption key when it does not exist
# (with $BIN) and exports AMPARO_KEY_FILE=FILE, so every amparo command
# the script runs seals and opens the sensitive fields with it
# (docs/encryption.md). Returns non-zero when the key cannot be made.
use_key() {
	if [ ! -f "$1" ]; then
		"$BIN" key generate --out "$1" >/dev/null || return 1
	fi
	AMPARO_KEY_FILE=$1
	export AMPARO_KEY_FILE
}

# Sets BIN to the absolute path of the amparo binary, the script's only
# argument, or prints the usage line ($1) and exits 2. Call it as
#   amparo_binary "sh tests/x/run.sh AMPARO_BINARY" "$@"
amparo_binary() {
	usage=$1
	shift
	if [ $# -ne 1 ]; then
		echo "usage: $usage" >&2
		exit 2
	fi
	case $1 in
	/*) BIN=$1 ;;
	*) BIN=$(pwd)/$1 ;;
	esac
	if [ ! -x "$BIN" ]; then
		echo "$BIN is not an executable (build it first)" >&2
		exit 2
	fi
}

# Runs `amparo audit verify` on database $1 (output kept in file $2) and
# reports through the caller's say(); answers 1 when the chain is broken.
audit_intact() {
	if "$BIN" audit verify --db "$1" >"$2" 2>&1; then
		say "ok: $(cat "$2")"
		return 0
	fi
	say "FAIL: amparo audit verify:"
	cat "$2" >&2
	return 1
}
