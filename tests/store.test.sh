#!/usr/bin/env bash
# The event store through the dyad tool: ingest (twice: stored once),
# events with each filter and format, duplicate merging, actors, docs,
# series with filled periods and charts, recode. Runs against the store
# named by $DYAD_TEST_DB (tests/store_pg.test.sh passes a PostgreSQL URI),
# else a fresh SQLite file. Inputs are the project's example reports and
# reports written here.
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=${DYAD_TEST_DB:-$tmp/test.db}
fails=0
fail() { echo "store: FAIL: $*"; fails=$((fails + 1)); }
# expect NAME EXPECTED ACTUAL
expect() { [ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"; }
count_of() { "$bin" docs --db "$db" --stats | awk -v k="$1" '$1 == k {print $2}'; }

# --- ingest, and again: every document once ---
"$bin" ingest -q --db "$db" "$src/examples/reports" || fail "ingest exit $?"
docs=$(count_of documents) events=$(count_of events)
expect "documents after ingest" 5 "$docs"
[ "${events:-0}" -gt 40 ] || fail "only ${events:-0} events from the example reports"
"$bin" ingest -q --db "$db" "$src/examples/reports" "$src/examples/reports/01_iraq_fm_visits_tehran.txt" ||
    fail "second ingest exit $?"
expect "documents after a second ingest" 5 "$(count_of documents)"
expect "events after a second ingest" "$events" "$(count_of events)"

# --- events: formats ---
n_jsonl=$("$bin" events --db "$db" | wc -l)
expect "jsonl lines" "$events" "$n_jsonl"
n_tsv=$("$bin" events --db "$db" --format tsv | tail -n +2 | wc -l)
expect "tsv rows" "$events" "$n_tsv"
cols=$("$bin" events --db "$db" --format gdelt | awk -F'\t' '{print NF}' | sort -u)
expect "gdelt columns" 61 "$cols"
"$bin" events --db "$db" --format csv | head -1 | grep -q '^id,doc,sentence,date,' ||
    fail "csv header"

# --- events: filters ---
tsv() { "$bin" events --db "$db" --format tsv "$@" | tail -n +2; }
tsv --source IRN --target IRQ | awk -F'\t' '$5 !~ /^IRN/ || $7 !~ /^IRQ/ {bad=1} END {exit bad}' ||
    fail "--source IRN --target IRQ gave another dyad"
one=$(tsv --source IRN --target IRQ | wc -l)
both=$(tsv --source IRN --target IRQ --both-directions | wc -l)
back=$(tsv --source IRQ --target IRN | wc -l)
[ "$one" -gt 0 ] || fail "no IRN->IRQ events"
expect "--both-directions is the sum" $((one + back)) "$both"
either=$(tsv --actor TUR | awk -F'\t' '$5 ~ /^TUR/ || $7 ~ /^TUR/' | wc -l)
[ "$either" -gt 0 ] && expect "--actor TUR on either side" "$either" "$(tsv --actor TUR | wc -l)"
tsv --root 4 | awk -F'\t' '$10 != "04" {bad=1} END {exit bad}' || fail "--root 4"
tsv --code 04 | awk -F'\t' '$9 !~ /^04/ {bad=1} END {exit bad}' || fail "--code 04"
tsv --quad 4 | awk -F'\t' '$11 != 4 {bad=1} END {exit bad}' || fail "--quad 4"
in2010=$(tsv --from 2010-01-01 --to 2010-12-31 | awk -F'\t' '$4 !~ /^2010-/' | wc -l)
expect "--from/--to keep 2010 only" 0 "$in2010"
[ "$(tsv --from 2010-01-01 --to 2010-12-31 | wc -l)" -gt 0 ] || fail "no 2010 events"
water=$(tsv --text water)
[ -n "$water" ] || fail "--text water found nothing"
echo "$water" | awk -F'\t' 'tolower($20) !~ /water/ {bad=1} END {exit bad}' ||
    fail "--text water gave a sentence without 'water'"
expect "--text with no match" 0 "$(tsv --text 'zzyzx-nowhere' | wc -l)"
expect "--text of punctuation is no error" 0 "$(tsv --text '"(*' | wc -l)"
outlet=$(tsv | awk -F'\t' '$18 != "" {print $18; exit}')
if [ -n "$outlet" ]; then
    tsv --outlet "$outlet" | awk -F'\t' -v o="$outlet" '$18 != o {bad=1} END {exit bad}' ||
        fail "--outlet"
fi
doc1=$("$bin" docs --db "$db" | awk -F'\t' 'NR == 2 {print $1}')
docev=$("$bin" docs --db "$db" | awk -F'\t' 'NR == 2 {print $6}')
expect "--doc gives the document's events" "$docev" "$(tsv --doc "$doc1" | wc -l)"
expect "--limit" 3 "$(tsv --limit 3 | wc -l)"
expect "--limit with --offset" "$(tsv | sed -n 4,5p)" "$(tsv --limit 2 --offset 3)"
"$bin" events --db "$db" --quad 9 >/dev/null 2>&1 && fail "--quad 9 accepted"
"$bin" events --db "$db" --from 2010-13-45 >/dev/null 2>&1 && fail "a bad date accepted"

# --- merging: reports of one act by two outlets, and the same act later ---
cat > "$tmp/m.jsonl" <<'EOF'
{"id":"m1","date":"2024-01-10","outlet":"Wire A","text":"Iran's foreign minister visited Baghdad on Wednesday."}
{"id":"m2","date":"2024-01-11","outlet":"Paper B","text":"Iran's foreign minister visited Baghdad. The visit was his first."}
{"id":"m3","date":"2024-02-20","outlet":"Wire A","text":"Iran's foreign minister visited Baghdad again."}
EOF
"$bin" ingest -q --db "$db" "$tmp/m.jsonl" || fail "ingest m.jsonl"
mf=(--from 2024-01-01 --source IRN --target IRQ --code 042)
expect "unmerged reports" 3 "$("$bin" events --db "$db" "${mf[@]}" | wc -l)"
expect "merged by story" 3 "$("$bin" events --db "$db" "${mf[@]}" --merge story | wc -l)"
expect "merged by day" 3 "$("$bin" events --db "$db" "${mf[@]}" --merge day | wc -l)"
cl=$("$bin" events --db "$db" "${mf[@]}" --merge cluster --format tsv)
expect "clusters" 2 "$(echo "$cl" | tail -n +2 | wc -l)"
echo "$cl" | head -1 | grep -q 'num_mentions	num_sources	num_articles	reports$' ||
    fail "merged tsv header"
expect "first cluster" "2	2	2	m1,m2" "$(echo "$cl" | sed -n 2p | cut -f21-24)"
g=$("$bin" events --db "$db" "${mf[@]}" --merge cluster --format gdelt | head -1 |
    cut -f32-34)
expect "GDELT NumMentions, NumSources, NumArticles" "2	2	2" "$g"
expect "a narrower window" 3 \
    "$("$bin" events --db "$db" "${mf[@]}" --merge cluster --window 0 | wc -l)"

# --- actors, docs ---
"$bin" actors --db "$db" | grep -q '^IRQGOV	' || fail "actors lacks IRQGOV"
expect "actors with a prefix" 0 "$("$bin" actors --db "$db" IRQ | tail -n +2 | grep -vc '^IRQ')"
"$bin" docs --db "$db" --doc "$doc1" --full | grep -qi 'tehran' || fail "docs --full"

# --- series ---
s=$("$bin" series --db "$db" --source IRN --target IRQ --both-directions --by month --csv)
expect "series header" "period,events" "$(echo "$s" | head -1)"
first=$(echo "$s" | sed -n 2p | cut -d, -f1) last=$(echo "$s" | tail -1 | cut -d, -f1)
expect "series starts" 2008-03 "$first"
expect "series ends" 2024-02 "$last"
# every month from the first to the last, none twice
expect "months filled" $(( (2024 - 2008) * 12 + 2 - 3 + 1 )) "$(echo "$s" | tail -n +2 | wc -l)"
sum=$(echo "$s" | tail -n +2 | awk -F, '{t += $2} END {print t}')
expect "series total" "$both" "$((sum - 6))"   # the merge test's 042 and 043 events
expect "an empty month" "2008-04,0" "$(echo "$s" | sed -n 3p)"
q=$("$bin" series --db "$db" --source IRN --target IRQ --by year --measure quad --csv)
echo "$q" | head -1 | grep -q '^period,verbal_cooperation,material_cooperation,verbal_conflict,material_conflict$' ||
    fail "quad header"
gs=$("$bin" series --db "$db" --source IRN --target IRQ --by week --measure goldstein --csv \
     --from 2024-01-01 --to 2024-01-31)
expect "weeks of January 2024" 5 "$(echo "$gs" | tail -n +2 | wc -l)"
expect "a week starts on its Monday" "2024-01-08,2,1.90" "$(echo "$gs" | sed -n 3p)"
expect "a week without events" "2024-01-15,0," "$(echo "$gs" | sed -n 4p)"
"$bin" series --db "$db" --source IRN --target IRQ --plot "$tmp/s.svg" >/dev/null ||
    fail "series --plot svg"
grep -q '<svg' "$tmp/s.svg" 2>/dev/null || fail "no SVG chart"
"$bin" series --db "$db" --source IRN --target IRQ --measure quad --plot "$tmp/s.png" >/dev/null ||
    fail "series --plot png"
[ "$(head -c 4 "$tmp/s.png" 2>/dev/null | tail -c 3)" = PNG ] || fail "no PNG chart"
"$bin" series --db "$db" --by fortnight >/dev/null 2>&1 && fail "--by fortnight accepted"

# --- recode: a new dictionary set recodes every document, once ---
printf 'ZZQ_NOWHERELAND [ZZQ]\n' > "$tmp/extra.actors.txt"
out=$("$bin" recode --db "$db" --no-cache --actors "$tmp/extra.actors.txt" 2>&1) || fail "recode exit"
echo "$out" | grep -q 'recode: 8 of 8 ' || fail "recode did not redo all: $out"
out=$("$bin" recode --db "$db" --no-cache --actors "$tmp/extra.actors.txt" 2>&1)
echo "$out" | grep -q 'recode: 0 of 8 ' || fail "a second recode redid work: $out"
"$bin" recode -q --db "$db" || fail "recode back to the built-in set"
expect "events after recoding back" "$((events + 6))" "$(count_of events)"

if [ $fails -gt 0 ]; then
    echo "store: $fails failure(s) (database: $db)"
    exit 1
fi
echo "store: ingest, events, merging, actors, docs, series and recode pass on ${DYAD_TEST_DB:-SQLite}"
