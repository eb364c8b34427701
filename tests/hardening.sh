#!/bin/sh
# hardening.sh: checks with readelf that a built amparo has the protections
# meson.build asks for (docs/security.md, Build hardening).
#
#   sh tests/hardening.sh path/to/amparo [--fortify]
#
# Always: a position-independent executable (ELF type DYN with the PIE
# flag), full RELRO (a GNU_RELRO segment and BIND_NOW: the GOT is read-only
# before main runs), a non-executable stack, and the stack protector
# (__stack_chk_fail imported). With --fortify (an optimised build without
# sanitizers): FORTIFY_SOURCE's checked calls (__*_chk) are imported.
# Exits 0 when every check holds; names each one that does not.
set -u
BIN=${1:?usage: sh tests/hardening.sh AMPARO_BINARY [--fortify]}
fortify=${2:-}
command -v readelf >/dev/null 2>&1 || { echo "hardening.sh: readelf not found (binutils)" >&2; exit 2; }
[ -f "$BIN" ] || { echo "hardening.sh: $BIN not found" >&2; exit 2; }

failed=0
check() {
	if [ "$2" = 0 ]; then
		echo "ok: $1"
	else
		echo "FAIL: $1"
		failed=1
	fi
}
header=$(readelf -hW "$BIN")
dynamic=$(readelf -dW "$BIN")
segments=$(readelf -lW "$BIN")
symbols=$(readelf -sW --dyn-syms "$BIN")

echo "$header" | grep -q 'Type:[[:space:]]*DYN'
check "position-independent executable (ELF type DYN)" $?
echo "$dynamic" | grep -q 'FLAGS_1.*PIE'
check "PIE flag in the dynamic section" $?
echo "$segments" | grep -q 'GNU_RELRO'
check "GNU_RELRO segment" $?
echo "$dynamic" | grep -Eq 'BIND_NOW|FLAGS_1.*NOW'
check "BIND_NOW (full RELRO)" $?
echo "$segments" | grep 'GNU_STACK' | grep -qv 'RWE'
check "non-executable stack" $?
echo "$symbols" | grep -q '__stack_chk_fail'
check "stack protector (__stack_chk_fail)" $?
if [ "$fortify" = --fortify ]; then
	n=$(echo "$symbols" | grep -oE '__[a-z0-9_]+_chk\b' | grep -v __stack_chk | sort -u | wc -l)
	[ "$n" -ge 3 ]
	check "FORTIFY_SOURCE checked calls ($n distinct __*_chk)" $?
fi
exit $failed
