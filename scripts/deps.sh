#!/bin/sh
# deps.sh: installs what amparo needs to build, run and test, when missing:
# Debian packages (as root through apt-get; otherwise prints the command),
# the Spanish locale, and the npm packages under web/.
set -eu
cd "$(dirname "$0")/.."

PKGS="build-essential meson ninja-build pkg-config gettext locales
libmicrohttpd-dev libsqlite3-dev sqlite3 libpq-dev postgresql libjansson-dev libsodium-dev libutf8proc-dev libxlsxwriter-dev libdeflate-dev libcairo2-dev libpango1.0-dev
libcmocka-dev libcsv-dev libqrencode-dev chromium curl wrk clang cppcheck openssl"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
# Node.js may come from Debian (nodejs + npm) or elsewhere (npm inside nodejs).
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "deps: installing$missing"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq --no-install-recommends $missing >/dev/null
	else
		echo "deps: missing Debian packages. Run as root:"
		echo "  apt-get update && apt-get install -y$missing"
		exit 1
	fi
fi

# Spanish messages need a Spanish locale (es_PA) compiled on the machine.
if ! locale -a 2>/dev/null | grep -qi '^es_PA\.utf-\?8$'; then
	if [ "$(id -u)" = 0 ]; then
		echo "deps: generating the es_PA.UTF-8 locale"
		localedef -i es_PA -f UTF-8 es_PA.UTF-8
	else
		echo "deps: run as root: localedef -i es_PA -f UTF-8 es_PA.UTF-8"
		exit 1
	fi
fi

# Web assets and browser-test libraries, pinned in web/package-lock.json.
if [ ! -d web/node_modules/htmx.org ] || [ ! -d web/node_modules/playwright-core ] ||
	[ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
	echo "deps: installing npm packages in web/"
	(cd web && npm ci --no-audit --no-fund --loglevel=error)
fi
