#!/usr/bin/env bash
# Relative days in sentences are resolved against the publication date
# ("Thursday, November 24, 2005"): on Monday, yesterday, last week, next
# Tuesday, on Thursday (the day itself), and no day word (the date itself).
# ("Jordan will meet Syria" is Jordan's offer to meet, one way.)
set -u
dyad=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-dates.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
printf '%s\n\n' 'Thursday, November 24, 2005' \
    'Iran accused Iraq of supporting rebels on Monday.' \
    'Syria accused Turkey of spying yesterday.' \
    'Egypt met Israel last week.' \
    'Jordan will meet Syria next Tuesday.' \
    'Russia accused Ukraine of supporting rebels on Thursday.' \
    'Lebanon accused Israel of supporting rebels.' >"$tmp/rel.txt"
"$dyad" code --format tsv "$tmp/rel.txt" | awk -F'\t' 'NR > 1 { print $5 "\t" $4 }' | sort -u >"$tmp/got"
cat >"$tmp/want" <<'X'
EGY	2005-11-17
IRN	2005-11-21
ISR	2005-11-17
JOR	2005-11-29
LBN	2005-11-24
RUS	2005-11-24
SYR	2005-11-23
X
sort -u "$tmp/want" -o "$tmp/want"
if ! diff -u "$tmp/want" "$tmp/got"; then
    echo "relative_dates: event dates differ (source, date)"
    exit 1
fi
echo "relative_dates: all event dates as expected"
