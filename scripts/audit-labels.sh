#!/bin/sh
# audit-labels.sh: every audit action written with a literal name
# (audit_record, audit_write) has the label a history shows for it in
# src/web/labels.c; without one, a caseworker would read the internal name.
set -eu
cd "$(dirname "$0")/.."
status=0
for action in $(perl -0777 -ne '
	while (/audit_record\s*\(\s*[^,()]+,\s*"([a-z_]+)"/g) { print "$1\n" }
	while (/audit_write\s*\((?:\s*[^,()]+(?:\([^()]*\))?,){4}\s*"([a-z_]+)"/g) { print "$1\n" }
	while (/\.action\s*=\s*"([a-z_]+)"/g) { print "$1\n" }' $(find src -name '*.c') | sort -u); do
	if ! grep -q "{ \"$action\", N_(" src/web/labels.c; then
		echo "audit-labels: the action \"$action\" has no label in src/web/labels.c" >&2
		status=1
	fi
done
exit $status
