#!/bin/sh
# lint.sh: machine-checked style: banned C calls, html_printf's arguments,
# and cppcheck.
set -eu
cd "$(dirname "$0")/.."
status=0
# Unsafe or ambiguous calls have safer replacements (docs/security.md).
sh scripts/banned.sh || status=1
# The compiler checks printf formats, not html_printf's (base/html.h).
node scripts/html-printf.mjs || status=1
# cppcheck 2.10 does not see that log_fatal and args_fail never return,
# so it reports every "if (!p) log_fatal(...)" as a redundant check.
if command -v cppcheck >/dev/null 2>&1; then
	cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,portability \
		--suppress=missingIncludeSystem --inline-suppr \
		--suppress=nullPointerRedundantCheck --suppress=nullPointerArithmeticRedundantCheck -I src src || status=1
fi
# A history names every audit action in words, not by its internal name.
sh scripts/audit-labels.sh || status=1
# Every message a user reads must have its Spanish translation.
sh scripts/po-update.sh >/dev/null || { sh scripts/po-update.sh; status=1; }
exit $status
