#!/usr/bin/env bash
# Quoted speech across paragraphs (phrase.c's mark_quotes, coder.c's quote
# memory), which one-line golden cases cannot show: a quotation left open
# at a paragraph's end goes on in a paragraph that reopens it, with the
# same speaker, so "we" there is still his side; a new paragraph's fresh
# quotation, or one after a sentence with no quotes, has no speaker.
set -u
dyad=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-quotes.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/story.txt" <<'TXT'
Israel and Hamas trade blame

Israeli Prime Minister Ehud Olmert spoke to reporters in Jerusalem on Monday. Olmert said: "Hamas fighters attacked our soldiers near Gaza.

"We will not negotiate with Hamas."

"We will not negotiate with Hamas again."

Egypt urged restraint. "We will not negotiate with Hamas ever."

Olmert said: "Our patience has limits.

Talks are over, and "we will not negotiate with Hamas at all."
TXT
"$dyad" code --all-events --format tsv --date 2007-03-05 "$tmp/story.txt" |
    awk -F'\t' 'NR > 1 { print $5 "->" $7 " " $9 " | " $20 }' >"$tmp/got" || exit 1
fail=0
want() {   # want EVENT SENTENCE-START: the event must come from that sentence
    grep -qF "$1 | $2" "$tmp/got" || { echo "quotes: missing $1 from '$2'"; fail=1; }
}
refuse() { # refuse SENTENCE-START: no event from that sentence
    ! grep -qF "| $1" "$tmp/got" || { echo "quotes: an event from '$1'"; fail=1; }
}
want 'PSEREBHMS->ISRMIL 190' 'Olmert said: "Hamas fighters'   # "our": Olmert's
want 'ISRGOV->PSEREBHMS 125' '"We will not negotiate with Hamas."'  # reopened
refuse '"We will not negotiate with Hamas again."'  # a new, unattributed quotation
refuse '"We will not negotiate with Hamas ever."'   # after an unquoted sentence
refuse 'Talks are over'      # a paragraph that does not reopen the quotation
[ $fail = 0 ] || { echo "got:"; cat "$tmp/got"; }
exit $fail
