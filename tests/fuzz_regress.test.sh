#!/usr/bin/env bash
# Replays tests/fuzz_regressions/*: inputs that once crashed or hung dyad
# under the fuzzers (fuzz/). Each is coded by `dyad code` as a .txt, a
# .jsonl and an .html file, and loaded as a dictionary of each kind while coding a fixed
# sentence. Exit status 0 or 1 is fine; a signal, a sanitizer report or a
# run over 120 s fails the test.
set -u
dyad=$1 src=$2
dir=$src/tests/fuzz_regressions
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-fuzz-regress.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
printf 'Iran accused Iraq of supporting rebels.\n' >"$tmp/sentence.txt"

fails=0 n=0
# try LABEL ARGS...: run dyad code with ARGS; report a crash or a hang.
try() {
    local label=$1
    shift
    timeout 120 "$dyad" code --no-cache "$@" >/dev/null 2>"$tmp/err" </dev/null
    local rc=$?
    local why=
    if [ "$rc" -eq 124 ]; then why="hung (killed after 120 s)"
    elif [ "$rc" -ge 128 ]; then why="crashed (exit status $rc)"
    elif grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$tmp/err"; then
        why="sanitizer report"
    fi
    if [ -n "$why" ]; then
        echo "FAIL $label: $why"
        grep -m3 -E 'ERROR|runtime error:|#[0-3] ' "$tmp/err" | sed 's/^/     /'
        fails=$((fails + 1))
    fi
}

for f in "$dir"/*; do
    [ -f "$f" ] || continue
    name=$(basename "$f")
    [ "$name" = README ] && continue
    n=$((n + 1))
    before=$fails
    cp "$f" "$tmp/case.txt"
    cp "$f" "$tmp/case.jsonl"
    cp "$f" "$tmp/case.html"
    try "$name as text" "$tmp/case.txt"
    try "$name as jsonl" "$tmp/case.jsonl"
    try "$name as html" "$tmp/case.html"
    for kind in actors agents verbs discards issues; do
        try "$name as --$kind" "--$kind" "$tmp/case.txt" "$tmp/sentence.txt"
    done
    [ "$fails" -eq "$before" ] && echo "PASS $name"
done
if [ "$n" -eq 0 ]; then
    echo "SKIPPED: no regression inputs in $dir"
    exit 77
fi
[ "$fails" -eq 0 ] || { echo "$fails run(s) failed"; exit 1; }
echo "all $n regression input(s) pass"
