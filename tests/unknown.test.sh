#!/usr/bin/env bash
# `dyad code --unknown`: the phrases that act as an event's source or target
# but name no dictionary actor, counted, most frequent first, with the agent
# dyad gave them and an example. Known actors, bare agents ("officials") and
# sentence-initial ordinary words stay out of the list.
set -u
dyad=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-unknown.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' \
    'The Ashdown Group criticized Iran on Monday.' \
    'Iraq accused the Ashdown Group of spying.' \
    'The Ashdown Group attacked Syrian forces.' \
    'Zendar officials met Egypt in Cairo.' \
    'Officials criticized Turkey.' \
    'There are reports that Iran attacked Iraq.' >"$tmp/doc.txt"
"$dyad" code --unknown "$tmp/doc.txt" >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
fail=0
want() {  # want LINE-PATTERN WHY
    grep -qE "$1" "$tmp/out" || { echo "unknown: missing $2"; fail=1; }
}
want_not() {
    ! grep -qE "$1" "$tmp/out" || { echo "unknown: listed $2"; fail=1; }
}
want '^count	as_source	as_target	phrase	agent	example_doc	example_sentence$' "the header"
want '^3	2	1	The Ashdown Group		doc	The Ashdown Group criticized Iran on Monday\.$' \
    "the Ashdown Group three times (twice source, once target) with its first sentence"
want '^2	1	1	Zendar officials	GOV	' "Zendar officials twice (a meeting goes both ways) with agent GOV"
want_not '	(Iran|Iraq|Egypt|Turkey|Officials|There)	' "a known actor, a bare agent or a sentence starter"
[ "$(sed -n 2p "$tmp/out" | cut -f4)" = "The Ashdown Group" ] || { echo "unknown: most frequent not first"; fail=1; }
grep -q "2 unknown actor phrases, 5 occurrences" "$tmp/err" || { echo "unknown: summary line wrong: $(cat "$tmp/err")"; fail=1; }
[ $fail -eq 0 ] && echo "unknown: report as expected"
exit $fail
