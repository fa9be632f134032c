#!/usr/bin/env bash
# The PostgreSQL backend of the event store (store/pg.c) against a private
# server: initdb and pg_ctl in a temporary directory, listening only on a
# unix socket there, stopped on any exit. Runs the shared store test
# (tests/store.test.sh) with DYAD_TEST_DB naming the server, then what only
# a server has: connection messages (password masked), a database of
# another program or of a newer dyad refused with nothing written, reading
# creating nothing, ingest twice storing once, two first ingests at once,
# COPY rows with tabs, backslashes and newlines, and every read command
# answering as it does over SQLite. Skips (77) without PostgreSQL's server
# programs.
set -u
dyad=$1 src=$2
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "SKIPPED: no PostgreSQL server programs (/usr/lib/postgresql/*/bin/initdb)"
    exit 77
fi
command -v python3 >/dev/null || { echo "SKIPPED: python3 missing"; exit 77; }
as_pg=()
if [ "$(id -u)" = 0 ]; then         # the server refuses to run as root
    if ! id postgres >/dev/null 2>&1; then
        echo "SKIPPED: running as root and there is no postgres user"
        exit 77
    fi
    as_pg=(runuser -u postgres --)
fi
tmp=$(mktemp -d /tmp/dyad-pg.XXXXXX) || exit 1   # short: the socket's path
data=$tmp/data
pgrun() { ${as_pg[@]+"${as_pg[@]}"} "$@"; }
cleanup() {
    [ -f "$data/postmaster.pid" ] &&
        pgrun "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
[ ${#as_pg[@]} -gt 0 ] && chown postgres "$tmp"

if ! pgrun "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C \
        >"$tmp/initdb.log" 2>&1; then
    echo "store_pg: initdb failed:"; cat "$tmp/initdb.log"; exit 1
fi
# a role whose password is checked, for the bad-password message
{ echo "local all dyadpw scram-sha-256"; cat "$data/pg_hba.conf"; } >"$tmp/hba"
cat "$tmp/hba" >"$data/pg_hba.conf"
port=$((20000 + RANDOM % 30000))
if ! pgrun "$bindir/pg_ctl" -D "$data" -l "$tmp/server.log" -w -t 60 \
        -o "-c listen_addresses='' -k $tmp -p $port -c fsync=off" start >/dev/null; then
    echo "store_pg: the server did not start:"; cat "$tmp/server.log"; exit 1
fi

sql() {   # sql DB STATEMENT: rows unaligned, no headers
    "$bindir/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$tmp" -p "$port" -U postgres \
        -d "$1" -c "$2"
}
uri() { echo "postgresql:///$1?host=$tmp&port=$port&user=postgres"; }
for db in dyadtest fresh twice other newer otherapp race esc; do
    sql postgres "CREATE DATABASE $db" || exit 1
done
sql postgres "CREATE ROLE dyadpw LOGIN PASSWORD 'Zq7right'" || exit 1

bad=0
fail() { echo "store_pg: $*"; bad=$((bad + 1)); }
# expect_error WHAT PATTERN... -- COMMAND: fails, stderr has every pattern
expect_error() {
    local what=$1; shift
    local pats=()
    while [ "$1" != -- ]; do pats+=("$1"); shift; done
    shift
    if "$@" >"$tmp/out" 2>"$tmp/err"; then
        fail "$what: succeeded"
        return
    fi
    grep -qE "Sanitizer|runtime error:" "$tmp/err" &&
        fail "$what: $(grep -E -m 3 "Sanitizer|runtime error:|#[0-3] " "$tmp/err")"
    for p in "${pats[@]}"; do
        grep -qF -- "$p" "$tmp/err" || fail "$what: no '$p' in: $(cat "$tmp/err")"
    done
}
tables() { sql "$1" "SELECT string_agg(tablename, ' ' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'"; }

# ---- the shared store test, over PostgreSQL
if [ -f "$src/tests/store.test.sh" ]; then
    DYAD_TEST_DB=$(uri dyadtest) bash "$src/tests/store.test.sh" "$@"
    rc=$?
    [ $rc = 0 ] || [ $rc = 77 ] || fail "tests/store.test.sh over PostgreSQL failed ($rc)"
fi

# ---- connecting
expect_error "no server at the address" "$(uri dyadtest | sed "s/port=$port/port=1/")" \
    "cannot connect" "No such file or directory" -- \
    "$dyad" events --db "$(uri dyadtest | sed "s/port=$port/port=1/")"
expect_error "refused connection" "postgresql://dyad:***@127.0.0.1:1/x" \
    "Connection refused" -- "$dyad" events --db "postgresql://dyad:Zq7secret@127.0.0.1:1/x"
grep -q Zq7secret "$tmp/err" && fail "the password is in the message: $(cat "$tmp/err")"
expect_error "bad password" "postgresql://dyadpw:***@/fresh" \
    "password authentication failed" -- \
    "$dyad" ingest --db "postgresql://dyadpw:Zq7secret@/fresh?host=$tmp&port=$port" \
    "$src/examples/reports"
grep -q Zq7secret "$tmp/err" && fail "the password is in the message: $(cat "$tmp/err")"
expect_error "bad password parameter" "password=***" "password authentication failed" -- \
    "$dyad" events --db "postgresql:///fresh?host=$tmp&port=$port&user=dyadpw&password=Zq7secret"
grep -q Zq7secret "$tmp/err" && fail "the password is in the message: $(cat "$tmp/err")"
expect_error "no such database" "does not exist" -- "$dyad" events --db "$(uri nosuchdb)"

# ---- reading an empty database creates nothing
expect_error "reading an empty database" "run dyad ingest first" -- \
    "$dyad" events --db "$(uri fresh)"
[ -z "$(tables fresh)" ] || fail "reading created tables: $(tables fresh)"

# ---- a database of another program, of another application, of a newer dyad
sql other "CREATE TABLE accounts (id int)"
expect_error "ingest into another program's database" "not a dyad database" \
    "nothing was written" -- "$dyad" ingest --db "$(uri other)" "$src/examples/reports"
expect_error "reading another program's database" "not a dyad database" -- \
    "$dyad" docs --db "$(uri other)"
[ "$(tables other)" = accounts ] || fail "another program's database changed: $(tables other)"

"$dyad" ingest -q --db "$(uri otherapp)" "$src/examples/reports/01_iraq_fm_visits_tehran.txt" ||
    fail "ingest into an empty database failed"
sql otherapp "UPDATE dyad_meta SET value = 'other' WHERE key = 'application'"
expect_error "a dyad_meta of another application" "not a dyad database" -- \
    "$dyad" ingest --db "$(uri otherapp)" "$src/examples/reports"

"$dyad" ingest -q --db "$(uri newer)" "$src/examples/reports/01_iraq_fm_visits_tehran.txt" ||
    fail "ingest into an empty database failed"
[ "$(sql newer "SELECT value FROM dyad_meta WHERE key = 'application'")" = dyad ] ||
    fail "dyad_meta has no application 'dyad'"
sql newer "UPDATE dyad_meta SET value = '999' WHERE key = 'schema_version'"
expect_error "ingest into a newer schema" "schema version 999, newer" -- \
    "$dyad" ingest --db "$(uri newer)" "$src/examples/reports"
expect_error "reading a newer schema" "schema version 999, newer" -- \
    "$dyad" events --db "$(uri newer)"
[ "$(sql newer "SELECT count(*) FROM docs")" = 1 ] || fail "a newer database was written to"

# ---- ingest twice stores once; every read agrees with SQLite
lite=$tmp/lite.db
"$dyad" ingest -q --db "$lite" "$src/examples/reports" || fail "ingest into SQLite failed"
"$dyad" ingest --db "$(uri twice)" --batch 2 "$src/examples/reports" 2>"$tmp/err" ||
    fail "ingest failed: $(cat "$tmp/err")"
"$dyad" docs --stats --db "$(uri twice)" >"$tmp/once"
"$dyad" ingest --db "$(uri twice)" "$src/examples/reports" 2>"$tmp/err" ||
    fail "second ingest failed: $(cat "$tmp/err")"
grep -q "0 documents stored (0 sentences, 0 events), 5 already stored, into postgresql" \
    "$tmp/err" || fail "second ingest: $(cat "$tmp/err")"
"$dyad" docs --stats --db "$(uri twice)" | cmp -s - "$tmp/once" ||
    fail "a second ingest changed the counts"
same() {   # same SQLITE DB ARGS...: the output over PostgreSQL is SQLite's
    local lite=$1 db=$2; shift 2
    "$dyad" "$@" --db "$lite" >"$tmp/lite.out" 2>&1
    "$dyad" "$@" --db "$(uri "$db")" >"$tmp/pg.out" 2>&1
    cmp -s "$tmp/lite.out" "$tmp/pg.out" ||
        fail "dyad $* differs from SQLite's: $(diff "$tmp/lite.out" "$tmp/pg.out" | head -5)"
}
for args in "events" "events --format tsv" "events --format gdelt" \
        "events --merge cluster" "events --merge day" "events --source IRN" \
        "events --actor IRQ --both-directions" "events --code 04 --quad 1" \
        "events --root 11 --limit 2 --offset 1" "events --place IRN" \
        "events --from 2000-01-01 --to 2030-12-31" "events --doc 2" \
        "events --text Iraq" "actors" "actors IR" "actors --limit 3" "docs" \
        "docs --full" "docs --doc 3" "docs --stats" "series" "series --by month"; do
    # shellcheck disable=SC2086
    same "$lite" twice $args
done

# ---- recode: every document coded again, the same result as SQLite's
"$dyad" recode -q --literal --db "$lite" || fail "recode over SQLite failed"
"$dyad" recode --literal --batch 2 --db "$(uri twice)" 2>"$tmp/err" ||
    fail "recode failed: $(cat "$tmp/err")"
grep -q "5 of 5 stored documents recoded" "$tmp/err" || fail "recode: $(cat "$tmp/err")"
for args in "events" "docs" "docs --stats" "actors" "series"; do
    # shellcheck disable=SC2086
    same "$lite" twice $args
done

# ---- two first ingests at once: one creates the schema, the other waits
"$dyad" ingest -q --db "$(uri race)" "$src/examples/reports/01_iraq_fm_visits_tehran.txt" &
one=$!
"$dyad" ingest -q --db "$(uri race)" "$src/examples/reports/02_turkey_iraq_water_border.txt" &
two=$!
wait $one || fail "the first of two concurrent ingests failed"
wait $two || fail "the second of two concurrent ingests failed"
[ "$(sql race "SELECT count(*) FROM docs")" = 2 ] || fail "concurrent ingests: not 2 documents"

# ---- COPY rows: tabs, backslashes, "\N", CR and LF in keys, titles, text
printf '%s\n' \
    '{"id":"tab\tkey\\1","date":"2005-03-01","title":"A\ttitle \\N with\\\\slashes","text":"Iran condemned\tthe United States on Monday over the raid at C:\\\\data\\\\x.\r\nIraq accused\nIran of\\\\backing rebels, the report said.\n\nThe United States praised Britain.\\\\N is not null.\r\n"}' \
    '{"id":"plain","date":"2005-03-02","text":"Egypt welcomed the ceasefire in Gaza on Tuesday.\n"}' \
    >"$tmp/esc.jsonl"
"$dyad" ingest -q --batch 1 --db "$tmp/esc.db" "$tmp/esc.jsonl" || fail "ingest (SQLite) of escapes failed"
"$dyad" ingest -q --db "$(uri esc)" "$tmp/esc.jsonl" || fail "ingest of escapes failed"
"$dyad" code --input jsonl "$tmp/esc.jsonl" >"$tmp/coded.jsonl"
"$dyad" events --format jsonl --db "$(uri esc)" >"$tmp/stored.jsonl"
python3 - "$tmp/coded.jsonl" "$tmp/stored.jsonl" <<'PY' || fail "COPY escapes did not round-trip"
import json, sys
coded = [json.loads(l) for l in open(sys.argv[1])]
stored = [json.loads(l) for l in open(sys.argv[2])]
want = [(e["id"], e["sentence_text"]) for e in coded]
got = [(e["id"], e["sentence_text"]) for e in stored]
if sorted(want) != sorted(got):
    print("coded :", want)
    print("stored:", got)
    sys.exit(1)
texts = "".join(t for _, t in got)
for c in ("\t", "\\\\", "\\\\N"):
    if c not in texts:
        print("no %r in the stored sentences" % c)
        sys.exit(1)
PY
same "$tmp/esc.db" esc events --format jsonl
same "$tmp/esc.db" esc docs --full    # the text, CR and LF included
same "$tmp/esc.db" esc docs           # keys and titles

if [ $bad -gt 0 ]; then
    echo "store_pg: $bad failure(s)"
    exit 1
fi
echo "store_pg: all checks passed"
