#!/bin/sh
# banned.sh: rejects C calls that have a safer replacement in amparo.
#
#   sh scripts/banned.sh [DIR...]      (default: src tools fuzz bench)
#
# Prints each use as FILE:LINE: text and exits 1 when there is one. Run by
# scripts/lint.sh. The reasons and the replacements are in docs/security.md
# (Banned calls); a call inside a comment line is not counted.
set -eu
cd "$(dirname "$0")/.."

# Unbounded writes: strcpy, strcat, sprintf, vsprintf, gets (use buf_*,
# snprintf, arena_strdup). Truncating without a terminator: strncpy, strncat.
# No error report: atoi, atol, atoll, atof (use strtol/strtoull with an end
# pointer and errno). Hidden static state, unsafe in the server's threads:
# strtok (strtok_r), localtime, gmtime, ctime, asctime (the _r forms),
# strerror (%m or strerror_r). Predictable: rand, srand, random (libsodium's
# randombytes_*). Race between naming and opening a file: tmpnam, tempnam,
# mktemp (mkstemp). A shell between the program and its arguments: system,
# popen. Unbounded stack: alloca. Reading stdin without a bound: scanf,
# vscanf (sscanf and fscanf with a width on every string conversion are
# allowed: the date readers use them).
BANNED="strcpy strcat strncpy strncat sprintf vsprintf gets atoi atol atoll atof
strtok localtime gmtime ctime asctime strerror rand srand random tmpnam tempnam
mktemp system popen alloca scanf vscanf"

dirs=${*:-src tools fuzz bench}
names=$(echo $BANNED | tr ' ' '|')
# A call: the name not preceded by an identifier character, '.', or '>'
# (struct members and buf_sprintf-like helpers are fine), then '('.
pattern="(^|[^A-Za-z0-9_.>])($names)[[:space:]]*\("
# shellcheck disable=SC2086
found=$(grep -rEn --include='*.c' --include='*.h' "$pattern" $dirs |
	grep -Ev '^[^:]*:[0-9]+:[[:space:]]*(/\*|\*|//)' || true)
if [ -n "$found" ]; then
	printf "%s\n" "$found"
	echo "banned.sh: banned call above; see docs/security.md (Banned calls) for the replacement" >&2
	exit 1
fi
exit 0
