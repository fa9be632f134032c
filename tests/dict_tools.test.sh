#!/usr/bin/env bash
# `dyad dict check` and `dyad dict lookup`: the built-in set checks clean
# (no errors); a small set written with known faults gets each one reported
# at its file and line; lookup shows the entry, its code on a date and where
# it comes from.
set -u
dyad=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-dict-tools.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# 1. the built-in dictionaries: no errors
if ! "$dyad" dict check >"$tmp/builtin.out" 2>&1; then
    bad "dict check of the built-in set exits non-zero:"
    grep -E ': error: ' "$tmp/builtin.out" | head -20
fi
grep -q '^dict check: 0 errors' "$tmp/builtin.out" || bad "no clean summary line"

# 2. a set with known faults (line numbers matter)
cat >"$tmp/t.actors.txt" <<'X'
# test actors
ARNOR [ARN]
+ARNORIAN
GONDOR [GON]
+ARNORIAN
ELROND
	[ARNGOV 20000101-20101231]
	[ARNMIL 20050101-20151231]
	[ARNELI]
ARAGORN
	[GONGOV 20000101-20201231]
	[GONMIL 20050101-20101231]
	[GONELI]
PIPPIN
	[GONGOV 20000101-20051231]
	[GONMIL 20060101-20101231]
	[GONLEG 20030101-20080101]
	[GONELI]
FARAMIR
	[GONMIL 20000101-20051231]
	[GONGOV 20051231-20101231]
	[GONELI]
X
cat >"$tmp/t.forms.txt" <<'X'
CONFER {CONFERS CONFERRED CONFERRING}
HOLD {HOLDS HELD_UP}
CONFER {CONFERRED}
X
cat >"$tmp/t.agents.txt" <<'X'
KING [~GOV]
STEWARD [~GOV]
KING [~MIL]
X
cat >"$tmp/t.verbs.txt" <<'X'
--- MEET [040] ---
MEET
- * WITH + [040]
- * WITH + [043]
--- CONFER [040] ---
CONFER
MEET
- * AGAINST + [1213]
--- HURT [180] ---
INJURED
SHRED
X
run_check() { "$dyad" dict check --actors "$tmp/t.actors.txt" --agents "$tmp/t.agents.txt" \
                  --verbs "$tmp/t.verbs.txt" --verb-forms "$tmp/t.forms.txt" >"$tmp/check.out" 2>&1; }
run_check
rc=$?
[ $rc -eq 1 ] || bad "dict check of the faulty set: exit $rc, want 1"
want() {      # want FILE:LINE REGEX
    grep -E "$1: (error|warning): " "$tmp/check.out" | grep -qE "$2" ||
        bad "no finding '$2' at $1"
}
want 't.actors.txt:5' "ARNORIAN' is listed again \(different codes, at .*t.actors.txt:3\)"
want 't.actors.txt:6' "ELROND': date rules .*ARNGOV 20000101-20101231.* and .*ARNMIL 20050101-20151231.* overlap"
want 't.actors.txt:10' "ARAGORN': date rule .*GONMIL 20050101-20101231.* can never apply"
want 't.actors.txt:14' "PIPPIN': date rule .*GONLEG 20030101-20080101.* can never apply"
grep -q "FARAMIR" "$tmp/check.out" && bad "a handover day reported as an overlap"
want 't.forms.txt:2' "verb form 'HELD_UP' of 'HOLD' is not one word"
want 't.forms.txt:3' "verb forms of 'CONFER' are listed again"
want 't.agents.txt:3' "KING' is listed again \(different codes"
want 't.verbs.txt:4' "pattern '.* WITH \+' of block 'MEET' is written twice \(different codes"
want 't.verbs.txt:7' "verb 'MEET' is listed again .*in another block"
want 't.verbs.txt:8' "'1213' is not a CAMEO event code"
grep -q '^dict check: [1-9][0-9]* errors' "$tmp/check.out" || bad "summary does not count errors"

# 3. lookup: the entry, the code on a date, file and line
lk() { "$dyad" dict lookup --actors "$tmp/t.actors.txt" --agents "$tmp/t.agents.txt" \
           --verbs "$tmp/t.verbs.txt" "$@" 2>/dev/null; }
out=$(lk --date 2003-06-01 "Elrond")
echo "$out" | grep -q "on 2003-06-01: ARNGOV, by the rule \[ARNGOV 20000101-20101231\]" ||
    bad "lookup Elrond 2003: $out"
echo "$out" | grep -q "t.actors.txt:6)" || bad "lookup names no file and line: $out"
out=$(lk --date 2013-06-01 "Elrond")
echo "$out" | grep -q "on 2013-06-01: ARNMIL" || bad "lookup Elrond 2013: $out"
out=$(lk --date 2030-01-01 "Elrond")
echo "$out" | grep -q "on 2030-01-01: ARNELI" || bad "lookup Elrond 2030: $out"
out=$(lk "the steward met Gondor")
echo "$out" | grep -q "agent   'steward' = STEWARD \[~GOV\]" || bad "lookup agent: $out"
echo "$out" | grep -q "verb    'met' = past form of MEET" || bad "lookup verb (WordNet form): $out"
lk "nothing here at all" >/dev/null && bad "lookup of unknown words exits 0"
# a past form listed as a verb's base (PETRARCH's "INJURED") is that past
# form, with no endings; a base the forms table knows ("SHRED") is a base
out=$(lk "injured")
echo "$out" | grep -q "verb    'injured' = past form of INJURED" || bad "lookup INJURED: $out"
out=$(lk "injureds")
echo "$out" | grep -q "verb " && bad "'injureds' made a form of INJURED: $out"
out=$(lk "shred shredded")
echo "$out" | grep -q "verb    'shred' = base form of SHRED" || bad "lookup SHRED: $out"
echo "$out" | grep -q "verb    'shredded' = past form of SHRED" || bad "lookup shredded: $out"

[ $fail -eq 0 ] && echo "dict_tools: check and lookup behave"
exit $fail
