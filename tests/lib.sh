# shellcheck shell=sh
# lib.sh: shell helpers the test and benchmark scripts share. Source it:
#   . "$(dirname "$0")/../lib.sh"
# POSIX sh; needs node (a test dependency) for the network helpers.

# A random password of 24 hex digits (the minimum is 10 characters).
password() {
	od -An -N12 -tx1 /dev/urandom | tr -d ' \n'
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
