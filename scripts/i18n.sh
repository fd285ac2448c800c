#!/bin/sh
# Translations: extract, merge, compile; or check that nothing is missing.
#
#   scripts/i18n.sh          extract msgids from templates/*.xhtml (t:i18n,
#                            t:i18n-attr, by templates/po/portal.its) and
#                            from cgi/ sources (N_("...") and _("...")) into
#                            templates/po/portal.pot; merge it into every
#                            templates/po/LANG.po (created with msginit if
#                            missing); compile each to build/mo/LANG.mo
#                            with msgfmt --check.
#   scripts/i18n.sh check    fail, listing them, if any .po has an
#                            untranslated or fuzzy entry.
#
# Run from the repository root. Needs GNU gettext (Debian: gettext).
set -eu

LANGS="ar en es fr ru zh"
PO=templates/po
MO=${MO_DIR:-build/mo}
POT=$PO/portal.pot

die() { echo "i18n: $*" >&2; exit 1; }

for tool in xgettext msgcat msgmerge msginit msgfmt msgattrib; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool not found (apt install gettext)"
done
[ -d "$PO" ] || die "run from the repository root"

check() {
	bad=0
	for l in $LANGS; do
		po=$PO/$l.po
		if [ ! -f "$po" ]; then
			echo "$po: missing"
			bad=1
			continue
		fi
		msgfmt --check -o /dev/null "$po" || bad=1
		untranslated=$(msgattrib --untranslated --no-obsolete \
		    --no-wrap "$po" | grep -c '^msgid "..*"' || true)
		fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$po" |
		    grep -c '^msgid "..*"' || true)
		if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
			echo "$po: $untranslated untranslated, $fuzzy fuzzy:"
			msgattrib --untranslated --no-obsolete --no-wrap "$po" |
			    sed -n 's/^msgid "\(..*\)"$/  untranslated: \1/p'
			msgattrib --only-fuzzy --no-obsolete --no-wrap "$po" |
			    sed -n 's/^msgid "\(..*\)"$/  fuzzy: \1/p'
			bad=1
		fi
	done
	[ "$bad" -eq 0 ] && echo "i18n: every catalog is complete"
	return "$bad"
}

update() {
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	# Templates: only what the ITS rules mark. Sorted for stable output
	# (template names are [a-z0-9_-]+, so a list file is safe).
	find templates -maxdepth 1 -name '*.xhtml' | LC_ALL=C sort \
	    > "$tmp/tpl.list"
	if [ -s "$tmp/tpl.list" ]; then
		xgettext --its="$PO/portal.its" --from-code=UTF-8 --force-po \
		    --add-location=file --sort-by-file \
		    -f "$tmp/tpl.list" -o "$tmp/tpl.pot"
	fi
	# C sources: N_("...") marks a msgid without translating it there.
	find cgi -name '*.[ch]' | LC_ALL=C sort > "$tmp/c.list"
	xgettext --language=C --from-code=UTF-8 --force-po \
	    --keyword=_ --keyword=N_ \
	    --add-location=file --sort-by-file \
	    -f "$tmp/c.list" -o "$tmp/c.pot"
	set --
	for f in "$tmp/tpl.pot" "$tmp/c.pot"; do
		[ -f "$f" ] && set -- "$@" "$f"
	done
	msgcat --use-first --force-po --sort-by-file \
	    -o "$tmp/portal.pot" "$@"
	# Catalogs are UTF-8, always: the loader refuses anything else.
	sed -i 's/charset=CHARSET/charset=UTF-8/' "$tmp/portal.pot"
	# Keep the .pot stable: no creation date churn when nothing changed.
	if [ -f "$POT" ] && diff -q -I '^"POT-Creation-Date:' "$POT" \
	    "$tmp/portal.pot" >/dev/null 2>&1; then
		:
	else
		cp "$tmp/portal.pot" "$POT"
	fi
	mkdir -p "$MO"
	for l in $LANGS; do
		po=$PO/$l.po
		if [ -f "$po" ]; then
			msgmerge --quiet --update --backup=none "$po" "$POT"
		else
			msginit --no-translator --locale="$l.UTF-8" \
			    -i "$POT" -o "$po" 2>/dev/null
			# Without the system locale msginit falls back to ASCII.
			sed -i '/^"Content-Type:/s/charset=[^\\]*/charset=UTF-8/' \
			    "$po"
		fi
		msgfmt --check -o "$MO/$l.mo" "$po"
	done
	echo "i18n: $POT and $MO/{$(echo "$LANGS" | tr ' ' ,)}.mo updated"
}

case "${1:-update}" in
update)	update ;;
check)	check ;;
*)	die "usage: scripts/i18n.sh [update|check]" ;;
esac
