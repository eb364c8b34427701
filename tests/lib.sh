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
