#!/usr/bin/env bash
# Bad input to `dyad code`: invalid UTF-8, NUL bytes, 100 MB lines, empty and
# binary files, a broken gzip file, HTML among text, malformed JSONL lines, malformed dictionary lines and a
# directory mixing good and bad files, each made in a temp dir. Contract: a
# message on stderr naming file (and line), the rest still coded, exit status
# non-zero when anything was rejected, no crash, nothing dropped silently.
set -u
dyad=$1 src=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-bad-input.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

failures=0
why=()
rc=0

# run NAME ARGS... : dyad code (no cache) with stdout in $tmp/NAME.out,
# stderr in $tmp/NAME.err and the exit status in $rc.
run() {
    local name=$1
    shift
    "$dyad" code --no-cache "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" </dev/null
    rc=$?
}

# need REASON COMMAND... : record REASON as a failure unless COMMAND succeeds.
need() {
    local msg=$1
    shift
    "$@" || why+=("$msg")
}

finish() {
    if ((${#why[@]})); then
        local r
        printf 'FAIL %s:\n' "$1"
        for r in "${why[@]}"; do printf '     - %s\n' "$r"; done
        failures=$((failures + 1))
    else
        printf 'PASS %s\n' "$1"
    fi
    why=()
}

# no_crash NAME: exit status not from a signal, no sanitizer report.
no_crash() {
    local name=$1
    if ((rc >= 128)); then
        why+=("dyad crashed (exit status $rc)")
    elif grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$tmp/$name.err"; then
        why+=("sanitizer report on stderr: $(grep -m1 -E 'Sanitizer|runtime error:' "$tmp/$name.err")")
    fi
}

# coded NAME DOC SRC TGT: an event of document DOC from SRC to TGT.
coded() {
    grep -F "\"doc\":\"$2\"" "$tmp/$1.out" |
        grep -F "\"source\":{\"code\":\"$3\"" |
        grep -qF "\"target\":{\"code\":\"$4\""
}
need_coded() {
    need "document '$2' not coded (expected an event $3 -> $4)" coded "$@"
}
# absent TEXT FILE: FILE does not contain the bytes TEXT.
absent() { ! LC_ALL=C grep -qF -- "$1" "$2"; }
need_not_coded() {
    need "events came out of rejected document '$2'" \
        absent "\"doc\":\"$2\"" "$tmp/$1.out"
}

# msg NAME TEXT [REGEX]: stderr has a line containing TEXT (and matching
# REGEX, case-insensitive, when given).
msg() {
    if [ $# -ge 3 ]; then
        grep -F -- "$2" "$tmp/$1.err" | grep -qiE -- "$3"
    else
        grep -qF -- "$2" "$tmp/$1.err"
    fi
}
# need_msg NAME TEXT [REGEX] -- ARGS...: like msg; on failure, rerun dyad with
# --verbose on ARGS to say whether the message exists but is hidden.
need_msg() {
    local name=$1 text=$2 re=
    shift 2
    if [ "$1" != -- ]; then re=$1; shift; fi
    shift
    if msg "$name" "$text" ${re:+"$re"}; then return 0; fi
    local hint=""
    "$dyad" code --no-cache --verbose "$@" >/dev/null 2>"$tmp/$name.verbose.err" </dev/null
    if msg "$name.verbose" "$text" ${re:+"$re"}; then
        hint=" (it is printed only with --verbose: $(grep -m1 -F -- "$text" "$tmp/$name.verbose.err"))"
    fi
    why+=("no message naming '$text'${re:+ matching /$re/} on stderr$hint")
}

need_rc() {   # need_rc WANT: exact exit status
    need "exit status $rc, expected $1" test "$rc" -eq "$1"
}
need_rc_nonzero() {
    need "exit status 0 although input was rejected" test "$rc" -ne 0
}

good() {   # good FILE SENTENCE: a one-sentence text document
    printf '%s\n' "$2" >"$1"
}

# ---------------------------------------------------------------- cases

case_invalid_utf8() {
    local f=$tmp/utf8.txt
    # mostly UTF-8 (the é of Café is) with two stray bytes: those become
    # U+FFFD; a file whose high bytes are all single is read as
    # Windows-1252 instead (h_latin1 in the directory case)
    printf 'The statement came on Monday.\nIran accused Iraq of supporting rebels \xff\xfe in Caf\xc3\xa9 Central.\n' >"$f"
    run utf8 "$f"
    no_crash utf8
    need_coded utf8 utf8 IRN IRQ
    need "invalid bytes not replaced by U+FFFD in the coded sentence" \
        grep -qF $'\xef\xbf\xbd' "$tmp/utf8.out"
    need "raw invalid bytes leaked into the output" \
        absent $'\xff' "$tmp/utf8.out"
    need_msg utf8 "utf8.txt:2:" 'utf-?8' -- "$f"
    finish "invalid UTF-8 in a text document"
}

case_nul() {
    local f=$tmp/nul.txt
    {
        printf 'BAGHDAD, March 3 - Officials spoke to reporters on Monday.\n'
        printf 'The talks lasted for several hours and ended without a statement.\n'
        printf 'Iran accused Iraq of supporting \0rebels in the border provinces.\n'
        printf 'Both governments are expected to meet again next month in Geneva.\n'
    } >"$f"
    run nul "$f"
    no_crash nul
    need_coded nul nul IRN IRQ
    need "NUL byte leaked into the output" absent '\u0000' "$tmp/nul.out"
    need_msg nul "nul.txt:3:" 'nul' -- "$f"
    finish "NUL byte inside a text document"
}

case_nul_short() {
    # A one-sentence document with one NUL is still text, not binary data.
    local f=$tmp/short.txt
    printf 'Iraq accused Iran of supporting\0 rebels.\n' >"$f"
    run short "$f"
    no_crash short
    need_coded short short IRQ IRN
    if ! coded short short IRQ IRN && msg short "short.txt" 'binary'; then
        why+=("rejected as binary: $(grep -m1 -F short.txt "$tmp/short.err")")
    fi
    need_msg short "short.txt:1:" 'nul' -- "$f"
    finish "NUL byte inside a short (one-sentence) text document"
}

case_huge_text() {
    local f=$tmp/big.txt
    yes 'Iran accused Iraq of supporting rebels.' | tr '\n' ' ' |
        head -c 100000000 >"$f"
    good "$tmp/after.txt" "Egypt accused Israel of supporting rebels."
    run hugetext "$f" "$tmp/after.txt"
    no_crash hugetext
    need_rc_nonzero
    need_msg hugetext "big.txt" -- "$f"
    need_not_coded hugetext big
    need_coded hugetext after EGY ISR
    rm -f "$f"
    finish "100 MB single-line text file"
}

case_huge_jsonl() {
    local f=$tmp/big.jsonl
    {
        printf '{"id":"before","text":"Iran accused Iraq of supporting rebels."}\n'
        printf '{"id":"huge","text":"'
        yes 'Syria accused Turkey of supporting rebels.' | tr '\n' ' ' |
            head -c 100000000
        printf '"}\n'
        printf '{"id":"after","text":"Egypt accused Israel of supporting rebels."}\n'
    } >"$f"
    run hugejsonl "$f"
    no_crash hugejsonl
    need_rc_nonzero
    need_msg hugejsonl "big.jsonl:2:" -- "$f"
    need_not_coded hugejsonl huge
    need_coded hugejsonl before IRN IRQ
    need_coded hugejsonl after EGY ISR
    rm -f "$f"
    finish "100 MB line in a JSONL file"
}

case_empty() {
    : >"$tmp/empty.txt"
    good "$tmp/good.txt" "Iran accused Iraq of supporting rebels."
    run empty "$tmp/empty.txt" "$tmp/good.txt"
    no_crash empty
    need_msg empty "empty.txt" -- "$tmp/empty.txt" "$tmp/good.txt"
    need_coded empty good IRN IRQ
    finish "empty file"
}

case_binary() {
    python3 -c 'import random, sys
random.seed(20240601)
sys.stdout.buffer.write(bytes(random.getrandbits(8) for _ in range(65536)))' \
        >"$tmp/noise.txt" || { why+=("python3 failed"); finish "binary files"; return; }
    gzip -n -c "$src/examples/reports/01_iraq_fm_visits_tehran.txt" >"$tmp/report.txt.gz"
    good "$tmp/good2.txt" "Syria accused Turkey of supporting rebels."
    head -c 300 "$tmp/report.txt.gz" >"$tmp/broken.txt.gz"    # cut short
    run binary "$tmp/noise.txt" "$tmp/report.txt.gz" "$tmp/broken.txt.gz" "$tmp/good2.txt"
    no_crash binary
    need_rc_nonzero
    need_msg binary "noise.txt" -- "$tmp/noise.txt"
    need_msg binary "broken.txt.gz" -- "$tmp/broken.txt.gz"
    need_not_coded binary noise
    need_coded binary report IRQ IRN           # gzip is read through zlib
    need_coded binary good2 SYR TUR
    finish "binary files (random bytes, gzip, a broken gzip)"
}

case_bad_jsonl() {
    local f=$tmp/docs.jsonl
    {
        printf '{"id":"a","text":"Iran accused Iraq of supporting rebels."}\n'
        printf '{"id":"bad","text":"Iran accused Iraq\n'
        printf '{"id":"b","text":"Syria accused Turkey of supporting rebels."}\n'
        printf '[1,2,3]\n'
        printf '{"id":"c","txt":"Russia accused Ukraine of supporting rebels."}\n'
        printf '{"id":"d","text":"Egypt accused Israel of supporting rebels."}\n'
        printf '{"id":"e","text":"Jordan accused Syria'   # truncated, no newline
    } >"$f"
    run badjsonl "$f"
    no_crash badjsonl
    need_rc 1
    local l
    for l in 2 4 5 7; do need_msg badjsonl "docs.jsonl:$l:" -- "$f"; done
    need_coded badjsonl a IRN IRQ
    need_coded badjsonl b SYR TUR
    need_coded badjsonl d EGY ISR
    finish "malformed JSONL lines among good ones"
}

case_bad_actors() {
    local f=$tmp/bad.actors.txt
    cat >"$f" <<'EOF'
+IRANIAN
IRAN [IRN]
+ [IRQ]
+
FOOLAND
	[FOOGOV 2005x0101-20131301]
	[FOOELI]
EGYPT [EGY]
ISRAEL [ISR]
EOF
    printf 'Egypt accused Israel of supporting rebels.\nIran accused Egypt of supporting rebels.\n' \
        >"$tmp/actors_doc.txt"
    run badactors --actors "$f" "$tmp/actors_doc.txt"
    no_crash badactors
    need_rc 1
    need_msg badactors "bad.actors.txt:1:" -- --actors "$f" "$tmp/actors_doc.txt"
    need_msg badactors "bad.actors.txt:3:" -- --actors "$f" "$tmp/actors_doc.txt"
    need_msg badactors "bad.actors.txt:4:" -- --actors "$f" "$tmp/actors_doc.txt"
    need_msg badactors "bad.actors.txt:6:" 'date' -- --actors "$f" "$tmp/actors_doc.txt"
    need_coded badactors actors_doc EGY ISR
    need_coded badactors actors_doc IRN EGY
    finish "malformed actor dictionary lines"
}

case_bad_verbs() {
    local f=$tmp/bad.verbs.txt
    cat >"$f" <<'EOF'
--- ACCUSE [112] ---
ACCUSE
- * OF { KILLING | ATTACKING [1123]
- OF &CRIME [1121]
- * + OF SPYING [1121]

--- MEET [031] ---
MEET {MEETS MET MEETING}
- * WITH + [031]
EOF
    printf 'Iran accused Iraq of spying.\nEgypt met with Israel.\n' >"$tmp/verbs_doc.txt"
    run badverbs --verbs "$f" "$tmp/verbs_doc.txt"
    no_crash badverbs
    need_rc 1
    need_msg badverbs "bad.verbs.txt:3:" 'brace|\{' -- --verbs "$f" "$tmp/verbs_doc.txt"
    need_msg badverbs "bad.verbs.txt:4:" '\*' -- --verbs "$f" "$tmp/verbs_doc.txt"
    need_coded badverbs verbs_doc IRN IRQ
    need_coded badverbs verbs_doc EGY ISR
    need "pattern after the bad ones not used (want 1121 for 'accused Iraq of spying')" \
        grep -qF '"cameo":"1121"' "$tmp/badverbs.out"
    finish "malformed verb dictionary lines"
}

case_mixed_dir() {
    local d=$tmp/mixed
    mkdir -p "$d/sub"
    good "$d/a_good.txt" "Iran accused Iraq of supporting rebels."
    {
        printf '{"id":"j1","text":"Egypt accused Israel of supporting rebels."}\n'
        printf '{"id":"j-bad","text":\n'
        printf '{"id":"j2","text":"Syria accused Turkey of supporting rebels."}\n'
    } >"$d/b_docs.jsonl"
    head -c 8192 "$tmp/noise.txt" >"$d/c_noise.bin" 2>/dev/null ||
        head -c 8192 /dev/urandom >"$d/c_noise.bin"
    : >"$d/d_empty.txt"
    yes 'Lebanon accused Israel of supporting rebels.' | tr '\n' ' ' |
        head -c 40000000 >"$d/e_big.txt"
    good "$d/sub/f_good.txt" "Russia accused Ukraine of supporting rebels."
    printf '<html><body><nav>Egypt accused Israel.</nav><p>Iran accused Iraq.</p></body></html>\n' |
        gzip >"$d/g_page.html.gz"
    printf 'Jordan accused Syria of supporting rebels in Caf\xe9 town.\n' >"$d/h_latin1.txt"
    run mixed "$d"
    no_crash mixed
    need_rc_nonzero
    need_coded mixed a_good IRN IRQ
    need_coded mixed j1 EGY ISR
    need_coded mixed j2 SYR TUR
    need_coded mixed f_good RUS UKR
    need_coded mixed h_latin1 JOR SYR
    need "the Latin-1 é of h_latin1 not read as é" grep -qF $'Caf\xc3\xa9' "$tmp/mixed.out"
    need_not_coded mixed e_big
    need_coded mixed g_page IRN IRQ
    need_msg mixed "b_docs.jsonl:2:" -- "$d"
    need_msg mixed "c_noise.bin" -- "$d"
    need_msg mixed "d_empty.txt" -- "$d"
    need_msg mixed "e_big.txt" -- "$d"
    need_msg mixed "h_latin1.txt:1:" -- "$d"
    rm -rf "$d"
    finish "directory mixing good and bad files"
}

# Encodings: a page declaring windows-1251, a text in UTF-16 (by its
# byte-order mark), a page declaring a charset nobody knows.
case_encodings() {
    local d=$tmp/enc
    mkdir -p "$d"
    printf '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body><p>Iran accused Iraq of supporting rebels in \xcc\xee\xf1\xea\xe2\xe0 on Monday.</p></body></html>\n' >"$d/a_cp1251.html"
    printf '\xff\xfeR\0u\0s\0s\0i\0a\0 \0a\0c\0c\0u\0s\0e\0d\0 \0U\0k\0r\0a\0i\0n\0e\0 \0o\0f\0 \0s\0u\0p\0p\0o\0r\0t\0i\0n\0g\0 \0r\0e\0b\0e\0l\0s\0.\0\n\0' >"$d/b_utf16.txt"
    printf '<html><head><meta charset="x-klingon"></head><body><p>Egypt accused Israel of supporting rebels in Caf\xe9 Riche.</p></body></html>\n' >"$d/c_unknown.html"
    run enc "$d"
    no_crash enc
    need_coded enc a_cp1251 IRN IRQ
    need "the windows-1251 word not read as Cyrillic" grep -qF 'Москва' "$tmp/enc.out"
    need_coded enc b_utf16 RUS UKR
    need_coded enc c_unknown EGY ISR
    need_msg enc "c_unknown.html:1:" 'x-klingon' -- "$d"
    rm -rf "$d"
    finish "declared and marked encodings"
}

case_invalid_utf8
case_nul
case_nul_short
case_huge_text
case_huge_jsonl
case_empty
case_binary
case_bad_jsonl
case_bad_actors
case_bad_verbs
case_mixed_dir
case_encodings

if ((failures)); then
    echo "$failures case(s) failed"
    exit 1
fi
echo "all cases passed"
exit 0
