#!/usr/bin/env bash
# Crash safety of dyad ingest: an ingest of many documents, committed in
# small batches, is killed with SIGKILL at random moments, again and again;
# then a rerun completes it. The database must then hold exactly what one
# uninterrupted ingest stores: every document once, the same events.
# The documents are the example reports, each made unique by a sentence.
set -u
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in"
n=0
for k in $(seq 1 120); do
    for f in "$src"/examples/reports/*.txt; do
        n=$((n + 1))
        # a sentence of the article (not of its clutter) made unique
        awk -v k="$k" '!done && length($0) > 150 {$0 = $0 " Copy " k " was filed."; done = 1} 1' \
            "$f" > "$tmp/in/r$(printf %05d $n).txt"
    done
done
"$bin" ingest -q --batch 8 --db "$tmp/clean.db" "$tmp/in" || { echo "store_kill: clean ingest failed"; exit 1; }
want_docs=$("$bin" docs --db "$tmp/clean.db" --stats | awk '$1 == "documents" {print $2}')
# (a report whose long lines are all clutter stays a duplicate: stored once)
[ "$want_docs" -ge 400 ] || { echo "store_kill: clean ingest stored $want_docs of $n"; exit 1; }

db=$tmp/killed.db
kills=0
RANDOM=6                      # the same moments on every run
for round in $(seq 1 8); do
    "$bin" ingest -q --batch 8 --db "$db" "$tmp/in" 2>/dev/null &
    pid=$!
    sleep "0.$(printf %03d $((RANDOM % 400 + 20)))"
    if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
    wait "$pid" 2>/dev/null
    # between crashes the database must open and hold whole documents only
    # (killed before its schema was committed, the file holds none yet)
    if [ -e "$db" ] && ! msg=$("$bin" docs --db "$db" --stats 2>&1 >/dev/null) &&
       ! echo "$msg" | grep -q 'holds no dyad database yet'; then
        echo "store_kill: database unreadable after kill $round: $msg"
        exit 1
    fi
done
"$bin" ingest -q --batch 8 --db "$db" "$tmp/in" || { echo "store_kill: rerun failed"; exit 1; }
for what in documents sentences events; do
    a=$("$bin" docs --db "$tmp/clean.db" --stats | awk -v k=$what '$1 == k {print $2}')
    b=$("$bin" docs --db "$db" --stats | awk -v k=$what '$1 == k {print $2}')
    [ "$a" = "$b" ] || { echo "store_kill: $what: $b after $kills kills, $a in one run"; exit 1; }
done
# the same events (the record ids name document, sentence and event)
"$bin" events --db "$tmp/clean.db" --format tsv | cut -f1,5,7,9 | sort > "$tmp/a"
"$bin" events --db "$db" --format tsv | cut -f1,5,7,9 | sort > "$tmp/b"
cmp -s "$tmp/a" "$tmp/b" || { echo "store_kill: events differ"; diff "$tmp/a" "$tmp/b" | head; exit 1; }
dups=$("$bin" docs --db "$db" | tail -n +2 | cut -f2 | sort | uniq -d | wc -l)
[ "$dups" = 0 ] || { echo "store_kill: $dups documents stored twice"; exit 1; }
echo "store_kill: $kills kill -9s mid-ingest, then a rerun: $want_docs documents once, the same events as one clean run"
