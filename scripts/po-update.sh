#!/bin/sh
# po-update.sh: extracts every translatable string in src/ into
# po/amparo.pot, merges it into each catalogue (po/es.po), and fails when a
# catalogue has a message left untranslated or fuzzy, printing those msgids.
# References name the file only (no line numbers) so that diffs stay small.
# Run it from anywhere; it needs GNU gettext (xgettext, msgmerge, msgattrib,
# msgfmt).
set -eu
cd "$(dirname "$0")/.."

LANGS="es"
POT=po/amparo.pot
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

# Every C file under src/, in a stable order whatever the locale.
find src -type f \( -name '*.c' -o -name '*.h' \) | LC_ALL=C sort >"$tmp/files"

# xgettext's advice to name a bug address is noise here: drop it, keep the rest.
xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=NC_:1c,2 --keyword=C_:1c,2 \
	--add-comments=TRANSLATORS: --sort-output --add-location=file \
	--package-name=amparo --files-from="$tmp/files" --output="$tmp/amparo.pot" \
	2>"$tmp/xgettext.err" || { cat "$tmp/xgettext.err" >&2; exit 1; }
awk '/^xgettext: warning: The option --msgid-bugs-address/{ skip = 1; next }
	skip && /^ /{ next } { skip = 0; print }' "$tmp/xgettext.err" >&2

# Keep the old template when only its creation date would change.
if [ -f "$POT" ] &&
	grep -v '^"POT-Creation-Date:' "$POT" >"$tmp/old" &&
	grep -v '^"POT-Creation-Date:' "$tmp/amparo.pot" >"$tmp/new" &&
	cmp -s "$tmp/old" "$tmp/new"; then
	:
else
	cp "$tmp/amparo.pot" "$POT"
fi

status=0
for lang in $LANGS; do
	po=po/$lang.po
	if [ ! -f "$po" ]; then
		echo "po-update: $po is missing; create it with: msginit -i $POT -o $po -l $lang" >&2
		status=1
		continue
	fi
	# No fuzzy matching: a changed msgid comes back untranslated, to be
	# translated again rather than guessed. Messages no longer in the
	# sources are dropped.
	msgmerge --quiet --update --backup=none --no-fuzzy-matching --sort-output "$po" "$POT"
	msgattrib --no-obsolete --sort-output --output-file="$po" "$po"

	msgattrib --untranslated --no-obsolete "$po" >"$tmp/untranslated.po"
	msgattrib --only-fuzzy --no-obsolete "$po" >"$tmp/fuzzy.po"
	printf '%s: ' "$po"
	msgfmt --check --statistics --output-file=/dev/null "$po" 2>&1 || status=1
	for kind in untranslated fuzzy; do
		# Each msgid on one line (joining continued strings), header excluded.
		awk '/^msgid /{ id = substr($0, 7); inid = 1; next }
			inid && /^"/{ id = substr(id, 1, length(id) - 1) substr($0, 2); next }
			inid { inid = 0; if (id != "\"\"") print "  " id }' "$tmp/$kind.po" >"$tmp/$kind.ids"
		if [ -s "$tmp/$kind.ids" ]; then
			echo "po-update: $(wc -l <"$tmp/$kind.ids") $kind message(s) in $po:" >&2
			cat "$tmp/$kind.ids" >&2
			status=1
		fi
	done
done
exit $status
